#pragma once

#include "journal/journaltypes.h"

#include <QDialog>

class QPushButton;
class QTableWidget;

namespace qcrawl {

class SessionJournal;

// History: the journal's runs, newest first, with their date, kind, mode, counts and wall time.
// Open brings a run's rows into the table; Continue does that and fetches what is unfinished;
// Delete removes runs (after asking); Export writes the list as JSONL or CSV, the keys of
// `qcrawl-cli history`.
class HistoryDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryDialog)

public:
    explicit HistoryDialog(SessionJournal *journal, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QList<JournalRun> runs() const { return m_runs; }
    // The JSONL of the listed runs, one object per line (what Export writes for .jsonl).
    QByteArray toJsonLines() const;
    bool exportTo(const QString &path, QString *error = nullptr) const;
    void deleteSelected(bool ask = true);
    void setRunning(bool running); // Open and Continue wait while a run goes

Q_SIGNALS:
    void openRequested(qint64 run, bool toContinue);

private:
    void showRuns(const QList<JournalRun> &runs);
    void updateButtons();
    QList<qint64> selectedRuns() const;
    void exportDialog();

    SessionJournal *m_journal;
    QTableWidget *m_table;
    QPushButton *m_open;
    QPushButton *m_continue;
    QPushButton *m_delete;
    QPushButton *m_export;
    QList<JournalRun> m_runs; // newest first, as shown
    bool m_running = false;
};

} // namespace qcrawl
