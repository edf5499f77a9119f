#include "enginerunner.h"
#include "fetcherrorprinting.h"
#include "harvest/harvester.h"
#include "harvest/harvestextractor.h"
#include "harvest/pagefetcher.h"
#include "scriptserver.h"
#include "testserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

namespace {

struct HarvestRun
{
    QList<HarvestItem> found; // from itemsFound()
    QHash<int, HarvestItem> items; // from itemFinished()
    int finishedItemSignals = 0;
    QStringList finished; // the errors finished() carried
    bool timedOut = false;
};

HarvestRun runHarvest(Harvester &harvester, const HarvestRecipe &recipe,
                      const std::function<void(Harvester &)> &onItemsFound = {})
{
    HarvestRun run;
    QObject context;
    QObject::connect(&harvester, &Harvester::itemsFound, &context,
                     [&](const QList<HarvestItem> &items) {
                         run.found = items;
                         if (onItemsFound)
                             onItemsFound(harvester);
                     });
    QObject::connect(&harvester, &Harvester::itemFinished, &context, [&](const HarvestItem &item) {
        ++run.finishedItemSignals;
        run.items.insert(item.index, item);
    });
    QObject::connect(&harvester, &Harvester::finished, &context,
                     [&](const QString &error) { run.finished.append(error); });
    QString error;
    if (!harvester.start(recipe, &error))
        qWarning("harvester refused to start: %s", qPrintable(error));
    run.timedOut = !QTest::qWaitFor([&] { return !run.finished.isEmpty(); }, 30'000);
    QTest::qWait(20); // a second finished() would show up here
    return run;
}

} // namespace

// The harvest against the demo server's video site with the tutorial's preset.
class tst_Harvester : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 EndlessBytes = qint64(64) << 30; // more than any test waits for

    TestServer m_server;

    HarvestRecipe pearVideo(const QString &listPath) const
    {
        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        recipe.listUrl = m_server.url(listPath);
        return recipe;
    }

    QUrl url(const QString &path) const { return m_server.url(path); }

    static Harvester *newHarvester(QObject *parent)
    {
        auto *harvester = new Harvester(parent);
        FetchOptions options = localOptions();
        options.concurrency = 8;
        harvester->setFetchOptions(options);
        return harvester;
    }

private Q_SLOTS:
    // A page is read from memory, at most WebPage::MaxBytes of it: one that was longer is no
    // page, even when its fetch succeeded (the Harvester and PageFetcher also cap the fetch
    // itself with maxFileSize; this is the reading's own check). One of exactly MaxBytes is whole.
    void aPageLongerThanTheCapIsNoPage()
    {
        FetchOptions options = localOptions();
        options.previewBytes = WebPage::MaxBytes;
        const RecordedRun run = runMode(FetchMode::Async, options,
                                        jobsFor({ url(u"/bytes/%1"_s.arg(WebPage::MaxBytes + 1)),
                                                  url(u"/bytes/%1"_s.arg(WebPage::MaxBytes)) }));
        const FetchResult &longer = run.results[0];
        QVERIFY2(longer.isSuccess(), qPrintable(longer.error.text()));
        QCOMPARE(longer.preview.size(), WebPage::MaxBytes);
        QCOMPARE(WebPage::errorOf(longer).kind(), FetchErrorKind::PageTooLarge);
        QCOMPARE(WebPage::fromResult(longer).error, u"the page is larger than 16 MiB"_s);
        QVERIFY(!WebPage::fromResult(longer).isValid());

        const WebPage whole = WebPage::fromResult(run.results[1]);
        QVERIFY2(whole.isValid(), qPrintable(whole.error));
        QCOMPARE(whole.body.size(), WebPage::MaxBytes);
    }

    void pearVideoPresetOnTheDemoSite()
    {
        QObject parent;
        Harvester *harvester = newHarvester(&parent);
        const HarvestRun run = runHarvest(*harvester, pearVideo(u"/videos/category_5"_s));
        QVERIFY(!run.timedOut);
        QCOMPARE(run.finished, QStringList { QString() });

        const QString host = m_server.baseUrl().authority();
        struct Expected
        {
            QString title;
            QString detail; // path
            QString media; // URL with {host}
            QString error;
        };
        const QString longTitle = u"超长标题测试"_s.repeated(17).left(100);
        const QList<Expected> expected = {
            { u"城市夜景延时摄影：上海外滩的 24 小时"_s,
              u"/videos/video_1001"_s,
              u"http://{host}/videos/media/1001.mp4"_s,
              {} },
            { u"Tom & Jerry — the \"chase\" <HD>"_s,
              u"/videos/video_1002"_s,
              u"http://{host}/videos/media/1002.mp4"_s,
              {} },
            { u"../../x"_s, u"/videos/video_1003"_s, u"http://{host}/videos/media/1003.mp4"_s, {} },
            { u"a/b"_s, u"/videos/video_1004"_s, u"http://{host}/videos/media/1004.mp4"_s, {} },
            { u"CON"_s, u"/videos/video_1005"_s, u"http://{host}/videos/media/1005.mp4"_s, {} },
            { longTitle, u"/videos/video_1006"_s, u"http://{host}/videos/media/1006.mp4"_s, {} },
            { u"重复的标题"_s,
              u"/videos/video_1007"_s,
              u"http://{host}/videos/media/1007.mp4"_s,
              {} },
            { u"广告：下载梨视频 App"_s, QString(), QString(),
              u"the link XPath matched nothing in this item"_s },
            { u"重复的标题"_s,
              u"/videos/video_1008"_s,
              u"http://{host}/videos/media/1008.mp4"_s,
              {} },
            { u"已被删除的视频 (404)"_s,
              u"/videos/video_1009"_s,
              u"http://{host}/videos/media/1009.mp4"_s,
              {} },
            { u"没有视频的页面"_s, u"/videos/video_1010"_s, QString(),
              u"no media URL on the detail page (the media regex matched nothing)"_s },
            { u"分块传输的视频 (chunked)"_s,
              u"/videos/video_1011"_s,
              u"http://{host}/videos/stream/1011.mp4"_s,
              {} },
            { u"CDN 跳转的视频"_s,
              u"/videos/video_1012"_s,
              u"http://{host}/videos/cdn/1012.mp4"_s,
              {} },
            { u"协议相对地址的视频"_s,
              u"/videos/video_1013"_s,
              u"http://{host}/videos/media/1013.mp4"_s,
              {} },
            { u"“镕”字只在 GBK 里"_s,
              u"/videos/video_1014"_s,
              u"http://{host}/videos/media/1014.mp4"_s,
              {} },
            { u"断点续传：连接中途断开"_s,
              u"/videos/video_1015"_s,
              u"http://{host}/videos/flaky/1015.mp4"_s,
              {} },
            { u"HLS 直播回放：分段视频"_s,
              u"/videos/video_1016"_s,
              u"http://{host}/hls/master.m3u8"_s,
              {} },
        };
        QCOMPARE(run.found.size(), expected.size());
        QCOMPARE(run.items.size(), expected.size());
        QCOMPARE(run.finishedItemSignals, expected.size()); // each exactly once
        for (int i = 0; i < expected.size(); ++i) {
            const HarvestItem &item = run.items.value(i);
            const Expected &e = expected.at(i);
            QCOMPARE(item.index, i);
            QCOMPARE(item.title, e.title);
            QCOMPARE(item.detailUrl, e.detail.isEmpty() ? QUrl() : url(e.detail));
            QCOMPARE(item.mediaUrl, QUrl(QString(e.media).replace(u"{host}"_s, host)));
            QCOMPARE(item.error.text(), e.error);
            QCOMPARE(run.found.at(i).title, e.title); // already known from the list page
        }
        QCOMPARE(harvester->items().size(), expected.size());
        QVERIFY(!harvester->isRunning());
    }

    void gbkListPages_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("charset in the HTTP header") << u"/videos/category_gbk"_s;
        QTest::newRow("gb2312 in a meta tag") << u"/videos/category_gb2312"_s;
    }

    void gbkListPages()
    {
        QFETCH(QString, path);
        QObject parent;
        const HarvestRun run = runHarvest(*newHarvester(&parent), pearVideo(path));
        QCOMPARE(run.finished, QStringList { QString() });
        QCOMPARE(run.items.size(), 2);
        QCOMPARE(run.items.value(0).title, u"城市夜景延时摄影：上海外滩的 24 小时"_s);
        QCOMPARE(run.items.value(1).title, u"“镕”字只在 GBK 里"_s);
        QVERIFY(run.items.value(1).hasMedia());
    }

    void mediaXPathWorksToo()
    {
        HarvestRecipe recipe = pearVideo(u"/videos/category_5"_s);
        recipe.mediaRegex.clear();
        recipe.mediaXPath = u"//video[@class=\"demo-player\"]/@src"_s;
        QObject parent;
        const HarvestRun run = runHarvest(*newHarvester(&parent), recipe);
        QCOMPARE(run.items.value(0).mediaUrl, url(u"/videos/media/1001.mp4"_s));
        QCOMPARE(run.items.value(13).mediaUrl, url(u"/videos/media/1013.mp4"_s));
        QCOMPARE(run.items.value(10).error.text(),
                 u"no media URL on the detail page (the media XPath matched nothing)"_s);
    }

    void listPageFailures_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("itemXPath");
        QTest::addColumn<QString>("error");
        const QString items = HarvestRecipe::pearVideo().itemXPath;
        QTest::newRow("404") << u"/videos/category_404"_s << items
                             << u"cannot read the list page: HTTP 404 Not Found"_s;
        QTest::newRow("no items") << u"/videos/category_5"_s << u"//ul[@id=\"nope\"]/li"_s
                                  << u"the item XPath //ul[@id=\"nope\"]/li matched nothing on "
                                     u"the list page"_s;
    }

    void listPageFailures()
    {
        QFETCH(QString, path);
        QFETCH(QString, itemXPath);
        QFETCH(QString, error);
        HarvestRecipe recipe = pearVideo(path);
        recipe.itemXPath = itemXPath;
        QObject parent;
        const HarvestRun run = runHarvest(*newHarvester(&parent), recipe);
        QCOMPARE(run.finished, QStringList { error });
        QVERIFY(run.items.isEmpty());
    }

    void detailPageFailuresAreReportedPerItem()
    {
        // The detail links of the GBK page point to pages that exist; a recipe whose link XPath
        // takes the author's link instead (404 pages) shows how a broken detail page reads.
        HarvestRecipe recipe = pearVideo(u"/videos/category_gbk"_s);
        recipe.linkXPath = u"./div/div/a/@href"_s;
        QObject parent;
        const HarvestRun run = runHarvest(*newHarvester(&parent), recipe);
        QCOMPARE(run.items.size(), 2);
        // The page's error inside, as data: the GUI translates both.
        const FetchError error = run.items.value(0).error;
        QCOMPARE(error.kind(), FetchErrorKind::DetailPageUnreadable);
        QCOMPARE(error.cause(), FetchError::httpStatus(404, "Not Found"));
        QCOMPARE(error.text(), u"cannot read the detail page: HTTP 404 Not Found"_s);
        QCOMPARE(run.items.value(0).detailUrl, url(u"/author_101"_s));
    }

    // A list page that never ends is read up to WebPage::MaxBytes and no further: the harvest
    // fails with the page's own error while the server is still sending, instead of reading on
    // (before, only the copy kept in memory stopped at the limit).
    void endlessListPageStopsAtTheLimit()
    {
        ScriptServer server;
        server.script(respond("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<ul>")
                              .thenPattern(EndlessBytes));
        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        recipe.listUrl = server.url(u"/list"_s);
        QObject parent;
        const HarvestRun run = runHarvest(*newHarvester(&parent), recipe);
        QVERIFY(!run.timedOut);
        QCOMPARE(run.finished,
                 QStringList { u"cannot read the list page: the page is larger than 16 MiB"_s });
        QVERIFY(run.found.isEmpty());
        QVERIFY2(server.patternSent() < 2 * WebPage::MaxBytes,
                 qPrintable(QString::number(server.patternSent())));
    }

    // The same page fetched for a preview, and as a detail page: the same limit and error.
    void endlessPagesStopAtTheLimitEverywhere()
    {
        ScriptServer server;
        const QByteArray endlessHead = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
        server.script(respond(endlessHead).thenPattern(EndlessBytes).forTarget("/preview"));
        PageFetcher fetcher;
        fetcher.setFetchOptions(localOptions());
        QSignalSpy spy(&fetcher, &PageFetcher::fetched);
        fetcher.fetch(server.url(u"/preview"_s));
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 30'000);
        const WebPage page = spy.at(0).at(1).value<WebPage>();
        QCOMPARE(page.error, u"the page is larger than 16 MiB"_s);
        QVERIFY(page.body.size() <= WebPage::MaxBytes);
        QVERIFY2(server.patternSent() < 2 * WebPage::MaxBytes,
                 qPrintable(QString::number(server.patternSent())));

        const QByteArray list = "<ul id=\"listvideoListUl\"><li><div><a href=\"/detail\">"
                                "<div></div><div>Endless</div></a></div></li></ul>";
        server.script(respond(ok(list, "Content-Type: text/html\r\n")).forTarget("/list"));
        server.script(respond(endlessHead).thenPattern(EndlessBytes).forTarget("/detail"));
        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        recipe.listUrl = server.url(u"/list"_s);
        QObject parent;
        const HarvestRun run = runHarvest(*newHarvester(&parent), recipe);
        QCOMPARE(run.finished, QStringList { QString() });
        QCOMPARE(run.items.size(), 1);
        QCOMPARE(run.items.value(0).error.kind(), FetchErrorKind::DetailPageUnreadable);
        QCOMPARE(run.items.value(0).error.cause().kind(), FetchErrorKind::PageTooLarge);
        QVERIFY2(server.patternSent() < 4 * WebPage::MaxBytes,
                 qPrintable(QString::number(server.patternSent())));
    }

    // A list page behind a redirect whose body never ends: the page comes from the target.
    void redirectWithAnEndlessBodyIsFollowed()
    {
        ScriptServer server;
        server.script(respond("HTTP/1.1 302 Found\r\nLocation: /page\r\n"
                              "Content-Type: text/html\r\n\r\n<html>")
                              .thenPattern(EndlessBytes)
                              .forTarget("/moved"));
        server.script(respond(ok("<p>here</p>", "Content-Type: text/html\r\n")).forTarget("/page"));
        PageFetcher fetcher;
        fetcher.setFetchOptions(localOptions());
        QSignalSpy spy(&fetcher, &PageFetcher::fetched);
        fetcher.fetch(server.url(u"/moved"_s));
        QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 30'000);
        const WebPage page = spy.at(0).at(1).value<WebPage>();
        QVERIFY2(page.isValid(), qPrintable(page.error));
        QCOMPARE(page.body, QByteArray("<p>here</p>"));
        QCOMPARE(page.finalUrl, server.url(u"/page"_s));
        QVERIFY2(server.patternSent() < 16 << 20,
                 qPrintable(QString::number(server.patternSent())));
    }

    // A list page of bare <li> far beyond HarvestExtractor::MaxItems: the harvest goes on with
    // the first MaxItems and says why the rest is missing.
    void hugeListPageIsCutWithAWarning()
    {
        const int count = HarvestExtractor::MaxItems + 1000;
        QByteArray list = "<ul>";
        for (int i = 0; i < count; ++i)
            list += "<li>";
        ScriptServer server;
        server.script(respond(ok(list, "Content-Type: text/html\r\n")));
        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        recipe.listUrl = server.url(u"/list"_s);
        recipe.itemXPath = u"//li"_s; // no links in them: no detail pages to wait for
        QObject parent;
        Harvester *harvester = newHarvester(&parent);
        const HarvestRun run = runHarvest(*harvester, recipe);
        QCOMPARE(run.finished, QStringList { QString() });
        QCOMPARE(run.found.size(), HarvestExtractor::MaxItems);
        QCOMPARE(run.finishedItemSignals, HarvestExtractor::MaxItems);
        QCOMPARE(harvester->warning(),
                 u"the list page has 11000 items; only the first 10000 are harvested"_s);
        // The next harvest starts without it.
        recipe.listUrl = url(u"/videos/category_gbk"_s);
        recipe.itemXPath = HarvestRecipe::pearVideo().itemXPath;
        const HarvestRun again = runHarvest(*harvester, recipe);
        QCOMPARE(again.found.size(), 2);
        QCOMPARE(harvester->warning(), QString());
    }

    void refusesInvalidRecipes()
    {
        Harvester harvester;
        QString error;
        HarvestRecipe recipe = pearVideo(u"/videos/category_5"_s);
        recipe.linkXPath = u"./div/a/@"_s;
        QVERIFY(!harvester.start(recipe, &error));
        QVERIFY2(error.startsWith(u"invalid link XPath"_s), qPrintable(error));
        recipe = HarvestRecipe::pearVideo();
        recipe.listUrl = QUrl(u"file:///etc/passwd"_s);
        QVERIFY(!harvester.start(recipe, &error));
        QVERIFY(!harvester.isRunning());
    }

    void cancelReportsEveryItemOnce()
    {
        QObject parent;
        Harvester *harvester = newHarvester(&parent);
        FetchOptions options = harvester->fetchOptions();
        options.concurrency = 1; // so that most detail pages are still queued
        harvester->setFetchOptions(options);
        const HarvestRun run = runHarvest(*harvester, pearVideo(u"/videos/category_5"_s),
                                          [](Harvester &h) { h.cancel(); });
        QCOMPARE(run.finished, QStringList { u"canceled"_s });
        QCOMPARE(run.items.size(), 17);
        QCOMPARE(run.finishedItemSignals, 17);
        int canceled = 0;
        for (const HarvestItem &item : run.items)
            canceled += item.error.kind() == FetchErrorKind::Canceled ? 1 : 0;
        QCOMPARE(canceled, 16); // all but the advertisement, which failed before
        QVERIFY(!harvester->isRunning());
        // and it can run again
        const HarvestRun again = runHarvest(*harvester, pearVideo(u"/videos/category_gbk"_s));
        QCOMPARE(again.finished, QStringList { QString() });
        QCOMPARE(again.items.size(), 2);
    }

    void previewWithPageFetcher()
    {
        // What the harvest dialog does: fetch the list page once, try expressions on it, then
        // read one detail page.
        PageFetcher fetcher;
        fetcher.setFetchOptions(localOptions());
        QSignalSpy spy(&fetcher, &PageFetcher::fetched);
        const int listId = fetcher.fetch(url(u"/videos/category_5"_s));
        QVERIFY(spy.wait(10'000));
        QCOMPARE(spy.at(0).at(0).toInt(), listId);
        const WebPage list = spy.at(0).at(1).value<WebPage>();
        QVERIFY2(list.isValid(), qPrintable(list.error));

        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        ItemExtraction items = HarvestExtractor::extractItems(list, recipe);
        QCOMPARE(items.items.size(), 17);
        recipe.titleXPath = u"./div/a/div[1]/div[@class=\"cm-duration\"]/text()"_s;
        items = HarvestExtractor::extractItems(list, recipe);
        QCOMPARE(items.items.at(0).title, u"01:01"_s);

        const int detailId = fetcher.fetch(items.items.at(0).detailUrl);
        QVERIFY(spy.wait(10'000));
        QCOMPARE(spy.at(1).at(0).toInt(), detailId);
        const MediaExtraction media = HarvestExtractor::extractMedia(
                spy.at(1).at(1).value<WebPage>(), HarvestRecipe::pearVideo());
        QCOMPARE(media.mediaUrl, url(u"/videos/media/1001.mp4"_s));

        fetcher.fetch(url(u"/stall"_s));
        QTest::qWait(50); // under way
        fetcher.cancelAll();
        QTRY_COMPARE(spy.size(), 3);
        QCOMPARE(spy.at(2).at(1).value<WebPage>().error, u"canceled"_s);
    }
};

QTEST_GUILESS_MAIN(tst_Harvester)
#include "tst_harvester.moc"
