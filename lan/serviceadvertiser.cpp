#include "lan/serviceadvertiser.h"

#include "lan/dnssdhandle.h"
#include "lan/lanservice.h"
#include "lan/txtrecord.h"

#include <QSysInfo>
#include <QtEndian>

namespace Confab::Lan {

// The library calls back through a plain function; this one forwards to the advertiser.
struct RegisterCallback
{
    static void DNSSD_API call(DNSServiceRef, DNSServiceFlags, DNSServiceErrorType error,
        const char *name, const char *, const char *, void *context)
    {
        static_cast<ServiceAdvertiser *>(context)->onRegisterReply(
            int(error), QString::fromUtf8(name ? name : ""));
    }
};

ServiceAdvertiser::ServiceAdvertiser(QObject *parent)
    : QObject(parent)
    , m_handle(new DnsSdHandle(this))
{
    connect(m_handle, &DnsSdHandle::failed, this, [this](const QString &message) {
        m_errorString = message;
        Q_EMIT failed(message);
    });
}

ServiceAdvertiser::~ServiceAdvertiser() = default;

QString ServiceAdvertiser::defaultName()
{
    QString user = qEnvironmentVariable("USER").trimmed();
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME").trimmed();
    if (!user.isEmpty())
        return tr("%1's Confab").arg(user);
    return QSysInfo::machineHostName();
}

bool ServiceAdvertiser::start(
    const QString &name, quint16 port, bool tls, const QString &fingerprint)
{
    stop();
    // Avahi's compatibility layer prints a warning to stderr on first use unless told not to.
    qputenv("AVAHI_COMPAT_NOWARN", "1");
    const QString instance = name.trimmed().isEmpty() ? defaultName() : name.trimmed();
    QList<std::pair<QByteArray, QByteArray>> entries {
        {QByteArrayLiteral("proto"), QByteArray::number(kProtocolVersion)},
        {QByteArrayLiteral("tls"), tls ? QByteArrayLiteral("1") : QByteArrayLiteral("0")},
    };
    if (tls && !fingerprint.isEmpty())
        entries.append({QByteArrayLiteral("fp"), fingerprint.toLatin1()});
    const QByteArray txt = TxtRecord::encode(entries);
    const QByteArray utf8Name = instance.toUtf8();

    DNSServiceRef ref = nullptr;
    const DNSServiceErrorType error = DNSServiceRegister(&ref, 0, kDNSServiceInterfaceIndexAny,
        utf8Name.constData(), serviceType(), nullptr, nullptr, qToBigEndian(port),
        quint16(txt.size()), txt.constData(), &RegisterCallback::call, this);
    if (!m_handle->adopt(error, ref)) {
        m_errorString = DnsSdHandle::describe(error);
        return false;
    }
    m_errorString.clear();
    return true;
}

void ServiceAdvertiser::stop()
{
    m_handle->reset();
    m_registeredName.clear();
}

void ServiceAdvertiser::onRegisterReply(int error, const QString &name)
{
    if (error != kDNSServiceErr_NoError) {
        m_errorString = DnsSdHandle::describe(error);
        Q_EMIT failed(m_errorString);
        return;
    }
    m_registeredName = name;
    Q_EMIT registered(name);
}

} // namespace Confab::Lan
