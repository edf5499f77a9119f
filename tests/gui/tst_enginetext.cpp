#include "enginetext.h"
#include "translations.h"

#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace qcrawl;

// The GUI's words for the engines' errors: the English source strings are the core's sentences
// (so the zh_CN translations made for them apply), and with the zh_CN translation every kind
// reads in Chinese with its arguments in place.
class tst_EngineText : public QObject
{
    Q_OBJECT

private:
    static QList<FetchError> everyKind()
    {
        QList<FetchError> errors;
        for (int k = int(FetchErrorKind::None); k <= int(FetchErrorKind::Other); ++k) {
            const auto kind = FetchErrorKind(k);
            errors.append(kind == FetchErrorKind::DetailPageUnreadable
                                  ? FetchError::detailPageUnreadable(
                                          FetchError(FetchErrorKind::ConnectionRefused))
                                  : FetchError(kind, { u"A1"_s, u"B2"_s }));
        }
        return errors;
    }

private Q_SLOTS:
    // Before any translator is installed.
    void englishIsTheCoresText()
    {
        for (const FetchError &error : everyKind())
            QCOMPARE(EngineText::translate(error), error.text());
        const FetchError status = FetchError::httpStatus(404, QByteArray());
        QCOMPARE(EngineText::translate(status), u"HTTP 404"_s);
    }

    void everyKindSpeaksChinese_data()
    {
        QTest::addColumn<FetchError>("error");
        QTest::addColumn<QString>("expected");
        using K = FetchErrorKind;
        const auto row = [](const char *name, K kind, const QStringList &arguments,
                            const QString &expected) {
            QTest::newRow(name) << FetchError(kind, arguments) << expected;
        };
        row("none", K::None, {}, QString());
        row("canceled", K::Canceled, {}, u"已取消"_s);
        row("connection refused", K::ConnectionRefused, {}, u"连接被拒绝"_s);
        row("connection closed", K::ConnectionClosed, {}, u"服务器关闭了连接"_s);
        row("host not found", K::HostNotFound, { u"nohost.invalid"_s },
            u"找不到主机：nohost.invalid"_s);
        row("TLS handshake", K::TlsHandshakeFailed, { u"SSL handshake failed"_s },
            u"TLS 握手失败：SSL handshake failed"_s);
        row("certificate not trusted", K::CertificateNotTrusted,
            { u"127.0.0.1"_s, u"SSL certificate problem"_s },
            u"TLS 握手失败：127.0.0.1 的证书不受信任（SSL certificate problem）"_s);
        row("certificate for another host", K::CertificateWrongHost,
            { u"127.0.0.1"_s, u"SSL: no alternative certificate subject name"_s },
            u"TLS 握手失败：127.0.0.1 的证书属于另一个主机名（SSL: no alternative certificate "
            u"subject name）"_s);
        // The transport's and the harvest's own words stay as they are.
        row("network", K::Network, { u"Failure when receiving data from the peer"_s },
            u"Failure when receiving data from the peer"_s);
        row("other", K::Other, { u"the link XPath matched nothing in this item"_s },
            u"the link XPath matched nothing in this item"_s);
        row("no response", K::NoResponse, {}, u"无响应"_s);
        row("stalled", K::Stalled, { u"0.5"_s }, u"停滞：0.5 秒内没有收到数据"_s);
        row("too slow", K::TooSlow, { u"1000"_s, u"30"_s }, u"30 秒内慢于每秒 1000 字节"_s);
        row("timed out", K::TimedOut, { u"2.5"_s }, u"用时超过 2.5 秒"_s);
        row("too many redirects", K::TooManyRedirects, { u"10"_s },
            u"重定向次数过多（超过 10 次）"_s);
        row("unsupported redirect", K::UnsupportedRedirect, { u"ftp://x/y"_s },
            u"重定向到不受支持的网址：ftp://x/y"_s);
        row("redirect to http", K::RedirectToHttp, {}, u"已拒绝从 HTTPS 重定向到 HTTP"_s);
        row("wrong resume offset", K::WrongResumeOffset, { u"bytes 0-9/10"_s },
            u"服务器续传的起始位置不对（bytes 0-9/10）"_s);
        row("incomplete body", K::IncompleteBody, { u"1000"_s, u"2000"_s },
            u"响应体不完整：只收到 1000 字节（共 2000 字节）"_s);
        row("HTTP status", K::HttpStatus, { u"404"_s, u"Not Found"_s }, u"HTTP 404 Not Found"_s);
        row("HTTP status without reason", K::HttpStatus, { u"404"_s, QString() }, u"HTTP 404"_s);
        row("too large", K::TooLarge, { u"1048576"_s }, u"大于 1048576 字节"_s);
        row("cannot write", K::CannotWrite, { u"/tmp/a.part"_s, u"No space left on device"_s },
            u"无法写入 /tmp/a.part：No space left on device"_s);
        row("cannot rename", K::CannotRename, { u"/tmp/a.part"_s, u"/tmp/a"_s },
            u"无法将 /tmp/a.part 重命名为 /tmp/a"_s);
        row("page too large", K::PageTooLarge, { u"16"_s }, u"页面大于 16 MiB"_s);
        row("no media URL", K::NoMediaUrl, {}, u"未找到媒体 URL"_s);
        QTest::newRow("detail page, its cause translated too")
                << FetchError::detailPageUnreadable(FetchError::stalled(30'000))
                << u"无法读取详情页：停滞：30 秒内没有收到数据"_s;
    }

    void everyKindSpeaksChinese()
    {
        static const bool installed =
                installTranslations(QCoreApplication::instance(), u"zh_CN"_s) == u"zh_CN"_s;
        QVERIFY(installed);
        QFETCH(FetchError, error);
        QFETCH(QString, expected);
        QCOMPARE(EngineText::translate(error), expected);
    }
};

QTEST_MAIN(tst_EngineText)
#include "tst_enginetext.moc"
