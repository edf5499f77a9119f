// UrlListParser over any pasted text: every URL it accepts is http or https with a host, every
// line number it reports is a line of the text, and each accepted token parses the same alone.

#include "fetch/urllistparser.h"
#include "fuzzsupport.h"

using namespace qcrawl;

QCRAWL_FUZZ_INITIALIZE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    const UrlParseResult result = UrlListParser::parse(text);
    // Lines as the parser counts them: \n, \r\n and a lone \r each end one.
    const int lines = int(text.count(u'\n') + text.count(u'\r') + 1);

    for (const ParsedUrl &parsed : result.urls) {
        const QUrl &url = parsed.url;
        FUZZ_CHECK(url.isValid(), "an accepted URL is valid");
        FUZZ_CHECK(url.scheme() == u"http" || url.scheme() == u"https", "only http and https");
        FUZZ_CHECK(!url.host().isEmpty(), "an accepted URL has a host");
        FUZZ_CHECK(parsed.line >= 1 && parsed.line <= lines, "a URL's line is in the text");
    }
    for (const RejectedLine &rejected : result.rejected) {
        FUZZ_CHECK(rejected.line >= 1 && rejected.line <= lines,
                   "a rejection's line is in the text");
        FUZZ_CHECK(!rejected.reason.isEmpty(), "a rejection says why");
        FUZZ_CHECK(!rejected.text.isEmpty(), "a rejection shows the token");
    }
    for (const DuplicateUrl &duplicate : result.duplicates) {
        FUZZ_CHECK(duplicate.firstLine >= 1 && duplicate.firstLine <= duplicate.line,
                   "a duplicate comes after the URL it repeats");
        FUZZ_CHECK(duplicate.line <= lines, "a duplicate's line is in the text");
    }
    // The result of a token does not depend on what surrounds it.
    for (const ParsedUrl &parsed : result.urls) {
        QString reason;
        const QUrl again = UrlListParser::parseToken(parsed.url.toString(), &reason);
        FUZZ_CHECK(again.isValid() && reason.isEmpty(), "an accepted URL is accepted again");
        FUZZ_CHECK(again.scheme() == parsed.url.scheme() && again.host() == parsed.url.host(),
                   "an accepted URL parses to itself");
    }
    return 0;
}
