#include "http1reply.h"

#include "contentdecoder.h"
#include "http1connection.h"
#include "networkmanager.h"

#include <QNetworkCookie>
#include <QNetworkCookieJar>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// The codes Qt's own HTTP client gives these statuses (QNetworkReplyHttpImpl), so that callers
// see the same error() whichever client answered.
QNetworkReply::NetworkError errorForStatus(int status)
{
    switch (status) {
    case 400:
    case 418:
        return QNetworkReply::ProtocolInvalidOperationError;
    case 401:
        return QNetworkReply::AuthenticationRequiredError;
    case 403:
        return QNetworkReply::ContentAccessDenied;
    case 404:
        return QNetworkReply::ContentNotFoundError;
    case 405:
        return QNetworkReply::ContentOperationNotPermittedError;
    case 407:
        return QNetworkReply::ProxyAuthenticationRequiredError;
    case 409:
        return QNetworkReply::ContentConflictError;
    case 410:
        return QNetworkReply::ContentGoneError;
    case 500:
        return QNetworkReply::InternalServerError;
    case 501:
        return QNetworkReply::OperationNotImplementedError;
    case 503:
        return QNetworkReply::ServiceUnavailableError;
    default:
        if (status >= 500)
            return QNetworkReply::UnknownServerError;
        if (status >= 400)
            return QNetworkReply::UnknownContentError;
        return QNetworkReply::NoError;
    }
}

QByteArray requestTarget(const QUrl &url)
{
    QByteArray target =
            url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (!target.startsWith('/'))
        target.prepend('/');
    return target;
}

QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // IPv6
    if (url.port() != -1 && url.port() != 80)
        host += ':' + QByteArray::number(url.port());
    return host;
}

} // namespace

Http1Reply::Http1Reply(NetworkManager *manager, QNetworkAccessManager::Operation op,
                       const QNetworkRequest &request)
    : QNetworkReply(manager)
    , m_manager(manager)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(op);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);

    const QUrl &target = request.url();
    QByteArray &out = m_requestBytes;
    out.reserve(512);
    out += op == QNetworkAccessManager::HeadOperation ? "HEAD " : "GET ";
    out += requestTarget(target);
    out += " HTTP/1.1\r\n";
    bool hasHost = false;
    bool hasConnection = false;
    bool hasCookie = false;
    bool hasEncoding = false;
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        hasHost = hasHost || name.compare("Host", Qt::CaseInsensitive) == 0;
        hasEncoding = hasEncoding || name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0;
        hasConnection = hasConnection || name.compare("Connection", Qt::CaseInsensitive) == 0;
        hasCookie = hasCookie || name.compare("Cookie", Qt::CaseInsensitive) == 0;
    }
    if (!hasHost)
        out += "Host: " + hostHeader(target) + "\r\n";
    for (const QByteArray &name : names)
        out += name + ": " + request.rawHeader(name) + "\r\n";
    const bool loadCookies = request.attribute(QNetworkRequest::CookieLoadControlAttribute).toInt()
            != QNetworkRequest::Manual;
    if (!hasCookie && loadCookies && manager->cookieJar()) {
        const QList<QNetworkCookie> cookies = manager->cookieJar()->cookiesForUrl(target);
        if (!cookies.isEmpty()) {
            out += "Cookie: ";
            for (qsizetype i = 0; i < cookies.size(); ++i) {
                if (i)
                    out += "; ";
                out += cookies.at(i).toRawForm(QNetworkCookie::NameAndValueOnly);
            }
            out += "\r\n";
        }
    }
    // As Qt does: compressed bodies when the caller did not choose, decoded for the reader.
    m_decodes = !hasEncoding && op == QNetworkAccessManager::GetOperation;
    if (m_decodes)
        out += "Accept-Encoding: gzip, deflate\r\n";
    if (!hasConnection)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";

    send(true);
}

Http1Reply::~Http1Reply()
{
    detach();
}

void Http1Reply::send(bool allowReuse)
{
    const QUrl target = url();
    Http1Connection *connection =
            m_manager->connectionFor(target.host(), quint16(target.port(80)), allowReuse);
    m_connection = connection;
    connection->setReadBufferSize(readBufferSize());
    connection->send(this, m_requestBytes, operation() == QNetworkAccessManager::HeadOperation);
}

void Http1Reply::detach()
{
    if (Http1Connection *connection = m_connection) {
        m_connection = nullptr;
        connection->abandon();
    }
}

void Http1Reply::abort()
{
    if (isFinished())
        return;
    detach();
    QNetworkReply::close();
    finishWith(OperationCanceledError, u"Operation canceled"_s);
}

void Http1Reply::close()
{
    if (isFinished()) {
        QNetworkReply::close();
        return;
    }
    abort(); // as Qt's: closing a running reply cancels it
}

qint64 Http1Reply::bytesAvailable() const
{
    const qint64 body = m_connection ? m_connection->bodyBytesAvailable() : 0;
    return QNetworkReply::bytesAvailable() + (m_pending.size() - m_pendingPos) + body;
}

void Http1Reply::setReadBufferSize(qint64 size)
{
    QNetworkReply::setReadBufferSize(size);
    if (m_connection)
        m_connection->setReadBufferSize(size);
}

qint64 Http1Reply::readData(char *data, qint64 maxSize)
{
    qint64 n = 0;
    if (m_pendingPos < m_pending.size()) {
        n = std::min<qint64>(maxSize, m_pending.size() - m_pendingPos);
        memcpy(data, m_pending.constData() + m_pendingPos, size_t(n));
        m_pendingPos += n;
        if (m_pendingPos == m_pending.size()) {
            m_pending.clear();
            m_pendingPos = 0;
        }
        if (n == maxSize)
            return n;
    }
    // Straight from the connection: this also lets its socket read again once it was full.
    const qint64 pulled = pull(data + n, maxSize - n);
    if (pulled < 0)
        return n > 0 ? n : -1;
    n += pulled;
    if (n == 0 && !m_connection && isFinished())
        return -1;
    return n;
}

// Body bytes from the connection, decoded when the body is encoded. Returns 0 when there are
// none right now, -1 on a corrupt encoding (the reply then fails with UnknownContentError, as
// Qt's does).
qint64 Http1Reply::pull(char *data, qint64 maxSize)
{
    if (maxSize <= 0)
        return 0;
    if (!m_decoder) {
        const qint64 n = m_connection ? m_connection->readBody(data, maxSize) : 0;
        m_received += n;
        return n;
    }
    // Decoded bytes may still come after the last encoded byte arrived (and finished()).
    const qint64 n = m_decoder->read(data, maxSize, [this](char *in, qint64 max) {
        return m_connection ? m_connection->readBody(in, max) : 0;
    });
    if (n < 0) {
        const QString message = m_decoder->errorString();
        m_decoder.reset();
        if (isFinished()) {
            setError(UnknownContentError, message); // the reader checks error() after its last read
        } else {
            detach(); // the rest of the body is of no use; signals come from the event loop
            QMetaObject::invokeMethod(
                    this, [this, message] { finishWith(UnknownContentError, message); },
                    Qt::QueuedConnection);
        }
        return -1;
    }
    m_received += n;
    return n;
}

// The reader left body bytes unread after readyRead(). Like Qt's replies, keep them (up to
// readBufferSize(); 0: all), so that a reply read only after finished() still finishes, and
// the connection is free for the next request as soon as the response is in.
void Http1Reply::bufferUnread()
{
    constexpr qint64 Chunk = 64 * 1024;
    if (m_pendingPos > 0) {
        m_pending.remove(0, m_pendingPos);
        m_pendingPos = 0;
    }
    const qint64 limit = readBufferSize();
    for (;;) {
        const qint64 room = limit > 0 ? std::min(limit - m_pending.size(), Chunk) : Chunk;
        if (room <= 0)
            return;
        const qsizetype old = m_pending.size();
        m_pending.resize(old + room);
        const qint64 n = pull(m_pending.data() + old, room);
        m_pending.resize(old + std::max<qint64>(n, 0));
        if (n <= 0)
            return;
    }
}

void Http1Reply::onResponseHead(int status, const QByteArray &reason, const Headers &headers,
                                qint64 contentLength)
{
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, reason);
    // Repeated fields become one, as Qt does: "a, b", and Set-Cookie lines joined by "\n".
    Headers combined;
    combined.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        auto same = std::find_if(combined.begin(), combined.end(), [&name = name](const auto &h) {
            return h.first.compare(name, Qt::CaseInsensitive) == 0;
        });
        if (same == combined.end()) {
            combined.append({ name, value });
            continue;
        }
        same->second += name.compare("Set-Cookie", Qt::CaseInsensitive) == 0 ? "\n" : ", ";
        same->second += value;
    }
    for (const auto &[name, value] : std::as_const(combined)) {
        setRawHeader(name, value);
        if (name.compare("Set-Cookie", Qt::CaseInsensitive) == 0
            && request().attribute(QNetworkRequest::CookieSaveControlAttribute).toInt()
                    != QNetworkRequest::Manual
            && m_manager->cookieJar()) {
            m_manager->cookieJar()->setCookiesFromUrl(QNetworkCookie::parseCookies(value), url());
        }
    }
    m_total = contentLength;
    const QByteArray encoding = rawHeader("Content-Encoding");
    if (m_decodes && !encoding.isEmpty() && ContentDecoder::supports(encoding)) {
        m_decoder = std::make_unique<ContentDecoder>();
        m_decoder->start(encoding);
        m_total = -1; // the decoded size is not known
    }
    emit metaDataChanged();
}

void Http1Reply::onBody()
{
    QPointer<Http1Reply> self(this);
    emit readyRead();
    if (self && !isFinished())
        emit downloadProgress(m_received, m_total);
}

void Http1Reply::onComplete()
{
    m_connection = nullptr;
    const int status = attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const NetworkError error = errorForStatus(status);
    if (error != NoError) {
        const QString reason = QString::fromLatin1(
                attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
        finishWith(error,
                   u"Error transferring %1 - server replied: %2"_s.arg(url().toString(), reason));
        return;
    }
    setFinished(true);
    emit downloadProgress(m_received, m_received);
    emit finished();
}

void Http1Reply::onFailure(NetworkError error, const QString &message)
{
    m_connection = nullptr;
    finishWith(error, message);
}

void Http1Reply::onStaleConnection()
{
    m_connection = nullptr;
    if (m_staleRetries++ > 0) {
        finishWith(RemoteHostClosedError, u"Connection closed"_s);
        return;
    }
    send(false);
}

void Http1Reply::finishWith(NetworkError error, const QString &message)
{
    if (isFinished())
        return;
    setError(error, message);
    setFinished(true);
    QPointer<Http1Reply> self(this);
    emit errorOccurred(error);
    if (self)
        emit finished();
}

} // namespace qcrawl
