#pragma once

#include "common/message.h"

#include <QList>

#include <optional>

namespace Confab {

/// POST /api/conversations/:id/messages
struct SendMessageRequest
{
    QString content;
    std::optional<QString> clientMessageId;

    QJsonObject toJson() const;
    static Result<SendMessageRequest> fromJson(const QJsonObject &json);
};

/// GET /api/conversations/:id/messages: a page, oldest first.
struct MessagePage
{
    QList<Message> messages;
    bool hasMore = false;

    QJsonObject toJson() const;
    static Result<MessagePage> fromJson(const QJsonObject &json);
};

} // namespace Confab
