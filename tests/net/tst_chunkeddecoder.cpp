#include "net/chunkeddecoder.h"
#include "net/httpframing.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

// The strict chunked decoder and framing rules on their own; tst_curlreply drives them through
// libcurl against a scripted server.
class tst_ChunkedDecoder : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        bool ok = true;
        bool done = false;
        QByteArray body;
    };

    // Feeds input in pieces of `step` bytes (0: all at once).
    static Outcome decode(const QByteArray &input, qsizetype step = 0)
    {
        ChunkedDecoder decoder(64);
        Outcome outcome;
        const qsizetype n = step > 0 ? step : std::max<qsizetype>(1, input.size());
        for (qsizetype i = 0; i < input.size() && outcome.ok; i += n)
            outcome.ok = decoder.feed(input.constData() + i, std::min(n, input.size() - i),
                                      outcome.body);
        outcome.done = decoder.isDone();
        return outcome;
    }

private Q_SLOTS:
    void decodes_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("two chunks") << QByteArray("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
                                    << QByteArray("hello world");
        QTest::newRow("bare LF") << QByteArray("5\nhello\n0\n\n") << QByteArray("hello");
        QTest::newRow("upper-case hex")
                << QByteArray("A\r\n0123456789\r\n0\r\n\r\n") << QByteArray("0123456789");
        QTest::newRow("extension")
                << QByteArray("5;name=\"x\"\r\nhello\r\n0\r\n\r\n") << QByteArray("hello");
        QTest::newRow("trailer") << QByteArray("5\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n")
                                 << QByteArray("hello");
        QTest::newRow("binary data with CRLF inside")
                << QByteArray("4\r\n\r\n\0\n\r\n0\r\n\r\n", 14) << QByteArray("\r\n\0\n", 4);
    }

    void decodes()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, body);
        for (qsizetype step : { qsizetype(0), qsizetype(1), qsizetype(2), qsizetype(3) }) {
            const Outcome outcome = decode(input, step);
            QVERIFY2(outcome.ok, qPrintable(u"step %1"_s.arg(step)));
            QVERIFY(outcome.done);
            QCOMPARE(outcome.body, body);
        }
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("0x prefix") << QByteArray("0x5\r\nhello\r\n0\r\n\r\n");
        QTest::newRow("plus sign") << QByteArray("+5\r\nhello\r\n0\r\n\r\n");
        QTest::newRow("no size") << QByteArray("\r\nhello\r\n0\r\n\r\n");
        QTest::newRow("16 hex digits") << QByteArray("1000000000000000\r\n");
        QTest::newRow("junk after size") << QByteArray("5 x\r\nhello\r\n0\r\n\r\n");
        QTest::newRow("control character in extension")
                << QByteArray("5;a\x01\r\nhello\r\n0\r\n\r\n");
        QTest::newRow("data longer than its size") << QByteArray("3\r\nhello\r\n0\r\n\r\n");
        QTest::newRow("trailer not a header") << QByteArray("0\r\nnot a header\r\n\r\n");
        QTest::newRow("trailer too long")
                << QByteArray("0\r\nX: ") + QByteArray(80, 'a') + "\r\n\r\n";
        QTest::newRow("bytes after the last chunk") << QByteArray("0\r\n\r\nHTTP/1.1 200 OK\r\n");
    }

    void refuses()
    {
        QFETCH(QByteArray, input);
        for (qsizetype step : { qsizetype(0), qsizetype(1) }) {
            const Outcome outcome = decode(input, step);
            QVERIFY2(!outcome.ok, qPrintable(u"step %1"_s.arg(step)));
        }
        // Once refused, always refused.
        ChunkedDecoder decoder(64);
        QByteArray out;
        QVERIFY(!decoder.feed(input.constData(), input.size(), out));
        QVERIFY(!decoder.feed("0\r\n\r\n", 5, out));
    }

    void endsEarly()
    {
        const Outcome outcome = decode("5\r\nhello\r\n");
        QVERIFY(outcome.ok);
        QVERIFY(!outcome.done);
        QCOMPARE(outcome.body, QByteArray("hello"));
    }

    void contentLength_data()
    {
        QTest::addColumn<QList<QByteArray>>("values");
        QTest::addColumn<qint64>("length");
        QTest::newRow("plain") << QList<QByteArray> { "5" } << qint64(5);
        QTest::newRow("repeated, equal") << QList<QByteArray> { "5", "5" } << qint64(5);
        QTest::newRow("list, equal") << QList<QByteArray> { "5, 5" } << qint64(5);
        QTest::newRow("different") << QList<QByteArray> { "5", "6" } << qint64(-1);
        QTest::newRow("plus") << QList<QByteArray> { "+5" } << qint64(-1);
        QTest::newRow("hex") << QList<QByteArray> { "0x5" } << qint64(-1);
        QTest::newRow("two numbers") << QList<QByteArray> { "5 5" } << qint64(-1);
        QTest::newRow("empty") << QList<QByteArray> { "" } << qint64(-1);
        QTest::newRow("19 digits") << QList<QByteArray> { "1000000000000000000" } << qint64(-1);
        QTest::newRow("18 digits")
                << QList<QByteArray> { "999999999999999999" } << qint64(999999999999999999);
    }

    void contentLength()
    {
        QFETCH(QList<QByteArray>, values);
        QFETCH(qint64, length);
        QCOMPARE(HttpFraming::parseContentLength(values), length);
    }

    void headerLines()
    {
        QVERIFY(HttpFraming::isHeaderLine("X-Ok: yes"));
        QVERIFY(HttpFraming::isHeaderLine("X-Empty:"));
        QVERIFY(!HttpFraming::isHeaderLine(": no name"));
        QVERIFY(!HttpFraming::isHeaderLine("No Colon"));
        QVERIFY(!HttpFraming::isHeaderLine("Bad Name: x"));
        QVERIFY(!HttpFraming::isHeaderLine(QByteArray("X-Nul: a\0b", 10)));
    }
};

QTEST_GUILESS_MAIN(tst_ChunkedDecoder)
#include "tst_chunkeddecoder.moc"
