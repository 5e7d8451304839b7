#include "app/ui/editingbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Confab::Ui {

EditingBar::EditingBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("editingBar"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(0);
    auto *title = new QLabel(tr("Editing message"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_original = new QLabel(this);
    m_original->setObjectName(QStringLiteral("editingOriginal"));
    m_original->setEnabled(false);
    texts->addWidget(title);
    texts->addWidget(m_original);
    auto *cancel = new QToolButton(this);
    cancel->setObjectName(QStringLiteral("cancelEditButton"));
    cancel->setText(QStringLiteral("✕"));
    cancel->setToolTip(tr("Cancel editing (Esc)"));
    cancel->setAccessibleName(tr("Cancel editing"));
    cancel->setAutoRaise(true);
    connect(cancel, &QToolButton::clicked, this, &EditingBar::cancelRequested);
    layout->addLayout(texts, 1);
    layout->addWidget(cancel, 0, Qt::AlignVCenter);
    hide();
}

void EditingBar::showFor(const QString &originalText)
{
    const QString line = originalText.simplified();
    m_original->setText(fontMetrics().elidedText(line, Qt::ElideRight, 480));
    show();
}

} // namespace Confab::Ui
