#include "app/core/notificationsettings.h"

#include <QSettings>

#include <algorithm>

namespace Confab::Client {

namespace {
const QString mutedKey = QStringLiteral("notifications/muted");
const QString doNotDisturbKey = QStringLiteral("notifications/doNotDisturb");
} // namespace

NotificationSettings::NotificationSettings(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    const QStringList muted = m_settings->value(mutedKey).toStringList();
    for (const QString &id : muted) {
        bool ok = false;
        const qint64 value = id.toLongLong(&ok);
        if (ok && value > 0)
            m_muted.insert(value);
    }
    m_doNotDisturb = m_settings->value(doNotDisturbKey, false).toBool();
}

void NotificationSettings::setMuted(qint64 conversationId, bool muted)
{
    if (isMuted(conversationId) == muted)
        return;
    if (muted)
        m_muted.insert(conversationId);
    else
        m_muted.remove(conversationId);
    QList<qint64> ids(m_muted.begin(), m_muted.end());
    std::sort(ids.begin(), ids.end());
    QStringList stored;
    for (qint64 id : ids) {
        stored.append(QString::number(id));
    }
    m_settings->setValue(mutedKey, stored);
    Q_EMIT mutedChanged(conversationId, muted);
}

void NotificationSettings::setDoNotDisturb(bool on)
{
    if (m_doNotDisturb == on)
        return;
    m_doNotDisturb = on;
    m_settings->setValue(doNotDisturbKey, on);
    Q_EMIT doNotDisturbChanged(on);
}

} // namespace Confab::Client
