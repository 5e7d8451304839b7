#include "app/ui/profiledialog.h"

#include "app/core/apiclient.h"
#include "app/core/avatarcache.h"
#include "app/core/session.h"
#include "app/core/userdirectory.h"
#include "app/ui/avatarpainter.h"
#include "app/ui/errorlabel.h"
#include "app/ui/presencetext.h"

#include <QBuffer>
#include <QCoroFuture>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Confab::Ui {

namespace {
constexpr int kAvatarSize = 96;
constexpr int kMaxDisplayName = 64;
constexpr int kMaxBio = 500;
constexpr qint64 kMaxPictureBytes = 2 * 1024 * 1024;

QString nameOf(const User &user)
{
    return user.displayName.isEmpty() ? user.username : user.displayName;
}

/// A picture file read and checked on a worker thread: its bytes, MIME type, a preview, or
/// why it cannot be used.
struct PictureFile
{
    QByteArray bytes;
    QByteArray mimeType;
    QImage preview;
    QString problem;
};

PictureFile readPictureFile(const QString &path)
{
    PictureFile result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.problem = ProfileDialog::tr("Can't open the file: %1").arg(file.errorString());
        return result;
    }
    if (file.size() > kMaxPictureBytes) {
        result.problem = ProfileDialog::tr("The picture is larger than 2 MB.");
        return result;
    }
    result.bytes = file.readAll();
    QBuffer buffer(&result.bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QByteArray format = reader.format().toLower();
    if (format == "png")
        result.mimeType = QByteArrayLiteral("image/png");
    else if (format == "jpeg" || format == "jpg")
        result.mimeType = QByteArrayLiteral("image/jpeg");
    else if (format == "webp")
        result.mimeType = QByteArrayLiteral("image/webp");
    if (result.mimeType.isEmpty()) {
        result.problem = ProfileDialog::tr("Choose a PNG, JPEG or WebP picture.");
        return result;
    }
    result.preview = reader.read();
    if (result.preview.isNull())
        result.problem = ProfileDialog::tr("The picture could not be read.");
    return result;
}

UpdateProfileRequest profileChange(const QString &displayName, const QString &bio)
{
    UpdateProfileRequest request;
    request.displayName = displayName;
    request.bio = bio;
    return request;
}
} // namespace

ProfileDialog::ProfileDialog(qint64 userId, Client::Session *session, Client::UserDirectory *users,
    Client::AvatarCache *avatars, QWidget *parent)
    : QDialog(parent)
    , m_userId(userId)
    , m_own(session && session->user().id == userId)
    , m_session(session)
    , m_users(users)
    , m_avatars(avatars)
{
    setObjectName(QStringLiteral("profileDialog"));
    setWindowTitle(m_own ? tr("Your profile") : tr("Profile"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);

    auto *header = new QHBoxLayout;
    m_avatar = new QLabel(this);
    m_avatar->setObjectName(QStringLiteral("profileAvatar"));
    m_avatar->setFixedSize(kAvatarSize, kAvatarSize);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("profileName"));
    QFont nameFont = m_name->font();
    nameFont.setBold(true);
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.4);
    m_name->setFont(nameFont);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_username = new QLabel(this);
    m_username->setObjectName(QStringLiteral("profileUsername"));
    m_presence = new QLabel(this);
    m_presence->setObjectName(QStringLiteral("profilePresence"));
    auto *names = new QVBoxLayout;
    names->addStretch(1);
    names->addWidget(m_name);
    names->addWidget(m_username);
    names->addWidget(m_presence);
    names->addStretch(1);
    header->addWidget(m_avatar);
    header->addSpacing(8);
    header->addLayout(names, 1);
    layout->addLayout(header);
    m_bio = new QLabel(this);
    m_bio->setObjectName(QStringLiteral("profileBio"));
    m_bio->setWordWrap(true);
    m_bio->setTextFormat(Qt::PlainText);
    m_bio->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_bio);

    if (m_own) {
        auto *edit = new QGroupBox(tr("Edit profile"), this);
        auto *form = new QFormLayout(edit);
        m_displayNameEdit = new QLineEdit(edit);
        m_displayNameEdit->setObjectName(QStringLiteral("displayNameEdit"));
        m_displayNameEdit->setAccessibleName(tr("Display name"));
        m_displayNameEdit->setMaxLength(kMaxDisplayName);
        m_bioEdit = new QPlainTextEdit(edit);
        m_bioEdit->setObjectName(QStringLiteral("bioEdit"));
        m_bioEdit->setAccessibleName(tr("Bio"));
        m_bioEdit->setTabChangesFocus(true);
        m_bioEdit->setFixedHeight(m_bioEdit->fontMetrics().lineSpacing() * 4 + 12);
        m_choosePicture = new QPushButton(tr("Choose &picture…"), edit);
        m_choosePicture->setObjectName(QStringLiteral("choosePictureButton"));
        m_choosePicture->setAccessibleName(tr("Choose a profile picture"));
        m_save = new QPushButton(tr("&Save profile"), edit);
        m_save->setObjectName(QStringLiteral("saveProfileButton"));
        m_save->setDefault(true);
        m_profileError = new ErrorLabel(edit);
        m_profileError->setObjectName(QStringLiteral("profileError"));
        form->addRow(tr("&Display name"), m_displayNameEdit);
        form->addRow(tr("&Bio"), m_bioEdit);
        form->addRow(tr("Picture"), m_choosePicture);
        form->addRow(m_profileError);
        form->addRow(m_save);
        layout->addWidget(edit);
        connect(m_displayNameEdit, &QLineEdit::textEdited, this, [this] {
            m_edited = true;
            updateButtons();
        });
        connect(m_bioEdit, &QPlainTextEdit::textChanged, this, [this] {
            if (m_bioEdit->hasFocus())
                m_edited = true;
            updateButtons();
        });
        connect(m_choosePicture, &QPushButton::clicked, this, &ProfileDialog::choosePicture);
        connect(m_save, &QPushButton::clicked, this, &ProfileDialog::save);

        auto *password = new QGroupBox(tr("Change password"), this);
        auto *passwordForm = new QFormLayout(password);
        m_currentPassword = new QLineEdit(password);
        m_currentPassword->setObjectName(QStringLiteral("currentPasswordEdit"));
        m_currentPassword->setAccessibleName(tr("Current password"));
        m_currentPassword->setEchoMode(QLineEdit::Password);
        m_newPassword = new QLineEdit(password);
        m_newPassword->setObjectName(QStringLiteral("newPasswordEdit"));
        m_newPassword->setAccessibleName(tr("New password"));
        m_newPassword->setEchoMode(QLineEdit::Password);
        m_newPassword->setPlaceholderText(tr("At least 8 characters"));
        m_changePassword = new QPushButton(tr("C&hange password"), password);
        m_changePassword->setObjectName(QStringLiteral("changePasswordButton"));
        m_passwordError = new ErrorLabel(password);
        m_passwordError->setObjectName(QStringLiteral("passwordError"));
        passwordForm->addRow(tr("C&urrent password"), m_currentPassword);
        passwordForm->addRow(tr("&New password"), m_newPassword);
        passwordForm->addRow(m_passwordError);
        passwordForm->addRow(m_changePassword);
        layout->addWidget(password);
        connect(m_currentPassword, &QLineEdit::textChanged, this, &ProfileDialog::updateButtons);
        connect(m_newPassword, &QLineEdit::textChanged, this, &ProfileDialog::updateButtons);
        connect(m_changePassword, &QPushButton::clicked, this, &ProfileDialog::changePassword);

        setTabOrder(m_displayNameEdit, m_bioEdit);
        setTabOrder(m_bioEdit, m_choosePicture);
        setTabOrder(m_choosePicture, m_save);
        setTabOrder(m_save, m_currentPassword);
        setTabOrder(m_currentPassword, m_newPassword);
        setTabOrder(m_newPassword, m_changePassword);
    }
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("profileStatus"));
    layout->addWidget(m_status);
    layout->addStretch(1);

    if (users) {
        connect(users, &Client::UserDirectory::userChanged, this, [this](qint64 id) {
            if (id == m_userId)
                refresh();
        });
    }
    if (avatars) {
        connect(avatars, &Client::AvatarCache::avatarChanged, this, [this](qint64 id) {
            if (id == m_userId)
                refresh();
        });
    }
    refresh();
    if (m_own) {
        resize(420, 560);
    } else {
        setMinimumWidth(360);
        adjustSize();
    }
}

void ProfileDialog::refresh()
{
    std::optional<User> user = m_users ? m_users->user(m_userId) : std::nullopt;
    if (!user) {
        m_name->setText(tr("Loading…"));
        return;
    }
    m_name->setText(nameOf(*user));
    m_username->setText(QStringLiteral("@") + user->username);
    // Presence through the directory: the one place to switch to a PresenceStore.
    m_presence->setText(
        PresenceText::describe(m_users->isOnline(m_userId), m_users->lastSeenAt(m_userId)));
    m_bio->setText(user->bio);
    m_bio->setVisible(!user->bio.isEmpty());
    QImage picture = m_pendingPreview;
    if (picture.isNull() && m_avatars)
        picture = m_avatars->avatar(user->id, user->profilePictureUrl);
    m_avatar->setPixmap(
        AvatarPainter::pixmap(kAvatarSize, user->id, nameOf(*user), picture, devicePixelRatioF()));
    m_avatar->setAccessibleName(tr("Picture of %1").arg(nameOf(*user)));
    if (m_own && !m_edited) {
        m_displayNameEdit->setText(user->displayName);
        const QSignalBlocker blocker(m_bioEdit);
        m_bioEdit->setPlainText(user->bio);
    }
    updateButtons();
}

void ProfileDialog::updateButtons()
{
    if (!m_own)
        return;
    const QString name = m_displayNameEdit->text().trimmed();
    const int bioLength = int(m_bioEdit->toPlainText().trimmed().size());
    m_save->setEnabled(
        !m_busy && !name.isEmpty() && bioLength <= kMaxBio && (m_edited || hasPendingPicture()));
    m_choosePicture->setEnabled(!m_busy);
    m_changePassword->setEnabled(
        !m_busy && !m_currentPassword->text().isEmpty() && !m_newPassword->text().isEmpty());
    if (bioLength > kMaxBio)
        m_profileError->showError(tr("The bio is longer than %1 characters.").arg(kMaxBio));
}

void ProfileDialog::setBusy(bool busy)
{
    m_busy = busy;
    if (busy)
        m_status->setText(tr("Saving…"));
    updateButtons();
}

void ProfileDialog::choosePicture()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a profile picture"),
        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
        tr("Pictures (*.png *.jpg *.jpeg *.webp)"));
    if (!path.isEmpty())
        setPictureFile(path);
}

void ProfileDialog::setPictureFile(const QString &path)
{
    if (!m_own || m_busy)
        return;
    m_profileError->clearError();
    m_busy = true;
    m_status->setText(tr("Reading the picture…"));
    updateButtons();
    readPicture(path);
}

QCoro::Task<> ProfileDialog::readPicture(QString path)
{
    QPointer<ProfileDialog> self(this);
    QFuture<PictureFile> reading = QtConcurrent::run(readPictureFile, path);
    const PictureFile file = co_await reading;
    if (!self)
        co_return;
    m_busy = false;
    m_status->clear();
    if (!file.problem.isEmpty()) {
        m_profileError->showError(file.problem);
    } else {
        m_pendingPicture = file.bytes;
        m_pendingType = file.mimeType;
        m_pendingPreview = file.preview;
        m_status->setText(tr("The new picture is saved with the profile."));
    }
    refresh();
}

void ProfileDialog::save()
{
    if (!m_own || m_busy || !m_save->isEnabled())
        return;
    m_profileError->clearError();
    setBusy(true);
    doSave(m_displayNameEdit->text().trimmed(), m_bioEdit->toPlainText().trimmed(),
        m_pendingPicture, m_pendingType);
}

QCoro::Task<> ProfileDialog::doSave(
    QString displayName, QString bio, QByteArray picture, QByteArray type)
{
    if (!m_session)
        co_return;
    QPointer<ProfileDialog> self(this);
    if (!picture.isEmpty()) {
        auto upload = m_session->api().uploadAvatar(picture, type);
        const Result<User> uploaded = co_await upload;
        if (!self)
            co_return;
        if (!uploaded) {
            setBusy(false);
            m_status->clear();
            m_profileError->showError(uploaded.error().message);
            co_return;
        }
        m_pendingPicture.clear();
        m_pendingPreview = QImage();
        if (m_users)
            m_users->insert(*uploaded);
    }
    auto update = m_session->api().updateProfile(profileChange(displayName, bio));
    const Result<User> updated = co_await update;
    if (!self)
        co_return;
    setBusy(false);
    if (!updated) {
        m_status->clear();
        m_profileError->showError(updated.error().message);
        co_return;
    }
    m_edited = false;
    if (m_users)
        m_users->insert(*updated);
    m_status->setText(tr("Profile saved."));
    refresh();
}

void ProfileDialog::changePassword()
{
    if (!m_own || m_busy || !m_changePassword->isEnabled())
        return;
    m_passwordError->clearError();
    setBusy(true);
    doChangePassword(m_currentPassword->text(), m_newPassword->text());
}

QCoro::Task<> ProfileDialog::doChangePassword(QString current, QString next)
{
    if (!m_session)
        co_return;
    QPointer<ProfileDialog> self(this);
    auto task = m_session->changePassword(current, next);
    const Result<void> changed = co_await task;
    if (!self)
        co_return;
    setBusy(false);
    if (!changed) {
        m_status->clear();
        m_passwordError->showError(changed.error().message);
        co_return;
    }
    m_currentPassword->clear();
    m_newPassword->clear();
    m_status->setText(tr("Password changed. Other devices must sign in again."));
}

} // namespace Confab::Ui
