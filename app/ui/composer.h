#pragma once

#include <QPlainTextEdit>

namespace Confab::Ui {

/// The message input: Enter sends, Shift+Enter starts a new line. Up in an empty field asks
/// to edit the user's last message; while editing, Enter saves and Escape cancels.
class Composer : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    QSize sizeHint() const override;

    /// Puts `text` in the field to be edited; submitting then emits editSubmitted(). Text
    /// already in the field is kept aside and comes back when the edit ends.
    void beginEdit(qint64 messageId, const QString &text);
    /// Leaves editing mode; the field shows what was there before the edit.
    void cancelEdit();
    bool isEditing() const { return m_editingId != 0; }
    qint64 editingMessageId() const { return m_editingId; }

    /// Sends (or saves) the current text, as Enter does.
    void submit();

Q_SIGNALS:
    /// The user asked to send `text` (already trimmed, never empty); the field is cleared.
    void submitted(const QString &text);
    /// The user saved an edit of `messageId`; the field is cleared.
    void editSubmitted(qint64 messageId, const QString &text);
    /// Up was pressed in the empty field.
    void editLastRequested();
    void editingChanged(bool editing);
    /// A keystroke changed the text of a new message (for typing notifications).
    void typed();
    /// The user emptied the field or sent: typing ended.
    void typingEnded();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void restoreDraft();

    qint64 m_editingId = 0;
    QString m_draft; ///< the unsent text while a message is edited
};

} // namespace Confab::Ui
