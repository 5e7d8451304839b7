#pragma once

#include "common/user.h"

#include <QCoroTask>
#include <QMap>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QProgressBar;

namespace Confab::Client {
class AvatarCache;
class Session;
} // namespace Confab::Client

namespace Confab::Ui {

/// Finds people by name (GET /api/users?query=, 250 ms after the last keystroke) and lets
/// the user tick one or several. Ticks survive new searches, so a group can be gathered
/// from several queries; Enter, Space or a double click on a result ticks it or unticks it. Shows a
/// busy bar while searching, "No one found", or the error.
class PeopleSearch : public QWidget
{
    Q_OBJECT
public:
    PeopleSearch(Client::Session *session, Client::AvatarCache *avatars, QWidget *parent = nullptr);

    /// People not to offer (e.g. those already in the group).
    void setExcluded(const QSet<qint64> &ids) { m_excluded = ids; }
    QList<User> selectedUsers() const { return m_selected.values(); }
    void clearSelection();
    /// Back to the start: no query, no results, no one chosen.
    void reset();
    /// Sets the query and searches at once (for keyboard users pressing Enter, and tests).
    void searchNow(const QString &text);
    QLineEdit *queryEdit() const { return m_query; }
    QListWidget *resultList() const { return m_results; }
    bool isSearching() const { return m_searching; }

Q_SIGNALS:
    void selectionChanged();

protected:
    /// Enter searches in the query field and ticks a result in the list; either way it must not
    /// also press the dialog's default button.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void startSearch();
    QCoro::Task<> search(QString text, quint64 generation);
    void showResults(const QList<User> &users);
    void onItemChanged(QListWidgetItem *item);
    void updateSelectedLabel();
    static void toggle(QListWidgetItem *item);

    QPointer<Client::Session> m_session;
    QPointer<Client::AvatarCache> m_avatars;
    QLineEdit *m_query;
    QProgressBar *m_busy;
    QLabel *m_status;
    QListWidget *m_results;
    QLabel *m_selectedLabel;
    QTimer m_debounce;
    QSet<qint64> m_excluded;
    QMap<qint64, User> m_selected;
    QHash<qint64, User> m_shown;
    quint64 m_generation = 0;
    bool m_searching = false;
};

} // namespace Confab::Ui
