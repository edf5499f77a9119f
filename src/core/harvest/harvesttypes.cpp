#include "harvesttypes.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

WebPage WebPage::fromResult(const FetchResult &result)
{
    WebPage page;
    page.url = result.url;
    page.finalUrl = result.finalUrl.isValid() ? result.finalUrl : result.url;
    page.httpStatus = result.httpStatus;
    page.contentType = result.contentType;
    page.body = result.preview;
    if (result.canceled)
        page.error = u"canceled"_s;
    else if (!result.isSuccess())
        page.error = result.error.isEmpty() ? u"HTTP %1"_s.arg(result.httpStatus) : result.error;
    else if (result.bytesReceived > page.body.size())
        page.error = u"the page is larger than %1 MiB"_s.arg(MaxBytes / (1024 * 1024));
    return page;
}

} // namespace qcrawl
