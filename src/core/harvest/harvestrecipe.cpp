#include "harvestrecipe.h"

#include "harvest/htmldocument.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

bool checkXPath(const QString &what, const QString &xpath, QString *error)
{
    QString reason;
    if (HtmlDocument::isValidXPath(xpath, &reason))
        return true;
    if (error)
        *error = u"invalid %1 XPath \"%2\": %3"_s.arg(what, xpath, reason);
    return false;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

bool HarvestRecipe::validate(QString *error) const
{
    if (itemXPath.trimmed().isEmpty())
        return fail(error, u"the recipe needs an item XPath"_s);
    if (linkXPath.trimmed().isEmpty())
        return fail(error, u"the recipe needs a link XPath"_s);
    const bool hasRegex = !mediaRegex.isEmpty();
    const bool hasMediaXPath = !mediaXPath.trimmed().isEmpty();
    if (hasRegex == hasMediaXPath)
        return fail(error,
                    hasRegex ? u"give either a media regex or a media XPath, not both"_s
                             : u"the recipe needs a media regex or a media XPath"_s);
    if (!checkXPath(u"item"_s, itemXPath, error) || !checkXPath(u"link"_s, linkXPath, error))
        return false;
    if (!titleXPath.trimmed().isEmpty() && !checkXPath(u"title"_s, titleXPath, error))
        return false;
    if (hasMediaXPath && !checkXPath(u"media"_s, mediaXPath, error))
        return false;
    if (hasRegex) {
        const QRegularExpression regex(mediaRegex);
        if (!regex.isValid())
            return fail(error,
                        u"invalid media regex \"%1\": %2 at character %3"_s.arg(mediaRegex)
                                .arg(regex.errorString())
                                .arg(regex.patternErrorOffset() + 1));
    }
    if (listUrl.isValid() && !listUrl.isEmpty() && listUrl.scheme() != u"http"
        && listUrl.scheme() != u"https")
        return fail(error, u"the list page must be an http or https URL"_s);
    return true;
}

QJsonObject HarvestRecipe::toJson() const
{
    QJsonObject object {
        { u"name"_s, name },
        { u"list_url"_s, listUrl.toString() },
        { u"item_xpath"_s, itemXPath },
        { u"link_xpath"_s, linkXPath },
        { u"title_xpath"_s, titleXPath },
    };
    if (!mediaRegex.isEmpty())
        object.insert(u"media_regex"_s, mediaRegex);
    if (!mediaXPath.isEmpty())
        object.insert(u"media_xpath"_s, mediaXPath);
    return object;
}

HarvestRecipe HarvestRecipe::fromJson(const QJsonObject &object)
{
    HarvestRecipe recipe;
    recipe.name = object.value(u"name"_s).toString();
    recipe.listUrl = QUrl(object.value(u"list_url"_s).toString());
    recipe.itemXPath = object.value(u"item_xpath"_s).toString();
    recipe.linkXPath = object.value(u"link_xpath"_s).toString();
    recipe.titleXPath = object.value(u"title_xpath"_s).toString();
    recipe.mediaRegex = object.value(u"media_regex"_s).toString();
    recipe.mediaXPath = object.value(u"media_xpath"_s).toString();
    return recipe;
}

HarvestRecipe HarvestRecipe::pearVideo()
{
    HarvestRecipe recipe;
    recipe.name = u"pearvideo"_s;
    recipe.listUrl = QUrl(u"https://www.pearvideo.com/category_5"_s);
    recipe.itemXPath = u"//ul[@id=\"listvideoListUl\"]/li"_s;
    recipe.linkXPath = u"./div/a/@href"_s;
    recipe.titleXPath = u"./div/a/div[2]/text()"_s;
    recipe.mediaRegex = u"srcUrl=\"(.*?)\",vdoUrl"_s;
    return recipe;
}

QList<HarvestRecipe> HarvestRecipe::builtInPresets()
{
    return { pearVideo() };
}

bool operator==(const HarvestRecipe &a, const HarvestRecipe &b)
{
    return a.name == b.name && a.listUrl == b.listUrl && a.itemXPath == b.itemXPath
            && a.linkXPath == b.linkXPath && a.titleXPath == b.titleXPath
            && a.mediaRegex == b.mediaRegex && a.mediaXPath == b.mediaXPath;
}

} // namespace qcrawl
