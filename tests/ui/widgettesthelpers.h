#pragma once

// Small helpers shared by the widget tests: screenshots, a dark palette, named children.

#include <QColor>
#include <QDir>
#include <QPalette>
#include <QPixmap>
#include <QTest>
#include <QWidget>

namespace Confab::Testing {

/// Saves `shot` as `<build>/tests/screenshots/<name>` (look at them: a screen that looks
/// wrong is a bug even when the test passes).
inline void saveScreenshot(const QPixmap &shot, const QString &name)
{
    const QString dir = QDir::currentPath() + QStringLiteral("/screenshots/");
    QDir().mkpath(dir);
    QVERIFY(shot.save(dir + name));
}

/// Saves what `widget` shows, as above.
inline void saveScreenshot(QWidget &widget, const QString &name)
{
    saveScreenshot(widget.grab(), name);
}

/// A dark desktop palette, to check that every widget stays readable in it.
inline QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x24, 0x24, 0x24));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Base, QColor(0x1b, 0x1b, 0x1b));
    dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Button, QColor(0x33, 0x33, 0x33));
    dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(0x99, 0x99, 0x99));
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x99, 0x99, 0x99));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x99, 0x99, 0x99));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x88, 0x88, 0x88));
    return dark;
}

/// The child of `parent` with that object name; the test aborts when there is none.
template<typename T>
T *child(QObject &parent, const char *name)
{
    auto *object = parent.findChild<T *>(QLatin1StringView(name));
    if (!object)
        qFatal("no child named %s", name);
    return object;
}

} // namespace Confab::Testing
