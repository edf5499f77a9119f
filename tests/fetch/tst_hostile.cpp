// Integrity under hostile input: every engine against a server that lies about framing, bombs,
// cuts and corrupts compressed bodies, redirects where it must not, and stalls or drips
// (hostileserver.h). Each row names a scenario and the one error kind it must end with; and
// whatever went wrong, no file claims a success: the folder a job saves to stays empty.

#include "enginerunner.h"
#include "fetcherrorprinting.h"
#include "hostileserver.h"
#include "testserver.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

namespace {

constexpr int StallMs = InstrumentedBuild ? 900 : 300;
constexpr qint64 MaxFileSize = 8 * 1024 * 1024;
constexpr int MaxRedirects = 5;

} // namespace

class tst_Hostile : public QObject
{
    Q_OBJECT

private:
    HostileServer m_server;
    TestServer m_https { TestServer::Scheme::Https };

    static FetchOptions hostileOptions()
    {
        FetchOptions options = localOptions();
        options.retries = 0; // one request per job: the error is the scenario's own
        options.stallTimeoutMs = StallMs;
        options.maxRedirects = MaxRedirects;
        options.maxFileSize = MaxFileSize;
        options.caCertFile = testCaFile();
        return options;
    }

    static void addColumns()
    {
        QTest::addColumn<FetchMode>("mode");
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<FetchErrorKind>("kind");
        QTest::addColumn<int>("status"); // 0: no response was accepted
        QTest::addColumn<QString>("text"); // a part of the error's text
    }

    // One row per engine.
    static void addRow(const char *name, const QUrl &url, FetchErrorKind kind, int status,
                       const QString &text = {})
    {
        for (FetchMode mode : { FetchMode::Async, FetchMode::Pool, FetchMode::Serial })
            QTest::addRow("%s, %s", name, qPrintable(fetchModeName(mode)))
                    << mode << url << kind << status << text;
    }

    QUrl url(const QString &path) const { return m_server.url(path); }

    // Runs the row's URL into a file and checks the error and that no file claims success.
    static void check()
    {
        QFETCH(FetchMode, mode);
        QFETCH(QUrl, url);
        QFETCH(FetchErrorKind, kind);
        QFETCH(int, status);
        QFETCH(QString, text);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"body.bin"_s);
        const RecordedRun run = runMode(mode, hostileOptions(), { { 0, url, path } }, 20'000);
        QVERIFY2(!run.timedOut, "the job never finished");
        QCOMPARE(run.finishedSignals, 1);
        const FetchResult &r = run.results.value(0);
        QCOMPARE(r.error.kind(), kind);
        QVERIFY2(r.error.text().contains(text), qPrintable(r.error.text()));
        QCOMPARE(r.httpStatus, status);
        QCOMPARE(r.retries, 0);
        QVERIFY(!r.isSuccess());
        QVERIFY(r.filePath.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
                 QStringList());
    }

private Q_SLOTS:
    void framing_data()
    {
        addColumns();
        using K = FetchErrorKind;
        const QString length = u"invalid Content-Length in the response"_s;
        const QString malformed = u"malformed header line in the response"_s;
        const QString coding = u"unsupported Transfer-Encoding in the response"_s;
        addRow("Content-Length longer than the body, then FIN", url(u"/truncated"_s),
               K::ConnectionClosed, 200);
        addRow("RST mid-body", url(u"/reset"_s), K::ConnectionClosed, 200);
        addRow("chunked body cut mid-chunk", url(u"/chunked-cut"_s), K::ConnectionClosed, 200);
        addRow("Transfer-Encoding: chunked, then identity", url(u"/te-chunked-identity"_s),
               K::Network, 0, coding);
        addRow("Transfer-Encoding: gzip, chunked", url(u"/te-gzip-chunked"_s), K::Network, 0,
               coding);
        addRow("Transfer-Encoding and Content-Length", url(u"/te-and-length"_s), K::Network, 0,
               u"both Transfer-Encoding and Content-Length"_s);
        addRow("Content-Length: +5", url(u"/length-plus"_s), K::Network, 0, length);
        addRow("Content-Length: 5 and a NUL", url(u"/length-nul"_s), K::Network, 0,
               u"Nul byte in header"_s); // curl's own check
        addRow("Content-Length : 5", url(u"/length-space"_s), K::Network, 0, malformed);
        addRow("Content-Length: 5, 6", url(u"/length-list"_s), K::Network, 0, length);
        addRow("Content-Length of 20 digits", url(u"/length-huge"_s), K::Network, 0, length);
        addRow("Content-Length: -1", url(u"/length-negative"_s), K::Network, 0,
               u"Invalid Content-Length"_s); // curl's own check
        addRow("chunk size 0x5", url(u"/chunk-size-hex"_s), K::Network, 200,
               u"malformed chunked body"_s);
        addRow("206 to a request without Range", url(u"/partial-unasked"_s), K::Network, 0,
               u"(206) to a request for all of it"_s);
        addRow("closed without a response", url(u"/no-response"_s), K::ConnectionClosed, 0);
        addRow("reset without a response", url(u"/reset-at-once"_s), K::ConnectionClosed, 0);
        addRow("not HTTP at all", url(u"/not-http"_s), K::Network, 0);
        addRow("5000 header lines", url(u"/header-flood"_s), K::Network, 0,
               u"the response head is larger than"_s);
        addRow("a 1 MiB header line", url(u"/huge-header"_s), K::Network, 0);
        addRow("header lines without end", url(u"/endless-head"_s), K::Network, 0,
               u"the response head is larger than"_s);
    }
    void framing() { check(); }

    void compression_data()
    {
        addColumns();
        using K = FetchErrorKind;
        const QString early = u"body ends before its compressed stream does"_s;
        addRow("gzip bomb: 1 GiB of zeros", url(u"/gzip-bomb"_s), K::TooLarge, 200,
               u"larger than %1 bytes"_s.arg(MaxFileSize));
        addRow("gzip cut in half", url(u"/gzip-half"_s), K::Network, 200, u"gzip "_s + early);
        addRow("gzip without its CRC trailer", url(u"/gzip-no-trailer"_s), K::Network, 200,
               u"gzip "_s + early);
        addRow("gzip with a wrong CRC", url(u"/gzip-bad-crc"_s), K::Network, 200);
        addRow("Content-Encoding gzip on a plain body", url(u"/gzip-garbage"_s), K::Network, 200);
        addRow("brotli cut in half", url(u"/br-half"_s), K::Network, 200, u"br "_s + early);
        addRow("zstd cut in half", url(u"/zstd-half"_s), K::Network, 200, u"zstd "_s + early);
    }
    void compression() { check(); }

    void redirects_data()
    {
        addColumns();
        using K = FetchErrorKind;
        const QString limit = u"too many redirects (more than %1)"_s.arg(MaxRedirects);
        const QString unsupported = u"redirect to an unsupported URL: "_s;
        addRow("to itself", url(u"/loop"_s), K::TooManyRedirects, 302, limit);
        addRow("between two pages", url(u"/loop-a"_s), K::TooManyRedirects, 302, limit);
        addRow("to file://", url(u"/to-file"_s), K::UnsupportedRedirect, 302,
               unsupported + u"file:///etc/passwd"_s);
        addRow("to ftp://", url(u"/to-ftp"_s), K::UnsupportedRedirect, 302, unsupported);
        addRow("to javascript:", url(u"/to-javascript"_s), K::UnsupportedRedirect, 302,
               unsupported + u"javascript:alert(1)"_s);
        addRow("to data:", url(u"/to-data"_s), K::UnsupportedRedirect, 302, unsupported);
        addRow("to http:/// (no host)", url(u"/to-no-host"_s), K::UnsupportedRedirect, 302,
               unsupported);
        addRow("Location with control characters", url(u"/location-control"_s),
               K::UnsupportedRedirect, 302, unsupported);
        addRow("Location with terminal escapes", url(u"/location-escape"_s), K::UnsupportedRedirect,
               302, unsupported);
        addRow("Location with a bare CR", url(u"/location-cr"_s), K::UnsupportedRedirect, 302,
               unsupported);
        addRow("302 without a Location", url(u"/no-location"_s), K::HttpStatus, 302, u"HTTP 302"_s);
        const QUrl downgrade = m_https.url(
                u"/redirect-to?url="_s
                + QString::fromLatin1(QUrl::toPercentEncoding(url(u"/ok"_s).toString())));
        addRow("from https:// to http://", downgrade, K::RedirectToHttp, 302,
               u"refused a redirect from HTTPS to HTTP"_s);
    }
    void redirects() { check(); }

    void timeouts_data()
    {
        addColumns();
        using K = FetchErrorKind;
        const QString stalled = u"stalled: no data for"_s;
        addRow("silence before the head", url(u"/stall-head"_s), K::Stalled, 0, stalled);
        addRow("silence after the head", url(u"/stall-body"_s), K::Stalled, 200, stalled);
        addRow("silence after half the body", url(u"/partial-stall"_s), K::Stalled, 200, stalled);
        addRow("a head dripping forever", url(u"/drip-head"_s), K::Stalled, 0, stalled);
        addRow("a body dripping slower than the stall timeout",
               url(u"/drip-body?n=3&ms=%1"_s.arg(StallMs * 2 + 100)), K::Stalled, 200, stalled);
    }
    void timeouts() { check(); }

    // The other side of the stall timeout: a body that comes a byte at a time, each well within
    // the timeout, arrives whole however long it takes in all.
    void dripWithinTheStallTimeoutArrivesWhole_data()
    {
        QTest::addColumn<FetchMode>("mode");
        QTest::newRow("async") << FetchMode::Async;
        QTest::newRow("pool") << FetchMode::Pool;
        QTest::newRow("serial") << FetchMode::Serial;
    }
    void dripWithinTheStallTimeoutArrivesWhole()
    {
        QFETCH(FetchMode, mode);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"body.bin"_s);
        constexpr int Bytes = 12;
        const QUrl dripping = url(u"/drip-body?n=%1&ms=%2"_s.arg(Bytes).arg(StallMs / 5));
        const RecordedRun run = runMode(mode, hostileOptions(), { { 0, dripping, path } }, 20'000);
        const FetchResult &r = run.results.value(0);
        QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
        QVERIFY2(r.elapsedMs() > StallMs, qPrintable(QString::number(r.elapsedMs())));
        QCOMPARE(r.filePath, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), patternBytes(0, Bytes));
    }

    // The same drip, which never trips the stall timeout, against the low-speed and max-time
    // guards (curl's --speed-limit/--speed-time and --max-time): each ends it, in every engine,
    // within a bounded time and with nothing saved.
    void slowDripsEndWithTheGuards_data()
    {
        QTest::addColumn<FetchMode>("mode");
        QTest::addColumn<bool>("maxTime");
        for (const auto &[name, mode] :
             { std::pair { "async", FetchMode::Async }, std::pair { "pool", FetchMode::Pool },
               std::pair { "serial", FetchMode::Serial } }) {
            QTest::addRow("%s, speed limit", name) << mode << false;
            QTest::addRow("%s, max time", name) << mode << true;
        }
    }
    void slowDripsEndWithTheGuards()
    {
        QFETCH(FetchMode, mode);
        QFETCH(bool, maxTime);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"body.bin"_s);
        // 200 bytes, one every StallMs / 5: 12 s or more in all, never stalled.
        const QUrl dripping = url(u"/drip-body?n=200&ms=%1"_s.arg(StallMs / 5));
        FetchOptions options = hostileOptions();
        if (maxTime) {
            options.maxTimeMs = 4 * StallMs;
        } else {
            options.speedLimit = 1000; // bytes a second; the drip sends about 3 to 17
            options.speedTimeMs = 4 * StallMs;
        }
        const RecordedRun run = runMode(mode, options, { { 0, dripping, path } }, 20'000);
        QVERIFY2(!run.timedOut, "the job never finished");
        const FetchResult &r = run.results.value(0);
        QCOMPARE(r.error.kind(), maxTime ? FetchErrorKind::TimedOut : FetchErrorKind::TooSlow);
        // Tripped at the guard's time, give or take the watchdog's quarter and the engine.
        QVERIFY2(r.elapsedMs() >= 4 * StallMs && r.elapsedMs() < 12 * StallMs,
                 qPrintable(QString::number(r.elapsedMs())));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    // A body faster than the limit, longer than its window: the guard measures and lets it be.
    void aFastEnoughBodyPassesTheSpeedLimit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"body.bin"_s);
        FetchOptions options = hostileOptions();
        options.speedLimit = 3; // bytes a second; the drip sends 10000 / StallMs: 33, or 11
        options.speedTimeMs = StallMs;
        const QUrl dripping = url(u"/drip-body?n=40&ms=%1"_s.arg(StallMs / 10)); // 4 windows
        const RecordedRun run =
                runMode(FetchMode::Async, options, { { 0, dripping, path } }, 20'000);
        const FetchResult &r = run.results.value(0);
        QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
        QCOMPARE(r.bytesReceived, 40);
    }
};

QTEST_GUILESS_MAIN(tst_Hostile)
#include "tst_hostile.moc"
