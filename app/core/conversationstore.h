#pragma once

#include "common/conversation.h"
#include "common/result.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace Confab::Client {

class RealtimeClient;
class Session;

/// Owns the list of the user's conversations, most recent activity first (updatedAt, then
/// id, descending). Kept current by CONVERSATION_CREATED and MESSAGE_CREATED events (a
/// message raises its conversation to the top and, from someone else, counts as unread),
/// and reloaded from the server after every READY to catch up on what was missed.
///
/// Changes are announced as row ranges (insert, move, change) for ConversationListModel.
class ConversationStore : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool loaded READ isLoaded NOTIFY loadedChanged)
public:
    /// `realtime` may be null (no live updates).
    ConversationStore(Session *session, RealtimeClient *realtime, QObject *parent = nullptr);

    int count() const { return int(m_items.size()); }
    const Conversation &at(int row) const { return m_items.at(row); }
    int rowOf(qint64 conversationId) const;
    bool isLoaded() const { return m_loaded; }
    /// A (re)load is under way or queued.
    bool isLoading() const { return m_loading || m_loadAgain; }

    /// Loads (or reloads and merges) the whole list.
    void load();
    /// The user has read the conversation: its unread count becomes 0 here. (This protocol
    /// version cannot tell the server.)
    void markRead(qint64 conversationId);

Q_SIGNALS:
    void aboutToInsert(int row);
    void inserted(int row);
    void aboutToMove(int from, int to); ///< `to` is the row after the move
    void moved(int from, int to);
    void changed(int row);
    void loadedChanged();
    void loadFailed(const Confab::Error &error);

private:
    QCoro::Task<> doLoad();
    QCoro::Task<> fetchUnknown(qint64 conversationId);
    void upsert(const Conversation &conversation);
    void onMessage(const Message &message);
    /// Moves the conversation at `row` to where its activity puts it; announces it.
    void reposition(int row);
    int sortedRow(const Conversation &conversation, int ignoringRow) const;

    QPointer<Session> m_session;
    QList<Conversation> m_items;
    QSet<qint64> m_fetching;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_loadAgain = false;
};

} // namespace Confab::Client
