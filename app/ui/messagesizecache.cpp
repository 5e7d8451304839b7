#include "app/ui/messagesizecache.h"

#include <QHashFunctions>

namespace Confab::Ui {

namespace {
constexpr int kMaxEntries = 200'000;
constexpr qint64 kDayCheckMs = 10'000;
} // namespace

size_t qHash(const MessageSizeKey &key, size_t seed)
{
    return qHashMulti(seed, key.id, key.clientMessageIdHash, key.contentHash, key.createdMs,
        key.previousCreatedMs, key.viewWidth, key.state, key.deleted, key.edited);
}

void MessageSizeCache::checkDay()
{
    // Asking for today's date reads the time zone: not on every lookup.
    if (m_dayChecked.isValid() && m_dayChecked.elapsed() < kDayCheckMs)
        return;
    m_dayChecked.start();
    const QDate today = QDate::currentDate();
    if (today != m_day) {
        m_day = today;
        m_sizes.clear();
    }
}

std::optional<QSize> MessageSizeCache::find(const MessageSizeKey &key)
{
    checkDay();
    const auto found = m_sizes.constFind(key);
    if (found == m_sizes.constEnd())
        return std::nullopt;
    return *found;
}

void MessageSizeCache::insert(const MessageSizeKey &key, QSize size)
{
    if (m_sizes.size() >= kMaxEntries)
        m_sizes.clear();
    m_sizes.insert(key, size);
}

} // namespace Confab::Ui
