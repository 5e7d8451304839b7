#pragma once

#include <QCoroTask>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPointer>

namespace Confab::Client {

class Session;

/// Users' pictures, downloaded once per user and picture URL (the server's URL names a
/// version, so a new picture is a new URL) and decoded off the GUI thread. Asking never
/// waits: avatar() answers what is there and starts a download when needed; avatarChanged
/// says when to paint again.
class AvatarCache : public QObject
{
    Q_OBJECT
public:
    explicit AvatarCache(Session *session, QObject *parent = nullptr);

    /// The picture at `pictureUrl` (a User's profilePictureUrl) for `userId`; a null image
    /// while it downloads, when it failed, or when there is no URL (draw initials then).
    QImage avatar(qint64 userId, const QString &pictureUrl);
    /// True while a download for this user runs.
    bool isLoading(qint64 userId) const;

Q_SIGNALS:
    void avatarChanged(qint64 userId);

private:
    struct Entry
    {
        QString url;
        QImage image;
        bool loading = false;
    };
    QCoro::Task<> download(qint64 userId, QString url);

    QPointer<Session> m_session;
    QHash<qint64, Entry> m_entries;
};

} // namespace Confab::Client
