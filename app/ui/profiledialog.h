#pragma once

#include "common/user.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Confab::Client {
class AvatarCache;
class Session;
class UserDirectory;
} // namespace Confab::Client

namespace Confab::Ui {

class ErrorLabel;

/// Someone's profile: picture, display name, username, bio and presence, kept live from the
/// UserDirectory. For the signed-in user it is also where the profile is edited (display
/// name, bio, a picture from a file) and the password changed, with busy states and errors
/// in place.
class ProfileDialog : public QDialog
{
    Q_OBJECT
public:
    ProfileDialog(qint64 userId, Client::Session *session, Client::UserDirectory *users,
        Client::AvatarCache *avatars, QWidget *parent = nullptr);

    qint64 userId() const { return m_userId; }
    bool isOwn() const { return m_own; }

    /// Reads a picture file (off the GUI thread) to upload with the next save.
    void setPictureFile(const QString &path);
    bool hasPendingPicture() const { return !m_pendingPicture.isEmpty(); }

    // The controls, for tests and keyboard users.
    QLineEdit *displayNameEdit() const { return m_displayNameEdit; }
    QPlainTextEdit *bioEdit() const { return m_bioEdit; }
    QPushButton *saveButton() const { return m_save; }
    QLineEdit *currentPasswordEdit() const { return m_currentPassword; }
    QLineEdit *newPasswordEdit() const { return m_newPassword; }
    QPushButton *passwordButton() const { return m_changePassword; }
    ErrorLabel *profileError() const { return m_profileError; }
    ErrorLabel *passwordError() const { return m_passwordError; }
    QLabel *statusLabel() const { return m_status; }
    bool isBusy() const { return m_busy; }

private:
    void refresh();
    void choosePicture();
    QCoro::Task<> readPicture(QString path);
    void save();
    QCoro::Task<> doSave(QString displayName, QString bio, QByteArray picture, QByteArray type);
    void changePassword();
    QCoro::Task<> doChangePassword(QString current, QString next);
    void setBusy(bool busy);
    void updateButtons();

    qint64 m_userId;
    bool m_own;
    QPointer<Client::Session> m_session;
    QPointer<Client::UserDirectory> m_users;
    QPointer<Client::AvatarCache> m_avatars;

    QLabel *m_avatar;
    QLabel *m_name;
    QLabel *m_username;
    QLabel *m_presence;
    QLabel *m_bio;
    QLineEdit *m_displayNameEdit = nullptr;
    QPlainTextEdit *m_bioEdit = nullptr;
    QPushButton *m_choosePicture = nullptr;
    QPushButton *m_save = nullptr;
    ErrorLabel *m_profileError = nullptr;
    QLineEdit *m_currentPassword = nullptr;
    QLineEdit *m_newPassword = nullptr;
    QPushButton *m_changePassword = nullptr;
    ErrorLabel *m_passwordError = nullptr;
    QLabel *m_status;
    QByteArray m_pendingPicture;
    QByteArray m_pendingType;
    QImage m_pendingPreview;
    bool m_busy = false;
    bool m_edited = false; ///< the fields hold the user's typing: refresh() leaves them alone
};

} // namespace Confab::Ui
