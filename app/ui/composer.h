#pragma once

#include <QPlainTextEdit>

namespace Confab::Ui {

/// The message input: Enter sends, Shift+Enter starts a new line.
class Composer : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit Composer(QWidget *parent = nullptr);

    QSize sizeHint() const override;

Q_SIGNALS:
    /// The user asked to send `text` (already trimmed, never empty); the field is cleared.
    void submitted(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;

public:
    /// Sends the current text, as Enter does.
    void submit();
};

} // namespace Confab::Ui
