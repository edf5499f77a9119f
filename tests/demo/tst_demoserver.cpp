#include "demo/demoserver.h"
#include "demo/demoserverthread.h"
#include "testserver.h"
#include "testutil.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#ifdef Q_OS_UNIX
#    include <sys/resource.h>
#    include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using qcrawl::DemoServer;
using qcrawl::DemoServerThread;
using qcrawl::test::residentBytes;
using qcrawl::test::UnderSanitizer;

namespace {

constexpr qint64 Period = 65521;

struct HttpResponse
{
    int status = 0; // 0: no (complete) header block arrived
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool complete = false; // the body arrived as framed (Content-Length, chunked or close)

    QByteArray header(const char *name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    bool hasHeader(const char *name) const
    {
        return std::any_of(headers.cbegin(), headers.cend(), [name](const auto &h) {
            return h.first.compare(name, Qt::CaseInsensitive) == 0;
        });
    }
};

QByteArray get(const QByteArray &target, const QByteArray &extraHeaders = {},
               const QByteArray &method = "GET")
{
    return method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
}

// A deliberately dumb, blocking HTTP/1.1 client over QTcpSocket: the server runs on another
// thread, so the waitFor*() calls are fine, and every byte on the wire stays visible.
class HttpClient
{
public:
    explicit HttpClient(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.waitForConnected(5000);
    }

    QTcpSocket &socket() { return m_socket; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    void send(const QByteArray &data)
    {
        m_socket.write(data);
        while (m_socket.bytesToWrite() > 0 && m_socket.waitForBytesWritten(5000)) { }
    }

    HttpResponse readHead(int timeoutMs = 10000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        HttpResponse response;
        qsizetype end = -1;
        while ((end = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (!fill(deadline))
                return response;
        }
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        if (statusLine.size() < 2 || !statusLine.first().startsWith("HTTP/1."))
            return response;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                response.headers.append(
                        { lines.at(i).left(colon), lines.at(i).mid(colon + 1).trimmed() });
        }
        response.status = statusLine.at(1).toInt();
        return response;
    }

    // One complete response; headOnly for answers to HEAD.
    HttpResponse read(bool headOnly = false, int timeoutMs = 10000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        HttpResponse response = readHead(timeoutMs);
        if (response.status == 0)
            return response;
        if (headOnly || response.status == 204 || response.status == 304) {
            response.complete = true;
        } else if (response.header("Transfer-Encoding").toLower() == "chunked") {
            readChunked(&response, deadline);
        } else if (response.hasHeader("Content-Length")) {
            const qint64 length = response.header("Content-Length").toLongLong();
            while (m_buffer.size() < length && fill(deadline)) { }
            response.body = m_buffer.left(length);
            m_buffer.remove(0, response.body.size());
            response.complete = response.body.size() == length;
        } else {
            while (fill(deadline)) { }
            response.body = std::exchange(m_buffer, {});
            response.complete = m_socket.state() == QAbstractSocket::UnconnectedState;
        }
        return response;
    }

    // Whatever arrives within timeoutMs (or until the connection closes).
    QByteArray readFor(int timeoutMs)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && isConnected())
            fill(deadline);
        m_buffer += m_socket.readAll();
        return std::exchange(m_buffer, {});
    }

    // The next bytes: what is buffered, else what arrives within timeoutMs.
    QByteArray readSome(int timeoutMs)
    {
        if (m_buffer.isEmpty())
            fill(QDeadlineTimer(timeoutMs));
        return std::exchange(m_buffer, {});
    }

    bool waitForClose(int timeoutMs)
    {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        return m_socket.waitForDisconnected(timeoutMs);
    }

private:
    bool fill(const QDeadlineTimer &deadline)
    {
        if (m_socket.bytesAvailable() == 0 && isConnected())
            m_socket.waitForReadyRead(int(std::max<qint64>(deadline.remainingTime(), 0)));
        const QByteArray more = m_socket.readAll();
        m_buffer += more;
        return !more.isEmpty();
    }

    void readChunked(HttpResponse *response, const QDeadlineTimer &deadline)
    {
        for (;;) {
            qsizetype lineEnd = -1;
            while ((lineEnd = m_buffer.indexOf("\r\n")) < 0) {
                if (!fill(deadline))
                    return;
            }
            bool ok = false;
            const qint64 size = m_buffer.left(lineEnd).toLongLong(&ok, 16);
            if (!ok || size < 0)
                return;
            m_buffer.remove(0, lineEnd + 2);
            while (m_buffer.size() < size + 2) {
                if (!fill(deadline))
                    return;
            }
            if (m_buffer.mid(size, 2) != "\r\n")
                return;
            if (size == 0) { // no trailers from this server
                m_buffer.remove(0, 2);
                response->complete = true;
                return;
            }
            response->body += m_buffer.left(size);
            m_buffer.remove(0, size + 2);
        }
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// Where two byte arrays first differ, for failure messages without megabytes of output.
QByteArray mismatch(const QByteArray &actual, const QByteArray &expected)
{
    if (actual.size() != expected.size())
        return "size " + QByteArray::number(actual.size())
                + " != " + QByteArray::number(expected.size());
    const auto it = std::mismatch(actual.cbegin(), actual.cend(), expected.cbegin());
    if (it.first == actual.cend())
        return {};
    return "first difference at byte " + QByteArray::number(it.first - actual.cbegin());
}

qint64 openFileLimit()
{
#ifdef Q_OS_UNIX
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0)
        return limit.rlim_cur == RLIM_INFINITY ? std::numeric_limits<qint64>::max()
                                               : qint64(limit.rlim_cur);
#endif
    return -1;
}

} // namespace

class tst_DemoServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void patternIsDeterministicWithPrimePeriod();
    void patternBytesEqualsPatternByte_data();
    void patternBytesEqualsPatternByte();

    void indexListsEndpoints();
    void bytesExactBody_data();
    void bytesExactBody();
    void bytesLargeBodyIsExact();
    void bytesHugeBodyKeepsMemoryFlat();
    void bytesRange_data();
    void bytesRange();
    void chunkedBodyDecodesToPattern_data();
    void chunkedBodyDecodesToPattern();
    void chunkedForHttp10IsDelimitedByClose();

    void keepAliveServesTwoRequestsOnOneSocket();
    void pipelinedRequestsAnsweredInOrder();
    void headHasHeadersButNoBody();
    void http10ClosesUnlessKeepAlive();
    void connectionCloseIsHonoured();

    void delayTiming();
    void concurrentDelaysOnOneThread();
    void disconnectCancelsDelays();

    void flakyCountsPerKey();
    void status_data();
    void status();
    void redirectChain();
    void redirectTo_data();
    void redirectTo();
    void dropClosesAfterHalfTheBody_data();
    void dropClosesAfterHalfTheBody();
    void stallSendsHeadersThenNothing();

    void unknownPathIs404();
    void otherMethodsGet405AndTheirBodyIsSkipped();
    void malformedRequestIsRejectedAndClosed_data();
    void malformedRequestIsRejectedAndClosed();
    void oversizedHeaderGets431();

    void qnamReadsEndpoints();
    void serverOnCallerThreadAndCloseAbortsConnections();
    void listenOnPortInUseFailsClearly();
    void threadStartStopRepeatedly();

private:
    quint16 port() { return m_server.server().port(); }

    qcrawl::test::TestServer m_server;
};

void tst_DemoServer::initTestCase()
{
#ifdef Q_OS_UNIX
    // The concurrency test needs two descriptors per connection (client and server side).
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
#endif
    QVERIFY(m_server.server().isRunning());
    QCOMPARE(m_server.baseUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(port())));
}

// Every test closes its sockets; the server must notice and forget them.
void tst_DemoServer::cleanup()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_server.server().openConnections(), 0, 5000);
}

void tst_DemoServer::patternIsDeterministicWithPrimePeriod()
{
    const QByteArray period = DemoServer::patternBytes(0, Period);
    QCOMPARE(period.size(), Period);
    QCOMPARE(DemoServer::patternBytes(Period, Period), period);
    QCOMPARE(DemoServer::patternBytes(7 * Period, Period), period);
    for (qint64 i : { qint64(0), qint64(1), qint64(65520), qint64(123456789), qint64(64) << 30 })
        QCOMPARE(DemoServer::patternByte(i), DemoServer::patternByte(i + Period));

    // Pseudo-random looking: nearly all byte values occur, about equally often...
    std::vector<int> histogram(256);
    for (const char c : period)
        ++histogram[uchar(c)];
    const auto [least, most] = std::minmax_element(histogram.cbegin(), histogram.cend());
    QVERIFY2(*least > 150 && *most < 370,
             qPrintable(u"byte histogram %1..%2"_s.arg(*least).arg(*most)));
    // ...and no short period, so an offset error shows.
    for (qint64 shift = 1; shift < 4096; ++shift) {
        QVERIFY2(DemoServer::patternBytes(0, 64) != DemoServer::patternBytes(shift, 64),
                 qPrintable(u"pattern repeats after %1 bytes"_s.arg(shift)));
    }
}

void tst_DemoServer::patternBytesEqualsPatternByte_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("count");
    QTest::newRow("empty") << qint64(0) << qint64(0);
    QTest::newRow("one") << qint64(5) << qint64(1);
    QTest::newRow("period boundary") << Period - 10 << qint64(20);
    QTest::newRow("several periods") << qint64(3) << 5 * Period + 17;
    QTest::newRow("far offset") << (qint64(40) << 30) + 12345 << qint64(300000);
}

void tst_DemoServer::patternBytesEqualsPatternByte()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, count);
    const QByteArray bytes = DemoServer::patternBytes(offset, count);
    QCOMPARE(bytes.size(), count);
    for (qint64 i = 0; i < count; ++i) {
        if (bytes.at(i) != DemoServer::patternByte(offset + i))
            QFAIL(qPrintable(u"byte %1 differs"_s.arg(i)));
    }
}

void tst_DemoServer::indexListsEndpoints()
{
    HttpClient client(port());
    client.send(get("/"));
    const HttpResponse response = client.read();
    QCOMPARE(response.status, 200);
    QVERIFY(response.complete);
    QCOMPARE(response.header("Content-Type"), "text/html; charset=utf-8");
    QCOMPARE(response.header("Server"), "qcrawl-demo");
    QCOMPARE(response.header("Connection"), "keep-alive");
    QCOMPARE(response.header("Content-Length").toLongLong(), response.body.size());
    for (const char *endpoint : { "/delay/", "/bytes/", "/chunked/", "/status/", "/redirect/",
                                  "/redirect-to?url=", "/flaky/", "/drop/", "/stall" }) {
        QVERIFY2(response.body.contains(endpoint), endpoint);
    }
}

void tst_DemoServer::bytesExactBody_data()
{
    QTest::addColumn<qint64>("size");
    for (qint64 size : { qint64(0), qint64(1), qint64(100), Period - 1, Period, Period + 1,
                         qint64(300000), qint64(1 << 20) + 7 }) {
        QTest::addRow("%lld", size) << size;
    }
}

void tst_DemoServer::bytesExactBody()
{
    QFETCH(qint64, size);
    HttpClient client(port());
    client.send(get("/bytes/" + QByteArray::number(size)));
    const HttpResponse response = client.read();
    QCOMPARE(response.status, 200);
    QVERIFY(response.complete);
    QCOMPARE(response.header("Content-Length").toLongLong(), size);
    QCOMPARE(response.header("Content-Type"), "application/octet-stream");
    QCOMPARE(response.header("Accept-Ranges"), "bytes");
    QCOMPARE(response.header("Server"), "qcrawl-demo");
    QVERIFY(!response.hasHeader("Transfer-Encoding"));
    QVERIFY2(response.body == DemoServer::patternBytes(0, size),
             mismatch(response.body, DemoServer::patternBytes(0, size)).constData());
}

void tst_DemoServer::bytesLargeBodyIsExact()
{
    constexpr qint64 Size = qint64(64) << 20;
    HttpClient client(port());
    client.send(get("/bytes/" + QByteArray::number(Size)));
    const HttpResponse response = client.read(false, 30000);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Length").toLongLong(), Size);
    QCOMPARE(response.body.size(), Size);
    for (qint64 offset : { qint64(0), Period * 3 + 1, Size / 2 + 17, Size - 1 })
        QCOMPARE(response.body.at(offset), DemoServer::patternByte(offset));
    QVERIFY2(response.body == DemoServer::patternBytes(0, Size),
             mismatch(response.body, DemoServer::patternBytes(0, Size)).constData());
    // and the connection is still good for more
    client.send(get("/bytes/10"));
    QCOMPARE(client.read().body, DemoServer::patternBytes(0, 10));
}

// The server generates the body as the socket drains, so a 1 GiB body does not make it (this
// process: server and client share it) grow by anything like 1 GiB.
void tst_DemoServer::bytesHugeBodyKeepsMemoryFlat()
{
    // ASan's quarantine makes resident memory meaningless anyway.
    constexpr qint64 Size = UnderSanitizer ? qint64(256) << 20 : qint64(1) << 30;
    const qint64 before = residentBytes();
    qint64 peak = before;

    HttpClient client(port());
    QElapsedTimer timer;
    timer.start();
    client.send(get("/bytes/" + QByteArray::number(Size)));
    const HttpResponse head = client.readHead();
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("Content-Length").toLongLong(), Size);
    qint64 received = 0;
    while (received < Size) {
        const QByteArray chunk = client.readSome(10000);
        if (chunk.isEmpty())
            QFAIL(qPrintable(u"stalled after %1 bytes"_s.arg(received)));
        if (chunk != DemoServer::patternBytes(received, chunk.size()))
            QFAIL(qPrintable(
                    u"wrong bytes in [%1, %2)"_s.arg(received).arg(received + chunk.size())));
        if ((received >> 25) != ((received + chunk.size()) >> 25)) // every 32 MiB
            peak = std::max(peak, residentBytes());
        received += chunk.size();
    }
    QCOMPARE(received, Size);
    qInfo("%lld MiB in %lld ms; resident memory grew by %lld MiB at most", Size >> 20,
          timer.elapsed(), (peak - before) >> 20);
    if (UnderSanitizer)
        return;
    if (before < 0)
        QSKIP("no /proc/self/statm: memory not measured");
    QVERIFY2(peak - before < qint64(128) << 20,
             qPrintable(u"resident memory grew by %1 MiB"_s.arg((peak - before) >> 20)));
}

void tst_DemoServer::bytesRange_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");

    QTest::newRow("open end") << qint64(1000) << QByteArray("bytes=0-") << 206 << qint64(0)
                              << qint64(999);
    QTest::newRow("middle") << qint64(1000) << QByteArray("bytes=10-19") << 206 << qint64(10)
                            << qint64(19);
    QTest::newRow("one byte") << qint64(1000) << QByteArray("bytes=999-999") << 206 << qint64(999)
                              << qint64(999);
    QTest::newRow("end clamped") << qint64(1000) << QByteArray("bytes=990-5000") << 206
                                 << qint64(990) << qint64(999);
    QTest::newRow("suffix") << qint64(1000) << QByteArray("bytes=-100") << 206 << qint64(900)
                            << qint64(999);
    QTest::newRow("resume past periods")
            << qint64(500000) << QByteArray("bytes=" + QByteArray::number(2 * Period + 3) + "-")
            << 206 << 2 * Period + 3 << qint64(499999);
    QTest::newRow("start at size")
            << qint64(1000) << QByteArray("bytes=1000-") << 416 << qint64(-1) << qint64(-1);
    QTest::newRow("beyond") << qint64(1000) << QByteArray("bytes=2000-3000") << 416 << qint64(-1)
                            << qint64(-1);
    QTest::newRow("reversed") << qint64(1000) << QByteArray("bytes=20-10") << 416 << qint64(-1)
                              << qint64(-1);
    QTest::newRow("empty body") << qint64(0) << QByteArray("bytes=0-") << 416 << qint64(-1)
                                << qint64(-1);
    QTest::newRow("other unit ignored")
            << qint64(1000) << QByteArray("items=0-5") << 200 << qint64(0) << qint64(999);
    QTest::newRow("multiple ranges ignored")
            << qint64(1000) << QByteArray("bytes=0-1,5-6") << 200 << qint64(0) << qint64(999);
}

void tst_DemoServer::bytesRange()
{
    QFETCH(qint64, size);
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(qint64, first);
    QFETCH(qint64, last);

    HttpClient client(port());
    client.send(get("/bytes/" + QByteArray::number(size), "Range: " + range + "\r\n"));
    const HttpResponse response = client.read();
    QCOMPARE(response.status, status);
    QVERIFY(response.complete);
    const QByteArray total = QByteArray::number(size);
    if (status == 416) {
        QCOMPARE(response.header("Content-Range"), "bytes */" + total);
    } else {
        QCOMPARE(response.header("Accept-Ranges"), "bytes");
        QCOMPARE(response.header("Content-Length").toLongLong(), last - first + 1);
        QCOMPARE(response.body, DemoServer::patternBytes(first, last - first + 1));
        if (status == 206) {
            QCOMPARE(response.header("Content-Range"),
                     "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/'
                             + total);
        } else {
            QVERIFY(!response.hasHeader("Content-Range"));
        }
    }
    // still keep-alive
    client.send(get("/status/200"));
    QCOMPARE(client.read().status, 200);
}

void tst_DemoServer::chunkedBodyDecodesToPattern_data()
{
    QTest::addColumn<qint64>("size");
    for (qint64 size : { qint64(0), qint64(1), qint64(1000), Period + 5, qint64(3000000) })
        QTest::addRow("%lld", size) << size;
}

void tst_DemoServer::chunkedBodyDecodesToPattern()
{
    QFETCH(qint64, size);
    HttpClient client(port());
    client.send(get("/chunked/" + QByteArray::number(size)));
    const HttpResponse response = client.read();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Transfer-Encoding"), "chunked");
    QVERIFY(!response.hasHeader("Content-Length"));
    QVERIFY(response.complete);
    QVERIFY2(response.body == DemoServer::patternBytes(0, size),
             mismatch(response.body, DemoServer::patternBytes(0, size)).constData());
    client.send(get("/bytes/3"));
    QCOMPARE(client.read().body, DemoServer::patternBytes(0, 3));
}

void tst_DemoServer::chunkedForHttp10IsDelimitedByClose()
{
    HttpClient client(port());
    client.send("GET /chunked/100000 HTTP/1.0\r\n\r\n");
    const HttpResponse response = client.read();
    QCOMPARE(response.status, 200);
    QVERIFY(!response.hasHeader("Transfer-Encoding"));
    QVERIFY(!response.hasHeader("Content-Length"));
    QCOMPARE(response.header("Connection"), "close");
    QVERIFY(response.complete);
    QCOMPARE(response.body, DemoServer::patternBytes(0, 100000));
}

void tst_DemoServer::keepAliveServesTwoRequestsOnOneSocket()
{
    HttpClient client(port());
    const quint16 localPort = client.socket().localPort();
    client.send(get("/bytes/100"));
    const HttpResponse first = client.read();
    QCOMPARE(first.status, 200);
    QCOMPARE(first.header("Connection"), "keep-alive");
    QCOMPARE(first.body, DemoServer::patternBytes(0, 100));
    QVERIFY(client.isConnected());
    QCOMPARE(m_server.server().openConnections(), 1);

    client.send(get("/status/418"));
    const HttpResponse second = client.read();
    QCOMPARE(second.status, 418);
    QCOMPARE(second.body, "status 418\n");
    QVERIFY(client.isConnected());
    QCOMPARE(client.socket().localPort(), localPort);
    QCOMPARE(m_server.server().openConnections(), 1);
}

void tst_DemoServer::pipelinedRequestsAnsweredInOrder()
{
    const qint64 servedBefore = m_server.server().requestsServed();
    HttpClient client(port());
    // The slow one first: its answer must still come first.
    client.send(get("/delay/150") + get("/bytes/10") + get("/status/404")
                + get("/bytes/5", {}, "HEAD") + get("/chunked/70000") + get("/redirect/0"));
    HttpResponse r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "hello 150\n");
    r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, DemoServer::patternBytes(0, 10));
    r = client.read();
    QCOMPARE(r.status, 404);
    r = client.read(true);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Length"), "5");
    r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, DemoServer::patternBytes(0, 70000));
    r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "redirect chain done\n");
    QCOMPARE(client.readFor(100), QByteArray());
    QCOMPARE(m_server.server().requestsServed() - servedBefore, 6);
}

void tst_DemoServer::headHasHeadersButNoBody()
{
    HttpClient client(port());
    client.send(get("/bytes/1000", {}, "HEAD"));
    HttpResponse r = client.read(true);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Length"), "1000");
    QCOMPARE(r.header("Accept-Ranges"), "bytes");
    QCOMPARE(client.readFor(200), QByteArray()); // not a single body byte

    client.send(get("/status/503", {}, "HEAD"));
    r = client.read(true);
    QCOMPARE(r.status, 503);
    QCOMPARE(r.header("Content-Length"), "11"); // as for GET: "status 503\n"
    client.send(get("/delay/10", {}, "HEAD"));
    r = client.read(true);
    QCOMPARE(r.status, 200);
    client.send(get("/", {}, "HEAD"));
    r = client.read(true);
    QCOMPARE(r.header("Content-Type"), "text/html; charset=utf-8");
    QCOMPARE(client.readFor(200), QByteArray());

    // The connection is still in step: the next answer starts right at a status line.
    client.send(get("/bytes/7"));
    r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, DemoServer::patternBytes(0, 7));
}

void tst_DemoServer::http10ClosesUnlessKeepAlive()
{
    {
        HttpClient client(port());
        client.send("GET /bytes/10 HTTP/1.0\r\n\r\n");
        const HttpResponse r = client.read();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Connection"), "close");
        QCOMPARE(r.body, DemoServer::patternBytes(0, 10));
        QVERIFY(client.waitForClose(5000));
    }
    {
        HttpClient client(port());
        client.send("GET /bytes/10 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
        HttpResponse r = client.read();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Connection"), "keep-alive");
        client.send("GET /bytes/20 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        r = client.read();
        QCOMPARE(r.body, DemoServer::patternBytes(0, 20));
        QVERIFY(client.isConnected());
    }
}

void tst_DemoServer::connectionCloseIsHonoured()
{
    HttpClient client(port());
    // Anything after a "Connection: close" request is not answered.
    client.send(get("/bytes/10", "Connection: close\r\n") + get("/bytes/20"));
    const HttpResponse r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Connection"), "close");
    QCOMPARE(r.body, DemoServer::patternBytes(0, 10));
    QVERIFY(client.waitForClose(5000));
    QCOMPARE(client.readFor(0), QByteArray());
}

void tst_DemoServer::delayTiming()
{
    HttpClient client(port());
    for (const int delay : { 200, 50 }) {
        QElapsedTimer timer;
        timer.start();
        client.send(get("/delay/" + QByteArray::number(delay)));
        const HttpResponse r = client.read();
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), "text/plain; charset=utf-8");
        QCOMPARE(r.body, "hello " + QByteArray::number(delay) + '\n');
        QVERIFY2(elapsed >= delay * 8 / 10 && elapsed <= delay * 3,
                 qPrintable(u"/delay/%1 took %2 ms"_s.arg(delay).arg(elapsed)));
    }
    client.send(get("/delay/600001"));
    QCOMPARE(client.read().status, 400);
    client.send(get("/delay/-5"));
    QCOMPARE(client.read().status, 400);
}

// 500 delayed requests at once, on 500 connections: a server that slept in threads would
// take 500 x 300 ms; a timer-driven one takes about 300 ms.
void tst_DemoServer::concurrentDelaysOnOneThread()
{
    constexpr int Count = 500;
    constexpr int DelayMs = 300;
    const qint64 limit = openFileLimit();
    if (limit >= 0 && limit < 2 * Count + 200)
        QSKIP(qPrintable(
                u"open file limit %1 is too low for %2 connections"_s.arg(limit).arg(Count)));

    const QByteArray request = get("/delay/" + QByteArray::number(DelayMs));
    const QByteArray expectedBody = "hello " + QByteArray::number(DelayMs) + '\n';
    std::vector<QByteArray> received(Count);
    int done = 0;
    qint64 finishedAfter = -1;
    QElapsedTimer timer;
    std::vector<std::unique_ptr<QTcpSocket>> sockets; // after what their handlers use
    timer.start();
    for (int i = 0; i < Count; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *s = socket.get();
        connect(s, &QTcpSocket::connected, s, [s, request] { s->write(request); });
        connect(s, &QTcpSocket::readyRead, s, [&, s, i] {
            received[size_t(i)] += s->readAll();
            if (received[size_t(i)].endsWith(expectedBody) && ++done == Count)
                finishedAfter = timer.elapsed();
        });
        s->connectToHost(QHostAddress::LocalHost, port());
        sockets.push_back(std::move(socket));
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, Count, 15000);
    qInfo("%d x /delay/%d answered after %lld ms", Count, DelayMs, finishedAfter);
    QVERIFY2(finishedAfter >= DelayMs * 8 / 10, qPrintable(QString::number(finishedAfter)));
    QVERIFY2(finishedAfter < 5 * DelayMs, qPrintable(QString::number(finishedAfter)));
    for (const QByteArray &response : received) {
        QVERIFY(response.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(response.contains("\r\nContent-Length: 10\r\n"));
    }
    // all connections were open at once, and are kept alive
    QCOMPARE(m_server.server().openConnections(), Count);
}

void tst_DemoServer::disconnectCancelsDelays()
{
    constexpr int DelayMs = 1000;
    const qint64 servedBefore = m_server.server().requestsServed();
    QElapsedTimer sent;
    sent.start();
    {
        std::vector<std::unique_ptr<HttpClient>> clients;
        for (int i = 0; i < 50; ++i) {
            clients.push_back(std::make_unique<HttpClient>(port()));
            clients.back()->send(get("/delay/" + QByteArray::number(DelayMs)));
        }
        QTRY_COMPARE(m_server.server().openConnections(), 50);
    }
    QTRY_COMPARE(m_server.server().openConnections(), 0);
    QVERIFY2(sent.elapsed() < DelayMs, "too slow to test before the timers fire");
    QTest::qWait(int(DelayMs + 300 - sent.elapsed()));
    // The timers died with their connections: nothing was answered.
    QCOMPARE(m_server.server().requestsServed(), servedBefore);
}

void tst_DemoServer::flakyCountsPerKey()
{
    m_server.server().resetFlakyCounters();
    HttpClient client(port());
    const auto fetch = [&client](const QByteArray &target) {
        client.send(get(target));
        return client.read();
    };

    HttpResponse r = fetch("/flaky/2?key=a");
    QCOMPARE(r.status, 503);
    QCOMPARE(r.body, "flaky: request 1 of 2 fails with 503\n");
    QVERIFY(!r.hasHeader("Retry-After"));
    QCOMPARE(fetch("/flaky/2?key=b").status, 503); // a different key counts on its own
    r = fetch("/flaky/2?key=a");
    QCOMPARE(r.status, 503);
    QCOMPARE(r.body, "flaky: request 2 of 2 fails with 503\n");
    r = fetch("/flaky/2?key=a");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, "ok\n");
    QCOMPARE(fetch("/flaky/2?key=a").status, 200);
    QCOMPARE(fetch("/flaky/2?key=b").status, 503);
    QCOMPARE(fetch("/flaky/2?key=b").status, 200);

    r = fetch("/flaky/1?key=c&retry_after=7");
    QCOMPARE(r.status, 503);
    QCOMPARE(r.header("Retry-After"), "7");
    r = fetch("/flaky/1?key=c&retry_after=7");
    QCOMPARE(r.status, 200);
    QVERIFY(!r.hasHeader("Retry-After"));
    QCOMPARE(fetch("/flaky/0?key=d").status, 200);
    QCOMPARE(fetch("/flaky/x").status, 400);

    // Counting is per server, not per connection.
    {
        HttpClient other(port());
        other.send(get("/flaky/3?key=e"));
        QCOMPARE(other.read().status, 503);
    }
    QCOMPARE(fetch("/flaky/3?key=e").body, "flaky: request 2 of 3 fails with 503\n");

    m_server.server().resetFlakyCounters();
    QCOMPARE(fetch("/flaky/2?key=a").status, 503);
    QCOMPARE(fetch("/flaky/2?key=a").status, 503);
    QCOMPARE(fetch("/flaky/2?key=a").status, 200);
}

void tst_DemoServer::status_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");

    for (int code : { 200, 201, 301, 404, 418, 429, 500, 599 }) {
        QTest::addRow("%d", code) << "/status/" + QByteArray::number(code) << code
                                  << "status " + QByteArray::number(code) + '\n'
                                  << QByteArray();
    }
    QTest::newRow("204 has no body")
            << QByteArray("/status/204") << 204 << QByteArray() << QByteArray();
    QTest::newRow("503 retry after") << QByteArray("/status/503?retry_after=5") << 503
                                     << QByteArray("status 503\n") << QByteArray("5");
    for (const char *bad : { "abc", "99", "100", "199", "600", "1000", "", "20x", "-200" }) {
        QTest::addRow("invalid '%s'", bad)
                << "/status/" + QByteArray(bad) << 400 << QByteArray() << QByteArray();
    }
    QTest::newRow("invalid retry_after")
            << QByteArray("/status/503?retry_after=soon") << 400 << QByteArray() << QByteArray();
}

void tst_DemoServer::status()
{
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);

    HttpClient client(port());
    client.send(get(target));
    const HttpResponse r = client.read();
    QCOMPARE(r.status, status);
    QVERIFY(r.complete);
    if (status != 400)
        QCOMPARE(r.body, body);
    QCOMPARE(r.header("Retry-After"), retryAfter);
    QCOMPARE(r.header("Server"), "qcrawl-demo");
    if (status == 204)
        QVERIFY(!r.hasHeader("Content-Length"));
    else
        QCOMPARE(r.header("Content-Length").toLongLong(), r.body.size());
    // even a 4xx/5xx keeps the connection
    client.send(get("/bytes/4"));
    QCOMPARE(client.read().body, DemoServer::patternBytes(0, 4));
}

void tst_DemoServer::redirectChain()
{
    HttpClient client(port());
    QByteArray target = "/redirect/3";
    int hops = 0;
    for (;;) {
        client.send(get(target));
        const HttpResponse r = client.read();
        if (r.status != 302) {
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, "redirect chain done\n");
            break;
        }
        QCOMPARE(r.header("Location"), "/redirect/" + QByteArray::number(2 - hops));
        target = r.header("Location");
        QVERIFY(++hops <= 3);
    }
    QCOMPARE(hops, 3);
    client.send(get("/redirect/x"));
    QCOMPARE(client.read().status, 400);
}

void tst_DemoServer::redirectTo_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");

    QTest::newRow("absolute") << QByteArray("url=http%3A%2F%2F127.0.0.1%3A1%2Fx%3Fa%3Db%26c") << 302
                              << QByteArray("http://127.0.0.1:1/x?a=b&c");
    QTest::newRow("relative") << QByteArray("url=%2Fbytes%2F10") << 302 << QByteArray("/bytes/10");
    QTest::newRow("other parameters too")
            << QByteArray("x=1&url=%2Fstall&y=2") << 302 << QByteArray("/stall");
    QTest::newRow("missing") << QByteArray("x=1") << 400 << QByteArray();
    QTest::newRow("empty") << QByteArray("url=") << 400 << QByteArray();
    QTest::newRow("header injection")
            << QByteArray("url=%2Fa%0D%0AX-Evil:%201") << 400 << QByteArray();
}

void tst_DemoServer::redirectTo()
{
    QFETCH(QByteArray, query);
    QFETCH(int, status);
    QFETCH(QByteArray, location);

    HttpClient client(port());
    client.send(get("/redirect-to?" + query));
    const HttpResponse r = client.read();
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Location"), location);
    QVERIFY(!r.hasHeader("X-Evil"));
}

void tst_DemoServer::dropClosesAfterHalfTheBody_data()
{
    QTest::addColumn<qint64>("size");
    for (qint64 size : { qint64(0), qint64(1000), qint64(3000000) })
        QTest::addRow("%lld", size) << size;
}

void tst_DemoServer::dropClosesAfterHalfTheBody()
{
    QFETCH(qint64, size);
    HttpClient client(port());
    client.send(get("/drop/" + QByteArray::number(size)));
    const HttpResponse r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Length").toLongLong(), 2 * size);
    QCOMPARE(r.header("Connection"), "close");
    QVERIFY(client.waitForClose(5000));
    QCOMPARE(r.complete, size == 0);
    QVERIFY2(r.body == DemoServer::patternBytes(0, size),
             mismatch(r.body, DemoServer::patternBytes(0, size)).constData());
    QCOMPARE(client.readFor(0), QByteArray());
}

void tst_DemoServer::stallSendsHeadersThenNothing()
{
    HttpClient client(port());
    client.send(get("/stall"));
    const HttpResponse r = client.readHead();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Length"), "1024");
    QCOMPARE(client.readFor(500), QByteArray());
    QVERIFY(client.isConnected());
    QCOMPARE(m_server.server().openConnections(), 1);
    // A pipelined request behind the stall is never answered either.
    client.send(get("/bytes/1"));
    QCOMPARE(client.readFor(200), QByteArray());
    // cleanup() checks that the server forgets the connection once the client leaves
}

void tst_DemoServer::unknownPathIs404()
{
    HttpClient client(port());
    for (const char *target : { "/nope", "/bytes", "/stall/1", "/BYTES/10", "/index.html" }) {
        client.send(get(target));
        const HttpResponse r = client.read();
        QVERIFY2(r.status == 404, target);
        QVERIFY(r.complete);
        QCOMPARE(r.body, "not found: " + QByteArray(target) + '\n');
    }
    // known endpoints with a bad argument are a bad request, not unknown
    for (const char *target : { "/delay/", "/bytes/10/", "/chunked/x", "/drop/-1" }) {
        client.send(get(target));
        QVERIFY2(client.read().status == 400, target);
    }
    QVERIFY(client.isConnected());
}

void tst_DemoServer::otherMethodsGet405AndTheirBodyIsSkipped()
{
    HttpClient client(port());
    client.send("POST /bytes/10 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + get("/bytes/10"));
    HttpResponse r = client.read();
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("Allow"), "GET, HEAD");
    r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, DemoServer::patternBytes(0, 10));

    // A larger body, arriving in pieces (some of it looking like a request).
    const QByteArray body = QByteArray(100000, 'x') + get("/status/500");
    client.send("PUT /x HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
                + body.left(50000));
    QCOMPARE(client.read().status, 405);
    client.send(body.mid(50000));
    client.send(get("/status/201"));
    r = client.read();
    QCOMPARE(r.status, 201);
    QCOMPARE(client.readFor(100), QByteArray());
}

void tst_DemoServer::malformedRequestIsRejectedAndClosed_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("bad version") << QByteArray("GET / HTTP/x.y\r\n\r\n") << 400;
    QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("relative target") << QByteArray("GET bytes/1 HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("folded header")
            << QByteArray("GET / HTTP/1.1\r\nX-A: 1\r\n continued\r\n\r\n") << 400;
    QTest::newRow("bad Content-Length")
            << QByteArray("GET / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n") << 400;
    QTest::newRow("conflicting Content-Length")
            << QByteArray("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
            << 400;
    QTest::newRow("chunked request body")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 501;
}

void tst_DemoServer::malformedRequestIsRejectedAndClosed()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    HttpClient client(port());
    client.send(request + get("/bytes/1"));
    const HttpResponse r = client.read();
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Connection"), "close");
    QVERIFY(r.complete);
    QVERIFY(client.waitForClose(5000));
    QCOMPARE(client.readFor(0), QByteArray()); // the request behind it was not answered
}

void tst_DemoServer::oversizedHeaderGets431()
{
    {
        HttpClient client(port());
        client.send("GET / HTTP/1.1\r\nX-Big: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n");
        const HttpResponse r = client.read();
        QCOMPARE(r.status, 431);
        QCOMPARE(r.header("Connection"), "close");
        QVERIFY(client.waitForClose(5000));
    }
    { // no end of headers in sight at all
        HttpClient client(port());
        client.send("GET / HTTP/1.1\r\n" + QByteArray(100 * 1024, 'b'));
        QCOMPARE(client.read().status, 431);
        QVERIFY(client.waitForClose(5000));
    }
    { // just under the limit is fine
        HttpClient client(port());
        client.send(get("/bytes/2", "X-Big: " + QByteArray(60 * 1024, 'c') + "\r\n"));
        QCOMPARE(client.read().status, 200);
    }
}

void tst_DemoServer::qnamReadsEndpoints()
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    const auto fetch = [&](const QString &pathAndQuery, const QByteArray &range = {}) {
        QNetworkRequest request(m_server.url(pathAndQuery));
        if (!range.isEmpty())
            request.setRawHeader("Range", range);
        std::unique_ptr<QNetworkReply> reply(nam.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        finished.wait(10000);
        return reply;
    };
    const auto statusOf = [](const std::unique_ptr<QNetworkReply> &reply) {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    };

    auto reply = fetch(u"/bytes/100000"_s);
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), DemoServer::patternBytes(0, 100000));

    reply = fetch(u"/chunked/100000"_s);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), DemoServer::patternBytes(0, 100000));

    reply = fetch(u"/bytes/100000"_s, "bytes=70000-");
    QCOMPARE(statusOf(reply), 206);
    QCOMPARE(reply->readAll(), DemoServer::patternBytes(70000, 30000));

    reply = fetch(u"/redirect/3"_s); // followed by QNAM's default redirect policy
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->url().path(), u"/redirect/0"_s);
    QCOMPARE(reply->readAll(), "redirect chain done\n");

    reply = fetch(u"/delay/20"_s);
    QCOMPARE(reply->readAll(), "hello 20\n");

    reply = fetch(u"/status/404"_s);
    QCOMPARE(reply->error(), QNetworkReply::ContentNotFoundError);
    QCOMPARE(statusOf(reply), 404);
    QCOMPARE(reply->readAll(), "status 404\n");
}

void tst_DemoServer::serverOnCallerThreadAndCloseAbortsConnections()
{
    DemoServer server;
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    QVERIFY(server.isListening());
    QVERIFY(server.errorString().isEmpty());
    QCOMPARE(server.address(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(server.baseUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(server.port())));

    QTcpSocket stalled;
    QByteArray stalledData;
    connect(&stalled, &QTcpSocket::readyRead, &stalled, [&] { stalledData += stalled.readAll(); });
    stalled.connectToHost(QHostAddress::LocalHost, server.port());
    QTcpSocket delayed;
    delayed.connectToHost(QHostAddress::LocalHost, server.port());
    QTRY_COMPARE(stalled.state(), QAbstractSocket::ConnectedState);
    QTRY_COMPARE(delayed.state(), QAbstractSocket::ConnectedState);
    stalled.write(get("/stall"));
    delayed.write(get("/delay/60000"));
    QTRY_VERIFY(stalledData.contains("\r\n\r\n"));
    QTRY_COMPARE(server.openConnections(), 2);
    QCOMPARE(server.requestsServed(), 1);

    server.close();
    QVERIFY(!server.isListening());
    QCOMPARE(server.openConnections(), 0);
    QTRY_COMPARE(stalled.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(delayed.state(), QAbstractSocket::UnconnectedState);

    // and it can listen again
    QVERIFY(server.listen());
    QTcpSocket again;
    QByteArray againData;
    connect(&again, &QTcpSocket::readyRead, &again, [&] { againData += again.readAll(); });
    connect(&again, &QTcpSocket::connected, &again, [&] { again.write(get("/bytes/3")); });
    again.connectToHost(QHostAddress::LocalHost, server.port());
    QTRY_VERIFY(againData.endsWith(QByteArray("\r\n\r\n" + DemoServer::patternBytes(0, 3))));
}

void tst_DemoServer::listenOnPortInUseFailsClearly()
{
    DemoServer first;
    QVERIFY(first.listen(QHostAddress::LocalHost, 0));
    const QString prefix = u"cannot listen on 127.0.0.1:%1: "_s.arg(first.port());

    DemoServer second;
    QVERIFY(!second.listen(QHostAddress::LocalHost, first.port()));
    QVERIFY(!second.isListening());
    QVERIFY2(second.errorString().startsWith(prefix), qPrintable(second.errorString()));
    QVERIFY(second.errorString().size() > prefix.size());
    QVERIFY(!second.errorString().contains(u'\n'));
    QVERIFY(second.baseUrl().isEmpty());

    DemoServerThread thread;
    QVERIFY(!thread.start(QHostAddress::LocalHost, first.port()));
    QVERIFY(!thread.isRunning());
    QCOMPARE(thread.errorString(), second.errorString());
    QCOMPARE(thread.port(), quint16(0));
    QVERIFY(thread.baseUrl().isEmpty());
    // and the same object can start fine afterwards
    QVERIFY2(thread.start(), qPrintable(thread.errorString()));
    QVERIFY(thread.errorString().isEmpty());
    QVERIFY(thread.port() != first.port());
}

void tst_DemoServer::threadStartStopRepeatedly()
{
    DemoServerThread thread;
    QVERIFY(!thread.isRunning());
    QCOMPARE(thread.openConnections(), 0); // harmless when stopped
    thread.stop();
    for (int round = 0; round < 5; ++round) {
        QVERIFY2(thread.start(), qPrintable(thread.errorString()));
        QVERIFY(thread.isRunning());
        QVERIFY(thread.port() != 0);
        QCOMPARE(thread.baseUrl(), QUrl(u"http://127.0.0.1:%1"_s.arg(thread.port())));
        QVERIFY(!thread.start()); // already running
        QVERIFY(thread.errorString().contains(u"already running"_s));
        {
            HttpClient client(thread.port());
            client.send(get("/bytes/100"));
            QCOMPARE(client.read().body, DemoServer::patternBytes(0, 100));
        }
        // Stop with work in flight: a stall, a pending delay, a stream the client does not read.
        HttpClient stalled(thread.port());
        stalled.send(get("/stall"));
        QCOMPARE(stalled.readHead().status, 200);
        HttpClient delayed(thread.port());
        delayed.send(get("/delay/60000"));
        HttpClient streaming(thread.port());
        streaming.send(get("/bytes/1000000000"));
        QCOMPARE(streaming.readHead().status, 200);
        QTRY_COMPARE(thread.openConnections(), 3);
        QCOMPARE(thread.requestsServed(), 3);

        thread.stop();
        QVERIFY(!thread.isRunning());
        QCOMPARE(thread.port(), quint16(0));
        QVERIFY(stalled.waitForClose(5000));
        QVERIFY(delayed.waitForClose(5000));
        QVERIFY(streaming.readFor(5000).size() < 100000000);
        QVERIFY(!streaming.isConnected());
    }
    // Destroyed while running, with a connection open.
    auto running = std::make_unique<DemoServerThread>();
    QVERIFY(running->start());
    HttpClient client(running->port());
    client.send(get("/stall"));
    QCOMPARE(client.readHead().status, 200);
    running.reset();
    QVERIFY(client.waitForClose(5000));
}

QTEST_GUILESS_MAIN(tst_DemoServer)
#include "tst_demoserver.moc"
