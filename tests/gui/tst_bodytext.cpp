#include "bodytext.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

class tst_BodyText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void charsetFromHeaderOrMeta()
    {
        QCOMPARE(BodyText::charsetOf("x", u"text/html; charset=GBK"_s), u"GBK"_s);
        QCOMPARE(
                BodyText::charsetOf("<html><head><meta charset=\"gb2312\"></head>", u"text/html"_s),
                u"gb2312"_s);
        QCOMPARE(BodyText::charsetOf(
                         "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">",
                         u"text/html"_s),
                 u"big5"_s);
        QCOMPARE(BodyText::charsetOf("plain", u"text/plain"_s), QString());
    }

    void decodesGbkWithIconv()
    {
        // "高性能异步爬虫" in GBK
        const QByteArray gbk = QByteArray::fromHex("b8dfd0d4c4dcd2ecb2bdc5c0b3e6");
        const auto text = BodyText::decode(gbk, u"text/html; charset=GBK"_s);
        QVERIFY(text);
        QCOMPARE(*text, u"高性能异步爬虫"_s);
    }

    void decodesUtf8AndLatin1()
    {
        QCOMPARE(*BodyText::decode(u"héllo 世界"_s.toUtf8(), u"text/plain; charset=utf-8"_s),
                 u"héllo 世界"_s);
        QCOMPARE(*BodyText::decode("caf\xe9", u"text/plain; charset=ISO-8859-1"_s), u"café"_s);
        QCOMPARE(*BodyText::decode("{\"a\":1}", u"application/json"_s), u"{\"a\":1}"_s);
    }

    void binaryIsShownAsHex()
    {
        const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452");
        QVERIFY(!BodyText::decode(png, u"image/png"_s));
        QVERIFY(!BodyText::decode(QByteArray("\x00\x01\x02", 3), QString()));
        const QString dump = BodyText::hexDump(png);
        QVERIFY2(
                dump.startsWith(
                        u"00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52 |.PNG........IHDR|"_s),
                qPrintable(dump));
    }
};

QTEST_GUILESS_MAIN(tst_BodyText)
#include "tst_bodytext.moc"
