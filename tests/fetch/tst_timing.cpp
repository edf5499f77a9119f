#include "enginerunner.h"
#include "testserver.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

// The tutorial's experiments, as ratios with slack: slow pages one by one, with a pool, and on
// one event loop. Delays are scaled down from the tutorial's 1-2 s to keep the suite quick.
class tst_Timing : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;

    QList<QUrl> delayed(int count, int ms)
    {
        QList<QUrl> urls;
        for (int i = 0; i < count; ++i)
            urls.append(m_server.url(u"/delay/%1?page=%2"_s.arg(ms).arg(i)));
        return urls;
    }

    static QByteArray describe(const RecordedRun &run)
    {
        return QByteArray::number(run.wallMs) + " ms";
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Warm up: the first connection pays for process-wide setup.
        runMode(FetchMode::Async, localOptions(), jobsFor(delayed(1, 1)));
    }

    // 3 pages of one delay each: serial takes about 3 delays, async about one.
    void threePagesSerialVersusAsync()
    {
        constexpr int Delay = 300;
        const QList<FetchJob> jobs = jobsFor(delayed(3, Delay));
        const RecordedRun serial = runMode(FetchMode::Serial, localOptions(), jobs);
        const RecordedRun async = runMode(FetchMode::Async, localOptions(), jobs);
        QCOMPARE(serial.results.size(), 3);
        QCOMPARE(async.results.size(), 3);
        QVERIFY2(serial.wallMs >= 3 * Delay - 10 && serial.wallMs < 3 * Delay * 1.6,
                 describe(serial));
        QVERIFY2(async.wallMs >= Delay - 10 && async.wallMs < Delay * 1.6, describe(async));
        const double ratio = double(serial.wallMs) / async.wallMs;
        QVERIFY2(ratio > 2.2 && ratio < 3.5, qPrintable(QString::number(ratio)));
    }

    // The tutorial's pool: 4 jobs of 2 delays with 4 workers take about one job's time.
    void poolOfFourRunsFourJobsAtOnce()
    {
        constexpr int JobMs = 600;
        FetchOptions options = localOptions();
        options.threads = 4;
        const RecordedRun pool = runMode(FetchMode::Pool, options, jobsFor(delayed(4, JobMs)));
        QCOMPARE(pool.results.size(), 4);
        QVERIFY2(pool.wallMs >= JobMs - 10 && pool.wallMs < JobMs * 1.5, describe(pool));
        // ...and 8 jobs need two rounds.
        const RecordedRun twice = runMode(FetchMode::Pool, options, jobsFor(delayed(8, JobMs / 2)));
        QVERIFY2(twice.wallMs >= JobMs - 10 && twice.wallMs < JobMs * 1.6, describe(twice));
    }

    // One QNetworkAccessManager stops at 6 connections per host; the async engine must not:
    // 60 delayed requests to one host finish in about one delay, not ten.
    void sixtyRequestsToOneHostTakeOneDelay()
    {
        constexpr int Delay = 500;
        const RecordedRun run =
                runMode(FetchMode::Async, localOptions(), jobsFor(delayed(60, Delay)));
        QCOMPARE(run.results.size(), 60);
        for (const FetchResult &r : run.results)
            QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
        QVERIFY2(run.wallMs < Delay * 1.6, describe(run));
    }

    // The concurrency setting is the number in flight: 60 requests, 10 at a time, take 6 delays.
    void concurrencyLimitHolds()
    {
        constexpr int Delay = 150;
        FetchOptions options = localOptions();
        options.concurrency = 10;
        const RecordedRun run = runMode(FetchMode::Async, options, jobsFor(delayed(60, Delay)));
        QCOMPARE(run.results.size(), 60);
        QVERIFY2(run.wallMs >= 6 * Delay - 10 && run.wallMs < 6 * Delay * 1.7, describe(run));
        for (const FetchResult &a : run.results) {
            int overlapping = 0;
            for (const FetchResult &b : run.results) {
                if (b.startedMs <= a.startedMs && a.startedMs < b.finishedMs)
                    ++overlapping;
            }
            QVERIFY(overlapping <= 10);
        }
    }
};

QTEST_GUILESS_MAIN(tst_Timing)
#include "tst_timing.moc"
