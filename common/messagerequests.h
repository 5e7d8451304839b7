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

/// PUT /api/messages/:id
struct EditMessageRequest
{
    QString content;

    QJsonObject toJson() const;
    static Result<EditMessageRequest> fromJson(const QJsonObject &json);
};

/// POST /api/conversations/:id/read
struct MarkReadRequest
{
    qint64 messageId = 0;

    QJsonObject toJson() const;
    static Result<MarkReadRequest> fromJson(const QJsonObject &json);
};

/// GET /api/conversations/:id/changes: messages edited or deleted after a point, in the
/// order the changes happened. `nextSince` is the `since` of the next request.
struct MessageChanges
{
    QList<Message> messages;
    bool hasMore = false;
    QDateTime nextSince;

    QJsonObject toJson() const;
    static Result<MessageChanges> fromJson(const QJsonObject &json);
};

} // namespace Confab
