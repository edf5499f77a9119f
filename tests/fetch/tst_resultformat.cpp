#include "fetch/modecomparison.h"
#include "fetch/resultformat.h"
#include "fetch/runstats.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

class tst_ResultFormat : public QObject
{
    Q_OBJECT

private:
    static FetchResult sample()
    {
        FetchResult r;
        r.index = 7;
        r.url = QUrl(u"http://example.com/a,b"_s);
        r.finalUrl = QUrl(u"http://example.com/final"_s);
        r.httpStatus = 200;
        r.httpVersion = "1.1";
        r.contentType = u"text/html; charset=utf-8"_s;
        r.bytesReceived = 1234;
        r.startedMs = 10;
        r.finishedMs = 110;
        return r;
    }

private Q_SLOTS:
    void jsonHasTheProductKeys()
    {
        const QJsonObject o = ResultFormat::toJson(sample(), FetchMode::Pool);
        QStringList keys = o.keys();
        QStringList expected = ResultFormat::columns();
        keys.sort();
        expected.sort();
        QCOMPARE(keys, expected);
        QCOMPARE(o.value(u"index"_s).toInt(), 7);
        QCOMPARE(o.value(u"status"_s).toInt(), 200);
        QCOMPARE(o.value(u"elapsed_ms"_s).toInt(), 100);
        QCOMPARE(o.value(u"started_ms"_s).toInt(), 10);
        QVERIFY(o.value(u"error"_s).isNull());
        QCOMPARE(o.value(u"mode"_s).toString(), u"pool"_s);
    }

    void noResponseGivesNullStatus()
    {
        FetchResult r = sample();
        r.httpStatus = 0;
        r.error = FetchError(FetchErrorKind::ConnectionRefused);
        const QByteArray line = ResultFormat::toJsonLine(r, FetchMode::Async);
        QVERIFY(line.endsWith('\n'));
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QVERIFY(o.value(u"status"_s).isNull());
        QCOMPARE(o.value(u"error"_s).toString(), u"connection refused"_s);
    }

    // toJsonLine() writes JSON itself (for speed): the bytes must be QJsonDocument's, for every
    // character class (controls, quotes, backslashes, 2-, 3- and 4-byte UTF-8, lone surrogates)
    // and for null fields.
    void jsonLineIsQJsonDocumentsBytes()
    {
        QRandomGenerator random(7);
        const auto randomText = [&random] {
            QString text;
            const int length = int(random.bounded(12));
            for (int i = 0; i < length; ++i) {
                switch (random.bounded(6)) {
                case 0:
                    text += QChar(char16_t(random.bounded(0x20))); // control
                    break;
                case 1:
                    text += QChar(QLatin1Char("\"\\/ a~"[random.bounded(6)]));
                    break;
                case 2:
                    text += QChar(char16_t(0x80 + random.bounded(0x780))); // 2-byte UTF-8
                    break;
                case 3:
                    text += QChar(char16_t(0x4e00 + random.bounded(0x100))); // CJK
                    break;
                case 4:
                    text += QString::fromUcs4(U"\U0001F600"); // a surrogate pair
                    break;
                default:
                    text += QChar(char16_t(0xd800 + random.bounded(0x800))); // lone surrogate
                    break;
                }
            }
            return text;
        };
        for (int round = 0; round < 2000; ++round) {
            FetchResult r = sample();
            r.index = int(random.bounded(100000));
            r.url = QUrl(u"http://example.com/"_s + randomText());
            r.finalUrl = QUrl(u"http://example.com/f?q="_s + randomText());
            r.contentType = randomText();
            r.error = round % 3 ? FetchError::other(randomText()) : FetchError();
            r.httpStatus = round % 5 ? 200 : 0;
            r.httpVersion = round % 4 ? QByteArray("2") : QByteArray();
            r.startedMs = round % 7 ? qint64(random.bounded(1 << 30)) : -1;
            r.bytesReceived = qint64(random.generate64() >> 2);
            const FetchMode mode = FetchMode(round % 3);
            const QByteArray expected =
                    QJsonDocument(ResultFormat::toJson(r, mode)).toJson(QJsonDocument::Compact)
                    + '\n';
            QCOMPARE(ResultFormat::toJsonLine(r, mode), expected);
        }
    }

    void csvQuotesWhereNeeded()
    {
        QCOMPARE(ResultFormat::csvHeader(),
                 QByteArray("index,url,final_url,status,bytes,content_type,started_ms,elapsed_ms,"
                            "error,mode,http_version\r\n"));
        FetchResult r = sample();
        r.error = FetchError::other(u"said \"no\", twice"_s);
        QCOMPARE(ResultFormat::toCsvRow(r, FetchMode::Serial),
                 QByteArray("7,\"http://example.com/a,b\",http://example.com/final,200,1234,"
                            "text/html; charset=utf-8,10,100,\"said \"\"no\"\", "
                            "twice\",serial,1.1\r\n"));
    }

    // Server text that a spreadsheet would run as a formula stays text (OWASP).
    void csvCellsNeverStartAFormula()
    {
        QCOMPARE(ResultFormat::csvField(u"=HYPERLINK(\"http://x\",\"y\")"_s),
                 u"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""_s);
        QCOMPARE(ResultFormat::csvField(u"+1"_s), u"'+1"_s);
        QCOMPARE(ResultFormat::csvField(u"-2+3"_s), u"'-2+3"_s);
        QCOMPARE(ResultFormat::csvField(u"@SUM(A1)"_s), u"'@SUM(A1)"_s);
        QCOMPARE(ResultFormat::csvField(u"\tx"_s), u"'\tx"_s);
        QCOMPARE(ResultFormat::csvField(u"\rx"_s), u"\"'\rx\""_s);
        QCOMPARE(ResultFormat::csvField(u"text/html; a=b"_s), u"text/html; a=b"_s);
        QCOMPARE(ResultFormat::csvField(QString()), QString());
        FetchResult r = sample();
        r.contentType = u"=cmd|' /C calc'!A0"_s;
        QVERIFY(ResultFormat::toCsvRow(r, FetchMode::Async).contains(",'=cmd|' /C calc'!A0,"));
    }

    void statsSummary()
    {
        RunStats stats;
        FetchResult ok = sample();
        FetchResult failed = sample();
        failed.httpStatus = 404;
        failed.error = FetchError::httpStatus(404, QByteArray());
        stats.add(ok);
        stats.add(failed);
        stats.wallMs = 500;
        QCOMPARE(stats.ok, 1);
        QCOMPARE(stats.failed, 1);
        QCOMPARE(stats.requestsPerSecond(), 4.0);
        const QString line = stats.summaryLine(FetchMode::Async);
        QVERIFY2(line.startsWith(u"ok 1, failed 1"_s), qPrintable(line));
        QVERIFY(line.contains(u"4.0 req/s"_s));
    }

    // The comparison the app's Compare and qcrawl-cli compare/demo share.
    void modeComparison()
    {
        QCOMPARE(ModeComparison::order(),
                 QList<FetchMode>({ FetchMode::Serial, FetchMode::Pool, FetchMode::Async }));
        FetchOptions options;
        options.threads = 7;
        options.concurrency = 300;
        QCOMPARE(ModeComparison::workers(FetchMode::Serial, options), 1);
        QCOMPARE(ModeComparison::workers(FetchMode::Pool, options), 7);
        QCOMPARE(ModeComparison::workers(FetchMode::Async, options), 300);

        FetchResult ok = sample();
        FetchResult canceled = sample();
        canceled.httpStatus = 0;
        canceled.canceled = true;
        const RunStats serial = ModeComparison::statsOf({ ok, ok, canceled }, 4000);
        QCOMPARE(serial.ok, 2);
        QCOMPARE(serial.canceled, 1);
        QCOMPARE(serial.bytes, 3 * ok.bytesReceived);
        QCOMPARE(serial.wallMs, 4000);
        const RunStats async = ModeComparison::statsOf({ ok }, 250);
        QCOMPARE(ModeComparison::speedUp(serial, async), 16.0);
        QCOMPARE(ModeComparison::speedUp(serial, serial), 1.0);
        // A run under a millisecond counts as one, never a division by zero.
        QCOMPARE(ModeComparison::speedUp(serial, ModeComparison::statsOf({}, 0)), 4000.0);
    }
};

QTEST_GUILESS_MAIN(tst_ResultFormat)
#include "tst_resultformat.moc"
