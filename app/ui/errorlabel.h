#pragma once

#include <QLabel>

namespace Confab::Ui {

/// An error shown in place, next to what failed: red text that stays readable on light and
/// dark window colours; hidden while empty.
class ErrorLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ErrorLabel(QWidget *parent = nullptr);

    void showError(const QString &message);
    void clearError();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColor();

    bool m_applying = false;
};

} // namespace Confab::Ui
