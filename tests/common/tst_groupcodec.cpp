// The wire types of group management: its events and requests round-trip with the exact
// field names of protocol.md, and reject what they must.
#include "common/events.h"
#include "common/jsonreader.h"
#include "common/participantrequests.h"
#include "common/timeformat.h"

#include <QTest>

using namespace Confab;

namespace {
User sampleUser()
{
    User user;
    user.id = 14;
    user.username = QStringLiteral("dave");
    user.displayName = QStringLiteral("Dave");
    user.createdAt = fromEpochMs(1795000000000);
    return user;
}

Envelope throughTheWire(const Envelope &envelope)
{
    Result<Envelope> decoded = Envelope::decode(envelope.encode());
    return decoded ? *decoded : Envelope();
}
} // namespace

class TestGroupCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void participantAdded();
    void participantRemoved();
    void conversationUpdated();
    void requests();
    void requestErrors_data();
    void requestErrors();
};

void TestGroupCodec::participantAdded()
{
    const Envelope envelope = throughTheWire(
        ParticipantAddedEvent {12, sampleUser(), ParticipantRole::Admin}.toEnvelope());
    QCOMPARE(envelope.type, QStringLiteral("PARTICIPANT_ADDED"));
    QCOMPARE(envelope.payload.value(QStringLiteral("conversationId")).toInteger(), 12);
    QCOMPARE(envelope.payload.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    Result<ParticipantAddedEvent> event = ParticipantAddedEvent::fromPayload(envelope.payload);
    QVERIFY(event.ok());
    QCOMPARE(event->conversationId, 12);
    QCOMPARE(event->user, sampleUser());
    QCOMPARE(event->role, ParticipantRole::Admin);

    QJsonObject badRole = envelope.payload;
    badRole.insert(QStringLiteral("role"), QStringLiteral("owner"));
    QVERIFY(!ParticipantAddedEvent::fromPayload(badRole).ok());
}

void TestGroupCodec::participantRemoved()
{
    const Envelope envelope = throughTheWire(ParticipantRemovedEvent {12, 14}.toEnvelope());
    QCOMPARE(envelope.type, QStringLiteral("PARTICIPANT_REMOVED"));
    QCOMPARE(envelope.payload,
        (QJsonObject {{QStringLiteral("conversationId"), 12}, {QStringLiteral("userId"), 14}}));
    Result<ParticipantRemovedEvent> event = ParticipantRemovedEvent::fromPayload(envelope.payload);
    QVERIFY(event.ok());
    QCOMPARE(event->conversationId, 12);
    QCOMPARE(event->userId, 14);
    QVERIFY(!ParticipantRemovedEvent::fromPayload({{QStringLiteral("conversationId"), 12}}).ok());
}

void TestGroupCodec::conversationUpdated()
{
    Conversation conversation;
    conversation.id = 12;
    conversation.type = ConversationType::Group;
    conversation.title = QStringLiteral("Renamed");
    conversation.participants = {{sampleUser(), ParticipantRole::Admin}};
    conversation.createdAt = fromEpochMs(1795000000000);
    conversation.updatedAt = fromEpochMs(1795000000000);
    const Envelope envelope = throughTheWire(ConversationUpdatedEvent {conversation}.toEnvelope());
    QCOMPARE(envelope.type, QStringLiteral("CONVERSATION_UPDATED"));
    Result<ConversationUpdatedEvent> event =
        ConversationUpdatedEvent::fromPayload(envelope.payload);
    QVERIFY(event.ok());
    QCOMPARE(event->conversation, conversation);
}

void TestGroupCodec::requests()
{
    QCOMPARE(AddParticipantRequest(9).toJson(), (QJsonObject {{QStringLiteral("userId"), 9}}));
    QCOMPARE(AddParticipantRequest::fromJson(AddParticipantRequest(9).toJson())->userId, 9);
    QCOMPARE(
        UpdateParticipantRequest::fromJson({{QStringLiteral("role"), QStringLiteral("x")}})->role,
        QStringLiteral("x")); // the server, not the codec, answers invalid_role
    QCOMPARE(UpdateConversationRequest::fromJson(
                 UpdateConversationRequest(QStringLiteral(" T ")).toJson())
                 ->title,
        QStringLiteral(" T "));
}

void TestGroupCodec::requestErrors_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::newRow("add: missing") << QByteArray("add") << QByteArray("{}")
                                  << QStringLiteral("missing_field");
    QTest::newRow("add: zero") << QByteArray("add") << QByteArray("{\"userId\":0}")
                               << QStringLiteral("invalid_field");
    QTest::newRow("add: fraction")
        << QByteArray("add") << QByteArray("{\"userId\":1.5}") << QStringLiteral("invalid_field");
    QTest::newRow("role: number") << QByteArray("role") << QByteArray("{\"role\":1}")
                                  << QStringLiteral("invalid_field");
    QTest::newRow("role: null") << QByteArray("role") << QByteArray("{\"role\":null}")
                                << QStringLiteral("missing_field");
    QTest::newRow("title: array") << QByteArray("title") << QByteArray("{\"title\":[]}")
                                  << QStringLiteral("invalid_field");
    QTest::newRow("title: missing")
        << QByteArray("title") << QByteArray("{}") << QStringLiteral("missing_field");
}

void TestGroupCodec::requestErrors()
{
    QFETCH(QByteArray, kind);
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    Result<QJsonObject> object = parseJsonObject(json);
    QVERIFY(object.ok());
    Error error;
    if (kind == "add")
        error = AddParticipantRequest::fromJson(*object).error();
    else if (kind == "role")
        error = UpdateParticipantRequest::fromJson(*object).error();
    else
        error = UpdateConversationRequest::fromJson(*object).error();
    QCOMPARE(error.code, code);
    QCOMPARE(error.httpStatus, 400);
}

QTEST_GUILESS_MAIN(TestGroupCodec)
#include "tst_groupcodec.moc"
