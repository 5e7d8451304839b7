#pragma once

#include <QObject>
#include <QString>

#include <dns_sd.h>

class QSocketNotifier;

namespace Confab::Lan {

/// One DNS-SD operation (a registration, browse, resolve or query) on the Qt event loop: the
/// reference the dns_sd.h call filled in, and a QSocketNotifier on its socket that lets the
/// library run its callbacks whenever the daemon has sent something. Deallocating the
/// reference ends the operation, which the destructor does.
class DnsSdHandle : public QObject
{
    Q_OBJECT
public:
    explicit DnsSdHandle(QObject *parent = nullptr);
    ~DnsSdHandle() override;

    /// Takes over `ref` after a successful call; `error` is that call's result. Returns
    /// false (and deallocates nothing: there is nothing) when the call failed.
    bool adopt(DNSServiceErrorType error, DNSServiceRef ref);
    void reset();
    bool isActive() const { return m_ref != nullptr; }

    /// A sentence for a dns_sd.h error code.
    static QString describe(DNSServiceErrorType error);

Q_SIGNALS:
    /// The daemon went away or sent something the library could not read.
    void failed(const QString &message);

private:
    void process();

    DNSServiceRef m_ref = nullptr;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Confab::Lan
