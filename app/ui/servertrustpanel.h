#pragma once

#include "app/core/tlstrust.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace Confab::Ui {

/// Asks, inside the sign-in window, whether to trust a server certificate that was refused:
/// shows its SHA-256 fingerprint to compare and offers Trust or Cancel. A certificate that
/// changed since it was trusted gets a red warning naming both fingerprints.
class ServerTrustPanel : public QFrame
{
    Q_OBJECT
public:
    explicit ServerTrustPanel(QWidget *parent = nullptr);

    void showRefusal(const Client::TlsTrust::Refusal &refusal);
    bool isWarning() const { return m_refusal.kind == Client::TlsTrust::Refusal::Kind::Changed; }
    /// A SHA-256 fingerprint as two lines of 16 pairs: how guests and the host both see it.
    static QString groupedFingerprint(const QString &fingerprint);

Q_SIGNALS:
    /// The user trusts `fingerprint` for `server`.
    void trusted(const QUrl &server, const QString &fingerprint);
    void cancelled();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    Client::TlsTrust::Refusal m_refusal;
    bool m_applyingColours = false;
    QLabel *m_title;
    QLabel *m_explanation;
    QLabel *m_previousCaption;
    QLabel *m_previous;
    QLabel *m_currentCaption;
    QLabel *m_current;
    QPushButton *m_trust;
    QPushButton *m_cancel;
};

} // namespace Confab::Ui
