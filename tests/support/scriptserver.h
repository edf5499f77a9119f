#pragma once

// A raw HTTP server for transport tests, next to TestServer (testserver.h): where TestServer is
// the project's well-behaved DemoServer, ScriptServer writes exactly the bytes a test scripts —
// broken framing, interim responses, a body cut by FIN or RST — and records every request head
// and the connection it came on. Plus the helpers that build such bytes: pattern bodies that
// show a dropped or repeated block, and gzip, deflate, brotli and zstd encodings of a body.

#include <algorithm>
#include <memory>
#include <vector>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QScopedValueRollback>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#ifdef Q_OS_UNIX
#    include <sys/socket.h>
#endif

namespace qcrawl::test {

// Bytes that tell any offset from any other: a dropped or repeated block shows.
inline QByteArray patternBytes(qint64 offset, qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = char((quint32(offset + i) * 2654435761u) >> 24);
    return bytes;
}

// "deflate" as HTTP means it: a zlib stream (RFC 1950), which is qCompress() without its
// 4-byte length prefix.
inline QByteArray deflated(const QByteArray &data)
{
    if (data.isEmpty()) // qCompress() gives no stream at all for nothing
        return QByteArray("\x78\x9c\x03\x00\x00\x00\x00\x01", 8);
    return qCompress(data).mid(4);
}

inline quint32 crc32Of(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline void appendLittleEndian(QByteArray &out, quint64 value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out += char((value >> (8 * i)) & 0xff);
}

// A gzip member (RFC 1952): the zlib stream's raw deflate data between a gzip header and trailer
// (CRC-32 and size, 8 bytes).
inline QByteArray gzipped(const QByteArray &data)
{
    const QByteArray zlib = deflated(data);
    QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    out += zlib.mid(2, zlib.size() - 6);
    appendLittleEndian(out, crc32Of(data), 4);
    appendLittleEndian(out, quint32(data.size()), 4);
    return out;
}

// A brotli stream (RFC 7932) of uncompressed meta-blocks: valid brotli without a brotli encoder.
inline QByteArray brotliStored(const QByteArray &data)
{
    QByteArray out;
    quint32 bits = 0;
    int count = 0;
    const auto put = [&](quint32 value, int n) {
        bits |= value << count;
        for (count += n; count >= 8; count -= 8, bits >>= 8)
            out += char(bits & 0xff);
    };
    const auto align = [&] {
        if (count > 0)
            put(0, 8 - count);
    };
    put(0, 1); // WBITS: 16
    constexpr qsizetype Block = 32 * 1024;
    for (qsizetype i = 0; i < data.size(); i += Block) {
        const qsizetype n = std::min(Block, data.size() - i);
        put(0, 1); // ISLAST
        put(0, 2); // MNIBBLES: 4
        put(quint32(n - 1), 16); // MLEN - 1
        put(1, 1); // ISUNCOMPRESSED
        align();
        out += data.mid(i, n);
    }
    put(1, 1); // ISLAST
    put(1, 1); // ISLASTEMPTY
    align();
    return out;
}

// A zstd frame (RFC 8878) of raw blocks: valid zstd without a zstd encoder.
inline QByteArray zstdRaw(const QByteArray &data)
{
    QByteArray out("\x28\xb5\x2f\xfd", 4);
    out += char(0xa0); // Frame_Header_Descriptor: Single_Segment, 4-byte Frame_Content_Size
    appendLittleEndian(out, quint32(data.size()), 4);
    constexpr qsizetype Block = 128 * 1024;
    qsizetype i = 0;
    do {
        const qsizetype n = std::min(Block, data.size() - i);
        const bool last = i + n == data.size();
        appendLittleEndian(out, (quint32(n) << 3) | (last ? 1u : 0u), 3); // Raw_Block
        out += data.mid(i, n);
        i += n;
    } while (i < data.size());
    return out;
}

// body as chunks of at most size bytes, with the last chunk.
inline QByteArray chunkedBody(const QByteArray &body, qsizetype size)
{
    QByteArray out;
    for (qsizetype i = 0; i < body.size(); i += size) {
        const QByteArray chunk = body.mid(i, size);
        out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    }
    return out + "0\r\n\r\n";
}

// "HTTP/1.1 200 OK" with a Content-Length; headers are complete lines ("Name: value\r\n").
inline QByteArray ok(const QByteArray &body, const QByteArray &headers = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
            + headers + "\r\n" + body;
}

// What ScriptServer does with one request head.
struct Step
{
    QByteArray target; // empty: any request; else only a request for this path and query
    QByteArray bytes; // the response, written as is
    int piece = 0; // > 0: written this many bytes at a time, one event-loop turn apart
    qint64 patternSize = 0; // then this many bytes of patternBytes(), as fast as the client reads
    bool answer = true; // false: close the connection without writing a byte
    bool close = false; // close after the response (or instead of it, without answer)
    bool reset = false; // that close sends RST instead of FIN
    bool held = false; // wait for ScriptServer::releaseHeld() before writing

    Step inPieces(int size) const
    {
        return with([size](Step &s) { s.piece = size; });
    }
    Step thenClose() const
    {
        return with([](Step &s) { s.close = true; });
    }
    // Once the client's kernel has the bytes, RST: a close-delimited body cut by a reset.
    Step thenReset() const
    {
        return with([](Step &s) { s.close = s.reset = true; });
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

inline Step respond(const QByteArray &bytes)
{
    Step step;
    step.bytes = bytes;
    return step;
}

// The request is read, then the connection closed (FIN) without a response.
inline Step hangUp()
{
    Step step;
    step.answer = false;
    step.close = true;
    return step;
}

// The request is read, then the connection reset (RST) without a response.
inline Step resetConnection()
{
    Step step = hangUp();
    step.reset = true;
    return step;
}

// A raw HTTP server on 127.0.0.1 that answers each request head with the next scripted Step
// (the first that matches its target) and records what arrived on which connection. A request
// no Step matches is never answered. Lives on the test's thread, like the client.
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

    QUrl url(const QString &pathAndQuery = QStringLiteral("/")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort()) + pathAndQuery);
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
    // Bytes of patternBytes() written so far, on all connections (at most MaxQueued of them may
    // still wait in QTcpSocket's buffer, the rest went to the kernel).
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
        QObject::connect(c->socket, &QTcpSocket::readyRead, c->socket, [this, c] {
            c->buffer += c->socket->readAll();
            serve(c);
        });
        QObject::connect(c->socket, &QTcpSocket::bytesWritten, c->socket, [this, c] {
            if (c->busy && !c->held && c->written >= c->step.bytes.size())
                writeMore(c);
        });
        QObject::connect(c->socket, &QTcpSocket::disconnected, c->socket, [c] { c->open = false; });
    }

private:
    static constexpr qint64 PatternBlock = 256 * 1024;
    static constexpr qint64 MaxQueued = 1024 * 1024; // in QTcpSocket's buffer, not the kernel's

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
        while (c->patternWritten < s.patternSize && c->socket->bytesToWrite() < MaxQueued) {
            const qint64 n = std::min(PatternBlock, s.patternSize - c->patternWritten);
            c->socket->write(patternBytes(c->patternWritten, n));
            c->patternWritten += n;
            m_patternSent += n;
        }
        if (c->patternWritten < s.patternSize)
            return; // bytesWritten() brings us back
        if (s.reset && c->socket->bytesToWrite() > 0)
            return; // an RST now would drop what QTcpSocket still holds: after bytesWritten()
        c->busy = false;
        if (s.close) {
            closeConnection(c, s.reset);
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

} // namespace qcrawl::test
