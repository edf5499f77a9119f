#include "clirunner.h"
#include "demo/demohls.h"
#include "demo/demovideosite.h"
#include "testserver.h"

#include <csignal>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

// fetch --journal, resume and history as a user runs them, and the journal's promise: whatever
// moment a run is killed (SIGKILL, nothing flushed, nothing cleaned up), `resume` ends with every
// file byte-exact, no file saved twice, no finished job fetched again and no row lost.
class tst_CliJournal : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;

    QString url(const QString &path) const { return m_server.url(path).toString(); }

    // A qcrawl-cli run that the test stops when it wants.
    struct Child
    {
        QProcess process;
        QByteArray out;

        void start(const QStringList &args)
        {
            process.setProcessEnvironment(cliEnvironment());
            QObject::connect(&process, &QProcess::readyReadStandardOutput,
                             [this] { out += process.readAllStandardOutput(); });
            process.start(QStringLiteral(QCRAWL_CLI_PATH), args);
            QVERIFY(process.waitForStarted());
            process.closeWriteChannel();
        }
        int completeRows() const { return int(out.count('\n')); }
        void kill()
        {
            process.kill(); // SIGKILL
            QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 10'000);
            out += process.readAllStandardOutput();
        }
    };

    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }

    static qint64 sizeOf(const QString &path) { return QFileInfo(path).size(); }

    // The indexes of JSONL rows; each must appear once.
    static QSet<int> indexes(const QByteArray &out, bool *unique)
    {
        QSet<int> set;
        *unique = true;
        for (const QJsonObject &row : jsonLines(out)) {
            const int index = row.value(u"index"_s).toInt(-1);
            if (set.contains(index) || index < 0)
                *unique = false;
            set.insert(index);
        }
        return set;
    }

    static QJsonObject onlyRun(const QString &journal)
    {
        const CliRun history = runCli({ u"history"_s, u"--journal"_s, journal }, cliEnvironment());
        const QList<QJsonObject> rows = jsonLines(history.out);
        return rows.size() == 1 ? rows.constFirst() : QJsonObject();
    }

private Q_SLOTS:
    void killedDuringFetchesThenResumed_data()
    {
        QTest::addColumn<int>("rowsBeforeKill");
        QTest::newRow("at once") << 0;
        QTest::newRow("a fifth") << 40;
        QTest::newRow("most") << 170;
    }

    void killedDuringFetchesThenResumed()
    {
        QFETCH(int, rowsBeforeKill);
        QTemporaryDir dir;
        const QString journal = dir.filePath(u"run.db"_s);
        constexpr int Count = 200;
        QStringList args { u"fetch"_s, u"--journal"_s, journal, u"-f"_s,
                           u"jsonl"_s, u"-c"_s,        u"16"_s };
        for (int i = 0; i < Count; ++i)
            args << url(u"/delay/%1?i=%2"_s.arg(20 + (i * 37) % 200).arg(i));
        Child child;
        child.start(args);
        if (rowsBeforeKill > 0)
            QTRY_VERIFY_WITH_TIMEOUT(child.completeRows() >= rowsBeforeKill, 30'000);
        else // as soon as the run is recorded: before it, there is nothing to resume
            QTRY_VERIFY_WITH_TIMEOUT(!onlyRun(journal).isEmpty(), 10'000);
        child.kill();
        QVERIFY2(child.out.isEmpty() || child.out.endsWith('\n'), "a row cut in half");
        bool unique = false;
        const QSet<int> before = indexes(child.out, &unique);
        QVERIFY(unique);
        QVERIFY(before.size() >= rowsBeforeKill);
        QVERIFY2(before.size() < Count, "the run ended before the kill: nothing tested");

        const CliRun resumed = runCli({ u"resume"_s, u"--journal"_s, journal }, cliEnvironment());
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QVERIFY(resumed.err.contains("resuming run 1 of"));
        const QSet<int> after = indexes(resumed.out, &unique);
        QVERIFY(unique);
        QVERIFY2(!before.intersects(after), "a finished job was fetched again");
        QCOMPARE(before.size() + after.size(), Count); // no row lost
        for (const QJsonObject &row : jsonLines(resumed.out))
            QCOMPARE(row.value(u"status"_s).toInt(), 200);

        const QJsonObject run = onlyRun(journal);
        QCOMPARE(run.value(u"ok"_s).toInt(), Count);
        QCOMPARE(run.value(u"unfinished"_s).toInt(), 0);
        const CliRun again = runCli({ u"resume"_s, u"--journal"_s, journal }, cliEnvironment());
        QCOMPARE(again.exitCode, 0);
        QVERIFY(again.out.isEmpty());
        QVERIFY(again.err.contains("nothing to resume"));
    }

    void killedDuringDownloadsThenResumed_data()
    {
        QTest::addColumn<qint64>("partBytesBeforeKill");
        QTest::newRow("just started") << qint64(1);
        QTest::newRow("a quarter") << qint64(100'000);
        QTest::newRow("most") << qint64(300'000);
    }

    void killedDuringDownloadsThenResumed()
    {
        QFETCH(qint64, partBytesBeforeKill);
        QTemporaryDir dir;
        const QString journal = dir.filePath(u"run.db"_s);
        const QString out = dir.filePath(u"out"_s);
        constexpr qint64 Small = 30'000, Large = 400'000;
        QStringList args { u"fetch"_s, u"--journal"_s, journal, u"-f"_s, u"jsonl"_s, u"-o"_s, out };
        for (int i = 0; i < 3; ++i)
            args << url(u"/bytes/%1?f=small%2"_s.arg(Small).arg(i));
        for (int i = 0; i < 3; ++i)
            args << url(u"/bytes/%1?rate=150000&f=large%2"_s.arg(Large).arg(i));
        Child child;
        child.start(args);
        auto largeParts = [&] {
            const QStringList parts = QDir(out).entryList({ u"*.part"_s }, QDir::Files, QDir::Name);
            qint64 least = parts.size() == 3 ? Large : 0;
            for (const QString &part : parts)
                least = std::min(least, sizeOf(out + u'/' + part));
            return least;
        };
        QTRY_VERIFY_WITH_TIMEOUT(largeParts() >= partBytesBeforeKill, 30'000);
        child.kill();
        bool unique = false;
        const QSet<int> before = indexes(child.out, &unique);
        QVERIFY(unique);
        QVERIFY2(!before.contains(3) && !before.contains(4) && !before.contains(5),
                 "a large file finished before the kill: nothing tested");

        const CliRun resumed = runCli({ u"resume"_s, u"--journal"_s, journal }, cliEnvironment());
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const QSet<int> after = indexes(resumed.out, &unique);
        QVERIFY(unique);
        QVERIFY(!before.intersects(after));
        QCOMPARE(before.size() + after.size(), 6);
        for (const QJsonObject &row : jsonLines(resumed.out)) {
            QCOMPARE(row.value(u"status"_s).toInt(),
                     row.value(u"index"_s).toInt() >= 3 ? 206 : 200);
            if (partBytesBeforeKill > 1 && row.value(u"index"_s).toInt() >= 3) // continued
                QVERIFY(row.value(u"bytes"_s).toInteger() <= Large - partBytesBeforeKill);
        }

        // Every file whole and exact, each once: no "(2)" copies, no partial files left.
        const QStringList files = QDir(out).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 6);
        for (const QString &file : files) {
            const qint64 size = file.startsWith(u"30000"_s) ? Small : Large;
            QVERIFY2(readAll(out + u'/' + file) == DemoServer::patternBytes(0, size),
                     qPrintable(file));
        }
        QVERIFY(QDir(out).entryList({ u"*.part*"_s }, QDir::Files).isEmpty());
        QCOMPARE(onlyRun(journal).value(u"ok"_s).toInt(), 6);
    }

    void killedDuringAHarvestThenResumed_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("rowsBeforeKill");
        QTest::addColumn<bool>("waitForParts");
        // Detail pages that answer after 1.5 s: killed while they are read.
        QTest::newRow("during detail pages") << u"?page_delay=1500&rate=300000"_s << 0 << false;
        // Videos at 150 KB/s: killed with some saved and the rest half-way.
        QTest::newRow("during downloads") << u"?rate=150000"_s << 3 << true;
    }

    void killedDuringAHarvestThenResumed()
    {
        QFETCH(QString, query);
        QFETCH(int, rowsBeforeKill);
        QFETCH(bool, waitForParts);
        QTemporaryDir dir;
        const QString journal = dir.filePath(u"harvest.db"_s);
        const QString out = dir.filePath(u"videos"_s);
        Child child;
        child.start({ u"harvest"_s, u"--list"_s, url(u"/videos/category_5"_s + query),
                      u"--preset"_s, u"pearvideo"_s, u"-o"_s, out, u"--journal"_s, journal, u"-f"_s,
                      u"jsonl"_s, u"-c"_s, u"4"_s, u"--hls-keep-ts"_s });
        if (waitForParts) {
            QTRY_VERIFY_WITH_TIMEOUT(child.completeRows() >= rowsBeforeKill
                                             && !QDir(out).entryList({ u"*.part"_s }).isEmpty(),
                                     30'000);
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(!onlyRun(journal).isEmpty(), 10'000);
            QTest::qWait(700); // the list page is read; the detail pages are not
        }
        child.kill();
        bool unique = false;
        const QSet<int> before = indexes(child.out, &unique);
        QVERIFY(unique);

        const CliRun resumed = runCli({ u"resume"_s, u"--journal"_s, journal }, cliEnvironment());
        QVERIFY2(resumed.exitCode == 1, resumed.err.constData()); // the site has failing items
        QVERIFY(resumed.err.contains("resuming harvest run 1"));
        const QSet<int> after = indexes(resumed.out, &unique);
        QVERIFY(unique);
        QVERIFY2(!before.intersects(after), "an item saved or failed before was done again");
        const QJsonObject run = onlyRun(journal);
        const int items = run.value(u"urls"_s).toInt(); // the list page's items
        QVERIFY(items > int(DemoVideoSite::catalogue().size()) / 2);
        QCOMPARE(before.size() + after.size(), items); // a row for every item, once

        // Every video whole and exact, each once; nothing partial left.
        int saved = 0;
        int playlists = 0;
        for (const QJsonObject &row : jsonLines(child.out + resumed.out)) {
            if (row.value(u"error"_s).isNull()) {
                const QString file = row.value(u"file"_s).toString();
                const QUrl mediaUrl(row.value(u"media_url"_s).toString());
                // The HLS item's media URL is a master playlist: saved as its best variant.
                if (mediaUrl.path().startsWith(u"/hls/"_s)) {
                    ++playlists;
                    QVERIFY2(file.endsWith(u".ts"_s), qPrintable(file));
                    QVERIFY2(readAll(file) == DemoHls::streamBytes(DemoHls::Stream::High),
                             qPrintable(file));
                    continue;
                }
                ++saved;
                // ".../media/1014.mp4", ".../play/1014": the video's id ends the media URL.
                const int id = mediaUrl.fileName().section(u'.', 0, 0).toInt();
                QVERIFY2(readAll(file) == DemoVideoSite::mediaBytes(id), qPrintable(file));
            }
        }
        QCOMPARE(QDir(out).entryList({ u"*.mp4"_s }, QDir::Files).size(), saved);
        QCOMPARE(QDir(out).entryList({ u"*.ts"_s }, QDir::Files).size(), playlists);
        QVERIFY(QDir(out).entryList({ u"*.m3u8"_s }, QDir::Files).isEmpty());
        const QStringList left = QDir(out).entryList({ u"*.part*"_s }, QDir::Files);
        QVERIFY2(left.isEmpty(),
                 qPrintable(left.join(u", "_s) + u"\n"_s
                            + QString::fromUtf8(child.out + resumed.out)));
        const QJsonObject done = onlyRun(journal);
        QCOMPARE(done.value(u"kind"_s).toString(), u"harvest"_s);
        QCOMPARE(done.value(u"ok"_s).toInt(), saved + playlists);
        QCOMPARE(done.value(u"unfinished"_s).toInt(), 0);
        const CliRun again = runCli({ u"resume"_s, u"--journal"_s, journal }, cliEnvironment());
        QVERIFY(again.err.contains("nothing to resume"));
    }

    void interruptedThenResumed()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(u"run.db"_s);
        QStringList args {
            u"fetch"_s, u"--journal"_s, journal, u"-f"_s, u"jsonl"_s, u"-c"_s, u"2"_s
        };
        for (int i = 0; i < 6; ++i)
            args << url(u"/delay/%1?i=%2"_s.arg(i < 2 ? 10 : 3000).arg(i));
        Child child;
        child.start(args);
        QTRY_VERIFY_WITH_TIMEOUT(child.completeRows() >= 2, 20'000);
        ::kill(pid_t(child.process.processId()), SIGINT); // Ctrl+C: the rest is canceled
        QTRY_VERIFY_WITH_TIMEOUT(child.process.state() == QProcess::NotRunning, 20'000);
        QCOMPARE(child.process.exitCode(), 130);
        const QJsonObject run = onlyRun(journal);
        QCOMPARE(run.value(u"ok"_s).toInt(), 2);
        QCOMPARE(run.value(u"unfinished"_s).toInt(), 4); // canceled jobs are not finished
        QCOMPARE(run.value(u"failed"_s).toInt(), 0);

        const CliRun resumed = runCli({ u"resume"_s, u"--journal"_s, journal, u"-f"_s, u"table"_s },
                                      cliEnvironment());
        QCOMPARE(resumed.exitCode, 0);
        QCOMPARE(resumed.out.count('\n'), 1 + 4); // the table's header and the four rows
        QVERIFY(resumed.err.contains("run 1: ok 6, failed 0, unfinished 0"));
    }

    void finalFailuresAreKeptAndRetryableOnesTriedAgain()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(u"run.db"_s);
        const CliRun first =
                runCli({ u"fetch"_s, u"--journal"_s, journal, u"--retries"_s, u"0"_s,
                         url(u"/status/404"_s), url(u"/flaky/1?t=final"_s), url(u"/bytes/10"_s) },
                       cliEnvironment());
        QCOMPARE(first.exitCode, 1);
        QVERIFY(first.err.contains("qcrawl-cli resume --journal"));
        QCOMPARE(onlyRun(journal).value(u"unfinished"_s).toInt(), 1); // the 503
        const CliRun resumed = runCli({ u"resume"_s, u"--journal"_s, journal }, cliEnvironment());
        const QList<QJsonObject> rows = jsonLines(resumed.out);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).value(u"index"_s).toInt(), 1);
        QCOMPARE(rows.at(0).value(u"status"_s).toInt(), 200);
        QCOMPARE(resumed.exitCode, 1); // the 404 stays a failure of the run
        const QJsonObject run = onlyRun(journal);
        QCOMPARE(run.value(u"ok"_s).toInt(), 2);
        QCOMPARE(run.value(u"failed"_s).toInt(), 1);
        QCOMPARE(run.value(u"unfinished"_s).toInt(), 0);
    }

    void historyListsEveryRun()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(u"h.db"_s);
        QCOMPARE(runCli({ u"fetch"_s, u"--journal"_s, journal, url(u"/bytes/5"_s) },
                        cliEnvironment())
                         .exitCode,
                 0);
        QCOMPARE(runCli({ u"fetch"_s, u"--journal"_s, journal, u"-m"_s, u"serial"_s,
                          url(u"/bytes/5?a"_s), url(u"/status/500"_s), u"--retries"_s, u"0"_s },
                        cliEnvironment())
                         .exitCode,
                 1);
        const CliRun history = runCli(
                { u"history"_s, u"--journal"_s, journal, u"-f"_s, u"jsonl"_s }, cliEnvironment());
        QCOMPARE(history.exitCode, 0);
        const QList<QJsonObject> rows = jsonLines(history.out);
        QCOMPARE(rows.size(), 2);
        const QStringList keys { u"failed"_s,  u"kind"_s,       u"mode"_s, u"ok"_s,     u"run"_s,
                                 u"started"_s, u"unfinished"_s, u"urls"_s, u"wall_ms"_s };
        QCOMPARE(rows.at(0).keys(), keys);
        QCOMPARE(rows.at(1).value(u"run"_s).toInt(), 2);
        QCOMPARE(rows.at(1).value(u"kind"_s).toString(), u"fetch"_s);
        QCOMPARE(rows.at(1).value(u"mode"_s).toString(), u"serial"_s);
        QCOMPARE(rows.at(1).value(u"urls"_s).toInt(), 2);
        QCOMPARE(rows.at(1).value(u"ok"_s).toInt(), 1);
        QCOMPARE(rows.at(1).value(u"unfinished"_s).toInt(), 1);
        const QDateTime started =
                QDateTime::fromString(rows.at(0).value(u"started"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(started.isValid());
        QVERIFY(qAbs(started.secsTo(QDateTime::currentDateTimeUtc())) < 120);
        const CliRun table = runCli({ u"history"_s, u"--journal"_s, journal, u"-f"_s, u"table"_s },
                                    cliEnvironment());
        QCOMPARE(table.out.count('\n'), 3);
        QVERIFY(table.out.startsWith("  RUN  STARTED"));
    }

    void aJournalInUseIsRefused()
    {
        QTemporaryDir dir;
        const QString journal = dir.filePath(u"busy.db"_s);
        Child child;
        child.start({ u"fetch"_s, u"--journal"_s, journal, url(u"/delay/20000"_s) });
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(journal + u".lock"_s), 10'000);
        const CliRun second = runCli({ u"fetch"_s, u"--journal"_s, journal, url(u"/bytes/1"_s) },
                                     cliEnvironment());
        QCOMPARE(second.exitCode, 2);
        QVERIFY2(second.err.contains("is in use by another qcrawl"), second.err.constData());
        child.kill();
        // A killed holder does not block its resume.
        const CliRun resumed =
                runCli({ u"resume"_s, u"--journal"_s, journal, url(u"/x"_s) }, cliEnvironment());
        QCOMPARE(resumed.exitCode, 2); // resume takes no URLs
        QVERIFY(resumed.err.contains("takes no URLs"));
    }

    void unusableJournalsAreClearErrors()
    {
        QTemporaryDir dir;
        const CliRun missing = runCli({ u"resume"_s, u"--journal"_s, dir.filePath(u"none.db"_s) },
                                      cliEnvironment());
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("no journal at"));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"none.db"_s)));
        const CliRun noFile = runCli({ u"history"_s }, cliEnvironment());
        QCOMPARE(noFile.exitCode, 2);

        const QString damaged = dir.filePath(u"damaged.db"_s);
        {
            QFile file(damaged);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(8192, 'x'));
        }
        const CliRun fetch = runCli({ u"fetch"_s, u"--journal"_s, damaged, url(u"/bytes/3"_s) },
                                    cliEnvironment());
        QCOMPARE(fetch.exitCode, 0);
        QVERIFY2(fetch.err.contains("was damaged"), fetch.err.constData());
        QCOMPARE(QDir(dir.path()).entryList({ u"damaged.db.damaged-*"_s }).size(), 1);
        QCOMPARE(onlyRun(damaged).value(u"ok"_s).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_CliJournal)
#include "tst_clijournal.moc"
