#include "server/core/media/avatarprocessor.h"

#include <QBuffer>
#include <QCoroFuture>
#include <QCryptographicHash>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QtConcurrent>

namespace Confab::Server {

namespace {

// Qt's own limit, a backstop behind the size check: a 4096x4096 picture decodes to 64 MiB.
constexpr int kAllocationLimitMiB = 96;
// Two decodes at once keep two cores busy at most and bound their memory to ~200 MiB.
constexpr int kThreads = 2;

/// Whether any pixel is see-through: decoders (WebP's among them) often hand out an alpha
/// channel that every pixel leaves opaque.
bool hasTransparency(const QImage &image)
{
    if (!image.hasAlphaChannel())
        return false;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            if (qAlpha(line[x]) != 255)
                return true;
        }
    }
    return false;
}

Error invalidImage(const QString &why)
{
    return badRequest(QStringLiteral("invalid_image"), why);
}

} // namespace

AvatarProcessor::AvatarProcessor()
{
    m_pool.setMaxThreadCount(kThreads);
}

AvatarProcessor::~AvatarProcessor()
{
    m_pool.waitForDone();
}

std::optional<QByteArray> AvatarProcessor::formatFor(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type =
        (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    if (type == "image/png")
        return QByteArrayLiteral("png");
    if (type == "image/jpeg")
        return QByteArrayLiteral("jpeg");
    if (type == "image/webp")
        return QByteArrayLiteral("webp");
    return std::nullopt;
}

QCoro::Task<Result<ProcessedImage>> AvatarProcessor::process(QByteArray body, QByteArray format)
{
    QFuture<Result<ProcessedImage>> future = QtConcurrent::run(&m_pool,
        [body = std::move(body), format = std::move(format)] { return processNow(body, format); });
    Result<ProcessedImage> result = co_await future;
    co_return result;
}

Result<ProcessedImage> AvatarProcessor::processNow(const QByteArray &body, const QByteArray &format)
{
    if (body.isEmpty())
        return invalidImage(QStringLiteral("The body is empty; send the picture's bytes."));
    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    // The declared type decides the decoder: a body that is not what it claims is refused.
    QImageReader reader(&buffer, format);
    reader.setDecideFormatFromContent(false);
    reader.setAutoTransform(true);
    reader.setAllocationLimit(kAllocationLimitMiB);
    const QString label = QString::fromLatin1(format.toUpper());

    // The header alone says how large the decoded picture would be: refuse bombs before
    // anything is allocated for their pixels.
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return invalidImage(QStringLiteral("The body is not a readable %1 picture.").arg(label));
    if (size.width() > kMaxSourceSide || size.height() > kMaxSourceSide
        || qint64(size.width()) * size.height() > kMaxSourcePixels)
        return invalidImage(
            QStringLiteral("The picture is %1x%2 pixels; the most is %3 per side and %4 in all.")
                .arg(size.width())
                .arg(size.height())
                .arg(kMaxSourceSide)
                .arg(kMaxSourcePixels));

    QImage image;
    if (!reader.read(&image) || image.isNull())
        return invalidImage(QStringLiteral("The body is not a readable %1 picture: %2")
                                .arg(label, reader.errorString()));
    if (image.width() > kMaxSide || image.height() > kMaxSide)
        image = image.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);

    // PNG keeps transparency; photographs without it are far smaller as JPEG.
    const bool alpha = hasTransparency(image);
    image.convertTo(alpha ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    QByteArray encoded;
    QBuffer out(&encoded);
    out.open(QIODevice::WriteOnly);
    QImageWriter writer(&out, alpha ? QByteArrayLiteral("png") : QByteArrayLiteral("jpeg"));
    if (!alpha)
        writer.setQuality(85);
    if (!writer.write(image))
        return internalError(
            QStringLiteral("The picture could not be re-encoded: %1").arg(writer.errorString()));
    out.close();
    const QString digest =
        QString::fromLatin1(QCryptographicHash::hash(encoded, QCryptographicHash::Sha256).toHex());
    return ProcessedImage(alpha ? QByteArrayLiteral("image/png") : QByteArrayLiteral("image/jpeg"),
        std::move(encoded), digest);
}

} // namespace Confab::Server
