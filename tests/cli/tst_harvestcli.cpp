#include "clirunner.h"
#include "demo/demovideosite.h"
#include "testserver.h"
#include "testutil.h"

#include <csignal>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

// `qcrawl-cli harvest` end to end against the demo site: exit codes, JSONL keys, files.
class tst_HarvestCli : public QObject
{
    Q_OBJECT

private:
    using Ran = CliRun;

    TestServer m_server;
    QTemporaryDir m_config; // XDG_CONFIG_HOME: the user's presets live here

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = cliEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config.path());
        return env;
    }

    Ran cli(const QStringList &args, const QString &workingDir = {}) const
    {
        return runCli(QStringList { QStringLiteral("harvest") } + args, environment(), {},
                      workingDir);
    }

    QString list(const QString &path) const { return m_server.url(path).toString(); }

    // The JSONL rows by their "index", each with exactly these keys (none when one has others).
    static QHash<int, QJsonObject> jsonLines(const QByteArray &out, const QStringList &keys)
    {
        QHash<int, QJsonObject> objects;
        for (const QJsonObject &object : test::jsonLines(out)) {
            QStringList found = object.keys();
            found.sort();
            if (found != keys) {
                qWarning("unexpected keys: %s", qPrintable(found.join(u',')));
                return {};
            }
            objects.insert(object.value(u"index"_s).toInt(), object);
        }
        return objects;
    }

    static QStringList dryKeys()
    {
        return { u"detail_url"_s, u"error"_s, u"index"_s, u"media_url"_s, u"title"_s };
    }
    static QStringList downloadKeys()
    {
        return { u"bytes"_s,     u"error"_s,  u"file"_s, u"index"_s,
                 u"media_url"_s, u"status"_s, u"title"_s };
    }

private Q_SLOTS:
    void help()
    {
        const Ran r = cli({ u"--help"_s });
        QCOMPARE(r.exitCode, 0);
        for (const char *word : { "--list", "--preset", "--item-xpath", "--link-xpath",
                                  "--title-xpath", "--media-regex", "--media-xpath", "--dry-run",
                                  "--output-dir", "--concurrency", "--format", "pearvideo" })
            QVERIFY2(r.out.contains(word), word);
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        const QString page = u"http://127.0.0.1:1/videos/category_5"_s;
        QTest::newRow("no recipe") << QStringList { u"--list"_s, page } << QByteArray("no recipe");
        QTest::newRow("no list") << QStringList { u"--preset"_s, u"pearvideo"_s }
                                 << QByteArray("missing --list");
        QTest::newRow("unknown preset")
                << QStringList { u"--list"_s, page, u"--preset"_s, u"youku"_s }
                << QByteArray("no preset named \"youku\" (known: pearvideo)");
        QTest::newRow("preset and expressions")
                << QStringList { u"--list"_s,       page,     u"--preset"_s, u"pearvideo"_s,
                                 u"--item-xpath"_s, u"//li"_s }
                << QByteArray("not both");
        QTest::newRow("invalid xpath") << QStringList {
            u"--list"_s,       page,           u"--item-xpath"_s,  u"//ul[@id="_s,
            u"--link-xpath"_s, u"./a/@href"_s, u"--media-regex"_s, u"x"_s
        } << QByteArray("invalid item XPath \"//ul[@id=\": Invalid expression at character");
        QTest::newRow("invalid regex")
                << QStringList { u"--list"_s,       page,           u"--item-xpath"_s,  u"//li"_s,
                                 u"--link-xpath"_s, u"./a/@href"_s, u"--media-regex"_s, u"(x"_s }
                << QByteArray("invalid media regex");
        QTest::newRow("no media expression")
                << QStringList { u"--list"_s,       page,          u"--item-xpath"_s, u"//li"_s,
                                 u"--link-xpath"_s, u"./a/@href"_s }
                << QByteArray("needs a media regex or a media XPath");
        QTest::newRow("bad list url")
                << QStringList { u"--list"_s, u"ftp://x/y"_s, u"--preset"_s, u"pearvideo"_s }
                << QByteArray("--list wants an http or https URL");
        QTest::newRow("bad concurrency")
                << QStringList { u"--list"_s, page, u"--preset"_s, u"pearvideo"_s, u"-c"_s, u"0"_s }
                << QByteArray("--concurrency");
        QTest::newRow("bad format") << QStringList { u"--list"_s,    page,    u"--preset"_s,
                                                     u"pearvideo"_s, u"-f"_s, u"csv"_s }
                                    << QByteArray("--format wants jsonl or table");
        QTest::newRow("dry run with a folder")
                << QStringList { u"--list"_s,    page,    u"--preset"_s, u"pearvideo"_s,
                                 u"--dry-run"_s, u"-o"_s, u"/tmp"_s }
                << QByteArray("--dry-run saves nothing");
        QTest::newRow("unwritable folder")
                << QStringList { u"--list"_s,    page,    u"--preset"_s,
                                 u"pearvideo"_s, u"-o"_s, u"/proc/qcrawl"_s }
                << QByteArray("cannot write to the output folder");
        QTest::newRow("unknown option") << QStringList { u"--bogus"_s } << QByteArray("bogus");
    }

    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Ran r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QCOMPARE(r.err.trimmed().count('\n'), 0); // one line
        QVERIFY(r.out.isEmpty());
    }

    void dryRunPrintsEveryItem()
    {
        const Ran r = cli({ u"--list"_s, list(u"/videos/category_5"_s), u"--preset"_s,
                            u"pearvideo"_s, u"--dry-run"_s, u"-f"_s, u"jsonl"_s });
        QCOMPARE(r.exitCode, 1); // the advertisement and the page without a video
        const QHash<int, QJsonObject> items = jsonLines(r.out, dryKeys());
        QCOMPARE(items.size(), 17);
        QCOMPARE(items[0].value(u"title"_s).toString(), u"城市夜景延时摄影：上海外滩的 24 小时"_s);
        QCOMPARE(items[0].value(u"detail_url"_s).toString(), list(u"/videos/video_1001"_s));
        QCOMPARE(items[0].value(u"media_url"_s).toString(), list(u"/videos/media/1001.mp4"_s));
        QVERIFY(items[0].value(u"error"_s).isNull());
        QCOMPARE(items[1].value(u"title"_s).toString(), u"Tom & Jerry — the \"chase\" <HD>"_s);
        QVERIFY(items[7].value(u"detail_url"_s).isNull());
        QCOMPARE(items[7].value(u"error"_s).toString(),
                 u"the link XPath matched nothing in this item"_s);
        QVERIFY(items[10].value(u"media_url"_s).isNull());
        QVERIFY(items[10].value(u"error"_s).toString().startsWith(u"no media URL"_s));
        QCOMPARE(items[16].value(u"media_url"_s).toString(), list(u"/hls/master.m3u8"_s));
        QVERIFY2(r.err.contains("17 item(s) · 15 with a media URL, 2 without"), r.err.constData());

        const Ran ok = cli({ u"--list"_s, list(u"/videos/category_gbk"_s), u"--preset"_s,
                             u"pearvideo"_s, u"--dry-run"_s, u"-f"_s, u"jsonl"_s });
        QCOMPARE(ok.exitCode, 0);
        QCOMPARE(jsonLines(ok.out, dryKeys()).value(1).value(u"title"_s).toString(),
                 u"“镕”字只在 GBK 里"_s);
    }

    void downloadsIntoTheFolder()
    {
        QTemporaryDir dir;
        const Ran r = cli({ u"--list"_s, list(u"/videos/category_gbk"_s), u"--preset"_s,
                            u"pearvideo"_s, u"-o"_s, dir.filePath(u"out"_s), u"-f"_s, u"jsonl"_s });
        QCOMPARE(r.exitCode, 0);
        const QHash<int, QJsonObject> items = jsonLines(r.out, downloadKeys());
        QCOMPARE(items.size(), 2);
        const QString file = dir.filePath(u"out/“镕”字只在 GBK 里.mp4"_s);
        QCOMPARE(items[1].value(u"file"_s).toString(), file);
        QCOMPARE(items[1].value(u"status"_s).toInt(), 200);
        QCOMPARE(items[1].value(u"bytes"_s).toInteger(), DemoVideoSite::video(1014)->size);
        QVERIFY(items[1].value(u"error"_s).isNull());
        QVERIFY(readFile(file) == DemoVideoSite::mediaBytes(1014));
        QVERIFY2(r.err.contains("2 saved, 0 failed"), r.err.constData());

        // Again, into the current folder (the default): existing files are not overwritten.
        const Ran again = cli({ u"--list"_s, list(u"/videos/category_gbk"_s), u"--preset"_s,
                                u"pearvideo"_s, u"-f"_s, u"table"_s },
                              dir.filePath(u"out"_s));
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("“镕”字只在 GBK 里 (2).mp4"), again.out.constData());
        QCOMPARE(QDir(dir.filePath(u"out"_s)).entryList(QDir::Files).size(), 4);
    }

    void failedItemsAreRowsAndExitOne()
    {
        QTemporaryDir dir;
        const Ran r = cli({ u"--list"_s, list(u"/videos/category_5"_s), u"--preset"_s,
                            u"pearvideo"_s, u"-o"_s, dir.path(), u"-f"_s, u"jsonl"_s });
        QCOMPARE(r.exitCode, 1);
        const QHash<int, QJsonObject> items = jsonLines(r.out, downloadKeys());
        QCOMPARE(items.size(), 17);
        QCOMPARE(items[9].value(u"status"_s).toInt(), 404);
        QCOMPARE(items[9].value(u"error"_s).toString(), u"HTTP 404 Not Found"_s);
        QVERIFY(items[9].value(u"file"_s).isNull());
        QVERIFY(items[10].value(u"status"_s).isNull());
        QCOMPARE(items[12].value(u"file"_s).toString(), dir.filePath(u"CDN 跳转的视频.mp4"_s));
        // The HLS item saves its playlist for now (the HLS downloader is not there yet).
        QVERIFY2(r.err.contains("14 saved, 3 failed"), r.err.constData());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 14);
    }

    void listPageFailureExitsOne()
    {
        const Ran r = cli({ u"--list"_s, list(u"/videos/nothing_here"_s), u"--preset"_s,
                            u"pearvideo"_s, u"--dry-run"_s });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot read the list page: HTTP 404 Not Found"),
                 r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void explicitExpressionsAndSavedPresets()
    {
        const QStringList expressions = {
            u"--item-xpath"_s,  u"//ul[@id=\"listvideoListUl\"]/li"_s,
            u"--link-xpath"_s,  u"./div/a/@href"_s,
            u"--title-xpath"_s, u"./div/a/div[@class=\"vervideo-title\"]"_s,
            u"--media-xpath"_s, u"//video/@src"_s,
        };
        Ran r = cli(QStringList { u"--list"_s, list(u"/videos/category_gbk"_s), u"--dry-run"_s,
                                  u"-f"_s, u"jsonl"_s }
                    + expressions);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(jsonLines(r.out, dryKeys()).value(0).value(u"media_url"_s).toString(),
                 list(u"/videos/media/1001.mp4"_s));

        r = cli(QStringList { u"--save-preset"_s, u"demo-xpath"_s } + expressions);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(m_config.filePath(u"qcrawl/harvest-presets.json"_s)));
        r = cli({ u"--list-presets"_s });
        QCOMPARE(r.out, QByteArray("pearvideo\ndemo-xpath\n"));
        r = cli({ u"--list"_s, list(u"/videos/category_gbk"_s), u"--preset"_s, u"demo-xpath"_s,
                  u"--dry-run"_s, u"-f"_s, u"jsonl"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(jsonLines(r.out, dryKeys()).size(), 2);
        r = cli(QStringList { u"--save-preset"_s, u"pearvideo"_s } + expressions);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("built-in"), r.err.constData());
    }

    void interruptKeepsPartialDownloads()
    {
        QTemporaryDir dir;
        QProcess process;
        process.setProcessEnvironment(environment());
        // 100 kB/s: the downloads take seconds.
        process.start(QStringLiteral(QCRAWL_CLI_PATH),
                      { u"harvest"_s, u"--list"_s, list(u"/videos/category_gbk?rate=100000"_s),
                        u"--preset"_s, u"pearvideo"_s, u"-o"_s, dir.path(), u"-f"_s, u"jsonl"_s });
        QVERIFY(process.waitForStarted());
        QVERIFY(QTest::qWaitFor(
                [&] {
                    const QStringList parts =
                            QDir(dir.path()).entryList({ u"*.part"_s }, QDir::Files);
                    return parts.size() == 2
                            && QFileInfo(dir.filePath(parts.constFirst())).size() > 0;
                },
                20'000));
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(20'000));
        QCOMPARE(process.exitCode(), 130);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains("kept as .part"), err.constData());
        QCOMPARE(QDir(dir.path()).entryList({ u"*.part"_s }, QDir::Files).size(), 2);
        QCOMPARE(QDir(dir.path()).entryList({ u"*.part.url"_s }, QDir::Files).size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_HarvestCli)
#include "tst_harvestcli.moc"
