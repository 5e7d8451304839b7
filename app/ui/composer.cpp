#include "app/ui/composer.h"

#include <QKeyEvent>

namespace Confab::Ui {

Composer::Composer(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("composer"));
    setAccessibleName(tr("Message"));
    setPlaceholderText(tr("Write a message…"));
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize Composer::sizeHint() const
{
    const int lines = 3;
    const int height = fontMetrics().lineSpacing() * lines + 2 * frameWidth()
        + int(document()->documentMargin() * 2);
    return {QPlainTextEdit::sizeHint().width(), height};
}

void Composer::beginEdit(qint64 messageId, const QString &text)
{
    if (!isEditing()) {
        // A message being written waits until the edit is saved or cancelled.
        m_draft = toPlainText();
        if (!m_draft.trimmed().isEmpty())
            Q_EMIT typingEnded();
    }
    m_editingId = messageId;
    setPlainText(text);
    moveCursor(QTextCursor::End);
    setFocus();
    Q_EMIT editingChanged(true);
}

void Composer::cancelEdit()
{
    if (!isEditing())
        return;
    m_editingId = 0;
    restoreDraft();
    Q_EMIT editingChanged(false);
}

void Composer::restoreDraft()
{
    setPlainText(std::exchange(m_draft, QString()));
    moveCursor(QTextCursor::End);
}

void Composer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        submit();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && isEditing()) {
        cancelEdit();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier && !isEditing()
        && toPlainText().isEmpty()) {
        Q_EMIT editLastRequested();
        event->accept();
        return;
    }
    const QString before = toPlainText();
    QPlainTextEdit::keyPressEvent(event);
    const QString after = toPlainText();
    if (isEditing() || after == before)
        return;
    if (after.trimmed().isEmpty())
        Q_EMIT typingEnded();
    else
        Q_EMIT typed();
}

void Composer::submit()
{
    const QString text = toPlainText().trimmed();
    if (text.isEmpty())
        return;
    if (isEditing()) {
        const qint64 id = std::exchange(m_editingId, 0);
        restoreDraft();
        Q_EMIT editingChanged(false);
        Q_EMIT editSubmitted(id, text);
        return;
    }
    clear();
    Q_EMIT typingEnded();
    Q_EMIT submitted(text);
}

} // namespace Confab::Ui
