#include "harvest/htmldocument.h"

#include <cstdio>
#include <unistd.h>

#include <QFile>
#include <QStringDecoder>
#include <QTemporaryFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

namespace {

QByteArray savedPage(const QString &name)
{
    QFile file(QStringLiteral(QCRAWL_TEST_DATA) + u"/harvest/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

const QString Items = u"//ul[@id=\"listvideoListUl\"]/li"_s;
const QString Titles = u"//ul[@id=\"listvideoListUl\"]/li/div/a/div[2]/text()"_s;
const QString Links = u"//ul[@id=\"listvideoListUl\"]/li/div/a/@href"_s;

// Everything written to stderr while f runs.
template<typename F>
QByteArray stderrOf(F f)
{
    std::fflush(stderr);
    QTemporaryFile capture;
    if (!capture.open())
        qFatal("cannot create a temporary file");
    const int saved = dup(STDERR_FILENO);
    dup2(capture.handle(), STDERR_FILENO);
    f();
    std::fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    capture.seek(0);
    return capture.readAll();
}

} // namespace

// libxml2 behind HtmlDocument, as lxml's etree.HTML() uses it: tolerant parsing, encodings,
// entities, XPath results and errors. The expectations were checked against lxml.
class tst_HtmlDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void xpathOnSavedPages_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QString>("xpath");
        QTest::addColumn<QStringList>("expected");

        const QString html = u"text/html"_s;
        const QStringList gbkTitles = { u"城市夜景延时摄影"_s, u"“镕”字只在 GBK 里"_s,
                                        u"社会新闻：第三条"_s };

        // Broken markup: unquoted attributes, unclosed <li> <b> <p> <span> <ul>, stray </span>.
        QTest::newRow("broken: items")
                << u"broken.html"_s << html << u"count(%1)"_s.arg(Items) << QStringList { u"4"_s };
        QTest::newRow("broken: links") << u"broken.html"_s << html << Links
                                       << QStringList { u"video_1"_s, u"video_2"_s, u"video_3"_s };
        QTest::newRow("broken: first text node, trimmed")
                << u"broken.html"_s << html << Titles
                << QStringList { u"First"_s, u"Second"_s, u"Third"_s };
        QTest::newRow("broken: element string-value")
                << u"broken.html"_s << html << u"//ul/li[1]/div/a/div[2]"_s
                << QStringList { u"First video"_s };
        QTest::newRow("broken: unquoted attribute")
                << u"broken.html"_s << html << u"//ul/@class"_s << QStringList { u"list"_s };

        // Encodings: <meta charset>, the HTTP header alone, a gb2312 label on GBK text, a
        // header that overrides a wrong <meta>, a byte order mark that overrides both.
        QTest::newRow("gbk: meta charset")
                << u"gbk-meta-charset.html"_s << html << Titles << gbkTitles;
        QTest::newRow("gbk: HTTP header only")
                << u"gbk-no-declaration.html"_s << u"text/html; charset=GBK"_s << Titles
                << gbkTitles;
        QTest::newRow("gbk: quoted header charset")
                << u"gbk-no-declaration.html"_s << u"text/html;charset=\"gbk\""_s << Titles
                << gbkTitles;
        QTest::newRow("gbk: labelled gb2312")
                << u"gb2312-http-equiv.html"_s << html << Titles << gbkTitles;
        QTest::newRow("gbk: header beats a wrong meta")
                << u"gbk-wrong-meta.html"_s << u"text/html; charset=gb2312"_s << Titles
                << gbkTitles;
        QTest::newRow("gbk: page title") << u"gbk-meta-charset.html"_s << html
                                         << u"//title/text()"_s << QStringList { u"列表"_s };
        QTest::newRow("utf-8 BOM beats meta gbk")
                << u"utf8-bom.html"_s << u"text/html; charset=gbk"_s << Titles
                << QStringList { u"带 BOM 的页面"_s };
        QTest::newRow("latin-1 without declaration")
                << u"latin1-no-declaration.html"_s << html << Titles
                << QStringList { u"Café crème"_s, u"Über"_s };

        // Entities decoded, whitespace (and &nbsp;) trimmed.
        QTest::newRow("entities") << u"entities.html"_s << html << Titles
                                  << QStringList { u"Tom & Jerry <HD> \"chase\""_s,
                                                   u"中文 — © 2020 …"_s,
                                                   u"spaced\n        out title"_s,
                                                   u"AT&T unescaped & bare"_s };
        QTest::newRow("entity in title element")
                << u"entities.html"_s << html << u"string(//title)"_s
                << QStringList { u"Tom & Jerry"_s };
        QTest::newRow("entity in attribute")
                << u"relative-links.html"_s << html << u"//li[6]/div/a/@href"_s
                << QStringList { u"video 6.html?x=1&y=2"_s };

        // Other result types.
        QTest::newRow("number") << u"entities.html"_s << html << u"count(//li) * 2"_s
                                << QStringList { u"8"_s };
        QTest::newRow("boolean") << u"entities.html"_s << html << u"boolean(//video)"_s
                                 << QStringList { u"false"_s };
        QTest::newRow("no match") << u"entities.html"_s << html << u"//video/@src"_s
                                  << QStringList();
    }

    void xpathOnSavedPages()
    {
        QFETCH(QString, file);
        QFETCH(QString, contentType);
        QFETCH(QString, xpath);
        QFETCH(QStringList, expected);
        const HtmlDocument document(savedPage(file), contentType,
                                    QUrl(u"http://example.com/list/category_5"_s));
        QVERIFY(!document.isNull());
        const XPathResult result = document.evaluate(xpath);
        QVERIFY2(result.isValid(), qPrintable(result.error));
        QCOMPARE(result.values, expected);
    }

    void encodingComesFromTheRightPlace_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<int>("source");

        using Source = TextEncoding::Source;
        QTest::newRow("meta charset") << u"gbk-meta-charset.html"_s << u"text/html"_s
                                      << u"GB18030"_s << int(Source::MetaTag);
        QTest::newRow("meta http-equiv")
                << u"gb2312-http-equiv.html"_s << QString() << u"GB18030"_s << int(Source::MetaTag);
        QTest::newRow("header") << u"gbk-no-declaration.html"_s << u"text/html; charset=GBK"_s
                                << u"GB18030"_s << int(Source::HttpHeader);
        QTest::newRow("header over meta") << u"gbk-wrong-meta.html"_s << u"text/html; charset=gbk"_s
                                          << u"GB18030"_s << int(Source::HttpHeader);
        QTest::newRow("unknown header charset falls through to meta")
                << u"gbk-meta-charset.html"_s << u"text/html; charset=klingon"_s << u"GB18030"_s
                << int(Source::MetaTag);
        QTest::newRow("bom") << u"utf8-bom.html"_s << u"text/html; charset=gbk"_s << u"UTF-8"_s
                             << int(Source::ByteOrderMark);
        QTest::newRow("guess utf-8")
                << u"broken.html"_s << QString() << u"UTF-8"_s << int(Source::Guess);
        QTest::newRow("guess gbk")
                << u"gbk-no-declaration.html"_s << QString() << u"GB18030"_s << int(Source::Guess);
        QTest::newRow("guess latin-1") << u"latin1-no-declaration.html"_s << QString()
                                       << u"windows-1252"_s << int(Source::Guess);
    }

    void encodingComesFromTheRightPlace()
    {
        QFETCH(QString, file);
        QFETCH(QString, contentType);
        QFETCH(QString, encoding);
        QFETCH(int, source);
        const TextEncoding detected = TextEncoding::detect(savedPage(file), contentType);
        QCOMPARE(detected.name, encoding);
        QCOMPARE(int(detected.source), source);
    }

    void labelsMapAsBrowsersMapThem()
    {
        QCOMPARE(TextEncoding::forLabel(u"GB2312"), u"GB18030"_s);
        QCOMPARE(TextEncoding::forLabel(u" gbk "), u"GB18030"_s);
        QCOMPARE(TextEncoding::forLabel(u"ISO-8859-1"), u"windows-1252"_s);
        QCOMPARE(TextEncoding::forLabel(u"utf8"), u"UTF-8"_s);
        QCOMPARE(TextEncoding::forLabel(u"klingon"), QString());
        QCOMPARE(TextEncoding::forLabel(u""), QString());
        // Every name the table maps to is known to QStringDecoder (regexes) and libxml2 (XPath):
        for (const char *label :
             { "gbk", "big5", "shift_jis", "euc-jp", "euc-kr", "latin1", "utf-16le", "utf-16be" }) {
            const QString name = TextEncoding::forLabel(QString::fromLatin1(label));
            QVERIFY2(!name.isEmpty(), label);
            QVERIFY2(QStringDecoder(name.toLatin1().constData()).isValid(), qPrintable(name));
        }
    }

    void decodeMatchesTheParser()
    {
        const QByteArray page = savedPage(u"detail-gbk.html"_s);
        const TextEncoding encoding = TextEncoding::detect(page, QString());
        const QString text = TextEncoding::decode(page, encoding.name);
        QVERIFY(text.contains(u"https://video.example.com/镕.mp4"_s));
        const HtmlDocument document(page, QString(), QUrl());
        QCOMPARE(document.evaluate(u"//h1"_s).firstValue(), u"“镕”"_s);
        // An encoding QStringDecoder does not know keeps ASCII in place.
        QCOMPARE(TextEncoding::decode("a\xe9"
                                      "b",
                                      u"no-such-encoding"_s),
                 u"a\u00e9b"_s);
    }

    void relativeQueriesFromItems()
    {
        const HtmlDocument document(savedPage(u"broken.html"_s), u"text/html"_s, QUrl());
        const XPathResult items = document.evaluate(Items);
        QCOMPARE(items.nodes.size(), 4);
        QCOMPARE(items.nodes.at(0).name(), u"li"_s);
        QStringList links;
        for (const HtmlNode &item : items.nodes)
            links.append(document.evaluate(u"./div/a/@href"_s, item).firstValue());
        QCOMPARE(links, (QStringList { u"video_1"_s, u"video_2"_s, u"video_3"_s, QString() }));
        QCOMPARE(items.nodes.at(3).text(), u"an ad, no link"_s);
        // "//" from an item still searches the whole document, as in lxml.
        QCOMPARE(document.evaluate(u"count(//li)"_s, items.nodes.at(3)).firstValue(), u"4"_s);
    }

    void relativeLinksResolve_data()
    {
        QTest::addColumn<int>("item");
        QTest::addColumn<QUrl>("expected");
        QTest::newRow("same folder") << 1 << QUrl(u"http://example.com/list/video_1"_s);
        QTest::newRow("parent") << 2 << QUrl(u"http://example.com/up/video_2"_s);
        QTest::newRow("root") << 3 << QUrl(u"http://example.com/root/video_3"_s);
        QTest::newRow("protocol-relative") << 4 << QUrl(u"http://cdn.example.com/video_4"_s);
        QTest::newRow("absolute") << 5 << QUrl(u"https://other.example/video_5"_s);
        QTest::newRow("spaces, entity")
                << 6 << QUrl(u"http://example.com/list/video%206.html?x=1&y=2"_s);
        QTest::newRow("chinese") << 7 << QUrl(u"http://example.com/list/视频_7"_s);
        QTest::newRow("query only") << 8 << QUrl(u"http://example.com/list/category_5?page=8"_s);
    }

    void relativeLinksResolve()
    {
        QFETCH(int, item);
        QFETCH(QUrl, expected);
        const HtmlDocument document(savedPage(u"relative-links.html"_s), u"text/html"_s,
                                    QUrl(u"http://example.com/list/category_5"_s));
        const QString link = document.evaluate(u"(//li)[%1]/div/a/@href"_s.arg(item)).firstValue();
        QCOMPARE(document.resolve(link), expected);
    }

    void baseHrefWins()
    {
        const HtmlDocument document(savedPage(u"base-href.html"_s), u"text/html"_s,
                                    QUrl(u"http://example.com/list/category_5"_s));
        QCOMPARE(document.baseUrl(), QUrl(u"https://mirror.example/videos/"_s));
        QCOMPARE(document.resolve(u"video_1"_s), QUrl(u"https://mirror.example/videos/video_1"_s));
    }

    void invalidXPathIsAnErrorNotStderrNoise_data()
    {
        QTest::addColumn<QString>("xpath");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed predicate") << u"//ul[@id=\"x\""_s << u"at character"_s;
        QTest::newRow("unknown function") << u"//li[foo()]"_s << u"function"_s;
        QTest::newRow("undefined variable") << u"//li[$x]"_s << u"ariable"_s;
        QTest::newRow("garbage") << u"]]"_s << u"Invalid"_s;
        QTest::newRow("empty") << u"  "_s << u"empty"_s;
    }

    void validXPathsAreValid_data()
    {
        QTest::addColumn<QString>("xpath");
        QTest::newRow("tutorial items") << u"//ul[@id=\"listvideoListUl\"]/li"_s;
        QTest::newRow("tutorial title") << u"./div/a/div[2]/text()"_s;
        QTest::newRow("functions") << u"//a[contains(@href, 'video') and not(@class)]/@href"_s;
        QTest::newRow("axes") << u"//li/child::node()/following-sibling::text()"_s;
        QTest::newRow("operators") << u"count(//li) div (2) mod (3) or (1)"_s;
        QTest::newRow("names in strings") << u"//a[@title = 'foo() $x']"_s;
        QTest::newRow("dashes and dots") << u"//data-x/../self::*[normalize-space(.)]"_s;
    }

    void validXPathsAreValid()
    {
        QFETCH(QString, xpath);
        QString error;
        QVERIFY2(HtmlDocument::isValidXPath(xpath, &error), qPrintable(error));
    }

    void invalidXPathIsAnErrorNotStderrNoise()
    {
        QFETCH(QString, xpath);
        QFETCH(QString, message);
        const HtmlDocument document(savedPage(u"broken.html"_s), u"text/html"_s, QUrl());
        XPathResult result;
        QString error;
        bool valid = true;
        const QByteArray noise = stderrOf([&] {
            result = document.evaluate(xpath);
            valid = HtmlDocument::isValidXPath(xpath, &error);
        });
        QVERIFY(!result.isValid());
        QVERIFY2(result.error.contains(message), qPrintable(result.error));
        QVERIFY(!valid);
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY2(noise.isEmpty(), noise.constData());
    }

    void brokenPagesParseSilently()
    {
        QByteArray garbage = savedPage(u"broken.html"_s);
        static const char junk[] = "\0\x01\x02<<<>>>&#xFFFFFFFF;&bogus;<a <b c=\"";
        garbage.append(junk, sizeof(junk) - 1); // with the NUL inside
        garbage.append("\xff\xfe\xfd", 3);
        bool parsed = false;
        const QByteArray noise = stderrOf([&] {
            const HtmlDocument document(garbage, u"text/html; charset=utf-8"_s, QUrl());
            parsed = !document.isNull() && document.evaluate(Links).values.size() == 3;
        });
        QVERIFY(parsed);
        QVERIFY2(noise.isEmpty(), noise.constData());
    }

    void emptyPage()
    {
        const HtmlDocument document(QByteArray(), u"text/html"_s, QUrl());
        QVERIFY(document.isNull());
        const XPathResult result = document.evaluate(Items);
        QVERIFY(!result.isValid());
        QCOMPARE(result.error, u"the page is empty"_s);
    }
};

QTEST_GUILESS_MAIN(tst_HtmlDocument)
#include "tst_htmldocument.moc"
