#include "app/ui/messagehistoryproxy.h"

namespace Confab::Ui {

bool MessageHistoryProxy::canFetchOlder() const
{
    return sourceModel() && sourceModel()->canFetchMore({});
}

void MessageHistoryProxy::fetchOlder()
{
    if (canFetchOlder())
        sourceModel()->fetchMore({});
}

} // namespace Confab::Ui
