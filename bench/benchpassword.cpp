#include "bench/benchpassword.h"

#include "server/core/auth/passwordhasher.h"

namespace Confab::Bench {

QString benchPasswordHash()
{
    static const QString hash = [] {
        Server::PasswordHasher::initialize();
        Result<QString> made = Server::PasswordHasher::hashNow(QLatin1String(kBenchPassword));
        return made ? *made : QString();
    }();
    return hash;
}

} // namespace Confab::Bench
