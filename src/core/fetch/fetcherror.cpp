#include "fetcherror.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

FetchError::FetchError(FetchErrorKind kind, QStringList arguments)
    : m_kind(kind)
    , m_arguments(std::move(arguments))
{ }

FetchError FetchError::stalled(int timeoutMs)
{
    // Formatted as QString::arg(double) does: "30", "0.5".
    return FetchError(FetchErrorKind::Stalled, { u"%1"_s.arg(timeoutMs / 1000.0) });
}

FetchError FetchError::httpStatus(int status, const QByteArray &reasonPhrase)
{
    return FetchError(FetchErrorKind::HttpStatus,
                      { QString::number(status), QString::fromLatin1(reasonPhrase) });
}

FetchError FetchError::detailPageUnreadable(const FetchError &cause)
{
    FetchError error(FetchErrorKind::DetailPageUnreadable);
    error.m_cause = std::make_shared<const FetchError>(cause);
    return error;
}

FetchError FetchError::other(const QString &message)
{
    return FetchError(FetchErrorKind::Other, { message });
}

FetchError FetchError::cause() const
{
    return m_cause ? *m_cause : FetchError();
}

QString FetchError::text() const
{
    const QString a = argument(0);
    const QString b = argument(1);
    switch (m_kind) {
    case FetchErrorKind::None:
        return {};
    case FetchErrorKind::Canceled:
        return u"canceled"_s;
    case FetchErrorKind::ConnectionRefused:
        return u"connection refused"_s;
    case FetchErrorKind::ConnectionClosed:
        return u"connection closed by the server"_s;
    case FetchErrorKind::HostNotFound:
        return u"host not found: %1"_s.arg(a);
    case FetchErrorKind::TlsHandshakeFailed:
        return u"TLS handshake failed: %1"_s.arg(a);
    case FetchErrorKind::CertificateNotTrusted:
        return u"TLS handshake failed: the certificate of %1 is not trusted (%2)"_s.arg(a, b);
    case FetchErrorKind::CertificateWrongHost:
        return u"TLS handshake failed: the certificate of %1 is for another host name (%2)"_s.arg(
                a, b);
    case FetchErrorKind::Network:
    case FetchErrorKind::Other:
        return a;
    case FetchErrorKind::NoResponse:
        return u"no response"_s;
    case FetchErrorKind::Stalled:
        return u"stalled: no data for %1 s"_s.arg(a);
    case FetchErrorKind::TooSlow:
        return u"slower than %1 bytes/s for %2 s"_s.arg(a, b);
    case FetchErrorKind::TimedOut:
        return u"took longer than %1 s"_s.arg(a);
    case FetchErrorKind::TooManyRedirects:
        return u"too many redirects (more than %1)"_s.arg(a);
    case FetchErrorKind::UnsupportedRedirect:
        return u"redirect to an unsupported URL: %1"_s.arg(a);
    case FetchErrorKind::RedirectToHttp:
        return u"refused a redirect from HTTPS to HTTP"_s;
    case FetchErrorKind::WrongResumeOffset:
        return u"the server resumed at the wrong offset (%1)"_s.arg(a);
    case FetchErrorKind::RangeIgnored:
        return u"the server did not send the byte range %1 (it answered %2)"_s.arg(a, b);
    case FetchErrorKind::IncompleteBody:
        return u"incomplete body: %1 of %2 bytes"_s.arg(a, b);
    case FetchErrorKind::HttpStatus:
        return b.isEmpty() ? u"HTTP %1"_s.arg(a) : u"HTTP %1 %2"_s.arg(a, b);
    case FetchErrorKind::TooLarge:
        return u"larger than %1 bytes"_s.arg(a);
    case FetchErrorKind::CannotWrite:
        return u"cannot write %1: %2"_s.arg(a, b);
    case FetchErrorKind::CannotRename:
        return u"cannot rename %1 to %2"_s.arg(a, b);
    case FetchErrorKind::PageTooLarge:
        return u"the page is larger than %1 MiB"_s.arg(a);
    case FetchErrorKind::NoMediaUrl:
        return u"no media URL"_s;
    case FetchErrorKind::DetailPageUnreadable:
        return u"cannot read the detail page: %1"_s.arg(cause().text());
    case FetchErrorKind::HlsInvalid:
        return u"not a usable HLS playlist: %1"_s.arg(a);
    case FetchErrorKind::HlsLive:
        return u"a live HLS stream (no EXT-X-ENDLIST): recording live streams is not supported"_s;
    case FetchErrorKind::HlsDrm:
        return u"DRM-protected HLS stream (METHOD=%1, %2)"_s.arg(a, b);
    case FetchErrorKind::HlsKeyInvalid:
        return u"the HLS key %1 is %2 bytes, not 16"_s.arg(a, b);
    case FetchErrorKind::HlsSegmentFailed:
        return u"segment %1 of %2: %3"_s.arg(a, b, argument(2));
    }
    return {};
}

QString FetchError::kindName(FetchErrorKind kind)
{
    switch (kind) { // no default: the compiler names a kind added without its name
    case FetchErrorKind::None:
        return u"None"_s;
    case FetchErrorKind::Canceled:
        return u"Canceled"_s;
    case FetchErrorKind::ConnectionRefused:
        return u"ConnectionRefused"_s;
    case FetchErrorKind::ConnectionClosed:
        return u"ConnectionClosed"_s;
    case FetchErrorKind::HostNotFound:
        return u"HostNotFound"_s;
    case FetchErrorKind::TlsHandshakeFailed:
        return u"TlsHandshakeFailed"_s;
    case FetchErrorKind::CertificateNotTrusted:
        return u"CertificateNotTrusted"_s;
    case FetchErrorKind::CertificateWrongHost:
        return u"CertificateWrongHost"_s;
    case FetchErrorKind::Network:
        return u"Network"_s;
    case FetchErrorKind::NoResponse:
        return u"NoResponse"_s;
    case FetchErrorKind::Stalled:
        return u"Stalled"_s;
    case FetchErrorKind::TooSlow:
        return u"TooSlow"_s;
    case FetchErrorKind::TimedOut:
        return u"TimedOut"_s;
    case FetchErrorKind::TooManyRedirects:
        return u"TooManyRedirects"_s;
    case FetchErrorKind::UnsupportedRedirect:
        return u"UnsupportedRedirect"_s;
    case FetchErrorKind::RedirectToHttp:
        return u"RedirectToHttp"_s;
    case FetchErrorKind::WrongResumeOffset:
        return u"WrongResumeOffset"_s;
    case FetchErrorKind::RangeIgnored:
        return u"RangeIgnored"_s;
    case FetchErrorKind::IncompleteBody:
        return u"IncompleteBody"_s;
    case FetchErrorKind::HttpStatus:
        return u"HttpStatus"_s;
    case FetchErrorKind::TooLarge:
        return u"TooLarge"_s;
    case FetchErrorKind::CannotWrite:
        return u"CannotWrite"_s;
    case FetchErrorKind::CannotRename:
        return u"CannotRename"_s;
    case FetchErrorKind::PageTooLarge:
        return u"PageTooLarge"_s;
    case FetchErrorKind::NoMediaUrl:
        return u"NoMediaUrl"_s;
    case FetchErrorKind::DetailPageUnreadable:
        return u"DetailPageUnreadable"_s;
    case FetchErrorKind::HlsInvalid:
        return u"HlsInvalid"_s;
    case FetchErrorKind::HlsLive:
        return u"HlsLive"_s;
    case FetchErrorKind::HlsDrm:
        return u"HlsDrm"_s;
    case FetchErrorKind::HlsKeyInvalid:
        return u"HlsKeyInvalid"_s;
    case FetchErrorKind::HlsSegmentFailed:
        return u"HlsSegmentFailed"_s;
    case FetchErrorKind::Other:
        return u"Other"_s;
    }
    return {};
}

FetchErrorKind FetchError::kindFromName(QStringView name)
{
    // Kinds are few and this runs once per journaled job read back: a scan is enough.
    for (int k = 0; k <= int(FetchErrorKind::Other) + 16; ++k) {
        const auto kind = FetchErrorKind(k);
        const QString known = kindName(kind);
        if (!known.isEmpty() && known == name)
            return kind;
    }
    return FetchErrorKind::None;
}

bool operator==(const FetchError &a, const FetchError &b)
{
    if (a.m_kind != b.m_kind || a.m_arguments != b.m_arguments)
        return false;
    if (!a.m_cause || !b.m_cause)
        return !a.m_cause && !b.m_cause;
    return *a.m_cause == *b.m_cause;
}

} // namespace qcrawl
