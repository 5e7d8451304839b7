#pragma once

#include "server/core/storage/avatarrepository.h"
#include "server/core/storage/conversationrepository.h"
#include "server/core/storage/grouprepository.h"
#include "server/core/storage/inviterepository.h"
#include "server/core/storage/messagechangerepository.h"
#include "server/core/storage/messagerepository.h"
#include "server/core/storage/refreshtokenrepository.h"
#include "server/core/storage/serversettingrepository.h"
#include "server/core/storage/sqlcontext.h"
#include "server/core/storage/userrepository.h"

namespace Confab::Server {

/// Everything a database job may use: one connection and the repositories over it.
/// Lives on (and is only used from) one database worker thread.
class Storage
{
public:
    explicit Storage(SqlContext context)
        : m_context(std::move(context))
        , m_users(m_context)
        , m_conversations(m_context)
        , m_messages(m_context)
        , m_refreshTokens(m_context)
        , m_messageChanges(m_context)
        , m_groups(m_context)
        , m_avatars(m_context)
        , m_invites(m_context)
        , m_serverSettings(m_context)
    { }
    Storage(const Storage &) = delete;
    Storage &operator=(const Storage &) = delete;

    SqlContext &context() { return m_context; }
    UserRepository &users() { return m_users; }
    ConversationRepository &conversations() { return m_conversations; }
    MessageRepository &messages() { return m_messages; }
    RefreshTokenRepository &refreshTokens() { return m_refreshTokens; }
    MessageChangeRepository &messageChanges() { return m_messageChanges; }
    GroupRepository &groups() { return m_groups; }
    AvatarRepository &avatars() { return m_avatars; }
    InviteRepository &invites() { return m_invites; }
    ServerSettingRepository &serverSettings() { return m_serverSettings; }

private:
    SqlContext m_context;
    UserRepository m_users;
    ConversationRepository m_conversations;
    MessageRepository m_messages;
    RefreshTokenRepository m_refreshTokens;
    MessageChangeRepository m_messageChanges;
    GroupRepository m_groups;
    AvatarRepository m_avatars;
    InviteRepository m_invites;
    ServerSettingRepository m_serverSettings;
};

} // namespace Confab::Server
