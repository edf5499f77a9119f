#include "democonnection.h"

#include "demo/demopattern.h"
#include "demo/demorequestparser.h"
#include "demo/demoroutes.h"

#include <algorithm>
#include <utility>

namespace qcrawl {

namespace {

constexpr qint64 MaxBufferedInput = 256 * 1024; // pipelined input kept while busy
constexpr qint64 SocketReadBuffer = 256 * 1024;
constexpr qint64 WriteHighWater = 1024 * 1024; // bound of the socket's write buffer
constexpr qint64 SliceBytes = 256 * 1024; // one write while streaming
constexpr int LingerMs = 200;
constexpr int ThrottleTickMs = 50;

} // namespace

DemoConnection::DemoConnection(QTcpSocket *socket, DemoRoutes *routes, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_routes(routes)
    , m_environment { socket->localAddress(), socket->localPort() }
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Bounded, so that a client pipelining without reading gets TCP back-pressure.
    m_socket->setReadBufferSize(SocketReadBuffer);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);

    connect(&m_timer, &QTimer::timeout, this, &DemoConnection::onTimeout);
    connect(m_socket, &QIODevice::readyRead, this, &DemoConnection::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &DemoConnection::onBytesWritten);
    connect(m_socket, &QAbstractSocket::disconnected, this, &DemoConnection::onDisconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
}

DemoConnection::~DemoConnection()
{
    detach();
}

void DemoConnection::abort()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer.stop();
    detach();
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    deleteLater();
}

void DemoConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer.stop();
    detach();
    deleteLater();
}

void DemoConnection::detach()
{
    if (!std::exchange(m_detached, true))
        emit closed();
}

void DemoConnection::onReadyRead()
{
    if (m_state == State::Idle)
        processNext();
    else
        pull();
}

void DemoConnection::onBytesWritten()
{
    if (m_state == State::Streaming)
        fillStream();
    if (m_state == State::Idle)
        processNext();
}

void DemoConnection::onTimeout()
{
    if (m_state == State::Delaying) {
        send(std::exchange(m_delayed, {}));
        processNext();
    } else if (m_state == State::Lingering) {
        m_state = State::Closing;
        m_socket->disconnectFromHost();
    } else if (m_state == State::Streaming && m_stream.bytesPerSecond > 0) {
        m_streamBudget = std::max<qint64>(1, m_stream.bytesPerSecond * ThrottleTickMs / 1000);
        fillStream();
    }
}

// Moves received bytes into m_in (bounded) and skips request bodies.
void DemoConnection::pull()
{
    // Nothing behind a stall or a close is ever answered: drop it rather than buffer it.
    if (m_state == State::Stalled || m_state == State::Lingering || m_state == State::Closing
        || m_state == State::Closed) {
        m_socket->skip(m_socket->bytesAvailable());
        m_in.clear();
        return;
    }
    for (;;) {
        if (m_discard > 0 && !m_in.isEmpty()) {
            const qint64 n = std::min<qint64>(m_discard, m_in.size());
            m_in.remove(0, n);
            m_discard -= n;
        }
        if (m_discard > 0 && m_in.isEmpty())
            m_discard -= std::max<qint64>(
                    0, m_socket->skip(std::min(m_discard, m_socket->bytesAvailable())));
        const qint64 room = MaxBufferedInput - m_in.size();
        if (room <= 0 || m_socket->bytesAvailable() <= 0)
            return;
        m_in += m_socket->read(room);
    }
}

void DemoConnection::processNext()
{
    while (m_state == State::Idle) {
        pull();
        // Wait for the rest of a request body, or for the client to read what it was sent.
        if (m_discard > 0 || m_socket->bytesToWrite() >= WriteHighWater)
            return;
        const DemoRequestParser::Result parsed = DemoRequestParser::parse(m_in);
        m_in.remove(0, parsed.consumed);
        switch (parsed.kind) {
        case DemoRequestParser::Result::Kind::NeedMore:
            return;
        case DemoRequestParser::Result::Kind::Error:
            return replyAndClose(parsed.errorStatus, parsed.errorText);
        case DemoRequestParser::Result::Kind::Request:
            m_discard = parsed.request.bodyLength;
            dispatch(parsed.request);
            break;
        }
    }
}

void DemoConnection::dispatch(const DemoRequest &request)
{
    m_headOnly = request.head;
    m_closeAfter = !request.keepAlive;
    m_lingerOnClose = false;
    DemoResponse response = m_routes->answer(request, m_environment);
    if (response.delayMs < 0)
        return send(response);
    m_state = State::Delaying;
    m_timer.start(int(response.delayMs));
    m_delayed = std::move(response);
}

// For requests that cannot be answered reliably (broken framing): answer, then close.
void DemoConnection::replyAndClose(int status, const QByteArray &text)
{
    m_headOnly = false;
    m_closeAfter = true;
    m_lingerOnClose = true;
    m_discard = 0;
    send(DemoResponse::text(status, text));
}

void DemoConnection::send(const DemoResponse &response)
{
    m_closeAfter = m_closeAfter || response.close;
    m_routes->countServed();
    QByteArray out = response.head(m_closeAfter);
    if (!m_headOnly)
        out += response.body;
    m_socket->write(out);
    if (m_headOnly)
        return finishResponse();
    if (response.stall) {
        m_state = State::Stalled; // until the client disconnects
        return;
    }
    if (response.stream)
        return startStream(*response.stream);
    finishResponse();
}

void DemoConnection::startStream(const DemoResponse::Stream &stream)
{
    m_stream = stream;
    m_streamBudget = std::max<qint64>(1, stream.bytesPerSecond * ThrottleTickMs / 1000);
    m_state = State::Streaming;
    fillStream();
}

// Tops the socket's write buffer up to WriteHighWater; called again on every bytesWritten(),
// so memory stays flat however large the body.
void DemoConnection::fillStream()
{
    while (m_state == State::Streaming && m_socket->bytesToWrite() < WriteHighWater) {
        const qint64 remaining = m_stream.end - m_stream.offset;
        if (remaining <= 0) {
            if (m_stream.chunked)
                m_socket->write("0\r\n\r\n", 5);
            finishResponse();
            return;
        }
        if (m_stream.bytesPerSecond > 0 && m_streamBudget <= 0) {
            if (!m_timer.isActive())
                m_timer.start(ThrottleTickMs); // onTimeout() refills the budget
            return;
        }
        qint64 available = 0;
        const char *data = nullptr;
        if (m_stream.data.isNull()) {
            data = DemoPattern::at(m_stream.offset, &available);
        } else {
            data = m_stream.data.constData() + m_stream.offset;
            available = m_stream.data.size() - m_stream.offset;
        }
        qint64 n = std::min({ remaining, SliceBytes, available });
        if (m_stream.bytesPerSecond > 0) {
            n = std::min(n, m_streamBudget);
            m_streamBudget -= n;
        }
        if (m_stream.chunked) {
            QByteArray chunk;
            chunk.reserve(n + 16);
            chunk += QByteArray::number(n, 16);
            chunk += "\r\n";
            chunk.append(data, n);
            chunk += "\r\n";
            m_socket->write(chunk);
        } else {
            m_socket->write(data, n);
        }
        m_stream.offset += n;
    }
}

void DemoConnection::finishResponse()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Idle;
    if (!m_closeAfter)
        return;
    if (m_lingerOnClose) {
        // Closing with unread input makes the kernel send RST, which can destroy the answer
        // before the client has read it. Drain the input for a moment first.
        m_state = State::Lingering;
        pull();
        m_timer.start(LingerMs);
    } else {
        m_state = State::Closing;
        m_socket->disconnectFromHost(); // flushes first; may emit disconnected() right away
    }
}

} // namespace qcrawl
