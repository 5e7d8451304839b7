#pragma once

#include <QObject>

class QSocketNotifier;

namespace Confab::Server {

/// Turns SIGINT and SIGTERM into a Qt signal on the event loop (a signal handler may do
/// almost nothing, so it writes a byte to a socket pair that the loop watches).
class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Confab::Server
