#pragma once

#include <QList>
#include <QString>

namespace Confab::Server::PgArray {

/// PostgreSQL's text form of an array, bound as one parameter and cast (CAST(? AS bigint[]))
/// so that one prepared statement takes any number of rows through unnest().
QString ofIntegers(const QList<qint64> &values);
/// Each element quoted, with backslashes and double quotes escaped; with `emptyIsNull`, an
/// empty string is the element NULL.
QString ofTexts(const QList<QString> &values, bool emptyIsNull);

} // namespace Confab::Server::PgArray
