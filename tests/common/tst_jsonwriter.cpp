// JsonWriter: the JSON it writes is valid, escaped and exactly what the wire types' toJson()
// builds, so the fast path for large bodies cannot drift from the codec.
#include "common/conversation.h"
#include "common/jsonwriter.h"
#include "common/timeformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Confab;

namespace {

QJsonObject parsedObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), bytes.constData());
    return document.object();
}

template<typename T>
QJsonObject written(const T &value)
{
    JsonWriter writer;
    value.writeJson(writer);
    return parsedObject(writer.bytes());
}

QString awkwardText()
{
    QString text = QStringLiteral("quote \" backslash \\ slash / tab \t newline \n return \r "
                                  "bell \a backspace \b formfeed \f escape \x1b unit \x1f ");
    text += QChar(0); // a NUL inside the text
    text += QStringLiteral(" Grüße ✓ 👋 ");
    // Halves of a surrogate pair on their own, as a JSON \u escape may carry them in.
    text += QChar(0xd800);
    text += QStringLiteral(" low ");
    text += QChar(0xdc01);
    text += QStringLiteral(" end");
    return text;
}

User user(qint64 id, bool plain)
{
    User user;
    user.id = id;
    user.username = QStringLiteral("user%1").arg(id);
    user.displayName = plain ? QStringLiteral("User %1").arg(id) : awkwardText();
    user.bio = plain ? QString() : QStringLiteral("line one\nline two");
    user.profilePictureUrl = plain ? QString() : QStringLiteral("/api/users/%1/avatar?v=3").arg(id);
    user.online = !plain;
    if (!plain)
        user.lastSeenAt = fromEpochMs(1795000000999);
    user.createdAt = fromEpochMs(1700000000000 + id);
    return user;
}

Message message(bool plain)
{
    Message message;
    message.id = 9007199254740991; // the largest id a JSON double holds exactly
    message.conversationId = 4;
    message.senderId = 2;
    message.content = plain ? QStringLiteral("hello") : awkwardText();
    message.clientMessageId = plain ? QString() : QStringLiteral("c-7");
    message.createdAt = fromEpochMs(1795000000123);
    if (!plain) {
        message.editedAt = fromEpochMs(1795000001000);
        message.deletedAt = fromEpochMs(-1);
    }
    return message;
}

Conversation conversation(ConversationType type, int participantCount, bool withLastMessage)
{
    Conversation conversation;
    conversation.id = 12;
    conversation.type = type;
    conversation.title = QStringLiteral("Team \"North\" \\ ✓");
    for (int i = 0; i < participantCount; ++i) {
        Participant participant;
        participant.user = user(100 + i, i % 2 == 0);
        participant.role = i == 0 ? ParticipantRole::Admin : ParticipantRole::Member;
        participant.lastReadMessageId = i * 3;
        conversation.participants << participant;
    }
    if (withLastMessage)
        conversation.lastMessage = message(false);
    conversation.unreadCount = 17;
    conversation.createdAt = fromEpochMs(1600000000000);
    conversation.updatedAt = fromEpochMs(1795000000123);
    return conversation;
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesCompactNestedJson();
    void escapesWhatJsonRequires();
    void writesEveryInteger_data();
    void writesEveryInteger();
    void timestampsAndNulls();
    void usersMatchToJson();
    void messagesMatchToJson();
    void conversationsMatchToJson_data();
    void conversationsMatchToJson();
};

void TestJsonWriter::writesCompactNestedJson()
{
    JsonWriter writer;
    writer.beginObject();
    writer.key(QLatin1StringView("a")).value(1);
    writer.key(QLatin1StringView("list"));
    writer.beginArray();
    writer.value(true);
    writer.beginObject();
    writer.endObject();
    writer.beginArray();
    writer.endArray();
    writer.null();
    writer.value(QStringLiteral("x"));
    writer.endArray();
    writer.key(QLatin1StringView("empty")).value(QString());
    writer.key(QLatin1StringView("off")).value(false);
    writer.endObject();
    QCOMPARE(writer.bytes(),
        QByteArray(R"({"a":1,"list":[true,{},[],null,"x"],"empty":"","off":false})"));
}

void TestJsonWriter::escapesWhatJsonRequires()
{
    JsonWriter writer;
    writer.beginArray();
    writer.value(awkwardText());
    writer.endArray();
    const QByteArray bytes = writer.bytes();
    for (char c : bytes)
        QVERIFY2(static_cast<unsigned char>(c) >= 0x20, "a raw control character was written");
    QVERIFY(bytes.contains(R"(quote \" backslash \\ slash)"));
    QVERIFY(bytes.contains(R"(\u0007)"));
    QVERIFY(bytes.contains(R"(\u0000)"));
    QVERIFY(bytes.contains("Grüße ✓ 👋"));
    QVERIFY(bytes.contains(R"(\ud800 low \udc01 end)"));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    QVERIFY(document.isArray());
    QCOMPARE(document.array().at(0).toString(), awkwardText());
}

void TestJsonWriter::writesEveryInteger_data()
{
    QTest::addColumn<qint64>("number");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("zero") << qint64(0) << QByteArray("0");
    QTest::newRow("one") << qint64(1) << QByteArray("1");
    QTest::newRow("minus one") << qint64(-1) << QByteArray("-1");
    QTest::newRow("large") << qint64(1795000000123) << QByteArray("1795000000123");
    QTest::newRow("max") << std::numeric_limits<qint64>::max() << QByteArray("9223372036854775807");
    QTest::newRow("min") << std::numeric_limits<qint64>::min()
                         << QByteArray("-9223372036854775808");
}

void TestJsonWriter::writesEveryInteger()
{
    QFETCH(qint64, number);
    QFETCH(QByteArray, text);
    JsonWriter writer;
    writer.value(number);
    QCOMPARE(writer.bytes(), text);
}

void TestJsonWriter::timestampsAndNulls()
{
    JsonWriter writer;
    writer.beginArray();
    writer.timestamp(fromEpochMs(1795000000123));
    writer.timestamp(QDateTime());
    writer.stringOrNull(QString());
    writer.stringOrNull(QStringLiteral("s"));
    writer.timestamp(fromEpochMs(253402300800000LL)); // year 10000: Qt formats it
    writer.endArray();
    const QJsonArray array = QJsonDocument::fromJson(writer.bytes()).array();
    QCOMPARE(array.size(), 5);
    QCOMPARE(array.at(0).toString(), QStringLiteral("2026-11-18T11:06:40.123Z"));
    QVERIFY(array.at(1).isNull());
    QVERIFY(array.at(2).isNull());
    QCOMPARE(array.at(3).toString(), QStringLiteral("s"));
    QCOMPARE(array.at(4).toString(), formatTimestamp(fromEpochMs(253402300800000LL)));
}

void TestJsonWriter::usersMatchToJson()
{
    for (bool plain : {true, false}) {
        const User value = user(5, plain);
        QCOMPARE(written(value), value.toJson());
    }
    Participant participant;
    participant.user = user(6, false);
    participant.role = ParticipantRole::Admin;
    participant.lastReadMessageId = 41;
    QCOMPARE(written(participant), participant.toJson());
}

void TestJsonWriter::messagesMatchToJson()
{
    for (bool plain : {true, false}) {
        const Message value = message(plain);
        QCOMPARE(written(value), value.toJson());
    }
}

void TestJsonWriter::conversationsMatchToJson_data()
{
    QTest::addColumn<Conversation>("conversation");
    QTest::newRow("direct, no message") << conversation(ConversationType::Direct, 2, false);
    QTest::newRow("group with history") << conversation(ConversationType::Group, 50, true);
    QTest::newRow("group, no participants") << conversation(ConversationType::Group, 0, false);
}

void TestJsonWriter::conversationsMatchToJson()
{
    QFETCH(Conversation, conversation);
    const QJsonObject expected = conversation.toJson();
    const QJsonObject actual = written(conversation);
    QCOMPARE(actual.keys(), expected.keys());
    for (const QString &key : expected.keys())
        QCOMPARE(actual.value(key), expected.value(key));
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
