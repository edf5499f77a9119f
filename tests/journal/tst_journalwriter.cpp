#include "journal/journalwriter.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

namespace {

QList<FetchJob> jobs(int count)
{
    QList<FetchJob> list;
    for (int i = 0; i < count; ++i)
        list.append({ i, QUrl(u"http://127.0.0.1:1/%1"_s.arg(i)), QString() });
    return list;
}

FetchResult ok(int index)
{
    FetchResult r;
    r.index = index;
    r.url = QUrl(u"http://127.0.0.1:1/%1"_s.arg(index));
    r.httpStatus = 200;
    return r;
}

std::optional<JournalRun> readRun(const QString &path, qint64 id)
{
    Journal journal;
    QString message, error;
    if (journal.open(path, &message) != Journal::OpenResult::Opened)
        return std::nullopt;
    return journal.run(id, &error);
}

} // namespace

// The GUI's journal: everything queued to a thread of its own, in order, nothing dropped.
class tst_JournalWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void resultsRecordedBeforeTheRunExistsAreKept()
    {
        const QString path = m_dir.filePath(u"a.db"_s);
        {
            JournalWriter writer;
            QSignalSpy opened(&writer, &JournalWriter::opened);
            QSignalSpy started(&writer, &JournalWriter::runStarted);
            writer.open(path);
            const int ticket = writer.beginRun(u"fetch"_s, FetchMode::Async, {}, jobs(3000));
            for (int i = 0; i < 3000; i += 100) {
                QList<FetchResult> batch;
                for (int j = i; j < i + 100; ++j)
                    batch.append(ok(j));
                writer.record(ticket, batch, i);
            }
            writer.endRun(ticket);
            // Destroyed at once: the destructor still writes everything queued.
            QVERIFY(opened.isEmpty()
                    || opened.constFirst().at(0).value<Journal::OpenResult>()
                            == Journal::OpenResult::Opened);
        }
        const std::optional<JournalRun> run = readRun(path, 1);
        QVERIFY(run);
        QCOMPARE(run->urls, 3000);
        QCOMPARE(run->ok, 3000);
        QVERIFY(run->closed);
        QCOMPARE(run->wallMs, 2900);
    }

    void answersComeBackAsSignals()
    {
        const QString path = m_dir.filePath(u"b.db"_s);
        JournalWriter writer;
        QSignalSpy opened(&writer, &JournalWriter::opened);
        QSignalSpy started(&writer, &JournalWriter::runStarted);
        QSignalSpy runs(&writer, &JournalWriter::runsLoaded);
        QSignalSpy loaded(&writer, &JournalWriter::jobsLoaded);
        writer.open(path);
        const int first = writer.beginRun(u"fetch"_s, FetchMode::Pool, {}, jobs(4));
        writer.record(first, { ok(1) }, 10);
        writer.requestRuns();
        QTRY_COMPARE(runs.size(), 1);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.at(0).at(0).toInt(), first);
        const qint64 id = started.at(0).at(1).toLongLong();
        const auto list = runs.at(0).at(0).value<QList<JournalRun>>();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).ok, 1);
        QVERIFY(!list.at(0).closed); // still running

        // A later part of the same run (a restored session) adds to its wall time.
        const int again = writer.continueRun(id);
        writer.record(again, { ok(2) }, 5);
        writer.requestJobs(id);
        QTRY_COMPARE(loaded.size(), 1);
        const auto rows = loaded.at(0).at(1).value<QList<JournalJob>>();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(2).state, JournalJobState::Done);
        QCOMPARE(rows.at(3).state, JournalJobState::Pending);
        writer.deleteRun(id);
        QTRY_COMPARE(runs.size(), 2);
        QVERIFY(runs.at(1).at(0).value<QList<JournalRun>>().isEmpty());
        QVERIFY(writer.waitForIdle());
    }

    void aJournalThatCannotOpenIsSaidOnceAndIgnored()
    {
        const QString file = m_dir.filePath(u"a-file"_s);
        QFile(file).open(QIODevice::WriteOnly);
        JournalWriter writer;
        QSignalSpy opened(&writer, &JournalWriter::opened);
        writer.open(file + u"/x.db"_s); // under a file: no folder can be made there
        const int ticket = writer.beginRun(u"fetch"_s, FetchMode::Async, {}, jobs(2));
        writer.record(ticket, { ok(0) }, 1);
        QTRY_COMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).value<Journal::OpenResult>(), Journal::OpenResult::Failed);
        QVERIFY(!opened.at(0).at(1).toString().isEmpty());
        QVERIFY(writer.waitForIdle());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_JournalWriter)
#include "tst_journalwriter.moc"
