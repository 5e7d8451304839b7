#pragma once

#include <QByteArrayView>

namespace Confab::Server {

/// Strict UTF-8 validation as RFC 6455 §8.1 needs it for text messages and close reasons:
/// no overlong forms, no surrogates, nothing above U+10FFFF.
class Utf8Validator
{
public:
    static bool isValid(QByteArrayView bytes);
};

} // namespace Confab::Server
