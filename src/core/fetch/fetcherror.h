#pragma once

#include <memory>

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace qcrawl {

// What went wrong, as a kind and its arguments (in order, as text). The comment of each kind
// lists its arguments and the English sentence text() makes of them.
enum class FetchErrorKind {
    None, // no error
    Canceled, // "canceled"
    ConnectionRefused, // "connection refused"
    ConnectionClosed, // "connection closed by the server"
    HostNotFound, // host: "host not found: %1"
    TlsHandshakeFailed, // message of the TLS library: "TLS handshake failed: %1"
    // host, curl's message:
    // "TLS handshake failed: the certificate of %1 is not trusted (%2)"
    CertificateNotTrusted,
    // host, curl's message:
    // "TLS handshake failed: the certificate of %1 is for another host name (%2)"
    CertificateWrongHost,
    Network, // message of the transport (libcurl, Qt), as written: "%1"
    NoResponse, // "no response"
    Stalled, // seconds: "stalled: no data for %1 s"
    // bytes per second, seconds: "slower than %1 bytes/s for %2 s" (--speed-limit, --speed-time)
    TooSlow,
    TimedOut, // seconds: "took longer than %1 s" (--max-time)
    TooManyRedirects, // limit: "too many redirects (more than %1)"
    UnsupportedRedirect, // Location: "redirect to an unsupported URL: %1"
    RedirectToHttp, // "refused a redirect from HTTPS to HTTP"
    WrongResumeOffset, // Content-Range: "the server resumed at the wrong offset (%1)"
    // the range asked for, the answer (status and Content-Range):
    // "the server did not send the byte range %1 (it answered %2)"
    RangeIgnored,
    IncompleteBody, // received, announced: "incomplete body: %1 of %2 bytes"
    HttpStatus, // status, reason phrase (may be empty): "HTTP %1 %2", or "HTTP %1"
    TooLarge, // limit: "larger than %1 bytes"
    CannotWrite, // file, the system's message: "cannot write %1: %2"
    CannotRename, // from, to: "cannot rename %1 to %2"
    PageTooLarge, // limit in MiB: "the page is larger than %1 MiB"
    NoMediaUrl, // "no media URL"
    // cause(): "cannot read the detail page: %1" with the cause's text
    DetailPageUnreadable,
    // HLS (hls/): the parser's message: "not a usable HLS playlist: %1"
    HlsInvalid,
    HlsLive, // "a live HLS stream (no EXT-X-ENDLIST): recording live streams is not supported"
    HlsDrm, // the key's method and URI: "DRM-protected HLS stream (METHOD=%1, %2)"
    HlsKeyInvalid, // key URI, bytes: "the HLS key %1 is %2 bytes, not 16"
    // segment number (from 1), count, what went wrong (English): "segment %1 of %2: %3"
    HlsSegmentFailed,
    // message of another part, as written (the harvest's reading of a page, a downloader that
    // cannot start): "%1"
    Other,
};

// Why a job (a fetch, a harvested item, a download) failed, as data: FetchResult, HarvestItem
// and DownloadResult carry one. text() is the English sentence that exports, the CLI's JSONL,
// CSV and table print; the GUI translates the kind instead (EngineText), so no one reads the
// sentence back. Errors whose words come from a library (curl, Qt, the system) keep them as an
// argument.
class FetchError final
{
public:
    FetchError() = default;
    explicit FetchError(FetchErrorKind kind, QStringList arguments = {});

    static FetchError stalled(int timeoutMs);
    static FetchError httpStatus(int status, const QByteArray &reasonPhrase);
    static FetchError detailPageUnreadable(const FetchError &cause);
    static FetchError other(const QString &message);

    FetchErrorKind kind() const { return m_kind; }
    // No error (kind None); named as QString's, which this type replaced in the result structs.
    bool isEmpty() const { return m_kind == FetchErrorKind::None; }
    const QStringList &arguments() const { return m_arguments; }
    QString argument(qsizetype i) const { return m_arguments.value(i); }
    // What DetailPageUnreadable could not read the page for; an empty error for other kinds.
    FetchError cause() const;

    QString text() const;

    // A stable name for each kind ("HttpStatus"), for files that outlive a version (the
    // journal); kindFromName() returns None for a name it does not know.
    static QString kindName(FetchErrorKind kind);
    static FetchErrorKind kindFromName(QStringView name);

    friend bool operator==(const FetchError &a, const FetchError &b);
    friend bool operator!=(const FetchError &a, const FetchError &b) { return !(a == b); }

private:
    FetchErrorKind m_kind = FetchErrorKind::None;
    QStringList m_arguments;
    std::shared_ptr<const FetchError> m_cause; // shared: errors are copied with every result
};

} // namespace qcrawl

Q_DECLARE_METATYPE(qcrawl::FetchError)
