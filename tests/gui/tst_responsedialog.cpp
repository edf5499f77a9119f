#include "responsedialog.h"

#include <QLabel>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

class tst_ResponseDialog : public QObject
{
    Q_OBJECT

private:
    static FetchResult result(int status, const QByteArray &reason, const QByteArray &version)
    {
        FetchResult r;
        r.url = QUrl(u"https://example.com/page"_s);
        r.finalUrl = r.url;
        r.httpStatus = status;
        r.reasonPhrase = reason;
        r.httpVersion = version;
        return r;
    }

private Q_SLOTS:
    void statusLineShowsTheHttpVersion_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<QString>("line");
        QTest::addRow("HTTP/2") << 200 << QByteArray() << QByteArray("2") << u"HTTP/2 200"_s;
        QTest::addRow("HTTP/1.1") << 404 << QByteArray("Not Found") << QByteArray("1.1")
                                  << u"HTTP/1.1 404 Not Found"_s;
        QTest::addRow("HTTP/1.0") << 200 << QByteArray("OK") << QByteArray("1.0")
                                  << u"HTTP/1.0 200 OK"_s;
        QTest::addRow("unknown version")
                << 204 << QByteArray("No Content") << QByteArray() << u"HTTP 204 No Content"_s;
    }

    void statusLineShowsTheHttpVersion()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        QFETCH(QByteArray, version);
        QFETCH(QString, line);
        const FetchResult r = result(status, reason, version);
        QCOMPARE(ResponseDialog::statusLine(r), line);
        ResponseDialog dialog(r);
        auto *label = dialog.findChild<QLabel *>(u"statusLine"_s);
        QVERIFY(label);
        QVERIFY2(label->text().startsWith(u"<b>"_s + line + u"</b>"_s), qPrintable(label->text()));
    }

    void statusLineCarriesTheError()
    {
        FetchResult r = result(200, "OK", "1.1");
        r.error = FetchError(FetchErrorKind::TooLarge, { u"1000"_s });
        ResponseDialog dialog(r);
        const QString text = dialog.findChild<QLabel *>(u"statusLine"_s)->text();
        QVERIFY2(text.contains(u"HTTP/1.1 200 OK — larger than 1000 bytes"_s), qPrintable(text));
    }
};

QTEST_MAIN(tst_ResponseDialog)
#include "tst_responsedialog.moc"
