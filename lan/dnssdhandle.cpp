#include "lan/dnssdhandle.h"

#include <QPointer>
#include <QSocketNotifier>

namespace Confab::Lan {

DnsSdHandle::DnsSdHandle(QObject *parent)
    : QObject(parent)
{ }

DnsSdHandle::~DnsSdHandle()
{
    reset();
}

bool DnsSdHandle::adopt(DNSServiceErrorType error, DNSServiceRef ref)
{
    reset();
    if (error != kDNSServiceErr_NoError || !ref)
        return false;
    const int fd = DNSServiceRefSockFD(ref);
    if (fd < 0) {
        DNSServiceRefDeallocate(ref);
        return false;
    }
    m_ref = ref;
    m_notifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &DnsSdHandle::process);
    return true;
}

void DnsSdHandle::reset()
{
    if (m_notifier) {
        m_notifier->setEnabled(false);
        delete m_notifier;
        m_notifier = nullptr;
    }
    if (m_ref) {
        DNSServiceRefDeallocate(m_ref);
        m_ref = nullptr;
    }
}

void DnsSdHandle::process()
{
    if (!m_ref)
        return;
    // Callbacks run inside this call. Owners end operations from callbacks with deleteLater(),
    // never by deleting the handle, which the library still uses until the call returns.
    QPointer<DnsSdHandle> self(this);
    const DNSServiceErrorType error = DNSServiceProcessResult(m_ref);
    if (!self)
        return;
    if (error != kDNSServiceErr_NoError) {
        reset();
        Q_EMIT failed(describe(error));
    }
}

QString DnsSdHandle::describe(DNSServiceErrorType error)
{
    switch (error) {
    case kDNSServiceErr_NoError:
        return QStringLiteral("no error");
    case kDNSServiceErr_Unknown:
        // What Avahi's layer answers when it cannot reach avahi-daemon over D-Bus.
        return QStringLiteral("the DNS-SD daemon (avahi-daemon) cannot be reached");
    case kDNSServiceErr_NameConflict:
        return QStringLiteral("another service already uses this name");
    case kDNSServiceErr_BadParam:
        return QStringLiteral("a bad parameter (name or TXT record too long?)");
    case kDNSServiceErr_NoMemory:
        return QStringLiteral("out of memory");
    case kDNSServiceErr_Unsupported:
        return QStringLiteral("not supported by this DNS-SD implementation");
    default:
        return QStringLiteral("DNS-SD error %1").arg(error);
    }
}

} // namespace Confab::Lan
