#include "app/ui/servertrustpanel.h"

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Confab::Ui {

namespace {

QLabel *makeFingerprintLabel(QWidget *parent, const QString &name, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setAccessibleName(accessibleName);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

ServerTrustPanel::ServerTrustPanel(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("serverTrustPanel"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("trustTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("trustExplanation"));
    m_explanation->setWordWrap(true);

    m_previousCaption = new QLabel(tr("Certificate you trusted before:"), this);
    m_previous = makeFingerprintLabel(
        this, QStringLiteral("previousFingerprint"), tr("Fingerprint trusted before"));
    m_currentCaption = new QLabel(this);
    m_current = makeFingerprintLabel(
        this, QStringLiteral("currentFingerprint"), tr("Fingerprint of the server's certificate"));

    m_trust = new QPushButton(this);
    m_trust->setObjectName(QStringLiteral("trustButton"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelTrustButton"));
    m_cancel->setAccessibleName(tr("Do not trust this certificate"));
    connect(m_trust, &QPushButton::clicked, this,
        [this] { Q_EMIT trusted(m_refusal.server, m_refusal.fingerprint); });
    connect(m_cancel, &QPushButton::clicked, this, &ServerTrustPanel::cancelled);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_trust);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(m_title);
    layout->addWidget(m_explanation);
    layout->addSpacing(4);
    layout->addWidget(m_previousCaption);
    layout->addWidget(m_previous);
    layout->addWidget(m_currentCaption);
    layout->addWidget(m_current);
    layout->addSpacing(4);
    layout->addLayout(buttons);
    setTabOrder(m_cancel, m_trust);
    hide();
}

QString ServerTrustPanel::groupedFingerprint(const QString &fingerprint)
{
    // 32 pairs read best as two lines of 16, like the server prints them on one.
    const QStringList pairs = fingerprint.split(QLatin1Char(':'));
    if (pairs.size() != 32)
        return fingerprint;
    return pairs.mid(0, 16).join(QLatin1Char(':')) + QStringLiteral(":\n")
        + pairs.mid(16).join(QLatin1Char(':'));
}

void ServerTrustPanel::showRefusal(const Client::TlsTrust::Refusal &refusal)
{
    m_refusal = refusal;
    const QString server = refusal.server.host()
        + (refusal.server.port() > 0 ? QStringLiteral(":%1").arg(refusal.server.port())
                                     : QString());
    const bool changed = isWarning();
    if (changed) {
        m_title->setText(tr("Warning: the server's certificate has changed"));
        m_explanation->setText(
            tr("%1 presents a different certificate from the one you trusted. A server may get "
               "a new certificate, but this is also what someone intercepting your connection "
               "would look like. Trust the new certificate only if the server's operator "
               "confirms its fingerprint.")
                .arg(server));
        m_currentCaption->setText(tr("Certificate it presents now:"));
        m_trust->setText(tr("Trust new certificate"));
    } else {
        m_title->setText(tr("Trust this server?"));
        m_explanation->setText(
            tr("%1 uses a certificate that no authority known to this computer vouches for. "
               "Compare its fingerprint with the one the server shows when it starts; trust it "
               "only if they match.")
                .arg(server));
        m_currentCaption->setText(tr("SHA-256 fingerprint:"));
        m_trust->setText(tr("Trust"));
    }
    m_trust->setAccessibleName(m_trust->text());
    m_previous->setText(groupedFingerprint(refusal.pinnedFingerprint));
    m_current->setText(groupedFingerprint(refusal.fingerprint));
    m_previousCaption->setVisible(changed);
    m_previous->setVisible(changed);
    setAccessibleName(m_title->text());
    applyColours();
    show();
    // The safe choice has the focus when something looks wrong.
    (changed ? m_cancel : m_trust)->setFocus();
}

void ServerTrustPanel::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applyingColours)
        applyColours();
}

void ServerTrustPanel::applyColours()
{
    // Derived from the surrounding palette, so that light and dark themes both read well.
    const QPalette base = parentWidget() ? parentWidget()->palette() : QApplication::palette();
    const bool dark = isDark(base);
    QPalette palette = base;
    if (isWarning()) {
        palette.setColor(
            QPalette::Window, dark ? QColor(0x4a, 0x1a, 0x1e) : QColor(0xfc, 0xe4, 0xe6));
        palette.setColor(
            QPalette::WindowText, dark ? QColor(0xff, 0xc4, 0xc8) : QColor(0x8a, 0x10, 0x1c));
    } else {
        palette.setColor(QPalette::Window, base.color(QPalette::AlternateBase));
        palette.setColor(QPalette::WindowText, base.color(QPalette::Text));
    }
    m_applyingColours = true;
    setPalette(palette);
    m_applyingColours = false;
}

} // namespace Confab::Ui
