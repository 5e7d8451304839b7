#include "app/core/apiclient.h"

#include "app/core/accesstokensource.h"
#include "app/core/httptransport.h"

#include "common/timeformat.h"

#include <QJsonArray>

namespace Confab::Client {

namespace {

// Decoders run outside the coroutines (GCC 12: no aggregates built inside them).
template<typename T>
Result<T> decode(const Result<QJsonObject> &reply)
{
    if (!reply)
        return reply.error();
    Result<T> value = T::fromJson(*reply);
    if (!value)
        return makeError(0, QStringLiteral("invalid_response"), value.error().message);
    return value;
}

template<typename T>
Result<QList<T>> decodeList(const Result<QJsonObject> &reply, const QString &key)
{
    if (!reply)
        return reply.error();
    QList<T> items;
    const QJsonArray array = reply->value(key).toArray();
    for (const QJsonValue &value : array) {
        Result<T> item = T::fromJson(value.toObject());
        if (!item)
            return makeError(0, QStringLiteral("invalid_response"), item.error().message);
        items.append(std::move(item).value());
    }
    return items;
}

Result<void> decodeVoid(const Result<QJsonObject> &reply)
{
    if (!reply)
        return reply.error();
    return {};
}

QUrlQuery messageQuery(const MessageQuery &query)
{
    QUrlQuery result;
    if (query.before > 0)
        result.addQueryItem(QStringLiteral("before"), QString::number(query.before));
    if (query.after > 0)
        result.addQueryItem(QStringLiteral("after"), QString::number(query.after));
    if (query.limit > 0)
        result.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    return result;
}

QUrlQuery searchQuery(const QString &text)
{
    QUrlQuery result;
    result.addQueryItem(
        QStringLiteral("query"), QString::fromLatin1(QUrl::toPercentEncoding(text)));
    return result;
}

QUrlQuery changesQuery(const QDateTime &since, int limit)
{
    QUrlQuery result;
    result.addQueryItem(QStringLiteral("since"),
        QString::fromLatin1(QUrl::toPercentEncoding(formatTimestamp(since))));
    if (limit > 0)
        result.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return result;
}

QJsonObject editBody(const QString &content)
{
    EditMessageRequest request;
    request.content = content;
    return request.toJson();
}

QJsonObject markReadBody(qint64 messageId)
{
    MarkReadRequest request;
    request.messageId = messageId;
    return request.toJson();
}

Result<ReadEvent> decodeRead(const Result<QJsonObject> &reply)
{
    if (!reply)
        return reply.error();
    Result<ReadEvent> value = ReadEvent::fromPayload(*reply);
    if (!value)
        return makeError(0, QStringLiteral("invalid_response"), value.error().message);
    return value;
}

Result<QString> decodeString(const Result<QJsonObject> &reply, const QString &key)
{
    if (!reply)
        return reply.error();
    const QString value = reply->value(key).toString();
    if (value.isEmpty()) {
        return makeError(0, QStringLiteral("invalid_response"),
            QStringLiteral("The answer has no %1.").arg(key));
    }
    return value;
}

QJsonObject registrationBody(const QString &mode)
{
    QJsonObject body;
    body.insert(QStringLiteral("registration"), mode);
    return body;
}

bool isExpiredToken(const Result<QJsonObject> &reply)
{
    return !reply && reply.error().httpStatus == 401
        && reply.error().code == QLatin1StringView("unauthorized");
}

} // namespace

ApiClient::ApiClient(QUrl serverUrl, QObject *parent)
    : QObject(parent)
    , m_transport(new HttpTransport(std::move(serverUrl), this))
{ }

ApiClient::~ApiClient() = default;

QUrl ApiClient::serverUrl() const
{
    return m_transport->baseUrl();
}

QCoro::Task<Result<QJsonObject>> ApiClient::anonymous(QString path, QJsonObject body)
{
    auto task = m_transport->request(QByteArrayLiteral("POST"), path, {}, body, {});
    Result<QJsonObject> reply = co_await task;
    co_return reply;
}

QCoro::Task<Result<QJsonObject>> ApiClient::authorized(
    QByteArray method, QString path, QUrlQuery query, std::optional<QJsonObject> body)
{
    QPointer<ApiClient> self(this);
    const QString token = m_tokenSource ? m_tokenSource->accessToken() : QString();
    auto first = m_transport->request(method, path, query, body, token);
    Result<QJsonObject> reply = co_await first;
    if (!self || !isExpiredToken(reply) || !m_tokenSource)
        co_return reply;

    auto renewal = m_tokenSource->renewAccessToken(token);
    const bool renewed = co_await renewal;
    if (!self) // destroyed while the token was renewed: its requests are cancelled
        co_return HttpTransport::cancelledError();
    if (!renewed || !m_tokenSource)
        co_return reply;
    auto second = m_transport->request(method, path, query, body, m_tokenSource->accessToken());
    Result<QJsonObject> retried = co_await second;
    co_return retried;
}

QCoro::Task<Result<AuthResponse>> ApiClient::registerUser(RegisterRequest request)
{
    auto task = anonymous(QStringLiteral("/api/auth/register"), request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<AuthResponse>(reply);
}

QCoro::Task<Result<AuthResponse>> ApiClient::login(LoginRequest request)
{
    auto task = anonymous(QStringLiteral("/api/auth/login"), request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<AuthResponse>(reply);
}

QCoro::Task<Result<AuthResponse>> ApiClient::refresh(QString refreshToken)
{
    RefreshRequest request;
    request.refreshToken = refreshToken;
    auto task = anonymous(QStringLiteral("/api/auth/refresh"), request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<AuthResponse>(reply);
}

QCoro::Task<Result<void>> ApiClient::logout(QString refreshToken)
{
    RefreshRequest request;
    request.refreshToken = refreshToken;
    auto task = anonymous(QStringLiteral("/api/auth/logout"), request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decodeVoid(reply);
}

QCoro::Task<Result<User>> ApiClient::me()
{
    auto task = authorized(QByteArrayLiteral("GET"), QStringLiteral("/api/users/me"), {}, {});
    const Result<QJsonObject> reply = co_await task;
    co_return decode<User>(reply);
}

QCoro::Task<Result<User>> ApiClient::user(qint64 id)
{
    auto task =
        authorized(QByteArrayLiteral("GET"), QStringLiteral("/api/users/%1").arg(id), {}, {});
    const Result<QJsonObject> reply = co_await task;
    co_return decode<User>(reply);
}

QCoro::Task<Result<QList<User>>> ApiClient::searchUsers(QString query)
{
    auto task =
        authorized(QByteArrayLiteral("GET"), QStringLiteral("/api/users"), searchQuery(query), {});
    const Result<QJsonObject> reply = co_await task;
    co_return decodeList<User>(reply, QStringLiteral("users"));
}

QCoro::Task<Result<QList<Conversation>>> ApiClient::conversations()
{
    auto task = authorized(QByteArrayLiteral("GET"), QStringLiteral("/api/conversations"), {}, {});
    const Result<QJsonObject> reply = co_await task;
    co_return decodeList<Conversation>(reply, QStringLiteral("conversations"));
}

QCoro::Task<Result<Conversation>> ApiClient::conversation(qint64 id)
{
    auto task = authorized(
        QByteArrayLiteral("GET"), QStringLiteral("/api/conversations/%1").arg(id), {}, {});
    const Result<QJsonObject> reply = co_await task;
    co_return decode<Conversation>(reply);
}

QCoro::Task<Result<Conversation>> ApiClient::createConversation(CreateConversationRequest request)
{
    auto task = authorized(
        QByteArrayLiteral("POST"), QStringLiteral("/api/conversations"), {}, request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<Conversation>(reply);
}

QCoro::Task<Result<MessagePage>> ApiClient::messages(qint64 conversationId, MessageQuery query)
{
    auto task = authorized(QByteArrayLiteral("GET"),
        QStringLiteral("/api/conversations/%1/messages").arg(conversationId), messageQuery(query),
        {});
    const Result<QJsonObject> reply = co_await task;
    co_return decode<MessagePage>(reply);
}

QCoro::Task<Result<Message>> ApiClient::sendMessage(
    qint64 conversationId, SendMessageRequest request)
{
    auto task = authorized(QByteArrayLiteral("POST"),
        QStringLiteral("/api/conversations/%1/messages").arg(conversationId), {}, request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<Message>(reply);
}

QCoro::Task<Result<Message>> ApiClient::editMessage(qint64 messageId, QString content)
{
    auto task = authorized(QByteArrayLiteral("PUT"),
        QStringLiteral("/api/messages/%1").arg(messageId), {}, editBody(content));
    const Result<QJsonObject> reply = co_await task;
    co_return decode<Message>(reply);
}

QCoro::Task<Result<void>> ApiClient::deleteMessage(qint64 messageId)
{
    auto task = authorized(
        QByteArrayLiteral("DELETE"), QStringLiteral("/api/messages/%1").arg(messageId), {}, {});
    const Result<QJsonObject> reply = co_await task;
    co_return decodeVoid(reply);
}

// Groups and profiles.

QCoro::Task<Result<Conversation>> ApiClient::addParticipant(qint64 conversationId, qint64 userId)
{
    const AddParticipantRequest request(userId);
    auto task = authorized(QByteArrayLiteral("POST"),
        QStringLiteral("/api/conversations/%1/participants").arg(conversationId), {},
        request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<Conversation>(reply);
}

QCoro::Task<Result<void>> ApiClient::removeParticipant(qint64 conversationId, qint64 userId)
{
    auto task = authorized(QByteArrayLiteral("DELETE"),
        QStringLiteral("/api/conversations/%1/participants/%2").arg(conversationId).arg(userId), {},
        {});
    const Result<QJsonObject> reply = co_await task;
    co_return decodeVoid(reply);
}

QCoro::Task<Result<MessageChanges>> ApiClient::messageChanges(
    qint64 conversationId, QDateTime since, int limit)
{
    auto task = authorized(QByteArrayLiteral("GET"),
        QStringLiteral("/api/conversations/%1/changes").arg(conversationId),
        changesQuery(since, limit), {});
    const Result<QJsonObject> reply = co_await task;
    co_return decode<MessageChanges>(reply);
}

QCoro::Task<Result<ReadEvent>> ApiClient::markRead(qint64 conversationId, qint64 messageId)
{
    auto task = authorized(QByteArrayLiteral("POST"),
        QStringLiteral("/api/conversations/%1/read").arg(conversationId), {},
        markReadBody(messageId));
    const Result<QJsonObject> reply = co_await task;
    co_return decodeRead(reply);
}

QCoro::Task<Result<Conversation>> ApiClient::setParticipantRole(
    qint64 conversationId, qint64 userId, ParticipantRole role)
{
    const UpdateParticipantRequest request(roleToString(role));
    auto task = authorized(QByteArrayLiteral("PATCH"),
        QStringLiteral("/api/conversations/%1/participants/%2").arg(conversationId).arg(userId), {},
        request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<Conversation>(reply);
}

QCoro::Task<Result<Conversation>> ApiClient::renameConversation(
    qint64 conversationId, QString title)
{
    const UpdateConversationRequest request(title);
    auto task = authorized(QByteArrayLiteral("PATCH"),
        QStringLiteral("/api/conversations/%1").arg(conversationId), {}, request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<Conversation>(reply);
}

QCoro::Task<Result<User>> ApiClient::updateProfile(UpdateProfileRequest request)
{
    auto task = authorized(
        QByteArrayLiteral("PATCH"), QStringLiteral("/api/users/me"), {}, request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<User>(reply);
}

QCoro::Task<Result<User>> ApiClient::uploadAvatar(QByteArray picture, QByteArray contentType)
{
    QPointer<ApiClient> self(this);
    const QString path = QStringLiteral("/api/users/me/avatar");
    const QString token = m_tokenSource ? m_tokenSource->accessToken() : QString();
    auto first = m_transport->upload(QByteArrayLiteral("PUT"), path, picture, contentType, token);
    Result<QJsonObject> reply = co_await first;
    if (self && isExpiredToken(reply) && m_tokenSource) {
        auto renewal = m_tokenSource->renewAccessToken(token);
        const bool renewed = co_await renewal;
        if (!self)
            co_return HttpTransport::cancelledError();
        if (renewed && m_tokenSource) {
            auto second = m_transport->upload(
                QByteArrayLiteral("PUT"), path, picture, contentType, m_tokenSource->accessToken());
            reply = co_await second;
        }
    }
    co_return decode<User>(reply);
}

QCoro::Task<Result<AuthResponse>> ApiClient::changePassword(ChangePasswordRequest request)
{
    auto task = authorized(
        QByteArrayLiteral("POST"), QStringLiteral("/api/auth/password"), {}, request.toJson());
    const Result<QJsonObject> reply = co_await task;
    co_return decode<AuthResponse>(reply);
}

QCoro::Task<Result<QByteArray>> ApiClient::avatar(QString profilePictureUrl)
{
    QPointer<ApiClient> self(this);
    const QUrl url(profilePictureUrl);
    const QString token = m_tokenSource ? m_tokenSource->accessToken() : QString();
    auto first = m_transport->download(url, token);
    Result<QByteArray> bytes = co_await first;
    if (self && !bytes && bytes.error().httpStatus == 401 && m_tokenSource) {
        auto renewal = m_tokenSource->renewAccessToken(token);
        const bool renewed = co_await renewal;
        if (!self)
            co_return HttpTransport::cancelledError();
        if (renewed && m_tokenSource) {
            auto second = m_transport->download(url, m_tokenSource->accessToken());
            bytes = co_await second;
        }
    }
    co_return bytes;
}

QCoro::Task<Result<QString>> ApiClient::registrationMode()
{
    auto task = authorized(QByteArrayLiteral("GET"), QStringLiteral("/api/admin/settings"), {}, {});
    const Result<QJsonObject> reply = co_await task;
    co_return decodeString(reply, QStringLiteral("registration"));
}

QCoro::Task<Result<QString>> ApiClient::setRegistrationMode(QString mode)
{
    auto task = authorized(QByteArrayLiteral("PUT"), QStringLiteral("/api/admin/settings"), {},
        registrationBody(mode));
    const Result<QJsonObject> reply = co_await task;
    co_return decodeString(reply, QStringLiteral("registration"));
}

QCoro::Task<Result<QString>> ApiClient::createInvite()
{
    auto task = authorized(
        QByteArrayLiteral("POST"), QStringLiteral("/api/admin/invites"), {}, QJsonObject());
    const Result<QJsonObject> reply = co_await task;
    co_return decodeString(reply, QStringLiteral("code"));
}

} // namespace Confab::Client
