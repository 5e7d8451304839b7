// The wire types of common/: round trips, the exact wire shape, and clear errors for bad input.
#include "common/authrequests.h"
#include "common/authresponse.h"
#include "common/conversationrequests.h"
#include "common/errorbody.h"
#include "common/events.h"
#include "common/jsonreader.h"
#include "common/messagerequests.h"
#include "common/timeformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

using namespace Confab;

namespace {
Message sampleMessage()
{
    Message message;
    message.id = 7;
    message.conversationId = 3;
    message.senderId = 2;
    message.content = QStringLiteral("Grüße 👋");
    message.clientMessageId = QStringLiteral("c-1");
    message.createdAt = fromEpochMs(1795000000123);
    message.editedAt = fromEpochMs(1795000001000);
    return message;
}

User sampleUser(qint64 id)
{
    User user;
    user.id = id;
    user.username = QStringLiteral("user%1").arg(id);
    user.displayName = QStringLiteral("User %1").arg(id);
    user.bio = QStringLiteral("bio");
    user.online = id % 2;
    user.createdAt = fromEpochMs(1795000000000 + id);
    return user;
}
} // namespace

class TestProtocolCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timestampsHaveMillisecondsAndZ();
    void timestampParsingRejectsLocalTimes();
    void timestampsMatchQtFormattingAtAnyDate();
    void messageRoundTrip();
    void messageWireShape();
    void conversationRoundTrip();
    void envelopeRoundTrip();
    void envelopeDecodeErrors_data();
    void envelopeDecodeErrors();
    void requestsReportTheFirstBadField_data();
    void requestsReportTheFirstBadField();
    void idsMustBePositiveWholeNumbers_data();
    void idsMustBePositiveWholeNumbers();
    void errorBodyRoundTrip();
    void authResponseRoundTrip();
    void liveEventsRoundTrip();
    void typingFrameDefaultsAndErrors();
};

void TestProtocolCodec::timestampsHaveMillisecondsAndZ()
{
    QCOMPARE(
        formatTimestamp(fromEpochMs(1795000000123)), QStringLiteral("2026-11-18T11:06:40.123Z"));
    QCOMPARE(formatTimestamp(fromEpochMs(0)), QStringLiteral("1970-01-01T00:00:00.000Z"));
    QCOMPARE(formatTimestamp(QDateTime()), QString());
    QCOMPARE(timestampOrNull(QDateTime()), QJsonValue(QJsonValue::Null));
}

void TestProtocolCodec::timestampsMatchQtFormattingAtAnyDate()
{
    // The wire form is written without Qt's locale machinery; it must agree with Qt's
    // formatting everywhere: leap days, year and day boundaries, before 1970, other offsets.
    const auto qtForm = [](const QDateTime &time) {
        return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
    };
    const QList<qint64> fixed {0, -1, 1, 951782399999, 951782400000, 951868799999, 4107542399999,
        -62135596800000, 253402300799999, 1795000000123, -2208988800001};
    for (qint64 ms : fixed)
        QCOMPARE(formatTimestamp(fromEpochMs(ms)), qtForm(fromEpochMs(ms)));
    QRandomGenerator random(7);
    for (int i = 0; i < 20000; ++i) {
        const qint64 ms = random.bounded(-62135596800000LL, 253402300800000LL);
        QCOMPARE(formatTimestamp(fromEpochMs(ms)), qtForm(fromEpochMs(ms)));
    }
    const QDateTime kolkata(QDate(2026, 3, 1), QTime(2, 15, 0, 9), QTimeZone(19800));
    QCOMPARE(formatTimestamp(kolkata), QStringLiteral("2026-02-28T20:45:00.009Z"));
    // Outside 0001-9999 Qt's own formatting still answers.
    for (qint64 ms : {253402300800000LL, 253402300800000LL + 86400000LL, 2145916800000000LL,
             -62135596800001LL, -62167219200000LL, -100000000000000LL}) {
        QCOMPARE(formatTimestamp(fromEpochMs(ms)), qtForm(fromEpochMs(ms)));
    }
}

void TestProtocolCodec::timestampParsingRejectsLocalTimes()
{
    QCOMPARE(parseTimestamp(QStringLiteral("2026-11-24T10:00:00.123Z")).toMSecsSinceEpoch(),
        fromEpochMs(1795514400123).toMSecsSinceEpoch());
    QVERIFY(!parseTimestamp(QStringLiteral("2026-11-24T10:00:00")).isValid());
    QVERIFY(!parseTimestamp(QStringLiteral("yesterday")).isValid());
    QVERIFY(!parseTimestamp(QString()).isValid());
}

void TestProtocolCodec::messageRoundTrip()
{
    const Message message = sampleMessage();
    Result<Message> decoded = Message::fromJson(message.toJson());
    QVERIFY(decoded.ok());
    QCOMPARE(*decoded, message);
}

void TestProtocolCodec::messageWireShape()
{
    Message message = sampleMessage();
    message.clientMessageId.clear();
    const QJsonObject json = message.toJson();
    QCOMPARE(json.keys().size(), 8);
    QVERIFY(json.value(QStringLiteral("clientMessageId")).isNull());
    QVERIFY(json.value(QStringLiteral("deletedAt")).isNull());
    QCOMPARE(json.value(QStringLiteral("editedAt")).toString(),
        QStringLiteral("2026-11-18T11:06:41.000Z"));
    QCOMPARE(json.value(QStringLiteral("id")).toInteger(), 7);
}

void TestProtocolCodec::conversationRoundTrip()
{
    Conversation conversation;
    conversation.id = 11;
    conversation.type = ConversationType::Group;
    conversation.title = QStringLiteral("Family");
    conversation.participants = {
        {sampleUser(1), ParticipantRole::Admin}, {sampleUser(2), ParticipantRole::Member}};
    conversation.lastMessage = sampleMessage();
    conversation.unreadCount = 4;
    conversation.createdAt = fromEpochMs(1795000000000);
    conversation.updatedAt = fromEpochMs(1795000009000);
    Result<Conversation> decoded = Conversation::fromJson(conversation.toJson());
    QVERIFY(decoded.ok());
    QCOMPARE(*decoded, conversation);

    // A direct conversation has a null title on the wire.
    conversation.type = ConversationType::Direct;
    conversation.title.clear();
    conversation.lastMessage.reset();
    const QJsonObject json = conversation.toJson();
    QVERIFY(json.value(QStringLiteral("title")).isNull());
    QVERIFY(json.value(QStringLiteral("lastMessage")).isNull());
    QCOMPARE(*Conversation::fromJson(json), conversation);
}

void TestProtocolCodec::envelopeRoundTrip()
{
    const Envelope envelope = MessageCreatedEvent {sampleMessage()}.toEnvelope();
    const QByteArray text = envelope.encode();
    QVERIFY(!text.contains('\n'));
    Result<Envelope> decoded = Envelope::decode(text);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->type, QStringLiteral("MESSAGE_CREATED"));
    Result<MessageCreatedEvent> event = MessageCreatedEvent::fromPayload(decoded->payload);
    QVERIFY(event.ok());
    QCOMPARE(event->message, sampleMessage());
}

void TestProtocolCodec::envelopeDecodeErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("not json") << QByteArrayLiteral("hello") << QStringLiteral("invalid_json");
    QTest::newRow("array") << QByteArrayLiteral("[]") << QStringLiteral("invalid_json");
    QTest::newRow("no type") << QByteArrayLiteral("{\"payload\":{}}")
                             << QStringLiteral("missing_field");
    QTest::newRow("type not a string")
        << QByteArrayLiteral("{\"type\":5}") << QStringLiteral("invalid_field");
    QTest::newRow("payload not an object")
        << QByteArrayLiteral("{\"type\":\"X\",\"payload\":[]}") << QStringLiteral("invalid_field");
}

void TestProtocolCodec::envelopeDecodeErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, code);
    Result<Envelope> decoded = Envelope::decode(text);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, code);
    QCOMPARE(decoded.error().httpStatus, 400);
    QVERIFY(!decoded.error().message.isEmpty());
}

void TestProtocolCodec::requestsReportTheFirstBadField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::newRow("register: username missing")
        << QByteArrayLiteral("{\"password\":\"x\"}") << QStringLiteral("missing_field")
        << QStringLiteral("username");
    QTest::newRow("register: password a number")
        << QByteArrayLiteral("{\"username\":\"a\",\"password\":1}")
        << QStringLiteral("invalid_field") << QStringLiteral("password");
    QTest::newRow("register: displayName an object")
        << QByteArrayLiteral("{\"username\":\"a\",\"password\":\"b\",\"displayName\":{}}")
        << QStringLiteral("invalid_field") << QStringLiteral("displayName");
}

void TestProtocolCodec::requestsReportTheFirstBadField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, field);
    Result<RegisterRequest> request =
        RegisterRequest::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!request.ok());
    QCOMPARE(request.error().code, code);
    QVERIFY2(request.error().message.contains(field), qPrintable(request.error().message));
}

void TestProtocolCodec::idsMustBePositiveWholeNumbers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::newRow("positive") << QByteArrayLiteral("{\"participantIds\":[1,2,3]}") << true;
    QTest::newRow("zero") << QByteArrayLiteral("{\"participantIds\":[0]}") << false;
    QTest::newRow("negative") << QByteArrayLiteral("{\"participantIds\":[-1]}") << false;
    QTest::newRow("fraction") << QByteArrayLiteral("{\"participantIds\":[1.5]}") << false;
    QTest::newRow("string") << QByteArrayLiteral("{\"participantIds\":[\"1\"]}") << false;
    QTest::newRow("beyond 2^53") << QByteArrayLiteral("{\"participantIds\":[9007199254740993]}")
                                 << false;
    QTest::newRow("not an array") << QByteArrayLiteral("{\"participantIds\":1}") << false;
}

void TestProtocolCodec::idsMustBePositiveWholeNumbers()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    Result<CreateConversationRequest> request =
        CreateConversationRequest::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(request.ok(), valid);
    if (!valid)
        QCOMPARE(request.error().httpStatus, 400);
}

void TestProtocolCodec::errorBodyRoundTrip()
{
    const Error error = badRequest(QStringLiteral("invalid_content"), QStringLiteral("Too long."));
    QCOMPARE(errorToBody(error),
        QByteArrayLiteral("{\"error\":{\"code\":\"invalid_content\",\"message\":\"Too long.\"}}"));
    const std::optional<Error> decoded = errorFromJson(errorToJson(error));
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->code, error.code);
    QCOMPARE(decoded->message, error.message);
    QVERIFY(
        !errorFromJson(QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}}).has_value());
}

void TestProtocolCodec::authResponseRoundTrip()
{
    AuthResponse response {
        sampleUser(5), QStringLiteral("a.b.c"), QString(64, QLatin1Char('f')), 900};
    Result<AuthResponse> decoded = AuthResponse::fromJson(response.toJson());
    QVERIFY(decoded.ok());
    QCOMPARE(decoded->user, response.user);
    QCOMPARE(decoded->accessToken, response.accessToken);
    QCOMPARE(decoded->refreshToken, response.refreshToken);
    QCOMPARE(decoded->expiresIn, 900);
    SendMessageRequest send {QStringLiteral("hi"), std::nullopt};
    QVERIFY(!send.toJson().contains(QStringLiteral("clientMessageId")));
}

void TestProtocolCodec::liveEventsRoundTrip()
{
    const ReadyEvent ready(sampleUser(3), {4, 9});
    Result<ReadyEvent> readyBack = ReadyEvent::fromPayload(ready.toEnvelope().payload);
    QVERIFY(readyBack.ok());
    QCOMPARE(readyBack->user, ready.user);
    QCOMPARE(readyBack->onlineUserIds, (QList<qint64> {4, 9}));
    QCOMPARE(ready.toEnvelope().payload.value(QStringLiteral("onlineUserIds")).toArray(),
        (QJsonArray {4, 9}));

    const TypingEvent typing(12, 7, false);
    const Envelope typingEnvelope = typing.toEnvelope();
    QCOMPARE(typingEnvelope.type, QStringLiteral("TYPING"));
    Result<TypingEvent> typingBack = TypingEvent::fromPayload(typingEnvelope.payload);
    QVERIFY(typingBack.ok());
    QCOMPARE(typingBack->conversationId, 12);
    QCOMPARE(typingBack->userId, 7);
    QCOMPARE(typingBack->isTyping, false);

    const PresenceEvent presence(9, false, fromEpochMs(1795000000123));
    const Envelope presenceEnvelope = presence.toEnvelope();
    QCOMPARE(presenceEnvelope.type, QStringLiteral("PRESENCE"));
    QCOMPARE(presenceEnvelope.payload.value(QStringLiteral("lastSeenAt")).toString(),
        formatTimestamp(fromEpochMs(1795000000123)));
    Result<PresenceEvent> presenceBack = PresenceEvent::fromPayload(presenceEnvelope.payload);
    QVERIFY(presenceBack.ok());
    QCOMPARE(presenceBack->userId, 9);
    QCOMPARE(presenceBack->online, false);
    QCOMPARE(presenceBack->lastSeenAt, presence.lastSeenAt);
}

void TestProtocolCodec::typingFrameDefaultsAndErrors()
{
    Result<TypingFrame> frame =
        TypingFrame::fromPayload(QJsonObject {{QStringLiteral("conversationId"), 5}});
    QVERIFY(frame.ok());
    QCOMPARE(frame->conversationId, 5);
    QCOMPARE(frame->isTyping, true);
    QCOMPARE(TypingFrame::fromPayload({}).error().code, QStringLiteral("missing_field"));
    QCOMPARE(TypingFrame::fromPayload(QJsonObject {{QStringLiteral("conversationId"), 5},
                                          {QStringLiteral("isTyping"), 1}})
                 .error()
                 .code,
        QStringLiteral("invalid_field"));
}

QTEST_GUILESS_MAIN(TestProtocolCodec)
#include "tst_protocolcodec.moc"
