#include "app/ui/benchrefreshtoken.h"

namespace Confab::Ui {

QString takeBenchRefreshToken()
{
    const QString token = qEnvironmentVariable("CONFAB_BENCH_REFRESH_TOKEN");
    if (!token.isEmpty())
        qunsetenv("CONFAB_BENCH_REFRESH_TOKEN");
    return token;
}

} // namespace Confab::Ui
