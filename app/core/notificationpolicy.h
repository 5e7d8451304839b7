#pragma once

#include <QString>

namespace Confab::Client {

/// What is known about one incoming message when deciding whether to notify.
struct NotificationCandidate
{
    qint64 selfId = 0; ///< the signed-in user
    qint64 senderId = 0;
    qint64 conversationId = 0;
    qint64 openConversationId = 0; ///< 0 when no conversation is open
    bool windowActive = false; ///< the main window has the focus
    bool muted = false; ///< the conversation is muted
    bool doNotDisturb = false;
    bool deleted = false; ///< a tombstone, nothing to show
};

/// When a desktop notification is raised, and what it says. Kept apart from the notifiers
/// (one per platform) so that the rules can be tested on their own.
class NotificationPolicy
{
public:
    /// True for a message from someone else, in a conversation that is not muted, unless
    /// "Do not disturb" is on or the user is looking at that conversation right now.
    static bool shouldNotify(const NotificationCandidate &candidate);

    /// The notification's body: whitespace collapsed to single spaces and cut to at most
    /// `maxLength` characters (an ellipsis included) without splitting a surrogate pair.
    static QString preview(const QString &content, int maxLength = 120);
};

} // namespace Confab::Client
