// HtmlDocument and HarvestExtractor over any page: the tutorial's recipe (pearvideo) and an
// XPath one on arbitrary bytes, with the Content-Type the first byte picks. Whatever the page,
// every link and media URL that comes out is an http(s) URL with a host, and an item without an
// error has a detail URL and a title.

#include "fuzzsupport.h"
#include "harvest/harvestextractor.h"
#include "harvest/htmldocument.h"

using namespace qcrawl;

QCRAWL_FUZZ_INITIALIZE

namespace {

bool isWebUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == u"http" || url.scheme() == u"https");
}

// A recipe of the same shape as the tutorial's, reading links and media from attributes.
HarvestRecipe xpathRecipe()
{
    HarvestRecipe recipe;
    recipe.itemXPath = QStringLiteral("//li | //article");
    recipe.linkXPath = QStringLiteral(".//a/@href");
    recipe.titleXPath = QStringLiteral("normalize-space(.//a)");
    recipe.mediaXPath = QStringLiteral("//video/@src | //source/@src");
    return recipe;
}

void checkItems(const ItemExtraction &extraction)
{
    if (!extraction.isValid()) {
        FUZZ_CHECK(extraction.items.isEmpty(), "a failed page has no items");
        return;
    }
    FUZZ_CHECK(!extraction.items.isEmpty(), "a page that did not fail has items");
    for (const HarvestItem &item : extraction.items) {
        // An error may come with a detail URL (the title is missing), never the other way.
        FUZZ_CHECK(!item.error.isEmpty() || isWebUrl(item.detailUrl),
                   "an item has a web detail URL or an error");
        FUZZ_CHECK(!item.error.isEmpty() || !item.title.isEmpty(),
                   "an item has a title or an error");
        FUZZ_CHECK(!item.detailUrl.isValid() || isWebUrl(item.detailUrl),
                   "no detail URL but a web one");
    }
}

void checkMedia(const MediaExtraction &extraction)
{
    FUZZ_CHECK(extraction.isValid() == isWebUrl(extraction.mediaUrl),
               "a media URL is a web URL, or there is an error");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const QString contentTypes[] = {
        QString(),
        QStringLiteral("text/html"),
        QStringLiteral("text/html; charset=utf-8"),
        QStringLiteral("text/html; charset=gb2312"),
        QStringLiteral("text/html; charset=\"windows-1252\""),
        QStringLiteral("text/html; charset=utf-16"),
        QStringLiteral("text/html; charset=x-no-such-charset"),
        QStringLiteral("application/xhtml+xml;charset=shift_jis"),
    };
    WebPage page;
    page.url = QUrl(QStringLiteral("https://www.example.com/category_5"));
    page.finalUrl = QUrl(QStringLiteral("https://www.example.com/category_5?page=2"));
    page.httpStatus = 200;
    page.contentType = contentTypes[data[0] % std::size(contentTypes)];
    page.body = fuzz::bytes(data + 1, size - 1);

    for (const HarvestRecipe &recipe : { HarvestRecipe::pearVideo(), xpathRecipe() }) {
        checkItems(HarvestExtractor::extractItems(page, recipe));
        checkMedia(HarvestExtractor::extractMedia(page, recipe));
    }

    const HtmlDocument document(page.body, page.contentType, page.finalUrl);
    if (!document.isNull()) {
        FUZZ_CHECK(document.baseUrl().isValid(), "a parsed page has a base URL");
        for (const char *xpath : { "//a/@href", "string(//title)", "count(//*)", "//text()" }) {
            const XPathResult result = document.evaluate(QString::fromLatin1(xpath));
            FUZZ_CHECK(result.isValid(), "a valid XPath never fails on a parsed page");
        }
    }
    return 0;
}
