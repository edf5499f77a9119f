#include "harvest/harvestrecipe.h"
#include "harvest/presetstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

// Recipes: the built-in pearvideo preset, validation, and the user's presets on disk.
class tst_HarvestRecipe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pearVideoPresetIsTheTutorials()
    {
        const HarvestRecipe recipe = HarvestRecipe::pearVideo();
        QCOMPARE(recipe.name, u"pearvideo"_s);
        QCOMPARE(recipe.itemXPath, u"//ul[@id=\"listvideoListUl\"]/li"_s);
        QCOMPARE(recipe.linkXPath, u"./div/a/@href"_s);
        QCOMPARE(recipe.titleXPath, u"./div/a/div[2]/text()"_s);
        QCOMPARE(recipe.mediaRegex, u"srcUrl=\"(.*?)\",vdoUrl"_s);
        QVERIFY(recipe.mediaXPath.isEmpty());
        QString error;
        QVERIFY2(recipe.validate(&error), qPrintable(error));
    }

    void validation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("error");
        QTest::newRow("no items") << u"item"_s << QString() << u"the recipe needs an item XPath"_s;
        QTest::newRow("no link") << u"link"_s << u" "_s << u"the recipe needs a link XPath"_s;
        QTest::newRow("bad item XPath")
                << u"item"_s << u"//ul[@id="_s
                << u"invalid item XPath \"//ul[@id=\": Invalid expression at character"_s;
        QTest::newRow("bad title XPath")
                << u"title"_s << u"./div/a/div[2]/text("_s << u"invalid title XPath"_s;
        QTest::newRow("bad regex")
                << u"regex"_s << u"srcUrl=\"(.*?\""_s
                << u"invalid media regex \"srcUrl=\"(.*?\"\": missing closing parenthesis"_s;
        QTest::newRow("no media") << u"regex"_s << QString()
                                  << u"the recipe needs a media regex or a media XPath"_s;
        QTest::newRow("both media") << u"xpath"_s << u"//video/@src"_s
                                    << u"give either a media regex or a media XPath, not both"_s;
        QTest::newRow("ftp list") << u"list"_s << u"ftp://example.com/"_s
                                  << u"the list page must be an http or https URL"_s;
        QTest::newRow("no title is fine") << u"title"_s << QString() << QString();
    }

    void validation()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, error);
        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        if (field == u"item")
            recipe.itemXPath = value;
        else if (field == u"link")
            recipe.linkXPath = value;
        else if (field == u"title")
            recipe.titleXPath = value;
        else if (field == u"regex")
            recipe.mediaRegex = value;
        else if (field == u"xpath")
            recipe.mediaXPath = value;
        else if (field == u"list")
            recipe.listUrl = QUrl(value);
        QString message;
        QCOMPARE(recipe.validate(&message), error.isEmpty());
        QVERIFY2(message.startsWith(error), qPrintable(message));
    }

    void jsonRoundTrip()
    {
        HarvestRecipe recipe = HarvestRecipe::pearVideo();
        recipe.name = u"我的预设"_s;
        recipe.mediaRegex.clear();
        recipe.mediaXPath = u"//video/@src"_s;
        QCOMPARE(HarvestRecipe::fromJson(recipe.toJson()), recipe);
    }

    void userPresetsAreSavedAndShared()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sub/harvest-presets.json"_s);
        HarvestRecipe mine = HarvestRecipe::pearVideo();
        mine.name = u"mysite"_s;
        mine.listUrl = QUrl(u"https://example.com/list"_s);
        mine.titleXPath.clear();
        {
            PresetStore store(path);
            QCOMPARE(store.names(), QStringList { u"pearvideo"_s });
            QString error;
            QVERIFY2(store.save(mine, &error), qPrintable(error));
            QCOMPARE(store.names(), (QStringList { u"pearvideo"_s, u"mysite"_s }));
        }
        PresetStore reopened(path); // another process, say the GUI after the CLI
        QVERIFY(reopened.loadError().isEmpty());
        QCOMPARE(reopened.preset(u"mysite"_s), std::optional<HarvestRecipe>(mine));
        QVERIFY(reopened.isBuiltIn(u"pearvideo"_s));
        QVERIFY(!reopened.isBuiltIn(u"mysite"_s));

        QString error;
        mine.linkXPath = u"./a/@href"_s; // saving again replaces
        QVERIFY(reopened.save(mine, &error));
        QCOMPARE(reopened.userPresets().size(), 1);
        QCOMPARE(reopened.preset(u"mysite"_s)->linkXPath, u"./a/@href"_s);
        QVERIFY(reopened.remove(u"mysite"_s, &error));
        QCOMPARE(PresetStore(path).names(), QStringList { u"pearvideo"_s });
    }

    void presetStoreRefusals()
    {
        QTemporaryDir dir;
        PresetStore store(dir.filePath(u"presets.json"_s));
        QString error;
        QVERIFY(!store.save(HarvestRecipe::pearVideo(), &error));
        QVERIFY2(error.contains(u"built-in"_s), qPrintable(error));
        QVERIFY(!store.remove(u"pearvideo"_s, &error));
        QVERIFY(!store.remove(u"nothing"_s, &error));
        HarvestRecipe invalid = HarvestRecipe::pearVideo();
        invalid.name = u"broken"_s;
        invalid.itemXPath = u"//["_s;
        QVERIFY(!store.save(invalid, &error));
        QVERIFY2(error.startsWith(u"invalid item XPath"_s), qPrintable(error));
        invalid = HarvestRecipe::pearVideo();
        invalid.name = QString();
        QVERIFY(!store.save(invalid, &error));
    }

    void malformedFileIsReportedAndKept()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"presets.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        PresetStore store(path);
        QVERIFY(!store.loadError().isEmpty());
        QCOMPARE(store.names(), QStringList { u"pearvideo"_s });
        HarvestRecipe mine = HarvestRecipe::pearVideo();
        mine.name = u"mine"_s;
        QString error;
        QVERIFY(!store.save(mine, &error)); // the user's file is not overwritten
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{ not json"));
    }
};

QTEST_GUILESS_MAIN(tst_HarvestRecipe)
#include "tst_harvestrecipe.moc"
