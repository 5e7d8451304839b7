#include "app/ui/errorlabel.h"

#include <QEvent>

namespace Confab::Ui {

ErrorLabel::ErrorLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setVisible(false);
    applyColor();
}

void ErrorLabel::showError(const QString &message)
{
    setText(message.isEmpty() ? tr("Can't reach the server.") : message);
    setVisible(true);
}

void ErrorLabel::clearError()
{
    clear();
    setVisible(false);
}

void ErrorLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applying)
        applyColor();
}

void ErrorLabel::applyColor()
{
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    QPalette colors = palette();
    colors.setColor(
        QPalette::WindowText, dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28));
    m_applying = true; // setPalette() sends a PaletteChange of its own
    setPalette(colors);
    m_applying = false;
}

} // namespace Confab::Ui
