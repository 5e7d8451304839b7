#pragma once

#include <QtGlobal>

#include <chrono>
#include <functional>

class QAbstractEventDispatcher;

namespace Confab::Server {

/// The WebSocket side's timings and limits. The defaults are the protocol's numbers; tests
/// shorten the timings so that they need not wait for them.
struct RealtimeSettings
{
    /// An unauthenticated connection is closed (4401) when no AUTH arrived within this.
    std::chrono::milliseconds authTimeout {std::chrono::seconds(10)};
    /// How often every authenticated connection is pinged.
    std::chrono::milliseconds pingInterval {std::chrono::seconds(20)};
    /// A connection that answered no ping for this long is dropped as dead.
    std::chrono::milliseconds deadAfter {std::chrono::seconds(50)};
    /// At most one TYPING per user and conversation is relayed within this.
    std::chrono::milliseconds typingInterval {std::chrono::seconds(1)};
    /// A user whose last connection closed stays online this long before contacts hear
    /// they left: one who is back within it (a reconnect, a network hiccup, a server-wide
    /// reconnect storm) was never shown offline, so neither PRESENCE is sent. Their
    /// `lastSeenAt` is still the moment they left.
    std::chrono::milliseconds offlineGrace {std::chrono::seconds(3)};
    /// Presence (READY's online list, PRESENCE) is shared within conversations of at most this
    /// many people. In bigger groups everyone coming online would be announced to everyone
    /// (n² frames when a big group connects): members see each other's presence in the
    /// participant list and profiles they load instead.
    int presenceGroupLimit = 250;
    /// Last-seen times recorded within this go to the database in one transaction.
    std::chrono::milliseconds lastSeenWriteDelay {250};
    /// How long a conversation's participant list is trusted for typing relays.
    std::chrono::milliseconds participantCacheTtl {std::chrono::seconds(5)};
    /// A client message (all its fragments together) longer than this closes the connection
    /// with 1009. The longest legitimate frame (a SEND_MESSAGE of 4,000 characters of
    /// four-byte UTF-8, escaped) is far below it.
    qint64 maxMessageBytes = 1024 * 1024;
    /// After the server's close frame, how long a client has to answer it before the
    /// connection is dropped.
    std::chrono::milliseconds closeTimeout {std::chrono::seconds(5)};
    /// Frames a connection may send per second; the rest are dropped.
    int maxFramesPerSecond = 100;
    /// More frames than this within one second close the connection (4429).
    int closeAboveFramesPerSecond = 200;
    /// Frames dropped in this many seconds in a row close the connection (4429).
    int closeAfterSecondsOverLimit = 3;
    /// Threads that hold the WebSockets and write fan-outs (ConnectionShards); -1: one per
    /// core (at most kMaxConnectionThreads); 0: none, the sockets stay on the hub's thread.
    int connectionThreads = -1;
    static constexpr int kMaxConnectionThreads = 16;
    /// Makes the event dispatcher of each connection thread (empty, or null from the call:
    /// Qt's own).
    std::function<QAbstractEventDispatcher *()> threadEventDispatcher;
};

} // namespace Confab::Server
