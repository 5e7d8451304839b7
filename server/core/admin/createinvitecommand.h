#pragma once

#include "server/core/serversettings.h"

#include "common/result.h"

#include <QStringList>
#include <QTextStream>

#include <optional>

namespace Confab::Server {

/// `confab-server admin create-invite [--expires-in HOURS]`: mints an invite code in the
/// server's database (the server may be running) and prints it, alone on stdout.
class CreateInviteCommand
{
public:
    /// Takes the command's own options out of `arguments`, leaving the server's options
    /// (--database and the like) for ServerOptions::parse().
    static Result<CreateInviteCommand> takeFrom(QStringList &arguments);

    /// Exit status: 0 when the code was printed; errors go to `err` as one line.
    int run(const ServerSettings &settings, QTextStream &out, QTextStream &err) const;

    std::optional<qint64> expiresInHours() const { return m_expiresInHours; }
    static QString usage();

private:
    std::optional<qint64> m_expiresInHours;
};

} // namespace Confab::Server
