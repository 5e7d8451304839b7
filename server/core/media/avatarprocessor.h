#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QCoroTask>
#include <QString>
#include <QThreadPool>

#include <optional>

namespace Confab::Server {

/// A picture ready to store: re-encoded by the server, never the bytes the client sent.
struct ProcessedImage
{
    ProcessedImage() = default;
    // A constructor, not aggregate initialisation: GCC 12 mis-copies aggregates made in coroutines.
    ProcessedImage(QByteArray type, QByteArray data, QString hexDigest)
        : contentType(std::move(type))
        , bytes(std::move(data))
        , digest(std::move(hexDigest))
    { }

    QByteArray contentType;
    QByteArray bytes;
    QString digest; ///< hex SHA-256 of `bytes`
};

/// Turns an uploaded picture into a stored avatar: decodes it (which is the only proof that it
/// is an image), refuses decompression bombs by their declared size before any pixel is
/// allocated, shrinks it to fit kMaxSide and re-encodes it, which also drops metadata such as
/// EXIF locations. Runs on its own small thread pool: decoding is CPU work, and the pool's
/// size bounds the memory that concurrent uploads can take. QImage needs no QGuiApplication.
class AvatarProcessor
{
public:
    static constexpr int kMaxSide = 512;
    /// Sources larger than this are refused before decoding.
    static constexpr int kMaxSourceSide = 8192;
    static constexpr qint64 kMaxSourcePixels = 4096 * 4096;

    AvatarProcessor();
    ~AvatarProcessor();

    /// The Qt image format for an upload's Content-Type ("png", "jpeg", "webp"); nullopt for any
    /// other type. Parameters such as "; charset=…" are ignored.
    static std::optional<QByteArray> formatFor(const QByteArray &contentType);

    /// 400 invalid_image when `body` does not decode as `format` or is too large in pixels.
    QCoro::Task<Result<ProcessedImage>> process(QByteArray body, QByteArray format);
    /// The synchronous form; blocks for as long as decoding takes.
    static Result<ProcessedImage> processNow(const QByteArray &body, const QByteArray &format);

private:
    QThreadPool m_pool;
};

} // namespace Confab::Server
