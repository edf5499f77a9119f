#include "http1connection.h"

#include "http1reply.h"
#include "networkmanager.h"

#include <algorithm>

#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// A comma-separated header value (Connection, Transfer-Encoding) holds this token.
bool hasToken(const QByteArray &value, QByteArrayView token)
{
    const QList<QByteArray> parts = value.split(',');
    return std::any_of(parts.begin(), parts.end(), [token](const QByteArray &part) {
        return part.trimmed().compare(token, Qt::CaseInsensitive) == 0;
    });
}

void chopLineEnd(QByteArray &line)
{
    qsizetype n = line.size();
    while (n > 0 && (line.at(n - 1) == '\n' || line.at(n - 1) == '\r'))
        --n;
    line.truncate(n);
}

} // namespace

QString Http1Connection::keyFor(const QString &host, quint16 port)
{
    return host + u':' + QString::number(port);
}

Http1Connection::Http1Connection(const QString &host, quint16 port, NetworkManager *manager)
    : QObject(manager)
    , m_manager(manager)
    , m_socket(new QTcpSocket(this))
    , m_key(keyFor(host, port))
{
    m_socket->setProxy(QNetworkProxy::NoProxy); // NetworkManager sends proxied requests to Qt
    connect(m_socket, &QTcpSocket::connected, this, &Http1Connection::onConnected);
    connect(m_socket, &QTcpSocket::readyRead, this, &Http1Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &Http1Connection::onSocketError);
    connect(m_socket, &QTcpSocket::disconnected, this, &Http1Connection::onDisconnected);
    m_host = host;
    m_port = port;
    // From the event loop: a refused connection to an IP address can fail inside connectToHost(),
    // and a reply must not finish before its caller has had a chance to connect to it.
    manager->scheduleConnect(this);
}

void Http1Connection::startConnecting()
{
    if (m_state == State::Connecting) {
        m_socket->connectToHost(m_host, m_port);
    }
}

Http1Connection::~Http1Connection()
{
    m_socket->disconnect(this);
    m_manager->forget(this);
}

void Http1Connection::send(Http1Reply *reply, const QByteArray &request, bool headRequest)
{
    m_reply = reply;
    m_head = headRequest;
    m_responseStarted = false;
    m_eof = false;
    m_broken = false;
    m_status = 0;
    m_headers.clear();
    m_headBytes = 0;
    if (m_state == State::Connecting) {
        m_pendingRequest = request;
        return;
    }
    m_state = State::AwaitingHead;
    m_socket->write(request);
    m_socket->flush(); // now, not on the next turn of the event loop
}

void Http1Connection::onConnected()
{
    // No TCP_NODELAY: each request leaves in one write with nothing else in flight, which Nagle's
    // algorithm never holds back, and the system call costs more than it gains (W1).
    if (m_state != State::Connecting)
        return;
    if (!m_reply) { // abandoned while connecting
        close();
        return;
    }
    m_state = State::AwaitingHead;
    m_socket->write(m_pendingRequest);
    m_socket->flush();
    m_pendingRequest.clear();
}

void Http1Connection::abandon()
{
    m_reply = nullptr;
    close();
}

void Http1Connection::setReadBufferSize(qint64 size)
{
    // The whole response head must fit, or it could never be parsed.
    m_socket->setReadBufferSize(size <= 0 ? 0 : std::max<qint64>(size, 2 * MaxHeadBytes));
}

void Http1Connection::onReadyRead()
{
    switch (m_state) {
    case State::Idle: // the server sent something nobody asked for: never reuse this one
        close();
        return;
    case State::AwaitingHead:
        if (!parseHead() || !m_reply)
            return;
        if (m_framing == Framing::None) {
            completeResponse();
            return;
        }
        deliverBody();
        return;
    case State::ReadingBody:
        deliverBody();
        return;
    case State::Connecting:
    case State::Closed:
        return;
    }
}

bool Http1Connection::parseStatusLine(const QByteArray &line)
{
    // HTTP/1.1 200 OK
    if (!line.startsWith("HTTP/1.") || line.size() < 12 || line.at(8) != ' ')
        return false;
    if (line.size() > 12 && line.at(12) != ' ')
        return false;
    bool ok = false;
    const int status = line.mid(9, 3).toInt(&ok);
    if (!ok || status < 100)
        return false;
    m_status = status;
    m_http10 = line.at(7) == '0';
    m_reason = line.mid(13);
    return true;
}

bool Http1Connection::parseHead()
{
    while (m_socket->canReadLine()) {
        QByteArray line = m_socket->readLine();
        m_responseStarted = true;
        m_headBytes += int(line.size());
        if (m_headBytes > MaxHeadBytes) {
            fail(QNetworkReply::ProtocolFailure, u"response head larger than 64 KiB"_s);
            return false;
        }
        chopLineEnd(line);
        if (m_status == 0) {
            if (line.isEmpty())
                continue; // a stray line end after the previous response
            if (!parseStatusLine(line)) {
                fail(QNetworkReply::ProtocolFailure,
                     u"invalid status line: %1"_s.arg(QString::fromLatin1(line.left(80))));
                return false;
            }
            continue;
        }
        if (!line.isEmpty()) {
            if (line.at(0) == ' ' || line.at(0) == '\t') { // obsolete line folding
                if (!m_headers.isEmpty())
                    m_headers.last().second += ' ' + line.trimmed();
                continue;
            }
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0 || m_headers.size() >= MaxHeaderLines) {
                fail(QNetworkReply::ProtocolFailure,
                     colon <= 0
                             ? u"invalid header line: %1"_s.arg(QString::fromLatin1(line.left(80)))
                             : u"more than %1 header lines"_s.arg(MaxHeaderLines));
                return false;
            }
            m_headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
            continue;
        }
        // The end of a head. An interim 1xx response is followed by the real one.
        if (m_status < 200 && m_status != 101) {
            m_status = 0;
            m_headers.clear();
            continue;
        }
        return startBody();
    }
    if (m_socket->bytesAvailable() > MaxHeadBytes)
        fail(QNetworkReply::ProtocolFailure, u"response head larger than 64 KiB"_s);
    return false;
}

bool Http1Connection::startBody()
{
    qint64 length = -1;
    bool chunked = false;
    bool closeToken = false;
    bool keepAliveToken = false;
    for (const auto &[name, value] : std::as_const(m_headers)) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0 || (length >= 0 && n != length)) {
                fail(QNetworkReply::ProtocolFailure,
                     u"invalid Content-Length: %1"_s.arg(QString::fromLatin1(value.left(40))));
                return false;
            }
            length = n;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            chunked = hasToken(value, "chunked");
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            closeToken = closeToken || hasToken(value, "close");
            keepAliveToken = keepAliveToken || hasToken(value, "keep-alive");
        }
    }
    m_keepAlive = !closeToken && (!m_http10 || keepAliveToken);
    if (m_head || m_status == 204 || m_status == 304 || m_status < 200) {
        m_framing = Framing::None;
    } else if (chunked) {
        m_framing = Framing::Chunked;
        m_chunk = Chunk::Size;
        m_remaining = 0;
        if (length >= 0)
            m_keepAlive = false; // both framings at once (RFC 9112 6.3): do not trust what follows
        length = -1;
    } else if (length >= 0) {
        m_framing = length > 0 ? Framing::Length : Framing::None;
        m_remaining = length;
    } else {
        m_framing = Framing::UntilClose;
        m_keepAlive = false;
    }
    m_state = State::ReadingBody;
    const qint64 total = m_framing == Framing::None ? 0 : length;
    m_reply->onResponseHead(m_status, m_reason, m_headers, total);
    return true; // the reply may have been aborted meanwhile: callers check m_reply
}

// Moves over chunk sizes, chunk ends and trailers until body bytes (or the end) are next.
// Sets m_broken on a malformed chunk: the caller decides when to fail.
void Http1Connection::advanceChunks()
{
    for (;;) {
        switch (m_chunk) {
        case Chunk::Size: {
            if (!m_socket->canReadLine()) {
                if (m_socket->bytesAvailable() > 1024) // a chunk-size line is never this long
                    m_broken = true;
                return;
            }
            QByteArray line = m_socket->readLine();
            chopLineEnd(line);
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions: ignored
            if (semicolon >= 0)
                line.truncate(semicolon);
            line = line.trimmed();
            bool ok = false;
            const qint64 size = line.toLongLong(&ok, 16);
            if (!ok || size < 0 || line.isEmpty() || line.startsWith('-') || line.startsWith('+')) {
                m_broken = true;
                return;
            }
            m_remaining = size;
            m_chunk = size == 0 ? Chunk::Trailer : Chunk::Data;
            break;
        }
        case Chunk::Data:
            if (m_remaining > 0)
                return;
            m_chunk = Chunk::DataEnd;
            break;
        case Chunk::DataEnd: {
            if (!m_socket->canReadLine())
                return;
            QByteArray line = m_socket->readLine();
            chopLineEnd(line);
            if (!line.isEmpty()) {
                m_broken = true;
                return;
            }
            m_chunk = Chunk::Size;
            break;
        }
        case Chunk::Trailer: {
            if (!m_socket->canReadLine())
                return;
            QByteArray line = m_socket->readLine();
            chopLineEnd(line);
            if (line.isEmpty())
                m_chunk = Chunk::Done;
            break; // a trailer field: ignored
        }
        case Chunk::Done:
            return;
        }
    }
}

qint64 Http1Connection::bodyBytesAvailable()
{
    if (m_state != State::ReadingBody || m_broken)
        return 0;
    switch (m_framing) {
    case Framing::None:
        return 0;
    case Framing::Length:
        return std::min(m_remaining, m_socket->bytesAvailable());
    case Framing::UntilClose:
        return m_socket->bytesAvailable();
    case Framing::Chunked:
        advanceChunks();
        return m_chunk == Chunk::Data && !m_broken
                ? std::min(m_remaining, m_socket->bytesAvailable())
                : 0;
    }
    return 0;
}

qint64 Http1Connection::readBody(char *data, qint64 maxSize)
{
    const qint64 available = std::min(bodyBytesAvailable(), maxSize);
    const qint64 n = available > 0 ? m_socket->read(data, available) : 0;
    if (n > 0 && m_framing != Framing::UntilClose)
        m_remaining -= n;
    if (m_framing == Framing::Chunked && m_remaining == 0)
        advanceChunks();
    // Read outside deliverBody(): the end of the body is noticed from the event loop, so that
    // finished() never comes from inside the reader's read().
    if (!m_delivering && (m_broken || bodyComplete()))
        scheduleSettle();
    return std::max<qint64>(n, 0);
}

bool Http1Connection::bodyComplete() const
{
    switch (m_framing) {
    case Framing::None:
        return true;
    case Framing::Length:
        return m_remaining == 0;
    case Framing::Chunked:
        return m_chunk == Chunk::Done;
    case Framing::UntilClose:
        return m_eof && m_socket->bytesAvailable() == 0;
    }
    return false;
}

void Http1Connection::deliverBody()
{
    if (m_framing == Framing::Chunked)
        advanceChunks();
    if (!m_broken && bodyBytesAvailable() > 0) {
        m_delivering = true;
        m_reply->onBody();
        if (m_reply && !m_broken && bodyBytesAvailable() > 0)
            m_reply->bufferUnread();
        m_delivering = false;
    }
    settle();
}

void Http1Connection::scheduleSettle()
{
    if (m_settleQueued)
        return;
    m_settleQueued = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_settleQueued = false;
                settle();
            },
            Qt::QueuedConnection);
}

// Finishes the response when its body is complete, broken, or cut off.
void Http1Connection::settle()
{
    if (!m_reply || m_state != State::ReadingBody)
        return;
    if (m_broken)
        fail(QNetworkReply::ProtocolFailure, u"invalid chunked encoding"_s);
    else if (bodyComplete())
        completeResponse();
    else if (m_eof && bodyBytesAvailable() == 0)
        fail(QNetworkReply::RemoteHostClosedError, u"Connection closed"_s);
}

void Http1Connection::completeResponse()
{
    Http1Reply *reply = m_reply;
    m_reply = nullptr;
    ++m_served;
    const bool reusable = m_keepAlive && !m_eof
            && m_socket->state() == QAbstractSocket::ConnectedState
            && m_socket->bytesAvailable() == 0;
    if (reusable) {
        // Back in the pool before the reply finishes: its finished() may send the next request.
        m_state = State::Idle;
        m_idleClock.start();
        m_manager->releaseConnection(this);
    } else {
        close();
    }
    reply->onComplete();
}

void Http1Connection::fail(int networkError, const QString &message)
{
    Http1Reply *reply = m_reply;
    m_reply = nullptr;
    close();
    if (reply)
        reply->onFailure(QNetworkReply::NetworkError(networkError), message);
}

void Http1Connection::close()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_manager->forget(this);
    m_socket->disconnect(this);
    m_socket->abort();
    deleteLater();
}

void Http1Connection::onSocketError()
{
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onRemoteClose();
        return;
    }
    if (!m_reply || m_state == State::Idle || m_state == State::Closed) {
        close();
        return;
    }
    if (m_served > 0 && !m_responseStarted) {
        retryElsewhere();
        return;
    }
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        fail(QNetworkReply::ConnectionRefusedError, u"Connection refused"_s);
        return;
    case QAbstractSocket::HostNotFoundError:
        fail(QNetworkReply::HostNotFoundError,
             u"Host %1 not found"_s.arg(m_key.section(u':', 0, -2)));
        return;
    case QAbstractSocket::SocketTimeoutError:
        fail(QNetworkReply::TimeoutError, m_socket->errorString());
        return;
    default:
        fail(QNetworkReply::UnknownNetworkError, m_socket->errorString());
        return;
    }
}

void Http1Connection::onDisconnected()
{
    onRemoteClose();
}

void Http1Connection::onRemoteClose()
{
    if (m_eof || m_state == State::Closed)
        return;
    if (!m_reply || m_state == State::Idle || m_state == State::Connecting) {
        if (m_state == State::Connecting && m_reply)
            fail(QNetworkReply::RemoteHostClosedError, u"Connection closed"_s);
        else
            close();
        return;
    }
    onReadyRead(); // what arrived before the end
    if (!m_reply || m_state == State::Closed)
        return;
    if (m_state == State::AwaitingHead) {
        if (m_served > 0 && !m_responseStarted)
            retryElsewhere();
        else
            fail(QNetworkReply::RemoteHostClosedError, u"Connection closed"_s);
        return;
    }
    m_eof = true;
    settle(); // a close-delimited body ends here; others are cut off unless complete
}

// A kept-alive connection that the server closed before answering (it timed the connection out
// as the request went out): the request never reached the application, so sending it again on
// a new connection is safe for GET and HEAD.
void Http1Connection::retryElsewhere()
{
    Http1Reply *reply = m_reply;
    m_reply = nullptr;
    close();
    reply->onStaleConnection();
}

} // namespace qcrawl
