#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Confab {

class JsonWriter;

/// One message in a conversation. A deleted message is a tombstone: empty content, deletedAt set.
struct Message
{
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 senderId = 0;
    QString content;
    QString clientMessageId; ///< empty when the sender gave none (null on the wire)
    QDateTime createdAt;
    QDateTime editedAt; ///< invalid unless edited
    QDateTime deletedAt; ///< invalid unless deleted

    bool isDeleted() const { return deletedAt.isValid(); }
    QJsonObject toJson() const;
    /// The same object as toJson(), written straight into a JsonWriter.
    void writeJson(JsonWriter &writer) const;
    static Result<Message> fromJson(const QJsonObject &json);
    bool operator==(const Message &other) const = default;
};

} // namespace Confab
