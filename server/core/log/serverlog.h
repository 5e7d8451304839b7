#pragma once

#include <QList>
#include <QPair>
#include <QString>

#include <QtGlobal>

namespace Confab::Server {

/// The server's log: one line per record on stderr,
/// `level=warning time=2026-01-31T12:00:00.000Z event=confab.server.storage msg="…" k=v`.
/// Qt's message handler is routed here, so every qDebug/qWarning of the server and of Qt
/// itself comes out in this form. Records carry no secrets and no message contents: callers
/// log identifiers and counts, never bodies or passwords.
namespace ServerLog {

using Fields = QList<QPair<QString, QString>>;

/// Routes Qt's messages through format() to stderr.
void install();
/// Writes one record, e.g. logEvent(QtInfoMsg, "server_started", {{"port", "8080"}}).
void logEvent(QtMsgType level, const QString &event, const Fields &fields = {});
/// The one-line record (no trailing newline); values with spaces, quotes, '=' or control
/// characters are quoted and escaped so that the line stays one line and parses back.
QString format(QtMsgType level, const QString &event, const Fields &fields);

} // namespace ServerLog
} // namespace Confab::Server
