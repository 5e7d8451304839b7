#pragma once

#include "common/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Confab::Bench {

/// A fan-out setup: `groups` groups of `members` members each.
struct GroupSet
{
    int groups = 0;
    int members = 0;
    /// Messages per second for this set in the fan-out scenario; 0: --rate.
    int rate = 0;
    QString label() const { return QStringLiteral("%1x%2").arg(groups).arg(members); }
};

/// Everything `confab-bench` was asked to do, from its command line.
struct BenchOptions
{
    QString serverBinary;
    QString selfBinary;
    QStringList databases {QStringLiteral("sqlite")};
    QString postgresUrl;
    QStringList scenarios {QStringLiteral("idle"), QStringLiteral("fanout"),
        QStringLiteral("history"), QStringLiteral("saturation")};
    QList<int> idleSteps {1000, 10000};
    QList<GroupSet> fanoutSets {{20, 50, 200}, {1, 1000, 20}};
    int fanoutRate = 200; // messages per second, all groups together
    double durationSeconds = 10;
    QList<int> saturationRates {100, 200, 500, 1000, 2000, 3000, 4000, 6000};
    GroupSet saturationSet {20, 50, 0};
    int historyMessages = 1'000'000;
    int historySamples = 200;
    int reconnectClients = 10000;
    int loginBurst = 200;
    int durabilityRate = 5000;
    GroupSet loginChatSet {20, 50, 100};
    int usersPerWorker = 5000;
    /// The desktop app measured by the client scenario; empty: the scenario is skipped.
    QString clientBinary;
    int clientConversations = 100;
    int clientMessages = 10000; // in the conversation scrolled back through
    int clientSettleMs = 3000; // from a usable list to the idle memory reading
    QString clientScreenshots; // where the app saves its window at usable and scrolled
    int senderConnections = 8;
    /// NAME=VALUE pairs added to the server's environment (e.g. QT_NO_GLIB=1).
    QStringList serverEnvironment;
    QString workDirectory;
    /// How confab-bench was started, recorded with the results.
    QString commandLine;
    QString jsonPath;

    /// Parses the arguments after the program name; the error says what is wrong.
    static Result<BenchOptions> parse(const QStringList &arguments);
    static QString helpText();
};

} // namespace Confab::Bench
