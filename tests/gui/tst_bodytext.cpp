#include "bodytext.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

class tst_BodyText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodingFromHeaderOrMeta()
    {
        using Source = TextEncoding::Source;
        auto decoded = BodyText::decode("x", u"text/html; charset=GBK"_s);
        QCOMPARE(decoded->encoding.name, u"GB18030"_s);
        QCOMPARE(decoded->encoding.source, Source::HttpHeader);
        decoded = BodyText::decode("<html><head><meta charset=\"gb2312\"></head>", u"text/html"_s);
        QCOMPARE(decoded->encoding.name, u"GB18030"_s);
        QCOMPARE(decoded->encoding.source, Source::MetaTag);
        decoded = BodyText::decode(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">",
                u"text/html"_s);
        QCOMPARE(decoded->encoding.name, u"BIG5-HKSCS"_s);
        decoded = BodyText::decode("plain", u"text/plain"_s);
        QCOMPARE(decoded->encoding.name, u"UTF-8"_s);
        QCOMPARE(decoded->encoding.source, Source::Guess);
    }

    void decodesGbk()
    {
        // "高性能异步爬虫" in GBK
        const QByteArray gbk = QByteArray::fromHex("b8dfd0d4c4dcd2ecb2bdc5c0b3e6");
        QCOMPARE(BodyText::decode(gbk, u"text/html; charset=GBK"_s)->text, u"高性能异步爬虫"_s);
        // The same page without a declared charset: the same guess as the harvest's (GB18030
        // once the bytes are not UTF-8), not mojibake.
        const auto guessed = BodyText::decode(gbk, u"text/html"_s);
        QCOMPARE(guessed->text, u"高性能异步爬虫"_s);
        QCOMPARE(guessed->encoding.source, TextEncoding::Source::Guess);
        // A preview cut inside a two-byte character keeps the characters before it.
        QCOMPARE(BodyText::decode(gbk.left(gbk.size() - 1), u"text/html; charset=gbk"_s)->text,
                 u"高性能异步爬"_s);
    }

    void decodesUtf8AndLatin1()
    {
        QCOMPARE(BodyText::decode(u"héllo 世界"_s.toUtf8(), u"text/plain; charset=utf-8"_s)->text,
                 u"héllo 世界"_s);
        QCOMPARE(BodyText::decode("caf\xe9", u"text/plain; charset=ISO-8859-1"_s)->text, u"café"_s);
        QCOMPARE(BodyText::decode("{\"a\":1}", u"application/json"_s)->text, u"{\"a\":1}"_s);
        // A UTF-8 byte order mark says UTF-8 whatever the header claims, and is not text.
        QCOMPARE(BodyText::decode("\xEF\xBB\xBFok", u"text/plain; charset=gbk"_s)->text, u"ok"_s);
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
