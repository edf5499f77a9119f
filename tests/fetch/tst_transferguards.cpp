#include "enginerunner.h"
#include "fetch/fetchengine.h"
#include "fetch/partfile.h"
#include "fetcherrorprinting.h"
#include "scriptserver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

// Transfer's guards, each against a server scripted to trip it, each checked by its error kind
// (not just "some error"): the mutation audit of issue 20 found these survived every other test.
class tst_TransferGuards : public QObject
{
    Q_OBJECT

private:
    static FetchOptions options(bool qtHttp = false)
    {
        FetchOptions o = localOptions();
        o.retries = 0;
        o.qtHttp = qtHttp;
        return o;
    }

    static FetchResult fetchOne(const FetchOptions &o, const FetchJob &job)
    {
        const RecordedRun run = runMode(FetchMode::Async, o, { job }, 30'000);
        return run.results.value(0);
    }

    static void addClients()
    {
        QTest::addColumn<bool>("qtHttp");
        QTest::newRow("libcurl") << false;
        QTest::newRow("qt") << true;
    }

private Q_SLOTS:
    void redirectToAnotherSchemeIsRefused_data() { addClients(); }
    void redirectToAnotherSchemeIsRefused()
    {
        QFETCH(bool, qtHttp);
        for (const QByteArray &location :
             { QByteArray("ftp://127.0.0.1/file"), QByteArray("file:///etc/passwd") }) {
            ScriptServer server;
            server.script(respond("HTTP/1.1 302 Found\r\nLocation: " + location
                                  + "\r\nContent-Length: 0\r\n\r\n"));
            const FetchResult r = fetchOne(options(qtHttp), { 0, server.url(u"/a"_s), QString() });
            QCOMPARE(r.error.kind(), FetchErrorKind::UnsupportedRedirect);
            QCOMPARE(r.error.argument(0), QString::fromLatin1(location));
            QCOMPARE(server.requests().size(), 1);
        }
    }

    // A 206 that starts anywhere but where the .part ends would splice two offsets: refused,
    // and the .part dropped so the next attempt starts over.
    void resumeAtTheWrongOffsetIsRefused_data() { addClients(); }
    void resumeAtTheWrongOffsetIsRefused()
    {
        QFETCH(bool, qtHttp);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        QFile part(PartFile::pathFor(path));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(patternBytes(0, 100));
        part.close();
        ScriptServer server;
        const QByteArray body = patternBytes(50, 50);
        server.script(respond("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 50-99/100\r\n"
                              "Content-Length: 50\r\n\r\n"
                              + body));
        const FetchResult r = fetchOne(options(qtHttp), { 0, server.url(u"/f"_s), path, true });
        QCOMPARE(server.requestFor("/f").header("Range"), QByteArray("bytes=100-"));
        QCOMPARE(r.error.kind(), FetchErrorKind::WrongResumeOffset);
        QCOMPARE(r.error.argument(0), u"bytes 50-99/100"_s);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(PartFile::pathFor(path)));
    }

    // Content-Length 100, 50 bytes, then the server closes: an error, and never a file.
    void aShortBodyIsIncomplete_data() { addClients(); }
    void aShortBodyIsIncomplete()
    {
        QFETCH(bool, qtHttp);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        ScriptServer server;
        server.script(
                respond("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + patternBytes(0, 50))
                        .thenClose());
        const FetchResult r = fetchOne(options(qtHttp), { 0, server.url(u"/f"_s), path });
        QVERIFY(!r.isSuccess());
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(PartFile::pathFor(path)));
        // Both clients see the close before the announced end; Transfer's own byte count
        // (IncompleteBody) is the backstop for a reply that ends short without an error.
        QCOMPARE(r.error.kind(), FetchErrorKind::ConnectionClosed);
        QCOMPARE(r.bytesReceived, 50);
    }

    void tooManyRequestsIsRetried()
    {
        ScriptServer server;
        server.script(respond("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\n"
                              "Content-Length: 4\r\n\r\nslow"));
        server.script(respond(ok("fine")));
        FetchOptions o = options();
        o.retries = 2;
        o.retryBaseDelayMs = 10;
        const FetchResult r = fetchOne(o, { 0, server.url(u"/a"_s), QString() });
        QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
        QCOMPARE(r.retries, 1);
        QCOMPARE(r.preview, QByteArray("fine"));
        QCOMPARE(server.requests().size(), 2);

        // Without retries the 429 is the answer.
        ScriptServer once;
        once.script(respond("HTTP/1.1 429 Too Many Requests\r\nContent-Length: 0\r\n\r\n"));
        const FetchResult failed = fetchOne(options(), { 0, once.url(u"/a"_s), QString() });
        QCOMPARE(failed.error.kind(), FetchErrorKind::HttpStatus);
        QCOMPARE(failed.httpStatus, 429);
    }

    // Retry-After as an HTTP-date is honoured; any Retry-After is capped by retryMaxDelayMs,
    // whatever its size (a number that overflows when made milliseconds included).
    void retryAfterDatesAndCaps()
    {
        // Two seconds ahead, rounded to the second as HTTP-dates are: waits at least one.
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(2);
        const QByteArray date =
                QLocale::c().toString(when, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
        ScriptServer server;
        server.script(respond("HTTP/1.1 503 Busy\r\nRetry-After: " + date
                              + "\r\nContent-Length: 0\r\n\r\n"));
        server.script(respond(ok("later")));
        FetchOptions o = options();
        o.retries = 1;
        o.retryBaseDelayMs = 1;
        QElapsedTimer clock;
        clock.start();
        const FetchResult r = fetchOne(o, { 0, server.url(u"/a"_s), QString() });
        const qint64 waited = clock.elapsed();
        QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
        QVERIFY2(waited >= 900 && waited < 10'000, qPrintable(QString::number(waited)));

        for (const QByteArray &value : { QByteArray("3600"), QByteArray("99999999999999999"),
                                         QByteArray("Fri, 31 Dec 9999 23:59:59 GMT") }) {
            ScriptServer capped;
            capped.script(respond("HTTP/1.1 503 Busy\r\nRetry-After: " + value
                                  + "\r\nContent-Length: 0\r\n\r\n"));
            capped.script(respond(ok("soon")));
            FetchOptions c = options();
            c.retries = 1;
            c.retryMaxDelayMs = 200;
            clock.restart();
            const FetchResult soon = fetchOne(c, { 0, capped.url(u"/a"_s), QString() });
            QVERIFY2(soon.isSuccess(),
                     qPrintable(QString::fromLatin1(value) + u": "_s + soon.error.text()));
            QVERIFY2(clock.elapsed() < 5000, value.constData());
        }
    }
};

QTEST_GUILESS_MAIN(tst_TransferGuards)
#include "tst_transferguards.moc"
