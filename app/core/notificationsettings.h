#pragma once

#include <QObject>
#include <QSet>

class QSettings;

namespace Confab::Client {

/// The user's notification choices for one profile: muted conversations and "Do not
/// disturb". Read from and written to the profile's QSettings at once.
class NotificationSettings : public QObject
{
    Q_OBJECT
public:
    /// `settings` is the profile's store; it must outlive this object.
    explicit NotificationSettings(QSettings *settings, QObject *parent = nullptr);

    bool isMuted(qint64 conversationId) const { return m_muted.contains(conversationId); }
    void setMuted(qint64 conversationId, bool muted);
    bool doNotDisturb() const { return m_doNotDisturb; }
    void setDoNotDisturb(bool on);

Q_SIGNALS:
    void mutedChanged(qint64 conversationId, bool muted);
    void doNotDisturbChanged(bool on);

private:
    QSettings *m_settings;
    QSet<qint64> m_muted;
    bool m_doNotDisturb = false;
};

} // namespace Confab::Client
