#include "app/core/messagestore.h"

#include "app/core/apiclient.h"
#include "app/core/cancelledrequest.h"
#include "app/core/logging.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"

#include <QUuid>

#include <algorithm>

namespace Confab::Client {

namespace {

// Built outside coroutines (GCC 12: no aggregates brace-initialised inside them).
MessageQuery pageQuery(qint64 before, qint64 after, int limit)
{
    MessageQuery query;
    query.before = before;
    query.after = after;
    query.limit = limit;
    return query;
}

SendMessageRequest sendRequest(const QString &content, const QString &clientMessageId)
{
    SendMessageRequest request;
    request.content = content;
    request.clientMessageId = clientMessageId;
    return request;
}

constexpr int kCatchUpPageSize = 100;

} // namespace

MessageStore::MessageStore(
    qint64 conversationId, Session *session, RealtimeClient *realtime, QObject *parent)
    : QObject(parent)
    , m_conversationId(conversationId)
    , m_session(session)
{
    if (realtime) {
        connect(realtime, &RealtimeClient::messageCreated, this, &MessageStore::merge);
        connect(realtime, &RealtimeClient::ready, this, &MessageStore::onReady);
        connect(realtime, &RealtimeClient::messageUpdated, this, &MessageStore::apply);
        connect(realtime, &RealtimeClient::messageDeleted, this,
            [this](const MessageDeletedEvent &event) {
                applyDeleted(event.conversationId, event.messageId, event.deletedAt);
            });
        connect(realtime, &RealtimeClient::readReceived, this, [this](const ReadEvent &event) {
            onRead(event.conversationId, event.userId, event.messageId);
        });
    }
}

int MessageStore::rowOfId(qint64 id) const
{
    if (!m_ids.contains(id))
        return -1;
    const auto begin = m_items.cbegin();
    const auto end = begin + m_confirmedCount;
    const auto it = std::lower_bound(
        begin, end, id, [](const MessageItem &item, qint64 v) { return item.message.id < v; });
    return it != end && it->message.id == id ? int(it - begin) : -1;
}

int MessageStore::rowOfClientMessageId(const QString &clientMessageId) const
{
    for (int row = count() - 1; row >= 0; --row) {
        if (m_items.at(row).message.clientMessageId == clientMessageId)
            return row;
    }
    return -1;
}

qint64 MessageStore::newestConfirmedId() const
{
    return m_confirmedCount > 0 ? m_items.at(m_confirmedCount - 1).message.id : 0;
}

qint64 MessageStore::selfId() const
{
    return m_session ? m_session->user().id : 0;
}

void MessageStore::open()
{
    if (m_opening || m_loaded)
        return;
    m_opening = true;
    doOpen();
}

QCoro::Task<> MessageStore::doOpen()
{
    QPointer<MessageStore> self(this);
    auto task = m_session ? m_session->api().messages(m_conversationId, pageQuery(0, 0, m_pageSize))
                          : cancelledRequest<MessagePage>();
    const Result<MessagePage> page = co_await task;
    if (!self)
        co_return;
    m_opening = false;
    if (!page) {
        Q_EMIT loadFailed(page.error());
        co_return;
    }
    m_hasMoreBefore = page->hasMore;
    for (const Message &message : page->messages)
        merge(message);
    m_loaded = true;
    initChangesCursor();
    const QList<Message> heldBack = std::exchange(m_heldBack, {});
    for (const Message &message : heldBack)
        merge(message);
    Q_EMIT loadedChanged();
}

void MessageStore::loadOlder()
{
    if (!canLoadOlder())
        return;
    m_loadingOlder = true;
    Q_EMIT loadingOlderChanged();
    // With nothing confirmed yet there is no anchor: the newest page is the older page.
    doLoadOlder(m_confirmedCount > 0 ? m_items.first().message.id : 0);
}

QCoro::Task<> MessageStore::doLoadOlder(qint64 before)
{
    QPointer<MessageStore> self(this);
    auto task = m_session
        ? m_session->api().messages(m_conversationId, pageQuery(before, 0, m_pageSize))
        : cancelledRequest<MessagePage>();
    const Result<MessagePage> page = co_await task;
    if (!self)
        co_return;
    m_loadingOlder = false;
    if (!page) {
        Q_EMIT loadingOlderChanged();
        Q_EMIT loadFailed(page.error());
        co_return;
    }
    m_hasMoreBefore = page->hasMore;
    prepend(page->messages);
    Q_EMIT loadingOlderChanged();
}

void MessageStore::prepend(const QList<Message> &messages)
{
    const qint64 oldest = m_confirmedCount > 0 ? m_items.first().message.id : 0;
    QList<MessageItem> fresh;
    for (const Message &message : messages) {
        if (message.conversationId == m_conversationId && !m_ids.contains(message.id)
            && (oldest == 0 || message.id < oldest))
            fresh.append(MessageItem(message, MessageItem::State::Sent));
    }
    if (fresh.isEmpty())
        return;
    const int n = int(fresh.size());
    Q_EMIT aboutToInsert(0, n - 1);
    for (const MessageItem &item : std::as_const(fresh))
        m_ids.insert(item.message.id);
    m_items = fresh + m_items;
    m_confirmedCount += n;
    Q_EMIT inserted(0, n - 1);
}

void MessageStore::merge(const Message &message)
{
    if (message.conversationId != m_conversationId || m_ids.contains(message.id))
        return;
    if (!m_loaded && m_opening) {
        m_heldBack.append(message); // the first page may or may not hold it: merge after
        return;
    }

    const int local = message.senderId == selfId() && !message.clientMessageId.isEmpty()
        ? rowOfClientMessageId(message.clientMessageId)
        : -1;
    if (local >= m_confirmedCount) {
        // The server's copy of one of our local echoes.
        if (local == m_confirmedCount && message.id > newestConfirmedId()) {
            m_items[local] = MessageItem(message, MessageItem::State::Sent);
            m_ids.insert(message.id);
            ++m_confirmedCount;
            Q_EMIT changed(local, local);
            return;
        }
        Q_EMIT aboutToRemove(local, local);
        m_items.removeAt(local);
        Q_EMIT removed(local, local);
    }
    insertConfirmed(message);
}

void MessageStore::insertConfirmed(const Message &message)
{
    // Older than the window held, with a gap before it: paging will bring it.
    if (m_hasMoreBefore && m_confirmedCount > 0 && message.id < m_items.first().message.id)
        return;
    const auto begin = m_items.begin();
    const auto position = std::upper_bound(begin, begin + m_confirmedCount, message.id,
        [](qint64 v, const MessageItem &item) { return v < item.message.id; });
    const int row = int(position - begin);
    Q_EMIT aboutToInsert(row, row);
    m_items.insert(row, MessageItem(message, MessageItem::State::Sent));
    m_ids.insert(message.id);
    ++m_confirmedCount;
    // The first message held after an empty first page: every change of it comes later.
    if (m_loaded && !m_changesSince.isValid() && message.createdAt.isValid())
        m_changesSince = message.createdAt.addMSecs(-1);
    Q_EMIT inserted(row, row);
}

QString MessageStore::send(const QString &content)
{
    Message message;
    message.conversationId = m_conversationId;
    message.senderId = selfId();
    message.content = content.trimmed();
    message.clientMessageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    message.createdAt = QDateTime::currentDateTimeUtc();
    const int row = count();
    Q_EMIT aboutToInsert(row, row);
    m_items.append(MessageItem(message, MessageItem::State::Pending));
    Q_EMIT inserted(row, row);
    doSend(message.clientMessageId, message.content);
    return message.clientMessageId;
}

void MessageStore::retry(const QString &clientMessageId)
{
    const int row = rowOfClientMessageId(clientMessageId);
    if (row < m_confirmedCount || m_inFlight.contains(clientMessageId))
        return; // unknown, already sent, or on its way
    MessageItem &item = m_items[row];
    item.state = MessageItem::State::Pending;
    item.error = Error();
    Q_EMIT changed(row, row);
    doSend(clientMessageId, item.message.content);
}

QCoro::Task<> MessageStore::doSend(QString clientMessageId, QString content)
{
    QPointer<MessageStore> self(this);
    m_inFlight.insert(clientMessageId);
    auto task = m_session
        ? m_session->api().sendMessage(m_conversationId, sendRequest(content, clientMessageId))
        : cancelledRequest<Message>();
    const Result<Message> sent = co_await task;
    if (!self)
        co_return;
    m_inFlight.remove(clientMessageId);
    if (sent)
        merge(*sent);
    else
        markFailed(clientMessageId, sent.error());
}

void MessageStore::markFailed(const QString &clientMessageId, const Error &error)
{
    const int row = rowOfClientMessageId(clientMessageId);
    if (row < m_confirmedCount)
        return; // the echo arrived over the WebSocket after all
    qCInfo(lcMessages) << "sending failed:" << error.code;
    MessageItem &item = m_items[row];
    item.state = MessageItem::State::Failed;
    item.error = error;
    Q_EMIT changed(row, row);
}

void MessageStore::resendUnconfirmed()
{
    for (int row = m_confirmedCount; row < count(); ++row) {
        const QString clientMessageId = m_items.at(row).message.clientMessageId;
        if (!m_inFlight.contains(clientMessageId))
            retry(clientMessageId);
    }
}

void MessageStore::onReady()
{
    if (m_loaded)
        catchUp();
    else if (!m_opening)
        open(); // the first load failed (e.g. offline): try again now that we are connected
}

void MessageStore::catchUp()
{
    if (m_catchingUp) {
        m_catchUpAgain = true;
        return;
    }
    m_catchingUp = true;
    doCatchUp();
}

QCoro::Task<> MessageStore::doCatchUp()
{
    QPointer<MessageStore> self(this);
    bool more = true;
    while (more) {
        const qint64 after = newestConfirmedId();
        auto task = m_session
            ? m_session->api().messages(m_conversationId, pageQuery(0, after, kCatchUpPageSize))
            : cancelledRequest<MessagePage>();
        const Result<MessagePage> page = co_await task;
        if (!self)
            co_return;
        if (!page) {
            Q_EMIT loadFailed(page.error());
            break;
        }
        if (after == 0) {
            // Nothing was held: this is the newest page, and hasMore looks into the past.
            m_hasMoreBefore = page->hasMore;
            for (const Message &message : page->messages)
                merge(message);
            more = !page->messages.isEmpty();
            continue;
        }
        for (const Message &message : page->messages)
            merge(message);
        more = page->hasMore && !page->messages.isEmpty();
    }
    auto changes = catchUpChanges();
    co_await changes;
    if (!self)
        co_return;
    m_catchingUp = false;
    // Messages sent before the drop are re-sent once the history is complete, so they
    // follow what others wrote meanwhile.
    resendUnconfirmed();
    if (std::exchange(m_catchUpAgain, false))
        catchUp();
}

void MessageStore::initChangesCursor()
{
    if (m_changesSince.isValid())
        return;
    for (int row = 0; row < m_confirmedCount; ++row) {
        const Message &message = m_items.at(row).message;
        for (const QDateTime &stamp : {message.createdAt, message.editedAt, message.deletedAt}) {
            if (stamp.isValid() && (!m_changesSince.isValid() || stamp > m_changesSince))
                m_changesSince = stamp;
        }
    }
}

QCoro::Task<> MessageStore::catchUpChanges()
{
    QPointer<MessageStore> self(this);
    initChangesCursor(); // nothing was held when the conversation opened
    if (!m_changesSince.isValid())
        co_return; // nothing held: nothing can have changed
    bool more = true;
    while (more) {
        const QDateTime since = m_changesSince;
        auto task = m_session
            ? m_session->api().messageChanges(m_conversationId, since, kCatchUpPageSize)
            : cancelledRequest<MessageChanges>();
        const Result<MessageChanges> changes = co_await task;
        if (!self)
            co_return;
        if (!changes) {
            Q_EMIT loadFailed(changes.error());
            co_return;
        }
        for (const Message &message : changes->messages)
            apply(message);
        if (changes->nextSince.isValid() && changes->nextSince > m_changesSince)
            m_changesSince = changes->nextSince;
        more = changes->hasMore && !changes->messages.isEmpty();
    }
}

void MessageStore::apply(const Message &message)
{
    if (message.conversationId != m_conversationId)
        return;
    const int row = rowOfId(message.id);
    if (row < 0)
        return; // not held: paging brings it in its current state
    MessageItem &item = m_items[row];
    if (item.message == message)
        return;
    // A late copy must not bring deleted text back.
    if (item.message.isDeleted() && !message.isDeleted())
        return;
    item.message = message;
    Q_EMIT changed(row, row);
}

void MessageStore::applyDeleted(qint64 conversationId, qint64 messageId, const QDateTime &deletedAt)
{
    if (conversationId != m_conversationId)
        return;
    const int row = rowOfId(messageId);
    if (row < 0)
        return;
    MessageItem &item = m_items[row];
    if (item.message.isDeleted())
        return;
    item.message.content.clear();
    item.message.deletedAt = deletedAt.isValid() ? deletedAt : QDateTime::currentDateTimeUtc();
    Q_EMIT changed(row, row);
}

qint64 MessageStore::lastEditableOwnId() const
{
    const qint64 self = selfId();
    for (int row = m_confirmedCount - 1; row >= 0; --row) {
        const Message &message = m_items.at(row).message;
        if (message.senderId == self && !message.isDeleted())
            return message.id;
    }
    return 0;
}

void MessageStore::setReadByOthersUpTo(qint64 messageId)
{
    if (messageId <= m_readByOthers)
        return;
    const qint64 previous = m_readByOthers;
    m_readByOthers = messageId;
    // Own messages between the old and the new marker now show as read.
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_confirmedCount; ++row) {
        const qint64 id = m_items.at(row).message.id;
        if (id > previous && id <= messageId) {
            if (first < 0)
                first = row;
            last = row;
        }
    }
    if (first >= 0)
        Q_EMIT changed(first, last);
}

bool MessageStore::isReadByOthers(int row) const
{
    if (row < 0 || row >= m_confirmedCount)
        return false;
    const Message &message = m_items.at(row).message;
    return message.senderId == selfId() && message.id <= m_readByOthers;
}

void MessageStore::onRead(qint64 conversationId, qint64 userId, qint64 messageId)
{
    if (conversationId == m_conversationId && userId != selfId())
        setReadByOthersUpTo(messageId);
}

void MessageStore::edit(qint64 messageId, const QString &content)
{
    doEdit(messageId, content.trimmed());
}

QCoro::Task<> MessageStore::doEdit(qint64 messageId, QString content)
{
    QPointer<MessageStore> self(this);
    auto task =
        m_session ? m_session->api().editMessage(messageId, content) : cancelledRequest<Message>();
    const Result<Message> edited = co_await task;
    if (!self)
        co_return;
    if (edited)
        apply(*edited);
    else
        Q_EMIT actionFailed(messageId, edited.error());
}

void MessageStore::remove(qint64 messageId)
{
    doRemove(messageId);
}

QCoro::Task<> MessageStore::doRemove(qint64 messageId)
{
    QPointer<MessageStore> self(this);
    auto task = m_session ? m_session->api().deleteMessage(messageId) : cancelledRequest<void>();
    const Result<void> removed = co_await task;
    if (!self)
        co_return;
    if (removed)
        applyDeleted(m_conversationId, messageId, QDateTime());
    else
        Q_EMIT actionFailed(messageId, removed.error());
}

} // namespace Confab::Client
