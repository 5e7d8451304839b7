// DNS-SD TXT records in their wire form: what the server announces and what clients read.
#include "lan/txtrecord.h"

#include <QTest>

using namespace Confab::Lan;

class TestTxtRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodesLengthPrefixedPairs();
    void roundTrips();
    void decodes_data();
    void decodes();
};

void TestTxtRecord::encodesLengthPrefixedPairs()
{
    const QByteArray record =
        TxtRecord::encode({{QByteArrayLiteral("proto"), QByteArrayLiteral("1")},
            {QByteArrayLiteral("tls"), QByteArrayLiteral("0")}});
    QCOMPARE(record, QByteArray("\x07proto=1\x05tls=0"));
    // Empty keys and entries over 255 bytes cannot be written and are left out.
    QCOMPARE(TxtRecord::encode({{QByteArray(), QByteArrayLiteral("x")},
                 {QByteArrayLiteral("fp"), QByteArray(300, 'a')}}),
        QByteArray());
}

void TestTxtRecord::roundTrips()
{
    const QByteArray fingerprint = QByteArrayLiteral(
        "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23"
        ":45:67:89");
    const QMap<QByteArray, QByteArray> decoded =
        TxtRecord::decode(TxtRecord::encode({{QByteArrayLiteral("proto"), QByteArrayLiteral("1")},
            {QByteArrayLiteral("tls"), QByteArrayLiteral("1")},
            {QByteArrayLiteral("fp"), fingerprint}}));
    QCOMPARE(decoded.size(), 3);
    QCOMPARE(decoded.value("proto"), QByteArray("1"));
    QCOMPARE(decoded.value("tls"), QByteArray("1"));
    QCOMPARE(decoded.value("fp"), fingerprint);
}

void TestTxtRecord::decodes_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("size");
    QTest::newRow("keys ignore case")
        << QByteArray("\x07PROTO=1") << QByteArray("proto") << QByteArray("1") << 1;
    QTest::newRow("first of repeated keys")
        << QByteArray("\x05tls=1\x05tls=0") << QByteArray("tls") << QByteArray("1") << 1;
    QTest::newRow("key without value") << QByteArray("\x04"
                                                     "flag")
                                       << QByteArray("flag") << QByteArray() << 1;
    QTest::newRow("value with '='") << QByteArray("\x05"
                                                  "a=b=c")
                                    << QByteArray("a") << QByteArray("b=c") << 1;
    QTest::newRow("truncated entry is dropped")
        << QByteArray("\x05tls=1\x09proto") << QByteArray("tls") << QByteArray("1") << 1;
    QTest::newRow("empty record") << QByteArray() << QByteArray("tls") << QByteArray() << 0;
    QTest::newRow("empty strings skipped")
        << QByteArray("\x00\x05tls=0", 7) << QByteArray("tls") << QByteArray("0") << 1;
}

void TestTxtRecord::decodes()
{
    QFETCH(QByteArray, record);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, value);
    QFETCH(int, size);
    const QMap<QByteArray, QByteArray> decoded = TxtRecord::decode(record);
    QCOMPARE(decoded.size(), size);
    QCOMPARE(decoded.value(key), value);
}

QTEST_GUILESS_MAIN(TestTxtRecord)
#include "tst_txtrecord.moc"
