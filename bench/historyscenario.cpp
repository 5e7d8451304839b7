#include "bench/benchhttpconnection.h"
#include "bench/benchpassword.h"
#include "bench/latencyhistogram.h"
#include "bench/scenariofixture.h"
#include "bench/scenarios.h"

#include <QCoroSignal>
#include <QJsonArray>
#include <QJsonDocument>

namespace Confab::Bench {

namespace {

constexpr int kPage = 50;
constexpr int kWarmUp = 5;

/// One place in the history to fetch pages from, and what a correct page there looks like.
struct HistoryPosition
{
    HistoryPosition(QString name, QByteArray query, bool hasMore)
        : name(std::move(name))
        , query(std::move(query))
        , hasMore(hasMore)
    { }
    QString name;
    QByteArray query;
    bool hasMore;
};

QList<HistoryPosition> positions(qint64 oldestId, int messages)
{
    // before=ID pages end just below ID: the oldest page is the first 50 messages.
    return {HistoryPosition(QStringLiteral("newest"), QByteArray(), messages > kPage),
        HistoryPosition(QStringLiteral("middle"),
            "&before=" + QByteArray::number(oldestId + messages / 2), true),
        HistoryPosition(
            QStringLiteral("oldest"), "&before=" + QByteArray::number(oldestId + kPage), false)};
}

/// Why a page is not what it should be, or an empty string.
QString checkPage(const BenchHttpReply &reply, bool hasMore)
{
    if (reply.status() != 200)
        return QStringLiteral("HTTP %1: %2")
            .arg(reply.status())
            .arg(QString::fromUtf8(reply.body().left(200)));
    const QJsonObject page = QJsonDocument::fromJson(reply.body()).object();
    const int count = int(page.value(QStringLiteral("messages")).toArray().size());
    if (count != kPage)
        return QStringLiteral("a page held %1 messages, not %2").arg(count).arg(kPage);
    if (page.value(QStringLiteral("hasMore")).toBool() != hasMore)
        return QStringLiteral("hasMore was %1")
            .arg(hasMore ? QStringLiteral("false") : QStringLiteral("true"));
    return {};
}

} // namespace

QCoro::Task<QJsonArray> runHistoryScenario(BenchOptions options, QString database)
{
    QJsonObject parameters;
    parameters.insert(QStringLiteral("messages"), options.historyMessages);
    parameters.insert(QStringLiteral("pageSize"), kPage);
    parameters.insert(QStringLiteral("samplesPerPosition"), options.historySamples);
    QJsonObject row = resultRow(QStringLiteral("history"), database, parameters);
    QJsonArray rows;

    ScenarioFixture fixture(options, database);
    Result<void> created = fixture.createDatabase();
    Result<QList<qint64>> users = created
        ? fixture.database().addUsers(2, QStringLiteral("h"), benchPasswordHash())
        : Result<QList<qint64>>(created.error());
    Result<qint64> group = users ? fixture.database().addGroup(QStringLiteral("History"), *users)
                                 : Result<qint64>(users.error());
    Result<qint64> oldest = group ? fixture.database().addMessages(
                                *group, users->at(0), users->at(1), options.historyMessages)
                                  : Result<qint64>(group.error());
    Result<void> started = oldest ? fixture.startServer() : Result<void>(oldest.error());
    if (!started) {
        addProblem(row, started.error().message);
        rows.append(row);
        co_return rows;
    }
    co_await fixture.waitForServerIdle(10000);

    const QByteArray token = fixture.tokenFor(users->at(0));
    const QByteArray path = "/api/conversations/" + QByteArray::number(*group)
        + "/messages?limit=" + QByteArray::number(kPage);
    BenchHttpConnection connection(QHostAddress::LocalHost, fixture.server().port());
    fixture.beginMeasurement();
    QJsonObject results;
    const QList<HistoryPosition> places = positions(*oldest, options.historyMessages);
    for (const HistoryPosition &place : places) {
        LatencyHistogram latency;
        // One request at a time, as a client paging back: the time is the server's answer.
        for (int i = 0; i < kWarmUp + options.historySamples; ++i) {
            BenchHttpReply *reply = connection.send("GET", path + place.query, token);
            if (!reply->isFinished()) {
                auto done = qCoro(reply, &BenchHttpReply::finished);
                co_await done;
            }
            const QString problem = checkPage(*reply, place.hasMore);
            if (i >= kWarmUp)
                latency.add(reply->latencyNs() / 1000);
            reply->deleteLater();
            if (!problem.isEmpty()) {
                addProblem(row, QStringLiteral("%1: %2").arg(place.name, problem));
                break;
            }
        }
        results.insert(place.name, latency.summaryMs());
    }
    row.insert(QStringLiteral("results"), results);
    row.insert(QStringLiteral("resources"), fixture.measurement());
    rows.append(row);
    co_return rows;
}

} // namespace Confab::Bench
