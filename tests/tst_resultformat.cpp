#include "resultformat.h"

#include <QJsonDocument>
#include <QJsonObject>
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
        r.error = u"connection refused"_s;
        const QByteArray line = ResultFormat::toJsonLine(r, FetchMode::Async);
        QVERIFY(line.endsWith('\n'));
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QVERIFY(o.value(u"status"_s).isNull());
        QCOMPARE(o.value(u"error"_s).toString(), u"connection refused"_s);
    }

    void csvQuotesWhereNeeded()
    {
        QCOMPARE(ResultFormat::csvHeader(),
                 QByteArray("index,url,final_url,status,bytes,content_type,started_ms,elapsed_ms,"
                            "error,mode,http_version\r\n"));
        FetchResult r = sample();
        r.error = u"said \"no\", twice"_s;
        QCOMPARE(ResultFormat::toCsvRow(r, FetchMode::Serial),
                 QByteArray("7,\"http://example.com/a,b\",http://example.com/final,200,1234,"
                            "text/html; charset=utf-8,10,100,\"said \"\"no\"\", "
                            "twice\",serial,1.1\r\n"));
    }

    void statsSummary()
    {
        RunStats stats;
        FetchResult ok = sample();
        FetchResult failed = sample();
        failed.httpStatus = 404;
        failed.error = u"HTTP 404"_s;
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
};

QTEST_GUILESS_MAIN(tst_ResultFormat)
#include "tst_resultformat.moc"
