#include "net/httpframing.h"

#include <limits>

#include <QDateTime>
#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

// HttpFraming's readings of the header values a transfer acts on, as pure functions of the
// server's bytes (the transfer tests see them only through their effect, which a retry with
// backoff or a capped wait can hide).
class tst_HttpFraming : public QObject
{
    Q_OBJECT

private:
    static QByteArray httpDate(const QDateTime &when)
    {
        return QLocale::c().toString(when, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
    }

private Q_SLOTS:
    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("ms");
        constexpr qint64 MaxSeconds = std::numeric_limits<qint64>::max() / 1000;
        QTest::newRow("seconds") << QByteArray("120") << qint64(120'000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces around") << QByteArray(" 5 ") << qint64(5000);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("not a number or a date") << QByteArray("soon") << qint64(-1);
        // A number that overflows when made milliseconds is saturated, never negative.
        QTest::newRow("just above max / 1000")
                << QByteArray::number(MaxSeconds + 1) << MaxSeconds * 1000;
        QTest::newRow("qint64's largest")
                << QByteArray::number(std::numeric_limits<qint64>::max()) << MaxSeconds * 1000;
        QTest::newRow("more digits than qint64 holds")
                << QByteArray("99999999999999999999") << qint64(-1);
    }
    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, ms);
        QCOMPARE(HttpFraming::parseRetryAfter(value, QDateTime::currentDateTimeUtc()), ms);
    }

    void retryAfterDates()
    {
        const QDateTime now = QDateTime(QDate(2026, 3, 1), QTime(12, 0, 0), Qt::UTC);
        QCOMPARE(HttpFraming::parseRetryAfter(httpDate(now.addSecs(90)), now), 90'000);
        QCOMPARE(HttpFraming::parseRetryAfter(httpDate(now), now), 0);
        QCOMPARE(HttpFraming::parseRetryAfter(httpDate(now.addSecs(-90)), now), 0); // past
        QCOMPARE(HttpFraming::parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now),
                 now.msecsTo(QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC)));
        QCOMPARE(HttpFraming::parseRetryAfter("Sun, 31 Feb 2026 10:00:00 GMT", now), -1);
    }

    void contentRange_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("last");
        QTest::addColumn<qint64>("total");
        QTest::newRow("range") << QByteArray("bytes 50-99/100") << true << qint64(50) << qint64(99)
                               << qint64(100);
        QTest::newRow("total unknown")
                << QByteArray("bytes 0-9/*") << true << qint64(0) << qint64(9) << qint64(-1);
        QTest::newRow("spaces around")
                << QByteArray("  bytes 1-1/2 ") << true << qint64(1) << qint64(1) << qint64(2);
        QTest::newRow("last at the total")
                << QByteArray("bytes 0-100/100") << false << qint64(0) << qint64(0) << qint64(0);
        QTest::newRow("last before first")
                << QByteArray("bytes 9-0/100") << false << qint64(0) << qint64(0) << qint64(0);
        QTest::newRow("no first") << QByteArray("bytes -9/100") << false << qint64(0) << qint64(0)
                                  << qint64(0);
        QTest::newRow("unsatisfied")
                << QByteArray("bytes */100") << false << qint64(0) << qint64(0) << qint64(0);
        QTest::newRow("other unit")
                << QByteArray("items 0-9/100") << false << qint64(0) << qint64(0) << qint64(0);
        QTest::newRow("sign") << QByteArray("bytes +0-9/100") << false << qint64(0) << qint64(0)
                              << qint64(0);
        QTest::newRow("19 digits") << QByteArray("bytes 0-1/1000000000000000000") << false
                                   << qint64(0) << qint64(0) << qint64(0);
    }
    void contentRange()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        const auto range = HttpFraming::parseContentRange(value);
        QCOMPARE(range.has_value(), valid);
        if (!valid)
            return;
        QTEST(range->first, "first");
        QTEST(range->last, "last");
        QTEST(range->total, "total");
    }

    void contentLength_data()
    {
        QTest::addColumn<QList<QByteArray>>("values");
        QTest::addColumn<qint64>("length");
        QTest::newRow("one") << QList<QByteArray> { "42" } << qint64(42);
        QTest::newRow("repeated, the same") << QList<QByteArray> { "5", "5" } << qint64(5);
        QTest::newRow("a list, the same") << QList<QByteArray> { "5, 5" } << qint64(5);
        QTest::newRow("repeated, different") << QList<QByteArray> { "5", "6" } << qint64(-1);
        QTest::newRow("a list, different") << QList<QByteArray> { "5, 6" } << qint64(-1);
        QTest::newRow("plus sign") << QList<QByteArray> { "+5" } << qint64(-1);
        QTest::newRow("hex") << QList<QByteArray> { "0x5" } << qint64(-1);
        QTest::newRow("two numbers") << QList<QByteArray> { "5 5" } << qint64(-1);
        QTest::newRow("empty") << QList<QByteArray> { "" } << qint64(-1);
        QTest::newRow("19 digits") << QList<QByteArray> { "1000000000000000000" } << qint64(-1);
    }
    void contentLength()
    {
        QFETCH(QList<QByteArray>, values);
        QTEST(HttpFraming::parseContentLength(values), "length");
    }

    void headerLines()
    {
        QVERIFY(HttpFraming::isHeaderLine("Content-Type: text/html"));
        QVERIFY(HttpFraming::isHeaderLine("X-a.b_c~d: "));
        QVERIFY(!HttpFraming::isHeaderLine("Content Type: text/html"));
        QVERIFY(!HttpFraming::isHeaderLine(": no name"));
        QVERIFY(!HttpFraming::isHeaderLine("no colon"));
        QVERIFY(!HttpFraming::isHeaderLine(QByteArray("Name: a\0b", 9)));
    }
};

QTEST_GUILESS_MAIN(tst_HttpFraming)
#include "tst_httpframing.moc"
