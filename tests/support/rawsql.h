#pragma once

#include "common/result.h"
#include "server/core/storage/storage.h"

#include <QString>
#include <QVariantList>

namespace Confab::Testing {

/// Runs SQL that no repository offers (tests' set-up and checks only) on a job's connection,
/// binding `values` in order; a failure carries the driver's message.
Result<void> execSql(Server::Storage &storage, const QString &sql, const QVariantList &values = {});

/// As execSql(), returning the first column of the first row as a number.
Result<qint64> scalarSql(
    Server::Storage &storage, const QString &sql, const QVariantList &values = {});

} // namespace Confab::Testing
