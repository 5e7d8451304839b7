#include "server/core/http/httprequestframer.h"

#include <algorithm>

namespace Confab::Server {

namespace {

constexpr QByteArrayView kHeaderEnd {"\r\n\r\n"};

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

QByteArrayView trimmedOws(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

bool listContainsToken(QByteArrayView list, QByteArrayView token)
{
    for (const QByteArrayView item : QByteArray::fromRawData(list.data(), list.size()).split(','))
        if (equalsIgnoringCase(trimmedOws(item), token))
            return true;
    return false;
}

// Methods QHttpServer's parser knows and our API can use; CONNECT and TRACE have no business here.
bool isAllowedMethod(QByteArrayView method)
{
    static const QByteArrayView allowed[] = {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    return std::find(std::begin(allowed), std::end(allowed), method) != std::end(allowed);
}

bool isValidTarget(QByteArrayView target)
{
    return !target.isEmpty() && std::all_of(target.begin(), target.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f;
    });
}

} // namespace

HttpRequestFramer::HttpRequestFramer(const HttpLimits &limits)
    : m_limits(limits)
    , m_bodyLimit(limits.maxBodyBytes)
{ }

HttpRequestFramer::Step HttpRequestFramer::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        switch (m_state) {
        case State::BetweenRequests:
            // RFC 9112 §2.2: empty lines before a request line are ignored (QHttpServer does too).
            if (data.at(pos) == '\r' || data.at(pos) == '\n') {
                ++pos;
                break;
            }
            m_state = State::Headers;
            m_headerSection.clear();
            break;
        case State::Headers: {
            const qsizetype oldSize = m_headerSection.size();
            // Never hold more than one byte past the limit: that byte is enough to know the
            // section is too large.
            const qsizetype take =
                std::min<qsizetype>(data.size() - pos, m_limits.maxHeaderBytes + 1 - oldSize);
            m_headerSection.append(data.sliced(pos, take));
            const qsizetype end =
                m_headerSection.indexOf(kHeaderEnd, std::max<qsizetype>(0, oldSize - 3));
            if (end < 0) {
                pos += take;
                if (m_headerSection.size() > m_limits.maxHeaderBytes)
                    return reject(pos, Rejection::HeadersTooLarge);
                break;
            }
            const qsizetype sectionSize = end + kHeaderEnd.size();
            if (sectionSize > m_limits.maxHeaderBytes)
                return reject(pos + take, Rejection::HeadersTooLarge);
            pos += take - (m_headerSection.size() - sectionSize);
            m_headerSection.truncate(sectionSize);
            const Step step = finishHeaderSection(pos);
            if (step.outcome != Outcome::NeedMoreData)
                return step;
            break;
        }
        case State::Body: {
            const qint64 take = std::min<qint64>(m_bodyRemaining, data.size() - pos);
            pos += take;
            m_bodyRemaining -= take;
            if (m_bodyRemaining == 0) {
                m_state = State::BetweenRequests;
                m_bodyLimit = m_limits.maxBodyBytes;
                return {pos, Outcome::RequestComplete};
            }
            break;
        }
        case State::Upgraded:
            return {pos, Outcome::UpgradeComplete};
        case State::Failed:
            return {pos, Outcome::Rejected};
        }
    }
    return {pos, Outcome::NeedMoreData};
}

HttpRequestFramer::Step HttpRequestFramer::reject(qsizetype consumed, Rejection rejection)
{
    m_state = State::Failed;
    m_rejection = rejection;
    m_headerSection = QByteArray();
    return {consumed, Outcome::Rejected};
}

HttpRequestFramer::Step HttpRequestFramer::finishHeaderSection(qsizetype consumed)
{
    // Without the blank line; every line in it ended with CRLF.
    const QByteArrayView section =
        QByteArrayView(m_headerSection).first(m_headerSection.size() - kHeaderEnd.size());
    const QList<QByteArray> lines =
        QByteArray::fromRawData(section.data(), section.size()).split('\n');
    // split('\n') leaves the CR of each CRLF, except on the last line; a line without it had a
    // bare LF, and a CR anywhere else is a bare CR: both are framing ambiguities.
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArrayView line = lines.at(i);
        const bool last = i == lines.size() - 1;
        const QByteArrayView content = last ? line : line.chopped(line.endsWith('\r') ? 1 : 0);
        if ((!last && !line.endsWith('\r')) || content.contains('\r'))
            return reject(consumed, Rejection::BadRequest);
    }
    auto lineAt = [&lines](qsizetype i) {
        const QByteArrayView line = lines.at(i);
        return i == lines.size() - 1 ? line : line.chopped(1);
    };

    const QByteArrayView requestLine = lineAt(0);
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0)
        return reject(consumed, Rejection::BadRequest);
    const QByteArrayView method = requestLine.first(sp1);
    const QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isAllowedMethod(method) || !isValidTarget(target)
        || (version != "HTTP/1.1" && version != "HTTP/1.0"))
        return reject(consumed, Rejection::BadRequest);

    qint64 contentLength = 0;
    bool sawContentLength = false;
    bool sawTransferEncoding = false;
    bool connectionUpgrade = false;
    QByteArrayView upgrade;
    bool sawUpgrade = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lineAt(i);
        const qsizetype colon = line.indexOf(':');
        // A leading space or tab would be obsolete line folding; isToken() rejects it.
        if (colon <= 0 || !isToken(line.first(colon)))
            return reject(consumed, Rejection::BadRequest);
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
        if (!std::all_of(value.begin(), value.end(), isFieldValueChar))
            return reject(consumed, Rejection::BadRequest);
        if (equalsIgnoringCase(name, "content-length")) {
            if (sawContentLength || value.isEmpty() || value.size() > 18
                || !std::all_of(
                    value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return reject(consumed, Rejection::BadRequest);
            sawContentLength = true;
            contentLength = value.toLongLong();
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            sawTransferEncoding = true;
        } else if (equalsIgnoringCase(name, "connection")) {
            connectionUpgrade = connectionUpgrade || listContainsToken(value, "upgrade");
        } else if (equalsIgnoringCase(name, "upgrade")) {
            if (sawUpgrade)
                return reject(consumed, Rejection::BadRequest);
            sawUpgrade = true;
            upgrade = value;
        }
    }
    if (sawTransferEncoding)
        return reject(consumed, Rejection::LengthRequired);

    m_bodyLimit = m_limits.bodyLimitFor(method, target);
    if (contentLength > m_bodyLimit)
        return reject(consumed, Rejection::PayloadTooLarge);

    // QHttpServer hands a request to the WebSocket server exactly when its parser flags an
    // upgrade (Upgrade plus "Connection: upgrade") and the Upgrade value is "websocket". We must
    // agree with it: stopping our checks for a request it still treats as HTTP would leave that
    // connection unguarded. Any other upgrade is refused rather than left to chance.
    if (sawUpgrade && connectionUpgrade) {
        if (method != "GET" || !equalsIgnoringCase(upgrade, "websocket") || contentLength != 0)
            return reject(consumed, Rejection::BadRequest);
        m_state = State::Upgraded;
        m_upgradeRequest = std::exchange(m_headerSection, {});
        return {consumed, Outcome::UpgradeComplete};
    }

    m_headerSection.clear();
    if (contentLength == 0) {
        m_state = State::BetweenRequests;
        m_bodyLimit = m_limits.maxBodyBytes;
        return {consumed, Outcome::RequestComplete};
    }
    m_state = State::Body;
    m_bodyRemaining = contentLength;
    return {consumed, Outcome::NeedMoreData};
}

} // namespace Confab::Server
