// A short run of each confab-bench scenario with tiny numbers, against the real confab-server
// binary: checks that the tool counts right (no message lost, every connection up, every
// page full), never how fast anything is.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

/// The server's own commit latencies of a row's window: present, ordered, and consistent with
/// each other. Returns the messages measured.
double checkCommit(const QJsonObject &results)
{
    const QJsonObject commit = results.value(QStringLiteral("commit")).toObject();
    const QJsonObject transactions = commit.value(QStringLiteral("transactions")).toObject();
    const QJsonObject messages = commit.value(QStringLiteral("messages")).toObject();
    const double transactionCount = transactions.value(QStringLiteral("count")).toDouble();
    const double messageCount = messages.value(QStringLiteral("count")).toDouble();
    if (transactionCount < 1 || messageCount < transactionCount) {
        qWarning() << "commit window:" << commit;
        return -1;
    }
    for (const QJsonObject &latencies : {transactions, messages}) {
        const double p50 = latencies.value(QStringLiteral("p50Ms")).toDouble();
        const double p95 = latencies.value(QStringLiteral("p95Ms")).toDouble();
        const double p99 = latencies.value(QStringLiteral("p99Ms")).toDouble();
        const double max = latencies.value(QStringLiteral("maxMs")).toDouble();
        if (!(p50 > 0 && p50 <= p95 && p95 <= p99 && p99 <= max)) {
            qWarning() << "commit latencies out of order:" << latencies;
            return -1;
        }
    }
    return messageCount;
}

/// Where the app saves its windows in the client row: one folder per database, because the
/// SQLite and PostgreSQL runs of this test run at the same time and each clears its files.
QDir clientScreenshots()
{
    const QString database = qEnvironmentVariable("CONFAB_TEST_DATABASE", QStringLiteral("sqlite"));
    return QDir(QStringLiteral(CONFAB_SCREENSHOT_DIR "/bench-") + database);
}

} // namespace

class TestBenchSmoke : public QObject
{
    Q_OBJECT

private slots:
    void scenario_data();
    void scenario();

private:
    QJsonArray runBench(const QStringList &arguments);
};

QJsonArray TestBenchSmoke::runBench(const QStringList &arguments)
{
    QTemporaryDir directory;
    if (!directory.isValid())
        return {};
    const QString json = directory.filePath(QStringLiteral("results.json"));
    QStringList all {QStringLiteral("--server"), QStringLiteral(CONFAB_SERVER_BINARY),
        QStringLiteral("--work-dir"), directory.path(), QStringLiteral("--json"), json,
        QStringLiteral("--users-per-worker"), QStringLiteral("40"), QStringLiteral("--client"),
        QStringLiteral(CONFAB_CLIENT_BINARY)};
    const bool postgres = qEnvironmentVariable("CONFAB_TEST_DATABASE") == QLatin1String("postgres");
    all << QStringLiteral("--databases")
        << (postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite"));
    if (postgres)
        all << QStringLiteral("--postgres-url") << qEnvironmentVariable("CONFAB_TEST_POSTGRES_URL");
    all += arguments;
    QProcess bench;
    bench.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    bench.start(QStringLiteral(CONFAB_BENCH_BINARY), all);
    if (!bench.waitForFinished(240000)) {
        bench.kill();
        bench.waitForFinished();
        qWarning("confab-bench did not finish");
        return {};
    }
    const QByteArray table = bench.readAllStandardOutput();
    if (bench.exitCode() != 0)
        qWarning("confab-bench exited with %d:\n%s", bench.exitCode(), table.constData());
    QFile file(json);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    if (!document.value(QStringLiteral("correct")).toBool())
        qWarning("confab-bench reports problems:\n%s", table.constData());
    return document.value(QStringLiteral("rows")).toArray();
}

void TestBenchSmoke::scenario_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("scenario");
    QTest::newRow("idle") << QStringList {QStringLiteral("--scenarios"), QStringLiteral("idle"),
        QStringLiteral("--idle-steps"), QStringLiteral("60")}
                          << QStringLiteral("idle");
    QTest::newRow("fanout") << QStringList {QStringLiteral("--scenarios"), QStringLiteral("fanout"),
        QStringLiteral("--fanout-sets"), QStringLiteral("3x4,1x30"), QStringLiteral("--rate"),
        QStringLiteral("30"), QStringLiteral("--duration"), QStringLiteral("1")}
                            << QStringLiteral("fanout");
    QTest::newRow("saturation") << QStringList {QStringLiteral("--scenarios"),
        QStringLiteral("saturation"), QStringLiteral("--saturation-set"), QStringLiteral("2x5"),
        QStringLiteral("--saturation-rates"), QStringLiteral("10,20"), QStringLiteral("--duration"),
        QStringLiteral("1")} << QStringLiteral("saturation");
    QTest::newRow("history") << QStringList {QStringLiteral("--scenarios"),
        QStringLiteral("history"), QStringLiteral("--history-messages"), QStringLiteral("500"),
        QStringLiteral("--history-samples"), QStringLiteral("10")}
                             << QStringLiteral("history");
    QTest::newRow("logins") << QStringList {QStringLiteral("--scenarios"), QStringLiteral("logins"),
        QStringLiteral("--login-burst"), QStringLiteral("6"), QStringLiteral("--login-chat"),
        QStringLiteral("2x5@10"), QStringLiteral("--duration"), QStringLiteral("1")}
                            << QStringLiteral("logins");
    QTest::newRow("durability") << QStringList {QStringLiteral("--scenarios"),
        QStringLiteral("durability"), QStringLiteral("--durability-rate"), QStringLiteral("100"),
        QStringLiteral("--duration"), QStringLiteral("1")}
                                << QStringLiteral("durability");
    // The real desktop app, offscreen: 10 conversations listed, 300 messages scrolled back.
    QTest::newRow("client") << QStringList {QStringLiteral("--scenarios"), QStringLiteral("client"),
        QStringLiteral("--client-conversations"), QStringLiteral("10"),
        QStringLiteral("--client-messages"), QStringLiteral("300"),
        QStringLiteral("--client-settle-ms"), QStringLiteral("200"),
        QStringLiteral("--client-screenshots"), clientScreenshots().path()}
                            << QStringLiteral("client");
    QTest::newRow("reconnect") << QStringList {QStringLiteral("--scenarios"),
        QStringLiteral("reconnect"), QStringLiteral("--reconnect-clients"), QStringLiteral("75")}
                               << QStringLiteral("reconnect");
}

void TestBenchSmoke::scenario()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, scenario);
    const QDir screenshots = clientScreenshots();
    for (const QString &name :
        {QStringLiteral("client-usable.png"), QStringLiteral("client-scrolled.png")})
        QFile::remove(screenshots.filePath(name));
    const QJsonArray rows = runBench(arguments);
    QVERIFY2(!rows.isEmpty(), "confab-bench wrote no results");

    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        QCOMPARE(row.value(QStringLiteral("problems")).toArray(), QJsonArray());
        const QJsonObject parameters = row.value(QStringLiteral("parameters")).toObject();
        const QJsonObject results = row.value(QStringLiteral("results")).toObject();
        const QString kind = row.value(QStringLiteral("scenario")).toString();
        if (kind == QLatin1String("idle")) {
            QCOMPARE(results.value(QStringLiteral("connected")).toInt(), 60);
            QCOMPARE(results.value(QStringLiteral("failed")).toInt(), 0);
            QVERIFY(results.value(QStringLiteral("serverRssAfterKb")).toDouble() > 0);
        } else if (kind == QLatin1String("fanout") || kind == QLatin1String("saturation")) {
            // Every stored message reached every member of its group, exactly once.
            const QJsonObject sender = results.value(QStringLiteral("sender")).toObject();
            const double stored = sender.value(QStringLiteral("stored")).toDouble();
            QVERIFY(stored > 0);
            QCOMPARE(sender.value(QStringLiteral("attempted")).toDouble(), stored);
            const double members = parameters.value(QStringLiteral("members")).toDouble();
            QCOMPARE(results.value(QStringLiteral("deliveries")).toDouble(), stored * members);
            QCOMPARE(results.value(QStringLiteral("lost")).toDouble(), 0.0);
            QCOMPARE(results.value(QStringLiteral("latency"))
                         .toObject()
                         .value(QStringLiteral("samples"))
                         .toDouble(),
                stored * members);
            if (kind == QLatin1String("saturation")) {
                // Each step's sends are all answered inside its window, and nothing else
                // stores messages: the server measured exactly the step's messages.
                QCOMPARE(checkCommit(results), stored);
                QCOMPARE(results.value(QStringLiteral("commit"))
                             .toObject()
                             .value(QStringLiteral("messagesStored"))
                             .toDouble(),
                    stored);
            }
        } else if (kind == QLatin1String("history")) {
            for (const char *place : {"newest", "middle", "oldest"}) {
                QCOMPARE(results.value(QLatin1String(place))
                             .toObject()
                             .value(QStringLiteral("samples"))
                             .toDouble(),
                    10.0);
            }
        } else if (kind == QLatin1String("logins")) {
            const QJsonObject signIns = results.value(QStringLiteral("signIns")).toObject();
            QCOMPARE(signIns.value(QStringLiteral("succeeded")).toInt(), 6);
            QCOMPARE(signIns.value(QStringLiteral("failed")).toInt(), 0);
            for (const char *phase : {"chatBefore", "chatDuring"}) {
                const QJsonObject chat = results.value(QLatin1String(phase)).toObject();
                QVERIFY(chat.value(QStringLiteral("deliveries")).toDouble() > 0);
                QCOMPARE(chat.value(QStringLiteral("lost")).toDouble(), 0.0);
            }
        } else if (kind == QLatin1String("durability")) {
            // Every message the server acknowledged before SIGKILL is in the database.
            const double acknowledged = results.value(QStringLiteral("acknowledged")).toDouble();
            QVERIFY(acknowledged > 0);
            QCOMPARE(results.value(QStringLiteral("foundAfterCrash")).toDouble(), acknowledged);
            // The server measured its commits over the window before the kill.
            const double measured = checkCommit(results);
            QVERIFY(measured > 0);
            QVERIFY(measured <= results.value(QStringLiteral("sender"))
                                    .toObject()
                                    .value(QStringLiteral("attempted"))
                                    .toDouble());
        } else if (kind == QLatin1String("client")) {
            if (qEnvironmentVariable("CONFAB_TEST_DATABASE") == QLatin1String("postgres")) {
                // Measured on SQLite only; the row says so.
                QVERIFY(row.contains(QStringLiteral("skipped")));
                continue;
            }
            QVERIFY2(!row.contains(QStringLiteral("skipped")),
                qPrintable(row.value(QStringLiteral("skipped")).toString()));
            for (const char *run : {"cold", "warm"}) {
                const QJsonObject r = results.value(QLatin1String(run)).toObject();
                QCOMPARE(r.value(QStringLiteral("conversationsListed")).toInt(), 10);
                QVERIFY(r.value(QStringLiteral("usableMs")).toDouble() > 0);
                QVERIFY(r.value(QStringLiteral("rssIdleKb")).toDouble() > 0);
            }
            // Every older page fetched through the view, every message held once.
            const QJsonObject warm = results.value(QStringLiteral("warm")).toObject();
            QCOMPARE(warm.value(QStringLiteral("messagesSeen")).toInt(), 300);
            QCOMPARE(warm.value(QStringLiteral("pagesFetched")).toInt(), 5);
            QCOMPARE(warm.value(QStringLiteral("fetchMore"))
                         .toObject()
                         .value(QStringLiteral("samples"))
                         .toDouble(),
                5.0);
            QVERIFY(warm.value(QStringLiteral("rssAfterScrollKb")).toDouble() > 0);
            // What the app showed: the list, then the conversation with its first page loaded.
            QVERIFY(QFile::exists(screenshots.filePath(QStringLiteral("client-usable.png"))));
            QVERIFY(QFile::exists(screenshots.filePath(QStringLiteral("client-scrolled.png"))));
        } else if (kind == QLatin1String("reconnect")) {
            QCOMPARE(results.value(QStringLiteral("reconnected")).toInt(), 75);
            QCOMPARE(results.value(QStringLiteral("caughtUp")).toInt(), 75);
        }
    }
    QVERIFY(std::any_of(rows.begin(), rows.end(), [&](const QJsonValue &row) {
        return row.toObject().value(QStringLiteral("scenario")).toString() == scenario;
    }));
}

QTEST_GUILESS_MAIN(TestBenchSmoke)
#include "tst_benchsmoke.moc"
