#pragma once

#include <QString>

namespace Confab::Ui {

/// The name of the person logged in to this computer: the full name from the account's
/// details when it has one ("Alice Liddell"), else the login name, else empty.
QString systemUserFullName();

} // namespace Confab::Ui
