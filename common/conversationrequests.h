#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Confab {

/// POST /api/conversations
struct CreateConversationRequest
{
    QList<qint64> participantIds;
    std::optional<QString> title;

    QJsonObject toJson() const;
    static Result<CreateConversationRequest> fromJson(const QJsonObject &json);
};

} // namespace Confab
