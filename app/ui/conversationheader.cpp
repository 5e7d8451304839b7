#include "app/ui/conversationheader.h"

#include "app/core/presencestore.h"
#include "app/core/typingstore.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Confab::Ui {

using namespace Client;

ConversationHeader::ConversationHeader(
    PresenceStore *presence, TypingStore *typing, qint64 selfId, QWidget *parent)
    : QWidget(parent)
    , m_presence(presence)
    , m_typing(typing)
    , m_selfId(selfId)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("conversationTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("conversationSubtitle"));
    m_status->setEnabled(false);
    m_typingLabel = new QLabel(this);
    m_typingLabel->setObjectName(QStringLiteral("typingLabel"));
    m_typingLabel->setAccessibleName(tr("Typing"));
    QFont typingFont = m_typingLabel->font();
    typingFont.setItalic(true);
    m_typingLabel->setFont(typingFont);
    m_typingLabel->setEnabled(false);
    // Holds its height when empty, so that the messages below do not jump.
    m_typingLabel->setMinimumHeight(m_typingLabel->fontMetrics().height());
    layout->addWidget(m_title);
    layout->addWidget(m_status);
    layout->addWidget(m_typingLabel);

    if (presence) {
        connect(presence, &PresenceStore::presenceChanged, this, [this](qint64 userId) {
            for (const Participant &participant : std::as_const(m_conversation.participants)) {
                if (participant.user.id == userId) {
                    updateStatus();
                    return;
                }
            }
        });
    }
    if (typing) {
        connect(typing, &TypingStore::typistsChanged, this, [this](qint64 conversationId) {
            if (conversationId == m_conversation.id)
                updateTyping();
        });
    }
    m_minuteTimer.setInterval(std::chrono::minutes(1));
    connect(&m_minuteTimer, &QTimer::timeout, this, &ConversationHeader::updateStatus);
    m_minuteTimer.start();
}

void ConversationHeader::setConversation(const Conversation &conversation, const QString &title)
{
    m_conversation = conversation;
    m_title->setText(title);
    updateStatus();
    updateTyping();
}

QString ConversationHeader::statusText() const
{
    return m_status->text();
}

QString ConversationHeader::typingText() const
{
    return m_typingLabel->text();
}

QString ConversationHeader::nameOf(qint64 userId) const
{
    for (const Participant &participant : m_conversation.participants) {
        if (participant.user.id == userId)
            return participant.user.displayName.isEmpty() ? participant.user.username
                                                          : participant.user.displayName;
    }
    return tr("Someone");
}

QString ConversationHeader::typingLine(const QStringList &names)
{
    if (names.isEmpty())
        return {};
    if (names.size() == 1)
        return tr("%1 is typing…").arg(names.first());
    if (names.size() == 2)
        return tr("%1 and %2 are typing…").arg(names.at(0), names.at(1));
    return tr("Several people are typing…");
}

QString ConversationHeader::lastSeenLine(const QDateTime &lastSeen, const QDateTime &now)
{
    if (!lastSeen.isValid())
        return tr("offline");
    const qint64 minutes = lastSeen.secsTo(now) / 60;
    if (minutes < 1)
        return tr("last seen just now");
    if (minutes < 60)
        return tr("last seen %n min ago", nullptr, int(minutes));
    const QDateTime local = lastSeen.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString time = local.time().toString(QStringLiteral("HH:mm"));
    if (local.date() == today)
        return tr("last seen today at %1").arg(time);
    if (local.date() == today.addDays(-1))
        return tr("last seen yesterday at %1").arg(time);
    return tr("last seen on %1").arg(QLocale().toString(local.date(), QLocale::ShortFormat));
}

void ConversationHeader::updateStatus()
{
    if (m_conversation.id == 0) {
        m_status->clear();
        return;
    }
    if (m_conversation.type == ConversationType::Group) {
        const int members = int(m_conversation.participants.size());
        int online = 0;
        for (const Participant &participant : std::as_const(m_conversation.participants)) {
            // The user counts: this window is connected.
            if (participant.user.id == m_selfId
                || (m_presence && m_presence->isOnline(participant.user.id)))
                ++online;
        }
        m_status->setText(members == 1 ? tr("1 member, %1 online").arg(online)
                                       : tr("%1 members, %2 online").arg(members).arg(online));
        return;
    }
    for (const Participant &participant : std::as_const(m_conversation.participants)) {
        if (participant.user.id == m_selfId)
            continue;
        const qint64 id = participant.user.id;
        if (m_presence && m_presence->isOnline(id))
            m_status->setText(tr("online"));
        else
            m_status->setText(lastSeenLine(m_presence ? m_presence->lastSeenAt(id) : QDateTime(),
                QDateTime::currentDateTimeUtc()));
        return;
    }
    m_status->clear();
}

void ConversationHeader::updateTyping()
{
    QStringList names;
    if (m_typing) {
        const QList<qint64> typists = m_typing->typists(m_conversation.id);
        for (qint64 id : typists)
            names << nameOf(id);
    }
    m_typingLabel->setText(typingLine(names));
}

} // namespace Confab::Ui
