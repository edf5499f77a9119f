#include "demo/demoserver.h"
#include "enginerunner.h"
#include "fetch/asyncengine.h"
#include "fetch/blockingengine.h"
#include "testserver.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

// The behaviour every engine shares, checked for async, pool and serial alike.
class tst_Engines : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;

    static void addModes()
    {
        QTest::addColumn<FetchMode>("mode");
        QTest::newRow("async") << FetchMode::Async;
        QTest::newRow("pool") << FetchMode::Pool;
        QTest::newRow("serial") << FetchMode::Serial;
    }

private Q_SLOTS:
    void mixedListGivesTheSameOutcomesInEveryEngine()
    {
        const QList<QUrl> urls = {
            m_server.url(u"/bytes/1000"_s),   m_server.url(u"/status/404"_s),
            m_server.url(u"/status/500"_s),   m_server.url(u"/redirect/3"_s),
            m_server.url(u"/chunked/5000"_s), m_server.url(u"/drop/1000"_s),
            m_server.url(u"/stall"_s),        m_server.url(u"/flaky/1?key=mixed"_s),
        };
        FetchOptions options = localOptions();
        options.retries = 1;
        options.stallTimeoutMs = 400;

        QHash<FetchMode, RecordedRun> runs;
        for (FetchMode mode : { FetchMode::Async, FetchMode::Pool, FetchMode::Serial }) {
            m_server.server().resetFlakyCounters();
            const RecordedRun run = runMode(mode, options, jobsFor(urls));
            QVERIFY2(!run.timedOut, qPrintable(fetchModeName(mode)));
            QCOMPARE(run.finishedSignals, 1);
            QCOMPARE(run.results.size(), urls.size());
            runs.insert(mode, run);
        }

        for (auto it = runs.cbegin(); it != runs.cend(); ++it) {
            const QString mode = fetchModeName(it.key());
            const auto &r = it->results;
            auto ctx = [&](int i) { return qPrintable(mode + u": "_s + r[i].error.text()); };

            QVERIFY2(r[0].isSuccess(), ctx(0));
            QCOMPARE(r[0].httpStatus, 200);
            QCOMPARE(r[0].bytesReceived, 1000);
            QCOMPARE(r[0].contentLength, 1000);
            QCOMPARE(r[0].preview, DemoServer::patternBytes(0, 1000));

            QCOMPARE(r[1].httpStatus, 404);
            QVERIFY(!r[1].isSuccess());
            QVERIFY2(r[1].error == FetchError::httpStatus(404, r[1].reasonPhrase), ctx(1));
            QCOMPARE(r[1].retries, 0); // 4xx is final

            QCOMPARE(r[2].httpStatus, 500);
            QCOMPARE(r[2].retries, 1); // 5xx is retried
            QVERIFY2(r[2].error == FetchError::httpStatus(500, r[2].reasonPhrase), ctx(2));

            QVERIFY2(r[3].isSuccess(), ctx(3));
            QCOMPARE(r[3].url, urls[3]);
            QCOMPARE(r[3].finalUrl, m_server.url(u"/redirect/0"_s));

            QVERIFY2(r[4].isSuccess(), ctx(4));
            QCOMPARE(r[4].bytesReceived, 5000);
            QCOMPARE(r[4].contentLength, -1);
            QCOMPARE(r[4].preview, DemoServer::patternBytes(0, 5000));

            QVERIFY2(!r[5].isSuccess(), ctx(5));
            QVERIFY2(!r[5].error.isEmpty(), ctx(5));
            QCOMPARE(r[5].retries, 1);

            QVERIFY2(r[6].error.kind() == FetchErrorKind::Stalled, ctx(6));
            QCOMPARE(r[6].retries, 1);

            QVERIFY2(r[7].isSuccess(), ctx(7));
            QCOMPARE(r[7].retries, 1);

            for (const FetchResult &result : r) {
                QVERIFY(result.startedMs >= 0);
                QVERIFY(result.finishedMs >= result.startedMs);
                QVERIFY(result.finishedMs <= it->wallMs + 50);
            }
        }
        // The same outcome, URL by URL, whatever the engine.
        for (int i = 0; i < urls.size(); ++i) {
            const FetchResult &a = runs[FetchMode::Async].results[i];
            for (FetchMode mode : { FetchMode::Pool, FetchMode::Serial }) {
                const FetchResult &b = runs[mode].results[i];
                QCOMPARE(b.httpStatus, a.httpStatus);
                QCOMPARE(b.isSuccess(), a.isSuccess());
                QCOMPARE(b.retries, a.retries);
                QCOMPARE(b.finalUrl, a.finalUrl);
                if (a.isSuccess())
                    QCOMPARE(b.bytesReceived, a.bytesReceived);
            }
        }
    }

    void bodiesAreExactAndProgressIsMonotone_data() { addModes(); }
    void bodiesAreExactAndProgressIsMonotone()
    {
        QFETCH(FetchMode, mode);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        constexpr qint64 Size = 3 * 1024 * 1024 + 17;
        QList<FetchJob> jobs = {
            { 0, m_server.url(u"/bytes/%1"_s.arg(Size)), dir.filePath(u"bytes.bin"_s) },
            { 1, m_server.url(u"/chunked/%1"_s.arg(Size)), dir.filePath(u"chunked.bin"_s) },
        };
        FetchOptions options = localOptions();
        options.previewBytes = 4096;
        const RecordedRun run = runMode(mode, options, jobs);
        QVERIFY(!run.timedOut);
        const QByteArray expected = DemoServer::patternBytes(0, Size);
        for (const FetchJob &job : jobs) {
            const FetchResult &r = run.results[job.index];
            QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
            QCOMPARE(r.bytesReceived, Size);
            QCOMPARE(r.filePath, job.filePath);
            QCOMPARE(r.preview, expected.left(4096));
            QVERIFY(readFile(job.filePath) == expected);
            QVERIFY(!QFile::exists(job.filePath + u".part"_s));

            const auto &progress = run.progress[job.index];
            QVERIFY(!progress.isEmpty());
            for (qsizetype i = 1; i < progress.size(); ++i)
                QVERIFY(progress[i].first >= progress[i - 1].first);
            QCOMPARE(progress.constLast().first, Size);
            QCOMPARE(progress.constLast().second, Size);
        }
        // /bytes announces its size, /chunked cannot.
        QCOMPARE(run.results[0].contentLength, Size);
        QCOMPARE(run.results[1].contentLength, -1);
    }

    void cancelMidTransferLeavesNoFile_data() { addModes(); }
    void cancelMidTransferLeavesNoFile()
    {
        QFETCH(FetchMode, mode);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"huge.bin"_s);
        // Far more than loopback moves in the test's lifetime.
        const QList<FetchJob> jobs = { { 0, m_server.url(u"/bytes/60000000000"_s), path } };
        std::unique_ptr<FetchEngine> engine = FetchEngine::create(mode, localOptions());
        bool canceled = false;
        const RecordedRun run =
                runEngine(*engine, jobs, 60'000, [&](FetchEngine &e, int index, qint64 received) {
                    if (!canceled && received > 4 * 1024 * 1024) {
                        canceled = true;
                        QVERIFY(QFile::exists(path + u".part"_s));
                        e.cancel(index);
                    }
                });
        QVERIFY(canceled);
        QVERIFY(!run.timedOut);
        const FetchResult &r = run.results[0];
        QVERIFY(r.canceled);
        QCOMPARE(r.error.kind(), FetchErrorKind::Canceled);
        QVERIFY(!r.isSuccess());
        QVERIFY(r.filePath.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }

    void cancelAllFinishesQueuedAndRunningJobs_data() { addModes(); }
    void cancelAllFinishesQueuedAndRunningJobs()
    {
        QFETCH(FetchMode, mode);
        FetchOptions options = localOptions();
        options.concurrency = 2;
        options.threads = 2;
        QList<QUrl> urls;
        for (int i = 0; i < 6; ++i)
            urls.append(m_server.url(u"/stall?n=%1"_s.arg(i)));
        std::unique_ptr<FetchEngine> engine = FetchEngine::create(mode, options);
        QTimer::singleShot(300, engine.get(), [&] { engine->cancelAll(); });
        const RecordedRun run = runEngine(*engine, jobsFor(urls), 10'000);
        QVERIFY(!run.timedOut);
        QCOMPARE(run.finishedSignals, 1);
        QCOMPARE(run.results.size(), 6);
        for (const FetchResult &r : run.results) {
            QVERIFY(r.canceled);
            QCOMPARE(r.httpStatus == 0 || r.httpStatus == 200, true);
        }
        QVERIFY(run.wallMs < 3000);
        QVERIFY(!engine->isRunning());
    }

    void stallTimeoutAbortsASilentServer_data() { addModes(); }
    void stallTimeoutAbortsASilentServer()
    {
        QFETCH(FetchMode, mode);
        FetchOptions options = localOptions();
        options.stallTimeoutMs = 300;
        options.retries = 0;
        const RecordedRun run = runMode(mode, options, jobsFor({ m_server.url(u"/stall"_s) }));
        const FetchResult &r = run.results[0];
        QCOMPARE(r.error.kind(), FetchErrorKind::Stalled);
        QCOMPARE(r.httpStatus, 200); // the headers came, the body never did
        QVERIFY2(r.elapsedMs() >= 290 && r.elapsedMs() < 3000,
                 qPrintable(QString::number(r.elapsedMs())));
    }

    void retriesThenSuccess_data() { addModes(); }
    void retriesThenSuccess()
    {
        QFETCH(FetchMode, mode);
        FetchOptions options = localOptions();
        options.retries = 2;
        options.retryBaseDelayMs = 100;
        const QString key = fetchModeName(mode);
        const RecordedRun run = runMode(mode, options,
                                        jobsFor({ m_server.url(u"/flaky/2?key=retry-"_s + key),
                                                  m_server.url(u"/flaky/3?key=giveup-"_s + key) }));
        const FetchResult &ok = run.results[0];
        QVERIFY2(ok.isSuccess(), qPrintable(ok.error.text()));
        QCOMPARE(ok.retries, 2);
        QVERIFY2(ok.elapsedMs() >= 280, qPrintable(QString::number(ok.elapsedMs()))); // 100 + 200
        const FetchResult &failed = run.results[1];
        QCOMPARE(failed.httpStatus, 503);
        QCOMPARE(failed.retries, 2);
        QVERIFY(!failed.isSuccess());
    }

    void retryAfterIsHonoured_data() { addModes(); }
    void retryAfterIsHonoured()
    {
        QFETCH(FetchMode, mode);
        FetchOptions options = localOptions();
        options.retries = 1;
        options.retryBaseDelayMs = 10;
        const RecordedRun run = runMode(mode, options,
                                        jobsFor({ m_server.url(u"/flaky/1?retry_after=1&key=ra-"_s
                                                               + fetchModeName(mode)) }));
        const FetchResult &r = run.results[0];
        QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
        QCOMPARE(r.retries, 1);
        QVERIFY2(r.elapsedMs() >= 950, qPrintable(QString::number(r.elapsedMs())));
    }

    void redirectLimit_data() { addModes(); }
    void redirectLimit()
    {
        QFETCH(FetchMode, mode);
        FetchOptions options = localOptions();
        options.maxRedirects = 3;
        const RecordedRun run = runMode(
                mode, options,
                jobsFor({ m_server.url(u"/redirect/3"_s), m_server.url(u"/redirect/4"_s) }));
        QVERIFY2(run.results[0].isSuccess(), qPrintable(run.results[0].error.text()));
        QCOMPARE(run.results[0].finalUrl, m_server.url(u"/redirect/0"_s));
        QVERIFY(!run.results[1].isSuccess());
        QCOMPARE(run.results[1].error.kind(), FetchErrorKind::TooManyRedirects);
        QCOMPARE(run.results[1].retries, 0);
    }

    void connectionRefusedIsRetriedThenReported_data() { addModes(); }
    void connectionRefusedIsRetriedThenReported()
    {
        QFETCH(FetchMode, mode);
        const quint16 port = freePort();
        FetchOptions options = localOptions();
        options.retries = 2;
        options.retryBaseDelayMs = 20;
        const RecordedRun run =
                runMode(mode, options, jobsFor({ QUrl(u"http://127.0.0.1:%1/"_s.arg(port)) }));
        const FetchResult &r = run.results[0];
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.retries, 2);
        QCOMPARE(r.error.kind(), FetchErrorKind::ConnectionRefused);
    }

    void perHostLimitHolds_data() { addModes(); }
    void perHostLimitHolds()
    {
        QFETCH(FetchMode, mode);
        if (mode == FetchMode::Serial)
            QSKIP("one at a time anyway");
        FetchOptions options = localOptions();
        options.perHostLimit = 2;
        options.threads = 6;
        QList<QUrl> urls;
        for (int i = 0; i < 6; ++i)
            urls.append(m_server.url(u"/delay/200?n=%1"_s.arg(i)));
        const RecordedRun run = runMode(mode, options, jobsFor(urls));
        // At no moment more than two requests were in flight.
        for (const FetchResult &a : run.results) {
            int overlapping = 0;
            for (const FetchResult &b : run.results) {
                if (b.startedMs <= a.startedMs && a.startedMs < b.finishedMs)
                    ++overlapping;
            }
            QVERIFY2(overlapping <= 2, qPrintable(QString::number(overlapping)));
        }
        QVERIFY2(run.wallMs >= 550, qPrintable(QString::number(run.wallMs)));
    }

    void requestHeaders_data() { addModes(); }
    void requestHeaders()
    {
        QFETCH(FetchMode, mode);
        FetchOptions options = localOptions();
        RecordedRun run = runMode(mode, options, jobsFor({ m_server.url(u"/headers"_s) }));
        QByteArray echoed = run.results[0].preview;
        QVERIFY2(echoed.contains(QByteArray("User-Agent: " + defaultUserAgent() + "\n")),
                 echoed.constData());
        QVERIFY(defaultUserAgent().contains("Chrome/84.0.4147.89")); // the tutorial's

        options.userAgent = "qcrawl-test/1.0";
        QVERIFY(options.addHeader(u"X-Token: secret value"_s));
        QVERIFY(!options.addHeader(u"no colon here"_s));
        QVERIFY(!options.addHeader(u"Bad Name: x"_s));
        run = runMode(mode, options, jobsFor({ m_server.url(u"/headers"_s) }));
        echoed = run.results[0].preview;
        QVERIFY2(echoed.contains("User-Agent: qcrawl-test/1.0\n"), echoed.constData());
        QVERIFY2(echoed.contains("X-Token: secret value\n"), echoed.constData());
    }

    // As curl since 7.83: Authorization, Cookie and Proxy-Authorization given with -H go to the
    // job's own origin only; a redirect to another host (localhost is not 127.0.0.1) or port
    // drops them, and other headers still go.
    void credentialsStayWithTheOrigin_data() { addModes(); }
    void credentialsStayWithTheOrigin()
    {
        QFETCH(FetchMode, mode);
        FetchOptions options = localOptions();
        QVERIFY(options.addHeader(u"Authorization: Bearer secret"_s));
        QVERIFY(options.addHeader(u"Cookie: session=secret"_s));
        QVERIFY(options.addHeader(u"X-Plain: kept"_s));
        QUrl otherHost = m_server.url(u"/headers"_s);
        otherHost.setHost(u"localhost"_s);
        const auto via = [this](const QUrl &target) {
            return m_server.url(u"/redirect-to?url="_s
                                + QString::fromLatin1(QUrl::toPercentEncoding(target.toString())));
        };
        const RecordedRun run = runMode(mode, options,
                                        jobsFor({ via(m_server.url(u"/headers"_s)), via(otherHost),
                                                  m_server.url(u"/headers"_s) }));
        for (int i = 0; i < 3; ++i)
            QVERIFY2(run.results[i].isSuccess(), qPrintable(run.results[i].error.text()));
        const QByteArray sameOrigin = run.results[0].preview;
        const QByteArray crossOrigin = run.results[1].preview;
        QVERIFY2(sameOrigin.contains("Authorization: Bearer secret\n"), sameOrigin.constData());
        QVERIFY2(sameOrigin.contains("Cookie: session=secret\n"), sameOrigin.constData());
        QCOMPARE(run.results[1].finalUrl, otherHost);
        QVERIFY2(!crossOrigin.contains("secret"), crossOrigin.constData());
        QVERIFY2(crossOrigin.contains("X-Plain: kept\n"), crossOrigin.constData());
        QVERIFY(run.results[2].preview.contains("Authorization: Bearer secret\n"));
    }

    // --max-filesize: a body over the limit fails with the limit in the message, keeps no file
    // and is not retried, whether its length is announced (Content-Length) or not (chunked).
    void maxFileSizeRefusesLargerBodies_data() { addModes(); }
    void maxFileSizeRefusesLargerBodies()
    {
        QFETCH(FetchMode, mode);
        QTemporaryDir dir;
        FetchOptions options = localOptions();
        options.maxFileSize = 100'000;
        QList<FetchJob> jobs;
        const QStringList paths = { u"/bytes/100001"_s, u"/chunked/3000000"_s, u"/bytes/100000"_s,
                                    u"/chunked/100000"_s };
        for (const QString &path : paths)
            jobs.append({ int(jobs.size()), m_server.url(path),
                          dir.filePath(u"f%1"_s.arg(jobs.size())), false });
        const RecordedRun run = runMode(mode, options, jobs);
        for (int i : { 0, 1 }) {
            QCOMPARE(run.results[i].error.text(), u"larger than 100000 bytes"_s);
            QCOMPARE(run.results[i].retries, 0);
            QVERIFY(run.results[i].bytesReceived <= 100'000);
            QVERIFY(!QFile::exists(jobs[i].filePath));
            QVERIFY(!QFile::exists(jobs[i].filePath + u".part"_s));
        }
        for (int i : { 2, 3 }) {
            QVERIFY2(run.results[i].isSuccess(), qPrintable(run.results[i].error.text()));
            QCOMPARE(QFileInfo(jobs[i].filePath).size(), 100'000);
        }
    }

    void explicitProxyIsUsed_data() { addModes(); }
    void explicitProxyIsUsed()
    {
        QFETCH(FetchMode, mode);
        FetchOptions options = localOptions();
        // The demo server answers absolute-form requests, so it stands in for a proxy here: a
        // host that does not resolve can only be reached through it.
        QVERIFY(options.setProxy(m_server.baseUrl().toString()));
        QCOMPARE(options.proxyMode, FetchOptions::ProxyMode::Explicit);
        const RecordedRun run =
                runMode(mode, options, jobsFor({ QUrl(u"http://proxied.invalid/bytes/10"_s) }));
        QVERIFY2(run.results[0].isSuccess(), qPrintable(run.results[0].error.text()));
        QCOMPARE(run.results[0].preview, DemoServer::patternBytes(0, 10));

        QVERIFY(options.setProxy(u"none"_s));
        QCOMPARE(options.proxyMode, FetchOptions::ProxyMode::None);
        QVERIFY(!options.setProxy(u"ftp://x:1"_s));
    }

    void resumeContinuesAPartialFile_data() { addModes(); }
    void resumeContinuesAPartialFile()
    {
        QFETCH(FetchMode, mode);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"video.mp4"_s);
        constexpr qint64 Size = 200'000;
        const QByteArray expected = DemoServer::patternBytes(0, Size);

        // 1. A download cut mid-way keeps its .part when the job is resumable.
        FetchOptions options = localOptions();
        options.retries = 0;
        FetchJob job { 0, m_server.url(u"/drop/%1"_s.arg(Size / 2)), path, true };
        RecordedRun run = runMode(mode, options, { job });
        QVERIFY(!run.results[0].isSuccess());
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QFileInfo(path + u".part"_s).size(), Size / 2);

        // 2. Resumed with a Range request: 206, only the rest travels, identical bytes.
        job.url = m_server.url(u"/bytes/%1"_s.arg(Size));
        run = runMode(mode, options, { job });
        const FetchResult &r = run.results[0];
        QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
        QCOMPARE(r.httpStatus, 206);
        QCOMPARE(r.resumedFrom, Size / 2);
        QCOMPARE(r.bytesReceived, Size / 2);
        QVERIFY(readFile(path) == expected);
        QVERIFY(!QFile::exists(path + u".part"_s));
        QCOMPARE(run.progress[0].constLast(), qMakePair(Size, Size));
    }

    void resumeStartsOverWhenTheServerIgnoresRange_data() { addModes(); }
    void resumeStartsOverWhenTheServerIgnoresRange()
    {
        QFETCH(FetchMode, mode);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        QFile part(path + u".part"_s);
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(QByteArray(777, 'x'));
        part.close();
        // /chunked ignores Range and answers 200 with the whole body.
        const RecordedRun run = runMode(mode, localOptions(),
                                        { { 0, m_server.url(u"/chunked/5000"_s), path, true } });
        QVERIFY2(run.results[0].isSuccess(), qPrintable(run.results[0].error.text()));
        QCOMPARE(run.results[0].httpStatus, 200);
        QCOMPARE(run.results[0].resumedFrom, 0);
        QVERIFY(readFile(path) == DemoServer::patternBytes(0, 5000));
    }

    // A .part that is a link (planted after the name was planned, or left by another program) is
    // neither resumed from, nor written through, nor replaced: the job fails, saying why, and the
    // file it points to, outside the folder, stays as it was.
    void neverWritesThroughALinkedPart_data()
    {
        QTest::addColumn<bool>("resume");
        QTest::newRow("resuming") << true;
        QTest::newRow("from the start") << false;
    }
    void neverWritesThroughALinkedPart()
    {
        QFETCH(bool, resume);
        QTemporaryDir dir;
        QTemporaryDir outside;
        const QString target = outside.filePath(u"victim"_s);
        QFile victim(target);
        QVERIFY(victim.open(QIODevice::WriteOnly));
        victim.write(DemoServer::patternBytes(0, 1000));
        victim.close();
        const QString path = dir.filePath(u"file.bin"_s);
        QVERIFY(QFile::link(target, path + u".part"_s));
        const RecordedRun run = runMode(FetchMode::Async, localOptions(),
                                        { { 0, m_server.url(u"/bytes/5000"_s), path, resume } });
        const FetchResult &r = run.results[0];
        QCOMPARE(r.error,
                 FetchError(FetchErrorKind::CannotWrite,
                            { path + u".part"_s,
                              u"it is a symbolic link, which is never followed"_s }));
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(QFileInfo(path + u".part"_s).symLinkTarget(), target);
        QCOMPARE(readFile(target), DemoServer::patternBytes(0, 1000));
    }

    void resumeOfACompleteFileStartsOver()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        QFile part(path + u".part"_s);
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(DemoServer::patternBytes(0, 6000)); // longer than the file: 416
        part.close();
        const RecordedRun run = runMode(FetchMode::Async, localOptions(),
                                        { { 0, m_server.url(u"/bytes/5000"_s), path, true } });
        QVERIFY2(run.results[0].isSuccess(), qPrintable(run.results[0].error.text()));
        QVERIFY(readFile(path) == DemoServer::patternBytes(0, 5000));
    }

    void serialKeepsInputOrder()
    {
        QList<QUrl> urls;
        for (int i = 0; i < 5; ++i)
            urls.append(m_server.url(u"/delay/%1"_s.arg(50 - i * 10)));
        const RecordedRun run = runMode(FetchMode::Serial, localOptions(), jobsFor(urls));
        QCOMPARE(run.finishOrder, QList<int>({ 0, 1, 2, 3, 4 }));
        QCOMPARE(run.startOrder, QList<int>({ 0, 1, 2, 3, 4 }));
    }

    void emptyListFinishesAtOnce_data() { addModes(); }
    void emptyListFinishesAtOnce()
    {
        QFETCH(FetchMode, mode);
        const RecordedRun run = runMode(mode, localOptions(), {}, 2000);
        QVERIFY(!run.timedOut);
        QCOMPARE(run.finishedSignals, 1);
        QVERIFY(run.results.isEmpty());
    }

    void engineCanBeDestroyedMidRun_data() { addModes(); }
    void engineCanBeDestroyedMidRun()
    {
        QFETCH(FetchMode, mode);
        QTemporaryDir dir;
        QList<FetchJob> jobs;
        for (int i = 0; i < 4; ++i)
            jobs.append({ i, m_server.url(u"/bytes/60000000000?n=%1"_s.arg(i)),
                          dir.filePath(u"f%1"_s.arg(i)) });
        {
            std::unique_ptr<FetchEngine> engine = FetchEngine::create(mode, localOptions());
            QSignalSpy progress(engine.get(), &FetchEngine::jobProgress);
            engine->start(jobs);
            QVERIFY(progress.wait(10'000));
        }
        QTRY_COMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }

    void asyncSpreadsRequestsOverLanes()
    {
        FetchOptions options = localOptions();
        options.concurrency = 100;
        AsyncEngine engine(options);
        QList<QUrl> urls;
        for (int i = 0; i < 3; ++i)
            urls.append(m_server.url(u"/delay/10?n=%1"_s.arg(i)));
        runEngine(engine, jobsFor(urls));
        // Qt's client opens at most 6 connections per host per manager: ceil(100 / 6) of them.
        // libcurl's one multi handle has no such limit.
        QCOMPARE(engine.laneCount(), options.qtHttp ? 17 : 1);
    }
};

QTEST_GUILESS_MAIN(tst_Engines)
#include "tst_engines.moc"
