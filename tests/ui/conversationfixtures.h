#pragma once

#include "tests/support/apiclient.h"
#include "tests/support/testserver.h"

#include <QJsonArray>

namespace Confab::Testing {

/// Makes conversations and posts messages as another user, straight over HTTP.
class ConversationFixtures
{
public:
    explicit ConversationFixtures(ApiClient *http)
        : m_http(http)
    { }

    qint64 createGroup(const TestUser &creator, const QList<qint64> &others, const QString &title)
    {
        QJsonArray ids;
        for (qint64 id : others)
            ids.append(id);
        const ApiReply reply = m_http->post(QStringLiteral("/api/conversations"),
            {{QStringLiteral("participantIds"), ids}, {QStringLiteral("title"), title}},
            creator.accessToken);
        return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toInteger() : 0;
    }

    qint64 createDirect(const TestUser &creator, qint64 other)
    {
        const ApiReply reply = m_http->post(QStringLiteral("/api/conversations"),
            {{QStringLiteral("participantIds"), QJsonArray {other}}}, creator.accessToken);
        return reply.status == 201 || reply.status == 200
            ? reply.json.value(QStringLiteral("id")).toInteger()
            : 0;
    }

    /// The HTTP status of the post (201 when it was stored).
    int post(const TestUser &from, qint64 conversationId, const QString &content)
    {
        return m_http
            ->post(QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
                {{QStringLiteral("content"), content}}, from.accessToken)
            .status;
    }

private:
    ApiClient *m_http;
};

} // namespace Confab::Testing
