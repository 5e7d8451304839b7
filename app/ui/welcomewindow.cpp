#include "app/ui/welcomewindow.h"

#include "app/ui/errorlabel.h"

#include <QCommandLinkButton>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Confab::Ui {

namespace {

QLabel *makeHeading(const QString &text, qreal scale, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

WelcomeWindow::WelcomeWindow(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomeWindow"));
    setWindowTitle(tr("Welcome to Confab"));

    auto *heading = makeHeading(tr("Welcome to Confab"), 1.8, this);
    auto *intro =
        new QLabel(tr("Chat with the people around you. How would you like to start?"), this);
    intro->setWordWrap(true);

    m_host = new QCommandLinkButton(tr("Host a chat on this computer"), this);
    m_host->setObjectName(QStringLiteral("hostButton"));
    m_host->setAccessibleName(tr("Host a chat on this computer"));
    m_host->setDefault(true);
    m_host->setAutoDefault(true);
    connect(m_host, &QCommandLinkButton::clicked, this, &WelcomeWindow::requestHost);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("hostNameField"));
    m_name->setAccessibleName(tr("Your name"));
    m_name->setPlaceholderText(tr("How others will see you"));
    m_name->setMaxLength(kMaxNameLength);
    connect(m_name, &QLineEdit::returnPressed, this, &WelcomeWindow::requestHost);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        if (!m_failed)
            m_error->clearError();
    });
    auto *nameLabel = new QLabel(tr("&Your name"), this);
    nameLabel->setBuddy(m_name);

    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("hostPortField"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(1024, 65535);
    m_port->setValue(8080);
    m_port->hide();
    m_portLabel = new QLabel(tr("&Port"), this);
    m_portLabel->setBuddy(m_port);
    m_portLabel->hide();

    m_error = new ErrorLabel(this);
    m_error->setObjectName(QStringLiteral("hostError"));
    m_error->setAccessibleName(tr("Hosting error"));

    // The host choice and its name field belong together: one framed card.
    auto *hostCard = new QFrame(this);
    hostCard->setObjectName(QStringLiteral("hostCard"));
    hostCard->setFrameShape(QFrame::StyledPanel);
    auto *nameRow = new QHBoxLayout;
    nameRow->setContentsMargins(12, 0, 12, 0);
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_portLabel);
    nameRow->addWidget(m_port);
    auto *cardLayout = new QVBoxLayout(hostCard);
    cardLayout->setContentsMargins(6, 6, 6, 12);
    cardLayout->addWidget(m_host);
    cardLayout->addLayout(nameRow);
    auto *errorRow = new QHBoxLayout;
    errorRow->setContentsMargins(12, 0, 12, 0);
    errorRow->addWidget(m_error);
    cardLayout->addLayout(errorRow);

    m_join = new QCommandLinkButton(tr("Join a server"),
        tr("Sign in to a chat someone else hosts, on this network or on the internet."), this);
    m_join->setObjectName(QStringLiteral("joinButton"));
    m_join->setAccessibleName(tr("Join a server"));
    connect(m_join, &QCommandLinkButton::clicked, this, &WelcomeWindow::joinRequested);

    auto *column = new QVBoxLayout;
    column->setSpacing(8);
    column->addStretch(1);
    column->addWidget(heading);
    column->addWidget(intro);
    column->addSpacing(12);
    column->addWidget(hostCard);
    column->addSpacing(4);
    column->addWidget(m_join);
    column->addStretch(2);

    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(32, 24, 32, 24);
    outer->addStretch();
    outer->addLayout(column, 3);
    outer->addStretch();

    setTabOrder(m_host, m_name);
    setTabOrder(m_name, m_port);
    setTabOrder(m_port, m_join);

    updateHostDescription();
    resize(560, 460);
    m_host->setFocus();
}

void WelcomeWindow::setHostName(const QString &name)
{
    m_name->setText(name.trimmed().left(kMaxNameLength));
}

QString WelcomeWindow::hostName() const
{
    return m_name->text().trimmed();
}

void WelcomeWindow::setPort(quint16 port)
{
    m_port->setValue(port);
}

quint16 WelcomeWindow::port() const
{
    return static_cast<quint16>(m_port->value());
}

void WelcomeWindow::setBusy(bool busy)
{
    m_busy = busy;
    m_host->setEnabled(!busy);
    m_name->setEnabled(!busy);
    m_port->setEnabled(!busy);
    m_join->setEnabled(!busy);
    if (busy) {
        m_failed = false;
        m_error->clearError();
    }
    updateHostDescription();
    if (!busy)
        m_host->setFocus();
}

void WelcomeWindow::showError(const QString &message)
{
    m_failed = true;
    m_error->showError(message);
    m_portLabel->show();
    m_port->show();
    updateHostDescription();
}

void WelcomeWindow::requestHost()
{
    if (m_busy)
        return;
    const QString name = hostName();
    if (name.isEmpty()) {
        m_failed = false;
        m_error->showError(tr("Enter your name: it is how the people who join will see you."));
        m_name->setFocus();
        return;
    }
    Q_EMIT hostRequested(name);
}

void WelcomeWindow::updateHostDescription()
{
    if (m_busy)
        m_host->setDescription(tr("Starting…"));
    else if (m_failed)
        m_host->setDescription(tr("Try again"));
    else
        m_host->setDescription(tr("People on your network join you here. The conversations "
                                  "are kept on this computer."));
}

} // namespace Confab::Ui
