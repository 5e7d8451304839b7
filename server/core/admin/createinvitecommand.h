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
    /// A command whose invites expire after `hours` (empty: never), or a usage error.
    static Result<CreateInviteCommand> expiringAfter(const QString &hours);

    /// Exit status: 0 when the code was printed; errors go to `err` as one line.
    int run(const ServerSettings &settings, QTextStream &out, QTextStream &err) const;

    std::optional<qint64> expiresInHours() const { return m_expiresInHours; }

private:
    std::optional<qint64> m_expiresInHours;
};

class AdminInvocation;

/// The `admin create-invite` entry of the admin command table.
int runCreateInviteCommand(AdminInvocation &invocation);

} // namespace Confab::Server
