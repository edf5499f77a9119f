#include "harvesttypes.h"

namespace qcrawl {

WebPage WebPage::fromResult(const FetchResult &result)
{
    WebPage page;
    page.url = result.url;
    page.finalUrl = result.finalUrl.isValid() ? result.finalUrl : result.url;
    page.httpStatus = result.httpStatus;
    page.contentType = result.contentType;
    page.body = result.preview;
    page.error = errorOf(result).text();
    return page;
}

FetchError WebPage::errorOf(const FetchResult &result)
{
    if (result.canceled)
        return FetchError(FetchErrorKind::Canceled);
    const FetchError tooLarge(FetchErrorKind::PageTooLarge,
                              { QString::number(MaxBytes / (1024 * 1024)) });
    // Stopped at the page limit while streaming (maxFileSize = MaxBytes): say so in the words
    // of pages; a smaller limit the user chose keeps its own sentence.
    if (result.error.kind() == FetchErrorKind::TooLarge
        && result.error.argument(0) == QString::number(MaxBytes))
        return tooLarge;
    if (!result.isSuccess())
        return result.error.isEmpty() ? FetchError::httpStatus(result.httpStatus, QByteArray())
                                      : result.error;
    if (result.bytesReceived > result.preview.size())
        return tooLarge;
    return FetchError();
}

} // namespace qcrawl
