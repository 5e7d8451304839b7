#pragma once

#include <QString>

#include <chrono>

namespace Confab::Server {

/// Whether and how the server speaks TLS. Empty: plain HTTP (for 127.0.0.1, or behind a
/// reverse proxy that terminates TLS).
struct TlsSettings
{
    /// PEM files of the certificate (chain first the server's own) and its private key.
    QString certificateFile;
    QString keyFile;
    /// When set (and no files are named), a self-signed certificate is generated in this
    /// directory on first start and reused afterwards.
    QString selfSignedDirectory;
    /// From accepting a connection until its TLS handshake must be done.
    std::chrono::milliseconds handshakeTimeout {10000};

    bool enabled() const { return !certificateFile.isEmpty() || !selfSignedDirectory.isEmpty(); }
};

} // namespace Confab::Server
