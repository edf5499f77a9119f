#include "enginerunner.h"
#include "fetch/fetchengine.h"
#include "fetch/partfile.h"
#include "fetch/transfer.h"
#include "fetcherrorprinting.h"
#include "scriptserver.h"
#include "testutil.h"

#include <algorithm>
#include <cstring>

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

namespace {

// A 200 whose body ends, without an error, before its Content-Length: what Qt's HTTP/2 client
// hands over for a stream that ends early.
class ShortReply final : public QNetworkReply
{
public:
    ShortReply(const QNetworkRequest &request, const QByteArray &body, qint64 announced,
               QObject *parent)
        : QNetworkReply(parent)
        , m_body(body)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(QNetworkAccessManager::GetOperation);
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, 200);
        setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QByteArray("OK"));
        setRawHeader("Content-Length", QByteArray::number(announced));
        setHeader(QNetworkRequest::ContentLengthHeader, announced);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        QTimer::singleShot(0, this, [this] {
            emit metaDataChanged();
            emit readyRead();
            finishReply();
        });
    }

    void abort() override
    {
        setError(OperationCanceledError, u"canceled"_s);
        finishReply();
    }
    qint64 bytesAvailable() const override
    {
        return m_body.size() - m_read + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min(maxSize, m_body.size() - m_read);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        std::memcpy(data, m_body.constData() + m_read, size_t(n));
        m_read += n;
        return n;
    }

private:
    void finishReply()
    {
        if (isFinished())
            return;
        setFinished(true);
        emit finished();
    }

    QByteArray m_body;
    qint64 m_read = 0;
};

class ShortReplyManager final : public QNetworkAccessManager
{
public:
    ShortReplyManager(const QByteArray &body, qint64 announced)
        : m_body(body)
        , m_announced(announced)
    { }
    int requests = 0;

protected:
    QNetworkReply *createRequest(Operation, const QNetworkRequest &request, QIODevice *) override
    {
        ++requests;
        return new ShortReply(request, m_body, m_announced, this);
    }

private:
    QByteArray m_body;
    qint64 m_announced;
};

} // namespace

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

    // A redirect is followed from its head: a body that never ends (no length, or one announced
    // larger than any file) is not read, and the job ends with the target's body, byte-exact.
    void redirectBodyIsNeverRead_data()
    {
        QTest::addColumn<bool>("qtHttp");
        QTest::addColumn<QByteArray>("length");
        for (const bool qtHttp : { false, true }) {
            const char *client = qtHttp ? "qt" : "libcurl";
            QTest::addRow("%s, until closed", client) << qtHttp << QByteArray();
            QTest::addRow("%s, 1 TiB announced", client)
                    << qtHttp << QByteArray("Content-Length: 1099511627776\r\n");
        }
    }
    void redirectBodyIsNeverRead()
    {
        QFETCH(bool, qtHttp);
        QFETCH(QByteArray, length);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        ScriptServer server;
        server.script(respond("HTTP/1.1 302 Found\r\nLocation: /b\r\n" + length + "\r\n")
                              .thenPattern(qint64(64) << 30)
                              .forTarget("/a"));
        const QByteArray target = patternBytes(7, 5000);
        server.script(respond(ok(target)).forTarget("/b"));
        FetchOptions o = options(qtHttp);
        o.maxFileSize = 1 << 20; // a limit for the file, not for what a redirect sends
        const FetchResult r = fetchOne(o, { 0, server.url(u"/a"_s), path });
        QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
        QCOMPARE(r.finalUrl, server.url(u"/b"_s));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == target);
        QVERIFY2(server.patternSent() < 16 << 20,
                 qPrintable(QString::number(server.patternSent())));
    }

    // A short redirect body, announced, is drained: the next request reuses the connection.
    void shortRedirectBodyKeepsTheConnection()
    {
        ScriptServer server;
        server.script(respond("HTTP/1.1 302 Found\r\nLocation: /b\r\nContent-Length: 9\r\n\r\n"
                              "moved on.")
                              .forTarget("/a"));
        server.script(respond(ok("here")).forTarget("/b"));
        const FetchResult r = fetchOne(options(), { 0, server.url(u"/a"_s), QString() });
        QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
        QCOMPARE(r.preview, QByteArray("here"));
        QCOMPARE(server.requestConnections(), (QList<int> { 1, 1 }));
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

    // A job for part of a resource (an HLS segment's EXT-X-BYTERANGE) asks for exactly those
    // bytes and takes only a 206 with exactly them: the whole resource (200) or another range
    // saved as the piece would put the wrong bytes in the video.
    void byteRangeJobTakesExactlyItsRange_data()
    {
        QTest::addColumn<bool>("qtHttp");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("accepted");
        const QByteArray body = patternBytes(100, 50);
        for (const bool qtHttp : { false, true }) {
            const char *client = qtHttp ? "qt" : "libcurl";
            QTest::addRow("%s, exact 206", client)
                    << qtHttp
                    << "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 100-149/1000\r\n"
                       "Content-Length: 50\r\n\r\n"
                            + body
                    << true;
            QTest::addRow("%s, 200 whole", client) << qtHttp << ok(patternBytes(0, 1000)) << false;
            QTest::addRow("%s, 206 elsewhere", client)
                    << qtHttp
                    << "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-49/1000\r\n"
                       "Content-Length: 50\r\n\r\n"
                            + patternBytes(0, 50)
                    << false;
            QTest::addRow("%s, 206 longer", client)
                    << qtHttp
                    << "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 100-199/1000\r\n"
                       "Content-Length: 100\r\n\r\n"
                            + patternBytes(100, 100)
                    << false;
        }
    }
    void byteRangeJobTakesExactlyItsRange()
    {
        QFETCH(bool, qtHttp);
        QFETCH(QByteArray, answer);
        QFETCH(bool, accepted);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"piece"_s);
        ScriptServer server;
        server.script(respond(answer));
        FetchJob job { 0, server.url(u"/all.ts"_s), path };
        job.rangeOffset = 100;
        job.rangeLength = 50;
        const FetchResult r = fetchOne(options(qtHttp), job);
        QCOMPARE(server.requestFor("/all.ts").header("Range"), QByteArray("bytes=100-149"));
        if (accepted) {
            QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
            QCOMPARE(readFile(path), patternBytes(100, 50));
        } else {
            QCOMPARE(r.error.kind(), FetchErrorKind::RangeIgnored);
            QCOMPARE(r.error.argument(0), u"bytes=100-149"_s);
            QVERIFY(!QFile::exists(path));
            QVERIFY(!QFile::exists(PartFile::pathFor(path)));
        }
    }

    // A cut download keeps what identifies its file (a strong ETag, else Last-Modified, and the
    // total) next to the .part and sends it back as If-Range: a server whose file changed answers
    // 200 with the new file, which replaces the .part instead of being spliced onto it.
    void resumeSendsIfRange_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<QByteArray>("ifRange");
        QTest::newRow("strong etag") << QByteArray("ETag: \"v1\"\r\nLast-Modified: Tue, 01 Dec "
                                                   "2026 10:00:00 GMT\r\n")
                                     << QByteArray("\"v1\"");
        QTest::newRow("weak etag: last-modified")
                << QByteArray("ETag: W/\"v1\"\r\nLast-Modified: Tue, 01 Dec 2026 10:00:00 GMT\r\n")
                << QByteArray("Tue, 01 Dec 2026 10:00:00 GMT");
        QTest::newRow("no validator") << QByteArray() << QByteArray();
    }
    void resumeSendsIfRange()
    {
        QFETCH(QByteArray, headers);
        QFETCH(QByteArray, ifRange);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        const QByteArray v1 = patternBytes(0, 1000);
        const QByteArray v2 = patternBytes(7, 1000); // the same size, other bytes
        ScriptServer server;
        server.script(respond("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n" + headers + "\r\n"
                              + v1.left(500))
                              .thenClose());
        const FetchResult cut = fetchOne(options(), { 0, server.url(u"/f"_s), path, true });
        QVERIFY(!cut.isSuccess());
        QCOMPARE(QFileInfo(PartFile::pathFor(path)).size(), 500);
        QCOMPARE(PartFile::readValidators(path).total, 1000);

        // The file changed: a server that honours If-Range sends all of it.
        server.script(respond(ok(v2, "ETag: \"v2\"\r\n")));
        const FetchResult again = fetchOne(options(), { 0, server.url(u"/f"_s), path, true });
        QVERIFY2(again.isSuccess(), qPrintable(again.error.text()));
        const ScriptServer::Request second = server.requests().last();
        QCOMPARE(second.header("Range"), QByteArray("bytes=500-"));
        QCOMPARE(second.header("If-Range"), ifRange);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == v2);
        QVERIFY(!QFile::exists(PartFile::pathFor(path)));
        QVERIFY(!QFile::exists(PartFile::metaPathFor(path))); // nothing left behind
    }

    // Some CDNs answer a Range with If-Range (an ETag) by 412 Precondition Failed: the download
    // starts over from byte 0, without Range or If-Range, and the file is the new body exactly;
    // a server that answers 412 to that too is the answer, after two requests, not a loop.
    void ifRangeRefusedStartsOver_data()
    {
        QTest::addColumn<bool>("qtHttp");
        QTest::addColumn<bool>("alwaysRefuses");
        for (const bool qtHttp : { false, true }) {
            const char *client = qtHttp ? "qt" : "libcurl";
            QTest::addRow("%s, then 200", client) << qtHttp << false;
            QTest::addRow("%s, always 412", client) << qtHttp << true;
        }
    }
    void ifRangeRefusedStartsOver()
    {
        QFETCH(bool, qtHttp);
        QFETCH(bool, alwaysRefuses);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        QFile part(PartFile::pathFor(path));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(patternBytes(0, 500));
        part.close();
        QVERIFY(PartFile::writeValidators(path, { "\"v1\"", QByteArray(), 1000 }));
        const QByteArray refused = "HTTP/1.1 412 Precondition Failed\r\nContent-Length: 0\r\n\r\n";
        const QByteArray whole = patternBytes(3, 1200); // the file changed
        ScriptServer server;
        server.script(respond(refused));
        server.script(respond(alwaysRefuses ? refused : ok(whole, "ETag: \"v2\"\r\n")));
        server.script(respond(refused)); // a third request would get this
        FetchOptions o = options(qtHttp);
        o.retries = 3;
        o.retryBaseDelayMs = 1;
        const FetchResult r = fetchOne(o, { 0, server.url(u"/f"_s), path, true });

        QCOMPARE(server.requests().size(), 2);
        const ScriptServer::Request first = server.requests().at(0);
        QCOMPARE(first.header("Range"), QByteArray("bytes=500-"));
        QCOMPARE(first.header("If-Range"), QByteArray("\"v1\""));
        const ScriptServer::Request second = server.requests().at(1);
        QCOMPARE(second.count("Range"), 0);
        QCOMPARE(second.count("If-Range"), 0);
        if (alwaysRefuses) {
            QCOMPARE(r.error, FetchError::httpStatus(412, "Precondition Failed"));
            QVERIFY(!QFile::exists(path));
        } else {
            QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
            QCOMPARE(r.resumedFrom, 0);
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll() == whole);
        }
        QVERIFY(!QFile::exists(PartFile::pathFor(path)));
        QVERIFY(!QFile::exists(PartFile::metaPathFor(path)));
    }

    // A 206 continues the .part only when it is exactly the rest of the same file.
    void partialResponsesAreChecked_data()
    {
        QTest::addColumn<QByteArray>("contentRange");
        QTest::addColumn<int>("bodySize");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("the rest") << QByteArray("bytes 500-999/1000") << 500 << true;
        QTest::newRow("the rest, total unknown") << QByteArray("bytes 500-999/*") << 500 << true;
        QTest::newRow("ends early") << QByteArray("bytes 500-599/1000") << 100 << false;
        QTest::newRow("body longer than the range")
                << QByteArray("bytes 500-999/1000") << 700 << false;
        QTest::newRow("another total") << QByteArray("bytes 500-4999/5000") << 4500 << false;
        QTest::newRow("starts elsewhere") << QByteArray("bytes 400-999/1000") << 600 << false;
        QTest::newRow("last before first") << QByteArray("bytes 500-499/1000") << 0 << false;
        QTest::newRow("not bytes") << QByteArray("items 500-999/1000") << 500 << false;
        QTest::newRow("19 digits")
                << QByteArray("bytes 500-999/1000000000000000000") << 500 << false;
    }
    void partialResponsesAreChecked()
    {
        QFETCH(QByteArray, contentRange);
        QFETCH(int, bodySize);
        QFETCH(bool, accepted);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        const QByteArray whole = patternBytes(0, 5000);
        QFile part(PartFile::pathFor(path));
        QVERIFY(part.open(QIODevice::WriteOnly));
        part.write(whole.left(500));
        part.close();
        QVERIFY(PartFile::writeValidators(path, { "\"v1\"", QByteArray(), 1000 }));
        ScriptServer server;
        server.script(respond("HTTP/1.1 206 Partial Content\r\nContent-Range: " + contentRange
                              + "\r\nContent-Length: " + QByteArray::number(bodySize) + "\r\n\r\n"
                              + whole.mid(500, bodySize)));
        const FetchResult r = fetchOne(options(), { 0, server.url(u"/f"_s), path, true });
        if (accepted) {
            QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll() == whole.left(1000));
        } else {
            QCOMPARE(r.error.kind(), FetchErrorKind::WrongResumeOffset);
            QVERIFY(!QFile::exists(path)); // never a "complete" file of the wrong size
        }
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

    // A Content-Length over --max-filesize fails at the head, before a byte of the body is
    // read: the body here never comes (10 bytes, then the server closes), so only the announced
    // length can tell; and a body too large is not retried.
    void anAnnouncedLengthOverTheCapFailsAtOnce_data() { addClients(); }
    void anAnnouncedLengthOverTheCapFailsAtOnce()
    {
        QFETCH(bool, qtHttp);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        ScriptServer server;
        server.script(
                respond("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + patternBytes(0, 10))
                        .thenClose());
        FetchOptions o = options(qtHttp);
        o.maxFileSize = 1000;
        o.retries = 2;
        o.retryBaseDelayMs = 10;
        const FetchResult r = fetchOne(o, { 0, server.url(u"/f"_s), path });
        QCOMPARE(r.error.kind(), FetchErrorKind::TooLarge);
        QCOMPARE(r.error.argument(0), u"1000"_s);
        QCOMPARE(r.bytesReceived, 0);
        QCOMPARE(r.retries, 0);
        QCOMPARE(server.requests().size(), 1);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(PartFile::pathFor(path)));
    }

    // A 206 that fits (the right offset and total) but whose body, without a Content-Length,
    // ends before the total: the file it would make is short, so it stays a .part for the next
    // resume instead of becoming the finished file.
    void aResumedFileShortOfItsTotalStaysAPart_data() { addClients(); }
    void aResumedFileShortOfItsTotalStaysAPart()
    {
        QFETCH(bool, qtHttp);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        writeFile(PartFile::pathFor(path), patternBytes(0, 50));
        ScriptServer server;
        server.script(respond("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 50-99/100\r\n"
                              "Transfer-Encoding: chunked\r\n\r\n"
                              + chunkedBody(patternBytes(50, 30), 10)));
        const FetchResult r = fetchOne(options(qtHttp), { 0, server.url(u"/f"_s), path, true });
        QCOMPARE(server.requestFor("/f").header("Range"), QByteArray("bytes=50-"));
        QCOMPARE(r.error.kind(), FetchErrorKind::IncompleteBody);
        QCOMPARE(r.error.argument(0), u"80"_s);
        QCOMPARE(r.error.argument(1), u"100"_s);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(readFile(PartFile::pathFor(path)), patternBytes(0, 80));
    }

    // Transfer's own count of the body against its Content-Length, for a reply that ends short
    // without an error. libcurl and Qt's HTTP/1 client report such a close themselves (see
    // aShortBodyIsIncomplete); Qt's HTTP/2 client does not, and no test server here can send
    // an HTTP/2 body that lies about its length, so a reply of the network manager's does.
    void aReplyEndingShortWithoutAnErrorIsIncomplete()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"file.bin"_s);
        ShortReplyManager manager(patternBytes(0, 50), 100);
        FetchOptions o = options();
        o.retries = 1;
        o.retryBaseDelayMs = 10;
        QElapsedTimer clock;
        clock.start();
        Transfer transfer({ 0, QUrl(u"http://short.invalid/f"_s), path }, o, &manager, clock);
        QSignalSpy finished(&transfer, &Transfer::finished);
        transfer.start();
        QVERIFY(finished.wait(10'000));
        const FetchResult &r = transfer.result();
        QCOMPARE(r.error.kind(), FetchErrorKind::IncompleteBody);
        QCOMPARE(r.error.argument(0), u"50"_s);
        QCOMPARE(r.error.argument(1), u"100"_s);
        QCOMPARE(r.retries, 1); // a cut body is worth another try
        QCOMPARE(manager.requests, 2);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(PartFile::pathFor(path)));
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
