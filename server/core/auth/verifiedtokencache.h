#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>

#include <optional>

namespace Confab::Server {

/// Tokens whose signature TokenService has already checked, with the user and expiry they
/// carry. A client shows its token on the WebSocket and again on every HTTP request; checking
/// it anew each time (base64, JSON, HMAC through OpenSSL's algorithm lookup) took an eighth
/// of the main thread in a reconnect storm. What is kept is exactly what a check would find
/// again: the answer depends only on the token and the clock, and expiry is checked on every
/// hit. Bounded: when full, expired entries go, and if that frees nothing, everything goes.
/// Thread-safe.
class VerifiedTokenCache
{
public:
    static constexpr qsizetype kDefaultCapacity = 16384;

    explicit VerifiedTokenCache(qsizetype capacity = kDefaultCapacity)
        : m_capacity(capacity)
    { }

    /// The user of a kept token that has not expired at `nowSecs`.
    std::optional<qint64> find(const QByteArray &token, qint64 nowSecs) const;
    void insert(const QByteArray &token, qint64 userId, qint64 expiresAtSecs, qint64 nowSecs);
    qsizetype size() const;

private:
    struct Entry
    {
        qint64 userId = 0;
        qint64 expiresAtSecs = 0;
    };

    const qsizetype m_capacity;
    mutable QMutex m_mutex;
    QHash<QByteArray, Entry> m_entries;
};

} // namespace Confab::Server
