// qcrawl's HTTP/1.1 fast path (NetworkManager, Http1Reply, Http1Connection) against a scripted raw
// server: every byte the client sends is recorded, every byte it receives is written by the test.

#include "http1reply.h"
#include "networkmanager.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

#include <QBuffer>
#include <QEventLoop>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QScopeGuard>
#include <QScopedValueRollback>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#ifdef Q_OS_UNIX
#    include <sys/socket.h>
#endif

using namespace Qt::StringLiterals;
using qcrawl::Http1Reply;
using qcrawl::NetworkManager;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;

// Bytes that tell any offset from any other: a dropped or repeated block shows.
QByteArray patternBytes(qint64 offset, qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = char((quint32(offset + i) * 2654435761u) >> 24);
    return bytes;
}

// "deflate" as HTTP means it: a zlib stream (RFC 1950), which is qCompress() without its
// 4-byte length prefix.
QByteArray deflated(const QByteArray &data)
{
    if (data.isEmpty()) // qCompress() gives no stream at all for nothing
        return QByteArray("\x78\x9c\x03\x00\x00\x00\x00\x01", 8);
    return qCompress(data).mid(4);
}

quint32 crc32Of(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A gzip member (RFC 1952): the zlib stream's raw deflate data between a gzip header and trailer.
QByteArray gzipped(const QByteArray &data)
{
    const QByteArray zlib = deflated(data);
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out += zlib.mid(2, zlib.size() - 6);
    const quint32 trailer[] = { crc32Of(data), quint32(data.size()) };
    for (const quint32 value : trailer) {
        for (int shift = 0; shift < 32; shift += 8)
            out += char((value >> shift) & 0xff);
    }
    return out;
}

// body as chunks of at most size bytes, with the last chunk.
QByteArray chunkedBody(const QByteArray &body, qsizetype size)
{
    QByteArray out;
    for (qsizetype i = 0; i < body.size(); i += size) {
        const QByteArray chunk = body.mid(i, size);
        out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    }
    return out + "0\r\n\r\n";
}

// What ScriptServer does with one request head.
struct Step
{
    QByteArray target; // empty: any request; else only a request for this path and query
    QByteArray bytes; // the response, written as is
    int piece = 0; // > 0: written this many bytes at a time, one event-loop turn apart
    qint64 patternSize = 0; // then this many bytes of patternBytes(), as fast as the client reads
    bool answer = true; // false: close the connection without writing a byte
    bool reset = false; // that close sends RST instead of FIN
    bool close = false; // close (FIN) after the response
    bool held = false; // wait for ScriptServer::releaseHeld() before writing

    Step inPieces(int size) const
    {
        return with([size](Step &s) { s.piece = size; });
    }
    Step thenClose() const
    {
        return with([](Step &s) { s.close = true; });
    }
    Step thenPattern(qint64 size) const
    {
        return with([size](Step &s) { s.patternSize = size; });
    }
    Step forTarget(const QByteArray &t) const
    {
        return with([t](Step &s) { s.target = t; });
    }
    Step heldBack() const
    {
        return with([](Step &s) { s.held = true; });
    }

private:
    template<typename F>
    Step with(F change) const
    {
        Step s = *this;
        change(s);
        return s;
    }
};

Step respond(const QByteArray &bytes)
{
    Step step;
    step.bytes = bytes;
    return step;
}

Step hangUp()
{
    Step step;
    step.answer = false;
    return step;
}

Step resetConnection()
{
    Step step;
    step.answer = false;
    step.reset = true;
    return step;
}

// "HTTP/1.1 200 OK" with a Content-Length; headers are complete lines ("Name: value\r\n").
QByteArray ok(const QByteArray &body, const QByteArray &headers = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
            + headers + "\r\n" + body;
}

// A raw HTTP server on 127.0.0.1 that answers each request head with the next scripted Step and
// records what arrived on which connection. Lives on the test's thread, like the client.
class ScriptServer : public QTcpServer
{
public:
    struct Request
    {
        int connection = 0; // 1: the first connection the server accepted
        QByteArray head; // request line and header lines, up to and with the blank line

        QByteArray requestLine() const { return head.left(head.indexOf("\r\n")); }
        QByteArray target() const
        {
            const QList<QByteArray> parts = requestLine().split(' ');
            return parts.size() == 3 ? parts.at(1) : QByteArray();
        }
        QList<QPair<QByteArray, QByteArray>> headers() const
        {
            QList<QPair<QByteArray, QByteArray>> result;
            const QList<QByteArray> lines = head.chopped(4).split('\n');
            for (qsizetype i = 1; i < lines.size(); ++i) {
                QByteArray line = lines.at(i);
                if (line.endsWith('\r'))
                    line.chop(1);
                const qsizetype colon = line.indexOf(':');
                result.append({ line.left(colon), line.mid(colon + 1).trimmed() });
            }
            return result;
        }
        int count(const QByteArray &name) const
        {
            const auto all = headers();
            return int(std::count_if(all.cbegin(), all.cend(), [&name](const auto &header) {
                return header.first.compare(name, Qt::CaseInsensitive) == 0;
            }));
        }
        QByteArray header(const QByteArray &name) const // the first one; null if none
        {
            for (const auto &[key, value] : headers()) {
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            }
            return {};
        }
    };

    ScriptServer()
    {
        if (!listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen on 127.0.0.1: %s", qPrintable(errorString()));
    }
    ~ScriptServer() override
    {
        for (const auto &c : m_connections) {
            c->socket->disconnect();
            delete c->socket;
        }
    }

    QUrl url(const QString &pathAndQuery = u"/"_s) const
    {
        return QUrl(u"http://127.0.0.1:%1"_s.arg(serverPort()) + pathAndQuery);
    }
    QByteArray hostHeader() const { return "127.0.0.1:" + QByteArray::number(serverPort()); }

    void script(const Step &step) { m_steps.append(step); }
    qsizetype stepsLeft() const { return m_steps.size(); }
    const QList<Request> &requests() const { return m_requests; }
    QList<int> requestConnections() const
    {
        QList<int> result;
        for (const Request &request : m_requests)
            result.append(request.connection);
        return result;
    }
    Request requestFor(const QByteArray &target) const
    {
        for (const Request &request : m_requests) {
            if (request.target() == target)
                return request;
        }
        return {};
    }
    int connectionCount() const { return int(m_connections.size()); }
    bool isOpen(int connection) const // 1-based, as Request::connection
    {
        const Connection &c = *m_connections.at(connection - 1);
        return c.open && c.socket->state() == QAbstractSocket::ConnectedState;
    }
    qint64 patternSent() const { return m_patternSent; }

    void releaseHeld()
    {
        for (const auto &c : m_connections) {
            if (std::exchange(c->held, false))
                writeMore(c.get());
        }
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto connection = std::make_unique<Connection>();
        Connection *c = connection.get();
        c->index = connectionCount() + 1;
        c->socket = new QTcpSocket(this);
        c->socket->setSocketDescriptor(descriptor);
        m_connections.push_back(std::move(connection));
        connect(c->socket, &QTcpSocket::readyRead, c->socket, [this, c] {
            c->buffer += c->socket->readAll();
            serve(c);
        });
        connect(c->socket, &QTcpSocket::bytesWritten, c->socket, [this, c] {
            if (c->busy && !c->held && c->written >= c->step.bytes.size())
                writeMore(c);
        });
        connect(c->socket, &QTcpSocket::disconnected, c->socket, [c] { c->open = false; });
    }

private:
    struct Connection
    {
        int index = 0;
        QTcpSocket *socket = nullptr;
        QByteArray buffer; // request bytes not served yet
        bool open = true;
        bool busy = false; // answering a request
        bool held = false;
        bool writing = false;
        Step step;
        qint64 written = 0; // of step.bytes
        qint64 patternWritten = 0;
    };

    void serve(Connection *c)
    {
        while (c->open && !c->busy) {
            const qsizetype end = c->buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const Request request { c->index, c->buffer.left(end + 4) };
            c->buffer.remove(0, end + 4);
            m_requests.append(request);
            const auto step = std::find_if(m_steps.begin(), m_steps.end(), [&](const Step &s) {
                return s.target.isEmpty() || s.target == request.target();
            });
            if (step == m_steps.end())
                continue; // unscripted: never answered
            c->step = *step;
            m_steps.erase(step);
            if (!c->step.answer) {
                closeConnection(c, c->step.reset);
                return;
            }
            c->busy = true;
            c->written = 0;
            c->patternWritten = 0;
            c->held = c->step.held;
            if (!c->held)
                writeMore(c);
        }
    }

    void writeMore(Connection *c)
    {
        if (!c->open || c->writing)
            return;
        const QScopedValueRollback<bool> writing(c->writing, true);
        const Step &s = c->step;
        if (c->written < s.bytes.size()) {
            const qint64 left = s.bytes.size() - c->written;
            const qint64 n = s.piece > 0 ? std::min<qint64>(s.piece, left) : left;
            c->socket->write(s.bytes.constData() + c->written, n);
            c->written += n;
            if (s.piece > 0) {
                c->socket->flush();
                if (c->written < s.bytes.size()) {
                    QTimer::singleShot(0, c->socket, [this, c] { writeMore(c); });
                    return;
                }
            }
        }
        while (c->patternWritten < s.patternSize && c->socket->bytesToWrite() < MiB) {
            const qint64 n = std::min(256 * KiB, s.patternSize - c->patternWritten);
            c->socket->write(patternBytes(c->patternWritten, n));
            c->patternWritten += n;
            m_patternSent += n;
        }
        if (c->patternWritten < s.patternSize)
            return; // bytesWritten() brings us back
        c->busy = false;
        if (s.close) {
            closeConnection(c, false);
            return;
        }
        QTimer::singleShot(0, c->socket, [this, c] { serve(c); }); // a request sent meanwhile
    }

    void closeConnection(Connection *c, bool reset)
    {
        c->open = false;
        c->busy = false;
        if (reset) {
#ifdef Q_OS_UNIX
            const linger abortive { 1, 0 };
            ::setsockopt(int(c->socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive,
                         sizeof abortive);
#endif
            c->socket->abort();
        } else {
            c->socket->disconnectFromHost(); // after what is still being written
        }
    }

    std::vector<std::unique_ptr<Connection>> m_connections;
    QList<Step> m_steps;
    QList<Request> m_requests;
    qint64 m_patternSent = 0;
};

using ReplyPtr = std::unique_ptr<QNetworkReply>;

QNetworkRequest fastRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    return request;
}

// Waits for reply to finish; gives up only after stallMs without any sign of progress.
bool waitFinished(QNetworkReply *reply, int stallMs = 5000)
{
    if (reply->isFinished())
        return true;
    QEventLoop loop;
    QTimer stall;
    stall.setSingleShot(true);
    stall.setInterval(stallMs);
    const auto progress = [&stall] { stall.start(); };
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &stall, progress);
    QObject::connect(reply, &QNetworkReply::readyRead, &stall, progress);
    QObject::connect(reply, &QNetworkReply::downloadProgress, &stall, progress);
    QObject::connect(&stall, &QTimer::timeout, &loop, &QEventLoop::quit);
    stall.start();
    loop.exec();
    return reply->isFinished();
}

// A reply whose body is read as it arrives, on readyRead(), the way Transfer reads.
class Fetch
{
public:
    explicit Fetch(QNetworkReply *reply)
        : m_reply(reply)
        , m_body(std::make_shared<QByteArray>())
    {
        QObject::connect(reply, &QNetworkReply::readyRead, reply,
                         [reply, body = m_body] { *body += reply->readAll(); });
    }

    QNetworkReply *operator->() const { return m_reply.get(); }
    QNetworkReply *get() const { return m_reply.get(); }
    QByteArray body() const // all of it read so far
    {
        *m_body += m_reply->readAll();
        return *m_body;
    }

private:
    ReplyPtr m_reply;
    std::shared_ptr<QByteArray> m_body;
};

// A finished GET (or HEAD) through manager; check isFinished() on the result.
Fetch fetch(QNetworkAccessManager &manager, const QUrl &url, bool head = false)
{
    Fetch reply(head ? manager.head(fastRequest(url)) : manager.get(fastRequest(url)));
    waitFinished(reply.get());
    return reply;
}

// The signals a reply emitted, in order.
QStringList *logSignals(QNetworkReply *reply)
{
    auto *log = new QStringList;
    QObject::connect(reply, &QObject::destroyed, [log] { delete log; });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply,
                     [log] { log->append(u"metaDataChanged"_s); });
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [log] {
        if (log->isEmpty() || log->last() != u"readyRead")
            log->append(u"readyRead"_s);
    });
    QObject::connect(reply, &QNetworkReply::errorOccurred, reply,
                     [log] { log->append(u"errorOccurred"_s); });
    QObject::connect(reply, &QNetworkReply::finished, reply, [log] { log->append(u"finished"_s); });
    return log;
}

int statusOf(const QNetworkReply *reply)
{
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    return status.isValid() ? status.toInt() : -1;
}

quint16 unusedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen on 127.0.0.1");
    return server.serverPort(); // closed when server goes
}

class NoProxyFactory : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &) override
    {
        return { QNetworkProxy(QNetworkProxy::NoProxy) };
    }
};

enum class ProxySetup { None, ExplicitNoProxy, ExplicitHttpProxy, ApplicationHttpProxy, Factory };
enum class Op { Get, Head, Post, GetWithBody, Options };
enum class StaleCase { FinOnRequest, RstOnRequest, ClosedAfterResponse, ClosedWhileIdle };
enum class AbortWhen { BeforeConnected, AfterFirstReadyRead, InsideReadyRead };

} // namespace

Q_DECLARE_METATYPE(ProxySetup)
Q_DECLARE_METATYPE(Op)
Q_DECLARE_METATYPE(StaleCase)
Q_DECLARE_METATYPE(AbortWhen)

class TestHttp1 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void keepAliveReusesOneConnection_data();
    void keepAliveReusesOneConnection();
    void poolIsPerHostAndPort();
    void idlePoolReusesMostRecentFirst();

    void requestLineAndHeaders_data();
    void requestLineAndHeaders();
    void hostHeaderOmitsDefaultPort();
    void headSendsHead();

    void bodyFraming_data();
    void bodyFraming();
    void signalsInQtOrder();
    void finishesWithoutBeingRead_data();
    void finishesWithoutBeingRead();
    void headHasNoBody_data();
    void headHasNoBody();
    void noBodyStatuses_data();
    void noBodyStatuses();
    void interimResponsesSkipped_data();
    void interimResponsesSkipped();
    void statusLineParsed_data();
    void statusLineParsed();
    void connectionPersistence_data();
    void connectionPersistence();
    void duplicateHeadersCombinedLikeQt();
    void headWithinLimitsAccepted_data();
    void headWithinLimitsAccepted();
    void contentEncodingDecodedLikeQt_data();
    void contentEncodingDecodedLikeQt();
    void callersAcceptEncodingLeftAlone();

    void staleKeepAliveRetried_data();
    void staleKeepAliveRetried();
    void staleRetryOnlyOnce();
    void freshConnectionClosedIsAnError();

    void httpErrorStatus_data();
    void httpErrorStatus();
    void connectionRefused();
    void malformedResponse_data();
    void malformedResponse();

    void abortFinishesSynchronously_data();
    void abortFinishesSynchronously();
    void deletingRunningReply();

    void fastPathSelection_data();
    void fastPathSelection();
    void fastPathDisabledGoesThroughQt();

    void cookiesStoredAndSent_data();
    void cookiesStoredAndSent();

    void largeBodyStreamsWithBoundedBuffer_data();
    void largeBodyStreamsWithBoundedBuffer();
};

void TestHttp1::initTestCase()
{
    // Every test below relies on this: a plain manager takes the fast path for our requests.
    NetworkManager manager;
    ScriptServer server;
    QVERIFY(manager.isFastPathFor(QNetworkAccessManager::GetOperation, fastRequest(server.url())));
}

// 1. Keep-alive

void TestHttp1::keepAliveReusesOneConnection_data()
{
    QTest::addColumn<bool>("fromFinished");
    QTest::newRow("next request after the event loop") << false;
    QTest::newRow("next request from the finished signal") << true;
}

void TestHttp1::keepAliveReusesOneConnection()
{
    QFETCH(bool, fromFinished);
    constexpr int Count = 5;
    ScriptServer server;
    NetworkManager manager;
    for (int i = 0; i < Count; ++i)
        server.script(respond(ok("body number " + QByteArray::number(i))));

    QList<QByteArray> bodies;
    std::function<void()> next;
    std::vector<Fetch> replies; // deleted first: no finished() calls next() after this
    if (fromFinished) {
        // The way a crawler chains jobs: the next get() inside the previous finished().
        next = [&] {
            const QUrl url = server.url(u"/page/%1"_s.arg(replies.size()));
            replies.emplace_back(manager.get(fastRequest(url)));
            QNetworkReply *reply = replies.back().get();
            const size_t index = replies.size() - 1;
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, index] {
                QCOMPARE(reply->error(), QNetworkReply::NoError);
                bodies.append(replies.at(index).body());
                if (replies.size() < Count)
                    next();
            });
        };
        next();
        QTRY_COMPARE_WITH_TIMEOUT(bodies.size(), Count, 10000);
    } else {
        for (int i = 0; i < Count; ++i) {
            replies.push_back(fetch(manager, server.url(u"/page/%1"_s.arg(i))));
            QVERIFY(replies.back()->isFinished());
            QCOMPARE(replies.back()->error(), QNetworkReply::NoError);
            bodies.append(replies.back().body());
        }
    }

    for (int i = 0; i < Count; ++i) {
        QCOMPARE(bodies.at(i), "body number " + QByteArray::number(i));
        QCOMPARE(server.requests().at(i).target(), "/page/" + QByteArray::number(i));
    }
    QCOMPARE(server.requestConnections(), QList<int>(Count, 1));
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(manager.connectionsOpened(), 1);
    QTRY_COMPARE(manager.idleConnectionCount(), 1);
}

void TestHttp1::poolIsPerHostAndPort()
{
    ScriptServer a;
    ScriptServer b;
    NetworkManager manager;
    for (int i = 0; i < 2; ++i) {
        a.script(respond(ok("from a")));
        b.script(respond(ok("from b")));
    }
    for (int i = 0; i < 2; ++i) {
        Fetch fromA = fetch(manager, a.url());
        QVERIFY(fromA->isFinished());
        QCOMPARE(fromA.body(), "from a");
        Fetch fromB = fetch(manager, b.url());
        QVERIFY(fromB->isFinished());
        QCOMPARE(fromB.body(), "from b");
    }
    QCOMPARE(a.requestConnections(), QList<int>({ 1, 1 }));
    QCOMPARE(b.requestConnections(), QList<int>({ 1, 1 }));
    QCOMPARE(manager.connectionsOpened(), 2);
    QTRY_COMPARE(manager.idleConnectionCount(), 2);
}

void TestHttp1::idlePoolReusesMostRecentFirst()
{
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(ok("a")).forTarget("/a"));
    server.script(respond(ok("b")).forTarget("/b").heldBack());
    server.script(respond(ok("c")).forTarget("/c"));

    // Two at once: two connections. /a completes first, /b (held back) last.
    Fetch a(manager.get(fastRequest(server.url(u"/a"_s))));
    Fetch b(manager.get(fastRequest(server.url(u"/b"_s))));
    QVERIFY(waitFinished(a.get()));
    QTRY_COMPARE(server.requests().size(), 2);
    QTRY_COMPARE(manager.idleConnectionCount(), 1);
    server.releaseHeld();
    QVERIFY(waitFinished(b.get()));
    QCOMPARE(a.body(), "a");
    QCOMPARE(b.body(), "b");
    QCOMPARE(server.connectionCount(), 2);
    QTRY_COMPARE(manager.idleConnectionCount(), 2);

    Fetch c = fetch(manager, server.url(u"/c"_s));
    QVERIFY(c->isFinished());
    QCOMPARE(c.body(), "c");
    QCOMPARE(server.requestFor("/c").connection, server.requestFor("/b").connection);
    QCOMPARE(manager.connectionsOpened(), 2);
}

// 2. The request on the wire

void TestHttp1::requestLineAndHeaders_data()
{
    QTest::addColumn<QString>("pathAndQuery");
    QTest::addColumn<QByteArray>("target");

    QTest::newRow("root") << u"/"_s << QByteArray("/");
    QTest::newRow("no path") << QString() << QByteArray("/");
    QTest::newRow("query") << u"/search?q=a%20b&page=2"_s << QByteArray("/search?q=a%20b&page=2");
    QTest::newRow("percent-encoded path") // QUrl itself decodes %7E: "~" is unreserved
            << u"/a%2Fb/c%20d/%7Euser"_s << QByteArray("/a%2Fb/c%20d/~user");
    QTest::newRow("non-ASCII path and query")
            << u"/中文?名=值"_s << QByteArray("/%E4%B8%AD%E6%96%87?%E5%90%8D=%E5%80%BC");
    QTest::newRow("fragment not sent") << u"/page?x=1#section"_s << QByteArray("/page?x=1");
}

void TestHttp1::requestLineAndHeaders()
{
    QFETCH(QString, pathAndQuery);
    QFETCH(QByteArray, target);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(ok("fast")));

    QNetworkRequest request = fastRequest(server.url(pathAndQuery));
    request.setRawHeader("User-Agent", "qcrawl-test/1.0");
    request.setRawHeader("X-Custom", "a b, c");
    request.setRawHeader("Accept", "*/*");
    Fetch reply(manager.get(request));
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply.body(), "fast");

    QCOMPARE(server.requests().size(), 1);
    const ScriptServer::Request sent = server.requests().first();
    QCOMPARE(sent.requestLine(), "GET " + target + " HTTP/1.1");
    QCOMPARE(sent.count("Host"), 1);
    QCOMPARE(sent.header("Host"), server.hostHeader());
    QCOMPARE(sent.count("User-Agent"), 1);
    QCOMPARE(sent.header("User-Agent"), "qcrawl-test/1.0");
    QCOMPARE(sent.count("X-Custom"), 1);
    QCOMPARE(sent.header("X-Custom"), "a b, c");
    QCOMPARE(sent.count("Accept"), 1);
    QCOMPARE(sent.header("Accept"), "*/*");
    QCOMPARE(sent.count("Connection"), 1);
    QCOMPARE(sent.header("Connection"), "keep-alive");
    QCOMPARE(qobject_cast<Http1Reply *>(reply.get())->requestBytes(), sent.head);

    // Qt's own client sends the same target for the same URL.
    NetworkManager qt;
    qt.setFastPathEnabled(false);
    server.script(respond(ok("qt")));
    Fetch viaQt = fetch(qt, request.url());
    QVERIFY(viaQt->isFinished());
    QCOMPARE(viaQt.body(), "qt");
    QCOMPARE(server.requests().last().requestLine(), "GET " + target + " HTTP/1.1");
}

void TestHttp1::hostHeaderOmitsDefaultPort()
{
    NetworkManager manager;
    // Port 80 on this machine: the request is built before any connection, then aborted.
    ReplyPtr reply(manager.get(fastRequest(QUrl(u"http://127.0.0.1:80/x"_s))));
    auto *fast = qobject_cast<Http1Reply *>(reply.get());
    QVERIFY(fast);
    QTRY_VERIFY_WITH_TIMEOUT(!fast->requestBytes().isEmpty(), 2000);
    const QByteArray bytes = fast->requestBytes();
    reply->abort();
    QVERIFY2(bytes.startsWith("GET /x HTTP/1.1\r\n"), bytes.constData());
    QVERIFY2(bytes.contains("\r\nHost: 127.0.0.1\r\n"), bytes.constData());
}

void TestHttp1::headSendsHead()
{
    ScriptServer server;
    NetworkManager manager;
    server.script(respond("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"));
    Fetch reply = fetch(manager, server.url(u"/thing?a=1"_s), true);
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().requestLine(), "HEAD /thing?a=1 HTTP/1.1");
    QCOMPARE(server.requests().first().header("Connection"), "keep-alive");
}

// 3-5. Bodies and their framing

void TestHttp1::bodyFraming_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("piece");
    QTest::addColumn<bool>("serverCloses");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("reusable");

    const QByteArray text = "The quick brown fox jumps over the lazy dog.";
    const QByteArray chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "5;name=value\r\nhello\r\n"
                               "1a; ext=\"quoted;value\"\r\nabcdefghijklmnopqrstuvwxyz\r\n"
                               "A\r\n0123456789\r\n"
                               "0;last\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n";
    const QByteArray chunkedBody = "helloabcdefghijklmnopqrstuvwxyz0123456789";
    const QByteArray untilClose = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + text;

    QTest::newRow("content-length") << ok(text) << 0 << false << text << true;
    QTest::newRow("content-length, 1-byte pieces") << ok(text) << 1 << false << text << true;
    QTest::newRow("content-length 0") << ok({}) << 0 << false << QByteArray() << true;
    QTest::newRow("chunked, extensions and trailers")
            << chunked << 0 << false << chunkedBody << true;
    QTest::newRow("chunked, 1-byte pieces") << chunked << 1 << false << chunkedBody << true;
    QTest::newRow("chunked, 3-byte pieces") << chunked << 3 << false << chunkedBody << true;
    QTest::newRow("chunked, empty")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 0
            << false << QByteArray() << true;
    QTest::newRow("chunked, header case")
            << QByteArray("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
                          "3\r\nabc\r\n0\r\n\r\n")
            << 0 << false << QByteArray("abc") << true;
    // Both framings at once: chunked is read, but the connection is not trusted further (RFC
    // 9112 6.3).
    QTest::newRow("chunked wins over Content-Length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked"
                          "\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
            << 0 << false << QByteArray("hello") << false;
    QTest::newRow("until close") << untilClose << 0 << true << text << false;
    QTest::newRow("until close, 1-byte pieces") << untilClose << 1 << true << text << false;
    QTest::newRow("until close, HTTP/1.0")
            << QByteArray("HTTP/1.0 200 OK\r\n\r\n" + text) << 0 << true << text << false;
}

void TestHttp1::bodyFraming()
{
    QFETCH(QByteArray, response);
    QFETCH(int, piece);
    QFETCH(bool, serverCloses);
    QFETCH(QByteArray, body);
    QFETCH(bool, reusable);
    ScriptServer server;
    NetworkManager manager;
    Step step = respond(response).inPieces(piece);
    server.script(serverCloses ? step.thenClose() : step);
    server.script(respond(ok("next")));

    ReplyPtr reply(manager.get(fastRequest(server.url(u"/body"_s))));
    QByteArray received;
    int reads = 0;
    QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), [&] {
        ++reads;
        received += reply->readAll();
    });
    QVERIFY(waitFinished(reply.get()));
    received += reply->readAll();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(reply.get()), 200);
    QCOMPARE(received, body);
    if (piece == 1)
        QVERIFY2(reads > 1, "a body written a byte at a time came in one readyRead");

    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::NoError);
    QCOMPARE(next.body(), "next");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, reusable ? 1 : 2 }));
    QCOMPARE(manager.connectionsOpened(), reusable ? 1 : 2);
}

void TestHttp1::signalsInQtOrder()
{
    ScriptServer server;
    NetworkManager manager;
    const QByteArray body(5000, 'x');
    server.script(respond(ok(body)).inPieces(1000));
    Fetch reply(manager.get(fastRequest(server.url())));
    const QStringList *log = logSignals(reply.get());
    QList<QPair<qint64, qint64>> progress;
    QObject::connect(reply.get(), &QNetworkReply::downloadProgress, reply.get(),
                     [&](qint64 received, qint64 total) {
                         progress.append({ received, total });
                     });
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply.body(), body);
    QCOMPARE(log->first(), u"metaDataChanged"_s);
    QCOMPARE(log->count(u"metaDataChanged"_s), 1);
    QVERIFY(log->contains(u"readyRead"_s));
    QVERIFY(!log->contains(u"errorOccurred"_s));
    QCOMPARE(log->last(), u"finished"_s);
    QCOMPARE(log->count(u"finished"_s), 1);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), qMakePair(qint64(5000), qint64(5000)));
    QVERIFY(reply->isFinished());
    QVERIFY(!reply->isRunning());
}

void TestHttp1::finishesWithoutBeingRead_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QNetworkReply::NetworkError>("error");

    QTest::newRow("content-length")
            << ok("small page") << QByteArray("small page") << QNetworkReply::NoError;
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "5\r\nsmall\r\n5\r\n page\r\n0\r\n\r\n")
                             << QByteArray("small page") << QNetworkReply::NoError;
    QTest::newRow("404 page") << QByteArray(
            "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")
                              << QByteArray("not found") << QNetworkReply::ContentNotFoundError;
}

// The most common QNetworkReply use: nothing read until finished(), then readAll(). With no
// read buffer limit set, Qt downloads the whole body and then finishes.
void TestHttp1::finishesWithoutBeingRead()
{
    QFETCH(QByteArray, response);
    QFETCH(QByteArray, body);
    QFETCH(QNetworkReply::NetworkError, error);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response));

    ReplyPtr reply(manager.get(fastRequest(server.url())));
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    QByteArray inFinished;
    QObject::connect(reply.get(), &QNetworkReply::finished, reply.get(),
                     [&] { inFinished = reply->readAll(); });
    QVERIFY2(waitFinished(reply.get()), "finished() never came for an unread body");
    QCOMPARE(reply->error(), error);
    QCOMPARE(inFinished, body);
}

void TestHttp1::headHasNoBody_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QVariant>("length");

    QTest::newRow("Content-Length: 1000")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: text/html"
                          "\r\n\r\n")
            << QVariant(qint64(1000));
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                             << QVariant();
}

void TestHttp1::headHasNoBody()
{
    QFETCH(QByteArray, response);
    QFETCH(QVariant, length);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response));
    server.script(respond(ok("after head")));

    Fetch head = fetch(manager, server.url(u"/file"_s), true);
    QVERIFY(head->isFinished());
    QCOMPARE(head->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(head.get()), 200);
    QCOMPARE(head.body(), QByteArray());
    QCOMPARE(head->header(QNetworkRequest::ContentLengthHeader), length);

    Fetch get = fetch(manager, server.url(u"/file"_s));
    QVERIFY(get->isFinished());
    QCOMPARE(get.body(), "after head");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 1 }));
    QCOMPARE(manager.connectionsOpened(), 1);
}

void TestHttp1::noBodyStatuses_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("piece");
    QTest::addColumn<int>("status");

    QTest::newRow("204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 0 << 204;
    QTest::newRow("204, 1-byte pieces")
            << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 1 << 204;
    QTest::newRow("204 with Content-Length: 0")
            << QByteArray("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n") << 0 << 204;
    QTest::newRow("304") << QByteArray("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n") << 0
                         << 304;
    QTest::newRow("304 with the Content-Length of the unsent body")
            << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n") << 0 << 304;
}

void TestHttp1::noBodyStatuses()
{
    QFETCH(QByteArray, response);
    QFETCH(int, piece);
    QFETCH(int, status);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response).inPieces(piece));
    server.script(respond(ok("next")));

    Fetch reply = fetch(manager, server.url(u"/empty"_s));
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(reply.get()), status);
    QCOMPARE(reply.body(), QByteArray());

    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next.body(), "next");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 1 }));
}

void TestHttp1::interimResponsesSkipped_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("piece");

    const QByteArray finalResponse = ok("hello", "X-Final: yes\r\n");
    QTest::newRow("100 Continue") << QByteArray("HTTP/1.1 100 Continue\r\n\r\n" + finalResponse)
                                  << 0;
    QTest::newRow("100 Continue, 1-byte pieces")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\n" + finalResponse) << 1;
    QTest::newRow("103 Early Hints with headers") << QByteArray(
            "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n" + finalResponse)
                                                  << 0;
    QTest::newRow("two interim responses") << QByteArray(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n" + finalResponse)
                                           << 0;
}

void TestHttp1::interimResponsesSkipped()
{
    QFETCH(QByteArray, response);
    QFETCH(int, piece);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response).inPieces(piece));
    server.script(respond(ok("next")));

    Fetch reply(manager.get(fastRequest(server.url())));
    const QStringList *log = logSignals(reply.get());
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(reply.get()), 200);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), "OK");
    QCOMPARE(reply->rawHeader("X-Final"), "yes");
    QVERIFY(!reply->hasRawHeader("Link"));
    QCOMPARE(reply.body(), "hello");
    QCOMPARE(log->count(u"metaDataChanged"_s), 1);

    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next.body(), "next");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 1 }));
}

void TestHttp1::statusLineParsed_data()
{
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");

    QTest::newRow("200 OK") << QByteArray("HTTP/1.1 200 OK") << 200 << QByteArray("OK");
    QTest::newRow("reason with spaces") << QByteArray("HTTP/1.1 299 Some Custom Reason") << 299
                                        << QByteArray("Some Custom Reason");
    QTest::newRow("empty reason") << QByteArray("HTTP/1.1 200 ") << 200 << QByteArray();
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 201 Created") << 201 << QByteArray("Created");
}

void TestHttp1::statusLineParsed()
{
    QFETCH(QByteArray, statusLine);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(statusLine + "\r\nContent-Length: 2\r\n\r\nok"));
    Fetch reply = fetch(manager, server.url());
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(reply.get()), status);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), reason);
    QCOMPARE(reply.body(), "ok");
}

// 6. Which responses leave the connection open

void TestHttp1::connectionPersistence_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<bool>("reused");

    QTest::newRow("HTTP/1.1") << ok("ok") << true;
    QTest::newRow("HTTP/1.1, Connection: close") << ok("ok", "Connection: close\r\n") << false;
    QTest::newRow("HTTP/1.1, Connection: Close") << ok("ok", "Connection: Close\r\n") << false;
    QTest::newRow("HTTP/1.1, Connection: keep-alive")
            << ok("ok", "Connection: keep-alive\r\n") << true;
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
                              << false;
    QTest::newRow("HTTP/1.0, Connection: keep-alive") << QByteArray(
            "HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok")
                                                      << true;
    QTest::newRow("HTTP/1.0, Connection: Keep-Alive") << QByteArray(
            "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok")
                                                      << true;
}

void TestHttp1::connectionPersistence()
{
    QFETCH(QByteArray, response);
    QFETCH(bool, reused);
    ScriptServer server;
    NetworkManager manager;
    // The server never closes: only the client's reading of the response decides.
    server.script(respond(response));
    server.script(respond(ok("second")));

    Fetch first = fetch(manager, server.url(u"/first"_s));
    QVERIFY(first->isFinished());
    QCOMPARE(first->error(), QNetworkReply::NoError);
    QCOMPARE(first.body(), "ok");
    QTRY_COMPARE(manager.idleConnectionCount(), reused ? 1 : 0);
    if (!reused)
        QTRY_VERIFY2(!server.isOpen(1), "the client kept a connection it cannot reuse");

    Fetch second = fetch(manager, server.url(u"/second"_s));
    QVERIFY(second->isFinished());
    QCOMPARE(second.body(), "second");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, reused ? 1 : 2 }));
    QCOMPARE(manager.connectionsOpened(), reused ? 1 : 2);
}

// 7. Response headers

void TestHttp1::duplicateHeadersCombinedLikeQt()
{
    const QByteArray response = "HTTP/1.1 200 OK\r\n"
                                "X-A: 1\r\n"
                                "Content-Type: text/plain; charset=utf-8\r\n"
                                "x-a: 2\r\n"
                                "Set-Cookie: a=1\r\n"
                                "Set-Cookie: b=2\r\n"
                                "X-Padded:    spaced value  \r\n"
                                "X-Tight:tight\r\n"
                                "Content-Length: 5\r\n"
                                "\r\n"
                                "hello";
    ScriptServer server;
    NetworkManager manager;
    NetworkManager qt;
    qt.setFastPathEnabled(false);
    server.script(respond(response));
    server.script(respond(response));

    Fetch reply = fetch(manager, server.url());
    QVERIFY(reply->isFinished());
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->rawHeader("X-A"), "1, 2");
    QCOMPARE(reply->rawHeader("x-A"), "1, 2");
    QCOMPARE(reply->rawHeader("Set-Cookie"), "a=1\nb=2");
    QCOMPARE(reply->rawHeader("X-Padded"), "spaced value");
    QCOMPARE(reply->rawHeader("X-Tight"), "tight");
    QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
             u"text/plain; charset=utf-8"_s);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), 5);
    QCOMPARE(reply.body(), "hello");

    // Qt's client reads the same response the same way.
    Fetch viaQt = fetch(qt, server.url());
    QVERIFY(viaQt->isFinished());
    QVERIFY(!qobject_cast<Http1Reply *>(viaQt.get()));
    for (const QByteArray name : { "X-A", "Set-Cookie", "X-Padded", "X-Tight", "Content-Type" })
        QCOMPARE(reply->rawHeader(name), viaQt->rawHeader(name));
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader),
             viaQt->header(QNetworkRequest::ContentLengthHeader));
}

void TestHttp1::headWithinLimitsAccepted_data()
{
    QTest::addColumn<QByteArray>("headers");

    QByteArray many;
    for (int i = 0; i < 200; ++i)
        many += "X-Line-" + QByteArray::number(i) + ": " + QByteArray::number(i) + "\r\n";
    QTest::newRow("200 header lines") << many;
    QTest::newRow("a 60 KiB header") << QByteArray("X-Big: " + QByteArray(60 * KiB, 'a') + "\r\n");
}

void TestHttp1::headWithinLimitsAccepted()
{
    QFETCH(QByteArray, headers);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(ok("fine", headers)));
    Fetch reply = fetch(manager, server.url());
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply.body(), "fine");
    QVERIFY(reply->rawHeaderPairs().size() >= 2);
}

// Compressed bodies (what Qt's client does for the Accept-Encoding it adds itself)

void TestHttp1::contentEncodingDecodedLikeQt_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("piece");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QNetworkReply::NetworkError>("error");

    QByteArray text;
    for (int i = 0; i < 2000; ++i)
        text += "line " + QByteArray::number(i) + " of a compressible page\n";
    const auto withLength = [](const QByteArray &encoding,
                               const QByteArray &encoded) -> QByteArray {
        return "HTTP/1.1 200 OK\r\nContent-Encoding: " + encoding + "\r\nContent-Length: "
                + QByteArray::number(encoded.size()) + "\r\n\r\n" + encoded;
    };
    const QNetworkReply::NetworkError none = QNetworkReply::NoError;

    QTest::newRow("gzip") << withLength("gzip", gzipped(text)) << 0 << text << none;
    QTest::newRow("gzip, 7-byte pieces") << withLength("gzip", gzipped(text)) << 7 << text << none;
    QTest::newRow("deflate") << withLength("deflate", deflated(text)) << 0 << text << none;
    QTest::newRow("gzip, chunked") << QByteArray("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                                                 "Transfer-Encoding: chunked\r\n\r\n"
                                                 + chunkedBody(gzipped(text), 1000))
                                   << 0 << text << none;
    QTest::newRow("gzip, empty body")
            << withLength("gzip", gzipped({})) << 0 << QByteArray() << none;
    // A gzip header, then a deflate block of the reserved type 3: invalid from its first bits.
    QTest::newRow("corrupt gzip") << withLength(
            "gzip",
            QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x07", 11) + QByteArray(200, 'z'))
                                  << 0 << QByteArray() << QNetworkReply::UnknownContentError;
}

void TestHttp1::contentEncodingDecodedLikeQt()
{
    QFETCH(QByteArray, response);
    QFETCH(int, piece);
    QFETCH(QByteArray, body);
    QFETCH(QNetworkReply::NetworkError, error);
    {
        // Qt's client decodes the same response to the same bytes, or fails the same way.
        ScriptServer server;
        NetworkManager qt;
        qt.setFastPathEnabled(false);
        server.script(respond(response));
        Fetch viaQt = fetch(qt, server.url(u"/page"_s));
        QVERIFY(viaQt->isFinished());
        QCOMPARE(viaQt->error(), error);
        if (error == QNetworkReply::NoError)
            QCOMPARE(viaQt.body(), body);
    }
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response).inPieces(piece));
    server.script(respond(ok("next")));

    Fetch reply = fetch(manager, server.url(u"/page"_s));
    QVERIFY(reply->isFinished());
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    if (error == QNetworkReply::NoError)
        QCOMPARE(reply.body(), body);
    QCOMPARE(reply->error(), error);
    QVERIFY(server.requests().first().header("Accept-Encoding").contains("gzip"));

    if (error == QNetworkReply::NoError) { // the connection stays usable
        Fetch next = fetch(manager, server.url(u"/next"_s));
        QVERIFY(next->isFinished());
        QCOMPARE(next.body(), "next");
        QCOMPARE(server.requestConnections(), QList<int>({ 1, 1 }));
    }
}

void TestHttp1::callersAcceptEncodingLeftAlone()
{
    // A caller that asks for an encoding itself (Transfer's "identity" for a Range request)
    // gets the bytes as sent, as from Qt.
    const QByteArray encoded = gzipped("not decoded for this caller");
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(ok(encoded, "Content-Encoding: gzip\r\n")));
    QNetworkRequest request = fastRequest(server.url());
    request.setRawHeader("Accept-Encoding", "identity");
    Fetch reply(manager.get(request));
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply.body(), encoded);
    QCOMPARE(server.requests().first().count("Accept-Encoding"), 1);
    QCOMPARE(server.requests().first().header("Accept-Encoding"), "identity");
}

// 8. Stale keep-alive connections

void TestHttp1::staleKeepAliveRetried_data()
{
    QTest::addColumn<StaleCase>("stale");
    QTest::addColumn<QList<int>>("connections");

    QTest::newRow("server closes (FIN) when request 2 arrives")
            << StaleCase::FinOnRequest << QList<int>({ 1, 1, 2 });
    QTest::newRow("server resets (RST) when request 2 arrives")
            << StaleCase::RstOnRequest << QList<int>({ 1, 1, 2 });
    QTest::newRow("server closes right after response 1")
            << StaleCase::ClosedAfterResponse << QList<int>({ 1, 2 });
    QTest::newRow("server closes while the connection is idle")
            << StaleCase::ClosedWhileIdle << QList<int>({ 1, 2 });
}

void TestHttp1::staleKeepAliveRetried()
{
    QFETCH(StaleCase, stale);
    QFETCH(QList<int>, connections);
    ScriptServer server;
    NetworkManager manager;
    switch (stale) {
    case StaleCase::FinOnRequest:
        server.script(respond(ok("one")));
        server.script(hangUp());
        break;
    case StaleCase::RstOnRequest:
        server.script(respond(ok("one")));
        server.script(resetConnection());
        break;
    case StaleCase::ClosedAfterResponse:
    case StaleCase::ClosedWhileIdle:
        server.script(respond(ok("one")).thenClose()); // a keep-alive response, then FIN
        break;
    }
    server.script(respond(ok("two")));

    Fetch one = fetch(manager, server.url(u"/one"_s));
    QVERIFY(one->isFinished());
    QCOMPARE(one.body(), "one");
    if (stale == StaleCase::ClosedWhileIdle)
        QTRY_COMPARE(manager.idleConnectionCount(), 0); // the pool noticed the close

    Fetch two(manager.get(fastRequest(server.url(u"/two"_s))));
    const QStringList *log = logSignals(two.get());
    QVERIFY(waitFinished(two.get()));
    QCOMPARE(two->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(two.get()), 200);
    QCOMPARE(two.body(), "two");
    QVERIFY(!log->contains(u"errorOccurred"_s));
    QCOMPARE(log->count(u"metaDataChanged"_s), 1);
    QCOMPARE(server.requestConnections(), connections);
    QCOMPARE(server.requests().last().target(), "/two");
    QCOMPARE(manager.connectionsOpened(), 2);
}

void TestHttp1::staleRetryOnlyOnce()
{
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(ok("one")));
    server.script(hangUp()); // the reused connection
    server.script(hangUp()); // the fresh one too: a real failure
    server.script(respond(ok("never")));

    Fetch one = fetch(manager, server.url(u"/one"_s));
    QVERIFY(one->isFinished());
    Fetch two = fetch(manager, server.url(u"/two"_s));
    QVERIFY(two->isFinished());
    QCOMPARE(two->error(), QNetworkReply::RemoteHostClosedError);
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 1, 2 }));
    QCOMPARE(server.stepsLeft(), 1);
}

void TestHttp1::freshConnectionClosedIsAnError()
{
    ScriptServer server;
    NetworkManager manager;
    server.script(hangUp());
    server.script(respond(ok("never")));
    Fetch reply(manager.get(fastRequest(server.url())));
    const QStringList *log = logSignals(reply.get());
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
    QCOMPARE(*log, QStringList({ u"errorOccurred"_s, u"finished"_s }));
    QCOMPARE(server.requestConnections(), QList<int>({ 1 }));
    QCOMPARE(server.stepsLeft(), 1);
}

// 9. Errors

void TestHttp1::httpErrorStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QNetworkReply::NetworkError>("error");

    QTest::newRow("400") << 400 << QByteArray("Bad Request")
                         << QNetworkReply::ProtocolInvalidOperationError;
    QTest::newRow("401") << 401 << QByteArray("Unauthorized")
                         << QNetworkReply::AuthenticationRequiredError;
    QTest::newRow("403") << 403 << QByteArray("Forbidden") << QNetworkReply::ContentAccessDenied;
    QTest::newRow("404") << 404 << QByteArray("Not Found") << QNetworkReply::ContentNotFoundError;
    QTest::newRow("405") << 405 << QByteArray("Method Not Allowed")
                         << QNetworkReply::ContentOperationNotPermittedError;
    QTest::newRow("407") << 407 << QByteArray("Proxy Authentication Required")
                         << QNetworkReply::ProxyAuthenticationRequiredError;
    QTest::newRow("409") << 409 << QByteArray("Conflict") << QNetworkReply::ContentConflictError;
    QTest::newRow("410") << 410 << QByteArray("Gone") << QNetworkReply::ContentGoneError;
    QTest::newRow("418") << 418 << QByteArray("I'm a teapot")
                         << QNetworkReply::ProtocolInvalidOperationError;
    QTest::newRow("429") << 429 << QByteArray("Too Many Requests")
                         << QNetworkReply::UnknownContentError;
    QTest::newRow("500") << 500 << QByteArray("Internal Server Error")
                         << QNetworkReply::InternalServerError;
    QTest::newRow("501") << 501 << QByteArray("Not Implemented")
                         << QNetworkReply::OperationNotImplementedError;
    QTest::newRow("502") << 502 << QByteArray("Bad Gateway") << QNetworkReply::UnknownServerError;
    QTest::newRow("503") << 503 << QByteArray("Service Unavailable")
                         << QNetworkReply::ServiceUnavailableError;
}

void TestHttp1::httpErrorStatus()
{
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QNetworkReply::NetworkError, error);
    const QByteArray body = "error page " + QByteArray::number(status);
    const QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
            + "\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n\r\n" + body;
    {
        // What Qt's own client gives (the expectation checked against Qt first).
        ScriptServer server;
        NetworkManager qt;
        qt.setFastPathEnabled(false);
        server.script(respond(response));
        Fetch viaQt = fetch(qt, server.url(u"/missing"_s));
        QVERIFY(viaQt->isFinished());
        QCOMPARE(viaQt->error(), error);
        QCOMPARE(statusOf(viaQt.get()), status);
        QCOMPARE(viaQt.body(), body);
    }
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response));
    server.script(respond(ok("next")));

    Fetch reply(manager.get(fastRequest(server.url(u"/missing"_s))));
    const QStringList *log = logSignals(reply.get());
    QList<QNetworkReply::NetworkError> reported;
    QObject::connect(reply.get(), &QNetworkReply::errorOccurred, reply.get(),
                     [&](QNetworkReply::NetworkError e) { reported.append(e); });
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), error);
    QCOMPARE(reported, QList<QNetworkReply::NetworkError>({ error }));
    QCOMPARE(statusOf(reply.get()), status);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), reason);
    QCOMPARE(reply.body(), body);
    QCOMPARE(log->first(), u"metaDataChanged"_s);
    QCOMPARE(log->count(u"errorOccurred"_s), 1);
    QCOMPARE(log->count(u"finished"_s), 1);
    QCOMPARE(log->last(), u"finished"_s);
    QCOMPARE(log->at(log->size() - 2), u"errorOccurred"_s);

    // A complete error response leaves the connection usable.
    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next.body(), "next");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 1 }));
}

void TestHttp1::connectionRefused()
{
    NetworkManager manager;
    const quint16 port = unusedPort();
    Fetch reply(manager.get(fastRequest(QUrl(u"http://127.0.0.1:%1/"_s.arg(port)))));
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    const QStringList *log = logSignals(reply.get());
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    QCOMPARE(*log, QStringList({ u"errorOccurred"_s, u"finished"_s }));
    QVERIFY(!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());
    QVERIFY(!reply->errorString().isEmpty());
    QCOMPARE(manager.idleConnectionCount(), 0);
}

void TestHttp1::malformedResponse_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<bool>("serverCloses");
    QTest::addColumn<QNetworkReply::NetworkError>("error");

    QTest::newRow("body cut short (Content-Length)")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789") << true
            << QNetworkReply::RemoteHostClosedError;
    QTest::newRow("body cut short (chunked)")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n0123456789")
            << true << QNetworkReply::RemoteHostClosedError;
    QTest::newRow("body cut short (chunked, before the last chunk)")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")
            << true << QNetworkReply::RemoteHostClosedError;
    QTest::newRow("head cut short") << QByteArray("HTTP/1.1 200 OK\r\nContent-Le") << true
                                    << QNetworkReply::RemoteHostClosedError;
    QTest::newRow("garbage status line") << QByteArray("FOO BAR BAZ\r\nContent-Length: 0\r\n\r\n")
                                         << false << QNetworkReply::ProtocolFailure;
    QTest::newRow("not HTTP at all")
            << QByteArray("SSH-2.0-OpenSSH_9.2\r\n") << false << QNetworkReply::ProtocolFailure;
    QTest::newRow("status code not a number")
            << QByteArray("HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n") << false
            << QNetworkReply::ProtocolFailure;
    QTest::newRow("bad chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "zz\r\nhello\r\n0\r\n\r\n")
            << false << QNetworkReply::ProtocolFailure;
    QTest::newRow("a 70 KiB header")
            << QByteArray("HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(70 * KiB, 'a')
                          + "\r\nContent-Length: 0\r\n\r\n")
            << false << QNetworkReply::ProtocolFailure;
    QTest::newRow("a 70 KiB header line that never ends")
            << QByteArray("HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(70 * KiB, 'a')) << false
            << QNetworkReply::ProtocolFailure;
    QByteArray lines;
    for (int i = 0; i < 300; ++i)
        lines += "X-Line-" + QByteArray::number(i) + ": x\r\n";
    QTest::newRow("300 header lines")
            << QByteArray("HTTP/1.1 200 OK\r\n" + lines + "Content-Length: 0\r\n\r\n") << false
            << QNetworkReply::ProtocolFailure;
}

void TestHttp1::malformedResponse()
{
    QFETCH(QByteArray, response);
    QFETCH(bool, serverCloses);
    QFETCH(QNetworkReply::NetworkError, error);
    ScriptServer server;
    NetworkManager manager;
    const Step step = respond(response);
    server.script(serverCloses ? step.thenClose() : step);
    server.script(respond(ok("next")));

    Fetch reply(manager.get(fastRequest(server.url(u"/bad"_s))));
    const QStringList *log = logSignals(reply.get());
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), error);
    QVERIFY(!reply->errorString().isEmpty());
    QCOMPARE(log->count(u"errorOccurred"_s), 1);
    QCOMPARE(log->count(u"finished"_s), 1);
    QCOMPARE(log->last(), u"finished"_s);
    QCOMPARE(log->at(log->size() - 2), u"errorOccurred"_s);

    // The broken connection is closed and never reused.
    QTRY_VERIFY(!server.isOpen(1));
    QCOMPARE(manager.idleConnectionCount(), 0);
    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::NoError);
    QCOMPARE(next.body(), "next");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 2 }));
}

// 10. abort()

void TestHttp1::abortFinishesSynchronously_data()
{
    QTest::addColumn<AbortWhen>("when");
    QTest::newRow("before connected") << AbortWhen::BeforeConnected;
    QTest::newRow("after the first readyRead") << AbortWhen::AfterFirstReadyRead;
    QTest::newRow("inside readyRead") << AbortWhen::InsideReadyRead;
}

void TestHttp1::abortFinishesSynchronously()
{
    QFETCH(AbortWhen, when);
    ScriptServer server;
    NetworkManager manager;
    // 1000 bytes of a 100000-byte body, then the server waits forever.
    server.script(
            respond("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + QByteArray(1000, 'x'))
                    .forTarget("/big"));
    server.script(respond(ok("after abort")).forTarget("/next"));

    QPointer<QNetworkReply> reply = manager.get(fastRequest(server.url(u"/big"_s)));
    QVERIFY(qobject_cast<Http1Reply *>(reply.data()));
    QList<QNetworkReply::NetworkError> errors;
    int finished = 0;
    // What abort() left behind, seen right after it returned (deleteLater() may run soon after).
    struct AfterAbort
    {
        bool done = false;
        int finishedInside = 0;
        bool isFinished = false;
        bool isRunning = true;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        int finishedAfterSecondAbort = 0;
    } after;
    QObject::connect(reply, &QNetworkReply::errorOccurred, reply,
                     [&](QNetworkReply::NetworkError e) { errors.append(e); });
    QObject::connect(reply, &QNetworkReply::finished, reply, [&] {
        ++finished;
        reply->deleteLater(); // as Transfer does
    });
    const auto abortNow = [&] {
        const int before = finished;
        reply->abort();
        after.finishedInside = finished - before;
        after.isFinished = reply->isFinished();
        after.isRunning = reply->isRunning();
        after.error = reply->error();
        reply->abort(); // again: nothing more happens
        after.finishedAfterSecondAbort = finished - before;
        after.done = true;
    };
    const auto cleanup = qScopeGuard([&] { delete reply.data(); }); // a failure returned early

    switch (when) {
    case AbortWhen::BeforeConnected:
        abortNow();
        break;
    case AbortWhen::AfterFirstReadyRead: {
        QSignalSpy readyRead(reply.data(), &QNetworkReply::readyRead);
        QVERIFY(readyRead.wait(5000));
        QVERIFY(reply->bytesAvailable() > 0);
        abortNow();
        break;
    }
    case AbortWhen::InsideReadyRead:
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
            reply->read(100);
            if (!after.done)
                abortNow();
        });
        QTRY_VERIFY_WITH_TIMEOUT(after.done, 5000);
        break;
    }
    QCOMPARE(after.finishedInside, 1); // finished() inside abort(), not later
    QCOMPARE(after.finishedAfterSecondAbort, 1);
    QVERIFY(after.isFinished);
    QVERIFY(!after.isRunning);
    QCOMPARE(after.error, QNetworkReply::OperationCanceledError);
    QCOMPARE(errors, QList<QNetworkReply::NetworkError>({ QNetworkReply::OperationCanceledError }));

    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::NoError);
    QCOMPARE(next.body(), "after abort");
    QCOMPARE(finished, 1);
    QTRY_VERIFY(reply.isNull());
    if (when != AbortWhen::BeforeConnected) {
        // The aborted connection is closed, not handed to the next request.
        QCOMPARE(server.requestFor("/big").connection, 1);
        QCOMPARE(server.requestFor("/next").connection, 2);
        QTRY_VERIFY(!server.isOpen(1));
    }
}

void TestHttp1::deletingRunningReply()
{
    ScriptServer server;
    NetworkManager manager;
    server.script(
            respond("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + QByteArray(1000, 'x'))
                    .forTarget("/big"));
    server.script(respond(ok("after delete")).forTarget("/next"));

    auto *reply = manager.get(fastRequest(server.url(u"/big"_s)));
    QSignalSpy readyRead(reply, &QNetworkReply::readyRead);
    QVERIFY(readyRead.wait(5000));
    delete reply;

    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next.body(), "after delete");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 2 }));
    QTRY_VERIFY(!server.isOpen(1));
}

// 11. Which requests take the fast path

void TestHttp1::fastPathSelection_data()
{
    QTest::addColumn<QString>("url"); // %1: the server's port
    QTest::addColumn<Op>("op");
    QTest::addColumn<int>("redirectPolicy"); // -1: attribute not set
    QTest::addColumn<ProxySetup>("proxy");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("fast");

    const QString http = u"http://127.0.0.1:%1/path"_s;
    const int manual = QNetworkRequest::ManualRedirectPolicy;
    QTest::newRow("GET") << http << Op::Get << manual << ProxySetup::None << true << true;
    QTest::newRow("HEAD") << http << Op::Head << manual << ProxySetup::None << true << true;
    QTest::newRow("GET, explicit NoProxy")
            << http << Op::Get << manual << ProxySetup::ExplicitNoProxy << true << true;
    QTest::newRow("https") << u"https://127.0.0.1:%1/path"_s << Op::Get << manual
                           << ProxySetup::None << true << false;
    QTest::newRow("POST") << http << Op::Post << manual << ProxySetup::None << true << false;
    QTest::newRow("GET with a body")
            << http << Op::GetWithBody << manual << ProxySetup::None << true << false;
    QTest::newRow("OPTIONS") << http << Op::Options << manual << ProxySetup::None << true << false;
    QTest::newRow("user and password in the URL")
            << u"http://user:secret@127.0.0.1:%1/path"_s << Op::Get << manual << ProxySetup::None
            << true << false;
    QTest::newRow("user in the URL") << u"http://user@127.0.0.1:%1/path"_s << Op::Get << manual
                                     << ProxySetup::None << true << false;
    QTest::newRow("no redirect policy")
            << http << Op::Get << -1 << ProxySetup::None << true << false;
    QTest::newRow("NoLessSafeRedirectPolicy")
            << http << Op::Get << int(QNetworkRequest::NoLessSafeRedirectPolicy) << ProxySetup::None
            << true << false;
    QTest::newRow("explicit HTTP proxy")
            << http << Op::Get << manual << ProxySetup::ExplicitHttpProxy << true << false;
    QTest::newRow("application HTTP proxy")
            << http << Op::Get << manual << ProxySetup::ApplicationHttpProxy << true << false;
    QTest::newRow("proxy factory")
            << http << Op::Get << manual << ProxySetup::Factory << true << false;
    QTest::newRow("fast path disabled")
            << http << Op::Get << manual << ProxySetup::None << false << false;
}

void TestHttp1::fastPathSelection()
{
    QFETCH(QString, url);
    QFETCH(Op, op);
    QFETCH(int, redirectPolicy);
    QFETCH(ProxySetup, proxy);
    QFETCH(bool, enabled);
    QFETCH(bool, fast);
    ScriptServer server;
    NetworkManager manager;
    manager.setFastPathEnabled(enabled);
    const QNetworkProxy httpProxy(QNetworkProxy::HttpProxy, u"127.0.0.1"_s, unusedPort());
    const bool systemProxies = QNetworkProxyFactory::usesSystemConfiguration();
    const auto restore = qScopeGuard([&] {
        if (proxy == ProxySetup::ApplicationHttpProxy) {
            QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
            QNetworkProxyFactory::setUseSystemConfiguration(systemProxies);
        }
    });
    switch (proxy) {
    case ProxySetup::None:
        break;
    case ProxySetup::ExplicitNoProxy:
        manager.setProxy(QNetworkProxy::NoProxy);
        break;
    case ProxySetup::ExplicitHttpProxy:
        manager.setProxy(httpProxy);
        break;
    case ProxySetup::ApplicationHttpProxy:
        QNetworkProxy::setApplicationProxy(httpProxy);
        break;
    case ProxySetup::Factory:
        manager.setProxyFactory(new NoProxyFactory);
        break;
    }

    QNetworkRequest request(QUrl(url.arg(server.serverPort())));
    if (redirectPolicy >= 0)
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, redirectPolicy);
    QBuffer body;
    body.setData("data");
    body.open(QIODevice::ReadOnly);

    ReplyPtr reply;
    switch (op) {
    case Op::Get:
        QCOMPARE(manager.isFastPathFor(QNetworkAccessManager::GetOperation, request), fast);
        reply.reset(manager.get(request));
        break;
    case Op::Head:
        QCOMPARE(manager.isFastPathFor(QNetworkAccessManager::HeadOperation, request), fast);
        reply.reset(manager.head(request));
        break;
    case Op::Post:
        QCOMPARE(manager.isFastPathFor(QNetworkAccessManager::PostOperation, request, &body), fast);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"text/plain"_s);
        reply.reset(manager.post(request, &body));
        break;
    case Op::GetWithBody:
        QCOMPARE(manager.isFastPathFor(QNetworkAccessManager::GetOperation, request, &body), fast);
        reply.reset(manager.sendCustomRequest(request, "GET", &body));
        break;
    case Op::Options:
        QCOMPARE(manager.isFastPathFor(QNetworkAccessManager::CustomOperation, request), fast);
        reply.reset(manager.sendCustomRequest(request, "OPTIONS"));
        break;
    }
    QVERIFY(reply);
    QCOMPARE(qobject_cast<Http1Reply *>(reply.get()) != nullptr, fast);
    reply->abort();
    QVERIFY(reply->isFinished());
}

void TestHttp1::fastPathDisabledGoesThroughQt()
{
    ScriptServer server;
    NetworkManager manager;
    manager.setFastPathEnabled(false);
    server.script(respond(ok("through Qt")));
    Fetch reply = fetch(manager, server.url());
    QVERIFY(reply->isFinished());
    QVERIFY(!qobject_cast<Http1Reply *>(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply.body(), "through Qt");
    QCOMPARE(manager.connectionsOpened(), 0);
}

// 12. Cookies

void TestHttp1::cookiesStoredAndSent_data()
{
    QTest::addColumn<QByteArray>("setCookies"); // header lines of response 1
    QTest::addColumn<QByteArray>("cookie"); // the Cookie header of request 2; null: none

    QTest::newRow("one cookie") << QByteArray("Set-Cookie: name=value; Path=/\r\n")
                                << QByteArray("name=value");
    QTest::newRow("two cookies") << QByteArray(
            "Set-Cookie: a=1; Path=/\r\nSet-Cookie: b=2; Path=/\r\n")
                                 << QByteArray("a=1; b=2");
    QTest::newRow("cookie for another path")
            << QByteArray("Set-Cookie: a=1; Path=/private\r\n") << QByteArray();
    QTest::newRow("expired cookie")
            << QByteArray("Set-Cookie: a=1; Path=/; Max-Age=0\r\n") << QByteArray();
}

void TestHttp1::cookiesStoredAndSent()
{
    QFETCH(QByteArray, setCookies);
    QFETCH(QByteArray, cookie);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(ok("one", setCookies)));
    server.script(respond(ok("two")));

    Fetch one = fetch(manager, server.url(u"/login"_s));
    QVERIFY(one->isFinished());
    QCOMPARE(one->error(), QNetworkReply::NoError);
    Fetch two = fetch(manager, server.url(u"/next"_s));
    QVERIFY(two->isFinished());
    QCOMPARE(two.body(), "two");

    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(0).count("Cookie"), 0);
    QCOMPARE(server.requests().at(1).count("Cookie"), cookie.isNull() ? 0 : 1);
    QCOMPARE(server.requests().at(1).header("Cookie"), cookie);
    if (!cookie.isNull()) {
        QByteArrayList inJar;
        for (const QNetworkCookie &c : manager.cookieJar()->cookiesForUrl(server.url(u"/next"_s)))
            inJar.append(c.toRawForm(QNetworkCookie::NameAndValueOnly));
        QCOMPARE(inJar.join("; "), cookie);
    }
}

// 13. A large body with a bounded read buffer

void TestHttp1::largeBodyStreamsWithBoundedBuffer_data()
{
    QTest::addColumn<bool>("readerPauses");
    QTest::newRow("reader keeps up") << false;
    QTest::newRow("reader pauses") << true;
}

void TestHttp1::largeBodyStreamsWithBoundedBuffer()
{
    QFETCH(bool, readerPauses);
    constexpr qint64 Size = 32 * MiB;
    constexpr qint64 Limit = 256 * KiB;
    ScriptServer server;
    NetworkManager manager;
    server.script(
            respond("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(Size) + "\r\n\r\n")
                    .thenPattern(Size));

    ReplyPtr reply(manager.get(fastRequest(server.url(u"/large"_s))));
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    reply->setReadBufferSize(Limit); // after get(), as Transfer does
    qint64 received = 0;
    qint64 maxAvailable = 0;
    qint64 firstMismatch = -1;
    bool reading = !readerPauses;
    QByteArray buffer(64 * KiB, Qt::Uninitialized);
    const auto drain = [&] {
        maxAvailable = std::max(maxAvailable, reply->bytesAvailable());
        qint64 n;
        while ((n = reply->read(buffer.data(), buffer.size())) > 0) {
            if (firstMismatch < 0
                && QByteArray::fromRawData(buffer.constData(), n) != patternBytes(received, n))
                firstMismatch = received;
            received += n;
        }
    };
    QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), [&] {
        maxAvailable = std::max(maxAvailable, reply->bytesAvailable());
        if (reading)
            drain();
    });
    QSignalSpy progress(reply.get(), &QNetworkReply::downloadProgress);

    if (readerPauses) {
        QSignalSpy readyRead(reply.get(), &QNetworkReply::readyRead);
        QVERIFY(readyRead.wait(5000));
        // The reader is busy elsewhere for a while: what arrives meanwhile must wait in the
        // socket (and the server), not pile up in the reply.
        QTest::qWait(500);
        QVERIFY2(reply->bytesAvailable() <= 2 * Limit,
                 QByteArray::number(reply->bytesAvailable()).constData());
        QVERIFY2(server.patternSent() < Size / 2,
                 QByteArray::number(server.patternSent()).constData());
        reading = true;
        drain();
    }
    QVERIFY(waitFinished(reply.get(), 10000));
    drain();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(received, Size);
    QCOMPARE(firstMismatch, -1);
    QVERIFY2(maxAvailable <= 2 * Limit, QByteArray::number(maxAvailable).constData());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), Size);
    QCOMPARE(progress.last().at(1).toLongLong(), Size);
}

QTEST_GUILESS_MAIN(TestHttp1)
#include "tst_http1.moc"
