#pragma once

#include "fetch/fetchtypes.h"
#include "timelinewidget.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace qcrawl {

class EngineThread;

// Compare: runs one list through serial, pool and async, one after another on the engine thread,
// then shows each mode's wall time, req/s and speed-up side by side, and the request timeline.
// Exports the timeline as PNG and the per-request times as CSV.
class CompareDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareDialog)

public:
    CompareDialog(const QList<QUrl> &urls, const FetchOptions &options, QWidget *parent = nullptr);
    ~CompareDialog() override;

    void startComparison();
    bool isRunning() const;
    const QList<TimelineRun> &runs() const { return m_runs; }
    TimelineWidget *timeline() const { return m_timeline; }

    void done(int result) override; // cancels a comparison in progress

Q_SIGNALS:
    void comparisonFinished();

private:
    void runNext();
    void onRunFinished(qint64 wallMs);
    void updateTable();
    void exportPng();
    void exportCsv();
    QString labelFor(FetchMode mode) const;

    QList<QUrl> m_urls;
    FetchOptions m_options;
    std::unique_ptr<EngineThread> m_engine;
    QList<FetchMode> m_pending;
    QList<TimelineRun> m_runs;
    QList<FetchResult> m_current;
    TimelineWidget *m_timeline;
    QTableWidget *m_table;
    QLabel *m_status;
    QPushButton *m_runButton;
    QPushButton *m_pngButton;
    QPushButton *m_csvButton;
};

} // namespace qcrawl
