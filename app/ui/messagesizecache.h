#pragma once

#include <QDate>
#include <QElapsedTimer>
#include <QHash>
#include <QSize>
#include <QString>

#include <optional>

namespace Confab::Ui {

/// Everything a message row's height and width depend on. Two rows with equal keys have the
/// same size hint. The day separator depends on the previous row's time, so that is in too.
struct MessageSizeKey
{
    qint64 id = 0;
    size_t clientMessageIdHash = 0;
    size_t contentHash = 0;
    qint64 createdMs = 0;
    qint64 previousCreatedMs = -1; ///< -1 for the first row
    int viewWidth = 0;
    int state = 0;
    bool deleted = false;
    bool edited = false;
    bool operator==(const MessageSizeKey &other) const = default;
};

size_t qHash(const MessageSizeKey &key, size_t seed = 0);

/// The size hints MessageDelegate has computed. A view asks for every row's size hint on
/// each layout, e.g. whenever an older page is prepended; measuring wrapped text (and the
/// local day of each message) every time made that grow with the rows held. The cache is
/// emptied when the day changes ("Today" becomes "Yesterday"), when the delegate's
/// participants change, and when it grows past a bound.
class MessageSizeCache
{
public:
    std::optional<QSize> find(const MessageSizeKey &key);
    void insert(const MessageSizeKey &key, QSize size);
    void clear() { m_sizes.clear(); }
    int count() const { return int(m_sizes.size()); }

private:
    void checkDay();

    QHash<MessageSizeKey, QSize> m_sizes;
    QDate m_day;
    QElapsedTimer m_dayChecked;
};

} // namespace Confab::Ui
