#include "app/ui/hostingstatuswidget.h"

#include "app/ui/hostingaddresses.h"
#include "app/ui/servertrustpanel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolButton>

namespace Confab::Ui {

HostingStatusWidget::HostingStatusWidget(QWidget *parent)
    : QWidget(parent)
    , m_dot(new QLabel(this))
    , m_label(new QLabel(this))
    , m_invite(new QToolButton(this))
    , m_inviteAction(new QAction(tr("&Invite people…"), this))
    , m_stopAction(new QAction(tr("&Stop hosting…"), this))
{
    setObjectName(QStringLiteral("hostingStatus"));
    // A green dot says "live" whatever the palette: it is drawn on no background of its own.
    m_dot->setText(QStringLiteral("●"));
    m_dot->setStyleSheet(QStringLiteral("color: #2ea043;"));
    m_dot->setAccessibleName(tr("Hosting"));
    m_label->setObjectName(QStringLiteral("hostingStatusLabel"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_inviteAction->setObjectName(QStringLiteral("inviteAction"));
    m_stopAction->setObjectName(QStringLiteral("stopHostingAction"));
    connect(m_inviteAction, &QAction::triggered, this, &HostingStatusWidget::inviteRequested);
    connect(m_stopAction, &QAction::triggered, this, &HostingStatusWidget::stopRequested);

    m_invite->setObjectName(QStringLiteral("inviteButton"));
    m_invite->setText(tr("Invite people…"));
    m_invite->setAccessibleName(tr("Invite people"));
    m_invite->setAutoRaise(true);
    connect(m_invite, &QToolButton::clicked, this, &HostingStatusWidget::inviteRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(6);
    layout->addWidget(m_dot);
    layout->addWidget(m_label);
    layout->addWidget(m_invite);
    update();
}

void HostingStatusWidget::attach(QMainWindow *window)
{
    window->statusBar()->addPermanentWidget(this);
    QMenu *menu = window->menuBar()->addMenu(tr("&Hosting"));
    menu->setObjectName(QStringLiteral("hostingMenu"));
    menu->addAction(m_inviteAction);
    menu->addSeparator();
    menu->addAction(m_stopAction);
}

void HostingStatusWidget::setInfo(const Host::HostInfo &info)
{
    m_info = info;
    update();
}

void HostingStatusWidget::setOnlineCount(int count)
{
    m_onlineCount = count;
    update();
}

void HostingStatusWidget::setAnnouncedName(const QString &name)
{
    m_info.announcedName = name;
    update();
}

QString HostingStatusWidget::text() const
{
    return m_label->text();
}

QString HostingStatusWidget::statusText(const Host::HostInfo &info, int onlineCount)
{
    return tr("Hosting on %1 — %n people online", nullptr, onlineCount)
        .arg(hostingAddresses(info).constFirst());
}

void HostingStatusWidget::update()
{
    m_label->setText(statusText(m_info, m_onlineCount));
    QString tip = m_info.announcedName.isEmpty()
        ? tr("People join with the address %1.").arg(hostingUrls(m_info).constFirst())
        : tr("People find “%1” in their list of servers on this network, or join with the "
             "address %2.")
              .arg(m_info.announcedName, hostingUrls(m_info).constFirst());
    if (!m_info.fingerprint.isEmpty()) {
        tip += QLatin1Char('\n')
            + tr("Certificate fingerprint (SHA-256), for them to compare:\n%1")
                  .arg(ServerTrustPanel::groupedFingerprint(m_info.fingerprint));
    }
    m_label->setToolTip(tip);
    m_dot->setToolTip(tip);
}

} // namespace Confab::Ui
