#include "server/core/api/requestparsing.h"

namespace Confab::Server {

Result<qint64> queryInteger(const ApiRequest &request, const QString &name, qint64 fallback,
    qint64 min, qint64 max, const QString &errorCode)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = request.query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        return badRequest(errorCode,
            QStringLiteral("\"%1\" must be a whole number from %2 to %3.")
                .arg(name)
                .arg(min)
                .arg(max));
    return value;
}

} // namespace Confab::Server
