#pragma once

#include <QFrame>

class QLabel;

namespace Confab::Ui {

/// The strip above the composer while a message is being edited: "Editing message", the
/// original text, and a button to cancel (as Escape does).
class EditingBar : public QFrame
{
    Q_OBJECT
public:
    explicit EditingBar(QWidget *parent = nullptr);

    void showFor(const QString &originalText);

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_original;
};

} // namespace Confab::Ui
