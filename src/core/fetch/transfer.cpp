#include "transfer.h"

#include "fetch/partfile.h"
#include "hls/hlsdownload.h"
#include "hls/hlsplaylist.h"
#include "net/httpframing.h"
#include "net/networkmanager.h"

#include <algorithm>
#include <limits>

#include <QDateTime>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr qint64 ProgressIntervalMs = 100; // progress signals per job are throttled to this
constexpr qint64 ReadChunk = 256 * 1024;
// A redirect's body is never read; one announced this short is drained, so that its connection
// can carry the next request, anything else (no length, or longer) is cut at the head.
constexpr qint64 MaxRedirectBodyBytes = 64 * 1024;

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool isRetryableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return false;
    }
}

FetchError describeNetworkError(QNetworkReply *reply)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return FetchError(FetchErrorKind::ConnectionRefused);
    case QNetworkReply::RemoteHostClosedError:
        return FetchError(FetchErrorKind::ConnectionClosed);
    case QNetworkReply::HostNotFoundError:
        return FetchError(FetchErrorKind::HostNotFound, { reply->url().host() });
    case QNetworkReply::SslHandshakeFailedError: {
        const QVariant certificate = reply->attribute(NetworkManager::CertificateErrorAttribute);
        if (!certificate.isValid()) // Qt's client, or another TLS failure than the certificate
            return FetchError(FetchErrorKind::TlsHandshakeFailed, { reply->errorString() });
        const auto kind = certificate.toInt() == int(NetworkManager::CertificateError::WrongHost)
                ? FetchErrorKind::CertificateWrongHost
                : FetchErrorKind::CertificateNotTrusted;
        return FetchError(kind, { reply->url().host(QUrl::FullyEncoded), reply->errorString() });
    }
    default:
        return reply->errorString().isEmpty()
                ? FetchError(FetchErrorKind::NoResponse)
                : FetchError(FetchErrorKind::Network, { reply->errorString() });
    }
}

// Retry-After, as HttpFraming reads it. Returns -1 when absent or invalid.
qint64 retryAfterMs(QNetworkReply *reply)
{
    return HttpFraming::parseRetryAfter(reply->rawHeader("Retry-After"),
                                        QDateTime::currentDateTimeUtc());
}

// Writes all of data, or fails with the system's reason in file.errorString(): QFile reports a
// write cut short (a disk that fills) as a success of fewer bytes with no error set, and the
// reason ("No space left on device") only comes when the rest is tried.
bool writeAll(QFile &file, const char *data, qint64 size)
{
    while (size > 0) {
        const qint64 n = file.write(data, size);
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

// Headers given with -H that carry credentials: sent only to the job's own origin, as curl does
// since 7.83 unless told --location-trusted.
bool isCredentialHeader(const QByteArray &name)
{
    return name.compare("Authorization", Qt::CaseInsensitive) == 0
            || name.compare("Cookie", Qt::CaseInsensitive) == 0
            || name.compare("Proxy-Authorization", Qt::CaseInsensitive) == 0;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto defaultPort = [](const QUrl &u) { return u.scheme() == u"https" ? 443 : 80; };
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
            && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

// Qt's client (--qt-http) trusts the CAs of --cacert through the request's TLS configuration;
// the file is read once per thread.
QSslConfiguration sslConfigurationFor(const QString &caCertFile)
{
    thread_local QHash<QString, QSslConfiguration> cache;
    auto it = cache.find(caCertFile);
    if (it == cache.end()) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(QSslCertificate::fromPath(caCertFile));
        it = cache.insert(caCertFile, configuration);
    }
    return *it;
}

// "bytes=first-last" of a job that asks for part of a resource; lengths were checked by the
// playlist parser, and saturate here all the same.
QByteArray rangeHeader(const FetchJob &job)
{
    const qint64 last = job.rangeLength > std::numeric_limits<qint64>::max() - job.rangeOffset
            ? std::numeric_limits<qint64>::max()
            : job.rangeOffset + job.rangeLength - 1;
    return "bytes=" + QByteArray::number(job.rangeOffset) + '-' + QByteArray::number(last);
}

} // namespace

Transfer::Transfer(const FetchJob &job, const FetchOptions &options, QNetworkAccessManager *manager,
                   const QElapsedTimer &runClock, QObject *parent)
    : QObject(parent)
    , m_job(job)
    , m_options(options)
    , m_manager(manager)
    , m_clock(runClock)
{
    m_result.index = job.index;
    m_result.url = job.url;
    m_result.finalUrl = job.url;
    m_currentUrl = job.url;
}

Transfer::~Transfer()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply;
    }
    dropSink();
}

void Transfer::start()
{
    if (m_result.startedMs < 0) {
        m_result.startedMs = now();
        emit started(m_job.index);
    }
    m_tryStartMs = now();
    sendRequest();
}

void Transfer::sendRequest()
{
    m_stalled = false;
    m_timeoutError = FetchError();
    m_speedWindowStartMs = now();
    m_speedWindowBytes = 0;
    m_bodyOk = false;
    m_redirecting = false;
    m_result.httpStatus = 0;
    m_result.reasonPhrase.clear();
    m_result.httpVersion.clear();
    m_result.bytesReceived = 0;
    m_result.preview.clear();
    m_result.contentLength = -1;
    m_result.contentType.clear();
    m_result.responseHeaders.clear();
    m_result.error = FetchError();
    m_result.resumedFrom = 0;
    m_lastActivityMs = now();

    QNetworkRequest request(m_currentUrl);
    request.setRawHeader("User-Agent", m_options.userAgent);
    const bool atOrigin = sameOrigin(m_currentUrl, m_job.url);
    for (const auto &[name, value] : m_options.headers) {
        if (atOrigin || !isCredentialHeader(name))
            request.setRawHeader(name, value);
    }
    if (m_options.qtHttp) {
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute,
                             m_options.httpVersion != HttpVersion::Http1_1);
        if (!m_options.caCertFile.isEmpty() && m_currentUrl.scheme() == u"https")
            request.setSslConfiguration(sslConfigurationFor(m_options.caCertFile));
    }
    const bool ranged = m_job.rangeOffset >= 0 && m_job.rangeLength > 0;
    m_resumeFrom = m_job.resume && !ranged && !m_job.filePath.isEmpty() && !m_ifRangeRefused
            ? PartFile::resumableSize(m_job.filePath)
            : 0;
    m_expectedTotal = -1;
    m_resumeValidators =
            m_resumeFrom > 0 ? PartFile::readValidators(m_job.filePath) : PartFile::Validators();
    if (m_resumeFrom > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_resumeFrom) + '-');
        request.setRawHeader("Accept-Encoding", "identity"); // byte offsets of the file itself
        // Only the same file continues: a changed one comes whole (200), never spliced.
        if (const QByteArray validator = m_resumeValidators.ifRange(); !validator.isEmpty())
            request.setRawHeader("If-Range", validator);
    }
    if (ranged) {
        request.setRawHeader("Range", rangeHeader(m_job));
        request.setRawHeader("Accept-Encoding", "identity");
    }
    // Redirects are followed here, not by Qt: Qt 6.4 appends every hop's headers to the final
    // reply's ("Content-Length: 27, 20"), which corrupts the length and type of the real body.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);

    auto *network = qobject_cast<NetworkManager *>(m_manager);
    QNetworkReply *reply =
            network ? network->sendDirect(QNetworkAccessManager::GetOperation, request) : nullptr;
    if (!reply)
        reply = m_manager->get(request);
    m_reply = reply;
    // What this thread has not read yet waits in Qt's buffer: a body bound for a slower disk, or
    // many fast bodies at once on a busy thread. Bounded, the socket pushes back instead, and
    // memory stays flat however fast the network.
    reply->setReadBufferSize(m_options.readBufferBytes > 0 ? m_options.readBufferBytes
                                                           : readBufferFor(m_options, 1));
    connect(reply, &QNetworkReply::metaDataChanged, this, &Transfer::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &Transfer::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &Transfer::onReplyFinished);
}

void Transfer::onMetaDataChanged()
{
    QNetworkReply *reply = m_reply;
    m_lastActivityMs = now();
    m_result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_result.reasonPhrase =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    const QVariant version = reply->attribute(NetworkManager::HttpVersionAttribute);
    m_result.httpVersion = m_result.httpStatus == 0 ? QByteArray()
            : version.isValid()
            ? version.toByteArray()
            : QByteArray(reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool() ? "2"
                                                                                           : "1.1");
    m_result.finalUrl = m_currentUrl;
    m_result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    m_result.contentLength = length.isValid() ? length.toLongLong() : -1;
    m_result.responseHeaders = reply->rawHeaderPairs();
    m_bodyOk = m_result.httpStatus >= 200 && m_result.httpStatus < 300;
    m_redirecting =
            isRedirectStatus(m_result.httpStatus) && !reply->rawHeader("Location").isEmpty();
    if (m_redirecting) {
        // Followed from its head: a redirect's body is of no use, and a hostile one never ends.
        if (m_result.contentLength < 0 || m_result.contentLength > MaxRedirectBodyBytes)
            reply->abort(); // onReplyFinished() follows the Location
        return;
    }
    if (m_bodyOk && m_job.rangeOffset >= 0 && m_job.rangeLength > 0) {
        // Exactly the bytes asked for: a 200 (the whole resource) or another range is refused,
        // never saved as the piece.
        const QByteArray header = reply->rawHeader("Content-Range");
        const auto range = HttpFraming::parseContentRange(header);
        const bool exact = m_result.httpStatus == 206 && range && range->first == m_job.rangeOffset
                && range->length() == m_job.rangeLength
                && (m_result.contentLength < 0 || m_result.contentLength == m_job.rangeLength);
        if (!exact) {
            m_bodyOk = false;
            m_result.error = FetchError(FetchErrorKind::RangeIgnored,
                                        { QString::fromLatin1(rangeHeader(m_job)),
                                          QString(QString::number(m_result.httpStatus) + u' '
                                                  + QString::fromLatin1(header))
                                                  .trimmed() });
            reply->abort();
            return;
        }
        m_expectedTotal = m_job.rangeLength;
    }
    if (m_resumeFrom > 0) {
        // 206 exactly from where the .part ends to the end of the same file: append. 200: the
        // server ignored the Range or the file changed (If-Range), start over.
        const QByteArray header = reply->rawHeader("Content-Range");
        if (m_result.httpStatus == 206) {
            const auto range = HttpFraming::parseContentRange(header);
            const qint64 known = m_resumeValidators.total;
            const bool fits = range && range->first == m_resumeFrom
                    && (range->total < 0 || range->last == range->total - 1)
                    && (known < 0 || range->total < 0 || range->total == known)
                    && (m_result.contentLength < 0 || m_result.contentLength == range->length());
            if (!fits) {
                m_bodyOk = false;
                PartFile::remove(m_job.filePath); // the next attempt starts over
                PartFile::removeValidators(m_job.filePath);
                m_result.error = FetchError(FetchErrorKind::WrongResumeOffset,
                                            { QString::fromLatin1(header) });
                reply->abort(); // nothing of this body is of use
                return;
            }
            m_expectedTotal = range->total >= 0 ? range->total : known;
        } else if (m_bodyOk) {
            m_resumeFrom = 0;
        }
        m_result.resumedFrom = m_bodyOk ? m_resumeFrom : 0;
    }
    const qint64 announced =
            m_result.contentLength >= 0 && reply->rawHeader("Content-Encoding").isEmpty()
            ? m_result.resumedFrom + m_result.contentLength
            : -1;
    if (m_bodyOk && m_expectedTotal < 0)
        m_expectedTotal = announced;
    if (m_options.maxFileSize > 0 && announced > m_options.maxFileSize)
        failTooLarge();
}

void Transfer::onReadyRead()
{
    QNetworkReply *reply = m_reply;
    if (!reply || !reply->isOpen())
        return;
    if (!m_result.error.isEmpty())
        return; // a local error (failed write) is aborting this reply
    m_lastActivityMs = now();
    if (m_result.httpStatus == 0) {
        onMetaDataChanged();
        if (m_reply != reply || !m_result.error.isEmpty())
            return; // refused (too large): the reply finished inside
    }
    // One buffer per thread: reading into it avoids an allocation per readyRead.
    thread_local QByteArray buffer(ReadChunk, Qt::Uninitialized);
    qint64 n;
    if (m_redirecting) {
        while (reply->read(buffer.data(), ReadChunk) > 0) { } // a short body, announced: dropped
        return;
    }
    if (m_bodyOk && !m_job.filePath.isEmpty() && !m_sink && !openSink())
        return;

    while ((n = reply->read(buffer.data(), ReadChunk)) > 0) {
        if (m_options.maxFileSize > 0
            && m_resumeFrom + m_result.bytesReceived + n > m_options.maxFileSize) {
            failTooLarge();
            return;
        }
        if (m_result.preview.size() < m_options.previewBytes) {
            const qint64 keep = std::min(n, m_options.previewBytes - m_result.preview.size());
            m_result.preview.append(buffer.constData(), keep);
        }
        if (m_sink && !writeAll(*m_sink, buffer.constData(), n)) {
            m_result.error =
                    FetchError(FetchErrorKind::CannotWrite,
                               { PartFile::pathFor(m_job.filePath), m_sink->errorString() });
            dropSink();
            reply->abort(); // finishes with the error above
            return;
        }
        m_result.bytesReceived += n;
        m_speedWindowBytes += n;
    }

    const qint64 t = now();
    if (t - m_lastProgressMs >= ProgressIntervalMs) {
        m_lastProgressMs = t;
        const qint64 total = m_bodyOk && m_result.contentLength >= 0
                ? m_resumeFrom + m_result.contentLength
                : -1;
        emit progress(m_job.index, m_resumeFrom + m_result.bytesReceived, total);
    }
}

// The body is larger than --max-filesize: stop reading now, keep no file, do not retry.
void Transfer::failTooLarge()
{
    m_result.error =
            FetchError(FetchErrorKind::TooLarge, { QString::number(m_options.maxFileSize) });
    m_sink.reset(); // closes
    if (!m_job.filePath.isEmpty())
        PartFile::remove(m_job.filePath);
    if (m_reply)
        m_reply->abort(); // finishes with the error above
}

void Transfer::checkStall(qint64 nowMs)
{
    if (m_hls) {
        m_hls->checkStall(nowMs);
        return;
    }
    if (!m_reply || m_done)
        return;
    if (nowMs - m_lastActivityMs > m_options.stallTimeoutMs) {
        m_stalled = true;
        m_reply->abort();
        return;
    }
    if (m_options.maxTimeMs > 0 && nowMs - m_tryStartMs > m_options.maxTimeMs) {
        m_timeoutError =
                FetchError(FetchErrorKind::TimedOut, { u"%1"_s.arg(m_options.maxTimeMs / 1000.0) });
        m_reply->abort();
        return;
    }
    const qint64 window = nowMs - m_speedWindowStartMs;
    if (m_options.speedLimit > 0 && window >= m_options.speedTimeMs) {
        // Saturating: a limit near qint64's top asks for more than any window can hold.
        const qint64 needed = m_options.speedLimit > std::numeric_limits<qint64>::max() / window
                ? std::numeric_limits<qint64>::max()
                : m_options.speedLimit * window / 1000;
        if (m_speedWindowBytes < needed) {
            m_timeoutError = FetchError(FetchErrorKind::TooSlow,
                                        { QString::number(m_options.speedLimit),
                                          u"%1"_s.arg(m_options.speedTimeMs / 1000.0) });
            m_reply->abort();
            return;
        }
        m_speedWindowStartMs = nowMs; // fast enough: measure the next window
        m_speedWindowBytes = 0;
    }
}

void Transfer::cancel()
{
    if (m_done)
        return;
    m_canceled = true;
    if (m_hls) {
        m_hls->cancel(); // onHlsFinished() finishes the job
    } else if (m_reply) {
        m_reply->abort(); // onReplyFinished() finishes the job
    } else {
        delete m_retryTimer;
        m_retryTimer = nullptr;
        finish();
    }
}

Transfer::Verdict Transfer::judge(QNetworkReply *reply)
{
    if (!m_result.error.isEmpty()) // a failed write, a refused redirect
        return Verdict::Fail;
    if (m_stalled) {
        m_result.error = FetchError::stalled(m_options.stallTimeoutMs);
        return Verdict::Retry;
    }
    if (!m_timeoutError.isEmpty()) { // as curl, a timeout is worth another try
        m_result.error = m_timeoutError;
        return Verdict::Retry;
    }
    const auto error = reply->error();
    const int status = m_result.httpStatus;
    if (status == 0 || (m_bodyOk && error != QNetworkReply::NoError)) {
        // No response, or the body broke off.
        m_result.error = describeNetworkError(reply);
        return isRetryableNetworkError(error) || (status && m_bodyOk) ? Verdict::Retry
                                                                      : Verdict::Fail;
    }
    if (m_bodyOk) {
        // A body Qt decompressed differs in size from its Content-Length: check identity only.
        if (m_result.contentLength >= 0 && m_result.bytesReceived != m_result.contentLength
            && reply->rawHeader("Content-Encoding").isEmpty()) {
            m_result.error = FetchError(FetchErrorKind::IncompleteBody,
                                        { QString::number(m_result.bytesReceived),
                                          QString::number(m_result.contentLength) });
            return Verdict::Retry;
        }
        return Verdict::Success;
    }
    m_result.error = FetchError::httpStatus(status, m_result.reasonPhrase);
    return status == 429 || status >= 500 ? Verdict::Retry : Verdict::Fail;
}

void Transfer::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (m_result.httpStatus == 0
        && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
        onMetaDataChanged();
    onReadyRead(); // whatever is left in the buffer
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    if (m_canceled) {
        m_result.error = FetchError(FetchErrorKind::Canceled);
        m_result.canceled = true;
        finish();
        return;
    }
    if (followRedirect(reply))
        return;
    if (m_result.httpStatus == 416 && m_resumeFrom > 0 && !m_rangeRefused) {
        // The .part does not fit the file on the server any more: start over, once.
        m_rangeRefused = true;
        PartFile::remove(m_job.filePath);
        sendRequest();
        return;
    }
    if (m_result.httpStatus == 412 && m_resumeFrom > 0 && !m_resumeValidators.ifRange().isEmpty()
        && !m_ifRangeRefused) {
        // Some CDNs refuse If-Range (with an ETag) as a failed precondition instead of sending
        // the whole file: start over from byte 0 without Range, once, and never resume again in
        // this job (a second 412 is the answer). The .part is never spliced onto.
        m_ifRangeRefused = true;
        PartFile::remove(m_job.filePath);
        PartFile::removeValidators(m_job.filePath);
        sendRequest();
        return;
    }
    switch (judge(reply)) {
    case Verdict::Success:
        if (m_bodyOk && !m_job.filePath.isEmpty() && isHlsPlaylist()) {
            startHls();
            return;
        }
        if (m_bodyOk && !m_job.filePath.isEmpty() && !commitSink())
            break;
        emit progress(m_job.index, m_resumeFrom + m_result.bytesReceived,
                      m_resumeFrom + m_result.bytesReceived);
        break;
    case Verdict::Retry:
        if (m_result.retries < m_options.retries) {
            scheduleRetry(reply);
            return;
        }
        break;
    case Verdict::Fail:
        break;
    }
    finish();
}

// Returns true when a new request went out. Sets the error when a redirect is refused.
bool Transfer::followRedirect(QNetworkReply *reply)
{
    // The head is all a redirect needs: its body may have been cut (see onMetaDataChanged()) or
    // have broken off.
    if (!m_redirecting)
        return false;
    const QByteArray location = reply->rawHeader("Location");
    const QUrl target = m_currentUrl.resolved(QUrl::fromEncoded(location));
    const QString scheme = target.scheme();
    // A Location is a URI reference (RFC 3986): control characters (a CR, an escape sequence)
    // make it none, as curl decides too; QUrl would percent-encode them and follow a URL the
    // server never wrote.
    const bool hasControl = std::any_of(location.cbegin(), location.cend(),
                                        [](char c) { return uchar(c) < 0x20 || uchar(c) == 0x7f; });
    if (m_redirects >= m_options.maxRedirects)
        m_result.error = FetchError(FetchErrorKind::TooManyRedirects,
                                    { QString::number(m_options.maxRedirects) });
    else if (hasControl || !target.isValid() || target.host().isEmpty()
             || (scheme != u"http" && scheme != u"https"))
        m_result.error =
                FetchError(FetchErrorKind::UnsupportedRedirect, { QString::fromLatin1(location) });
    else if (m_currentUrl.scheme() == u"https" && scheme == u"http")
        m_result.error = FetchError(FetchErrorKind::RedirectToHttp);
    if (!m_result.error.isEmpty())
        return false;
    ++m_redirects;
    m_currentUrl = target;
    m_result.finalUrl = target;
    sendRequest();
    return true;
}

void Transfer::scheduleRetry(QNetworkReply *reply)
{
    dropSink();
    const qint64 serverDelay = retryAfterMs(reply);
    const qint64 backoff = qint64(m_options.retryBaseDelayMs) << std::min(m_result.retries, 20);
    const qint64 delay =
            std::min<qint64>(serverDelay >= 0 ? serverDelay : backoff, m_options.retryMaxDelayMs);
    ++m_result.retries;
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, [this] {
            m_tryStartMs = now();
            sendRequest();
        });
    }
    m_retryTimer->start(int(delay));
}

void Transfer::finish()
{
    if (m_done)
        return;
    m_done = true;
    if (!m_result.isSuccess())
        dropSink();
    m_result.finishedMs = now();
    emit finished(this);
}

bool Transfer::openSink()
{
    QString why;
    m_sink = PartFile::open(m_job.filePath, m_resumeFrom > 0, &why);
    if (m_sink && m_job.resume && (m_resumeFrom == 0 || m_resumeValidators.isEmpty())) {
        // What a later resume sends back as If-Range (a weak ETag cannot be).
        PartFile::Validators validators;
        const QByteArray etag = m_reply ? m_reply->rawHeader("ETag").trimmed() : QByteArray();
        if (!etag.startsWith("W/"))
            validators.etag = etag;
        if (m_reply)
            validators.lastModified = m_reply->rawHeader("Last-Modified").trimmed();
        validators.total = m_expectedTotal;
        if (!validators.isEmpty())
            PartFile::writeValidators(m_job.filePath, validators);
    }
    if (!m_sink) {
        m_result.error =
                FetchError(FetchErrorKind::CannotWrite, { PartFile::pathFor(m_job.filePath), why });
        if (m_reply)
            m_reply->abort();
        return false;
    }
    return true;
}

void Transfer::dropSink()
{
    if (!m_sink)
        return;
    m_sink.reset(); // closes (the file has no name to remove it by: see PartFile::open())
    if (!m_job.resume)
        PartFile::remove(m_job.filePath);
}

bool Transfer::commitSink()
{
    if (!m_sink && !openSink()) // an empty body still makes a file
        return false;
    // The last bytes may still wait in the file's buffer: a disk full now fails the job here,
    // where close() would drop them without a word and commit a shorter file.
    if (!m_sink->flush()) {
        m_result.error = FetchError(FetchErrorKind::CannotWrite,
                                    { PartFile::pathFor(m_job.filePath), m_sink->errorString() });
        dropSink();
        return false;
    }
    m_sink->close();
    m_sink.reset();
    // A finished file is the whole file: a size other than the announced one stays a .part.
    const qint64 size = QFileInfo(PartFile::pathFor(m_job.filePath)).size();
    if (m_expectedTotal >= 0 && size != m_expectedTotal) {
        m_result.error = FetchError(FetchErrorKind::IncompleteBody,
                                    { QString::number(size), QString::number(m_expectedTotal) });
        if (!m_job.resume)
            PartFile::remove(m_job.filePath);
        return false;
    }
    if (!PartFile::commit(m_job.filePath)) {
        m_result.error = FetchError(FetchErrorKind::CannotRename,
                                    { PartFile::pathFor(m_job.filePath), m_job.filePath });
        PartFile::remove(m_job.filePath);
        return false;
    }
    PartFile::removeValidators(m_job.filePath);
    m_result.filePath = m_job.filePath;
    return true;
}

bool Transfer::isHlsPlaylist() const
{
    if (!m_options.saveHlsAsVideo)
        return false;
    // The body decides; the type and the URL's extension make a body that is no playlist an
    // error (HlsPlaylist::parse() says so) instead of a file named .m3u8 that holds no video.
    return HlsPlaylist::looksLikePlaylist(m_result.preview)
            || HlsPlaylist::isPlaylistMimeType(m_result.contentType)
            || m_result.finalUrl.path().endsWith(u".m3u8"_s, Qt::CaseInsensitive);
}

// The body is a playlist: read it back from the .part (which goes: no file of the playlist's
// text is ever left as the video) and let an HlsDownload fetch the video.
void Transfer::startHls()
{
    const QString partPath = PartFile::pathFor(m_job.filePath);
    QByteArray playlist;
    if (m_sink && !m_sink->flush()) {
        m_result.error =
                FetchError(FetchErrorKind::CannotWrite, { partPath, m_sink->errorString() });
    } else {
        m_sink.reset();
        const qint64 size = QFileInfo(partPath).size();
        QFile file(partPath);
        if (m_expectedTotal >= 0 && size != m_expectedTotal)
            m_result.error =
                    FetchError(FetchErrorKind::IncompleteBody,
                               { QString::number(size), QString::number(m_expectedTotal) });
        else if (size > HlsPlaylist::MaxBytes)
            m_result.error = FetchError(
                    FetchErrorKind::HlsInvalid,
                    { u"the playlist is larger than %1 MiB"_s.arg(HlsPlaylist::MaxBytes >> 20) });
        else if (QFileInfo(partPath).isSymLink() || !file.open(QIODevice::ReadOnly))
            m_result.error =
                    FetchError(FetchErrorKind::CannotWrite, { partPath, file.errorString() });
        else
            playlist = file.read(HlsPlaylist::MaxBytes);
    }
    m_sink.reset();
    PartFile::remove(m_job.filePath);
    PartFile::removeValidators(m_job.filePath);
    if (!m_result.error.isEmpty()) {
        finish();
        return;
    }
    m_hls = new HlsDownload(m_job, m_options, m_manager, m_clock, this);
    connect(m_hls, &HlsDownload::progress, this, [this](qint64 bytes, int done, int total) {
        m_lastActivityMs = now();
        // The whole size is known at the end only: estimated from the pieces so far.
        const qint64 estimate = done > 0 ? bytes / done * total + bytes % done * total / done : -1;
        emit progress(m_job.index, bytes, done >= total ? bytes : estimate);
    });
    connect(m_hls, &HlsDownload::finished, this, &Transfer::onHlsFinished);
    m_hls->start(playlist, m_result.finalUrl);
}

void Transfer::onHlsFinished()
{
    m_result.hlsSegments = m_hls->segmentCount();
    if (m_hls->isCanceled()) {
        m_result.error = FetchError(FetchErrorKind::Canceled);
        m_result.canceled = true;
    } else {
        m_result.error = m_hls->error();
    }
    if (m_result.error.isEmpty()) {
        m_result.filePath = m_hls->filePath();
        m_result.bytesReceived = m_hls->bytesWritten();
        emit progress(m_job.index, m_result.bytesReceived, m_result.bytesReceived);
    }
    finish();
}

} // namespace qcrawl
