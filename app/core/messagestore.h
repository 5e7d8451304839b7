#pragma once

#include "app/core/messageitem.h"

#include "common/result.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace Confab::Client {

class RealtimeClient;
class Session;

/// Owns the messages of one conversation as the client holds them: a window of the history
/// (the newest page, extended towards the past by loadOlder()), live messages from the
/// RealtimeClient, and local echoes of messages being sent.
///
/// Rows are the confirmed messages sorted by id, followed by the local echoes (Pending or
/// Failed) in the order they were sent. Every change is announced as a row range
/// (aboutToInsert/inserted, aboutToRemove/removed, changed) for MessageListModel to relay.
///
/// A local echo is merged with the server's copy — the REST reply or the MESSAGE_CREATED
/// event, whichever comes first — by clientMessageId, and every message is held once by id.
/// After each READY of the RealtimeClient the store catches up with `after` and re-sends
/// its pending and failed messages (safe: the server stores a clientMessageId once).
class MessageStore : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool loaded READ isLoaded NOTIFY loadedChanged)
    Q_PROPERTY(bool loadingOlder READ isLoadingOlder NOTIFY loadingOlderChanged)
public:
    /// `realtime` may be null (no live updates, no automatic re-send).
    MessageStore(qint64 conversationId, Session *session, RealtimeClient *realtime,
        QObject *parent = nullptr);

    qint64 conversationId() const { return m_conversationId; }
    int count() const { return int(m_items.size()); }
    const MessageItem &at(int row) const { return m_items.at(row); }
    int rowOfId(qint64 id) const;
    int rowOfClientMessageId(const QString &clientMessageId) const;

    /// Messages per page (1–100).
    void setPageSize(int size) { m_pageSize = size; }
    bool isLoaded() const { return m_loaded; }
    bool isLoadingOlder() const { return m_loadingOlder; }
    bool hasMoreBefore() const { return m_hasMoreBefore; }
    bool canLoadOlder() const { return m_loaded && m_hasMoreBefore && !m_loadingOlder; }

    /// Loads the newest page.
    void open();
    /// Loads the page before the oldest message held, prepended as rows 0…n-1.
    void loadOlder();
    /// Shows `content` at once as a pending row and sends it; returns its clientMessageId.
    QString send(const QString &content);
    /// Sends a failed message again.
    void retry(const QString &clientMessageId);
    /// Fetches every message newer than the newest one held, then the edits and deletions
    /// since the last look at the changes feed.
    void catchUp();

    /// Changes the text of one of the user's own messages (PUT /api/messages/:id). The row
    /// changes when the server answers; a refusal is reported by actionFailed().
    void edit(qint64 messageId, const QString &content);
    /// Deletes a message (the user's own, or any as a group admin); it becomes a tombstone.
    void remove(qint64 messageId);
    /// The newest confirmed message's id; 0 when none is held.
    qint64 newestId() const { return newestConfirmedId(); }
    /// The user's newest message that can still be edited (not deleted); 0 when none.
    qint64 lastEditableOwnId() const;

    /// How far the other participants have read: the highest lastReadMessageId among them.
    /// Own messages up to it count as read (two ticks).
    qint64 readByOthersUpTo() const { return m_readByOthers; }
    void setReadByOthersUpTo(qint64 messageId);
    /// One of the user's own sent messages that another participant has read.
    bool isReadByOthers(int row) const;

Q_SIGNALS:
    void aboutToInsert(int first, int last);
    void inserted(int first, int last);
    void aboutToRemove(int first, int last);
    void removed(int first, int last);
    void changed(int first, int last);
    void loadedChanged();
    void loadingOlderChanged();
    void loadFailed(const Confab::Error &error);
    /// Editing or deleting `messageId` was refused or could not reach the server.
    void actionFailed(qint64 messageId, const Confab::Error &error);

private:
    QCoro::Task<> doOpen();
    QCoro::Task<> doLoadOlder(qint64 before);
    QCoro::Task<> doSend(QString clientMessageId, QString content);
    QCoro::Task<> doCatchUp();
    QCoro::Task<> catchUpChanges();
    QCoro::Task<> doEdit(qint64 messageId, QString content);
    QCoro::Task<> doRemove(qint64 messageId);

    /// Replaces the copy held of a message (edited or deleted); unknown ids are ignored.
    void apply(const Message &message);
    void applyDeleted(qint64 conversationId, qint64 messageId, const QDateTime &deletedAt);
    void onRead(qint64 conversationId, qint64 userId, qint64 messageId);
    /// The changes-feed cursor when none is kept yet: the newest stamp held.
    void initChangesCursor();

    void onReady();
    void merge(const Message &message);
    void insertConfirmed(const Message &message);
    void prepend(const QList<Message> &messages);
    void markFailed(const QString &clientMessageId, const Error &error);
    void resendUnconfirmed();
    qint64 newestConfirmedId() const;
    qint64 selfId() const;

    qint64 m_conversationId;
    QPointer<Session> m_session;
    QList<MessageItem> m_items;
    QSet<qint64> m_ids;
    QSet<QString> m_inFlight; ///< clientMessageIds with a send request under way
    QList<Message> m_heldBack; ///< live messages that arrived while the first page loaded
    int m_confirmedCount = 0;
    qint64 m_readByOthers = 0;
    QDateTime m_changesSince; ///< the `since` of the next changes request; invalid: none yet
    int m_pageSize = 50;
    bool m_opening = false;
    bool m_loaded = false;
    bool m_loadingOlder = false;
    bool m_hasMoreBefore = false;
    bool m_catchingUp = false;
    bool m_catchUpAgain = false;
};

} // namespace Confab::Client
