#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Confab {

/// POST /api/conversations/:id/participants
struct AddParticipantRequest
{
    AddParticipantRequest() = default;
    explicit AddParticipantRequest(qint64 id)
        : userId(id)
    { }
    qint64 userId = 0;

    QJsonObject toJson() const;
    static Result<AddParticipantRequest> fromJson(const QJsonObject &json);
};

/// PATCH /api/conversations/:id/participants/:userId. The role stays a string here so that
/// the server can answer an unknown one with its own code (invalid_role).
struct UpdateParticipantRequest
{
    UpdateParticipantRequest() = default;
    explicit UpdateParticipantRequest(QString r)
        : role(std::move(r))
    { }
    QString role;

    QJsonObject toJson() const;
    static Result<UpdateParticipantRequest> fromJson(const QJsonObject &json);
};

/// PATCH /api/conversations/:id
struct UpdateConversationRequest
{
    UpdateConversationRequest() = default;
    explicit UpdateConversationRequest(QString t)
        : title(std::move(t))
    { }
    QString title;

    QJsonObject toJson() const;
    static Result<UpdateConversationRequest> fromJson(const QJsonObject &json);
};

} // namespace Confab
