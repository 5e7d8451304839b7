#pragma once

#include "common/conversation.h"
#include "common/events.h"
#include "common/result.h"

#include <QCoroTask>
#include <QHash>
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
/// by the group events (CONVERSATION_UPDATED, PARTICIPANT_ADDED/REMOVED: being removed
/// drops the conversation) and USER_UPDATED (participants' profiles), and reloaded from the
/// server after every READY to catch up on what was missed.
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
    /// The conversation with this id, or null when it is not in the list.
    const Conversation *find(qint64 conversationId) const;
    bool isLoaded() const { return m_loaded; }
    /// A (re)load is under way or queued.
    bool isLoading() const { return m_loading || m_loadAgain; }

    /// Loads (or reloads and merges) the whole list.
    void load();
    /// The user has read the conversation up to `messageId`: tells the server (POST
    /// …/read) unless that message or a newer one is already marked or being marked. The
    /// badge follows the server: the READ event (or the answer) brings the count down.
    void markRead(qint64 conversationId, qint64 messageId);
    /// How far the user has read a conversation, as far as the client knows.
    qint64 ownReadUpTo(qint64 conversationId) const;
    /// The highest read marker among the other participants.
    qint64 othersReadUpTo(qint64 conversationId) const;
    /// A conversation as the server answered it to this user (e.g. after creating or renaming
    /// it): added, or replacing what is held.
    void apply(const Conversation &conversation);
    /// Forgets a conversation (the user left it); announces conversationRemoved.
    void drop(qint64 conversationId);

Q_SIGNALS:
    void aboutToInsert(int row);
    void inserted(int row);
    void aboutToMove(int from, int to); ///< `to` is the row after the move
    void moved(int from, int to);
    void changed(int row);
    void aboutToRemove(int row);
    void removed(int row);
    /// The user no longer takes part in this conversation (left, removed, or deleted);
    /// emitted just before its row is removed.
    void conversationRemoved(qint64 conversationId);
    void loadedChanged();
    void loadFailed(const Confab::Error &error);

private:
    QCoro::Task<> doLoad();
    QCoro::Task<> fetchUnknown(qint64 conversationId);
    QCoro::Task<> doMarkRead(qint64 conversationId, qint64 messageId);
    void onRead(const ReadEvent &event);
    /// An edit or deletion of the newest message shows in the preview.
    void onMessageChanged(const Message &message);
    void onMessageDeleted(const MessageDeletedEvent &event);
    void upsert(const Conversation &conversation);
    void onMessage(const Message &message);
    void onConversationUpdated(const Conversation &conversation);
    void onParticipantAdded(qint64 conversationId, const User &user, ParticipantRole role);
    void onParticipantRemoved(qint64 conversationId, qint64 userId);
    void onUserUpdated(const User &user);
    void keepOnly(const QSet<qint64> &ids);
    qint64 selfId() const;
    /// Moves the conversation at `row` to where its activity puts it; announces it.
    void reposition(int row);
    int sortedRow(const Conversation &conversation, int ignoringRow) const;

    QPointer<Session> m_session;
    QList<Conversation> m_items;
    QSet<qint64> m_fetching;
    QHash<qint64, qint64> m_marking; ///< conversation → the marker being posted
    bool m_loaded = false;
    bool m_loading = false;
    bool m_loadAgain = false;
};

} // namespace Confab::Client
