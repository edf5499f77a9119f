#include "fetchrun.h"

#include "fetch/resultformat.h"
#include "util/units.h"

#include <QCoreApplication>

namespace qcrawl {

// The status lines were the main window's: they keep its translation context, so that the
// translations made for it apply.

FetchRun::FetchRun(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs,
                   QObject *parent)
    : Run(parent)
    , m_mode(mode)
    , m_options(options)
    , m_jobs(jobs)
{
    connect(&m_thread, &EngineThread::events, this, &Run::events);
    connect(&m_thread, &EngineThread::finished, this, [this](qint64 wallMs) {
        m_wallMs = wallMs;
        emit finished(wallMs);
    });
}

FetchRun::~FetchRun() = default;

bool FetchRun::start()
{
    if (m_started || !m_thread.start(m_mode, m_options, m_jobs))
        return false;
    m_started = true;
    emit message(QCoreApplication::translate("qcrawl::MainWindow", "Fetching %1 URLs in %2 mode…")
                         .arg(m_jobs.size())
                         .arg(fetchModeName(m_mode)),
                 3000);
    m_jobs.clear();
    return true;
}

void FetchRun::stop()
{
    if (!isRunning())
        return;
    m_thread.cancelAll();
    emit message(QCoreApplication::translate("qcrawl::MainWindow", "Stopping…"), 2000);
}

void FetchRun::cancel(const QList<int> &rows)
{
    for (int row : rows)
        m_thread.cancel(row);
}

bool FetchRun::waitForFinished(int timeoutMs)
{
    return m_thread.waitForFinished(timeoutMs);
}

qint64 FetchRun::elapsedMs() const
{
    return isRunning() ? m_thread.elapsedMs() : m_wallMs;
}

QString FetchRun::summary(const RunStats &stats) const
{
    // RunStats::summaryLine() is the CLI's English; the window says the same in its language.
    QString counts = QCoreApplication::translate("qcrawl::FetchRun", "ok %1, failed %2")
                             .arg(stats.ok)
                             .arg(stats.failed);
    if (stats.canceled > 0)
        counts = QCoreApplication::translate("qcrawl::FetchRun", "%1, canceled %2")
                         .arg(counts)
                         .arg(stats.canceled);
    const QString line =
            QCoreApplication::translate("qcrawl::FetchRun",
                                        "%1 · %2 requests in %3 · %4 req/s · %5 MB/s · %6")
                    .arg(counts)
                    .arg(stats.total())
                    .arg(formatDuration(stats.wallMs))
                    .arg(stats.requestsPerSecond(), 0, 'f', 1)
                    .arg(stats.bytesPerSecond() / 1e6, 0, 'f', 2)
                    .arg(fetchModeName(m_mode));
    return QCoreApplication::translate("qcrawl::MainWindow", "Finished: %1").arg(line);
}

} // namespace qcrawl
