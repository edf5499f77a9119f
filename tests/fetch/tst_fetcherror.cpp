#include "fetch/fetcherror.h"
#include "fetch/fetchtypes.h"
#include "fetcherrorprinting.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

// FetchError::text() is what the CLI's JSONL, CSV and table and the exports print: these are the
// sentences qcrawl wrote before errors were kinds, byte for byte.
class tst_FetchError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textOfEveryKind_data()
    {
        QTest::addColumn<FetchError>("error");
        QTest::addColumn<QString>("text");
        using K = FetchErrorKind;
        const auto row = [](const char *name, K kind, const QStringList &arguments,
                            const QString &text) {
            QTest::newRow(name) << FetchError(kind, arguments) << text;
        };
        row("none", K::None, {}, QString());
        row("canceled", K::Canceled, {}, u"canceled"_s);
        row("connection refused", K::ConnectionRefused, {}, u"connection refused"_s);
        row("connection closed", K::ConnectionClosed, {}, u"connection closed by the server"_s);
        row("host not found", K::HostNotFound, { u"nohost.invalid"_s },
            u"host not found: nohost.invalid"_s);
        row("TLS handshake", K::TlsHandshakeFailed,
            { u"SSL handshake failed: The host name did not match"_s },
            u"TLS handshake failed: SSL handshake failed: The host name did not match"_s);
        row("certificate not trusted", K::CertificateNotTrusted,
            { u"127.0.0.1"_s,
              u"SSL certificate problem: unable to get local issuer certificate"_s },
            u"TLS handshake failed: the certificate of 127.0.0.1 is not trusted (SSL certificate "
            u"problem: unable to get local issuer certificate)"_s);
        row("certificate for another host", K::CertificateWrongHost,
            { u"127.0.0.1"_s,
              u"SSL: no alternative certificate subject name matches target host name "
              u"'127.0.0.1'"_s },
            u"TLS handshake failed: the certificate of 127.0.0.1 is for another host name (SSL: "
            u"no alternative certificate subject name matches target host name '127.0.0.1')"_s);
        row("network", K::Network, { u"Failure when receiving data from the peer"_s },
            u"Failure when receiving data from the peer"_s);
        row("no response", K::NoResponse, {}, u"no response"_s);
        row("too many redirects", K::TooManyRedirects, { u"10"_s },
            u"too many redirects (more than 10)"_s);
        row("unsupported redirect", K::UnsupportedRedirect, { u"ftp://x/y"_s },
            u"redirect to an unsupported URL: ftp://x/y"_s);
        row("redirect to http", K::RedirectToHttp, {}, u"refused a redirect from HTTPS to HTTP"_s);
        row("wrong resume offset", K::WrongResumeOffset, { u"bytes 0-9/10"_s },
            u"the server resumed at the wrong offset (bytes 0-9/10)"_s);
        row("incomplete body", K::IncompleteBody, { u"1000"_s, u"2000"_s },
            u"incomplete body: 1000 of 2000 bytes"_s);
        row("HTTP status", K::HttpStatus, { u"404"_s, u"Not Found"_s }, u"HTTP 404 Not Found"_s);
        row("HTTP status without reason", K::HttpStatus, { u"404"_s, QString() }, u"HTTP 404"_s);
        row("too large", K::TooLarge, { u"1048576"_s }, u"larger than 1048576 bytes"_s);
        row("cannot write", K::CannotWrite, { u"/tmp/a.part"_s, u"No space left on device"_s },
            u"cannot write /tmp/a.part: No space left on device"_s);
        row("cannot rename", K::CannotRename, { u"/tmp/a.part"_s, u"/tmp/a"_s },
            u"cannot rename /tmp/a.part to /tmp/a"_s);
        row("page too large", K::PageTooLarge, { u"16"_s }, u"the page is larger than 16 MiB"_s);
        row("no media URL", K::NoMediaUrl, {}, u"no media URL"_s);
        row("other", K::Other, { u"the link XPath matched nothing in this item"_s },
            u"the link XPath matched nothing in this item"_s);
        // An argument is never read as a placeholder itself.
        row("percent signs in arguments", K::CannotWrite, { u"/tmp/%2 %1.part"_s, u"%1"_s },
            u"cannot write /tmp/%2 %1.part: %1"_s);
        QTest::newRow("stalled") << FetchError::stalled(30'000) << u"stalled: no data for 30 s"_s;
        QTest::newRow("too slow") << FetchError(FetchErrorKind::TooSlow, { u"1000"_s, u"30"_s })
                                  << u"slower than 1000 bytes/s for 30 s"_s;
        QTest::newRow("timed out") << FetchError(FetchErrorKind::TimedOut, { u"2.5"_s })
                                   << u"took longer than 2.5 s"_s;
        QTest::newRow("stalled, fractions")
                << FetchError::stalled(1500) << u"stalled: no data for 1.5 s"_s;
        QTest::newRow("HTTP status from the response")
                << FetchError::httpStatus(418, "I'm a teapot") << u"HTTP 418 I'm a teapot"_s;
        QTest::newRow("detail page")
                << FetchError::detailPageUnreadable(FetchError::stalled(500))
                << u"cannot read the detail page: stalled: no data for 0.5 s"_s;
    }

    void textOfEveryKind()
    {
        QFETCH(FetchError, error);
        QFETCH(QString, text);
        QCOMPARE(error.text(), text);
        QCOMPARE(error.isEmpty(), text.isEmpty());
    }

    void argumentsAndCause()
    {
        const FetchError status = FetchError::httpStatus(503, "Service Unavailable");
        QCOMPARE(status.kind(), FetchErrorKind::HttpStatus);
        QCOMPARE(status.arguments(), QStringList({ u"503"_s, u"Service Unavailable"_s }));
        QCOMPARE(status.argument(1), u"Service Unavailable"_s);
        QCOMPARE(status.argument(2), QString()); // past the end: empty
        QVERIFY(status.cause().isEmpty());

        const FetchError page = FetchError::detailPageUnreadable(status);
        QCOMPARE(page.kind(), FetchErrorKind::DetailPageUnreadable);
        QVERIFY(page.arguments().isEmpty());
        QCOMPARE(page.cause(), status);
        const FetchError copy = page; // the cause is shared, not lost
        QCOMPARE(copy.cause().text(), u"HTTP 503 Service Unavailable"_s);

        QCOMPARE(FetchError::other(u"x"_s), FetchError(FetchErrorKind::Other, { u"x"_s }));
        QVERIFY(FetchError::other(u"x"_s) != FetchError(FetchErrorKind::Network, { u"x"_s }));
        QVERIFY(FetchError::other(u"x"_s) != FetchError::other(u"y"_s));
        QVERIFY(page != FetchError::detailPageUnreadable(FetchError::httpStatus(503, "")));
        QVERIFY(page != FetchError(FetchErrorKind::DetailPageUnreadable));
        QCOMPARE(FetchError(), FetchError(FetchErrorKind::None));
    }

    // What used to be error.isEmpty() on a string is the kind now.
    void successNeedsNoError()
    {
        FetchResult r;
        r.httpStatus = 200;
        QVERIFY(r.isSuccess());
        r.error = FetchError(FetchErrorKind::IncompleteBody, { u"1"_s, u"2"_s });
        QVERIFY(!r.isSuccess());
        r.error = FetchError();
        r.httpStatus = 404;
        QVERIFY(!r.isSuccess());
    }
};

QTEST_GUILESS_MAIN(tst_FetchError)
#include "tst_fetcherror.moc"
