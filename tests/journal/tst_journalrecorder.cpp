#include "journal/journal.h"
#include "journal/journalrecorder.h"
#include "journal/journalwriter.h"

#include <QElapsedTimer>
#include <QFile>
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

// The CLI's batching of an engine's results into the journal, and its promise: a batch comes
// back (to be printed) only once the journal holds it.
class tst_JournalRecorder : public QObject
{
    Q_OBJECT

private:
    JournalRun run()
    {
        m_writer->waitForIdle();
        Journal journal;
        QString message, error;
        if (journal.open(m_path, &message) != Journal::OpenResult::Opened)
            return {};
        return journal.run(1, &error).value_or(JournalRun());
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"j%1.db"_s.arg(++m_count));
        m_writer = std::make_unique<JournalWriter>();
        m_writer->open(m_path);
        QList<FetchJob> jobs;
        for (int i = 0; i < 2000; ++i)
            jobs.append({ i, QUrl(u"http://127.0.0.1:1/%1"_s.arg(i)), QString() });
        m_ticket = m_writer->beginRun(u"fetch"_s, FetchMode::Async, {}, jobs);
    }

    void cleanup() { m_writer.reset(); }

    void manyResultsGoInOneBatchAndComeBackAfter()
    {
        JournalRecorder recorder(m_writer.get(), m_ticket);
        QSignalSpy recorded(&recorder, &JournalRecorder::recorded);
        for (int i = 0; i < 2000; ++i)
            recorder.add(okResult(i));
        QCOMPARE(recorded.size(), 0); // nothing is shown before it is in the journal
        QTRY_COMPARE_WITH_TIMEOUT(recorded.size(), 1, 5000);
        QCOMPARE(recorded.at(0).at(0).value<QList<FetchResult>>().size(), 2000);
        QCOMPARE(run().ok, 2000);
    }

    void aBatchWaitsItsInterval()
    {
        JournalRecorder recorder(m_writer.get(), m_ticket);
        recorder.setBatchInterval(300);
        QSignalSpy recorded(&recorder, &JournalRecorder::recorded);
        QElapsedTimer clock;
        clock.start();
        recorder.add(okResult(0));
        QVERIFY(recorded.wait(5000));
        QVERIFY2(clock.elapsed() >= 250, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(run().ok, 1);
    }

    void aFileResultGoesAtOnceWithWhatWaited()
    {
        JournalRecorder recorder(m_writer.get(), m_ticket);
        recorder.setBatchInterval(60'000);
        QSignalSpy recorded(&recorder, &JournalRecorder::recorded);
        recorder.add(okResult(0));
        recorder.add(okResult(1));
        recorder.add(okResult(2, m_dir.filePath(u"f"_s)));
        QVERIFY(recorded.wait(5000)); // long before the 60 s interval
        QCOMPARE(recorded.at(0).at(0).value<QList<FetchResult>>().size(), 3);
        QCOMPARE(run().ok, 3);
    }

    void finishWaitsForEverything()
    {
        JournalRecorder recorder(m_writer.get(), m_ticket);
        recorder.setBatchInterval(60'000);
        QSignalSpy recorded(&recorder, &JournalRecorder::recorded);
        for (int i = 0; i < 10; ++i)
            recorder.add(okResult(i));
        QVERIFY(recorder.finish());
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(run().ok, 10);
    }

    void rowsGoOnWhenTheJournalCannotBeWritten()
    {
        JournalWriter broken;
        QSignalSpy failed(&broken, &JournalWriter::opened);
        const QString file = m_dir.filePath(u"plain-file"_s);
        QFile(file).open(QIODevice::WriteOnly);
        broken.open(file + u"/j.db"_s);
        const int ticket = broken.beginRun(u"fetch"_s, FetchMode::Async, {}, {});
        JournalRecorder recorder(&broken, ticket);
        QSignalSpy recorded(&recorder, &JournalRecorder::recorded);
        recorder.add(okResult(0));
        recorder.add(okResult(1));
        QVERIFY(recorder.finish());
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.at(0).at(0).value<QList<FetchResult>>().size(), 2);
        QCOMPARE(failed.size(), 1);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<JournalWriter> m_writer;
    int m_ticket = 0;
    int m_count = 0;
};

QTEST_GUILESS_MAIN(tst_JournalRecorder)
#include "tst_journalrecorder.moc"
