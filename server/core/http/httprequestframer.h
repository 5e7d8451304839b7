#pragma once

#include "server/core/http/httplimits.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Confab::Server {

/// Incremental HTTP/1.1 request framing: finds where each request (request line, header fields,
/// Content-Length body) ends in a byte stream that arrives in arbitrary pieces, and decides
/// whether the request is within the limits. It keeps only the header section of the current
/// request; body bytes are counted, never stored.
///
/// It is deliberately stricter than QHttpServer's parser: whenever the two could disagree about
/// where a request ends (bare LF, folded lines, duplicate Content-Length, Transfer-Encoding),
/// the request is rejected, so that nothing can be smuggled past the limits.
class HttpRequestFramer
{
public:
    enum class Outcome {
        NeedMoreData, ///< all bytes consumed, the current request (if any) is not complete
        RequestComplete, ///< a request ended; bytes after it were not consumed
        UpgradeComplete, ///< a WebSocket upgrade request ended; the stream is no longer HTTP
        Rejected, ///< see rejection(); the stream cannot be framed any further
    };
    enum class Rejection { None, BadRequest, HeadersTooLarge, PayloadTooLarge, LengthRequired };

    struct Step
    {
        qsizetype consumed = 0;
        Outcome outcome = Outcome::NeedMoreData;
    };

    explicit HttpRequestFramer(const HttpLimits &limits);

    /// Consumes bytes until the data ends or one of the outcomes other than NeedMoreData occurs;
    /// call again with the rest.
    Step feed(QByteArrayView data);

    /// True from the first byte of a request until its last one.
    bool inRequest() const { return m_state == State::Headers || m_state == State::Body; }
    Rejection rejection() const { return m_rejection; }
    /// After UpgradeComplete: the upgrade request's line and header fields, with the blank line.
    QByteArray takeUpgradeRequest() { return std::exchange(m_upgradeRequest, {}); }
    /// The body limit of the request being received (the default one between requests).
    qint64 currentBodyLimit() const { return m_bodyLimit; }

private:
    enum class State { BetweenRequests, Headers, Body, Upgraded, Failed };

    Step reject(qsizetype consumed, Rejection rejection);
    Step finishHeaderSection(qsizetype consumed);

    const HttpLimits m_limits;
    State m_state = State::BetweenRequests;
    Rejection m_rejection = Rejection::None;
    QByteArray m_headerSection;
    QByteArray m_upgradeRequest;
    qint64 m_bodyRemaining = 0;
    qint64 m_bodyLimit = 0;
};

} // namespace Confab::Server
