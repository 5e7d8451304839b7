#include "app/core/serviceresolver.h"

#include "app/core/logging.h"

#include "lan/dnssdhandle.h"
#include "lan/lanservice.h"
#include "lan/txtrecord.h"

#include <QHostAddress>
#include <QtEndian>

namespace Confab::Client {

namespace {

void DNSSD_API resolveReply(DNSServiceRef, DNSServiceFlags, uint32_t, DNSServiceErrorType error,
    const char *, const char *hostTarget, uint16_t port, uint16_t txtLength,
    const unsigned char *txt, void *context)
{
    if (error != kDNSServiceErr_NoError || !hostTarget)
        return;
    static_cast<ServiceResolver *>(context)->onResolved(QByteArray(hostTarget),
        qFromBigEndian(port), QByteArray(reinterpret_cast<const char *>(txt), txtLength));
}

void DNSSD_API queryReply(DNSServiceRef, DNSServiceFlags flags, uint32_t, DNSServiceErrorType error,
    const char *, uint16_t type, uint16_t, uint16_t length, const void *data, uint32_t,
    void *context)
{
    if (error != kDNSServiceErr_NoError || !(flags & kDNSServiceFlagsAdd)
        || type != kDNSServiceType_A || length != 4)
        return;
    const QHostAddress address(qFromBigEndian<quint32>(data));
    static_cast<ServiceResolver *>(context)->onAddress(address.toString());
}

QString withoutTrailingDot(const QByteArray &name)
{
    QString text = QString::fromUtf8(name);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

} // namespace

ServiceResolver::ServiceResolver(QString name, QByteArray type, QByteArray domain, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_type(std::move(type))
    , m_domain(std::move(domain))
    , m_resolve(new Lan::DnsSdHandle(this))
    , m_query(new Lan::DnsSdHandle(this))
{
    m_server.name = m_name;
}

bool ServiceResolver::start(quint32 interfaceIndex)
{
    m_interfaceIndex = interfaceIndex;
    DNSServiceRef ref = nullptr;
    const QByteArray name = m_name.toUtf8();
    const DNSServiceErrorType error = DNSServiceResolve(&ref, 0, interfaceIndex, name.constData(),
        m_type.constData(), m_domain.constData(), &resolveReply, this);
    if (!m_resolve->adopt(error, ref)) {
        qCWarning(lcDiscovery) << "cannot resolve" << m_name << Lan::DnsSdHandle::describe(error);
        return false;
    }
    return true;
}

void ServiceResolver::onResolved(const QByteArray &host, quint16 port, const QByteArray &txt)
{
    const QMap<QByteArray, QByteArray> entries = Lan::TxtRecord::decode(txt);
    if (entries.value(QByteArrayLiteral("proto")).toInt() != Lan::kProtocolVersion) {
        qCInfo(lcDiscovery) << "ignoring" << m_name << "which speaks another protocol version";
        return;
    }
    m_server.host = withoutTrailingDot(host);
    m_server.port = port;
    m_server.tls = entries.value(QByteArrayLiteral("tls")) == "1";
    m_server.fingerprint = QString::fromLatin1(entries.value(QByteArrayLiteral("fp")));
    if (host != m_queriedHost) {
        // A query is a different handle from the resolve that is calling back: safe to
        // replace here.
        m_queriedHost = host;
        m_server.address.clear();
        DNSServiceRef ref = nullptr;
        const DNSServiceErrorType error = DNSServiceQueryRecord(&ref, 0, m_interfaceIndex,
            host.constData(), kDNSServiceType_A, kDNSServiceClass_IN, &queryReply, this);
        if (!m_query->adopt(error, ref))
            qCWarning(lcDiscovery) << "cannot look up" << host << Lan::DnsSdHandle::describe(error);
        return;
    }
    if (!m_server.address.isEmpty())
        Q_EMIT resolved(m_server);
}

void ServiceResolver::onAddress(const QString &address)
{
    if (address == m_server.address)
        return;
    m_server.address = address;
    Q_EMIT resolved(m_server);
}

} // namespace Confab::Client
