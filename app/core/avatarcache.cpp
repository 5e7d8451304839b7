#include "app/core/avatarcache.h"

#include "app/core/apiclient.h"
#include "app/core/logging.h"
#include "app/core/session.h"

#include <QCoroFuture>
#include <QtConcurrent>

namespace Confab::Client {

AvatarCache::AvatarCache(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{ }

QImage AvatarCache::avatar(qint64 userId, const QString &pictureUrl)
{
    if (pictureUrl.isEmpty())
        return {};
    Entry &entry = m_entries[userId];
    if (entry.url != pictureUrl) {
        entry.url = pictureUrl;
        entry.image = QImage();
        entry.loading = true;
        download(userId, pictureUrl);
    }
    return entry.image;
}

bool AvatarCache::isLoading(qint64 userId) const
{
    const auto it = m_entries.constFind(userId);
    return it != m_entries.constEnd() && it->loading;
}

QCoro::Task<> AvatarCache::download(qint64 userId, QString url)
{
    if (!m_session)
        co_return;
    QPointer<AvatarCache> self(this);
    auto task = m_session->api().avatar(url);
    const Result<QByteArray> bytes = co_await task;
    if (!self)
        co_return;
    QImage image;
    if (bytes) {
        const QByteArray data = *bytes;
        // Decoding a picture can take a while: the thread pool does it, not the GUI thread.
        QFuture<QImage> decoding = QtConcurrent::run([data] { return QImage::fromData(data); });
        image = co_await decoding;
        if (!self)
            co_return;
    } else {
        qCInfo(lcMessages) << "could not download the picture of user" << userId
                           << bytes.error().code;
    }
    auto it = m_entries.find(userId);
    if (it == m_entries.end() || it->url != url)
        co_return; // the picture changed meanwhile; a newer download runs
    it->loading = false;
    it->image = image;
    Q_EMIT avatarChanged(userId);
}

} // namespace Confab::Client
