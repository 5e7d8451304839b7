#pragma once

#include <QIdentityProxyModel>

namespace Confab::Ui {

/// Hides the message model's fetch-more from the view. A QAbstractItemView fetches more
/// whenever its *last* row is visible, which in a chat (scrolled to the bottom) would load
/// the whole history page after page; the main window asks for older pages itself when
/// the user scrolls to the top.
class MessageHistoryProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    bool canFetchMore(const QModelIndex &) const override { return false; }
    void fetchMore(const QModelIndex &) override { }

    bool canFetchOlder() const;
    void fetchOlder();
};

} // namespace Confab::Ui
