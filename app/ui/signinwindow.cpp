#include "app/ui/signinwindow.h"

#include "app/core/session.h"
#include "app/core/tlstrust.h"
#include "app/ui/discoveredserverpicker.h"
#include "app/ui/inputvalidation.h"
#include "app/ui/servertrustpanel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Confab::Ui {

namespace {

QLabel *makeProblemLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc0, 0x1c, 0x28));
    label->setPalette(palette);
    label->hide();
    return label;
}

QLineEdit *makeField(QWidget *parent, const QString &name, const QString &accessibleName)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(name);
    field->setAccessibleName(accessibleName);
    field->setMinimumWidth(280);
    return field;
}

/// Filled outside the coroutine (GCC 12 and aggregates inside coroutines).
RegisterRequest makeRegisterRequest(const QString &username, const QString &password,
    const QString &displayName, const QString &inviteCode)
{
    RegisterRequest request;
    request.username = username;
    request.password = password;
    if (!displayName.trimmed().isEmpty())
        request.displayName = displayName.trimmed();
    if (!inviteCode.trimmed().isEmpty())
        request.inviteCode = inviteCode.trimmed();
    return request;
}

} // namespace

SignInWindow::SignInWindow(Client::SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_secrets(secrets)
    , m_trust(new Client::TlsTrust(nullptr, this))
{
    setWindowTitle(tr("Confab — Sign in"));
    setObjectName(QStringLiteral("signInWindow"));

    m_heading = new QLabel(this);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.6);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("noteLabel"));
    m_note->setWordWrap(true);
    m_note->setFrameShape(QFrame::StyledPanel);
    m_note->setMargin(6);
    m_note->hide();

    m_signInMode = new QRadioButton(tr("Sign in"), this);
    m_signInMode->setObjectName(QStringLiteral("signInModeButton"));
    m_signInMode->setAccessibleName(tr("Sign in to an existing account"));
    m_createMode = new QRadioButton(tr("Create account"), this);
    m_createMode->setObjectName(QStringLiteral("createModeButton"));
    m_createMode->setAccessibleName(tr("Create a new account"));
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_signInMode);
    modes->addButton(m_createMode);
    m_signInMode->setChecked(true);
    connect(m_signInMode, &QRadioButton::toggled, this,
        [this](bool checked) { setMode(checked ? Mode::SignIn : Mode::CreateAccount); });

    m_server = makeField(this, QStringLiteral("serverField"), tr("Server address"));
    m_server->setPlaceholderText(tr("https://chat.example.org"));
    m_serverProblem = makeProblemLabel(this, QStringLiteral("serverProblem"));
    m_discoveredServers = new DiscoveredServerPicker(this);
    connect(m_discoveredServers, &DiscoveredServerPicker::serverChosen, this,
        &SignInWindow::setServerAddress);
    connect(m_discoveredServers, &DiscoveredServerPicker::fingerprintAnnounced, this,
        [this](const QUrl &server, const QString &fingerprint) {
            m_trust->expectAnnounced(server, fingerprint);
        });
    m_username = makeField(this, QStringLiteral("usernameField"), tr("Username"));
    m_usernameProblem = makeProblemLabel(this, QStringLiteral("usernameProblem"));
    m_displayName = makeField(this, QStringLiteral("displayNameField"), tr("Display name"));
    m_displayName->setPlaceholderText(tr("Optional: how others see you"));
    m_password = makeField(this, QStringLiteral("passwordField"), tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordProblem = makeProblemLabel(this, QStringLiteral("passwordProblem"));
    m_confirm = makeField(this, QStringLiteral("confirmField"), tr("Confirm password"));
    m_confirm->setEchoMode(QLineEdit::Password);
    m_confirmProblem = makeProblemLabel(this, QStringLiteral("confirmProblem"));
    m_invite = makeField(this, QStringLiteral("inviteField"), tr("Invite code"));
    m_invite->setPlaceholderText(tr("Only if the server is invite-only"));

    m_formError = makeProblemLabel(this, QStringLiteral("formError"));
    m_formError->setAccessibleName(tr("Sign-in error"));

    m_trustPanel = new ServerTrustPanel(this);
    connect(m_trustPanel, &ServerTrustPanel::trusted, this,
        [this](const QUrl &server, const QString &fingerprint) {
            m_trust->pin(server, fingerprint);
            m_trustPanel->hide();
            submit();
        });
    connect(m_trustPanel, &ServerTrustPanel::cancelled, this, [this] {
        m_trustPanel->hide();
        setProblem(m_formError, tr("Not connected: the server's certificate is not trusted."));
        m_submit->setFocus();
    });
    connect(m_server, &QLineEdit::textEdited, m_trustPanel, &QWidget::hide);

    m_submit = new QPushButton(this);
    m_submit->setObjectName(QStringLiteral("submitButton"));
    m_submit->setDefault(true);
    m_submit->setAutoDefault(true);
    connect(m_submit, &QPushButton::clicked, this, &SignInWindow::submit);
    m_hostInstead = new QPushButton(tr("Host a chat on this computer instead"), this);
    m_hostInstead->setObjectName(QStringLiteral("hostInsteadButton"));
    m_hostInstead->setFlat(true);
    m_hostInstead->setAutoDefault(false);
    m_hostInstead->hide();
    connect(m_hostInstead, &QPushButton::clicked, this, &SignInWindow::hostInsteadRequested);
    for (QLineEdit *field : {m_server, m_username, m_displayName, m_password, m_confirm, m_invite})
        connect(field, &QLineEdit::returnPressed, this, &SignInWindow::submit);

    auto *form = new QVBoxLayout;
    form->setSpacing(4);
    auto addField = [this, form](QLineEdit *field, const QString &caption, QLabel *problem) {
        auto *label = new QLabel(caption, this);
        label->setBuddy(field);
        label->setContentsMargins(0, 6, 0, 0); // not a spacer: it hides with the label
        form->addWidget(label);
        form->addWidget(field);
        if (problem)
            form->addWidget(problem);
        return label;
    };
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_signInMode);
    modeRow->addWidget(m_createMode);
    modeRow->addStretch();

    form->addStretch(1);
    form->addWidget(m_heading);
    form->addWidget(m_note);
    form->addLayout(modeRow);
    addField(m_server, tr("&Server"), m_serverProblem);
    form->addWidget(m_discoveredServers);
    addField(m_username, tr("&Username"), m_usernameProblem);
    m_displayNameLabel = addField(m_displayName, tr("&Display name"), nullptr);
    addField(m_password, tr("&Password"), m_passwordProblem);
    m_confirmLabel = addField(m_confirm, tr("C&onfirm password"), m_confirmProblem);
    m_inviteLabel = addField(m_invite, tr("&Invite code"), nullptr);
    form->addSpacing(10);
    form->addWidget(m_formError);
    form->addWidget(m_trustPanel);
    form->addWidget(m_submit);
    form->addWidget(m_hostInstead);
    form->addStretch(2);

    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(32, 24, 32, 24);
    outer->addStretch();
    outer->addLayout(form);
    outer->addStretch();

    setTabOrder(m_signInMode, m_createMode);
    setTabOrder(m_createMode, m_server);
    setTabOrder(m_server, m_discoveredServers);
    setTabOrder(m_discoveredServers, m_username);
    setTabOrder(m_username, m_displayName);
    setTabOrder(m_displayName, m_password);
    setTabOrder(m_password, m_confirm);
    setTabOrder(m_confirm, m_invite);
    setTabOrder(m_invite, m_trustPanel);
    setTabOrder(m_trustPanel, m_submit);
    setTabOrder(m_submit, m_hostInstead);

    updateMode();
    resize(480, 600);
}

SignInWindow::~SignInWindow() = default;

void SignInWindow::setServerAddress(const QString &address)
{
    m_server->setText(address);
}

QString SignInWindow::serverAddress() const
{
    return m_server->text().trimmed();
}

void SignInWindow::setHostingOffered(bool offered)
{
    m_hostInstead->setVisible(offered);
}

void SignInWindow::setTlsTrust(Client::TlsTrust *trust)
{
    if (trust)
        m_trust = trust;
}

void SignInWindow::setUsername(const QString &username)
{
    m_username->setText(username);
}

void SignInWindow::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    (mode == Mode::SignIn ? m_signInMode : m_createMode)->setChecked(true);
    updateMode();
}

void SignInWindow::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void SignInWindow::showError(const QString &message)
{
    setProblem(m_formError, message);
}

std::unique_ptr<Client::Session> SignInWindow::takeSession()
{
    return std::move(m_session);
}

void SignInWindow::updateMode()
{
    const bool create = m_mode == Mode::CreateAccount;
    m_heading->setText(create ? tr("Create your Confab account") : tr("Sign in to Confab"));
    m_displayNameLabel->setVisible(create);
    m_displayName->setVisible(create);
    m_confirmLabel->setVisible(create);
    m_confirm->setVisible(create);
    m_inviteLabel->setVisible(create);
    m_invite->setVisible(create);
    if (!create)
        setProblem(m_confirmProblem, {});
    m_password->setAccessibleName(create ? tr("New password") : tr("Password"));
    setBusy(m_busy);
}

void SignInWindow::setProblem(QLabel *label, const QString &problem)
{
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
}

bool SignInWindow::validate()
{
    const QString server = serverAddressProblem(m_server->text());
    const QString username = usernameProblem(m_username->text());
    const QString password = passwordProblem(m_password->text());
    const QString confirm = m_mode == Mode::CreateAccount
        ? confirmationProblem(m_password->text(), m_confirm->text())
        : QString();
    setProblem(m_serverProblem, server);
    setProblem(m_usernameProblem, username);
    setProblem(m_passwordProblem, password);
    setProblem(m_confirmProblem, confirm);
    // Focus the first field that needs attention.
    const std::pair<QLineEdit *, QString> checks[] = {
        {m_server, server}, {m_username, username}, {m_password, password}, {m_confirm, confirm}};
    for (const auto &[field, problem] : checks) {
        if (!problem.isEmpty()) {
            field->setFocus();
            return false;
        }
    }
    return true;
}

void SignInWindow::setBusy(bool busy)
{
    m_busy = busy;
    const bool create = m_mode == Mode::CreateAccount;
    if (busy)
        m_submit->setText(create ? tr("Creating account…") : tr("Signing in…"));
    else
        m_submit->setText(create ? tr("Create account") : tr("Sign in"));
    m_submit->setAccessibleName(m_submit->text());
    m_submit->setEnabled(!busy);
    for (QWidget *w : std::initializer_list<QWidget *> {m_signInMode, m_createMode, m_server,
             m_username, m_displayName, m_password, m_confirm, m_invite})
        w->setEnabled(!busy);
}

void SignInWindow::submit()
{
    if (m_busy)
        return;
    setProblem(m_formError, {});
    m_trustPanel->hide();
    if (!validate())
        return;
    setBusy(true);
    doSubmit(m_mode, serverUrlFromInput(m_server->text()), m_username->text(), m_password->text(),
        makeRegisterRequest(
            m_username->text(), m_password->text(), m_displayName->text(), m_invite->text()));
}

QCoro::Task<> SignInWindow::doSubmit(
    Mode mode, QUrl serverUrl, QString username, QString password, RegisterRequest request)
{
    QPointer<SignInWindow> self(this);
    auto session = std::make_unique<Client::Session>(serverUrl, m_secrets);
    session->setTlsTrust(m_trust);
    Client::Session *pending = session.get();
    std::optional<Result<User>> outcome;
    if (mode == Mode::SignIn) {
        auto task = pending->signIn(username, password);
        outcome.emplace(co_await task);
    } else {
        auto task = pending->signUp(std::move(request));
        outcome.emplace(co_await task);
    }
    const Result<User> &result = *outcome;
    if (!self)
        co_return;
    setBusy(false);
    if (!result) {
        const Error &error = result.error();
        if (Client::TlsTrust::isCertificateError(error) && m_trust->lastRefusal(serverUrl)) {
            askAboutCertificate(serverUrl);
            co_return;
        }
        const bool transport = !Client::TlsTrust::isCertificateError(error)
            && (error.code == QStringLiteral("unreachable")
                || error.code == QStringLiteral("timeout") || error.httpStatus == 0);
        setProblem(m_formError, transport ? tr("Can't reach the server.") : error.message);
        QLineEdit *retry = error.code.startsWith(QLatin1String("invite_")) ? m_invite : m_password;
        retry->setFocus();
        retry->selectAll();
        co_return;
    }
    m_password->clear();
    m_confirm->clear();
    m_session = std::move(session);
    Q_EMIT signedIn();
}

void SignInWindow::askAboutCertificate(const QUrl &serverUrl)
{
    const std::optional<Client::TlsTrust::Refusal> refusal = m_trust->lastRefusal(serverUrl);
    if (refusal)
        m_trustPanel->showRefusal(*refusal);
}

} // namespace Confab::Ui
