#pragma once

#include "harvest/downloadthread.h"
#include "harvest/harvesttypes.h"
#include "run.h"

namespace qcrawl {

// The harvested videos' downloads into one folder: a VideoDownloader on a DownloadThread of its
// own. Every item's index is its row in the table. Stopping keeps the .part files, so that a
// later run of the same items resumes them.
class DownloadRun final : public Run
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadRun)

public:
    DownloadRun(const QList<HarvestItem> &items, const QString &folder, const FetchOptions &options,
                QObject *parent = nullptr);
    ~DownloadRun() override; // stops what still runs (keeping .part files) and joins

    bool start() override;
    void stop() override;
    void cancel(const QList<int> &rows) override;
    bool waitForFinished(int timeoutMs) override;
    bool isRunning() const override { return m_thread.isRunning(); }
    qint64 elapsedMs() const override;
    // The downloads stream through the async engine.
    FetchMode mode() const override { return FetchMode::Async; }
    QString summary(const RunStats &stats) const override;

private:
    DownloadThread m_thread;
    QList<HarvestItem> m_items; // until start()
    const QString m_folder;
    const FetchOptions m_options;
    qint64 m_wallMs = 0;
    bool m_started = false;
};

} // namespace qcrawl
