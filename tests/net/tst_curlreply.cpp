// qcrawl's libcurl transport (NetworkManager, CurlReply, CurlMulti) against a scripted raw server
// (scriptserver.h): every byte the client sends is recorded, every byte it receives is written by
// the test. Where CurlReply promises to behave like Qt's own client, the same bytes go through
// Qt too.

#include "net/curlreply.h"
#include "net/networkmanager.h"
#include "scriptserver.h"
#include "testutil.h"

#include <functional>
#include <memory>
#include <vector>

#include <QBuffer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace qcrawl::test;
using qcrawl::CurlReply;
using qcrawl::NetworkManager;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
constexpr int StallMs = 30'000; // the machine may be loaded: only this long without progress fails
constexpr int TryMs = 20'000;

// In a table of expected errors: any error will do, as long as there is one. (NoError, which
// such a table never expects; not a value outside the enum, which UBSan rightly refuses.)
constexpr auto AnyError = QNetworkReply::NoError;

using ReplyPtr = std::unique_ptr<QNetworkReply>;

// Waits for reply to finish; gives up only after stallMs without any sign of progress.
bool waitFinished(QNetworkReply *reply, int stallMs = StallMs)
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
    const QNetworkRequest request(url);
    Fetch reply(head ? manager.head(request) : manager.get(request));
    waitFinished(reply.get());
    return reply;
}

// The signals a reply emitted, in order; consecutive readyRead()s count as one.
std::shared_ptr<QStringList> logSignals(QNetworkReply *reply)
{
    auto log = std::make_shared<QStringList>();
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

bool isCurl(const QNetworkReply *reply)
{
    return qobject_cast<const CurlReply *>(reply) != nullptr;
}

// A compressible text body of about size bytes.
QByteArray textOfSize(qsizetype size)
{
    QByteArray text;
    for (int i = 0; text.size() < size; ++i)
        text += "line " + QByteArray::number(i) + " of a compressible page\n";
    return text.left(size);
}

// A 200 response with a 4-byte body whose head (status line to blank line) is exactly headBytes
// long, padded with header lines of at most 64 KiB (curl refuses lines over 100 KiB itself).
QByteArray responseWithHeadOf(qsizetype headBytes)
{
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n";
    for (int i = 0; head.size() + 2 < headBytes; ++i) {
        const QByteArray name = "X-Fill-" + QByteArray::number(i) + ": ";
        const qsizetype room = headBytes - 2 - head.size() - name.size() - 2;
        if (room < 1) { // too little left for another line: make the previous one longer
            head.insert(head.size() - 2, QByteArray(headBytes - 2 - head.size(), 'b'));
            break;
        }
        head += name + QByteArray(std::min<qsizetype>(room, 64 * KiB), 'a') + "\r\n";
    }
    return head + "\r\nfine";
}

QByteArray responseWithHeaderLines(int lines)
{
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n";
    for (int i = 1; i < lines; ++i)
        head += "X-Line-" + QByteArray::number(i) + ": x\r\n";
    return head + "\r\nfine";
}

// Keeps the event loop running until value() has not changed for steadyMs (or timeoutMs passed):
// for what must stop growing, where no signal says it stopped.
qint64 waitUntilSteady(const std::function<qint64()> &value, int steadyMs, int timeoutMs)
{
    QElapsedTimer total;
    total.start();
    QElapsedTimer unchanged;
    unchanged.start();
    qint64 last = value();
    while (unchanged.elapsed() < steadyMs && total.elapsed() < timeoutMs) {
        QTest::qWait(50);
        if (const qint64 now = value(); now != last) {
            last = now;
            unchanged.restart();
        }
    }
    return last;
}

enum class Op { Get, Head, Post, GetWithBody };
enum class End { Stay, Fin, Rst }; // what the server does after the response
enum class StaleCase { FinOnRequest, RstOnRequest, ClosedAfterResponse };
enum class AbortWhen { BeforeConnected, AfterFirstReadyRead, InsideReadyRead };

} // namespace

Q_DECLARE_METATYPE(Op)
Q_DECLARE_METATYPE(End)
Q_DECLARE_METATYPE(StaleCase)
Q_DECLARE_METATYPE(AbortWhen)

class TestCurlReply : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void keepAliveReusesOneConnection_data();
    void keepAliveReusesOneConnection();
    void requestLineAndHeaders_data();
    void requestLineAndHeaders();
    void headSendsHeadAndHasNoBody_data();
    void headSendsHeadAndHasNoBody();

    void bodyFraming_data();
    void bodyFraming();
    void signalsInQtOrder_data();
    void signalsInQtOrder();
    void finishesWithoutBeingRead_data();
    void finishesWithoutBeingRead();
    void noBodyStatuses_data();
    void noBodyStatuses();
    void interimResponsesSkipped_data();
    void interimResponsesSkipped();
    void statusLineParsed_data();
    void statusLineParsed();
    void duplicateHeadersCombinedLikeQt();
    void headWithinLimitsAccepted_data();
    void headWithinLimitsAccepted();

    void contentEncodingDecoded_data();
    void contentEncodingDecoded();
    void callersAcceptEncodingLeftAlone();
    void cookiesStoredAndSent_data();
    void cookiesStoredAndSent();

    void staleKeepAliveGetsFreshConnection_data();
    void staleKeepAliveGetsFreshConnection();
    void httpErrorStatusLikeQt_data();
    void httpErrorStatusLikeQt();
    void connectionRefused();
    void hostileResponseIsAnError_data();
    void hostileResponseIsAnError();
    void partialContentOnlyForRange_data();
    void partialContentOnlyForRange();

    void abortFinishesSynchronously_data();
    void abortFinishesSynchronously();
    void deletingRunningReply();

    void curlSelection_data();
    void curlSelection();
    void qtHttpGoesThroughQt();

    void unreadBodyPausesTransfer_data();
    void unreadBodyPausesTransfer();
};

void TestCurlReply::initTestCase()
{
    // Every test below relies on this: a plain manager answers a plain GET with curl.
    NetworkManager manager;
    ScriptServer server;
    QVERIFY(manager.isCurlFor(QNetworkAccessManager::GetOperation, QNetworkRequest(server.url())));
}

// 1. Connections and the request on the wire

void TestCurlReply::keepAliveReusesOneConnection_data()
{
    QTest::addColumn<bool>("fromFinished");
    QTest::newRow("next request after the event loop") << false;
    QTest::newRow("next request from the finished signal") << true;
}

void TestCurlReply::keepAliveReusesOneConnection()
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
            replies.emplace_back(manager.get(QNetworkRequest(url)));
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
        QTRY_COMPARE_WITH_TIMEOUT(bodies.size(), Count, TryMs);
    } else {
        for (int i = 0; i < Count; ++i) {
            replies.push_back(fetch(manager, server.url(u"/page/%1"_s.arg(i))));
            QVERIFY(replies.back()->isFinished());
            QCOMPARE(replies.back()->error(), QNetworkReply::NoError);
            bodies.append(replies.back().body());
        }
    }

    for (int i = 0; i < Count; ++i) {
        QVERIFY(isCurl(replies.at(i).get()));
        QCOMPARE(bodies.at(i), "body number " + QByteArray::number(i));
        QCOMPARE(server.requests().at(i).target(), "/page/" + QByteArray::number(i));
    }
    QCOMPARE(server.requestConnections(), QList<int>(Count, 1));
    QCOMPARE(server.connectionCount(), 1);
}

void TestCurlReply::requestLineAndHeaders_data()
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

void TestCurlReply::requestLineAndHeaders()
{
    QFETCH(QString, pathAndQuery);
    QFETCH(QByteArray, target);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(ok("curl")));

    QNetworkRequest request(server.url(pathAndQuery));
    request.setRawHeader("User-Agent", "qcrawl-test/1.0");
    request.setRawHeader("X-Custom", "a b, c");
    request.setRawHeader("X-Empty", ""); // empty, not null: sent with no value
    request.setRawHeader("Accept", "text/html");
    Fetch reply(manager.get(request));
    QVERIFY(isCurl(reply.get()));
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply.body(), "curl");

    QCOMPARE(server.requests().size(), 1);
    const ScriptServer::Request sent = server.requests().first();
    QCOMPARE(sent.requestLine(), "GET " + target + " HTTP/1.1");
    QCOMPARE(sent.count("Host"), 1);
    QCOMPARE(sent.header("Host"), server.hostHeader());
    for (const auto &[name, value] :
         { std::pair("User-Agent", "qcrawl-test/1.0"), std::pair("X-Custom", "a b, c"),
           std::pair("X-Empty", ""), std::pair("Accept", "text/html") }) {
        QCOMPARE(sent.count(name), 1);
        QCOMPARE(sent.header(name), QByteArray(value));
    }

    // Qt's own client sends the same target for the same URL.
    NetworkManager qt;
    qt.setQtHttp(true);
    server.script(respond(ok("qt")));
    Fetch viaQt = fetch(qt, request.url());
    QVERIFY(viaQt->isFinished());
    QCOMPARE(viaQt.body(), "qt");
    QCOMPARE(server.requests().last().requestLine(), "GET " + target + " HTTP/1.1");
}

void TestCurlReply::headSendsHeadAndHasNoBody_data()
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

void TestCurlReply::headSendsHeadAndHasNoBody()
{
    QFETCH(QByteArray, response);
    QFETCH(QVariant, length);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response));
    server.script(respond(ok("after head")));

    Fetch head = fetch(manager, server.url(u"/file?a=1"_s), true);
    QVERIFY(head->isFinished());
    QVERIFY(isCurl(head.get()));
    QCOMPARE(head->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(head.get()), 200);
    QCOMPARE(head.body(), QByteArray());
    QCOMPARE(head->header(QNetworkRequest::ContentLengthHeader), length);
    QCOMPARE(server.requests().first().requestLine(), "HEAD /file?a=1 HTTP/1.1");

    // The bytes after the head belong to the next response, on the same connection.
    Fetch get = fetch(manager, server.url(u"/file"_s));
    QVERIFY(get->isFinished());
    QCOMPARE(get.body(), "after head");
    QCOMPARE(server.requests().last().requestLine(), "GET /file HTTP/1.1");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 1 }));
}

// 2. Bodies, signals, the head

void TestCurlReply::bodyFraming_data()
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
    const QByteArray chunkedText = "helloabcdefghijklmnopqrstuvwxyz0123456789";
    const QByteArray untilClose = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + text;
    const QByteArray binary = patternBytes(0, 300 * KiB);

    QTest::newRow("content-length") << ok(text) << 0 << false << text << true;
    QTest::newRow("content-length, 1-byte pieces") << ok(text) << 1 << false << text << true;
    QTest::newRow("content-length 0") << ok({}) << 0 << false << QByteArray() << true;
    QTest::newRow("content-length, 300 KiB binary") << ok(binary) << 0 << false << binary << true;
    QTest::newRow("chunked, extensions and trailers")
            << chunked << 0 << false << chunkedText << true;
    QTest::newRow("chunked, 1-byte pieces") << chunked << 1 << false << chunkedText << true;
    QTest::newRow("chunked, 3-byte pieces") << chunked << 3 << false << chunkedText << true;
    QTest::newRow("chunked, empty")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 0
            << false << QByteArray() << true;
    QTest::newRow("chunked, header case")
            << QByteArray("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\n"
                          "3\r\nabc\r\n0\r\n\r\n")
            << 0 << false << QByteArray("abc") << true;
    QTest::newRow("chunked, 300 KiB binary in 7000-byte chunks") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody(binary, 7000))
                                                                 << 0 << false << binary << true;
    QTest::newRow("until close") << untilClose << 0 << true << text << false;
    QTest::newRow("until close, 1-byte pieces") << untilClose << 1 << true << text << false;
    QTest::newRow("until close, HTTP/1.0")
            << QByteArray("HTTP/1.0 200 OK\r\n\r\n" + text) << 0 << true << text << false;
}

void TestCurlReply::bodyFraming()
{
    QFETCH(QByteArray, response);
    QFETCH(int, piece);
    QFETCH(bool, serverCloses);
    QFETCH(QByteArray, body);
    QFETCH(bool, reusable);
    ScriptServer server;
    NetworkManager manager;
    const Step step = respond(response).inPieces(piece);
    server.script(serverCloses ? step.thenClose() : step);
    server.script(respond(ok("next")));

    ReplyPtr reply(manager.get(QNetworkRequest(server.url(u"/body"_s))));
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
    QCOMPARE(received.size(), body.size());
    QCOMPARE(received, body);
    if (piece == 1)
        QVERIFY2(reads > 1, "a body written a byte at a time came in one readyRead");

    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::NoError);
    QCOMPARE(next.body(), "next");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, reusable ? 1 : 2 }));
}

void TestCurlReply::signalsInQtOrder_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QStringList>("expected");

    const QString m = u"metaDataChanged"_s, r = u"readyRead"_s, e = u"errorOccurred"_s,
                  f = u"finished"_s;
    QTest::newRow("200 with a body in pieces")
            << ok(QByteArray(5000, 'x')) << QStringList { m, r, f };
    QTest::newRow("404 with a body")
            << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")
            << QStringList { m, r, e, f };
    QTest::newRow("204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << QStringList { m, f };
}

void TestCurlReply::signalsInQtOrder()
{
    QFETCH(QByteArray, response);
    QFETCH(QStringList, expected);
    const auto run = [&](bool qtHttp, QList<QPair<qint64, qint64>> *progress) {
        ScriptServer server;
        NetworkManager manager;
        manager.setQtHttp(qtHttp);
        server.script(respond(response).inPieces(1000));
        ReplyPtr reply(manager.get(QNetworkRequest(server.url())));
        const auto log = logSignals(reply.get());
        QObject::connect(reply.get(), &QNetworkReply::downloadProgress, reply.get(),
                         [progress](qint64 received, qint64 total) {
                             progress->append({ received, total });
                         });
        if (!waitFinished(reply.get()))
            return QStringList { u"not finished"_s };
        return *log;
    };
    QList<QPair<qint64, qint64>> progress;
    QList<QPair<qint64, qint64>> qtProgress;
    QCOMPARE(run(false, &progress), expected);
    QCOMPARE(run(true, &qtProgress), expected); // the expectation holds for Qt's client too
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), qtProgress.last());
}

void TestCurlReply::finishesWithoutBeingRead_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QNetworkReply::NetworkError>("error");

    const QByteArray large = patternBytes(0, 3 * MiB);
    QTest::newRow("content-length")
            << ok("small page") << QByteArray("small page") << QNetworkReply::NoError;
    QTest::newRow("content-length, 3 MiB") << ok(large) << large << QNetworkReply::NoError;
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "5\r\nsmall\r\n5\r\n page\r\n0\r\n\r\n")
                             << QByteArray("small page") << QNetworkReply::NoError;
    QTest::newRow("404 page") << QByteArray(
            "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found")
                              << QByteArray("not found") << QNetworkReply::ContentNotFoundError;
}

// The most common QNetworkReply use: nothing read until finished(), then readAll(). With no
// read buffer limit set, the whole body waits in the reply.
void TestCurlReply::finishesWithoutBeingRead()
{
    QFETCH(QByteArray, response);
    QFETCH(QByteArray, body);
    QFETCH(QNetworkReply::NetworkError, error);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response));

    ReplyPtr reply(manager.get(QNetworkRequest(server.url())));
    QVERIFY(isCurl(reply.get()));
    QByteArray inFinished;
    QObject::connect(reply.get(), &QNetworkReply::finished, reply.get(),
                     [&] { inFinished = reply->readAll(); });
    QVERIFY2(waitFinished(reply.get()), "finished() never came for an unread body");
    QCOMPARE(reply->error(), error);
    QCOMPARE(inFinished.size(), body.size());
    QCOMPARE(inFinished, body);
}

void TestCurlReply::noBodyStatuses_data()
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

void TestCurlReply::noBodyStatuses()
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

void TestCurlReply::interimResponsesSkipped_data()
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

void TestCurlReply::interimResponsesSkipped()
{
    QFETCH(QByteArray, response);
    QFETCH(int, piece);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response).inPieces(piece));
    server.script(respond(ok("next")));

    Fetch reply(manager.get(QNetworkRequest(server.url())));
    const auto log = logSignals(reply.get());
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

void TestCurlReply::statusLineParsed_data()
{
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("version");

    QTest::newRow("200 OK") << QByteArray("HTTP/1.1 200 OK") << 200 << QByteArray("OK")
                            << QByteArray("1.1");
    QTest::newRow("reason with spaces") << QByteArray("HTTP/1.1 299 Some Custom Reason") << 299
                                        << QByteArray("Some Custom Reason") << QByteArray("1.1");
    QTest::newRow("empty reason") << QByteArray("HTTP/1.1 200 ") << 200 << QByteArray()
                                  << QByteArray("1.1");
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 201 Created") << 201 << QByteArray("Created")
                              << QByteArray("1.0");
}

void TestCurlReply::statusLineParsed()
{
    QFETCH(QByteArray, statusLine);
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, version);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(statusLine + "\r\nContent-Length: 2\r\n\r\nok"));
    Fetch reply = fetch(manager, server.url());
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(reply.get()), status);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), reason);
    QCOMPARE(reply->attribute(NetworkManager::HttpVersionAttribute).toByteArray(), version);
    QCOMPARE(reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool(), false);
    QCOMPARE(reply.body(), "ok");
}

void TestCurlReply::duplicateHeadersCombinedLikeQt()
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
    qt.setQtHttp(true);
    server.script(respond(response));
    server.script(respond(response));

    Fetch reply = fetch(manager, server.url());
    QVERIFY(reply->isFinished());
    QVERIFY(isCurl(reply.get()));
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
    QVERIFY(!isCurl(viaQt.get()));
    for (const QByteArray name : { "X-A", "Set-Cookie", "X-Padded", "X-Tight", "Content-Type" })
        QCOMPARE(reply->rawHeader(name), viaQt->rawHeader(name));
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader),
             viaQt->header(QNetworkRequest::ContentLengthHeader));
}

void TestCurlReply::headWithinLimitsAccepted_data()
{
    QTest::addColumn<QByteArray>("response");

    QTest::newRow("200 header lines") << responseWithHeaderLines(200);
    QTest::newRow("MaxHeaderLines header lines")
            << responseWithHeaderLines(CurlReply::MaxHeaderLines);
    QTest::newRow("a 90 KiB header line")
            << ok("fine", "X-Big: " + QByteArray(90 * KiB, 'a') + "\r\n");
    QTest::newRow("a head of MaxHeadBytes") << responseWithHeadOf(CurlReply::MaxHeadBytes);
    QTest::newRow("interim responses and a head of MaxHeadBytes") << QByteArray(
            "HTTP/1.1 100 Continue\r\n\r\n" + responseWithHeadOf(CurlReply::MaxHeadBytes - 25));
}

void TestCurlReply::headWithinLimitsAccepted()
{
    QFETCH(QByteArray, response);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(response));
    Fetch reply = fetch(manager, server.url());
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply.body(), "fine");
    QVERIFY(reply->rawHeaderPairs().size() >= 2);
}

// 3. Compressed bodies and cookies (what Qt's client does by itself)

void TestCurlReply::contentEncodingDecoded_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<int>("piece");
    QTest::addColumn<QByteArray>("body");

    const QByteArray text = textOfSize(60 * KiB);
    const auto withLength = [](const QByteArray &encoding,
                               const QByteArray &encoded) -> QByteArray {
        return "HTTP/1.1 200 OK\r\nContent-Encoding: " + encoding + "\r\nContent-Length: "
                + QByteArray::number(encoded.size()) + "\r\n\r\n" + encoded;
    };
    QTest::newRow("gzip") << withLength("gzip", gzipped(text)) << 0 << text;
    QTest::newRow("gzip, 7-byte pieces") << withLength("gzip", gzipped(text)) << 7 << text;
    QTest::newRow("gzip, header case") << withLength("GZip", gzipped(text)) << 0 << text;
    QTest::newRow("gzip, chunked") << QByteArray("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
                                                 "Transfer-Encoding: chunked\r\n\r\n"
                                                 + chunkedBody(gzipped(text), 1000))
                                   << 0 << text;
    QTest::newRow("gzip, until close")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n"
                          + gzipped(text))
            << 0 << text;
    QTest::newRow("gzip, empty body") << withLength("gzip", gzipped({})) << 0 << QByteArray();
    QTest::newRow("deflate") << withLength("deflate", deflated(text)) << 0 << text;
    QTest::newRow("deflate, 5-byte pieces") << withLength("deflate", deflated(text)) << 5 << text;
    QTest::newRow("deflate without the zlib wrapper, as some servers send it")
            << withLength("deflate", deflated(text).mid(2).chopped(4)) << 0 << text;
    QTest::newRow("identity") << withLength("identity", text) << 0 << text;
    // Made without an encoder (scriptserver.h): stored meta-blocks, raw blocks.
    QTest::newRow("br") << withLength("br", brotliStored(text)) << 0 << text;
    QTest::newRow("br, 200 KiB") << withLength("br", brotliStored(textOfSize(200 * KiB))) << 0
                                 << textOfSize(200 * KiB);
    QTest::newRow("zstd") << withLength("zstd", zstdRaw(text)) << 0 << text;
    QTest::newRow("zstd, 300 KiB")
            << withLength("zstd", zstdRaw(textOfSize(300 * KiB))) << 0 << textOfSize(300 * KiB);
}

void TestCurlReply::contentEncodingDecoded()
{
    QFETCH(QByteArray, response);
    QFETCH(int, piece);
    QFETCH(QByteArray, body);
    ScriptServer server;
    NetworkManager manager;
    const Step step = respond(response).inPieces(piece);
    const bool closes = response.contains("Connection: close");
    server.script(closes ? step.thenClose() : step);
    server.script(respond(ok("next")));

    Fetch reply = fetch(manager, server.url(u"/page"_s));
    QVERIFY(reply->isFinished());
    QVERIFY(isCurl(reply.get()));
    const QByteArray offered = server.requests().first().header("Accept-Encoding");
    for (const char *coding : { "gzip", "deflate" })
        QVERIFY2(offered.contains(coding), offered.constData());
    const QByteArray coding = reply->rawHeader("Content-Encoding").toLower();
    if (coding != "identity" && !offered.contains(coding))
        QSKIP("the client does not offer this coding");
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QByteArray received = reply.body();
    QCOMPARE(received.size(), body.size());
    QCOMPARE(received, body);

    Fetch next = fetch(manager, server.url(u"/next"_s)); // the connection stays usable
    QVERIFY(next->isFinished());
    QCOMPARE(next.body(), "next");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, closes ? 2 : 1 }));
}

void TestCurlReply::callersAcceptEncodingLeftAlone()
{
    // A caller that asks for an encoding itself (Transfer's "identity" for a Range request)
    // gets the bytes as sent, as from Qt.
    const QByteArray encoded = gzipped("not decoded for this caller");
    ScriptServer server;
    NetworkManager manager;
    server.script(respond(ok(encoded, "Content-Encoding: gzip\r\n")));
    QNetworkRequest request(server.url());
    request.setRawHeader("Accept-Encoding", "identity");
    Fetch reply(manager.get(request));
    QVERIFY(isCurl(reply.get()));
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply.body(), encoded);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), encoded.size());
    QCOMPARE(server.requests().first().count("Accept-Encoding"), 1);
    QCOMPARE(server.requests().first().header("Accept-Encoding"), "identity");
}

void TestCurlReply::cookiesStoredAndSent_data()
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

void TestCurlReply::cookiesStoredAndSent()
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

// 4. Broken connections, errors, hostile responses

void TestCurlReply::staleKeepAliveGetsFreshConnection_data()
{
    QTest::addColumn<StaleCase>("stale");
    QTest::addColumn<QList<int>>("connections");

    QTest::newRow("server closes (FIN) when request 2 arrives")
            << StaleCase::FinOnRequest << QList<int>({ 1, 1, 2 });
    QTest::newRow("server resets (RST) when request 2 arrives")
            << StaleCase::RstOnRequest << QList<int>({ 1, 1, 2 });
    QTest::newRow("server closes right after response 1")
            << StaleCase::ClosedAfterResponse << QList<int>({ 1, 2 });
}

void TestCurlReply::staleKeepAliveGetsFreshConnection()
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
        server.script(respond(ok("one")).thenClose()); // a keep-alive response, then FIN
        break;
    }
    server.script(respond(ok("two")));

    Fetch one = fetch(manager, server.url(u"/one"_s));
    QVERIFY(one->isFinished());
    QCOMPARE(one.body(), "one");
    if (stale == StaleCase::ClosedAfterResponse)
        QTRY_VERIFY_WITH_TIMEOUT(!server.isOpen(1), TryMs);

    Fetch two(manager.get(QNetworkRequest(server.url(u"/two"_s))));
    const auto log = logSignals(two.get());
    QVERIFY(waitFinished(two.get()));
    QCOMPARE(two->error(), QNetworkReply::NoError);
    QCOMPARE(statusOf(two.get()), 200);
    QCOMPARE(two.body(), "two");
    QCOMPARE(*log, QStringList({ u"metaDataChanged"_s, u"readyRead"_s, u"finished"_s }));
    QCOMPARE(server.requestConnections(), connections);
    QCOMPARE(server.requests().last().target(), "/two");
}

void TestCurlReply::httpErrorStatusLikeQt_data()
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

void TestCurlReply::httpErrorStatusLikeQt()
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
        qt.setQtHttp(true);
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

    Fetch reply(manager.get(QNetworkRequest(server.url(u"/missing"_s))));
    QVERIFY(isCurl(reply.get()));
    QList<QNetworkReply::NetworkError> reported;
    QObject::connect(reply.get(), &QNetworkReply::errorOccurred, reply.get(),
                     [&](QNetworkReply::NetworkError e) { reported.append(e); });
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), error);
    QCOMPARE(reported, QList<QNetworkReply::NetworkError>({ error }));
    QVERIFY(!reply->errorString().isEmpty());
    QCOMPARE(statusOf(reply.get()), status);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), reason);
    QCOMPARE(reply.body(), body);

    // A complete error response leaves the connection usable.
    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next.body(), "next");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 1 }));
}

void TestCurlReply::connectionRefused()
{
    NetworkManager manager;
    const quint16 port = freePort();
    Fetch reply(manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/"_s.arg(port)))));
    QVERIFY(isCurl(reply.get()));
    const auto log = logSignals(reply.get());
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    QCOMPARE(*log, QStringList({ u"errorOccurred"_s, u"finished"_s }));
    QVERIFY(!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());
    QVERIFY(!reply->errorString().isEmpty());
}

// Responses a client must not take for a body (RFC 9112 6, request smuggling and truncation):
// every one ends in an error.
void TestCurlReply::hostileResponseIsAnError_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<End>("end");
    QTest::addColumn<QNetworkReply::NetworkError>("error");

    const auto protocol = QNetworkReply::ProtocolFailure;
    const QByteArray text = textOfSize(20 * KiB);
    const QByteArray gz = gzipped(text);
    const auto gzipWithLength = [](const QByteArray &encoded) -> QByteArray {
        return "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                + QByteArray::number(encoded.size()) + "\r\n\r\n" + encoded;
    };
    const QByteArray hello = "5\r\nhello\r\n0\r\n\r\n";

    // Framing: two ways to read the body are one too many.
    QTest::newRow("chunked, then Transfer-Encoding: identity and Content-Length")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                          "Transfer-Encoding: identity\r\nContent-Length: 5\r\n\r\n"
                          + hello)
            << End::Stay << protocol;
    QTest::newRow("chunked, then Transfer-Encoding: identity")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                          "Transfer-Encoding: identity\r\n\r\n"
                          + hello)
            << End::Fin << protocol;
    QTest::newRow("Transfer-Encoding: gzip, chunked") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n" + chunkedBody(gz, 1000))
                                                      << End::Stay << protocol;
    QTest::newRow("Transfer-Encoding and Content-Length")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3"
                          "\r\n\r\n"
                          + hello)
            << End::Stay << protocol;
    QTest::newRow("Content-Length, then Transfer-Encoding")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked"
                          "\r\n\r\n"
                          + hello)
            << End::Stay << protocol;
    QTest::newRow("Content-Length: +5")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello") << End::Stay
            << protocol;
    QTest::newRow("Content-Length : 5 (space before the colon)")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello") << End::Fin
            << protocol;
    QTest::newRow("Content-Length: 5 and a NUL") << QByteArray(
            QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5") + '\0' + "\r\n\r\nhello")
                                                 << End::Stay << protocol;
    QTest::newRow("Content-Length: 5, 6")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello") << End::Stay
            << protocol;
    QTest::newRow("two Content-Length headers that differ")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"
                          "hello!")
            << End::Stay << protocol;
    QTest::newRow("a header line without a colon")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nno colon here\r\n\r\nhello")
            << End::Stay << protocol;
    QTest::newRow("chunk size 0x5")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "0x5\r\nhello\r\n0\r\n\r\n")
            << End::Stay << protocol;
    QTest::newRow("chunk size 0x5, then a line curl takes for a trailer")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "0x5\r\nab:cd\r\n\r\n")
            << End::Stay << protocol;
    QTest::newRow("chunk size not hex")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "zz\r\nhello\r\n0\r\n\r\n")
            << End::Stay << protocol;
    QTest::newRow("a head over MaxHeadBytes")
            << responseWithHeadOf(CurlReply::MaxHeadBytes + 1) << End::Stay << protocol;
    QTest::newRow("more than MaxHeaderLines header lines")
            << responseWithHeaderLines(CurlReply::MaxHeaderLines + 1) << End::Stay << protocol;

    // Cut short.
    QTest::newRow("close-delimited body cut by RST")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + text) << End::Rst
            << QNetworkReply::RemoteHostClosedError;
    QTest::newRow("Content-Length body cut by FIN")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789") << End::Fin
            << QNetworkReply::RemoteHostClosedError;
    QTest::newRow("chunked body cut by FIN")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")
            << End::Fin << QNetworkReply::RemoteHostClosedError;

    // Compressed bodies that are not whole: complete framing, incomplete content.
    QTest::newRow("gzip cut in half, Content-Length of the half")
            << gzipWithLength(gz.left(gz.size() / 2)) << End::Stay << AnyError;
    QTest::newRow("gzip cut in half, in whole chunks")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked"
                          "\r\n\r\n"
                          + chunkedBody(gz.left(gz.size() / 2), 1000))
            << End::Stay << AnyError;
    QTest::newRow("gzip without its CRC and size")
            << gzipWithLength(gz.chopped(8)) << End::Stay << AnyError;
    QTest::newRow("deflate without its Adler-32")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: "
                          + QByteArray::number(deflated(text).size() - 4) + "\r\n\r\n"
                          + deflated(text).chopped(4))
            << End::Stay << AnyError;
    QByteArray wrongCrc = gz;
    wrongCrc[wrongCrc.size() - 8] = char(wrongCrc.at(wrongCrc.size() - 8) ^ 0x55);
    QTest::newRow("gzip with a wrong CRC")
            << gzipWithLength(wrongCrc) << End::Stay << QNetworkReply::UnknownContentError;
    // A gzip header, then a deflate block of the reserved type 3: invalid from its first bits.
    // (Qt's client gives UnknownContentError for it too.)
    QTest::newRow("corrupt gzip") << gzipWithLength(
            QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x07", 11) + QByteArray(200, 'z'))
                                  << End::Stay << QNetworkReply::UnknownContentError;
}

void TestCurlReply::hostileResponseIsAnError()
{
    QFETCH(QByteArray, response);
    QFETCH(End, end);
    QFETCH(QNetworkReply::NetworkError, error);
    ScriptServer server;
    NetworkManager manager;
    const Step step = respond(response);
    server.script(end == End::Fin ? step.thenClose() : end == End::Rst ? step.thenReset() : step);
    server.script(respond(ok("next")));

    Fetch reply(manager.get(QNetworkRequest(server.url(u"/bad"_s))));
    QVERIFY(isCurl(reply.get()));
    const auto log = logSignals(reply.get());
    QVERIFY(waitFinished(reply.get()));
    const QByteArray body = reply.body();
    QVERIFY2(reply->error() != QNetworkReply::NoError,
             qPrintable(u"succeeded with a %1-byte body"_s.arg(body.size())));
    if (error != AnyError)
        QCOMPARE(reply->error(), error);
    QVERIFY(!reply->errorString().isEmpty());
    if (error == QNetworkReply::ProtocolFailure)
        QCOMPARE(body, QByteArray()); // refused before a byte of the body
    if (error == QNetworkReply::RemoteHostClosedError)
        QCOMPARE(statusOf(reply.get()), 200); // the cut came after a complete head
    QCOMPARE(log->count(u"errorOccurred"_s), 1);
    QCOMPARE(log->count(u"finished"_s), 1);
    QCOMPARE(log->last(), u"finished"_s);
    QCOMPARE(log->at(log->size() - 2), u"errorOccurred"_s);

    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next->error(), QNetworkReply::NoError);
    QCOMPARE(next.body(), "next");
    // After broken framing, what follows on that connection is not read as a response. (A body
    // that is whole as HTTP but not as gzip may leave the connection in use.)
    if (error == QNetworkReply::ProtocolFailure || error == QNetworkReply::RemoteHostClosedError)
        QCOMPARE(server.requestConnections(), QList<int>({ 1, 2 }));
}

void TestCurlReply::partialContentOnlyForRange_data()
{
    QTest::addColumn<QByteArray>("range"); // null: no Range header
    QTest::addColumn<QNetworkReply::NetworkError>("error");

    QTest::newRow("206 to a request without Range")
            << QByteArray() << QNetworkReply::ProtocolFailure;
    QTest::newRow("206 to a request with Range")
            << QByteArray("bytes=10-") << QNetworkReply::NoError;
}

void TestCurlReply::partialContentOnlyForRange()
{
    QFETCH(QByteArray, range);
    QFETCH(QNetworkReply::NetworkError, error);
    ScriptServer server;
    NetworkManager manager;
    server.script(respond("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 10-14/15\r\n"
                          "Content-Length: 5\r\n\r\nhello"));
    QNetworkRequest request(server.url(u"/file"_s));
    if (!range.isNull())
        request.setRawHeader("Range", range);
    Fetch reply(manager.get(request));
    QVERIFY(isCurl(reply.get()));
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->error(), error);
    QCOMPARE(server.requests().first().header("Range"), range);
    if (error == QNetworkReply::NoError) {
        QCOMPARE(statusOf(reply.get()), 206);
        QCOMPARE(reply.body(), "hello");
    } else {
        QCOMPARE(reply.body(), QByteArray()); // not mistaken for the whole file
    }
}

// 5. abort() and delete

void TestCurlReply::abortFinishesSynchronously_data()
{
    QTest::addColumn<AbortWhen>("when");
    QTest::newRow("before connected") << AbortWhen::BeforeConnected;
    QTest::newRow("after the first readyRead") << AbortWhen::AfterFirstReadyRead;
    QTest::newRow("inside readyRead") << AbortWhen::InsideReadyRead;
}

void TestCurlReply::abortFinishesSynchronously()
{
    QFETCH(AbortWhen, when);
    ScriptServer server;
    NetworkManager manager;
    // 1000 bytes of a 100000-byte body, then the server waits forever.
    server.script(
            respond("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + QByteArray(1000, 'x'))
                    .forTarget("/big"));
    server.script(respond(ok("after abort")).forTarget("/next"));

    QPointer<QNetworkReply> reply = manager.get(QNetworkRequest(server.url(u"/big"_s)));
    QVERIFY(isCurl(reply));
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
        QVERIFY(readyRead.wait(TryMs));
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
        QTRY_VERIFY_WITH_TIMEOUT(after.done, TryMs);
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
        QTRY_VERIFY_WITH_TIMEOUT(!server.isOpen(1), TryMs);
    }
}

void TestCurlReply::deletingRunningReply()
{
    ScriptServer server;
    NetworkManager manager;
    server.script(
            respond("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + QByteArray(1000, 'x'))
                    .forTarget("/big"));
    server.script(respond(ok("after delete")).forTarget("/next"));

    auto *reply = manager.get(QNetworkRequest(server.url(u"/big"_s)));
    QVERIFY(isCurl(reply));
    QSignalSpy readyRead(reply, &QNetworkReply::readyRead);
    QVERIFY(readyRead.wait(TryMs));
    delete reply;

    Fetch next = fetch(manager, server.url(u"/next"_s));
    QVERIFY(next->isFinished());
    QCOMPARE(next.body(), "after delete");
    QCOMPARE(server.requestConnections(), QList<int>({ 1, 2 }));
    QTRY_VERIFY_WITH_TIMEOUT(!server.isOpen(1), TryMs);
}

// 6. Which requests curl answers

void TestCurlReply::curlSelection_data()
{
    QTest::addColumn<QString>("url"); // %1: the server's port
    QTest::addColumn<Op>("op");
    QTest::addColumn<int>("redirectPolicy"); // -1: attribute not set
    QTest::addColumn<bool>("qtHttp");
    QTest::addColumn<bool>("curl");

    const QString http = u"http://127.0.0.1:%1/path"_s;
    const int manual = QNetworkRequest::ManualRedirectPolicy;
    QTest::newRow("GET") << http << Op::Get << manual << false << true;
    QTest::newRow("HEAD") << http << Op::Head << manual << false << true;
    QTest::newRow("https") << u"https://127.0.0.1:%1/path"_s << Op::Get << manual << false << true;
    QTest::newRow("no redirect policy (the manager's manual one)")
            << http << Op::Get << -1 << false << true;
    QTest::newRow("POST") << http << Op::Post << manual << false << false;
    QTest::newRow("GET with a body") << http << Op::GetWithBody << manual << false << false;
    QTest::newRow("NoLessSafeRedirectPolicy")
            << http << Op::Get << int(QNetworkRequest::NoLessSafeRedirectPolicy) << false << false;
    QTest::newRow("SameOriginRedirectPolicy")
            << http << Op::Get << int(QNetworkRequest::SameOriginRedirectPolicy) << false << false;
    QTest::newRow("ftp") << u"ftp://127.0.0.1:%1/file"_s << Op::Get << manual << false << false;
    QTest::newRow("file") << u"file:///nonexistent/%1"_s << Op::Get << manual << false << false;
    QTest::newRow("setQtHttp(true)") << http << Op::Get << manual << true << false;
    QTest::newRow("HEAD, setQtHttp(true)") << http << Op::Head << manual << true << false;
}

void TestCurlReply::curlSelection()
{
    QFETCH(QString, url);
    QFETCH(Op, op);
    QFETCH(int, redirectPolicy);
    QFETCH(bool, qtHttp);
    QFETCH(bool, curl);
    ScriptServer server;
    NetworkManager manager;
    manager.setQtHttp(qtHttp);
    QCOMPARE(manager.isQtHttp(), qtHttp);

    QNetworkRequest request(QUrl(url.arg(server.serverPort())));
    if (redirectPolicy >= 0)
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, redirectPolicy);
    QBuffer body;
    body.setData("data");
    body.open(QIODevice::ReadOnly);

    ReplyPtr reply;
    switch (op) {
    case Op::Get:
        QCOMPARE(manager.isCurlFor(QNetworkAccessManager::GetOperation, request), curl);
        reply.reset(manager.get(request));
        break;
    case Op::Head:
        QCOMPARE(manager.isCurlFor(QNetworkAccessManager::HeadOperation, request), curl);
        reply.reset(manager.head(request));
        break;
    case Op::Post:
        QCOMPARE(manager.isCurlFor(QNetworkAccessManager::PostOperation, request, &body), curl);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"text/plain"_s);
        reply.reset(manager.post(request, &body));
        break;
    case Op::GetWithBody:
        QCOMPARE(manager.isCurlFor(QNetworkAccessManager::GetOperation, request, &body), curl);
        reply.reset(manager.sendCustomRequest(request, "GET", &body));
        break;
    }
    QVERIFY(reply);
    QCOMPARE(isCurl(reply.get()), curl);
    reply->abort();
    QVERIFY(reply->isFinished());
}

void TestCurlReply::qtHttpGoesThroughQt()
{
    ScriptServer server;
    NetworkManager manager;
    manager.setQtHttp(true);
    server.script(respond(ok("through Qt")));
    Fetch reply = fetch(manager, server.url());
    QVERIFY(reply->isFinished());
    QVERIFY(!isCurl(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply.body(), "through Qt");
    QCOMPARE(server.requests().size(), 1);
    // Qt's client says so in its own request head: curl sends no Connection header.
    QCOMPARE(server.requests().first().header("Connection"), "Keep-Alive");
}

// 7. Back-pressure: an unread body stops the transfer instead of filling memory

void TestCurlReply::unreadBodyPausesTransfer_data()
{
    QTest::addColumn<bool>("withLength");
    QTest::newRow("Content-Length") << true;
    QTest::newRow("until close") << false;
}

void TestCurlReply::unreadBodyPausesTransfer()
{
    QFETCH(bool, withLength);
    constexpr qint64 Size = 64 * MiB;
    constexpr qint64 Limit = 1 * MiB;
    ScriptServer server;
    NetworkManager manager;
    const QByteArray head = withLength
            ? "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(Size) + "\r\n\r\n"
            : QByteArray("HTTP/1.1 200 OK\r\n\r\n");
    const Step step = respond(head).thenPattern(Size);
    server.script(withLength ? step : step.thenClose());

    ReplyPtr reply(manager.get(QNetworkRequest(server.url(u"/large"_s))));
    QVERIFY(isCurl(reply.get()));
    reply->setReadBufferSize(Limit); // after get(), as Transfer does

    // Nobody reads: the reply's buffer fills, then curl pauses, then the sockets' buffers fill
    // and the server cannot write more.
    QTRY_VERIFY_WITH_TIMEOUT(reply->bytesAvailable() > 0, TryMs);
    const qint64 sent = waitUntilSteady([&] { return server.patternSent(); }, 1000, TryMs);
    QVERIFY2(sent < Size / 4,
             qPrintable(u"%1 bytes sent to a reader that reads nothing"_s.arg(sent)));
    QVERIFY(!reply->isFinished());
    // At most one of curl's receive blocks beyond the limit.
    QVERIFY2(reply->bytesAvailable() <= Limit + 256 * KiB,
             qPrintable(QString::number(reply->bytesAvailable())));

    // The reader comes back: every byte arrives, in order, once.
    qint64 received = 0;
    qint64 firstMismatch = -1;
    qint64 maxAvailable = 0;
    QByteArray buffer(256 * KiB, Qt::Uninitialized);
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
    QObject::connect(reply.get(), &QNetworkReply::readyRead, reply.get(), drain);
    drain();
    QVERIFY(waitFinished(reply.get()));
    drain();
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(received, Size);
    QCOMPARE(firstMismatch, -1);
    QVERIFY2(maxAvailable <= Limit + 256 * KiB, qPrintable(QString::number(maxAvailable)));
}

QTEST_GUILESS_MAIN(TestCurlReply)
#include "tst_curlreply.moc"
