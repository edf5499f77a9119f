// https: the engines, the CLI and harvest against the demo server serving TLS with a certificate
// of the test CA (tests/data/tls). Trust comes from --cacert; without it, or with another CA or
// a certificate for another host, the request fails and says which host and why; -k skips the
// check. Both transports (libcurl, and Qt's with --qt-http) behave the same.

#include "clirunner.h"
#include "demo/demoserver.h"
#include "enginerunner.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

Q_DECLARE_METATYPE(qcrawl::FetchMode)

namespace {

FetchOptions trustingOptions(bool qtHttp)
{
    FetchOptions options = localOptions();
    options.qtHttp = qtHttp;
    options.caCertFile = testCaFile();
    options.retries = 0;
    return options;
}

} // namespace

class tst_Tls : public QObject
{
    Q_OBJECT

private:
    TestServer m_https { TestServer::Scheme::Https };
    TestServer m_wrongHost { TestServer::Scheme::Https, u"wronghost"_s };
    TestServer m_http;

    void addModesAndTransports()
    {
        QTest::addColumn<FetchMode>("mode");
        QTest::addColumn<bool>("qtHttp");
        for (FetchMode mode : { FetchMode::Async, FetchMode::Pool, FetchMode::Serial }) {
            for (bool qt : { false, true })
                QTest::addRow("%s%s", qPrintable(fetchModeName(mode)), qt ? "-qt" : "")
                        << mode << qt;
        }
    }

private slots:
    void initTestCase() { QCOMPARE(m_https.baseUrl().scheme(), u"https"_s); }

    void trustedByCacertGivesExactBytes_data() { addModesAndTransports(); }
    void trustedByCacertGivesExactBytes()
    {
        QFETCH(FetchMode, mode);
        QFETCH(bool, qtHttp);
        const RecordedRun run =
                runMode(mode, trustingOptions(qtHttp),
                        jobsFor({ m_https.url(u"/bytes/300000"_s), m_https.url(u"/chunked/70000"_s),
                                  m_https.url(u"/redirect/2"_s) }));
        QVERIFY(!run.timedOut);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(run.results[i].isSuccess(), qPrintable(run.results[i].error.text()));
        QCOMPARE(run.results[0].bytesReceived, 300000);
        QCOMPARE(run.results[0].preview, DemoServer::patternBytes(0, 64 * 1024));
        QCOMPARE(run.results[1].bytesReceived, 70000);
        QCOMPARE(run.results[2].finalUrl, m_https.url(u"/redirect/0"_s));
        QCOMPARE(run.results[0].httpVersion, QByteArray("1.1")); // the demo server has no ALPN
    }

    void untrustedCertificateIsRefused_data()
    {
        QTest::addColumn<bool>("qtHttp");
        QTest::addColumn<QString>("caFile"); // empty: the system's CAs
        QTest::addColumn<bool>("wrongHost");
        for (bool qt : { false, true }) {
            const char *t = qt ? "-qt" : "";
            QTest::addRow("system-store%s", t) << qt << QString() << false;
            QTest::addRow("other-ca%s", t) << qt << testDataPath(u"tls/other-ca.pem"_s) << false;
            QTest::addRow("wrong-host%s", t) << qt << testCaFile() << true;
        }
    }
    void untrustedCertificateIsRefused()
    {
        QFETCH(bool, qtHttp);
        QFETCH(QString, caFile);
        QFETCH(bool, wrongHost);
        FetchOptions options = trustingOptions(qtHttp);
        options.caCertFile = caFile;
        options.retries = 2;
        options.retryBaseDelayMs = 2000; // a retry would show as a slow run
        const TestServer &server = wrongHost ? m_wrongHost : m_https;
        const RecordedRun run =
                runMode(FetchMode::Async, options, jobsFor({ server.url(u"/bytes/10"_s) }));
        const FetchResult &r = run.results[0];
        QVERIFY(!r.isSuccess());
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.bytesReceived, 0);
        QCOMPARE(r.retries, 0); // a refused certificate is not retried
        QVERIFY2(r.error.text().startsWith(u"TLS handshake failed: "_s),
                 qPrintable(r.error.text()));
        if (qtHttp) {
            QCOMPARE(r.error.kind(), FetchErrorKind::TlsHandshakeFailed);
        } else {
            // Which host, and why.
            QCOMPARE(r.error.kind(),
                     wrongHost ? FetchErrorKind::CertificateWrongHost
                               : FetchErrorKind::CertificateNotTrusted);
            QCOMPARE(r.error.argument(0), u"127.0.0.1"_s);
            QVERIFY2(r.error.argument(1).startsWith(u"SSL"_s), qPrintable(r.error.text()));
        }
    }

    void insecureSkipsTheCheck_data()
    {
        QTest::addColumn<bool>("qtHttp");
        QTest::newRow("curl") << false;
        QTest::newRow("qt") << true;
    }
    void insecureSkipsTheCheck()
    {
        QFETCH(bool, qtHttp);
        FetchOptions options = trustingOptions(qtHttp);
        options.caCertFile.clear();
        options.insecure = true;
        const RecordedRun run =
                runMode(FetchMode::Async, options, jobsFor({ m_wrongHost.url(u"/bytes/1000"_s) }));
        QVERIFY2(run.results[0].isSuccess(), qPrintable(run.results[0].error.text()));
        QCOMPARE(run.results[0].preview, DemoServer::patternBytes(0, 1000));
    }

    void redirectFromHttpsToHttpIsRefused()
    {
        const QUrl target = m_http.url(u"/bytes/10"_s);
        const QUrl start =
                m_https.url(u"/redirect-to?url="_s
                            + QString::fromLatin1(QUrl::toPercentEncoding(target.toString())));
        const RecordedRun run =
                runMode(FetchMode::Async, trustingOptions(false), jobsFor({ start }));
        QCOMPARE(run.results[0].error.kind(), FetchErrorKind::RedirectToHttp);
    }

    void resumeOverHttps()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"part.bin"_s);
        {
            QFile part(file + u".part"_s);
            QVERIFY(part.open(QIODevice::WriteOnly));
            part.write(DemoServer::patternBytes(0, 123456));
        }
        FetchJob job { 0, m_https.url(u"/bytes/500000"_s), file, true };
        const RecordedRun run = runMode(FetchMode::Async, trustingOptions(false), { job });
        QVERIFY2(run.results[0].isSuccess(), qPrintable(run.results[0].error.text()));
        QCOMPARE(run.results[0].resumedFrom, 123456);
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), DemoServer::patternBytes(0, 500000));
    }

    void cliTrustsCacertAndWarnsOnInsecure()
    {
        const QString url = m_https.url(u"/bytes/100"_s).toString();
        CliRun trusted = runCli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"--cacert"_s, testCaFile(),
                                  u"--proxy"_s, u"none"_s, url },
                                cliEnvironment());
        QCOMPARE(trusted.exitCode, 0);
        QList<QJsonObject> rows = jsonLines(trusted.out);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value(u"bytes"_s).toInt(), 100);
        QCOMPARE(rows[0].value(u"http_version"_s).toString(), u"1.1"_s);
        QVERIFY(!trusted.err.contains("insecure"));

        CliRun refused = runCli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"--retries"_s, u"0"_s,
                                  u"--proxy"_s, u"none"_s, url },
                                cliEnvironment());
        QCOMPARE(refused.exitCode, 1);
        rows = jsonLines(refused.out);
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows[0].value(u"status"_s).isNull());
        QVERIFY(rows[0].value(u"http_version"_s).isNull());
        QVERIFY2(rows[0].value(u"error"_s).toString().contains(u"not trusted"_s),
                 refused.out.constData());

        CliRun insecure =
                runCli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"-k"_s, u"--proxy"_s, u"none"_s, url },
                       cliEnvironment());
        QCOMPARE(insecure.exitCode, 0);
        QVERIFY2(insecure.err.contains("warning: --insecure"), insecure.err.constData());

        CliRun missing = runCli({ u"fetch"_s, u"--cacert"_s, u"/nonexistent/ca.pem"_s, url },
                                cliEnvironment());
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("--cacert"), missing.err.constData());
    }

    void demoServerServesHttpsFromTheCli()
    {
        QProcess serve;
        serve.start(QStringLiteral(QCRAWL_CLI_PATH),
                    { u"serve"_s, u"--port"_s, u"0"_s, u"--cert"_s,
                      testDataPath(u"tls/server.pem"_s), u"--key"_s,
                      testDataPath(u"tls/server.key"_s) });
        QVERIFY(serve.waitForStarted());
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += serve.readAllStandardOutput()).contains('\n'), 10'000);
        const qsizetype at = banner.indexOf("https://");
        QVERIFY2(at >= 0, banner.constData());
        const QUrl base = QUrl::fromEncoded(banner.mid(at, banner.indexOf('/', at + 8) - at));
        const CliRun run = runCli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"--cacert"_s, testCaFile(),
                                    u"--proxy"_s, u"none"_s, base.toString() + u"/bytes/4321"_s },
                                  cliEnvironment());
        serve.kill();
        serve.waitForFinished();
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(jsonLines(run.out).value(0).value(u"bytes"_s).toInt(), 4321);

        const CliRun halfConfigured = runCli(
                { u"serve"_s, u"--cert"_s, testDataPath(u"tls/server.pem"_s) }, cliEnvironment());
        QCOMPARE(halfConfigured.exitCode, 2);
    }

    void harvestOverHttps()
    {
        QTemporaryDir dir;
        const CliRun run =
                runCli({ u"harvest"_s, u"--list"_s, m_https.url(u"/videos/category_5"_s).toString(),
                         u"--preset"_s, u"pearvideo"_s, u"--dry-run"_s, u"--cacert"_s, testCaFile(),
                         u"--proxy"_s, u"none"_s },
                       cliEnvironment(), {}, dir.path());
        QCOMPARE(run.exitCode, 1); // the demo site has items without video, on purpose
        const QList<QJsonObject> rows = jsonLines(run.out);
        QVERIFY2(rows.size() >= 10, run.err.constData());
        int withMedia = 0;
        for (const QJsonObject &row : rows) {
            if (!row.value(u"media_url"_s).toString().isEmpty())
                ++withMedia;
        }
        QVERIFY2(withMedia >= 10, run.out.constData());
    }
};

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
