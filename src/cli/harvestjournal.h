#pragma once

#include "harvest/harvesttypes.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

namespace qcrawl {

class Journal;

// What `harvest --journal` records, as the harvest goes: the items once the list page is read,
// what each detail page gave (in batches, every 100 ms), the file each download goes to (at
// once: a resume must know it), and each download's result (at once, before its row is printed:
// the journal always knows at least what the user was shown). Lives on the harvest's thread;
// a journal that cannot be written is said once on stderr and the harvest goes on.
class HarvestJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HarvestJournal)

public:
    HarvestJournal(Journal *journal, qint64 run, const QString &program);
    ~HarvestJournal() override; // writes what waits

    qint64 run() const { return m_run; }

    void itemsFound(const QList<HarvestItem> &items);
    void itemFinished(const HarvestItem &item);
    void flushItems();
    void downloadStarted(int index, const QString &filePath);
    void downloadFinished(const DownloadResult &result);
    void close(qint64 wallMs); // the harvest ended (not killed) after wallMs more

    static FetchResult toFetchResult(const DownloadResult &download);

private:
    void failed(const QString &error);

    Journal *m_journal;
    qint64 m_run;
    QString m_program;
    QList<HarvestItem> m_pendingItems;
    QTimer m_timer;
    bool m_failed = false;
};

} // namespace qcrawl
