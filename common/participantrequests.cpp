#include "common/participantrequests.h"

#include "common/jsonreader.h"

namespace Confab {

QJsonObject AddParticipantRequest::toJson() const
{
    return QJsonObject {{QStringLiteral("userId"), userId}};
}

Result<AddParticipantRequest> AddParticipantRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    AddParticipantRequest request(reader.requiredId(QStringLiteral("userId")));
    if (!reader.ok())
        return *reader.error();
    return request;
}

QJsonObject UpdateParticipantRequest::toJson() const
{
    return QJsonObject {{QStringLiteral("role"), role}};
}

Result<UpdateParticipantRequest> UpdateParticipantRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    UpdateParticipantRequest request(reader.requiredString(QStringLiteral("role")));
    if (!reader.ok())
        return *reader.error();
    return request;
}

QJsonObject UpdateConversationRequest::toJson() const
{
    return QJsonObject {{QStringLiteral("title"), title}};
}

Result<UpdateConversationRequest> UpdateConversationRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    UpdateConversationRequest request(reader.requiredString(QStringLiteral("title")));
    if (!reader.ok())
        return *reader.error();
    return request;
}

} // namespace Confab
