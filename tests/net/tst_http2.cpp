// HTTP/2 against a real server (nginx, see nginxserver.h): requests multiplexed on one
// connection, exact bytes of large bodies streamed side by side to files, --http1.1, a canceled
// stream that leaves the others alone, --max-filesize, and Qt's client over HTTP/2 to compare.

#include "demo/demoserver.h"
#include "enginerunner.h"
#include "fetch/asyncengine.h"
#include "nginxserver.h"
#include "testutil.h"

#include <QSet>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

namespace {

constexpr qint64 MiB = 1024 * 1024;

FetchOptions h2Options()
{
    FetchOptions options = localOptions();
    options.qtHttp = false;
    options.caCertFile = testCaFile();
    options.retries = 0;
    return options;
}

} // namespace

class tst_Http2 : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<NginxServer> m_nginx;

    QSet<QByteArray> connectionsFor(const QByteArray &marker) const
    {
        QSet<QByteArray> connections;
        for (const QByteArray &line : m_nginx->accessLog()) {
            if (line.contains(marker))
                connections.insert(line.left(line.indexOf(' ')));
        }
        return connections;
    }

private slots:
    void initTestCase()
    {
        m_nginx = std::make_unique<NginxServer>();
        if (!m_nginx->isRunning())
            QSKIP(qPrintable(u"no HTTP/2 server for this test: "_s + m_nginx->errorString()));
        QVERIFY(m_nginx->addFile(u"small.bin"_s, DemoServer::patternBytes(0, 1024)));
        QVERIFY(m_nginx->addFile(u"large.bin"_s, DemoServer::patternBytes(0, 24 * MiB)));
    }

    void manyRequestsShareOneConnection()
    {
        QList<QUrl> urls;
        for (int i = 0; i < 300; ++i)
            urls.append(m_nginx->url(u"/small.bin?multiplexed=%1"_s.arg(i)));
        FetchOptions options = h2Options();
        options.concurrency = 100;
        const RecordedRun run = runMode(FetchMode::Async, options, jobsFor(urls));
        QVERIFY(!run.timedOut);
        for (int i = 0; i < urls.size(); ++i) {
            QVERIFY2(run.results[i].isSuccess(), qPrintable(run.results[i].error.text()));
            QCOMPARE(run.results[i].httpVersion, QByteArray("2"));
            QCOMPARE(run.results[i].preview, DemoServer::patternBytes(0, 1024));
        }
        // 100 streams at a time fit in one connection (nginx allows 256).
        const QSet<QByteArray> connections = connectionsFor("multiplexed=");
        QVERIFY2(connections.size() <= 2, qPrintable(u"%1 connections"_s.arg(connections.size())));
    }

    void http11WhenAsked()
    {
        FetchOptions options = h2Options();
        options.httpVersion = HttpVersion::Http1_1;
        const RecordedRun run =
                runMode(FetchMode::Async, options, jobsFor({ m_nginx->url(u"/small.bin?h1=1"_s) }));
        QVERIFY2(run.results[0].isSuccess(), qPrintable(run.results[0].error.text()));
        QCOMPARE(run.results[0].httpVersion, QByteArray("1.1"));
        const QList<QByteArray> log = m_nginx->accessLog();
        QVERIFY(std::any_of(log.cbegin(), log.cend(), [](const QByteArray &line) {
            return line.contains("HTTP/1.1 200 /small.bin?h1=1");
        }));
    }

    void largeBodiesSideBySideToFiles_data()
    {
        QTest::addColumn<bool>("qtHttp");
        QTest::newRow("curl") << false;
        QTest::newRow("qt") << true;
    }
    void largeBodiesSideBySideToFiles()
    {
        QFETCH(bool, qtHttp);
        QTemporaryDir dir;
        QList<FetchJob> jobs;
        for (int i = 0; i < 4; ++i) {
            jobs.append({ i, m_nginx->url(u"/large.bin?side=%1"_s.arg(i)),
                          dir.filePath(u"large%1.bin"_s.arg(i)), false });
        }
        FetchOptions options = h2Options();
        options.qtHttp = qtHttp;
        const RecordedRun run = runMode(FetchMode::Async, options, jobs, 120'000);
        QVERIFY(!run.timedOut);
        const QByteArray expected = DemoServer::patternBytes(0, 24 * MiB);
        for (int i = 0; i < jobs.size(); ++i) {
            QVERIFY2(run.results[i].isSuccess(), qPrintable(run.results[i].error.text()));
            QCOMPARE(run.results[i].httpVersion, QByteArray("2"));
            QVERIFY(readFile(jobs[i].filePath) == expected);
        }
        if (!qtHttp)
            QCOMPARE(connectionsFor("side=").size(), 1);
    }

    void canceledStreamLeavesTheOthersAlone()
    {
        QTemporaryDir dir;
        QList<FetchJob> jobs;
        for (int i = 0; i < 3; ++i) {
            jobs.append({ i, m_nginx->url(u"/large.bin?cancel=%1"_s.arg(i)),
                          dir.filePath(u"c%1.bin"_s.arg(i)), false });
        }
        AsyncEngine engine(h2Options());
        bool canceled = false;
        const RecordedRun run =
                runEngine(engine, jobs, 120'000, [&](FetchEngine &e, int index, qint64 received) {
                    if (index == 0 && received > 0 && !canceled) {
                        canceled = true;
                        e.cancel(0);
                    }
                });
        QVERIFY(canceled);
        QVERIFY(run.results[0].canceled);
        QVERIFY(!QFile::exists(jobs[0].filePath));
        QVERIFY(!QFile::exists(jobs[0].filePath + u".part"_s));
        const QByteArray expected = DemoServer::patternBytes(0, 24 * MiB);
        for (int i = 1; i < 3; ++i) {
            QVERIFY2(run.results[i].isSuccess(), qPrintable(run.results[i].error.text()));
            QVERIFY(readFile(jobs[i].filePath) == expected);
        }
    }

    void maxFileSizeStopsTheStream()
    {
        QTemporaryDir dir;
        FetchOptions options = h2Options();
        options.maxFileSize = 5 * MiB;
        const FetchJob job { 0, m_nginx->url(u"/large.bin?max=1"_s), dir.filePath(u"m.bin"_s),
                             false };
        const RecordedRun run = runMode(FetchMode::Async, options, { job });
        QCOMPARE(run.results[0].error.text(), u"larger than %1 bytes"_s.arg(5 * MiB));
        QVERIFY(run.results[0].bytesReceived <= 5 * MiB);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_Http2)
#include "tst_http2.moc"
