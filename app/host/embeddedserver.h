#pragma once

#include "common/authresponse.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace Confab::Host {

/// How the desktop app hosts a chat: where the data lives and where it listens.
struct HostSettings
{
    /// Holds confab.db, the JWT secret (0600) and the self-signed certificate (key 0600).
    QString dataDirectory;
    /// The preferred port; when it is taken the next free one above it is used.
    quint16 port = 8080;
    /// Serve HTTPS/WSS with a self-signed certificate generated once (the default).
    bool tls = true;
    /// Announce over DNS-SD as `_confab._tcp`; the name defaults to "<user>'s Confab".
    bool advertise = true;
    QString advertiseName;
};

/// What a started host tells its window.
struct HostInfo
{
    quint16 port = 0;
    bool tls = false;
    /// SHA-256 of the certificate served (AB:CD:…), empty without TLS.
    QString fingerprint;
    /// The addresses other computers can reach it on (non-loopback IPv4 first).
    QList<QHostAddress> lanAddresses;
    /// The URL this app's own client connects to (loopback).
    QString localUrl;
    /// The DNS-SD name it is announced under, once registered (may change on a clash).
    QString announcedName;
};

/// Runs the same ChatServer that `confab-server` runs, in this process, on a thread of its
/// own: the GUI thread only sends requests and receives queued signals, never waits.
class EmbeddedServer : public QObject
{
    Q_OBJECT
public:
    explicit EmbeddedServer(QObject *parent = nullptr);
    /// Stops the server if it still runs (blocking only for the shutdown itself).
    ~EmbeddedServer() override;

    /// Opens the database (creating it the first time), binds all interfaces and announces
    /// the service. Emits started() or failed(); never blocks.
    void start(const HostSettings &settings);
    /// Closes connections (clients see the server go away), finishes pending writes,
    /// closes the database; emits stopped().
    void stop();

    /// Signs the host's own account in, in-process and without a password: on the first
    /// start it creates the account (the server's first, so its administrator) with
    /// `displayName` and a username derived from it; later it signs in that same account
    /// (remembered in the server's database). Emits hostSignedIn() or failed().
    void signInHost(const QString &displayName);

    bool isRunning() const;
    HostInfo info() const;
    /// Distinct people with at least one open connection, the host included.
    int onlineCount() const;
    /// The thread the ChatServer was created on and runs on (never the caller's), while it runs.
    QThread *serverThread() const;

Q_SIGNALS:
    void started(const Confab::Host::HostInfo &info);
    void failed(const QString &message);
    void stopped();
    /// Tokens for the host's account, as the REST sign-in would return them.
    void hostSignedIn(const Confab::AuthResponse &auth);
    void onlineCountChanged(int count);
    void announcedNameChanged(const QString &name);

private:
    void onStarted(const Confab::Host::HostInfo &info, QThread *serverThread);
    void onStartFailed(const QString &message);
    void onOnlineCountChanged(int count);
    void onThreadFinished();
    void startAdvertising();
    void failLater(const QString &message);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Confab::Host
