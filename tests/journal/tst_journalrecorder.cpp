#include "journal/journal.h"
#include "journal/journalrecorder.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

namespace {

FetchResult okResult(int index, const QString &file = {})
{
    FetchResult r;
    r.index = index;
    r.url = QUrl(u"http://127.0.0.1:1/%1"_s.arg(index));
    r.httpStatus = 200;
    r.filePath = file;
    return r;
}

} // namespace

class tst_JournalRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_journal = std::make_unique<Journal>();
        QString message, error;
        QCOMPARE(m_journal->open(m_dir.filePath(u"j%1.db"_s).arg(++m_count), &message),
                 Journal::OpenResult::Opened);
        QList<FetchJob> jobs;
        for (int i = 0; i < 2000; ++i)
            jobs.append({ i, QUrl(u"http://127.0.0.1:1/%1"_s.arg(i)) });
        m_run = m_journal->createRun(u"fetch"_s, FetchMode::Async, {}, jobs, &error);
        QVERIFY2(m_run > 0, qPrintable(error));
    }

    void manyResultsGoInAFewBatches()
    {
        JournalRecorder recorder(m_journal.get(), m_run);
        QSignalSpy recorded(&recorder, &JournalRecorder::recorded);
        for (int i = 0; i < 2000; ++i)
            recorder.add(okResult(i));
        QCOMPARE(recorded.size(), 0); // nothing is shown before it is in the journal
        QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, 5000);
        QCOMPARE(recorded.at(0).at(0).value<QList<FetchResult>>().size(), 2000);
        QString error;
        QCOMPARE(m_journal->run(m_run, &error)->ok, 2000);
    }

    void aBatchWaitsItsInterval()
    {
        JournalRecorder recorder(m_journal.get(), m_run);
        recorder.setBatchInterval(300);
        QSignalSpy recorded(&recorder, &JournalRecorder::recorded);
        QElapsedTimer clock;
        clock.start();
        recorder.add(okResult(0));
        QVERIFY(recorded.wait(5000));
        QVERIFY2(clock.elapsed() >= 250, qPrintable(QString::number(clock.elapsed())));
        QString error;
        QCOMPARE(m_journal->run(m_run, &error)->ok, 1);
    }

    void aFileResultGoesInAtOnceWithWhatWaited()
    {
        JournalRecorder recorder(m_journal.get(), m_run);
        recorder.setBatchInterval(60'000);
        QSignalSpy recorded(&recorder, &JournalRecorder::recorded);
        recorder.add(okResult(0));
        recorder.add(okResult(1));
        QCOMPARE(recorded.size(), 0);
        recorder.add(okResult(2, m_dir.filePath(u"f"_s)));
        QCOMPARE(recorded.size(), 1); // synchronously: the file is in place already
        QCOMPARE(recorded.at(0).at(0).value<QList<FetchResult>>().size(), 3);
        QString error;
        QCOMPARE(m_journal->run(m_run, &error)->ok, 3);
    }

    void flushWritesWhatWaits()
    {
        JournalRecorder recorder(m_journal.get(), m_run, 5000);
        recorder.setBatchInterval(60'000);
        recorder.add(okResult(5));
        recorder.flush();
        QString error;
        const std::optional<JournalRun> run = m_journal->run(m_run, &error);
        QCOMPARE(run->ok, 1);
        QVERIFY(run->wallMs >= 5000); // continues from the base a resume gives
    }

    void aJournalThatCannotBeWrittenStillPassesRowsOn()
    {
        m_journal.reset(new Journal); // closed: every write fails
        JournalRecorder broken(m_journal.get(), m_run);
        QSignalSpy brokenFailed(&broken, &JournalRecorder::writeFailed);
        QSignalSpy brokenRecorded(&broken, &JournalRecorder::recorded);
        broken.add(okResult(0));
        broken.flush();
        broken.add(okResult(1));
        broken.flush();
        QCOMPARE(brokenFailed.size(), 1); // said once
        QCOMPARE(brokenRecorded.size(), 2); // rows go on
        QVERIFY(broken.hasFailed());
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Journal> m_journal;
    qint64 m_run = 0;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(tst_JournalRecorder)
#include "tst_journalrecorder.moc"
