#include "journaltypes.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

QJsonObject JournalRun::toJson() const
{
    return {
        { u"run"_s, id },         { u"started"_s, started.toUTC().toString(Qt::ISODateWithMs) },
        { u"kind"_s, kind },      { u"mode"_s, mode },
        { u"urls"_s, urls },      { u"ok"_s, ok },
        { u"failed"_s, failed },  { u"unfinished"_s, unfinished() },
        { u"wall_ms"_s, wallMs },
    };
}

JournalJobState journalStateFor(const FetchResult &result)
{
    if (result.isSuccess())
        return JournalJobState::Done;
    switch (result.error.kind()) {
    case FetchErrorKind::HttpStatus: {
        // The server's answer; only its "try again later" kinds are worth another try.
        const int status = result.httpStatus;
        const bool retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        return retryable ? JournalJobState::Pending : JournalJobState::Failed;
    }
    case FetchErrorKind::TooManyRedirects:
    case FetchErrorKind::UnsupportedRedirect:
    case FetchErrorKind::RedirectToHttp:
    case FetchErrorKind::TooLarge:
    case FetchErrorKind::NoMediaUrl: // a harvested item whose detail page has no video
    case FetchErrorKind::Other: // a harvested item the recipe finds nothing in
    case FetchErrorKind::CertificateNotTrusted:
    case FetchErrorKind::CertificateWrongHost:
        return JournalJobState::Failed;
    default:
        return JournalJobState::Pending;
    }
}

} // namespace qcrawl
