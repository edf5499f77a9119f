#include "harvest/harvestextractor.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

namespace {

WebPage savedPage(const QString &name, const QString &contentType = u"text/html"_s,
                  const QUrl &url = QUrl(u"http://www.example.com/category_5"_s))
{
    QFile file(QStringLiteral(QCRAWL_TEST_DATA) + u"/harvest/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    WebPage page;
    page.url = url;
    page.finalUrl = url;
    page.httpStatus = 200;
    page.contentType = contentType;
    page.body = file.readAll();
    return page;
}

QStringList titles(const QList<HarvestItem> &items)
{
    QStringList list;
    for (const HarvestItem &item : items)
        list.append(item.title);
    return list;
}

QList<QUrl> detailUrls(const QList<HarvestItem> &items)
{
    QList<QUrl> list;
    for (const HarvestItem &item : items)
        list.append(item.detailUrl);
    return list;
}

QStringList errors(const QList<HarvestItem> &items)
{
    QStringList list;
    for (const HarvestItem &item : items)
        list.append(item.error.text());
    return list;
}

} // namespace

// The harvest's reading of saved list and detail pages with the tutorial's recipe.
class tst_HarvestExtractor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itemsFromABrokenListPage()
    {
        const ItemExtraction extraction = HarvestExtractor::extractItems(
                savedPage(u"broken.html"_s), HarvestRecipe::pearVideo());
        QVERIFY2(extraction.isValid(), qPrintable(extraction.error));
        QCOMPARE(titles(extraction.items),
                 (QStringList { u"First"_s, u"Second"_s, u"Third"_s, u"an ad, no link"_s }));
        QCOMPARE(detailUrls(extraction.items),
                 (QList<QUrl> { QUrl(u"http://www.example.com/video_1"_s),
                                QUrl(u"http://www.example.com/video_2"_s),
                                QUrl(u"http://www.example.com/video_3"_s), QUrl() }));
        // The item without a link is reported, not dropped, and says why.
        QCOMPARE(errors(extraction.items),
                 (QStringList { QString(), QString(), QString(),
                                u"the link XPath matched nothing in this item"_s }));
        for (int i = 0; i < extraction.items.size(); ++i)
            QCOMPARE(extraction.items.at(i).index, i);
    }

    // A list page with more items than MaxItems: the first MaxItems, in page order, and a
    // warning that says how many there were; exactly MaxItems gives no warning.
    void itemsPerPageAreCapped_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("cap + 7") << HarvestExtractor::MaxItems + 7;
        QTest::newRow("cap") << HarvestExtractor::MaxItems;
    }
    void itemsPerPageAreCapped()
    {
        QFETCH(int, count);
        WebPage page;
        page.url = page.finalUrl = QUrl(u"http://www.example.com/list"_s);
        page.httpStatus = 200;
        page.contentType = u"text/html"_s;
        page.body = "<ul>";
        for (int i = 0; i < count; ++i)
            page.body += "<li><a href=\"/v/" + QByteArray::number(i) + "\">t"
                    + QByteArray::number(i) + "</a></li>";
        HarvestRecipe recipe;
        recipe.itemXPath = u"//li"_s;
        recipe.linkXPath = u"./a/@href"_s;
        recipe.titleXPath = u"./a/text()"_s;
        const ItemExtraction extraction = HarvestExtractor::extractItems(page, recipe);
        QVERIFY2(extraction.isValid(), qPrintable(extraction.error));
        QCOMPARE(extraction.items.size(), HarvestExtractor::MaxItems);
        QCOMPARE(extraction.matched, count);
        const HarvestItem &last = extraction.items.last();
        QCOMPARE(last.index, HarvestExtractor::MaxItems - 1);
        QCOMPARE(last.title, u"t9999"_s);
        QCOMPARE(last.detailUrl, QUrl(u"http://www.example.com/v/9999"_s));
        if (count > HarvestExtractor::MaxItems)
            QCOMPARE(extraction.warning,
                     u"the list page has 10007 items; only the first 10000 are harvested"_s);
        else
            QCOMPARE(extraction.warning, QString());
    }

    void titlesAreDecodedAndTrimmed_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QStringList>("expected");
        const QStringList gbk = { u"城市夜景延时摄影"_s, u"“镕”字只在 GBK 里"_s,
                                  u"社会新闻：第三条"_s };
        QTest::newRow("gbk meta") << u"gbk-meta-charset.html"_s << u"text/html"_s << gbk;
        QTest::newRow("gbk header")
                << u"gbk-no-declaration.html"_s << u"text/html; charset=gbk"_s << gbk;
        QTest::newRow("gb2312 label") << u"gb2312-http-equiv.html"_s << u"text/html"_s << gbk;
        QTest::newRow("entities and whitespace")
                << u"entities.html"_s << u"text/html"_s
                << QStringList { u"Tom & Jerry <HD> \"chase\""_s, u"中文 — © 2020 …"_s,
                                 u"spaced out title"_s, u"AT&T unescaped & bare"_s };
    }

    void titlesAreDecodedAndTrimmed()
    {
        QFETCH(QString, file);
        QFETCH(QString, contentType);
        QFETCH(QStringList, expected);
        const ItemExtraction extraction = HarvestExtractor::extractItems(
                savedPage(file, contentType), HarvestRecipe::pearVideo());
        QVERIFY2(extraction.isValid(), qPrintable(extraction.error));
        QCOMPARE(titles(extraction.items), expected);
    }

    void linksResolveAgainstThePage()
    {
        const ItemExtraction extraction = HarvestExtractor::extractItems(
                savedPage(u"relative-links.html"_s, u"text/html"_s,
                          QUrl(u"https://www.example.com/list/category_5"_s)),
                HarvestRecipe::pearVideo());
        QVERIFY2(extraction.isValid(), qPrintable(extraction.error));
        const QList<QUrl> urls = detailUrls(extraction.items);
        QCOMPARE(urls.size(), 9);
        QCOMPARE(urls.at(0), QUrl(u"https://www.example.com/list/video_1"_s));
        QCOMPARE(urls.at(1), QUrl(u"https://www.example.com/up/video_2"_s));
        QCOMPARE(urls.at(2), QUrl(u"https://www.example.com/root/video_3"_s));
        QCOMPARE(urls.at(3), QUrl(u"https://cdn.example.com/video_4"_s));
        QCOMPARE(urls.at(4), QUrl(u"https://other.example/video_5"_s));
        QCOMPARE(urls.at(5), QUrl(u"https://www.example.com/list/video%206.html?x=1&y=2"_s));
        QCOMPARE(urls.at(6), QUrl(u"https://www.example.com/list/视频_7"_s));
        QCOMPARE(urls.at(7), QUrl(u"https://www.example.com/list/category_5?page=8"_s));
        QCOMPARE(urls.at(8), QUrl());
        QCOMPARE(extraction.items.at(8).error.text(),
                 u"the link is not a web page: javascript:void(0)"_s);
    }

    void listPageErrors_data()
    {
        QTest::addColumn<WebPage>("page");
        QTest::addColumn<QString>("itemXPath");
        QTest::addColumn<QString>("error");
        WebPage failed;
        failed.error = u"HTTP 404 Not Found"_s;
        WebPage empty = savedPage(u"broken.html"_s);
        empty.body.clear();
        const QString items = HarvestRecipe::pearVideo().itemXPath;
        QTest::newRow("not fetched")
                << failed << items << u"cannot read the list page: HTTP 404 Not Found"_s;
        QTest::newRow("empty") << empty << items << u"the list page is empty"_s;
        QTest::newRow("no items")
                << savedPage(u"broken.html"_s) << u"//table/tr"_s
                << u"the item XPath //table/tr matched nothing on the list page"_s;
    }

    void listPageErrors()
    {
        QFETCH(WebPage, page);
        QFETCH(QString, itemXPath);
        QFETCH(QString, error);
        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        recipe.itemXPath = itemXPath;
        const ItemExtraction extraction = HarvestExtractor::extractItems(page, recipe);
        QCOMPARE(extraction.error, error);
        QVERIFY(extraction.items.isEmpty());
    }

    void titleXPathMatchingNothingIsReported()
    {
        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        recipe.titleXPath = u"./div/a/div[3]/text()"_s;
        const ItemExtraction extraction =
                HarvestExtractor::extractItems(savedPage(u"entities.html"_s), recipe);
        QCOMPARE(extraction.items.size(), 4);
        for (const HarvestItem &item : extraction.items)
            QCOMPARE(item.error.text(), u"the title XPath matched nothing in this item"_s);
        // Without a title XPath the detail URL names the item.
        recipe.titleXPath.clear();
        const ItemExtraction untitled =
                HarvestExtractor::extractItems(savedPage(u"entities.html"_s), recipe);
        QCOMPARE(untitled.items.at(1).title, u"video_2"_s);
        QVERIFY(untitled.items.at(1).error.isEmpty());
    }

    void mediaUrls_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("regex");
        QTest::addColumn<QString>("xpath");
        QTest::addColumn<QUrl>("expected");
        QTest::addColumn<QString>("error");
        const QString tutorial = HarvestRecipe::pearVideo().mediaRegex;
        const QUrl real(
                u"https://video.example.com/mp4/adshort/20200818/cont-1693379-15340245_adpkg-ad_hd.mp4"_s);
        QTest::newRow("tutorial's regex")
                << u"detail.html"_s << tutorial << QString() << real << QString();
        QTest::newRow("media xpath")
                << u"detail.html"_s << QString() << u"//video/@src"_s << real << QString();
        QTest::newRow("regex without a group")
                << u"detail.html"_s << u"https://video[^\"]+"_s << QString() << real << QString();
        QTest::newRow("escaped slashes, entity")
                << u"detail-escaped.html"_s << tutorial << QString()
                << QUrl(u"https://video.example.com/mp4/1.mp4?a=1&b=2"_s) << QString();
        QTest::newRow("relative media URL")
                << u"detail-relative.html"_s << tutorial << QString()
                << QUrl(u"http://www.example.com/media/2.mp4"_s) << QString();
        QTest::newRow("gbk page") << u"detail-gbk.html"_s << tutorial << QString()
                                  << QUrl(u"https://video.example.com/镕.mp4"_s) << QString();
        QTest::newRow("no video (regex)")
                << u"detail-no-video.html"_s << tutorial << QString() << QUrl()
                << u"no media URL on the detail page (the media regex matched nothing)"_s;
        QTest::newRow("no video (xpath)")
                << u"detail-no-video.html"_s << QString() << u"//video/@src"_s << QUrl()
                << u"no media URL on the detail page (the media XPath matched nothing)"_s;
        QTest::newRow("protocol-relative capture")
                << u"detail.html"_s << u"skinRes=\"(.*?)\""_s << QString()
                << QUrl(u"http://www.pearvideo.com/domain/skin"_s) << QString();
        QTest::newRow("empty capture") << u"detail.html"_s << u"hdUrl=\"(.*?)\""_s << QString()
                                       << QUrl() << u"the media URL on the detail page is empty"_s;
        QTest::newRow("javascript")
                << u"detail.html"_s << u"href=\"(javascript:[^\"]*)\""_s << QString() << QUrl()
                << u"the media URL is not a web address: javascript:void(0)"_s;
    }

    void mediaUrls()
    {
        QFETCH(QString, file);
        QFETCH(QString, regex);
        QFETCH(QString, xpath);
        QFETCH(QUrl, expected);
        QFETCH(QString, error);
        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        recipe.mediaRegex = regex;
        recipe.mediaXPath = xpath;
        const MediaExtraction media = HarvestExtractor::extractMedia(
                savedPage(file, u"text/html"_s, QUrl(u"http://www.example.com/video_1"_s)), recipe);
        QCOMPARE(media.error, error);
        QCOMPARE(media.mediaUrl, expected);
    }

    void failedDetailPageSaysWhy()
    {
        WebPage page;
        page.url = QUrl(u"http://www.example.com/video_1"_s);
        page.error = u"connection refused"_s;
        const MediaExtraction media =
                HarvestExtractor::extractMedia(page, HarvestRecipe::pearVideo());
        QCOMPARE(media.error, u"cannot read the detail page: connection refused"_s);
    }
};

QTEST_GUILESS_MAIN(tst_HarvestExtractor)
#include "tst_harvestextractor.moc"
