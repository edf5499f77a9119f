#include "clirunner.h"
#include "demo/demohls.h"
#include "demo/demoserver.h"
#include "fetch/resultformat.h"
#include "scriptserver.h"
#include "testserver.h"
#include "testutil.h"

#include <cmath>
#include <csignal>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

// qcrawl-cli end to end: exit codes, output keys, error messages.
class tst_Cli : public QObject
{
    Q_OBJECT

private:
    using Ran = CliRun;

    TestServer m_server;
    QTemporaryDir m_dir;

    static QProcessEnvironment cleanEnvironment() { return cliEnvironment(); }

    static Ran cli(const QStringList &args, const QByteArray &stdinData = {},
                   int timeoutMs = 60'000)
    {
        return runCli(args, cliEnvironment(), stdinData, {}, timeoutMs);
    }

    // Writes a file of the test's folder; returns its path.
    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        test::writeFile(path, content);
        return path;
    }

    QString url(const QString &path) const { return m_server.url(path).toString(); }

    // An error is one clear line: no usage dump, no stack trace.
    static bool oneLine(const QByteArray &err)
    {
        return err.trimmed().count('\n') == 0 && !err.trimmed().isEmpty();
    }

    // A row of compare's table: "async       6 in flight      212 ms       28.3      0.00     5.74x
    // 6       0".
    struct CompareRow
    {
        QString mode;
        double wallMs = -1;
        double speedUp = -1;
        int ok = -1;
        int failed = -1;
    };

    // "212 ms" or "1.25 s", as formatDuration() writes them; -1 otherwise.
    static double durationMs(const QString &text)
    {
        if (text.endsWith(u" ms"_s))
            return text.chopped(3).toDouble();
        if (text.endsWith(u" s"_s))
            return text.chopped(2).toDouble() * 1000;
        return -1;
    }

    static QList<CompareRow> compareTable(const QByteArray &out)
    {
        static const QRegularExpression row(
                u"^(serial|pool|async) +.+? {2,}([0-9.]+ m?s) +[0-9.]+ +[0-9.]+ +([0-9.]+)x +"
                u"([0-9]+) +([0-9]+)$"_s);
        QList<CompareRow> rows;
        for (const QByteArray &line : out.split('\n')) {
            const QRegularExpressionMatch m = row.match(QString::fromUtf8(line));
            if (m.hasMatch())
                rows.append({ m.captured(1), durationMs(m.captured(2)), m.captured(3).toDouble(),
                              m.captured(4).toInt(), m.captured(5).toInt() });
        }
        return rows;
    }

private Q_SLOTS:
    void versionAndHelp()
    {
        Ran r = cli({ u"--version"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("qcrawl-cli " QCRAWL_VERSION));
        r = cli({ u"--help"_s });
        QCOMPARE(r.exitCode, 0);
        for (const char *word : { "fetch", "compare", "serve", "demo", "--version" })
            QVERIFY2(r.out.contains(word), word);
        r = cli({ u"fetch"_s, u"--help"_s });
        QCOMPARE(r.exitCode, 0);
        for (const char *word :
             { "--mode", "--concurrency", "--threads", "--per-host", "--timeout", "--retries",
               "--proxy", "--user-agent", "--header", "--output-dir", "--format", "--input" })
            QVERIFY2(r.out.contains(word), word);
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no command")
                << QStringList()
                << QByteArray("missing command (fetch, compare, harvest, resume, history, serve");
        QTest::newRow("unknown command")
                << QStringList { u"fly"_s }
                << QByteArray("(expected fetch, compare, harvest, resume, history, serve");
        QTest::newRow("unknown option")
                << QStringList { u"fetch"_s, u"--bogus"_s, u"x.com"_s } << QByteArray("bogus");
        QTest::newRow("missing input file")
                << QStringList { u"fetch"_s, u"-i"_s, u"/nonexistent/urls.txt"_s }
                << QByteArray("cannot read /nonexistent/urls.txt");
        QTest::newRow("no urls") << QStringList { u"fetch"_s } << QByteArray("no URLs");
        QTest::newRow("bad mode") << QStringList { u"fetch"_s, u"-m"_s, u"turbo"_s, u"x.com"_s }
                                  << QByteArray("--mode wants async, pool or serial");
        QTest::newRow("bad concurrency") << QStringList { u"fetch"_s, u"-c"_s, u"0"_s, u"x.com"_s }
                                         << QByteArray("--concurrency");
        QTest::newRow("bad timeout")
                << QStringList { u"fetch"_s, u"--timeout"_s, u"soon"_s, u"x.com"_s }
                << QByteArray("--timeout");
        QTest::newRow("bad header")
                << QStringList { u"fetch"_s, u"-H"_s, u"no colon"_s, u"x.com"_s }
                << QByteArray("invalid header");
        QTest::newRow("bad proxy")
                << QStringList { u"fetch"_s, u"--proxy"_s, u"ftp://p:1"_s, u"x.com"_s }
                << QByteArray("invalid proxy");
        QTest::newRow("bad format") << QStringList { u"fetch"_s, u"-f"_s, u"xml"_s, u"x.com"_s }
                                    << QByteArray("--format");
        QTest::newRow("two http versions")
                << QStringList { u"fetch"_s, u"--http1.1"_s, u"--http2"_s, u"x.com"_s }
                << QByteArray("--http1.1 and --http2 exclude each other");
        for (const char *size : { "0", "-5", "5X", "9999999999G", "" })
            QTest::addRow("bad max-filesize %s", size)
                    << QStringList { u"fetch"_s, u"--max-filesize"_s, QString::fromLatin1(size),
                                     u"x.com"_s }
                    << QByteArray("--max-filesize wants a size in bytes");
    }
    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const Ran r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY2(oneLine(r.err), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void emptyListIsAnInputError()
    {
        const Ran r = cli({ u"fetch"_s, u"-i"_s, writeFile(u"empty.txt"_s, "# nothing here\n\n") });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no valid URLs"), r.err.constData());
    }

    void garbageLinesAreReportedWithLineNumbers()
    {
        const QString file = writeFile(
                u"mixed.txt"_s, "hello\n" + url(u"/status/200"_s).toUtf8() + "\nftp://x/y\n");
        Ran r = cli({ u"fetch"_s, u"-i"_s, file });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QByteArray(file.toUtf8() + ":1:")), r.err.constData());
        QVERIFY2(r.err.contains(QByteArray(file.toUtf8() + ":3:")), r.err.constData());
        QVERIFY2(r.err.contains("--skip-invalid"), r.err.constData());
        QVERIFY(r.out.isEmpty()); // nothing fetched

        r = cli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"--skip-invalid"_s, u"-i"_s, file });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(jsonLines(r.out).size(), 1);
    }

    void jsonlHasTheProductKeys()
    {
        const QString refused = u"http://127.0.0.1:%1/"_s.arg(freePort());
        const QStringList urls = { url(u"/bytes/100"_s), url(u"/status/404"_s),
                                   url(u"/chunked/50"_s), refused };
        const Ran r =
                cli(QStringList { u"fetch"_s, u"-f"_s, u"jsonl"_s, u"--retries"_s, u"0"_s } + urls);
        QCOMPARE(r.exitCode, 1); // some failed
        const QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 4);
        QStringList expectedKeys = ResultFormat::columns();
        expectedKeys.sort();
        QHash<int, QJsonObject> byIndex;
        for (const QJsonObject &o : lines) {
            QStringList keys = o.keys();
            keys.sort();
            QCOMPARE(keys, expectedKeys);
            byIndex.insert(o.value(u"index"_s).toInt(), o);
        }
        QCOMPARE(byIndex[0].value(u"url"_s).toString(), urls[0]);
        QCOMPARE(byIndex[0].value(u"status"_s).toInt(), 200);
        QCOMPARE(byIndex[0].value(u"bytes"_s).toInt(), 100);
        QVERIFY(byIndex[0].value(u"error"_s).isNull());
        QCOMPARE(byIndex[0].value(u"mode"_s).toString(), u"async"_s);
        QCOMPARE(byIndex[1].value(u"status"_s).toInt(), 404);
        QVERIFY(byIndex[1].value(u"error"_s).toString().startsWith(u"HTTP 404"_s));
        QCOMPARE(byIndex[2].value(u"bytes"_s).toInt(), 50);
        QVERIFY(byIndex[3].value(u"status"_s).isNull());
        QCOMPARE(byIndex[3].value(u"error"_s).toString(), u"connection refused"_s);
        // the summary line
        QVERIFY2(r.err.contains("ok 2, failed 2"), r.err.constData());
        QVERIFY2(r.err.contains("req/s"), r.err.constData());
    }

    void everyModeAndFormatSucceeds_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("format");
        for (const char *mode : { "async", "pool", "serial" })
            for (const char *format : { "table", "jsonl", "csv" })
                QTest::addRow("%s-%s", mode, format)
                        << QString::fromLatin1(mode) << QString::fromLatin1(format);
    }
    void everyModeAndFormatSucceeds()
    {
        QFETCH(QString, mode);
        QFETCH(QString, format);
        const Ran r = cli({ u"fetch"_s, u"-m"_s, mode, u"-f"_s, format, u"-t"_s, u"2"_s,
                            url(u"/bytes/10"_s), url(u"/delay/10"_s) });
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), format == u"jsonl" ? 2 : 3); // jsonl has no header line
        if (format == u"jsonl")
            QVERIFY(lines.at(0).startsWith('{'));
        else if (format == u"csv")
            QVERIFY(lines.at(0).startsWith("index,url,final_url,status,bytes"));
        else
            QVERIFY(lines.at(0).contains("STATUS"));
    }

    void urlsFromStdinAndBareHosts()
    {
        const QByteArray input = "# comment\n" + url(u"/bytes/5"_s).toUtf8() + "\n\n"
                + m_server.url(u"/bytes/6"_s).authority().toUtf8() + "/bytes/6\n";
        const Ran r = cli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"-"_s }, input);
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 2);
        int total = 0;
        for (const QJsonObject &o : lines)
            total += o.value(u"bytes"_s).toInt();
        QCOMPARE(total, 11);
    }

    void outputDirGetsExactBodies()
    {
        const QString out = m_dir.filePath(u"out"_s);
        const Ran r = cli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"-o"_s, out, url(u"/bytes/70000"_s),
                            url(u"/chunked/70001"_s), url(u"/status/404"_s) });
        QCOMPARE(r.exitCode, 1);
        QDir dir(out);
        QStringList files = dir.entryList(QDir::Files);
        QCOMPARE(files.size(), 2); // the 404 body is not saved
        QHash<qint64, QByteArray> bySize;
        for (const QString &name : files) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray data = f.readAll();
            bySize.insert(data.size(), data);
        }
        QVERIFY(bySize.value(70000) == DemoServer::patternBytes(0, 70000));
        QVERIFY(bySize.value(70001) == DemoServer::patternBytes(0, 70001));
    }

    // fetch -o saves an HLS playlist as its video: JSONL names the file and the segments; a
    // refused stream (live) fails its row with the reason and leaves nothing; a bad
    // --hls-variant is a usage error.
    void hlsPlaylistIsSavedAsItsVideo()
    {
        const QString out = m_dir.filePath(u"hls"_s);
        const Ran r = cli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"-o"_s, out, u"--hls-keep-ts"_s,
                            u"--hls-variant"_s, u"worst"_s, u"--hls-concurrency"_s, u"2"_s,
                            url(u"/hls/master.m3u8"_s), url(u"/hls/live/index.m3u8"_s) });
        QCOMPARE(r.exitCode, 1);
        const QList<QJsonObject> rows = jsonLines(r.out);
        QCOMPARE(rows.size(), 2);
        for (const QJsonObject &row : rows) {
            if (row.value(u"url"_s).toString().endsWith(u"master.m3u8"_s)) {
                QVERIFY2(row.value(u"error"_s).isNull(),
                         qPrintable(row.value(u"error"_s).toString()));
                QCOMPARE(row.value(u"file"_s).toString(), out + u"/master.ts"_s);
                QCOMPARE(row.value(u"segments"_s).toInt(),
                         DemoHls::segmentCount(DemoHls::Stream::Low));
                QCOMPARE(row.value(u"bytes"_s).toInteger(),
                         DemoHls::streamBytes(DemoHls::Stream::Low).size());
            } else {
                QVERIFY(row.value(u"error"_s).toString().startsWith(u"a live HLS stream"_s));
                QVERIFY(!row.contains(u"file"_s));
            }
        }
        QVERIFY(readFile(out + u"/master.ts"_s) == DemoHls::streamBytes(DemoHls::Stream::Low));
        QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList { u"master.ts"_s });

        const Ran bad =
                cli({ u"fetch"_s, u"--hls-variant"_s, u"tallest"_s, url(u"/hls/master.m3u8"_s) });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--hls-variant wants best, worst"), bad.err.constData());
    }

    void duplicatesAreFetchedOnce()
    {
        const Ran r =
                cli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, url(u"/bytes/1"_s), url(u"/bytes/1"_s) });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(jsonLines(r.out).size(), 1);
        QVERIFY2(r.err.contains("duplicate"), r.err.constData());
    }

    // Server text (here a Location with an erase-screen and an OSC title sequence) never acts on
    // the terminal: shown escaped in the table and on stderr, kept exactly (JSON-escaped) in JSONL.
    void serverTextIsEscapedForTheTerminal()
    {
        // ESC, BEL and (read as Latin-1, as header bytes are) U+009B, the 8-bit CSI.
        const QByteArray hostile = "ftp://x/\x1b[2J\x1b]0;owned\x07\x9b"
                                   "6n";
        for (const QString &format : { u"table"_s, u"jsonl"_s }) {
            ScriptServer server;
            server.script(respond("HTTP/1.1 302 Found\r\nLocation: " + hostile
                                  + "\r\nContent-Length: 0\r\n\r\n"));
            QProcess process; // the server answers from this thread's event loop: no blocking wait
            process.setProcessEnvironment(cleanEnvironment());
            process.start(QStringLiteral(QCRAWL_CLI_PATH),
                          { u"fetch"_s, u"--proxy"_s, u"none"_s, u"-f"_s, format,
                            server.url(u"/a"_s).toString() });
            QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 30'000);
            QCOMPARE(process.exitCode(), 1);
            const QByteArray out = process.readAllStandardOutput();
            const QByteArray err = process.readAllStandardError();
            QVERIFY2(!err.contains('\x1b') && !err.contains('\x07'), err.constData());
            if (format == u"table") {
                QVERIFY2(!out.contains('\x1b') && !out.contains('\x07')
                                 && !out.contains("\xc2\x9b"),
                         out.constData());
                QVERIFY2(out.contains("ftp://x/\\x1B[2J\\x1B]0;owned\\x07\\x9B6n"),
                         out.constData());
            } else {
                const QList<QJsonObject> lines = jsonLines(out);
                QCOMPARE(lines.size(), 1);
                QCOMPARE(lines[0].value(u"error"_s).toString(),
                         u"redirect to an unsupported URL: "_s + QString::fromLatin1(hostile));
            }
        }
    }

    void proxyFromTheEnvironment()
    {
        // The demo server also answers proxy-style requests: an unresolvable host is reached only
        // through it.
        QProcess process;
        QProcessEnvironment env = cleanEnvironment();
        env.insert(u"http_proxy"_s, m_server.baseUrl().toString());
        env.remove(u"no_proxy"_s);
        env.remove(u"NO_PROXY"_s);
        process.setProcessEnvironment(env);
        const QString target = u"http://proxied.invalid/bytes/7"_s;
        process.start(QStringLiteral(QCRAWL_CLI_PATH), { u"fetch"_s, u"-f"_s, u"jsonl"_s, target });
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 0);
        const QList<QJsonObject> lines = jsonLines(process.readAllStandardOutput());
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].value(u"bytes"_s).toInt(), 7);

        process.start(QStringLiteral(QCRAWL_CLI_PATH),
                      { u"fetch"_s, u"-f"_s, u"jsonl"_s, u"--proxy"_s, u"none"_s, u"--retries"_s,
                        u"0"_s, target });
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 1);

        // no_proxy is honoured: the host listed there is asked directly (and does not resolve).
        env.insert(u"no_proxy"_s, u"example.org,proxied.invalid"_s);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(QCRAWL_CLI_PATH),
                      { u"fetch"_s, u"-f"_s, u"jsonl"_s, u"--retries"_s, u"0"_s, target });
        QVERIFY(process.waitForFinished(30'000));
        QCOMPARE(process.exitCode(), 1);
        const QList<QJsonObject> direct = jsonLines(process.readAllStandardOutput());
        QCOMPARE(direct.size(), 1);
        QVERIFY2(direct[0].value(u"error"_s).toString().startsWith(u"host not found"_s),
                 qPrintable(direct[0].value(u"error"_s).toString()));
    }

    void maxFileSizeTakesSuffixes()
    {
        const Ran ok = cli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"--max-filesize"_s, u"1k"_s,
                             url(u"/bytes/1024"_s), url(u"/bytes/1025"_s) });
        QCOMPARE(ok.exitCode, 1);
        QHash<int, QJsonObject> byIndex;
        for (const QJsonObject &o : jsonLines(ok.out))
            byIndex.insert(o.value(u"index"_s).toInt(), o);
        QVERIFY(byIndex[0].value(u"error"_s).isNull());
        QCOMPARE(byIndex[1].value(u"error"_s).toString(), u"larger than 1024 bytes"_s);
    }

    void interruptCancelsAndLeavesNoPartialFile()
    {
        const QString out = m_dir.filePath(u"interrupted"_s);
        QProcess process;
        process.setProcessEnvironment(cleanEnvironment());
        process.start(
                QStringLiteral(QCRAWL_CLI_PATH),
                { u"fetch"_s, u"-f"_s, u"jsonl"_s, u"-o"_s, out, url(u"/bytes/60000000000"_s) });
        QVERIFY(process.waitForStarted());
        // Wait until the download is really under way.
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(out).entryList({ u"*.part"_s }, QDir::Files).isEmpty(),
                                 10'000);
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 130);
        QCOMPARE(QDir(out).entryList(QDir::Files), QStringList());
        const QList<QJsonObject> lines = jsonLines(process.readAllStandardOutput());
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines[0].value(u"error"_s).toString(), u"canceled"_s);
    }

    // compare's table: a row per mode, and the speed-up is the one the measured wall times
    // give. Six pages of 200 ms: serial waits for each (>= 1.2 s), the pool's four threads take
    // two turns, async one; ratios of times measured in the same run.
    void compareShowsThreeModes()
    {
        QStringList args { u"compare"_s };
        for (int i = 0; i < 6; ++i)
            args.append(url(u"/delay/200?i=%1"_s.arg(i)));
        const Ran r = cli(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(
                         "mode      workers        wall      req/s      MB/s  speed-up  ok"),
                 r.out.constData());
        const QList<CompareRow> rows = compareTable(r.out);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].mode, u"serial"_s);
        QCOMPARE(rows[1].mode, u"pool"_s);
        QCOMPARE(rows[2].mode, u"async"_s);
        QVERIFY2(rows[0].wallMs >= 1200, r.out.constData());
        for (const CompareRow &row : rows) {
            QCOMPARE(row.ok, 6);
            QCOMPARE(row.failed, 0);
            const double measured = rows[0].wallMs / std::max(1.0, row.wallMs);
            // The table rounds the wall time (to 10 ms above a second) and the speed-up (to
            // 0.01).
            QVERIFY2(std::abs(row.speedUp - measured) <= 0.011 + measured * 0.01,
                     qPrintable(u"%1: printed %2, measured %3\n"_s.arg(row.mode)
                                        .arg(row.speedUp)
                                        .arg(measured)
                                + QString::fromUtf8(r.out)));
        }
        QCOMPARE(rows[0].speedUp, 1.0);
        QVERIFY2(rows[1].speedUp >= 1.5, r.out.constData());
        QVERIFY2(rows[2].speedUp >= 2.0, r.out.constData());
    }

    // compare -f jsonl: one object per mode whose speedup is serial's wall time over its own.
    void compareWritesJsonLines()
    {
        QStringList args { u"compare"_s, u"-f"_s, u"jsonl"_s };
        for (int i = 0; i < 4; ++i)
            args.append(url(u"/delay/200?i=%1"_s.arg(i)));
        const Ran r = cli(args);
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 3);
        const QStringList keys { u"failed"_s,    u"mb_per_s"_s, u"mode"_s,    u"ok"_s,
                                 u"req_per_s"_s, u"requests"_s, u"speedup"_s, u"wall_ms"_s };
        const double serialMs = lines[0].value(u"wall_ms"_s).toDouble();
        QVERIFY2(serialMs >= 800, r.out.constData());
        int i = 0;
        for (const char *mode : { "serial", "pool", "async" }) {
            const QJsonObject &o = lines[i++];
            QStringList actual = o.keys();
            actual.sort();
            QCOMPARE(actual, keys);
            QCOMPARE(o.value(u"mode"_s).toString(), QString::fromLatin1(mode));
            QCOMPARE(o.value(u"requests"_s).toInt(), 4);
            QCOMPARE(o.value(u"ok"_s).toInt(), 4);
            QCOMPARE(o.value(u"failed"_s).toInt(), 0);
            const double wallMs = o.value(u"wall_ms"_s).toDouble();
            QVERIFY(wallMs >= 200);
            QCOMPARE(o.value(u"speedup"_s).toDouble(), serialMs / wallMs);
            QCOMPARE(o.value(u"req_per_s"_s).toDouble(), 4 * 1000.0 / wallMs);
        }
        QVERIFY2(lines[2].value(u"speedup"_s).toDouble() >= 2.0, r.out.constData());
    }

    // The demo's closing sentence says how much faster async was than serial: the ratio of the
    // two wall times it prints, and more than twice for four pages at once.
    void demoRunsTheTutorialExperiment()
    {
        const Ran r = cli({ u"demo"_s, u"--pages"_s, u"4"_s, u"--delay"_s, u"200"_s });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Demo server at http://127.0.0.1:"), r.out.constData());
        const QList<CompareRow> rows = compareTable(r.out);
        QCOMPARE(rows.size(), 3);
        const QString text = QString::fromUtf8(r.out).simplified();
        static const QRegularExpression sentence(
                u"One by one, each page waits for the one before: (.+?)\\. A pool of 4 threads "
                u"waits 4 at a time: (.+?)\\. One event loop sends every request and waits for "
                u"all of them at once: (.+?), ([0-9.]+)x faster than serial and "_s);
        const QRegularExpressionMatch m = sentence.match(text);
        QVERIFY2(m.hasMatch(), r.out.constData());
        const double serialMs = durationMs(m.captured(1));
        const double asyncMs = durationMs(m.captured(3));
        QCOMPARE(serialMs, rows[0].wallMs);
        QCOMPARE(durationMs(m.captured(2)), rows[1].wallMs);
        QCOMPARE(asyncMs, rows[2].wallMs);
        QVERIFY2(serialMs >= 800, r.out.constData());
        const double printed = m.captured(4).toDouble();
        const double measured = serialMs / std::max(1.0, asyncMs);
        QVERIFY2(std::abs(printed - measured) <= 0.051 + measured * 0.01,
                 qPrintable(u"printed %1, measured %2"_s.arg(printed).arg(measured)));
        QVERIFY2(printed >= 2.0, r.out.constData());
    }

    void servePrintsItsUrlAndStopsOnSigint()
    {
        QProcess process;
        process.setProcessEnvironment(cleanEnvironment());
        process.start(QStringLiteral(QCRAWL_CLI_PATH), { u"serve"_s, u"--port"_s, u"0"_s });
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10'000);
        const QByteArray line = process.readLine();
        QVERIFY2(line.contains("http://127.0.0.1:"), line.constData());
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    void serveOnAPortInUseFailsClearly()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        const Ran r =
                cli({ u"serve"_s, u"--port"_s, QString::number(taken.serverPort()) }, {}, 10'000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(oneLine(r.err), r.err.constData());
        QVERIFY2(r.err.contains(QByteArray::number(taken.serverPort())), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
