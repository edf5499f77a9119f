#pragma once

#include "console.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTimer>

class QCommandLineParser;

namespace qcrawl {

// qcrawl-cli's live status line on stderr while a command works, as curl's meter or aria2's
// summary: jobs done / total, failed, in flight, bytes, the current rate, the ETA when it can be
// known, and the largest transfers with their percentage (or bytes when the size is unknown).
// On a terminal it is redrawn in place at most 10 times a second, fitted to the terminal's width;
// every other write to the terminal erases it first (console::StatusLine), so rows print above it
// and nothing is left half-drawn. Never on stdout. Server text (names from URLs) is escaped.
class ProgressLine final : public QObject, public console::StatusLine
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressLine)

public:
    enum class Mode {
        Off,
        Redraw, // a terminal: one line redrawn in place
        Periodic, // --progress without a terminal (script, CI logs): one line per second
    };

    // --progress and --no-progress, for a command's parser.
    static QList<QCommandLineOption> optionDefinitions();
    // Off with --no-progress, when stderr is not a terminal or TERM=dumb; --progress forces it on.
    static Mode modeFor(const QCommandLineParser &parser);

    ProgressLine(Mode mode, int totalJobs, QObject *parent = nullptr);
    ~ProgressLine() override; // erases the line

    void setTotalJobs(int total) { m_totalJobs = total; }
    void jobStarted(int id, const QString &name);
    void jobProgress(int id, qint64 received, qint64 total);
    void jobFinished(int id, bool ok);
    void erase() override;

    // The line for a terminal `width` columns wide (exposed for its layout).
    QString render(int width) const;

private:
    struct Job
    {
        QString name;
        qint64 received = 0;
        qint64 total = -1;
    };

    void tick();
    void draw();
    qint64 bytes() const;
    double rate() const; // bytes per second over the last few seconds
    QString eta() const;

    Mode m_mode;
    int m_totalJobs;
    int m_done = 0;
    int m_failed = 0;
    qint64 m_finishedBytes = 0;
    QHash<int, Job> m_running;
    QList<QPair<qint64, qint64>> m_samples; // (ms, bytes), for the rate
    QElapsedTimer m_clock;
    QTimer m_timer;
    bool m_shown = false;
};

} // namespace qcrawl
