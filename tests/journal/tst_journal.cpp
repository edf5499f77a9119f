#include "journal/fetchoptionsjson.h"
#include "journal/journal.h"
#include "journal/journalschema.h"

#include <sys/stat.h>

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

namespace {

QList<FetchJob> someJobs(int count, const QString &dir = {})
{
    QList<FetchJob> jobs;
    for (int i = 0; i < count; ++i) {
        FetchJob job;
        job.index = i;
        job.url = QUrl(u"http://127.0.0.1:1/page/%1?q=%E4%B8%AD"_s.arg(i));
        if (!dir.isEmpty())
            job.filePath = dir + u"/file-%1"_s.arg(i);
        jobs.append(job);
    }
    return jobs;
}

FetchResult resultFor(int index, int status, FetchError error = {})
{
    FetchResult r;
    r.index = index;
    r.url = QUrl(u"http://127.0.0.1:1/page/%1"_s.arg(index));
    r.finalUrl = QUrl(u"http://127.0.0.1:1/final/%1"_s.arg(index));
    r.httpStatus = status;
    r.reasonPhrase = status == 200 ? "OK" : "Nope";
    r.httpVersion = "2";
    r.contentType = u"text/html"_s;
    r.contentLength = 1234;
    r.bytesReceived = 1000 + index;
    r.resumedFrom = 234;
    r.startedMs = 10;
    r.finishedMs = 60 + index;
    r.retries = 1;
    r.error = std::move(error);
    r.responseHeaders = { { "ETag", "\"v1\"" },
                          { "Last-Modified", "Wed, 02 Dec 2026 10:00:00 GMT" } };
    return r;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Runs one statement on the file directly, as another program (or another version) would.
void rawExec(const QString &path, const QString &sql)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
}

// The first column of the first row of a query, read directly from the file.
QVariant rawValue(const QString &path, const QString &sql)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return value;
}

} // namespace

class tst_Journal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void aNewJournalIsPrivateAndEmpty()
    {
        const QString path = m_dir.filePath(u"new.db"_s);
        Journal journal;
        QString message;
        QCOMPARE(journal.open(path, &message), Journal::OpenResult::Opened);
        QVERIFY(message.isEmpty());
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u); // the runs' headers (cookies, tokens) stay private
        QString error;
        QVERIFY(journal.runs(&error).isEmpty());
        QCOMPARE(journal.latestUnfinishedRun(&error), 0);
        QVERIFY(error.isEmpty());
    }

    void aRunKeepsItsJobsAndResults()
    {
        const QString path = m_dir.filePath(u"runs.db"_s);
        qint64 id = 0;
        FetchOptions options;
        options.concurrency = 7;
        options.headers = { { "Cookie", "a=1" } };
        {
            Journal journal;
            QString message, error;
            QCOMPARE(journal.open(path, &message), Journal::OpenResult::Opened);
            id = journal.createRun(u"fetch"_s, FetchMode::Pool,
                                   { { u"fetch"_s, FetchOptionsJson::toJson(options) } },
                                   someJobs(5, u"/out"_s), &error);
            QVERIFY2(id > 0, qPrintable(error));
            const QList<FetchResult> results = {
                resultFor(0, 200),
                resultFor(1, 404, FetchError::httpStatus(404, "Nope")),
                resultFor(2, 503, FetchError::httpStatus(503, "Nope")),
                resultFor(3, 0, FetchError(FetchErrorKind::ConnectionRefused)),
            };
            QVERIFY2(journal.recordResults(id, results, 4321, &error), qPrintable(error));
        }
        // Read back from a new connection, as a resume after a crash does.
        Journal journal;
        QString message, error;
        QCOMPARE(journal.open(path, &message), Journal::OpenResult::Opened);
        const std::optional<JournalRun> run = journal.run(id, &error);
        QVERIFY2(run, qPrintable(error));
        QCOMPARE(run->kind, u"fetch"_s);
        QCOMPARE(run->mode, u"pool"_s);
        QCOMPARE(run->urls, 5);
        QCOMPARE(run->ok, 1);
        QCOMPARE(run->failed, 1); // the 404; the 503 and the refused connection are worth a retry
        QCOMPARE(run->unfinished(), 3);
        QCOMPARE(run->wallMs, 4321);
        QVERIFY(!run->closed);
        QVERIFY(qAbs(run->started.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        const FetchOptions back =
                FetchOptionsJson::fromJson(run->options.value(u"fetch"_s).toObject());
        QCOMPARE(back.concurrency, 7);
        QCOMPARE(back.headers, options.headers);
        QCOMPARE(journal.latestUnfinishedRun(&error), id);

        const QList<JournalJob> jobs = journal.jobs(id, &error);
        QCOMPARE(jobs.size(), 5);
        QCOMPARE(jobs.at(0).state, JournalJobState::Done);
        QCOMPARE(jobs.at(1).state, JournalJobState::Failed);
        QCOMPARE(jobs.at(2).state, JournalJobState::Pending);
        QCOMPARE(jobs.at(3).state, JournalJobState::Pending);
        QCOMPARE(jobs.at(4).state, JournalJobState::Pending);
        QVERIFY(jobs.at(3).hasResult);
        QVERIFY(!jobs.at(4).hasResult);
        QCOMPARE(jobs.at(4).result.url, someJobs(5).at(4).url);
        QCOMPARE(jobs.at(4).result.filePath, u"/out/file-4"_s);

        const FetchResult &ok = jobs.at(0).result;
        const FetchResult expected = resultFor(0, 200);
        QCOMPARE(ok.finalUrl, expected.finalUrl);
        QCOMPARE(ok.httpStatus, 200);
        QCOMPARE(ok.reasonPhrase, QByteArray("OK"));
        QCOMPARE(ok.httpVersion, QByteArray("2"));
        QCOMPARE(ok.contentType, expected.contentType);
        QCOMPARE(ok.contentLength, 1234);
        QCOMPARE(ok.bytesReceived, 1000);
        QCOMPARE(ok.resumedFrom, 234);
        QCOMPARE(ok.elapsedMs(), 50);
        QCOMPARE(ok.retries, 1);
        QCOMPARE(jobs.at(1).result.error, FetchError::httpStatus(404, "Nope"));
        QCOMPARE(jobs.at(3).result.error, FetchError(FetchErrorKind::ConnectionRefused));
        QVERIFY(!jobs.at(3).result.hasResponse());

        // The validators a later resume needs are kept beside the result.
        QCOMPARE(jobs.at(0).etag, QByteArray("\"v1\""));
        QCOMPARE(jobs.at(0).lastModified, QByteArray("Wed, 02 Dec 2026 10:00:00 GMT"));
    }

    void everyErrorKindHasAName_data()
    {
        QTest::addColumn<int>("kind");
        for (int k = 0; k <= int(FetchErrorKind::Other); ++k)
            QTest::addRow("%d", k) << k;
    }

    void everyErrorKindHasAName()
    {
        QFETCH(int, kind);
        const QString name = FetchError::kindName(FetchErrorKind(kind));
        QVERIFY(!name.isEmpty());
        QCOMPARE(int(FetchError::kindFromName(name)), kind);
    }

    void whatCountsAsFinished_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("errorKind");
        QTest::addColumn<int>("state");
        const int done = int(JournalJobState::Done), failed = int(JournalJobState::Failed),
                  pending = int(JournalJobState::Pending);
        const int none = int(FetchErrorKind::None), http = int(FetchErrorKind::HttpStatus);
        QTest::newRow("200") << 200 << none << done;
        QTest::newRow("206") << 206 << none << done;
        QTest::newRow("404") << 404 << http << failed;
        QTest::newRow("410") << 410 << http << failed;
        QTest::newRow("408") << 408 << http << pending;
        QTest::newRow("429") << 429 << http << pending;
        QTest::newRow("500") << 500 << http << pending;
        QTest::newRow("503") << 503 << http << pending;
        QTest::newRow("canceled") << 0 << int(FetchErrorKind::Canceled) << pending;
        QTest::newRow("refused") << 0 << int(FetchErrorKind::ConnectionRefused) << pending;
        QTest::newRow("stalled") << 200 << int(FetchErrorKind::Stalled) << pending;
        QTest::newRow("cut") << 200 << int(FetchErrorKind::IncompleteBody) << pending;
        QTest::newRow("disk full") << 200 << int(FetchErrorKind::CannotWrite) << pending;
        QTest::newRow("too large") << 200 << int(FetchErrorKind::TooLarge) << failed;
        QTest::newRow("https->http") << 301 << int(FetchErrorKind::RedirectToHttp) << failed;
        QTest::newRow("redirect loop") << 302 << int(FetchErrorKind::TooManyRedirects) << failed;
        QTest::newRow("untrusted") << 0 << int(FetchErrorKind::CertificateNotTrusted) << failed;
        QTest::newRow("no media") << 0 << int(FetchErrorKind::NoMediaUrl) << failed;
        QTest::newRow("recipe found nothing") << 0 << int(FetchErrorKind::Other) << failed;
        QTest::newRow("detail page down")
                << 0 << int(FetchErrorKind::DetailPageUnreadable) << pending;
    }

    void whatCountsAsFinished()
    {
        QFETCH(int, status);
        QFETCH(int, errorKind);
        QFETCH(int, state);
        FetchResult r;
        r.httpStatus = status;
        const auto kind = FetchErrorKind(errorKind);
        r.error = kind == FetchErrorKind::HttpStatus ? FetchError::httpStatus(status, {})
                : kind == FetchErrorKind::None       ? FetchError()
                                                     : FetchError(kind, { u"x"_s });
        QCOMPARE(int(journalStateFor(r)), state);
    }

    void aDamagedFileIsMovedAsideAndANewOneStarted()
    {
        const QString path = m_dir.filePath(u"damaged.db"_s);
        QByteArray garbage("SQLite format 3");
        garbage.append(QByteArray(4096, '\xA5'));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(garbage);
        }
        Journal journal;
        QString message;
        QCOMPARE(journal.open(path, &message), Journal::OpenResult::Recreated);
        QVERIFY2(message.contains(u"damaged"_s), qPrintable(message));
        const QStringList aside =
                QDir(m_dir.path()).entryList({ u"damaged.db.damaged-*"_s }, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QVERIFY(message.contains(aside.constFirst()));
        QCOMPARE(readAll(m_dir.filePath(aside.constFirst())), garbage); // kept as it was
        QString error;
        QVERIFY(journal.createRun(u"fetch"_s, FetchMode::Async, {}, someJobs(2), &error) > 0);
    }

    void aTruncatedFileIsMovedAside()
    {
        // A real journal cut in the middle of its pages, as a full disk or a bad copy leaves it.
        const QString path = m_dir.filePath(u"cut.db"_s);
        {
            Journal journal;
            QString message, error;
            QCOMPARE(journal.open(path, &message), Journal::OpenResult::Opened);
            QVERIFY(journal.createRun(u"fetch"_s, FetchMode::Async, {}, someJobs(3000), &error)
                    > 0);
        }
        QFile file(path);
        QVERIFY(file.size() > 8192);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() / 2));
        file.close();
        Journal journal;
        QString message;
        QCOMPARE(journal.open(path, &message), Journal::OpenResult::Recreated);
        QString error;
        QVERIFY(journal.runs(&error).isEmpty());
    }

    void aJournalFromANewerQcrawlIsLeftAlone()
    {
        const QString path = m_dir.filePath(u"newer.db"_s);
        {
            Journal journal;
            QString message;
            QCOMPARE(journal.open(path, &message), Journal::OpenResult::Opened);
        }
        rawExec(path, u"PRAGMA user_version = %1"_s.arg(JournalSchema::Version + 1));
        const QByteArray before = readAll(path);
        Journal journal;
        QString message;
        QCOMPARE(journal.open(path, &message), Journal::OpenResult::TooNew);
        QVERIFY2(message.contains(u"newer qcrawl"_s), qPrintable(message));
        QVERIFY(message.contains(u"version %1"_s.arg(JournalSchema::Version + 1)));
        QVERIFY(!journal.isOpen());
        QCOMPARE(readAll(path), before);
        QVERIFY(QDir(m_dir.path()).entryList({ u"newer.db.damaged-*"_s }).isEmpty());
    }

    void anOlderJournalIsMigrated()
    {
        // Version 0: an SQLite file nobody has written tables into (an interrupted first start).
        const QString path = m_dir.filePath(u"old.db"_s);
        rawExec(path, u"CREATE TABLE unrelated (x)"_s);
        Journal journal;
        QString message, error;
        QCOMPARE(journal.open(path, &message), Journal::OpenResult::Opened);
        QVERIFY(journal.createRun(u"fetch"_s, FetchMode::Serial, {}, someJobs(1), &error) > 0);
        QCOMPARE(rawValue(path, u"PRAGMA user_version"_s).toInt(), JournalSchema::Version);
        QCOMPARE(rawValue(path, u"SELECT COUNT(*) FROM unrelated"_s).toInt(), 0); // untouched
    }

    void aVersion1JournalGainsHarvestItems()
    {
        // A journal of qcrawl's first journal version: runs and jobs, no items table.
        const QString path = m_dir.filePath(u"v1.db"_s);
        {
            Journal journal;
            QString message, error;
            QCOMPARE(journal.open(path, &message), Journal::OpenResult::Opened);
            QVERIFY(journal.createRun(u"fetch"_s, FetchMode::Async, {}, someJobs(2), &error) > 0);
        }
        rawExec(path, u"DROP TABLE items"_s);
        rawExec(path, u"PRAGMA user_version = 1"_s);
        Journal journal;
        QString message, error;
        QCOMPARE(journal.open(path, &message), Journal::OpenResult::Opened);
        QCOMPARE(rawValue(path, u"PRAGMA user_version"_s).toInt(), 2);
        QCOMPARE(journal.runs(&error).size(), 1); // kept
        const qint64 run = journal.createRun(u"harvest"_s, FetchMode::Async, {}, {}, &error);
        HarvestItem item;
        item.index = 0;
        item.title = u"视频"_s;
        item.detailUrl = QUrl(u"http://127.0.0.1:1/video_1"_s);
        QVERIFY2(journal.addItems(run, { item }, &error), qPrintable(error));
        item.mediaUrl = QUrl(u"http://127.0.0.1:1/1.mp4"_s);
        QVERIFY(journal.recordItems(run, { item }, &error));
        QList<bool> read;
        const QList<HarvestItem> items = journal.items(run, &read, &error);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).title, item.title);
        QCOMPARE(items.at(0).mediaUrl, item.mediaUrl);
        QCOMPARE(read, QList<bool> { true });
        QCOMPARE(journal.run(run, &error)->urls, 1); // its download is a job
    }

    void deletingARunDeletesItsJobs()
    {
        const QString path = m_dir.filePath(u"delete.db"_s);
        Journal journal;
        QString message, error;
        QCOMPARE(journal.open(path, &message), Journal::OpenResult::Opened);
        QCOMPARE(rawValue(path, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        const qint64 a = journal.createRun(u"fetch"_s, FetchMode::Async, {}, someJobs(3), &error);
        const qint64 b = journal.createRun(u"fetch"_s, FetchMode::Async, {}, someJobs(2), &error);
        QCOMPARE(journal.latestUnfinishedRun(&error), b);
        QVERIFY(journal.deleteRun(b, &error));
        QCOMPARE(journal.latestUnfinishedRun(&error), a);
        QVERIFY(journal.jobs(b, &error).isEmpty());
        QCOMPARE(journal.runs(&error).size(), 1);
    }

    void optionsRoundTrip()
    {
        FetchOptions o;
        o.concurrency = 3;
        o.threads = 9;
        o.perHostLimit = 2;
        o.stallTimeoutMs = 1500;
        o.retries = 5;
        o.retryBaseDelayMs = 10;
        o.retryMaxDelayMs = 20;
        o.maxRedirects = 1;
        o.previewBytes = 77;
        o.readBufferBytes = 1 << 20;
        o.userAgent = "ua/1";
        o.headers = { { "A", "b" }, { "Cookie", "x=y" } };
        o.qtHttp = true;
        o.httpVersion = HttpVersion::Http2;
        o.caCertFile = u"/ca.pem"_s;
        o.insecure = true;
        o.maxFileSize = 5'000'000'000;
        o.proxyMode = FetchOptions::ProxyMode::Explicit;
        o.proxyUrl = QUrl(u"socks5h://127.0.0.1:1080"_s);
        const FetchOptions b = FetchOptionsJson::fromJson(FetchOptionsJson::toJson(o));
        QCOMPARE(FetchOptionsJson::toJson(b), FetchOptionsJson::toJson(o));
        QCOMPARE(b.maxFileSize, o.maxFileSize);
        QCOMPARE(b.proxyUrl, o.proxyUrl);
        QCOMPARE(int(b.httpVersion), int(HttpVersion::Http2));
        // Missing and mistyped fields read as the defaults, never as nonsense.
        const FetchOptions d = FetchOptionsJson::fromJson(
                { { u"concurrency"_s, u"many"_s }, { u"retries"_s, -4 } });
        QCOMPARE(d.concurrency, FetchOptions().concurrency);
        QCOMPARE(d.retries, 0);
        QCOMPARE(FetchOptionsJson::toJson(FetchOptionsJson::fromJson({})),
                 FetchOptionsJson::toJson(FetchOptions()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_Journal)
#include "tst_journal.moc"
