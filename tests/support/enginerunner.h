#pragma once

// Runs a list of jobs through one engine and records everything it reports, for the engine tests.

#include "fetch/fetchengine.h"

#include <functional>
#include <memory>

#include <QHash>
#include <QSignalSpy>
#include <QTest>

namespace qcrawl::test {

struct RecordedRun
{
    QHash<int, FetchResult> results;
    QHash<int, QList<QPair<qint64, qint64>>> progress;
    QList<int> startOrder;
    QList<int> finishOrder;
    int finishedSignals = 0;
    qint64 wallMs = 0;
    bool timedOut = false;
};

inline FetchOptions localOptions()
{
    FetchOptions options;
    options.proxyMode = FetchOptions::ProxyMode::None; // tests talk to 127.0.0.1 only
    options.retryBaseDelayMs = 50;
    // ctest runs the engine tests a second time with Qt's own HTTP client for every request
    // (tests/CMakeLists.txt): https and proxied requests take that path in real use.
    options.qtHttp = qEnvironmentVariableIsSet("QCRAWL_TEST_QT_HTTP");
    return options;
}

inline QList<FetchJob> jobsFor(const QList<QUrl> &urls)
{
    QList<FetchJob> jobs;
    for (const QUrl &url : urls)
        jobs.append({ int(jobs.size()), url, QString() });
    return jobs;
}

// onStart runs right after start(), onProgress on every progress signal: tests cancel from there.
inline RecordedRun runEngine(FetchEngine &engine, const QList<FetchJob> &jobs,
                             int timeoutMs = 60'000,
                             const std::function<void(FetchEngine &, int, qint64)> &onProgress = {})
{
    RecordedRun run;
    QObject context;
    QObject::connect(&engine, &FetchEngine::jobStarted, &context,
                     [&](int index) { run.startOrder.append(index); });
    QObject::connect(&engine, &FetchEngine::jobProgress, &context,
                     [&](int index, qint64 received, qint64 total) {
                         run.progress[index].append({ received, total });
                         if (onProgress)
                             onProgress(engine, index, received);
                     });
    QObject::connect(&engine, &FetchEngine::jobFinished, &context, [&](const FetchResult &r) {
        if (run.results.contains(r.index))
            qWarning("job %d finished twice", r.index);
        run.results.insert(r.index, r);
        run.finishOrder.append(r.index);
    });
    QObject::connect(&engine, &FetchEngine::finished, &context, [&] { ++run.finishedSignals; });
    if (!engine.start(jobs))
        qWarning("engine refused to start");
    run.timedOut = !QTest::qWaitFor([&] { return run.finishedSignals > 0; }, timeoutMs);
    run.wallMs = engine.elapsedMs();
    QTest::qWait(20); // anything emitted after finished() would show up as a second signal
    return run;
}

inline RecordedRun runMode(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs,
                           int timeoutMs = 60'000)
{
    std::unique_ptr<FetchEngine> engine = FetchEngine::create(mode, options);
    return runEngine(*engine, jobs, timeoutMs);
}

} // namespace qcrawl::test
