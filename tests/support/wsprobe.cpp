#include "tests/support/wsprobe.h"

#include "tests/support/certificatefingerprint.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

namespace Confab::Testing {

WsProbe::WsProbe()
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        m_frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = quint16(m_socket.closeCode());
    });
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &) {
        if (!m_pinnedFingerprint.isEmpty()
            && certificateFingerprint(m_socket.sslConfiguration().peerCertificate())
                == m_pinnedFingerprint)
            m_socket.ignoreSslErrors();
    });
}

bool WsProbe::open(const QUrl &url, const QString &token)
{
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
    bool connected = false;
    bool failed = false;
    const QMetaObject::Connection onConnected =
        connect(&m_socket, &QWebSocket::connected, this, [&] { connected = true; });
    const QMetaObject::Connection onFailed =
        connect(&m_socket, &QWebSocket::disconnected, this, [&] { failed = true; });
    m_socket.open(request);
    [[maybe_unused]] const bool settled =
        QTest::qWaitFor([&] { return connected || failed; }, 10000);
    disconnect(onConnected);
    disconnect(onFailed);
    return connected;
}

bool WsProbe::openReady(const QUrl &url, const QString &token)
{
    return open(url, token) && !waitFor(QStringLiteral("READY")).isEmpty();
}

void WsProbe::sendJson(const QJsonObject &frame)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

QJsonObject WsProbe::waitFor(const QString &type, int timeoutMs)
{
    QJsonObject found;
    const auto take = [&] {
        for (qsizetype i = 0; i < m_frames.size(); ++i) {
            if (m_frames.at(i).value(QStringLiteral("type")).toString() == type) {
                found = m_frames.takeAt(i);
                return true;
            }
        }
        return false;
    };
    [[maybe_unused]] const bool arrived = QTest::qWaitFor(take, timeoutMs);
    return found;
}

bool WsProbe::staysSilent(const QString &type, int ms)
{
    QTest::qWait(ms);
    return countOf(type) == 0;
}

int WsProbe::countOf(const QString &type) const
{
    return int(std::count_if(m_frames.begin(), m_frames.end(), [&](const QJsonObject &frame) {
        return frame.value(QStringLiteral("type")).toString() == type;
    }));
}

bool WsProbe::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
}

} // namespace Confab::Testing
