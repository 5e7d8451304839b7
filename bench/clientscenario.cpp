#include "bench/benchpassword.h"
#include "bench/clientprocess.h"
#include "bench/scenariofixture.h"
#include "bench/scenarios.h"

#include <QDir>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace Confab::Bench {

namespace {

constexpr int kPage = 50; // the client's page size
constexpr int kMessagesPerSmallConversation = 20;
constexpr int kTimeoutMs = 120000;

/// What the seeding made: the user the app signs in as, the long conversation, and one
/// single-use refresh token per run of the app.
struct ClientSeed
{
    qint64 userId = 0;
    qint64 longConversationId = 0;
    QStringList refreshTokens;
};

/// One user with `conversations` conversations (about 60 % direct, the rest groups of four),
/// each with a few messages, one of them a group with `longMessages` messages.
Result<ClientSeed> seed(BenchDatabase &database, int conversations, int longMessages, int runs)
{
    const int directs = qMax(1, conversations * 6 / 10);
    Result<QList<qint64>> me = database.addUsers(1, QStringLiteral("client"), benchPasswordHash());
    if (!me)
        return me.error();
    Result<QList<qint64>> people =
        database.addUsers(directs, QStringLiteral("contact"), benchPasswordHash());
    if (!people)
        return people.error();
    ClientSeed result;
    result.userId = me->first();
    for (int i = 0; i < conversations; ++i) {
        Result<qint64> conversation = Result<qint64>(0);
        const qint64 other = people->at(i % directs);
        if (i == 0) {
            conversation = database.addGroup(
                QStringLiteral("Long history"), QList<qint64> {result.userId, other});
        } else if (i < directs) {
            conversation = database.addDirect(result.userId, other);
        } else {
            conversation = database.addGroup(QStringLiteral("Group %1").arg(i - directs + 1),
                QList<qint64> {result.userId, other, people->at((i + 1) % directs),
                    people->at((i + 2) % directs)});
        }
        if (!conversation)
            return conversation.error();
        const int count = i == 0 ? longMessages : kMessagesPerSmallConversation;
        Result<qint64> messages = database.addMessages(*conversation, result.userId, other, count);
        if (!messages)
            return messages.error();
        if (i == 0)
            result.longConversationId = *conversation;
    }
    for (int run = 0; run < runs; ++run) {
        Result<QString> token = database.addRefreshToken(result.userId);
        if (!token)
            return token.error();
        result.refreshTokens.append(*token);
    }
    return result;
}

double round1(double value)
{
    return std::round(value * 10) / 10;
}

double msBetween(qint64 startNs, const QJsonObject &line)
{
    return round1(
        double(line.value(QStringLiteral("monotonicNs")).toString().toLongLong() - startNs) / 1e6);
}

/// p50, p95 and max of a few hundred samples, exactly (nearest rank).
QJsonObject summary(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    auto rank = [&](double fraction) {
        if (samples.isEmpty())
            return 0.0;
        const qsizetype index = qBound(
            qsizetype(0), qsizetype(std::ceil(fraction * samples.size())) - 1, samples.size() - 1);
        return round1(samples.at(index));
    };
    return QJsonObject {{QStringLiteral("samples"), double(samples.size())},
        {QStringLiteral("p50Ms"), rank(0.50)}, {QStringLiteral("p95Ms"), rank(0.95)},
        {QStringLiteral("maxMs"), samples.isEmpty() ? 0.0 : round1(samples.last())}};
}

QString failure(const QJsonObject &line, const QString &waitingFor)
{
    if (line.isEmpty())
        return QStringLiteral("the app did not report %1 (timed out or ended)").arg(waitingFor);
    return QStringLiteral("the app failed before %1: %2")
        .arg(waitingFor, line.value(QStringLiteral("message")).toString());
}

QStringList scrollEvents()
{
    return {QStringLiteral("opened"), QStringLiteral("page"), QStringLiteral("scrolled")};
}

bool is(const QJsonObject &line, const char *event)
{
    return line.value(QStringLiteral("event")).toString() == QLatin1String(event);
}

} // namespace

QCoro::Task<QJsonArray> runClientScenario(BenchOptions options, QString database)
{
    QJsonObject parameters;
    parameters.insert(QStringLiteral("conversations"), options.clientConversations);
    parameters.insert(QStringLiteral("longConversationMessages"), options.clientMessages);
    parameters.insert(
        QStringLiteral("messagesPerOtherConversation"), kMessagesPerSmallConversation);
    parameters.insert(QStringLiteral("settleMs"), options.clientSettleMs);
    QJsonObject row = resultRow(QStringLiteral("client"), database, parameters);
    QJsonArray rows;
    if (database != QLatin1String("sqlite")) {
        // The server's storage is not what this measures; one database is enough.
        row.insert(QStringLiteral("skipped"), QStringLiteral("the client is measured on SQLite"));
        rows.append(row);
        co_return rows;
    }
    if (options.clientBinary.isEmpty()) {
        row.insert(QStringLiteral("skipped"), QStringLiteral("no --client PATH given"));
        rows.append(row);
        co_return rows;
    }

    ScenarioFixture fixture(options, database);
    Result<void> created = fixture.createDatabase();
    Result<ClientSeed> seeded = created
        ? seed(fixture.database(), options.clientConversations, options.clientMessages, 2)
        : Result<ClientSeed>(created.error());
    Result<void> started = seeded ? fixture.startServer() : Result<void>(seeded.error());
    if (!started) {
        addProblem(row, started.error().message);
        rows.append(row);
        co_return rows;
    }
    co_await fixture.waitForServerIdle(10000);
    fixture.beginMeasurement();

    ClientProcess::Launch launch;
    launch.program = options.clientBinary;
    launch.serverUrl = QStringLiteral("http://127.0.0.1:%1").arg(fixture.server().port());
    launch.home = QDir(options.workDirectory).filePath(QStringLiteral("client-home"));
    launch.reportFile = QDir(options.workDirectory).filePath(QStringLiteral("client-report.jsonl"));
    launch.settleMs = options.clientSettleMs;
    launch.screenshotDirectory = options.clientScreenshots;
    QDir(launch.home).removeRecursively();

    QJsonObject results;
    // Run 1 on a fresh profile (cold), run 2 on the same profile (warm) also scrolls back.
    for (int run = 0; run < 2; ++run) {
        const bool warm = run == 1;
        const QString name = warm ? QStringLiteral("warm") : QStringLiteral("cold");
        launch.refreshToken = seeded->refreshTokens.at(run);
        launch.openConversationId = warm ? seeded->longConversationId : 0;
        ClientProcess client;
        QString error;
        if (!client.start(launch, &error)) {
            addProblem(row, error);
            break;
        }
        QJsonObject runResults;
        auto shownTask = client.next(QStringList(QStringLiteral("shown")), kTimeoutMs);
        QJsonObject shown = co_await shownTask;
        if (!is(shown, "shown")) {
            addProblem(row,
                QStringLiteral("%1 run: %2").arg(name, failure(shown, QStringLiteral("shown"))));
            break;
        }
        auto usableTask = client.next(QStringList(QStringLiteral("usable")), kTimeoutMs);
        QJsonObject usable = co_await usableTask;
        if (!is(usable, "usable")) {
            addProblem(row,
                QStringLiteral("%1 run: %2").arg(name, failure(usable, QStringLiteral("usable"))));
            break;
        }
        const ProcessSample atUsable = client.sample();
        runResults.insert(QStringLiteral("shownMs"), msBetween(client.startedNs(), shown));
        runResults.insert(QStringLiteral("usableMs"), msBetween(client.startedNs(), usable));
        runResults.insert(
            QStringLiteral("cpuSecondsToUsable"), std::round(atUsable.cpuSeconds * 100) / 100);
        runResults.insert(QStringLiteral("rssAtUsableKb"), double(atUsable.rssKb));
        const int listed = usable.value(QStringLiteral("rows")).toInt();
        runResults.insert(QStringLiteral("conversationsListed"), listed);
        if (listed != options.clientConversations)
            addProblem(row,
                QStringLiteral("%1 run: the list showed %2 conversations, not %3")
                    .arg(name)
                    .arg(listed)
                    .arg(options.clientConversations));

        auto idleTask = client.next(QStringList(QStringLiteral("idle")), kTimeoutMs);
        QJsonObject idle = co_await idleTask;
        if (!is(idle, "idle")) {
            addProblem(
                row, QStringLiteral("%1 run: %2").arg(name, failure(idle, QStringLiteral("idle"))));
            break;
        }
        const ProcessSample atIdle = client.sample();
        runResults.insert(QStringLiteral("rssIdleKb"), double(atIdle.rssKb));
        runResults.insert(QStringLiteral("rssIdleAnonKb"), double(atIdle.rssAnonKb));
        runResults.insert(QStringLiteral("rssIdleFileKb"), double(atIdle.rssFileKb));

        if (warm) {
            client.command("scroll");
            QList<double> pageMs;
            int pagesShort = 0;
            QJsonObject line;
            QJsonObject opened;
            while (true) {
                auto lineTask = client.next(scrollEvents(), kTimeoutMs);
                line = co_await lineTask;
                if (is(line, "opened")) {
                    opened = line;
                } else if (is(line, "page")) {
                    pageMs.append(line.value(QStringLiteral("ms")).toDouble());
                    if (line.value(QStringLiteral("added")).toInt() != kPage)
                        ++pagesShort;
                } else {
                    break;
                }
            }
            if (!is(line, "scrolled")) {
                addProblem(row,
                    QStringLiteral("scrolling: %1").arg(failure(line, QStringLiteral("scrolled"))));
            } else {
                const ProcessSample scrolled = client.sample();
                runResults.insert(QStringLiteral("rssAfterScrollKb"), double(scrolled.rssKb));
                runResults.insert(
                    QStringLiteral("rssAfterScrollAnonKb"), double(scrolled.rssAnonKb));
                const int seen = line.value(QStringLiteral("rows")).toInt();
                const int pages = line.value(QStringLiteral("pages")).toInt();
                const int expectedPages =
                    int(std::ceil(double(qMax(0, options.clientMessages - kPage)) / kPage));
                runResults.insert(QStringLiteral("firstPageMs"),
                    round1(opened.value(QStringLiteral("ms")).toDouble()));
                runResults.insert(QStringLiteral("messagesSeen"), seen);
                runResults.insert(QStringLiteral("pagesFetched"), pages);
                runResults.insert(QStringLiteral("fetchMore"), summary(pageMs));
                if (seen != options.clientMessages)
                    addProblem(row,
                        QStringLiteral("the view held %1 messages, not %2")
                            .arg(seen)
                            .arg(options.clientMessages));
                if (pages != expectedPages || pageMs.size() != pages)
                    addProblem(row,
                        QStringLiteral("%1 older pages fetched, %2 expected")
                            .arg(pages)
                            .arg(expectedPages));
                // Only the oldest page may be short.
                if (pagesShort > 1)
                    addProblem(row, QStringLiteral("%1 pages were not full").arg(pagesShort));
            }
        }
        const int exitCode = client.quit();
        if (exitCode != 0)
            addProblem(
                row, QStringLiteral("%1 run: the app exited with %2").arg(name).arg(exitCode));
        results.insert(name, runResults);
    }
    row.insert(QStringLiteral("results"), results);
    row.insert(QStringLiteral("resources"), fixture.measurement());
    rows.append(row);
    co_return rows;
}

} // namespace Confab::Bench
