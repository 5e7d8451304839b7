#pragma once

#include "common/result.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace Confab::Server {

/// A self-signed server certificate kept in a directory: made once (ECDSA P-256, SHA-256,
/// valid ten years, names for localhost, this host and its IP addresses) and reused on every
/// later start, so that clients which pinned its fingerprint keep trusting it.
class SelfSignedCertificate
{
public:
    /// What goes into the certificate's subjectAltName.
    struct Names
    {
        QStringList dnsNames;
        QList<QHostAddress> addresses;
    };

    /// localhost, this machine's host name, 127.0.0.1, ::1 and every address of its interfaces
    /// (link-local IPv6 ones left out: they are meaningless without a scope).
    static Names defaultNames();

    /// The certificate in `directory`, generated there first if the pair is missing. The key file
    /// is readable by its owner only. Fails with a one-line reason.
    static Result<SelfSignedCertificate> ensure(const QString &directory);
    static Result<SelfSignedCertificate> ensure(const QString &directory, const Names &names);

    QString certificateFile() const { return m_certificateFile; }
    QString keyFile() const { return m_keyFile; }
    /// True when this call generated the pair, false when it was already there.
    bool created() const { return m_created; }

private:
    SelfSignedCertificate(QString certificateFile, QString keyFile, bool created);

    QString m_certificateFile;
    QString m_keyFile;
    bool m_created = false;
};

} // namespace Confab::Server
