#pragma once

#include "app/host/embeddedserver.h"

#include <QWidget>

class QAction;
class QLabel;
class QMainWindow;
class QToolButton;

namespace Confab::Ui {

/// What the main window shows while this computer hosts the chat: a permanent status bar
/// line ("Hosting on 192.168.1.20:8080 — 2 people online", the certificate's fingerprint in
/// its tooltip), an Invite button, and a Hosting menu (Invite people…, Stop hosting…).
class HostingStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit HostingStatusWidget(QWidget *parent = nullptr);

    /// Puts this widget into `window`'s status bar and the Hosting menu into its menu bar.
    void attach(QMainWindow *window);

    void setInfo(const Host::HostInfo &info);
    void setOnlineCount(int count);
    void setAnnouncedName(const QString &name);
    QString text() const;

    static QString statusText(const Host::HostInfo &info, int onlineCount);

Q_SIGNALS:
    void inviteRequested();
    void stopRequested();

private:
    void update();

    Host::HostInfo m_info;
    int m_onlineCount = 1;
    QLabel *m_dot;
    QLabel *m_label;
    QToolButton *m_invite;
    QAction *m_inviteAction;
    QAction *m_stopAction;
};

} // namespace Confab::Ui
