// The conversation list's JSON is the same whether written on the spot or on a pool thread.
#include "server/core/api/conversationlistbody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

using namespace Confab;
using namespace Confab::Server;

namespace {
Conversation groupOf(qint64 id, int members)
{
    Conversation conversation;
    conversation.id = id;
    conversation.type = ConversationType::Group;
    conversation.title = QStringLiteral("Group %1").arg(id);
    conversation.createdAt = QDateTime::fromMSecsSinceEpoch(1000 * id, Qt::UTC);
    conversation.updatedAt = conversation.createdAt;
    for (int i = 0; i < members; ++i) {
        Participant participant;
        participant.user.id = id * 1000 + i;
        participant.user.username = QStringLiteral("user%1").arg(participant.user.id);
        participant.user.displayName = QStringLiteral("Ünïcode %1").arg(i);
        participant.user.online = i % 3 == 0;
        participant.user.createdAt = conversation.createdAt;
        participant.role = i == 0 ? ParticipantRole::Admin : ParticipantRole::Member;
        conversation.participants.append(participant);
    }
    return conversation;
}

QCoro::Task<> writeInto(QList<Conversation> conversations, QByteArray *out)
{
    *out = co_await ConversationListBody::write(std::move(conversations));
}

QByteArray written(const QList<Conversation> &conversations)
{
    QByteArray body;
    QCoro::waitFor(writeInto(conversations, &body));
    return body;
}
} // namespace

class TestConversationListBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallAndLargeListsReadBack_data();
    void smallAndLargeListsReadBack();
    void emptyList();
};

void TestConversationListBody::smallAndLargeListsReadBack_data()
{
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("members");
    QTest::newRow("short, on the spot") << 2 << 3;
    QTest::newRow("just below the offload")
        << 1 << int(ConversationListBody::kOffloadParticipants - 1);
    QTest::newRow("long, on a pool thread") << 3 << 70;
}

void TestConversationListBody::smallAndLargeListsReadBack()
{
    QFETCH(int, groups);
    QFETCH(int, members);
    QList<Conversation> conversations;
    for (int i = 1; i <= groups; ++i)
        conversations.append(groupOf(i, members));

    const QByteArray body = written(conversations);
    QCOMPARE(body, ConversationListBody::writeNow(conversations));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray array = document.object().value(QStringLiteral("conversations")).toArray();
    QCOMPARE(array.size(), groups);
    for (int i = 0; i < groups; ++i) {
        Result<Conversation> back = Conversation::fromJson(array.at(i).toObject());
        QVERIFY(back);
        QCOMPARE(*back, conversations.at(i));
    }
}

void TestConversationListBody::emptyList()
{
    QCOMPARE(written({}), QByteArray(R"({"conversations":[]})"));
}

QTEST_GUILESS_MAIN(TestConversationListBody)
#include "tst_conversationlistbody.moc"
