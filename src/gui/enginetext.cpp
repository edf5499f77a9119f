#include "enginetext.h"

namespace qcrawl {

QString EngineText::translate(const FetchError &error)
{
    const QString a = error.argument(0);
    const QString b = error.argument(1);
    switch (error.kind()) {
    case FetchErrorKind::None:
        return {};
    case FetchErrorKind::Canceled:
        return tr("canceled");
    case FetchErrorKind::ConnectionRefused:
        return tr("connection refused");
    case FetchErrorKind::ConnectionClosed:
        return tr("connection closed by the server");
    case FetchErrorKind::HostNotFound:
        return tr("host not found: %1").arg(a);
    case FetchErrorKind::TlsHandshakeFailed:
        return tr("TLS handshake failed: %1").arg(a);
    case FetchErrorKind::CertificateNotTrusted:
        return tr("TLS handshake failed: %1")
                .arg(tr("the certificate of %1 is not trusted (%2)").arg(a, b));
    case FetchErrorKind::CertificateWrongHost:
        return tr("TLS handshake failed: %1")
                .arg(tr("the certificate of %1 is for another host name (%2)").arg(a, b));
    case FetchErrorKind::Network:
    case FetchErrorKind::Other:
        return a;
    case FetchErrorKind::NoResponse:
        return tr("no response");
    case FetchErrorKind::Stalled:
        return tr("stalled: no data for %1 s").arg(a);
    case FetchErrorKind::TooSlow:
        return tr("slower than %1 bytes/s for %2 s").arg(a, b);
    case FetchErrorKind::TimedOut:
        return tr("took longer than %1 s").arg(a);
    case FetchErrorKind::TooManyRedirects:
        return tr("too many redirects (more than %1)").arg(a);
    case FetchErrorKind::UnsupportedRedirect:
        return tr("redirect to an unsupported URL: %1").arg(a);
    case FetchErrorKind::RedirectToHttp:
        return tr("refused a redirect from HTTPS to HTTP");
    case FetchErrorKind::WrongResumeOffset:
        return tr("the server resumed at the wrong offset (%1)").arg(a);
    case FetchErrorKind::RangeIgnored:
        return tr("the server did not send the byte range %1 (it answered %2)").arg(a, b);
    case FetchErrorKind::IncompleteBody:
        return tr("incomplete body: %1 of %2 bytes").arg(a, b);
    case FetchErrorKind::HttpStatus:
        return b.isEmpty() ? tr("HTTP %1").arg(a) : tr("HTTP %1 %2").arg(a, b);
    case FetchErrorKind::TooLarge:
        return tr("larger than %1 bytes").arg(a);
    case FetchErrorKind::CannotWrite:
        return tr("cannot write %1: %2").arg(a, b);
    case FetchErrorKind::CannotRename:
        return tr("cannot rename %1 to %2").arg(a, b);
    case FetchErrorKind::PageTooLarge:
        return tr("the page is larger than %1 MiB").arg(a);
    case FetchErrorKind::NoMediaUrl:
        return tr("no media URL");
    case FetchErrorKind::DetailPageUnreadable:
        return tr("cannot read the detail page: %1").arg(translate(error.cause()));
    case FetchErrorKind::HlsInvalid:
        return tr("not a usable HLS playlist: %1").arg(a);
    case FetchErrorKind::HlsLive:
        return tr("a live HLS stream (no EXT-X-ENDLIST): recording live streams is not supported");
    case FetchErrorKind::HlsDrm:
        return tr("DRM-protected HLS stream (METHOD=%1, %2)").arg(a, b);
    case FetchErrorKind::HlsKeyInvalid:
        return tr("the HLS key %1 is %2 bytes, not 16").arg(a, b);
    case FetchErrorKind::HlsSegmentFailed:
        return tr("segment %1 of %2: %3").arg(a, b, error.argument(2));
    }
    return error.text();
}

} // namespace qcrawl
