#pragma once

#include <QJsonObject>
#include <QList>
#include <QUrl>
#include <QWebSocket>

namespace Confab::Testing {

/// A real WebSocket client that records every frame it receives.
class WsProbe : public QObject
{
    Q_OBJECT
public:
    WsProbe();

    /// Opens `url` with the token in the upgrade's Authorization header (empty: no header);
    /// true once connected.
    bool open(const QUrl &url, const QString &token);
    /// Opens and waits for READY.
    bool openReady(const QUrl &url, const QString &token);
    void sendJson(const QJsonObject &frame);

    /// Waits for a frame of `type` not yet taken, and takes it; an empty object on timeout.
    QJsonObject waitFor(const QString &type, int timeoutMs = 5000);
    /// True when no frame of `type` arrives within `ms`.
    bool staysSilent(const QString &type, int ms);
    int countOf(const QString &type) const;

    QWebSocket &socket() { return m_socket; }
    /// Over WSS, trusts exactly the certificate with this SHA-256 fingerprint (AB:CD:…).
    void setPinnedFingerprint(const QString &fingerprint) { m_pinnedFingerprint = fingerprint; }
    quint16 closeCode() const { return m_closeCode; }
    bool isClosed() const { return m_closed; }
    bool waitClosed(int timeoutMs = 15000);

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_frames;
    bool m_closed = false;
    quint16 m_closeCode = 0;
    QString m_pinnedFingerprint;
};

} // namespace Confab::Testing
