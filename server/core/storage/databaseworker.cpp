#include "server/core/storage/databaseworker.h"

#include "server/core/storage/connectionfactory.h"
#include "server/core/storage/sqlutil.h"
#include "server/core/storage/storagelog.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Confab::Server {

DatabaseWorker::DatabaseWorker(DatabaseConfig config, QString connectionName, Access access)
    : m_config(std::move(config))
    , m_connectionName(std::move(connectionName))
    , m_access(access)
{
    m_thread.setObjectName(m_connectionName);
}

DatabaseWorker::~DatabaseWorker()
{
    stop();
}

Result<void> DatabaseWorker::start()
{
    if (m_thread.isRunning())
        return {};
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();

    // A QSqlDatabase may only be used on the thread that made it, so it is opened there.
    Result<void> outcome;
    QMetaObject::invokeMethod(
        m_context,
        [this, &outcome] {
            Result<SqlContext> opened = openConnection(m_config, m_connectionName);
            if (!opened) {
                outcome = opened.error();
                return;
            }
            if (m_access == Access::ReadOnly && m_config.dialect == SqlDialect::Sqlite) {
                QSqlError error;
                {
                    QSqlQuery query(opened->db);
                    if (!query.exec(QStringLiteral("PRAGMA query_only=ON")))
                        error = query.lastError();
                } // the query goes before its connection may be closed
                if (error.isValid()) {
                    outcome = Sql::failure(error, "making a reader read-only");
                    SqlContext context = std::move(opened).value();
                    closeConnection(std::move(context));
                    return;
                }
            }
            m_storage = std::make_unique<Storage>(std::move(opened).value());
        },
        Qt::BlockingQueuedConnection);
    if (!outcome) {
        m_thread.quit();
        m_thread.wait();
        delete m_context;
        m_context = nullptr;
        return outcome;
    }
    m_accepting = true;
    return {};
}

void DatabaseWorker::post(Job job)
{
    if (!m_accepting) {
        qCWarning(lcStorage) << "job posted to stopped database worker" << m_connectionName;
        return;
    }
    QMetaObject::invokeMethod(
        m_context,
        [this, job = std::move(job)] {
            // A post racing with stop() on another thread may land after the close.
            if (!m_storage)
                return;
            // A reader's job sees one snapshot from its first query to its last, as it would
            // queued behind the writes on the writer.
            const bool snapshot = m_access == Access::ReadOnly
                && m_config.dialect == SqlDialect::Sqlite && m_storage->context().db.transaction();
            job(*m_storage);
            if (snapshot)
                m_storage->context().db.commit();
        },
        Qt::QueuedConnection);
}

void DatabaseWorker::stop()
{
    if (!m_context)
        return;
    m_accepting = false;
    // Queued behind every job already posted, so those still run on an open connection.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            SqlContext context = std::move(m_storage->context());
            m_storage.reset();
            closeConnection(std::move(context));
            m_thread.quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
    // The thread has finished, so nothing can be delivering events to the context any more.
    delete m_context;
    m_context = nullptr;
}

} // namespace Confab::Server
