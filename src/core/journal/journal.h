#pragma once

// journal/: what survives qcrawl, the machine or the network dying. Journal is one SQLite file
// (Qt SQL's QSQLITE driver, WAL mode) holding every run, its options and every job's outcome;
// JournalRecorder batches a running engine's results into it, one transaction per batch;
// JournalWriter does the same on a thread of its own for the GUI; JournalSchema creates and
// migrates the tables; FetchOptionsJson stores a run's options.

#include "harvest/harvesttypes.h"
#include "journal/journaltypes.h"

#include <optional>

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace qcrawl {

// A journal file, opened on the thread that calls open() and used only from it (a Qt SQL
// connection belongs to its thread). Every method that writes does so in one transaction and
// returns false with *error set when SQLite refused.
class Journal final
{
    Q_DISABLE_COPY_MOVE(Journal)

public:
    Journal();
    ~Journal();

    enum class OpenResult {
        Opened, // an existing journal, or a new file
        Recreated, // the file was damaged: moved aside (see *message) and a new one started
        TooNew, // written by a newer qcrawl: left untouched, not opened
        Failed, // cannot be opened or created (see *message)
    };

    // Opens or creates the journal at path. On Recreated, *message says where the damaged file
    // went; on TooNew and Failed, *message is the reason. The file is readable by its owner only:
    // it holds the runs' request headers (cookies, tokens).
    OpenResult open(const QString &path, QString *message);
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_path; }

    // A new run with all its jobs (pending), in one transaction. Returns the run's id, 0 on error.
    qint64 createRun(const QString &kind, FetchMode mode, const QJsonObject &options,
                     const QList<FetchJob> &jobs, QString *error);
    // Each result replaces its job's last one; the job's state follows journalStateFor(). The
    // run's wall time is set to wallMs in the same transaction (left alone when wallMs < 0).
    bool recordResults(qint64 run, const QList<FetchResult> &results, qint64 wallMs,
                       QString *error);
    bool addWallTime(qint64 run, qint64 ms, QString *error);
    // closed: the run ended (normally or with failures), not killed mid-way.
    bool setRunClosed(qint64 run, bool closed, QString *error);
    bool deleteRun(qint64 run, QString *error);

    QList<JournalRun> runs(QString *error) const;
    std::optional<JournalRun> run(qint64 id, QString *error) const;
    // The newest run that still has pending jobs; 0 when every run is complete.
    qint64 latestUnfinishedRun(QString *error) const;
    QList<JournalJob> jobs(qint64 run, QString *error) const;

    // A harvest run: its items once the list page is read (each also a pending job, its
    // download, at the detail URL), what their detail pages gave (read: the answer is final,
    // a media URL or an error that a retry will not change), and the file each download went to.
    bool addItems(qint64 run, const QList<HarvestItem> &items, QString *error);
    bool recordItems(qint64 run, const QList<HarvestItem> &items, QString *error);
    bool setJobFile(qint64 run, int index, const QString &filePath, QString *error);
    // In list order; *read (when given) says which detail pages gave a final answer.
    QList<HarvestItem> items(qint64 run, QList<bool> *read, QString *error) const;

private:
    OpenResult openFile(QString *message);
    void close();

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace qcrawl
