#include "common/conversationrequests.h"

#include "common/jsonreader.h"

#include <QJsonArray>

namespace Confab {

QJsonObject CreateConversationRequest::toJson() const
{
    QJsonArray ids;
    for (qint64 id : participantIds)
        ids.append(id);
    QJsonObject json {{QStringLiteral("participantIds"), ids}};
    if (title)
        json.insert(QStringLiteral("title"), *title);
    return json;
}

Result<CreateConversationRequest> CreateConversationRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    CreateConversationRequest request;
    request.participantIds = reader.requiredIdList(QStringLiteral("participantIds"));
    request.title = reader.optionalString(QStringLiteral("title"));
    if (!reader.ok())
        return *reader.error();
    return request;
}

} // namespace Confab
