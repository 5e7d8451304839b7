// The repositories over a real database: users, refresh tokens, conversations and messages,
// and jobs that race on several connections.
#include "server/core/storage/sqlutil.h"
#include "tests/support/storagefixture.h"

#include <QCoroTask>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Confab;
using namespace Confab::Server;
using Confab::Testing::StorageFixture;

class TestStorage : public StorageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void createUser();
    void duplicateUsernameIgnoresCase();
    void searchMatchesPrefixLiterally_data();
    void searchMatchesPrefixLiterally();
    void refreshTokenLifecycle();
    void directConversationIsFoundOrCreatedOnce();
    void groupHasAdminAndMembers();
    void memberCountFollowsParticipants();
    void findForViewerHidesFromNonParticipants();
    void sendWithClientMessageIdStoresOnce();
    void pageBeforeWalksEveryMessageOnce();
    void pageAfterWalksForward();
    void unreadCountAndDeletedLastMessage();
    void listForViewerOrdersByActivity();
    void uniqueViolationIsRecognised();
    void concurrentCreatesAreRaceSafe();

private:
    /// The id of a direct conversation between the two users, created at at(1); 0 on failure.
    qint64 directConversation(qint64 userId, qint64 otherId);
};

qint64 TestStorage::directConversation(qint64 userId, qint64 otherId)
{
    Result<CreateOutcome> direct = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().findOrCreateDirect(userId, otherId, at(1));
    });
    if (!direct) {
        qWarning("directConversation: %s", qPrintable(direct.error().message));
        return 0;
    }
    return direct->conversation.id;
}

void TestStorage::createUser()
{
    const User alice = addUser(QStringLiteral("Alice"), QStringLiteral("Alice Liddell"));
    QVERIFY(alice.id);
    QCOMPARE(alice.displayName, QStringLiteral("Alice Liddell"));
    QCOMPARE(alice.createdAt, t0());

    Result<std::optional<StoredCredentials>> credentials = run<std::optional<StoredCredentials>>(
        [](Storage &storage) { return storage.users().findCredentials(QStringLiteral("ALICE")); });
    QVERIFY(credentials);
    QVERIFY(credentials->has_value());
    QCOMPARE((*credentials)->userId, alice.id);
    QCOMPARE((*credentials)->passwordHash, QStringLiteral("$argon2id$fake"));

    Result<std::optional<User>> found = run<std::optional<User>>(
        [&](Storage &storage) { return storage.users().findById(alice.id); });
    QVERIFY(found && found->has_value());
    QCOMPARE(**found, alice);
    QVERIFY(!(*found)->lastSeenAt.isValid());

    const User bob = addUser(QStringLiteral("bob"));
    QVERIFY(bob.id);
    Result<QList<User>> both = run<QList<User>>([&](Storage &storage) {
        return storage.users().findByIds({alice.id, bob.id, 424242});
    });
    QVERIFY(both);
    QCOMPARE(both->size(), 2);
    Result<qint64> count = run<qint64>([](Storage &storage) { return storage.users().count(); });
    QVERIFY(count);
    QCOMPARE(*count, 2);
}

void TestStorage::duplicateUsernameIgnoresCase()
{
    QVERIFY(addUser(QStringLiteral("alice")).id);
    const NewUser again {
        QStringLiteral("ALICE"), QStringLiteral("Impostor"), QStringLiteral("x"), t0()};
    Result<User> duplicate =
        run<User>([&](Storage &storage) { return storage.users().create(again); });
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().code, QStringLiteral("username_taken"));
    QCOMPARE(duplicate.error().httpStatus, 409);
    QVERIFY(duplicate.error().message.contains(QLatin1String("ALICE")));
    Result<qint64> count = run<qint64>([](Storage &storage) { return storage.users().count(); });
    QVERIFY(count);
    QCOMPARE(*count, 1);
}

void TestStorage::searchMatchesPrefixLiterally_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("underscore is literal")
        << QStringLiteral("a_") << 10 << QStringList {QStringLiteral("a_b")};
    QTest::newRow("percent is literal")
        << QStringLiteral("a%") << 10 << QStringList {QStringLiteral("a%c")};
    QTest::newRow("backslash is literal")
        << QStringLiteral("a\\") << 10 << QStringList {QStringLiteral("a\\d")};
    QTest::newRow("case-insensitive, by username")
        << QStringLiteral("A") << 10
        << QStringList {QStringLiteral("a%c"), QStringLiteral("a\\d"), QStringLiteral("a_b"),
               QStringLiteral("Abc"), QStringLiteral("axb"), QStringLiteral("zed")};
    QTest::newRow("limit") << QStringLiteral("a") << 2
                           << QStringList {QStringLiteral("a%c"), QStringLiteral("a\\d")};
    QTest::newRow("display name") << QStringLiteral("ann") << 10
                                  << QStringList {QStringLiteral("zed")};
    QTest::newRow("nothing") << QStringLiteral("q") << 10 << QStringList();
}

void TestStorage::searchMatchesPrefixLiterally()
{
    QFETCH(QString, prefix);
    QFETCH(int, limit);
    QFETCH(QStringList, expected);

    for (const char *name : {"a_b", "axb", "a%c", "Abc", "a\\d", "bob"})
        QVERIFY(addUser(QLatin1String(name)).id);
    QVERIFY(addUser(QStringLiteral("zed"), QStringLiteral("Annie Zed")).id);

    Result<QList<User>> found =
        run<QList<User>>([&](Storage &storage) { return storage.users().search(prefix, limit); });
    QVERIFY(found);
    QStringList names;
    for (const User &user : std::as_const(*found))
        names << user.username;
    QCOMPARE(names, expected);
}

void TestStorage::refreshTokenLifecycle()
{
    const User alice = addUser(QStringLiteral("alice"));
    QVERIFY(alice.id);
    const QByteArray valid(32, '\x01');
    const QByteArray expired(32, '\x02');
    const QByteArray revoked(32, '\x03');
    const QByteArray kept(32, '\x04');
    const QByteArray other(32, '\x05');
    auto insert = [&](const QByteArray &hash, const QDateTime &expiresAt) {
        return run<void>([&](Storage &storage) {
            return storage.refreshTokens().insert(alice.id, hash, t0(), expiresAt);
        });
    };
    auto consume = [&](const QByteArray &hash, const QDateTime &now) {
        return run<RefreshTokenUse>(
            [&](Storage &storage) { return storage.refreshTokens().consume(hash, now); });
    };
    QVERIFY(insert(valid, at(3600)));
    QVERIFY(insert(expired, at(60)));
    QVERIFY(insert(revoked, at(3600)));
    QVERIFY(insert(kept, at(3600)));
    QVERIFY(insert(other, at(3600)));

    Result<RefreshTokenUse> use = consume(valid, at(10));
    QVERIFY(use);
    QCOMPARE(use->state, RefreshTokenState::Valid);
    QCOMPARE(use->userId, alice.id);
    use = consume(valid, at(11));
    QVERIFY(use);
    QCOMPARE(use->state, RefreshTokenState::AlreadyUsed);
    QCOMPARE(use->userId, alice.id);

    use = consume(expired, at(61));
    QVERIFY(use);
    QCOMPARE(use->state, RefreshTokenState::Expired);

    use = consume(QByteArray(32, '\x7f'), at(10));
    QVERIFY(use);
    QCOMPARE(use->state, RefreshTokenState::Unknown);

    QVERIFY(run<void>(
        [&](Storage &storage) { return storage.refreshTokens().revoke(revoked, at(20)); }));
    use = consume(revoked, at(21));
    QVERIFY(use);
    QCOMPARE(use->state, RefreshTokenState::Revoked);

    QVERIFY(run<void>([&](Storage &storage) {
        return storage.refreshTokens().revokeAllForUser(alice.id, kept, at(30));
    }));
    use = consume(other, at(31));
    QVERIFY(use);
    QCOMPARE(use->state, RefreshTokenState::Revoked);
    // A token that was used and later revoked is still a replay.
    use = consume(valid, at(32));
    QVERIFY(use);
    QCOMPARE(use->state, RefreshTokenState::AlreadyUsed);
    use = consume(kept, at(31));
    QVERIFY(use);
    QCOMPARE(use->state, RefreshTokenState::Valid);
}

void TestStorage::directConversationIsFoundOrCreatedOnce()
{
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    QVERIFY(alice.id && bob.id);

    Result<CreateOutcome> first = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().findOrCreateDirect(alice.id, bob.id, at(1));
    });
    QVERIFY(first);
    QVERIFY(first->created);
    QCOMPARE(first->conversation.type, ConversationType::Direct);
    QCOMPARE(first->conversation.participants.size(), 2);
    for (const Participant &participant : std::as_const(first->conversation.participants))
        QCOMPARE(participant.role, ParticipantRole::Member);

    Result<CreateOutcome> second = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().findOrCreateDirect(bob.id, alice.id, at(2));
    });
    QVERIFY(second);
    QVERIFY(!second->created);
    QCOMPARE(second->conversation.id, first->conversation.id);
    QCOMPARE(second->conversation.createdAt, at(1));

    Result<qint64> rows = scalar(QStringLiteral("SELECT COUNT(*) FROM conversations"));
    QVERIFY(rows);
    QCOMPARE(*rows, 1);

    Result<CreateOutcome> self = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().findOrCreateDirect(alice.id, alice.id, at(3));
    });
    QVERIFY(!self);
    QCOMPARE(self.error().httpStatus, 400);
}

void TestStorage::memberCountFollowsParticipants()
{
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    const User carol = addUser(QStringLiteral("carol"));
    const User dave = addUser(QStringLiteral("dave"));
    Result<CreateOutcome> group = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().createGroup(
            alice.id, QStringLiteral("Team"), {bob.id, carol.id, dave.id}, at(1));
    });
    QVERIFY(group);
    const qint64 groupId = group->conversation.id;
    Result<CreateOutcome> direct = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().findOrCreateDirect(alice.id, bob.id, at(2));
    });
    QVERIFY(direct);
    const QString count = QStringLiteral("SELECT member_count FROM conversations WHERE id = ?");
    QCOMPARE(*scalar(count, {groupId}), 4);
    QCOMPARE(*scalar(count, {direct->conversation.id}), 2);

    // Presence follows conversations up to a size: the group of four is too big for 3.
    const auto presenceContacts = [&](qint64 userId, int limit) {
        return run<QList<qint64>>([&](Storage &storage) {
            return storage.conversations().presenceContactIds(userId, limit);
        });
    };
    QCOMPARE(*presenceContacts(alice.id, 3), QList<qint64> {bob.id});
    QCOMPARE(*presenceContacts(alice.id, 4), (QList<qint64> {bob.id, carol.id, dave.id}));
    QCOMPARE(*presenceContacts(carol.id, 3), QList<qint64>());

    // Removed however it happens, the count follows.
    QVERIFY(execRaw(QStringLiteral("DELETE FROM participants WHERE conversation_id = ? AND "
                                   "user_id = ?"),
        {groupId, dave.id}));
    QCOMPARE(*scalar(count, {groupId}), 3);
    QCOMPARE(*presenceContacts(carol.id, 3), (QList<qint64> {alice.id, bob.id}));
    QVERIFY(execRaw(QStringLiteral("DELETE FROM conversations WHERE id = ?"), {groupId}));
    QCOMPARE(*scalar(QStringLiteral("SELECT COUNT(*) FROM participants WHERE conversation_id = ?"),
                 {groupId}),
        0);
    QCOMPARE(*presenceContacts(alice.id, 3), QList<qint64> {bob.id});
}

void TestStorage::groupHasAdminAndMembers()
{
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    const User carol = addUser(QStringLiteral("carol"));
    QVERIFY(alice.id && bob.id && carol.id);

    Result<CreateOutcome> group = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().createGroup(
            alice.id, QStringLiteral("Team"), {bob.id, carol.id, alice.id, bob.id}, at(1));
    });
    QVERIFY(group);
    QVERIFY(group->created);
    const Conversation &conversation = group->conversation;
    QCOMPARE(conversation.type, ConversationType::Group);
    QCOMPARE(conversation.title, QStringLiteral("Team"));
    QCOMPARE(conversation.participants.size(), 3);
    for (const Participant &participant : conversation.participants) {
        QCOMPARE(participant.role,
            participant.user.id == alice.id ? ParticipantRole::Admin : ParticipantRole::Member);
        QVERIFY(!participant.user.online);
        QVERIFY(!participant.user.username.isEmpty());
    }
    Result<QList<qint64>> ids = run<QList<qint64>>(
        [&](Storage &storage) { return storage.conversations().participantIds(conversation.id); });
    QVERIFY(ids);
    QCOMPARE(*ids, (QList<qint64> {alice.id, bob.id, carol.id}));

    Result<CreateOutcome> missing = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().createGroup(alice.id, QStringLiteral("X"), {987654}, at(2));
    });
    QVERIFY(!missing);
    QCOMPARE(missing.error().httpStatus, 404);
}

void TestStorage::findForViewerHidesFromNonParticipants()
{
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    const User eve = addUser(QStringLiteral("eve"));
    QVERIFY(alice.id && bob.id && eve.id);
    const qint64 id = directConversation(alice.id, bob.id);
    QVERIFY(id);

    auto find = [&](qint64 viewer) {
        return run<std::optional<Conversation>>(
            [&](Storage &storage) { return storage.conversations().findForViewer(id, viewer); });
    };
    Result<std::optional<Conversation>> seen = find(bob.id);
    QVERIFY(seen && seen->has_value());
    QCOMPARE((*seen)->id, id);
    Result<std::optional<Conversation>> hidden = find(eve.id);
    QVERIFY(hidden);
    QVERIFY(!hidden->has_value());

    Result<bool> participates = run<bool>(
        [&](Storage &storage) { return storage.conversations().isParticipant(id, eve.id); });
    QVERIFY(participates);
    QVERIFY(!*participates);
    participates = run<bool>(
        [&](Storage &storage) { return storage.conversations().isParticipant(id, alice.id); });
    QVERIFY(participates);
    QVERIFY(*participates);
}

void TestStorage::sendWithClientMessageIdStoresOnce()
{
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    QVERIFY(alice.id && bob.id);
    const qint64 id = directConversation(alice.id, bob.id);
    QVERIFY(id);
    auto send = [&](const QString &content, const QString &clientId, const QDateTime &now) {
        return run<SendOutcome>([&](Storage &storage) {
            return storage.messages().send(id, alice.id, content, clientId, now);
        });
    };

    Result<SendOutcome> first = send(QStringLiteral("hello"), QStringLiteral("c-1"), at(2));
    QVERIFY(first);
    QVERIFY(first->created);
    QCOMPARE(first->message.content, QStringLiteral("hello"));
    QCOMPARE(first->message.clientMessageId, QStringLiteral("c-1"));
    QCOMPARE(first->participantIds, (QList<qint64> {alice.id, bob.id}));

    Result<SendOutcome> retry = send(QStringLiteral("hello"), QStringLiteral("c-1"), at(5));
    QVERIFY(retry);
    QVERIFY(!retry->created);
    QCOMPARE(retry->message, first->message);
    QCOMPARE(retry->participantIds, (QList<qint64> {alice.id, bob.id}));

    // Messages without a client id are never merged.
    QVERIFY(send(QStringLiteral("a"), QString(), at(6)));
    QVERIFY(send(QStringLiteral("a"), QString(), at(6)));

    Result<qint64> rows = scalar(QStringLiteral("SELECT COUNT(*) FROM messages"));
    QVERIFY(rows);
    QCOMPARE(*rows, 3);
    Result<std::optional<Conversation>> seen = run<std::optional<Conversation>>(
        [&](Storage &storage) { return storage.conversations().findForViewer(id, bob.id); });
    QVERIFY(seen && seen->has_value());
    QCOMPARE((*seen)->updatedAt, at(6));
    QVERIFY((*seen)->lastMessage.has_value());
    QVERIFY((*seen)->lastMessage->id > first->message.id);
}

void TestStorage::pageBeforeWalksEveryMessageOnce()
{
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    QVERIFY(alice.id && bob.id);
    const qint64 id = directConversation(alice.id, bob.id);
    QVERIFY(id);
    // Another conversation's messages interleave and must never appear.
    const User carol = addUser(QStringLiteral("carol"));
    Result<CreateOutcome> noise = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().findOrCreateDirect(alice.id, carol.id, at(1));
    });
    QVERIFY(noise);

    Result<QList<qint64>> sent = run<QList<qint64>>([&](Storage &storage) -> Result<QList<qint64>> {
        QList<qint64> ids;
        for (int i = 0; i < 250; ++i) {
            Result<SendOutcome> outcome = storage.messages().send(
                id, i % 2 ? alice.id : bob.id, QString::number(i), QString(), at(10 + i));
            if (!outcome)
                return outcome.error();
            ids << outcome->message.id;
            if (Result<SendOutcome> other = storage.messages().send(noise->conversation.id,
                    carol.id, QStringLiteral("noise"), QString(), at(10 + i));
                !other)
                return other.error();
        }
        return ids;
    });
    QVERIFY(sent);
    QCOMPARE(sent->size(), 250);

    QList<qint64> seen;
    qint64 before = 0;
    for (int pageNumber = 0; pageNumber < 5; ++pageNumber) {
        Result<MessagePage> page = run<MessagePage>(
            [&](Storage &storage) { return storage.messages().pageBefore(id, before, 50); });
        QVERIFY(page);
        QCOMPARE(page->messages.size(), 50);
        QCOMPARE(page->hasMore, pageNumber < 4);
        QList<qint64> ids;
        for (const Message &message : std::as_const(page->messages)) {
            QCOMPARE(message.conversationId, id);
            ids << message.id;
        }
        QVERIFY(std::is_sorted(ids.begin(), ids.end()));
        seen = ids + seen;
        before = ids.constFirst();
    }
    QCOMPARE(seen, *sent);

    Result<MessagePage> empty = run<MessagePage>(
        [&](Storage &storage) { return storage.messages().pageBefore(id, before, 50); });
    QVERIFY(empty);
    QVERIFY(empty->messages.isEmpty());
    QVERIFY(!empty->hasMore);
}

void TestStorage::pageAfterWalksForward()
{
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    QVERIFY(alice.id && bob.id);
    const qint64 id = directConversation(alice.id, bob.id);
    QVERIFY(id);
    Result<QList<qint64>> sent = run<QList<qint64>>([&](Storage &storage) -> Result<QList<qint64>> {
        QList<qint64> ids;
        for (int i = 0; i < 25; ++i) {
            Result<SendOutcome> outcome =
                storage.messages().send(id, alice.id, QString::number(i), QString(), at(10 + i));
            if (!outcome)
                return outcome.error();
            ids << outcome->message.id;
        }
        return ids;
    });
    QVERIFY(sent);

    QList<qint64> seen;
    qint64 after = 0;
    const QList<bool> hasMore {true, true, false};
    for (bool expectMore : hasMore) {
        Result<MessagePage> page = run<MessagePage>(
            [&](Storage &storage) { return storage.messages().pageAfter(id, after, 10); });
        QVERIFY(page);
        QCOMPARE(page->hasMore, expectMore);
        for (const Message &message : std::as_const(page->messages))
            seen << message.id;
        after = seen.constLast();
    }
    QCOMPARE(seen, *sent);
    QCOMPARE(seen.size(), 25);
}

void TestStorage::unreadCountAndDeletedLastMessage()
{
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    QVERIFY(alice.id && bob.id);
    const qint64 id = directConversation(alice.id, bob.id);
    QVERIFY(id);
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        Result<SendOutcome> outcome = run<SendOutcome>([&](Storage &storage) {
            return storage.messages().send(
                id, alice.id, QStringLiteral("m%1").arg(i), QString(), at(2 + i));
        });
        QVERIFY(outcome);
        ids << outcome->message.id;
    }
    QVERIFY(run<SendOutcome>([&](Storage &storage) {
        return storage.messages().send(id, bob.id, QStringLiteral("reply"), QString(), at(9));
    }));
    auto view = [&](qint64 viewer) {
        return run<std::optional<Conversation>>(
            [&](Storage &storage) { return storage.conversations().findForViewer(id, viewer); });
    };

    Result<std::optional<Conversation>> bobsView = view(bob.id);
    QVERIFY(bobsView && bobsView->has_value());
    QCOMPARE((*bobsView)->unreadCount, 3); // his own reply does not count
    Result<std::optional<Conversation>> alicesView = view(alice.id);
    QVERIFY(alicesView && alicesView->has_value());
    QCOMPARE((*alicesView)->unreadCount, 1);
    QCOMPARE((*alicesView)->lastMessage->content, QStringLiteral("reply"));

    QVERIFY(execRaw(QStringLiteral("UPDATE participants SET last_read_message_id = ? WHERE "
                                   "conversation_id = ? AND user_id = ?"),
        {ids[0], id, bob.id}));
    bobsView = view(bob.id);
    QVERIFY(bobsView && bobsView->has_value());
    QCOMPARE((*bobsView)->unreadCount, 2);

    // Deleted messages are not unread, and a deleted last message shows no text.
    QVERIFY(execRaw(QStringLiteral("UPDATE messages SET deleted_at = ? WHERE id = ?"),
        {at(20).toMSecsSinceEpoch(), ids[2]}));
    QVERIFY(execRaw(QStringLiteral("UPDATE messages SET deleted_at = ? WHERE conversation_id = ? "
                                   "AND sender_id = ?"),
        {at(20).toMSecsSinceEpoch(), id, bob.id}));
    bobsView = view(bob.id);
    QVERIFY(bobsView && bobsView->has_value());
    QCOMPARE((*bobsView)->unreadCount, 1);
    QVERIFY((*bobsView)->lastMessage.has_value());
    QVERIFY((*bobsView)->lastMessage->isDeleted());
    QVERIFY((*bobsView)->lastMessage->content.isEmpty());
}

void TestStorage::listForViewerOrdersByActivity()
{
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    const User carol = addUser(QStringLiteral("carol"));
    QVERIFY(alice.id && bob.id && carol.id);
    auto direct = [&](qint64 other, const QDateTime &now) {
        return run<CreateOutcome>([&](Storage &storage) {
            return storage.conversations().findOrCreateDirect(alice.id, other, now);
        });
    };
    Result<CreateOutcome> withBob = direct(bob.id, at(1));
    Result<CreateOutcome> withCarol = direct(carol.id, at(2));
    Result<CreateOutcome> group = run<CreateOutcome>([&](Storage &storage) {
        return storage.conversations().createGroup(
            alice.id, QStringLiteral("All"), {bob.id, carol.id}, at(2));
    });
    QVERIFY(withBob && withCarol && group);
    auto list = [&](qint64 viewer) {
        QList<qint64> ids;
        Result<QList<Conversation>> listed = run<QList<Conversation>>(
            [&](Storage &storage) { return storage.conversations().listForViewer(viewer); });
        if (listed) {
            for (const Conversation &conversation : std::as_const(*listed)) {
                if (conversation.participants.isEmpty())
                    return QList<qint64> {-1};
                ids << conversation.id;
            }
        }
        return ids;
    };
    // Same updated_at: the newer conversation first.
    QCOMPARE(list(alice.id),
        (QList<qint64> {
            group->conversation.id, withCarol->conversation.id, withBob->conversation.id}));

    QVERIFY(run<SendOutcome>([&](Storage &storage) {
        return storage.messages().send(
            withBob->conversation.id, bob.id, QStringLiteral("hi"), QString(), at(5));
    }));
    QCOMPARE(list(alice.id),
        (QList<qint64> {
            withBob->conversation.id, group->conversation.id, withCarol->conversation.id}));
    QCOMPARE(list(carol.id), (QList<qint64> {group->conversation.id, withCarol->conversation.id}));

    Result<QList<Conversation>> bobs = run<QList<Conversation>>(
        [&](Storage &storage) { return storage.conversations().listForViewer(bob.id); });
    QVERIFY(bobs);
    QCOMPARE(bobs->size(), 2);
    QCOMPARE(bobs->at(0).lastMessage->content, QStringLiteral("hi"));
    QCOMPARE(bobs->at(0).unreadCount, 0);
    QCOMPARE(bobs->at(1).participants.size(), 3);
    QVERIFY(!bobs->at(1).lastMessage.has_value());
}

void TestStorage::uniqueViolationIsRecognised()
{
    // create() pre-checks, so its constraint fallback needs the driver's code read right.
    QVERIFY(addUser(QStringLiteral("alice")).id);
    Result<bool> recognised = run<bool>([](Storage &storage) -> Result<bool> {
        QSqlQuery query(storage.context().db);
        query.prepare(QStringLiteral("INSERT INTO users (username, username_key, display_name, "
                                     "password_hash, created_at) VALUES (?, ?, ?, ?, ?)"));
        for (const QVariant &value : QVariantList {QStringLiteral("Alice"), QStringLiteral("alice"),
                 QStringLiteral("A"), QStringLiteral("x"), 0})
            query.addBindValue(value);
        if (query.exec())
            return internalError(QStringLiteral("duplicate accepted"));
        return Sql::isUniqueViolation(query.lastError());
    });
    QVERIFY2(recognised, qPrintable(recognised ? QString() : recognised.error().message));
    QVERIFY(*recognised);
}

void TestStorage::concurrentCreatesAreRaceSafe()
{
    // On PostgreSQL the jobs spread over four workers (connections) and really race.
    const User alice = addUser(QStringLiteral("alice"));
    const User bob = addUser(QStringLiteral("bob"));
    QVERIFY(alice.id && bob.id);
    constexpr int attempts = 8;
    std::vector<std::optional<Result<CreateOutcome>>> directs(attempts);
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < attempts; ++i) {
        std::function<Result<CreateOutcome>(Storage &)> job = [&, i](Storage &storage) {
            return storage.conversations().findOrCreateDirect(
                i % 2 ? alice.id : bob.id, i % 2 ? bob.id : alice.id, at(1));
        };
        tasks.push_back(collect<CreateOutcome>(&database(), std::move(job), &directs[i]));
    }
    for (QCoro::Task<> &task : tasks)
        QCoro::waitFor(std::move(task));
    int created = 0;
    for (const auto &outcome : directs) {
        QVERIFY(outcome.has_value() && *outcome);
        created += (*outcome)->created ? 1 : 0;
        QCOMPARE((*outcome)->conversation.id, (*directs[0])->conversation.id);
    }
    QCOMPARE(created, 1);
    const qint64 id = (*directs[0])->conversation.id;

    std::vector<std::optional<Result<SendOutcome>>> sends(attempts);
    tasks.clear();
    for (int i = 0; i < attempts; ++i) {
        std::function<Result<SendOutcome>(Storage &)> job = [&](Storage &storage) {
            return storage.messages().send(
                id, alice.id, QStringLiteral("once"), QStringLiteral("retry-me"), at(2));
        };
        tasks.push_back(collect<SendOutcome>(&database(), std::move(job), &sends[i]));
    }
    for (QCoro::Task<> &task : tasks)
        QCoro::waitFor(std::move(task));
    created = 0;
    for (const auto &outcome : sends) {
        QVERIFY(outcome.has_value() && *outcome);
        created += (*outcome)->created ? 1 : 0;
        QCOMPARE((*outcome)->message.id, (*sends[0])->message.id);
    }
    QCOMPARE(created, 1);
    Result<qint64> rows = scalar(QStringLiteral("SELECT COUNT(*) FROM messages"));
    QVERIFY(rows);
    QCOMPARE(*rows, 1);
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
