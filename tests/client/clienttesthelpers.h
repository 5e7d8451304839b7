#pragma once

#include <QCoroTask>
#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace Confab::Testing {

namespace Internal {
template<typename T>
QCoro::Task<> collect(QCoro::Task<T> task, std::optional<T> *out, QEventLoop *loop)
{
    T value = co_await task;
    out->emplace(std::move(value));
    loop->quit();
}

inline QCoro::Task<> collectVoid(QCoro::Task<> task, bool *done, QEventLoop *loop)
{
    co_await task;
    *done = true;
    loop->quit();
}
} // namespace Internal

/// Runs a client coroutine to its end (tests only: a nested event loop). Aborts the test
/// run when it takes longer than 30 s rather than hanging.
template<typename T>
T await(QCoro::Task<T> &&task)
{
    std::optional<T> result;
    QEventLoop loop;
    auto collector = Internal::collect(std::move(task), &result, &loop);
    if (!result) {
        QTimer::singleShot(
            30000, &loop, [] { qFatal("a client coroutine did not finish in 30 s"); });
        loop.exec();
    }
    return std::move(*result);
}

inline void await(QCoro::Task<> &&task)
{
    bool done = false;
    QEventLoop loop;
    auto collector = Internal::collectVoid(std::move(task), &done, &loop);
    if (!done) {
        QTimer::singleShot(
            30000, &loop, [] { qFatal("a client coroutine did not finish in 30 s"); });
        loop.exec();
    }
}

} // namespace Confab::Testing
