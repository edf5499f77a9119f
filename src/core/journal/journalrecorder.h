#pragma once

#include "fetch/fetchtypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace qcrawl {

class Journal;

// Writes a running engine's results into a Journal, one transaction per batch: results gather
// for batchIntervalMs (100 by default) and go in together, so that 20,000 small pages cost a few
// dozen commits. A result with a file goes in at once (with what waited): its file is already
// renamed into place, and the journal should know before anything else happens.
//
// recorded() hands each batch on after its commit, so that whoever prints rows prints only what
// the journal holds: a kill at any moment leaves no row shown that a resume would fetch again.
// When the journal cannot be written, writeFailed() says so once and rows still go on.
// Lives on the thread that owns the Journal.
class JournalRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalRecorder)

public:
    // wallBaseMs: the run's wall time before this part of it (a resume adds to it).
    JournalRecorder(Journal *journal, qint64 run, qint64 wallBaseMs = 0, QObject *parent = nullptr);

    void setBatchInterval(int ms) { m_timer.setInterval(ms); }
    void add(const FetchResult &result);
    void flush();
    bool hasFailed() const { return m_failed; }
    qint64 wallMs() const { return m_wallBaseMs + m_clock.elapsed(); }

Q_SIGNALS:
    void recorded(const QList<qcrawl::FetchResult> &results);
    void writeFailed(const QString &message);

private:
    Journal *m_journal;
    qint64 m_run;
    qint64 m_wallBaseMs;
    QElapsedTimer m_clock;
    QTimer m_timer { this };
    QList<FetchResult> m_pending;
    bool m_failed = false;
};

} // namespace qcrawl
