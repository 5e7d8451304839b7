#pragma once

#include "common/authrequests.h"
#include "common/authresponse.h"
#include "common/conversation.h"
#include "common/conversationrequests.h"
#include "common/events.h"
#include "common/messagerequests.h"
#include "common/participantrequests.h"
#include "common/profilerequests.h"
#include "common/result.h"
#include "common/user.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

namespace Confab::Client {

class AccessTokenSource;
class HttpTransport;

/// Which page of a conversation's history to load (protocol §6, GET …/messages).
struct MessageQuery
{
    qint64 before = 0; ///< 0: not given
    qint64 after = 0; ///< 0: not given
    int limit = 0; ///< 0: the server's default (50)
};

/// The typed REST API of the server. Every call is a coroutine that answers a Result; routes
/// that need a bearer token take it from the AccessTokenSource and, when the server answers
/// 401 unauthorized, ask it for a fresh token and retry once.
///
/// Destroying the client ends every call under way: its HttpTransport aborts the requests,
/// and each awaiting coroutine resumes before the destructor returns with the `cancelled`
/// error (also when the client went away while a token was being renewed).
class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(QUrl serverUrl, QObject *parent = nullptr);
    ~ApiClient() override;

    QUrl serverUrl() const;
    HttpTransport &transport() { return *m_transport; }
    void setTokenSource(AccessTokenSource *source) { m_tokenSource = source; }

    QCoro::Task<Result<AuthResponse>> registerUser(RegisterRequest request);
    QCoro::Task<Result<AuthResponse>> login(LoginRequest request);
    QCoro::Task<Result<AuthResponse>> refresh(QString refreshToken);
    QCoro::Task<Result<void>> logout(QString refreshToken);

    QCoro::Task<Result<User>> me();
    QCoro::Task<Result<User>> user(qint64 id);
    QCoro::Task<Result<QList<User>>> searchUsers(QString query);

    QCoro::Task<Result<QList<Conversation>>> conversations();
    QCoro::Task<Result<Conversation>> conversation(qint64 id);
    QCoro::Task<Result<Conversation>> createConversation(CreateConversationRequest request);

    QCoro::Task<Result<MessagePage>> messages(qint64 conversationId, MessageQuery query);
    QCoro::Task<Result<Message>> sendMessage(qint64 conversationId, SendMessageRequest request);

    // Editing, deleting, the changes feed and read markers (protocol §6).
    QCoro::Task<Result<Message>> editMessage(qint64 messageId, QString content);
    QCoro::Task<Result<void>> deleteMessage(qint64 messageId);
    QCoro::Task<Result<MessageChanges>> messageChanges(
        qint64 conversationId, QDateTime since, int limit);
    QCoro::Task<Result<ReadEvent>> markRead(qint64 conversationId, qint64 messageId);

    // Groups and profiles (protocol §6, "Managing groups" and the profile routes).
    QCoro::Task<Result<Conversation>> addParticipant(qint64 conversationId, qint64 userId);
    /// Removes `userId` from the group; with the caller's own id, leaves it.
    QCoro::Task<Result<void>> removeParticipant(qint64 conversationId, qint64 userId);
    QCoro::Task<Result<Conversation>> setParticipantRole(
        qint64 conversationId, qint64 userId, ParticipantRole role);
    QCoro::Task<Result<Conversation>> renameConversation(qint64 conversationId, QString title);
    QCoro::Task<Result<User>> updateProfile(UpdateProfileRequest request);
    /// `contentType` is image/png, image/jpeg or image/webp.
    QCoro::Task<Result<User>> uploadAvatar(QByteArray picture, QByteArray contentType);
    QCoro::Task<Result<AuthResponse>> changePassword(ChangePasswordRequest request);
    /// The bytes of a user's picture: `profilePictureUrl` as the User carries it.
    QCoro::Task<Result<QByteArray>> avatar(QString profilePictureUrl);

    // Server administration (protocol, "Server administration"; the administrator only).
    /// Who may register: "open" or "invite".
    QCoro::Task<Result<QString>> registrationMode();
    /// Sets who may register ("open" or "invite") and answers the mode now in force.
    QCoro::Task<Result<QString>> setRegistrationMode(QString mode);
    /// Mints an invite code that never expires and works once; the server shows it only now.
    QCoro::Task<Result<QString>> createInvite();

private:
    /// A request with the bearer token, renewed and retried once on 401 unauthorized.
    QCoro::Task<Result<QJsonObject>> authorized(
        QByteArray method, QString path, QUrlQuery query, std::optional<QJsonObject> body);
    QCoro::Task<Result<QJsonObject>> anonymous(QString path, QJsonObject body);

    HttpTransport *m_transport;
    AccessTokenSource *m_tokenSource = nullptr;
};

} // namespace Confab::Client
