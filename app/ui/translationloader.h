#pragma once

#include <QObject>
#include <QTranslator>

class QLocale;

namespace Confab::Ui {

/// Installs Confab's translation for a locale (built into the binary under :/i18n) and
/// Qt's own (qtbase, from Qt's translations directory, when it is installed). Loading
/// again replaces what was loaded before; the destructor removes them.
class TranslationLoader : public QObject
{
    Q_OBJECT
public:
    explicit TranslationLoader(QObject *parent = nullptr);
    ~TranslationLoader() override;

    /// True when Confab has a translation for one of the locale's UI languages (English
    /// is the source language and always counts as found).
    bool load(const QLocale &locale);

private:
    void unload();

    QTranslator m_confab;
    QTranslator m_qt;
    bool m_confabInstalled = false;
    bool m_qtInstalled = false;
};

} // namespace Confab::Ui
