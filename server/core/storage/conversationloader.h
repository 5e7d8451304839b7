#pragma once

#include "server/core/storage/sqlcontext.h"

#include "common/conversation.h"

#include <QVariantList>

namespace Confab::Server {

/// Builds full Conversation objects for one viewer with two queries however many
/// conversations there are (the conversations with their last messages and the viewer's
/// unread counts; the participants with their users), so listing a user's conversations is
/// never N+1.
class ConversationLoader
{
public:
    /// Which conversations to load: `condition` is SQL in which %1 stands for a conversation
    /// id column, with `values` for its placeholders. It must only admit conversations the
    /// viewer takes part in.
    struct Scope
    {
        QString condition;
        QVariantList values;
    };
    static Scope viewerParticipates(qint64 viewerId);
    static Scope oneIfViewerParticipates(qint64 conversationId, qint64 viewerId);

    explicit ConversationLoader(SqlContext &context)
        : m_context(context)
    { }

    /// The conversations in scope, latest activity first.
    Result<QList<Conversation>> load(qint64 viewerId, const Scope &scope);

private:
    Result<void> loadParticipants(const Scope &scope, QList<Conversation> &conversations,
        const QHash<qint64, qsizetype> &index);

    SqlContext &m_context;
};

} // namespace Confab::Server
