#include "app/ui/invitedialog.h"

#include "app/core/apiclient.h"
#include "app/ui/errorlabel.h"
#include "app/ui/hostingaddresses.h"
#include "app/ui/servertrustpanel.h"

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Confab::Ui {

namespace {

const QString openMode = QStringLiteral("open");
const QString inviteMode = QStringLiteral("invite");

QLineEdit *makeReadOnlyField(const QString &text, const QString &name, QWidget *parent)
{
    auto *field = new QLineEdit(text, parent);
    field->setObjectName(name);
    field->setReadOnly(true);
    field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    field->setMinimumWidth(360);
    return field;
}

QLabel *makeCaption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

} // namespace

InviteDialog::InviteDialog(Client::ApiClient *api, const Host::HostInfo &info, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
{
    setObjectName(QStringLiteral("inviteDialog"));
    setWindowTitle(tr("Invite people"));

    auto *intro = makeCaption(tr("People on your network can join this chat: in Confab they "
                                 "choose “Join a server” and enter this address."),
        this);

    const QStringList urls = hostingUrls(info);
    auto *address = makeReadOnlyField(urls.constFirst(), QStringLiteral("addressField"), this);
    address->setAccessibleName(tr("Address to join"));
    auto *copyAddress = new QPushButton(tr("Copy"), this);
    copyAddress->setObjectName(QStringLiteral("copyAddressButton"));
    copyAddress->setAccessibleName(tr("Copy the address"));
    copyAddress->setAutoDefault(false);
    connect(copyAddress, &QPushButton::clicked, this,
        [this, address, copyAddress] { copy(address->text(), copyAddress); });
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(address, 1);
    addressRow->addWidget(copyAddress);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(addressRow);
    if (!info.announcedName.isEmpty()) {
        auto *announced = makeCaption(
            tr("Confab on this network also lists it as “%1”: they can simply pick it there.")
                .arg(info.announcedName),
            this);
        announced->setObjectName(QStringLiteral("announcedName"));
        layout->addWidget(announced);
    }
    if (urls.size() > 1) {
        auto *others = makeCaption(tr("On other networks of this computer: %1")
                                       .arg(urls.mid(1).join(QStringLiteral(", "))),
            this);
        others->setObjectName(QStringLiteral("otherAddresses"));
        others->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(others);
    }
    if (!info.fingerprint.isEmpty()) {
        layout->addSpacing(6);
        layout->addWidget(makeCaption(tr("The first time they connect, Confab shows them the "
                                         "certificate's fingerprint. It must read:"),
            this));
        // Grouped as the guest's trust panel shows it, so the two read the same.
        auto *fingerprint =
            new QLabel(ServerTrustPanel::groupedFingerprint(info.fingerprint), this);
        fingerprint->setObjectName(QStringLiteral("fingerprintLabel"));
        fingerprint->setAccessibleName(tr("Certificate fingerprint"));
        fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
        fingerprint->setContentsMargins(4, 2, 4, 2);
        layout->addWidget(fingerprint);
    }

    auto *who = new QGroupBox(tr("Who can join"), this);
    m_open = new QRadioButton(tr("Anyone who has the address"), who);
    m_open->setObjectName(QStringLiteral("openRegistration"));
    m_inviteOnly = new QRadioButton(tr("Only people with an invite code"), who);
    m_inviteOnly->setObjectName(QStringLiteral("inviteOnlyRegistration"));
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_open);
    modes->addButton(m_inviteOnly);
    m_open->setEnabled(false);
    m_inviteOnly->setEnabled(false);
    connect(m_inviteOnly, &QRadioButton::toggled, this, [this](bool checked) {
        if (!m_updatingMode)
            changeMode(checked ? inviteMode : openMode);
    });
    m_modeError = new ErrorLabel(who);
    m_modeError->setObjectName(QStringLiteral("modeError"));

    m_create = new QPushButton(tr("Create invite code"), who);
    m_create->setObjectName(QStringLiteral("createInviteButton"));
    m_create->setAutoDefault(false);
    connect(m_create, &QPushButton::clicked, this, [this] { createInvite(); });
    m_code = makeReadOnlyField({}, QStringLiteral("inviteCodeField"), who);
    m_code->setAccessibleName(tr("Invite code"));
    m_code->hide();
    m_copyCode = new QPushButton(tr("Copy"), who);
    m_copyCode->setObjectName(QStringLiteral("copyCodeButton"));
    m_copyCode->setAccessibleName(tr("Copy the invite code"));
    m_copyCode->setAutoDefault(false);
    m_copyCode->hide();
    connect(m_copyCode, &QPushButton::clicked, this, [this] { copy(m_code->text(), m_copyCode); });
    m_codeNote =
        makeCaption(tr("Each code lets one person create an account. It is shown only now."), who);
    m_codeNote->hide();
    m_codeError = new ErrorLabel(who);
    m_codeError->setObjectName(QStringLiteral("inviteError"));

    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_create);
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_copyCode);
    auto *whoLayout = new QVBoxLayout(who);
    whoLayout->addWidget(m_open);
    whoLayout->addWidget(m_inviteOnly);
    whoLayout->addWidget(m_modeError);
    whoLayout->addLayout(codeRow);
    whoLayout->addWidget(m_codeNote);
    whoLayout->addWidget(m_codeError);
    layout->addSpacing(6);
    layout->addWidget(who);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    setTabOrder(address, copyAddress);
    setTabOrder(copyAddress, m_open);
    setTabOrder(m_open, m_inviteOnly);
    setTabOrder(m_inviteOnly, m_create);
    setTabOrder(m_create, m_code);
    setTabOrder(m_code, m_copyCode);

    load();
}

QCoro::Task<> InviteDialog::load()
{
    QPointer<InviteDialog> self(this);
    auto task = m_api->registrationMode();
    const Result<QString> mode = co_await task;
    if (!self)
        co_return;
    if (!mode) {
        m_modeError->showError(mode.error().message);
        co_return;
    }
    m_loaded = true;
    showMode(*mode);
}

QCoro::Task<> InviteDialog::changeMode(QString mode)
{
    QPointer<InviteDialog> self(this);
    m_modeError->clearError();
    m_open->setEnabled(false);
    m_inviteOnly->setEnabled(false);
    auto task = m_api->setRegistrationMode(mode);
    const Result<QString> now = co_await task;
    if (!self)
        co_return;
    if (!now) {
        m_modeError->showError(now.error().message);
        showMode(m_mode); // back to what is still in force
        co_return;
    }
    showMode(*now);
}

void InviteDialog::showMode(const QString &mode)
{
    m_mode = mode;
    m_updatingMode = true;
    m_inviteOnly->setChecked(mode == inviteMode);
    m_open->setChecked(mode == openMode);
    m_updatingMode = false;
    m_open->setEnabled(m_loaded);
    m_inviteOnly->setEnabled(m_loaded);
}

QCoro::Task<> InviteDialog::createInvite()
{
    QPointer<InviteDialog> self(this);
    m_codeError->clearError();
    m_create->setEnabled(false);
    auto task = m_api->createInvite();
    const Result<QString> code = co_await task;
    if (!self)
        co_return;
    m_create->setEnabled(true);
    if (!code) {
        m_codeError->showError(code.error().message);
        co_return;
    }
    m_create->setText(tr("Create another"));
    m_code->setText(*code);
    m_code->show();
    m_copyCode->show();
    m_codeNote->show();
    m_code->setFocus();
    m_code->selectAll();
}

void InviteDialog::copy(const QString &text, QPushButton *button)
{
    QApplication::clipboard()->setText(text);
    button->setText(tr("Copied"));
    QPointer<QPushButton> guard(button);
    QTimer::singleShot(1500, this, [this, guard] {
        if (guard)
            guard->setText(tr("Copy"));
    });
}

} // namespace Confab::Ui
