#pragma once

// A hostile HTTP/1.1 server for the integrity tests: 127.0.0.1, port 0, on a thread of its own
// (so it keeps misbehaving while the test thread blocks on a qcrawl-cli run), one misbehaviour
// per path, the way DemoServer has one endpoint per behaviour. Where ScriptServer
// (scriptserver.h) replays the bytes one test scripts, this server answers a path the same way
// however many engines, retries or clients ask, so a table names a scenario and the error it
// must give. The byte builders (gzip, brotli, zstd, chunks, pattern bodies) are scriptserver.h's.
//
// Each request gets one response, then the connection ends as the scenario says: closed (FIN),
// reset (RST, SO_LINGER 0) or left open and silent. Scenarios (paths; "n" is a query number):
//   framing      /truncated /reset /chunked-cut /te-chunked-identity /te-gzip-chunked
//                /te-and-length /length-plus /length-nul /length-space /length-list
//                /length-huge /length-negative /chunk-size-hex /partial-unasked
//                /no-response /reset-at-once /not-http
//   heads        /header-flood (5000 lines) /huge-header (one 1 MiB line) /endless-head
//   compression  /gzip-bomb (1 GiB of zeros in 1 MiB of gzip) /gzip-half /gzip-no-trailer
//                /gzip-bad-crc /gzip-garbage /br-half /zstd-half
//   redirects    /loop /loop-a (and -b) /to-file /to-ftp /to-javascript /to-data /to-no-host
//                /location-control /location-escape /location-cr /no-location /ok
//   timeouts     /stall-head /stall-body /drip-head /drip-body?n=N&ms=M /partial-stall
//                /chunked-drip?head=H&ms=M&n=N (H bytes of chunks, then N more in M ms)

#include "scriptserver.h"

#include <memory>
#include <zlib.h>

#include <QAtomicInt>
#include <QMetaObject>
#include <QThread>
#include <QUrlQuery>

#ifdef Q_OS_UNIX
#    include <sys/socket.h>
#endif

namespace qcrawl::test {

// What the server does with one request.
struct HostilePlan
{
    enum class End { Close, Reset, Stay };

    QByteArray bytes; // written at once
    QByteArray drip; // then written a byte at a time, dripMs apart
    int dripMs = 0;
    bool dripForever = false; // the drip starts again when it is done
    QByteArray flood; // then written again and again as the client reads, forever
    int resetDelayMs = 200; // End::Reset: the client reads the head meanwhile
    End end = End::Close;
};

// 1 GiB + 1 MiB of zeros as one gzip member of about 1 MiB: a deflate stream of a fully flushed
// 1 MiB of zeros is the same bytes each time (the flush aligns it and forgets the dictionary), so
// it is repeated rather than compressed 1025 times; the trailer's CRC is combined, not computed
// over a gibibyte. Why by hand: zlib has no other way to make a bomb in milliseconds.
inline QByteArray gzipBomb()
{
    constexpr qint64 Block = 1024 * 1024;
    constexpr int Blocks = 1025;
    const QByteArray zeros(Block, '\0');
    z_stream z {};
    if (deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        qFatal("deflateInit2 failed");
    QByteArray block(Block, Qt::Uninitialized);
    const auto run = [&](const QByteArray &in, int flush) {
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
        z.avail_in = uInt(in.size());
        z.next_out = reinterpret_cast<Bytef *>(block.data());
        z.avail_out = uInt(block.size());
        deflate(&z, flush);
        return block.left(block.size() - qsizetype(z.avail_out));
    };
    const QByteArray flushed = run(zeros, Z_FULL_FLUSH);
    const QByteArray last = run(QByteArray(), Z_FINISH);
    deflateEnd(&z);

    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out.reserve(out.size() + flushed.size() * Blocks + last.size() + 8);
    for (int i = 0; i < Blocks; ++i)
        out += flushed;
    out += last;
    const uLong blockCrc = crc32(0, reinterpret_cast<const Bytef *>(zeros.constData()), Block);
    uLong crc = 0;
    for (int i = 0; i < Blocks; ++i)
        crc = i == 0 ? blockCrc : crc32_combine(crc, blockCrc, Block);
    appendLittleEndian(out, crc, 4);
    appendLittleEndian(out, quint64(Block * Blocks) & 0xffffffffu, 4);
    return out;
}

// The scenarios, by path. port: the server's own, for absolute Locations.
inline HostilePlan hostilePlan(const QByteArray &path, const QUrlQuery &query, quint16 port)
{
    using End = HostilePlan::End;
    const auto number = [&query](const char *name, qint64 fallback) {
        bool ok = false;
        const qint64 n = query.queryItemValue(QString::fromLatin1(name)).toLongLong(&ok);
        return ok ? n : fallback;
    };
    const auto plan = [](const QByteArray &bytes, End end = End::Close) {
        HostilePlan p;
        p.bytes = bytes;
        p.end = end;
        return p;
    };
    const auto head = [](const QByteArray &headers) -> QByteArray {
        return "HTTP/1.1 200 OK\r\n" + headers + "\r\n";
    };
    const auto redirect = [](const QByteArray &location) -> QByteArray {
        return "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n";
    };
    const QByteArray hello = "5\r\nhello\r\n0\r\n\r\n";
    const QByteArray self = "http://127.0.0.1:" + QByteArray::number(port);
    static const QByteArray page =
            QByteArray("<html><body>") + QByteArray(20'000, 'x') + "</body></html>\n";
    static const QByteArray gz = gzipped(page);

    // Framing
    if (path == "/truncated")
        return plan(head("Content-Length: 10000\r\n") + patternBytes(0, 5000));
    if (path == "/reset")
        return plan(head("Content-Length: 1000000\r\n") + patternBytes(0, 300'000), End::Reset);
    if (path == "/chunked-cut")
        return plan(head("Transfer-Encoding: chunked\r\n") + "1000\r\n" + patternBytes(0, 2000));
    if (path == "/te-chunked-identity")
        return plan(head("Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n") + hello);
    if (path == "/te-gzip-chunked")
        return plan(head("Transfer-Encoding: gzip, chunked\r\n") + chunkedBody(gz, 1000));
    if (path == "/te-and-length")
        return plan(head("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n") + hello);
    if (path == "/length-plus")
        return plan(head("Content-Length: +5\r\n") + "hello");
    if (path == "/length-nul")
        return plan(head(QByteArray("Content-Length: 5\0\r\n", 20)) + "hello");
    if (path == "/length-space")
        return plan(head("Content-Length : 5\r\n") + "hello");
    if (path == "/length-list")
        return plan(head("Content-Length: 5, 6\r\n") + "hello!");
    if (path == "/length-huge")
        return plan(head("Content-Length: 99999999999999999999\r\n") + "hello");
    if (path == "/length-negative")
        return plan(head("Content-Length: -1\r\n") + "hello");
    if (path == "/chunk-size-hex")
        return plan(head("Transfer-Encoding: chunked\r\n") + "0x5\r\nhello\r\n0\r\n\r\n");
    if (path == "/partial-unasked")
        return plan("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-4/10\r\n"
                    "Content-Length: 5\r\n\r\nhello");
    if (path == "/no-response")
        return plan({});
    if (path == "/reset-at-once") {
        HostilePlan p = plan({}, End::Reset);
        p.resetDelayMs = 0;
        return p;
    }
    if (path == "/not-http")
        return plan("SSH-2.0-OpenSSH_9.2\r\n\r\n");

    // Heads
    if (path == "/header-flood") {
        QByteArray bytes = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n";
        for (int i = 0; i < 5000; ++i)
            bytes += "X-Flood-" + QByteArray::number(i) + ": x\r\n";
        return plan(bytes + "\r\nhello");
    }
    if (path == "/huge-header")
        return plan(head("Content-Length: 5\r\nX-Huge: " + QByteArray(1024 * 1024, 'a') + "\r\n")
                    + "hello");
    if (path == "/endless-head") {
        HostilePlan p = plan("HTTP/1.1 200 OK\r\n");
        p.flood = "X-Again: " + QByteArray(1000, 'a') + "\r\n";
        return p;
    }

    // Compression
    const auto encoded = [&head](const char *coding, const QByteArray &body) -> QByteArray {
        return head("Content-Encoding: " + QByteArray(coding)
                    + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n")
                + body;
    };
    if (path == "/gzip-bomb") {
        static const QByteArray bomb = gzipBomb();
        return plan(encoded("gzip", bomb));
    }
    if (path == "/gzip-half")
        return plan(encoded("gzip", gz.left(gz.size() / 2)));
    if (path == "/gzip-no-trailer")
        return plan(encoded("gzip", gz.chopped(8)));
    if (path == "/gzip-bad-crc") {
        QByteArray bad = gz;
        bad[bad.size() - 8] = char(bad.at(bad.size() - 8) ^ 0x55);
        return plan(encoded("gzip", bad));
    }
    if (path == "/gzip-garbage")
        return plan(encoded("gzip", page));
    if (path == "/br-half") {
        const QByteArray br = brotliStored(page);
        return plan(encoded("br", br.left(br.size() / 2)));
    }
    if (path == "/zstd-half") {
        const QByteArray zstd = zstdRaw(page);
        return plan(encoded("zstd", zstd.left(zstd.size() / 2)));
    }

    // Redirects
    if (path == "/loop")
        return plan(redirect("/loop"));
    if (path == "/loop-a")
        return plan(redirect(self + "/loop-b"));
    if (path == "/loop-b")
        return plan(redirect("/loop-a"));
    if (path == "/to-file")
        return plan(redirect("file:///etc/passwd"));
    if (path == "/to-ftp")
        return plan(redirect("ftp://127.0.0.1:" + QByteArray::number(port) + "/ok"));
    if (path == "/to-javascript")
        return plan(redirect("javascript:alert(1)"));
    if (path == "/to-data")
        return plan(redirect("data:text/html,<script>alert(1)</script>"));
    if (path == "/to-no-host")
        return plan(redirect("http:///ok"));
    if (path == "/location-control")
        return plan(redirect("/ok\x01\x7f"));
    if (path == "/location-escape")
        return plan(redirect(self + "/ok\x1b[2J\x1b]0;owned\x07"));
    if (path == "/location-cr")
        return plan(redirect("/ok\rSet-Cookie: planted=1"));
    if (path == "/no-location")
        return plan("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n");
    if (path == "/ok")
        return plan(ok("fine"));

    // Timeouts
    if (path == "/stall-head")
        return plan({}, End::Stay);
    if (path == "/stall-body")
        return plan(head("Content-Length: 1000\r\n"), End::Stay);
    if (path == "/partial-stall")
        return plan(head("Content-Length: 10000\r\n") + patternBytes(0, 5000), End::Stay);
    if (path == "/drip-head") {
        HostilePlan p = plan("HTTP/1.1 200 OK\r\nX-Drip: ", End::Stay);
        p.drip = "a";
        p.dripMs = 50;
        p.dripForever = true;
        return p;
    }
    if (path == "/drip-body") {
        const qint64 n = std::clamp<qint64>(number("n", 20), 1, 10'000);
        HostilePlan p = plan(head("Content-Length: " + QByteArray::number(n) + "\r\n"));
        p.drip = patternBytes(0, n);
        p.dripMs = int(std::clamp<qint64>(number("ms", 20), 1, 10'000));
        return p;
    }
    if (path == "/chunked-drip") {
        // A chunked body whose last bytes come a while after the rest: what lands in a file's
        // write buffer at the very end.
        const qint64 first = std::clamp<qint64>(number("head", 4096), 1, 64 * 1024 * 1024);
        const qint64 rest = std::clamp<qint64>(number("n", 100), 1, 64 * 1024);
        HostilePlan p = plan(head("Transfer-Encoding: chunked\r\n")
                             + chunkedBody(patternBytes(0, first), 64 * 1024).chopped(5));
        p.drip = chunkedBody(patternBytes(first, rest), rest);
        p.dripMs = int(std::clamp<qint64>(number("ms", 1), 1, 10'000));
        return p;
    }
    return plan("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
}

class HostileServer final
{
    Q_DISABLE_COPY_MOVE(HostileServer)

public:
    HostileServer()
    {
        m_core = new Core(&m_requests);
        m_core->moveToThread(&m_thread);
        m_thread.start();
        bool listening = false;
        QMetaObject::invokeMethod(
                m_core,
                [this, &listening] {
                    listening = m_core->listen(QHostAddress::LocalHost, 0);
                    m_core->port = m_core->serverPort();
                },
                Qt::BlockingQueuedConnection);
        if (!listening)
            qFatal("cannot listen on 127.0.0.1");
        m_port = m_core->port;
    }
    ~HostileServer()
    {
        QMetaObject::invokeMethod(
                m_core, [this] { delete m_core; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    quint16 port() const { return m_port; }
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port) + pathAndQuery);
    }
    int requestCount() const { return m_requests.loadAcquire(); }

private:
    static constexpr qsizetype MaxRequestHead = 64 * 1024;
    static constexpr qint64 MaxQueued = 256 * 1024; // of a flood, in QTcpSocket's buffer

    // One connection: reads a request head, then plays its plan.
    class Connection final : public QObject
    {
    public:
        Connection(qintptr descriptor, quint16 port, QAtomicInt *requests, QObject *parent)
            : QObject(parent)
            , m_port(port)
            , m_requests(requests)
        {
            m_socket = new QTcpSocket(this);
            m_socket->setSocketDescriptor(descriptor);
            QObject::connect(m_socket, &QTcpSocket::readyRead, this, [this] { read(); });
            QObject::connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { drained(); });
            QObject::connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
            m_timer.setSingleShot(true);
            QObject::connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
        }

    private:
        void read()
        {
            if (m_started) {
                m_socket->readAll(); // one request per connection: the rest is ignored
                return;
            }
            m_head += m_socket->read(MaxRequestHead - m_head.size());
            const qsizetype end = m_head.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_head.size() >= MaxRequestHead)
                    m_socket->abort();
                return;
            }
            m_started = true;
            m_requests->fetchAndAddRelease(1);
            const QList<QByteArray> parts = m_head.left(m_head.indexOf("\r\n")).split(' ');
            const QUrl target = QUrl::fromEncoded(parts.value(1));
            m_plan = hostilePlan(target.path(QUrl::FullyEncoded).toLatin1(), QUrlQuery(target),
                                 m_port);
            m_socket->write(m_plan.bytes);
            m_dripping = !m_plan.drip.isEmpty();
            if (m_dripping)
                m_timer.start(m_plan.dripMs);
            else
                drained();
        }

        // The socket wrote some bytes: more flood, or the end once everything went out.
        void drained()
        {
            if (!m_started || m_ended || m_dripping)
                return;
            if (!m_plan.flood.isEmpty()) {
                while (m_socket->state() == QAbstractSocket::ConnectedState
                       && m_socket->bytesToWrite() < MaxQueued) {
                    if (m_socket->write(m_plan.flood) < 0)
                        break;
                }
                return;
            }
            if (m_socket->bytesToWrite() > 0)
                return;
            end();
        }

        void tick()
        {
            const QByteArray next = m_plan.drip.mid(m_dripped++, 1);
            if (m_dripped >= m_plan.drip.size() && m_plan.dripForever)
                m_dripped = 0;
            m_dripping = m_dripped < m_plan.drip.size();
            if (m_dripping)
                m_timer.start(m_plan.dripMs);
            m_socket->write(next);
            m_socket->flush(); // may emit bytesWritten() here, hence m_dripping first
            drained();
        }

        void end()
        {
            m_ended = true;
            switch (m_plan.end) {
            case HostilePlan::End::Stay:
                break;
            case HostilePlan::End::Close:
                m_socket->disconnectFromHost();
                break;
            case HostilePlan::End::Reset:
                QTimer::singleShot(m_plan.resetDelayMs, this, [this] {
#ifdef Q_OS_UNIX
                    const linger abortive { 1, 0 };
                    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER,
                                 &abortive, sizeof abortive);
#endif
                    m_socket->abort();
                    deleteLater();
                });
                break;
            }
        }

        QTcpSocket *m_socket = nullptr;
        quint16 m_port;
        QAtomicInt *m_requests;
        QByteArray m_head;
        HostilePlan m_plan;
        QTimer m_timer;
        qsizetype m_dripped = 0;
        bool m_started = false;
        bool m_dripping = false;
        bool m_ended = false;
    };

    class Core final : public QTcpServer
    {
    public:
        explicit Core(QAtomicInt *requests)
            : m_requests(requests)
        { }
        quint16 port = 0;

    protected:
        void incomingConnection(qintptr descriptor) override
        {
            new Connection(descriptor, port, m_requests, this);
        }

    private:
        QAtomicInt *m_requests;
    };

    QThread m_thread;
    Core *m_core = nullptr; // lives on m_thread, deleted there
    QAtomicInt m_requests;
    quint16 m_port = 0;
};

} // namespace qcrawl::test
