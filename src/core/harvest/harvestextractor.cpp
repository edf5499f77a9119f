#include "harvestextractor.h"

#include "harvest/htmldocument.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

bool isWebUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == u"http" || url.scheme() == u"https");
}

QUrl pageUrl(const WebPage &page)
{
    return page.finalUrl.isValid() ? page.finalUrl : page.url;
}

// A title as a person would type it: entities are already decoded by the parser; runs of
// whitespace (line breaks and indentation in the markup, non-breaking spaces) become one space.
QString cleanTitle(const QString &text)
{
    return text.simplified();
}

} // namespace

ItemExtraction HarvestExtractor::extractItems(const WebPage &page, const HarvestRecipe &recipe)
{
    ItemExtraction extraction;
    if (!page.isValid()) {
        extraction.error = u"cannot read the list page: %1"_s.arg(page.error);
        return extraction;
    }
    const HtmlDocument document(page.body, page.contentType, pageUrl(page));
    if (document.isNull()) {
        extraction.error = u"the list page is empty"_s;
        return extraction;
    }
    const XPathResult items = document.evaluate(recipe.itemXPath, {}, MaxItems);
    if (!items.isValid()) {
        extraction.error = u"item XPath: %1"_s.arg(items.error);
        return extraction;
    }
    if (items.nodes.isEmpty()) {
        extraction.error =
                u"the item XPath %1 matched nothing on the list page"_s.arg(recipe.itemXPath);
        return extraction;
    }

    const bool hasTitleXPath = !recipe.titleXPath.trimmed().isEmpty();
    for (const HtmlNode &node : items.nodes) {
        HarvestItem item;
        item.index = int(extraction.items.size());

        const XPathResult link = document.evaluate(recipe.linkXPath, node);
        const QString href = link.firstValue();
        if (!link.isValid()) {
            item.error = FetchError::other(u"link XPath: %1"_s.arg(link.error));
        } else if (href.isEmpty()) {
            item.error = FetchError::other(u"the link XPath matched nothing in this item"_s);
        } else {
            item.detailUrl = document.resolve(href);
            if (!isWebUrl(item.detailUrl)) {
                item.error = FetchError::other(u"the link is not a web page: %1"_s.arg(href));
                item.detailUrl.clear();
            }
        }

        if (hasTitleXPath) {
            const XPathResult title = document.evaluate(recipe.titleXPath, node);
            item.title = cleanTitle(title.firstValue());
            if (item.error.isEmpty() && !title.isValid())
                item.error = FetchError::other(u"title XPath: %1"_s.arg(title.error));
            else if (item.error.isEmpty() && item.title.isEmpty())
                item.error = FetchError::other(u"the title XPath matched nothing in this item"_s);
        } else if (item.detailUrl.isValid()) {
            item.title = item.detailUrl.fileName();
        }
        if (item.title.isEmpty() && !item.error.isEmpty())
            item.title = node.text().simplified().left(80); // something to show in the row
        extraction.items.append(item);
    }
    extraction.matched = items.matched;
    if (items.matched > extraction.items.size())
        extraction.warning = u"the list page has %1 items; only the first %2 are harvested"_s.arg(
                QString::number(items.matched), QString::number(extraction.items.size()));
    return extraction;
}

MediaExtraction HarvestExtractor::extractMedia(const WebPage &page, const HarvestRecipe &recipe)
{
    MediaExtraction extraction;
    if (!page.isValid()) {
        // The sentence of a harvested item's error, around the page's message.
        extraction.error = FetchError::detailPageUnreadable(FetchError::other(page.error)).text();
        return extraction;
    }
    if (page.body.isEmpty()) {
        extraction.error = u"the detail page is empty"_s;
        return extraction;
    }

    QString found;
    QUrl base = pageUrl(page);
    if (!recipe.mediaRegex.isEmpty()) {
        const QRegularExpression regex(recipe.mediaRegex);
        if (!regex.isValid()) {
            extraction.error = u"invalid media regex: %1"_s.arg(regex.errorString());
            return extraction;
        }
        const TextEncoding encoding = TextEncoding::detect(page.body, page.contentType);
        const QString text = TextEncoding::decode(page.body, encoding.name);
        const QRegularExpressionMatch match = regex.match(text);
        if (!match.hasMatch()) {
            extraction.error =
                    u"no media URL on the detail page (the media regex matched nothing)"_s;
            return extraction;
        }
        found = unescapeCapturedUrl(match.captured(regex.captureCount() >= 1 ? 1 : 0)).trimmed();
    } else {
        const HtmlDocument document(page.body, page.contentType, base);
        const XPathResult media = document.evaluate(recipe.mediaXPath);
        if (!media.isValid()) {
            extraction.error = u"media XPath: %1"_s.arg(media.error);
            return extraction;
        }
        found = media.firstValue();
        if (found.isEmpty()) {
            extraction.error =
                    u"no media URL on the detail page (the media XPath matched nothing)"_s;
            return extraction;
        }
        base = document.baseUrl();
    }
    if (found.isEmpty()) {
        extraction.error = u"the media URL on the detail page is empty"_s;
        return extraction;
    }
    // Resolve as HtmlDocument::resolve() does; the regex path has no document to ask.
    QString cleaned = found;
    cleaned.remove(u'\t');
    cleaned.remove(u'\n');
    cleaned.remove(u'\r');
    const QUrl media = base.resolved(QUrl(cleaned, QUrl::TolerantMode));
    if (!isWebUrl(media)) {
        extraction.error = u"the media URL is not a web address: %1"_s.arg(found);
        return extraction;
    }
    extraction.mediaUrl = media;
    return extraction;
}

QString HarvestExtractor::unescapeCapturedUrl(const QString &text)
{
    QString url = text;
    url.replace(u"\\/"_s, u"/"_s);
    url.replace(u"&amp;"_s, u"&"_s);
    return url;
}

} // namespace qcrawl
