#pragma once

#include "fetch/fetchtypes.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace qcrawl {

class JournalWriter;

// Hands a running engine's results to a JournalWriter in batches: results gather for
// batchIntervalMs (100 by default) and go in as one transaction, so that 20,000 small pages cost
// a few dozen commits, written on the writer's thread while the engine goes on. A result with a
// file goes at once (with what waited): its file is already in place.
//
// recorded() hands each batch on once the journal holds it, so that whoever prints rows prints
// only what the journal has: a kill at any moment leaves no row shown that a resume would fetch
// again. When the journal cannot be written the writer says so (writeFailed) and rows still go
// on. Lives on the engine's thread.
class JournalRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalRecorder)

public:
    // ticket: the run, from writer->beginRun() or continueRun().
    JournalRecorder(JournalWriter *writer, int ticket, QObject *parent = nullptr);

    void setBatchInterval(int ms) { m_timer.setInterval(ms); }
    void add(const FetchResult &result);
    void flush();
    // Flushes and waits (running this thread's event loop) until every result given has come
    // back through recorded(). False on timeout.
    bool finish(int timeoutMs = 60'000);
    qint64 wallMs() const { return m_clock.elapsed(); }

Q_SIGNALS:
    void recorded(const QList<qcrawl::FetchResult> &results);

private:
    JournalWriter *m_writer;
    int m_ticket;
    QElapsedTimer m_clock;
    QTimer m_timer { this };
    QList<FetchResult> m_pending;
    qint64 m_outstanding = 0; // handed to the writer, not yet back
};

} // namespace qcrawl
