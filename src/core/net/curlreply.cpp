#include "curlreply.h"

#include "net/chunkeddecoder.h"
#include "net/contentdecoder.h"
#include "net/curlmulti.h"
#include "net/httpframing.h"
#include "net/networkmanager.h"
#include "net/replyerrors.h"

#include <cstring>
#include <limits>

#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr long ReceiveBufferBytes = 64 * 1024;

} // namespace

CurlReply::CurlReply(NetworkManager *manager, CurlMulti *multi, const CurlSettings &settings,
                     QNetworkAccessManager::Operation op, const QNetworkRequest &request)
    : QNetworkReply(manager)
    , m_manager(manager)
    , m_multi(multi)
{
    setRequest(request);
    setUrl(request.url());
    setOperation(op);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);

    const QUrl &url = request.url();
    m_hostKey = url.scheme().toLatin1() + "://" + url.host(QUrl::FullyEncoded).toLatin1() + ':'
            + QByteArray::number(url.port(url.scheme() == u"https" ? 443 : 80));
    m_easy = curl_easy_init();
    if (!m_easy) {
        failLater(u"cannot create a transfer"_s);
        return;
    }
    setUp(settings, request);
    m_multi->add(this);
}

CurlReply::~CurlReply()
{
    release();
}

void CurlReply::setUp(const CurlSettings &settings, const QNetworkRequest &request)
{
    CURL *e = m_easy;
    const QUrl &url = request.url();
    const bool https = url.scheme() == u"https";
    curl_easy_setopt(e, CURLOPT_URL, url.toEncoded(QUrl::RemoveFragment).constData());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_PRIVATE, this);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, m_errorBuffer);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_SHARE, m_multi->share());
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &CurlReply::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &CurlReply::onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, &CurlReply::onConnected);
    curl_easy_setopt(e, CURLOPT_PREREQDATA, this);
    curl_easy_setopt(e, CURLOPT_BUFFERSIZE, ReceiveBufferBytes);
    curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    if (operation() == QNetworkAccessManager::HeadOperation)
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);

    switch (settings.httpVersion) {
    case HttpVersion::Default:
        curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
                         https ? long(CURL_HTTP_VERSION_2TLS) : long(CURL_HTTP_VERSION_1_1));
        break;
    case HttpVersion::Http1_1:
        curl_easy_setopt(e, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
        break;
    case HttpVersion::Http2:
        curl_easy_setopt(e, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2_0));
        break;
    }
    if (https) {
        // New requests wait for a connection that may multiplex them (HTTP/2) instead of
        // opening one each.
        curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
        if (settings.insecure) {
            curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
            curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
        } else if (!settings.caCertFile.isEmpty()) {
            curl_easy_setopt(e, CURLOPT_CAINFO, settings.caCertFile.constData());
            curl_easy_setopt(e, CURLOPT_CAPATH, nullptr);
        } else {
            // libcurl 7.88 with OpenSSL 3 parses a CA bundle file again for every new TLS
            // connection (about 30 ms of CPU and 0.9 MiB each); a hashed folder is read lazily,
            // one certificate per lookup.
            curl_easy_setopt(e, CURLOPT_CAINFO, nullptr);
            curl_easy_setopt(e, CURLOPT_CAPATH,
                             NetworkManager::systemCertificateFolder().constData());
        }
    }
    if (settings.proxy) {
        // A proxy given explicitly is used for every host, as v0.1 did with Qt's client; the
        // environment's no_proxy applies to the environment's proxies only.
        curl_easy_setopt(e, CURLOPT_PROXY, settings.proxy->constData());
        curl_easy_setopt(e, CURLOPT_NOPROXY, "");
    }

    bool hasEncoding = false;
    bool hasCookie = false;
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        const QByteArray value = request.rawHeader(name);
        hasEncoding = hasEncoding || name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0;
        hasCookie = hasCookie || name.compare("Cookie", Qt::CaseInsensitive) == 0;
        m_askedRange = m_askedRange || name.compare("Range", Qt::CaseInsensitive) == 0;
        // "Name;" is curl's way of sending a header with an empty value.
        const QByteArray line =
                value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value);
        m_headerList = curl_slist_append(m_headerList, line.constData());
    }
    const bool loadCookies = request.attribute(QNetworkRequest::CookieLoadControlAttribute).toInt()
            != QNetworkRequest::Manual;
    if (!hasCookie && loadCookies && m_manager->cookieJar()) {
        const QList<QNetworkCookie> cookies = m_manager->cookieJar()->cookiesForUrl(url);
        if (!cookies.isEmpty()) {
            QByteArray line = "Cookie: ";
            for (qsizetype i = 0; i < cookies.size(); ++i) {
                if (i)
                    line += "; ";
                line += cookies.at(i).toRawForm(QNetworkCookie::NameAndValueOnly);
            }
            m_headerList = curl_slist_append(m_headerList, line.constData());
        }
    }
    // As Qt does: compressed bodies when the caller did not choose, decoded for the reader.
    m_decodes = !hasEncoding && operation() == QNetworkAccessManager::GetOperation;
    if (m_decodes) {
        const QByteArray line = "Accept-Encoding: " + ContentDecoder::acceptEncoding();
        m_headerList = curl_slist_append(m_headerList, line.constData());
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, m_headerList);
    curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L); // ContentDecoder's, see above
    // Chunks too are undone here (ChunkedDecoder): curl reads a chunk size "0x5" as 0 and what
    // follows as trailers (lib/http_chunks.c, 7.88 and later). curl still finds where the
    // response ends, and hands over its bytes as they came.
    curl_easy_setopt(e, CURLOPT_HTTP_TRANSFER_DECODING, 0L);
}

void CurlReply::release()
{
    if (m_multi)
        m_multi->remove(this);
    if (m_easy) {
        curl_easy_cleanup(m_easy);
        m_easy = nullptr;
    }
    curl_slist_free_all(m_headerList);
    m_headerList = nullptr;
}

size_t CurlReply::onHeader(char *data, size_t size, size_t count, void *self)
{
    auto *reply = static_cast<CurlReply *>(self);
    const size_t n = size * count;
    if (reply->m_headDone)
        return n; // trailers after a chunked body: nothing uses them
    QByteArray line(data, qsizetype(n));
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return reply->headerLine(line) ? n : 0; // 0: curl ends the transfer (CURLE_WRITE_ERROR)
}

bool CurlReply::headerLine(const QByteArray &line)
{
    m_headBytes += line.size() + 2;
    if (m_headBytes > MaxHeadBytes || m_headers.size() > MaxHeaderLines) {
        m_protocolError = u"the response head is larger than %1 KiB or %2 lines"_s.arg(
                QString::number(MaxHeadBytes / 1024), QString::number(MaxHeaderLines));
        return false;
    }
    if (line.startsWith("HTTP/")) {
        // A new status line: the first, or the final one after 1xx interim responses. curl has
        // already checked its shape.
        m_headers.clear();
        const qsizetype space = line.indexOf(' ');
        m_version = line.mid(5, space < 0 ? -1 : space - 5);
        const QByteArray rest = space < 0 ? QByteArray() : line.mid(space + 1);
        m_status = rest.left(3).toInt();
        m_reason = rest.size() > 4 ? rest.mid(4).trimmed() : QByteArray();
        return true;
    }
    if (line.isEmpty())
        return (m_status >= 100 && m_status < 200) ? true : headComplete();
    if (!HttpFraming::isHeaderLine(line)) {
        m_protocolError = u"malformed header line in the response"_s;
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    m_headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
    return true;
}

// The final response's head is in: check its framing (RFC 9112 6), then let deliver() publish
// it.
bool CurlReply::headComplete()
{
    QList<QByteArray> lengths;
    QList<QByteArray> codings;
    for (const auto &[name, value] : std::as_const(m_headers)) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            lengths.append(value);
        else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            codings += value.split(',');
    }
    if (!lengths.isEmpty()) {
        m_total = HttpFraming::parseContentLength(lengths);
        if (m_total < 0) {
            m_protocolError = u"invalid Content-Length in the response: %1"_s.arg(
                    QString::fromLatin1(lengths.join(", ")).left(100));
            return false;
        }
    }
    if (!codings.isEmpty()) {
        if (codings.size() != 1
            || codings.first().trimmed().compare("chunked", Qt::CaseInsensitive) != 0) {
            m_protocolError = u"unsupported Transfer-Encoding in the response: %1"_s.arg(
                    QString::fromLatin1(codings.join(',')).left(100));
            return false;
        }
        if (!lengths.isEmpty()) {
            m_protocolError = u"the response has both Transfer-Encoding and Content-Length"_s;
            return false;
        }
        m_total = -1;
        m_chunks = std::make_unique<ChunkedDecoder>(MaxHeadBytes);
    }
    const bool hasBody = m_status >= 200 && m_status != 204 && m_status != 304;
    if (m_decodes && hasBody) {
        QList<QByteArray> encodings;
        for (const auto &[name, value] : std::as_const(m_headers)) {
            if (name.compare("Content-Encoding", Qt::CaseInsensitive) != 0)
                continue;
            for (const QByteArray &coding : value.split(',')) {
                if (!coding.trimmed().isEmpty()
                    && coding.trimmed().compare("identity", Qt::CaseInsensitive) != 0)
                    encodings.append(coding.trimmed());
            }
        }
        // One coding of ours is decoded; anything else is handed over as it came, as Qt does.
        if (encodings.size() == 1) {
            if (const auto coding = ContentDecoder::codingFor(encodings.first()))
                m_decoder = std::make_unique<ContentDecoder>(*coding);
        }
    }
    if (m_status == 206 && !m_askedRange) {
        m_protocolError = u"the server sent part of the body (206) to a request for all of it"_s;
        return false;
    }
    m_headDone = true;
    if (!m_headPending && !m_bodyPending)
        m_multi->markDirty(this);
    m_headPending = true;
    return true;
}

size_t CurlReply::onBody(char *data, size_t size, size_t count, void *self)
{
    auto *reply = static_cast<CurlReply *>(self);
    const size_t n = size * count;
    if (!reply->m_protocolError.isEmpty() || !reply->m_contentError.isEmpty())
        return 0;
    if (reply->bufferFull() || reply->hasDecodeBacklog()) {
        reply->m_paused = true;
        return CURL_WRITEFUNC_PAUSE; // curl keeps these bytes and offers them again later
    }
    if (reply->m_readPos > 0 && reply->m_readPos == reply->m_buffer.size()) {
        reply->m_buffer.resize(0);
        reply->m_readPos = 0;
    }
    QByteArray unchunked;
    qsizetype bodyBytes = qsizetype(n);
    if (reply->m_chunks) {
        if (!reply->m_chunks->feed(data, qsizetype(n), unchunked)) {
            reply->m_protocolError = u"malformed chunked body in the response"_s;
            return 0;
        }
        if (unchunked.isEmpty())
            return n; // framing only
        data = unchunked.data();
        bodyBytes = unchunked.size();
    }
    if (reply->m_decoder) {
        reply->m_encodedReceived += qint64(bodyBytes);
        QByteArrayView input(data, bodyBytes);
        if (!reply->decodeSome(input))
            return 0;
        if (!input.isEmpty())
            reply->m_encodedPending = input.toByteArray(); // at most one chunk
    } else {
        reply->m_buffer.append(data, bodyBytes);
        reply->m_received += qint64(bodyBytes);
    }
    if (!reply->m_headPending && !reply->m_bodyPending)
        reply->m_multi->markDirty(reply);
    reply->m_bodyPending = true;
    return n;
}

int CurlReply::onConnected(void *self, char *, char *, int, int localPort)
{
    auto *reply = static_cast<CurlReply *>(self);
    reply->m_multi->markConnected(reply, localPort);
    return CURL_PREREQFUNC_OK;
}

// Decodes what fits in the buffer's room (all of it when the buffer has no limit).
bool CurlReply::decodeSome(QByteArrayView &input)
{
    const qint64 limit = bufferLimit();
    const qsizetype room = limit > 0 ? qsizetype(std::max<qint64>(limit - buffered(), 64 * 1024))
                                     : std::numeric_limits<qsizetype>::max();
    const qsizetype before = m_buffer.size();
    const bool ok = m_decoder->decode(input, m_buffer, room);
    m_received += m_buffer.size() - before;
    if (!ok)
        m_contentError = m_decoder->errorString();
    return ok;
}

// The reader made room: decode what waited, then let curl go on.
void CurlReply::decodePending()
{
    QByteArrayView input(m_encodedPending);
    const qsizetype before = buffered();
    const bool ok = decodeSome(input);
    m_encodedPending = ok ? input.toByteArray() : QByteArray();
    if (!ok) {
        release();
        QMetaObject::invokeMethod(
                this, [this] { finishWith(UnknownContentError, m_contentError); },
                Qt::QueuedConnection);
        return;
    }
    if (buffered() > before || (m_finishPending && !hasDecodeBacklog())) {
        if (!m_headPending && !m_bodyPending)
            m_multi->markDirty(this);
        m_bodyPending = m_bodyPending || buffered() > before;
    }
}

bool CurlReply::hasDecodeBacklog() const
{
    return !m_encodedPending.isEmpty() || (m_decoder && m_decoder->hasPendingOutput());
}

bool CurlReply::bufferFull() const
{
    const qint64 limit = bufferLimit();
    return limit > 0 && buffered() >= limit;
}

// readBufferSize() as the reader set it, at most MaxBufferBytes: curl holds back the rest. 0
// (Qt's default) keeps everything, for readers that read only after finished().
qint64 CurlReply::bufferLimit() const
{
    const qint64 size = readBufferSize();
    return size > 0 ? std::min(size, MaxBufferBytes) : 0;
}

void CurlReply::applyHead()
{
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, m_reason);
    setAttribute(NetworkManager::HttpVersionAttribute, m_version);
    setAttribute(QNetworkRequest::Http2WasUsedAttribute, m_version == "2");
    setAttribute(QNetworkRequest::ConnectionEncryptedAttribute, url().scheme() == u"https");
    // Repeated fields become one, as Qt does: "a, b", and Set-Cookie lines joined by "\n".
    Headers combined;
    combined.reserve(m_headers.size());
    for (const auto &[name, value] : std::as_const(m_headers)) {
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
    const bool saveCookies =
            request().attribute(QNetworkRequest::CookieSaveControlAttribute).toInt()
                    != QNetworkRequest::Manual
            && m_manager->cookieJar();
    bool encoded = false;
    for (const auto &[name, value] : std::as_const(combined)) {
        setRawHeader(name, value);
        if (saveCookies && name.compare("Set-Cookie", Qt::CaseInsensitive) == 0)
            m_manager->cookieJar()->setCookiesFromUrl(QNetworkCookie::parseCookies(value), url());
        encoded = encoded || name.compare("Content-Encoding", Qt::CaseInsensitive) == 0;
    }
    if (encoded && m_decoder)
        m_total = -1; // decoded here: the size is not known
    m_headers.clear();
}

void CurlReply::deliver()
{
    QPointer<CurlReply> self(this);
    if (m_headPending) {
        m_headPending = false;
        applyHead();
        emit metaDataChanged();
        if (!self || isFinished())
            return;
    }
    if (m_bodyPending) {
        m_bodyPending = false;
        emit readyRead();
        if (!self || isFinished())
            return;
        emit downloadProgress(m_received, m_total);
        if (!self || isFinished())
            return;
    }
    if (m_finishPending && !hasDecodeBacklog()) {
        m_finishPending = false;
        complete(m_doneResult, m_doneMessage);
    }
}

qint64 CurlReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min<qint64>(maxSize, buffered());
    if (n > 0) {
        std::memcpy(data, m_buffer.constData() + m_readPos, size_t(n));
        m_readPos += n;
    }
    if (m_readPos == m_buffer.size()) {
        m_buffer.resize(0); // keeps the allocation for the next bytes
        m_readPos = 0;
    } else if (m_readPos > 256 * 1024 && m_readPos > m_buffer.size() / 2) {
        m_buffer.remove(0, m_readPos);
        m_readPos = 0;
    }
    // Room again: let curl offer what it holds back (it may call onBody() right here).
    const qint64 limit = bufferLimit();
    if (hasDecodeBacklog() && !bufferFull())
        decodePending();
    if (m_paused && m_easy && m_stage != Stage::Idle && !hasDecodeBacklog()
        && (limit <= 0 || buffered() <= limit / 2)) {
        m_paused = false;
        curl_easy_pause(m_easy, CURLPAUSE_CONT);
    }
    if (n == 0 && isFinished())
        return -1;
    return n;
}

qint64 CurlReply::bytesAvailable() const
{
    return QNetworkReply::bytesAvailable() + buffered();
}

void CurlReply::setReadBufferSize(qint64 size)
{
    QNetworkReply::setReadBufferSize(size);
    if (m_paused && !bufferFull() && m_easy && m_stage != Stage::Idle) {
        m_paused = false;
        curl_easy_pause(m_easy, CURLPAUSE_CONT);
    }
}

void CurlReply::onDone(CURLcode result)
{
    QPointer<CurlReply> self(this);
    deliver(); // the head and the last bytes before finished()
    if (!self || isFinished())
        return;
    QString curlMessage = QString::fromUtf8(m_errorBuffer).trimmed();
    if (curlMessage.isEmpty())
        curlMessage = QString::fromUtf8(curl_easy_strerror(result));
    if (result == CURLE_OK && m_chunks && m_chunks->framedBytes() > 0 && !m_chunks->isDone()
        && m_protocolError.isEmpty())
        m_protocolError = u"the chunked body in the response ends early"_s;
    release();
    if (result == CURLE_OK && hasDecodeBacklog()) {
        // The last encoded bytes wait for room: finish when the reader has taken them.
        m_finishPending = true;
        m_doneResult = result;
        m_doneMessage = curlMessage;
        return;
    }
    complete(result, curlMessage);
}

void CurlReply::complete(CURLcode result, const QString &message)
{
    if (!m_protocolError.isEmpty()) {
        finishWith(ProtocolFailure, m_protocolError);
        return;
    }
    if (!m_contentError.isEmpty()) {
        finishWith(UnknownContentError, m_contentError);
        return;
    }
    if (result != CURLE_OK) {
        if (result == CURLE_PEER_FAILED_VERIFICATION) {
            // curl 7.88 says "no alternative certificate subject name matches target host name"
            const auto why = message.contains(u"subject name"_s)
                    ? NetworkManager::CertificateError::WrongHost
                    : NetworkManager::CertificateError::NotTrusted;
            setAttribute(NetworkManager::CertificateErrorAttribute, int(why));
        }
        finishWith(ReplyErrors::forCurl(result), message);
        return;
    }
    if (const NetworkError error = ReplyErrors::forStatus(m_status); error != NoError) {
        finishWith(error,
                   u"Error transferring %1 - server replied: %2"_s.arg(
                           url().toString(), QString::fromLatin1(m_reason)));
        return;
    }
    if (m_decoder && m_encodedReceived > 0 && !m_decoder->isComplete()) {
        finishWith(UnknownContentError,
                   u"the %1 body ends before its compressed stream does (%2 bytes received)"_s
                           .arg(QString::fromLatin1(m_decoder->name()))
                           .arg(m_encodedReceived));
        return;
    }
    setFinished(true);
    QPointer<CurlReply> self(this);
    emit downloadProgress(m_received, m_received);
    if (self)
        emit finished();
}

void CurlReply::failLater(const QString &message)
{
    QMetaObject::invokeMethod(
            this, [this, message] { finishWith(UnknownNetworkError, message); },
            Qt::QueuedConnection);
}

void CurlReply::abort()
{
    if (isFinished())
        return;
    release();
    QNetworkReply::close();
    finishWith(OperationCanceledError, u"Operation canceled"_s);
}

void CurlReply::close()
{
    if (isFinished()) {
        QNetworkReply::close();
        return;
    }
    abort(); // as Qt's: closing a running reply cancels it
}

void CurlReply::finishWith(NetworkError error, const QString &message)
{
    if (isFinished())
        return;
    setError(error, message);
    setFinished(true);
    QPointer<CurlReply> self(this);
    emit errorOccurred(error);
    if (self)
        emit finished();
}

} // namespace qcrawl
