#include "downloadrun.h"

#include "fetch/resultformat.h"
#include "util/units.h"

#include <QCoreApplication>

namespace qcrawl {

// The status lines were the main window's: they keep its translation context, so that the
// translations made for it apply.

DownloadRun::DownloadRun(const QList<HarvestItem> &items, const QString &folder,
                         const FetchOptions &options, QObject *parent)
    : Run(parent)
    , m_items(items)
    , m_folder(folder)
    , m_options(options)
{
    connect(&m_thread, &DownloadThread::events, this, &Run::events);
    connect(&m_thread, &DownloadThread::finished, this, [this](qint64 wallMs) {
        m_wallMs = wallMs;
        emit finished(wallMs);
    });
}

DownloadRun::~DownloadRun() = default;

bool DownloadRun::start()
{
    if (m_started || !m_thread.start(m_items, m_folder, m_options))
        return false;
    m_started = true;
    emit message(QCoreApplication::translate("qcrawl::MainWindow", "Saving %1 videos to %2…")
                         .arg(m_items.size())
                         .arg(m_folder),
                 5000);
    m_items.clear();
    return true;
}

void DownloadRun::stop()
{
    if (!isRunning())
        return;
    m_thread.stop();
    emit message(QCoreApplication::translate("qcrawl::MainWindow",
                                             "Stopping; partial files stay and resume next time…"),
                 4000);
}

void DownloadRun::cancel(const QList<int> &rows)
{
    for (int row : rows)
        m_thread.cancel(row);
}

bool DownloadRun::waitForFinished(int timeoutMs)
{
    return m_thread.waitForFinished(timeoutMs);
}

qint64 DownloadRun::elapsedMs() const
{
    return isRunning() ? m_thread.elapsedMs() : m_wallMs;
}

QString DownloadRun::summary(const RunStats &stats) const
{
    return QCoreApplication::translate("qcrawl::MainWindow", "Saved %1 of %2 videos (%3) in %4")
            .arg(stats.ok)
            .arg(stats.total())
            .arg(formatBytes(stats.bytes))
            .arg(formatDuration(stats.wallMs));
}

} // namespace qcrawl
