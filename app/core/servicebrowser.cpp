#include "app/core/servicebrowser.h"

#include "app/core/logging.h"
#include "app/core/serviceresolver.h"

#include "lan/dnssdhandle.h"
#include "lan/lanservice.h"

namespace Confab::Client {

namespace {
void DNSSD_API browseReply(DNSServiceRef, DNSServiceFlags flags, uint32_t interfaceIndex,
    DNSServiceErrorType error, const char *name, const char *type, const char *domain,
    void *context)
{
    if (error != kDNSServiceErr_NoError || !name)
        return;
    static_cast<ServiceBrowser *>(context)->onBrowseReply(flags & kDNSServiceFlagsAdd,
        interfaceIndex, QString::fromUtf8(name), QByteArray(type ? type : Lan::serviceType()),
        QByteArray(domain ? domain : "local."));
}
} // namespace

ServiceBrowser::ServiceBrowser(QObject *parent)
    : QObject(parent)
    , m_browse(new Lan::DnsSdHandle(this))
{
    connect(m_browse, &Lan::DnsSdHandle::failed, this, [this](const QString &message) {
        m_errorString = message;
        qCWarning(lcDiscovery) << "browsing stopped:" << message;
        Q_EMIT failed(message);
    });
}

ServiceBrowser::~ServiceBrowser() = default;

bool ServiceBrowser::start()
{
    stop();
    // Avahi's compatibility layer prints a warning to stderr on first use unless told not to.
    qputenv("AVAHI_COMPAT_NOWARN", "1");
    DNSServiceRef ref = nullptr;
    const DNSServiceErrorType error = DNSServiceBrowse(
        &ref, 0, kDNSServiceInterfaceIndexAny, Lan::serviceType(), nullptr, &browseReply, this);
    if (!m_browse->adopt(error, ref)) {
        m_errorString = Lan::DnsSdHandle::describe(error);
        qCWarning(lcDiscovery) << "cannot browse:" << m_errorString;
        return false;
    }
    m_errorString.clear();
    return true;
}

void ServiceBrowser::stop()
{
    m_browse->reset();
    const QStringList names = m_instances.keys();
    for (const QString &name : names)
        forget(name);
}

bool ServiceBrowser::isActive() const
{
    return m_browse->isActive();
}

void ServiceBrowser::onBrowseReply(bool added, quint32 interfaceIndex, const QString &name,
    const QByteArray &type, const QByteArray &domain)
{
    if (added) {
        Instance &instance = m_instances[name];
        instance.interfaces.insert(interfaceIndex);
        if (instance.resolver)
            return;
        auto *resolver = new ServiceResolver(name, type, domain, this);
        instance.resolver = resolver;
        connect(resolver, &ServiceResolver::resolved, this,
            [this, name](const DiscoveredServer &server) {
                auto it = m_instances.find(name);
                if (it == m_instances.end())
                    return;
                it->reported = true;
                Q_EMIT serverFound(server);
            });
        resolver->start(interfaceIndex);
        return;
    }
    auto it = m_instances.find(name);
    if (it == m_instances.end())
        return;
    it->interfaces.remove(interfaceIndex);
    if (it->interfaces.isEmpty())
        forget(name);
}

void ServiceBrowser::forget(const QString &name)
{
    const Instance instance = m_instances.take(name);
    // The resolver may be inside one of its own callbacks: delete it later.
    if (instance.resolver) {
        instance.resolver->disconnect(this);
        instance.resolver->deleteLater();
    }
    if (instance.reported)
        Q_EMIT serverLost(name);
}

} // namespace Confab::Client
