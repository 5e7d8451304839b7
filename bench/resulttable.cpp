#include "bench/resulttable.h"

#include <QJsonObject>
#include <QStringList>

namespace Confab::Bench {

namespace {

QString number(const QJsonValue &value)
{
    return QString::number(value.toDouble(), 'g', 6);
}

QString latencyText(const QJsonObject &latency)
{
    return QStringLiteral("p50 %1 / p95 %2 / p99 %3 / max %4 ms")
        .arg(number(latency.value(QStringLiteral("p50Ms"))),
            number(latency.value(QStringLiteral("p95Ms"))),
            number(latency.value(QStringLiteral("p99Ms"))),
            number(latency.value(QStringLiteral("maxMs"))));
}

// The server's own commit measurements of the window, when the row has them.
QString commitText(const QJsonObject &results)
{
    const QJsonObject commit = results.value(QStringLiteral("commit")).toObject();
    if (commit.isEmpty())
        return {};
    auto quartet = [](const QJsonObject &l) {
        return QStringLiteral("%1 / %2 / %3 / %4")
            .arg(number(l.value(QStringLiteral("p50Ms"))), number(l.value(QStringLiteral("p95Ms"))),
                number(l.value(QStringLiteral("p99Ms"))), number(l.value(QStringLiteral("maxMs"))));
    };
    return QStringLiteral(
        "; commit p50/p95/p99/max: transaction %1 ms (%2 messages per transaction), "
        "message %3 ms")
        .arg(quartet(commit.value(QStringLiteral("transactions")).toObject()),
            number(commit.value(QStringLiteral("messagesPerTransaction"))),
            quartet(commit.value(QStringLiteral("messages")).toObject()));
}

QString parametersText(const QString &scenario, const QJsonObject &p)
{
    if (scenario == QLatin1String("idle"))
        return QStringLiteral("%1 connections").arg(number(p.value(QStringLiteral("connections"))));
    if (scenario == QLatin1String("history"))
        return QStringLiteral("%1 messages, pages of %2")
            .arg(number(p.value(QStringLiteral("messages"))),
                number(p.value(QStringLiteral("pageSize"))));
    if (scenario == QLatin1String("durability"))
        return QStringLiteral("%1x%2, asking %3 msg/s")
            .arg(number(p.value(QStringLiteral("groups"))),
                number(p.value(QStringLiteral("members"))),
                number(p.value(QStringLiteral("messagesPerSecond"))));
    if (scenario == QLatin1String("logins"))
        return QStringLiteral("%1 sign-ins; chat %2x%3 @ %4 msg/s")
            .arg(number(p.value(QStringLiteral("signIns"))),
                number(p.value(QStringLiteral("groups"))),
                number(p.value(QStringLiteral("members"))),
                number(p.value(QStringLiteral("messagesPerSecond"))));
    if (scenario == QLatin1String("reconnect"))
        return QStringLiteral("%1 clients").arg(number(p.value(QStringLiteral("clients"))));
    if (scenario == QLatin1String("client"))
        return QStringLiteral("%1 conversations, %2 messages scrolled back")
            .arg(number(p.value(QStringLiteral("conversations"))),
                number(p.value(QStringLiteral("longConversationMessages"))));
    const QString groups = QStringLiteral("%1x%2").arg(
        number(p.value(QStringLiteral("groups"))), number(p.value(QStringLiteral("members"))));
    if (scenario == QLatin1String("saturation-summary"))
        return groups;
    return QStringLiteral("%1 @ %2 msg/s")
        .arg(groups, number(p.value(QStringLiteral("messagesPerSecond"))));
}

QString resultsText(const QString &scenario, const QJsonObject &row)
{
    const QJsonObject r = row.value(QStringLiteral("results")).toObject();
    if (scenario == QLatin1String("idle")) {
        return QStringLiteral("%1 up in %2 s (%3/s); server RSS %4 -> %5 MB, %6 KB per connection")
            .arg(number(r.value(QStringLiteral("connected"))),
                number(r.value(QStringLiteral("acceptSeconds"))),
                number(r.value(QStringLiteral("acceptedPerSecond"))),
                QString::number(
                    r.value(QStringLiteral("serverRssBeforeKb")).toDouble() / 1024, 'f', 1),
                QString::number(
                    r.value(QStringLiteral("serverRssAfterKb")).toDouble() / 1024, 'f', 1),
                number(r.value(QStringLiteral("rssPerConnectionKb"))));
    }
    if (scenario == QLatin1String("fanout") || scenario == QLatin1String("saturation")) {
        const QJsonObject sender = r.value(QStringLiteral("sender")).toObject();
        QString text = QStringLiteral("%1; %2 deliveries/s, %3 stored/s, lost %4")
                           .arg(latencyText(r.value(QStringLiteral("latency")).toObject()),
                               number(r.value(QStringLiteral("deliveriesPerSecond"))),
                               number(sender.value(QStringLiteral("storedPerSecond"))),
                               number(r.value(QStringLiteral("lost"))));
        if (sender.value(QStringLiteral("behind")).toDouble() > 0)
            text += QStringLiteral(", %1 not sent (behind)")
                        .arg(number(sender.value(QStringLiteral("behind"))));
        const QJsonObject connect = row.value(QStringLiteral("connect")).toObject();
        if (connect.contains(QStringLiteral("secondsUntilServerIdle"))) {
            text +=
                QStringLiteral("; all connected in %1 s, server idle after %2 s")
                    .arg(QString::number(
                             connect.value(QStringLiteral("elapsedMs")).toDouble() / 1000, 'f', 1),
                        number(connect.value(QStringLiteral("secondsUntilServerIdle"))));
        }
        text += commitText(r);
        if (row.contains(QStringLiteral("sustained")))
            text += row.value(QStringLiteral("sustained")).toBool()
                ? QStringLiteral(" [sustained]")
                : QStringLiteral(" [NOT sustained]");
        return text;
    }
    if (scenario == QLatin1String("saturation-summary")) {
        const QJsonObject best = r.value(QStringLiteral("highestSustained")).toObject();
        if (best.isEmpty())
            return QStringLiteral("no step sustained; %1")
                .arg(r.value(QStringLiteral("stoppedBecause")).toString());
        return QStringLiteral("highest sustained: %1 msg/s = %2 deliveries/s, %3 stored/s; %4")
            .arg(number(best.value(QStringLiteral("messagesPerSecond"))),
                number(best.value(QStringLiteral("deliveriesPerSecond"))),
                number(best.value(QStringLiteral("storedPerSecond"))),
                r.value(QStringLiteral("stoppedBecause")).toString());
    }
    if (scenario == QLatin1String("history")) {
        QStringList parts;
        for (const char *place : {"newest", "middle", "oldest"}) {
            const QJsonObject l = r.value(QLatin1String(place)).toObject();
            parts.append(QStringLiteral("%1 p50 %2 / p99 %3 ms")
                             .arg(QLatin1String(place), number(l.value(QStringLiteral("p50Ms"))),
                                 number(l.value(QStringLiteral("p99Ms")))));
        }
        return parts.join(QStringLiteral("; "));
    }
    if (scenario == QLatin1String("durability")) {
        const QJsonObject post = r.value(QStringLiteral("sender"))
                                     .toObject()
                                     .value(QStringLiteral("postLatency"))
                                     .toObject();
        return QStringLiteral("%1 stored/s (POST p99 %2 ms); after SIGKILL %3 of %4 acknowledged "
                              "messages found")
                   .arg(number(r.value(QStringLiteral("storedPerSecond"))),
                       number(post.value(QStringLiteral("p99Ms"))),
                       number(r.value(QStringLiteral("foundAfterCrash"))),
                       number(r.value(QStringLiteral("acknowledged"))))
            + commitText(r);
    }
    if (scenario == QLatin1String("logins")) {
        const QJsonObject signIns = r.value(QStringLiteral("signIns")).toObject();
        const QJsonObject before = r.value(QStringLiteral("chatBefore"))
                                       .toObject()
                                       .value(QStringLiteral("latency"))
                                       .toObject();
        const QJsonObject during = r.value(QStringLiteral("chatDuring"))
                                       .toObject()
                                       .value(QStringLiteral("latency"))
                                       .toObject();
        return QStringLiteral(
            "%1 sign-ins in %2 s (%3/s, p99 %4 ms); chat p99 %5 ms before, %6 ms during")
            .arg(number(signIns.value(QStringLiteral("succeeded"))),
                number(signIns.value(QStringLiteral("seconds"))),
                number(signIns.value(QStringLiteral("signInsPerSecond"))),
                number(signIns.value(QStringLiteral("latency"))
                           .toObject()
                           .value(QStringLiteral("p99Ms"))),
                number(before.value(QStringLiteral("p99Ms"))),
                number(during.value(QStringLiteral("p99Ms"))));
    }
    if (scenario == QLatin1String("client")) {
        const QJsonObject cold = r.value(QStringLiteral("cold")).toObject();
        const QJsonObject warm = r.value(QStringLiteral("warm")).toObject();
        const QJsonObject fetch = warm.value(QStringLiteral("fetchMore")).toObject();
        auto mb = [](const QJsonValue &kb) {
            return QString::number(kb.toDouble() / 1024, 'f', 1);
        };
        return QStringLiteral(
            "usable after %1 ms cold, %2 ms warm; RSS idle %3 MB (%4 MB private), "
            "%5 MB after scrolling back; fetchMore p50 %6 / p95 %7 / max %8 ms, "
            "%9 pages")
            .arg(number(cold.value(QStringLiteral("usableMs"))),
                number(warm.value(QStringLiteral("usableMs"))),
                mb(warm.value(QStringLiteral("rssIdleKb"))),
                mb(warm.value(QStringLiteral("rssIdleAnonKb"))),
                mb(warm.value(QStringLiteral("rssAfterScrollKb"))),
                number(fetch.value(QStringLiteral("p50Ms"))),
                number(fetch.value(QStringLiteral("p95Ms"))),
                number(fetch.value(QStringLiteral("maxMs"))),
                number(warm.value(QStringLiteral("pagesFetched"))));
    }
    if (scenario == QLatin1String("reconnect")) {
        return QStringLiteral("%1 back, %2 caught up in %3 s")
            .arg(number(r.value(QStringLiteral("reconnected"))),
                number(r.value(QStringLiteral("caughtUp"))),
                number(r.value(QStringLiteral("secondsUntilAllCaughtUp"))));
    }
    return {};
}

QString resourcesText(const QJsonObject &row)
{
    QJsonObject resources = row.value(QStringLiteral("resources")).toObject();
    if (resources.isEmpty())
        resources = row.value(QStringLiteral("results"))
                        .toObject()
                        .value(QStringLiteral("resources"))
                        .toObject();
    if (resources.isEmpty())
        return QStringLiteral("-");
    return QStringLiteral("server %1% CPU, %2 MB; generator %3% CPU")
        .arg(number(resources.value(QStringLiteral("serverCpuPercent"))),
            QString::number(
                resources.value(QStringLiteral("serverRssKb")).toDouble() / 1024, 'f', 1),
            number(resources.value(QStringLiteral("generatorCpuPercent"))));
}

} // namespace

QString formatResultTable(const QJsonArray &rows)
{
    QStringList lines;
    lines.append(
        QStringLiteral("| Scenario | DB | Parameters | Results | Resources (100% = one core) |"));
    lines.append(QStringLiteral("| --- | --- | --- | --- | --- |"));
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        const QString scenario = row.value(QStringLiteral("scenario")).toString();
        QString results = row.contains(QStringLiteral("skipped"))
            ? QStringLiteral("skipped: %1").arg(row.value(QStringLiteral("skipped")).toString())
            : resultsText(scenario, row);
        const QJsonArray problems = row.value(QStringLiteral("problems")).toArray();
        for (const QJsonValue &problem : problems)
            results += QStringLiteral(" **PROBLEM: %1**").arg(problem.toString());
        lines.append(
            QStringLiteral("| %1 | %2 | %3 | %4 | %5 |")
                .arg(scenario, row.value(QStringLiteral("database")).toString(),
                    parametersText(scenario, row.value(QStringLiteral("parameters")).toObject()),
                    results, resourcesText(row)));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace Confab::Bench
