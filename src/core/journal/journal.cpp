#include "journal.h"

#include "journal/journalresultcodec.h"
#include "journal/journalschema.h"

#include <atomic>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

QString nextConnectionName()
{
    static std::atomic<int> counter { 0 };
    return u"qcrawl-journal-%1"_s.arg(++counter);
}

QVariant orNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QString errorArgumentsJson(const FetchError &error)
{
    if (error.arguments().isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(error.arguments()))
                                     .toJson(QJsonDocument::Compact));
}

FetchError errorFrom(const QString &kindName, const QString &argumentsJson)
{
    const FetchErrorKind kind = FetchError::kindFromName(kindName);
    if (kind == FetchErrorKind::None)
        return {};
    QStringList arguments;
    for (const QJsonValue &v : QJsonDocument::fromJson(argumentsJson.toUtf8()).array())
        arguments.append(v.toString());
    if (kind == FetchErrorKind::DetailPageUnreadable) // its cause is not kept
        return FetchError::detailPageUnreadable(FetchError::other(arguments.value(0)));
    return FetchError(kind, arguments);
}

bool failed(const QSqlQuery &query, QString *error)
{
    *error = query.lastError().text();
    return false;
}

// Moves a damaged journal (and its WAL files) aside; returns where it went.
QString moveAside(const QString &path)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd'T'HHmmss"_s);
    QString target = u"%1.damaged-%2"_s.arg(path, stamp);
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = u"%1.damaged-%2-%3"_s.arg(path, stamp).arg(n);
    QFile::rename(path, target);
    for (const QString &suffix : { u"-wal"_s, u"-shm"_s }) {
        if (QFileInfo::exists(path + suffix))
            QFile::rename(path + suffix, target + suffix);
    }
    return target;
}

const char *const JobColumns = "idx, url, file, state, result";

JournalRun runFrom(const QSqlQuery &q)
{
    JournalRun run;
    run.id = q.value(0).toLongLong();
    run.kind = q.value(1).toString();
    run.mode = q.value(2).toString();
    run.started = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
    run.started.setTimeSpec(Qt::UTC);
    run.options = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    run.wallMs = q.value(5).toLongLong();
    run.closed = q.value(6).toBool();
    run.urls = q.value(7).toInt();
    run.ok = q.value(8).toInt();
    run.failed = q.value(9).toInt();
    return run;
}

const QString RunSelect = uR"(SELECT r.id, r.kind, r.mode, r.started, r.options, r.wall_ms,
        r.closed, COUNT(j.idx), COALESCE(SUM(j.state = 1), 0), COALESCE(SUM(j.state = 2), 0)
        FROM runs r LEFT JOIN jobs j ON j.run = r.id)"_s;

} // namespace

Journal::Journal()
    : m_connectionName(nextConnectionName())
{ }

Journal::~Journal()
{
    close();
}

void Journal::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Journal::OpenResult Journal::open(const QString &path, QString *message)
{
    close();
    m_path = path;
    QString reason;
    const OpenResult first = openFile(&reason);
    if (first != OpenResult::Recreated) {
        *message = reason;
        return first;
    }
    // Damaged: never a crash, never a refusal; the old file stays for whoever wants to look.
    close();
    const QString aside = moveAside(path);
    const OpenResult second = openFile(message);
    if (second != OpenResult::Opened)
        return second;
    *message = u"the journal %1 was damaged (%2): moved it to %3 and started a new one"_s.arg(
            path, reason, aside);
    return OpenResult::Recreated;
}

// Recreated here means "damaged": open() moves the file aside and calls this again.
Journal::OpenResult Journal::openFile(QString *message)
{
    const bool existed = QFileInfo::exists(m_path);
    if (!existed && !QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        *message = u"cannot create the folder of the journal %1"_s.arg(m_path);
        return OpenResult::Failed;
    }
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    if (!m_db.isValid()) {
        *message = u"cannot open the journal %1: Qt's SQLite driver (QSQLITE) is missing; "
                   u"install libqt6sql6-sqlite"_s.arg(m_path);
        return OpenResult::Failed;
    }
    m_db.setDatabaseName(m_path);
    // Another qcrawl writing the same journal waits its turn instead of failing at once.
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!m_db.open()) {
        *message = u"cannot open the journal %1: %2"_s.arg(m_path, m_db.lastError().text());
        return OpenResult::Failed;
    }
    if (!existed)
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);

    QSqlQuery query(m_db);
    // WAL: a kill -9 or a power loss never leaves a half-written transaction; NORMAL: commits
    // survive a killed process at once and a power loss from the next checkpoint on, without an
    // fsync per batch.
    if (!query.exec(u"PRAGMA journal_mode = WAL"_s) || !query.next()) {
        if (!existed) {
            *message = u"cannot create the journal %1: %2"_s.arg(m_path, query.lastError().text());
            return OpenResult::Failed;
        }
        *message = query.lastError().text();
        return OpenResult::Recreated;
    }
    query.finish();
    if (!query.exec(u"PRAGMA quick_check"_s) || !query.next()
        || query.value(0).toString() != u"ok") {
        *message =
                query.lastError().isValid() ? query.lastError().text() : query.value(0).toString();
        return OpenResult::Recreated;
    }
    query.finish();
    query.exec(u"PRAGMA synchronous = NORMAL"_s);
    query.exec(u"PRAGMA foreign_keys = ON"_s);

    int found = 0;
    QString error;
    switch (JournalSchema::migrate(m_db, &found, &error)) {
    case JournalSchema::Result::Ready:
        return OpenResult::Opened;
    case JournalSchema::Result::TooNew:
        close();
        *message = u"the journal %1 was written by a newer qcrawl (journal version %2; this one "
                   u"reads up to %3): left as it is"_s.arg(m_path)
                           .arg(found)
                           .arg(JournalSchema::Version);
        return OpenResult::TooNew;
    case JournalSchema::Result::Failed:
        break;
    }
    *message = error;
    return OpenResult::Recreated;
}

qint64 Journal::createRun(const QString &kind, FetchMode mode, const QJsonObject &options,
                          const QList<FetchJob> &jobs, QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return 0;
    }
    QSqlQuery run(m_db);
    run.prepare(u"INSERT INTO runs (kind, mode, started, options) VALUES (?, ?, ?, ?)"_s);
    run.addBindValue(kind);
    run.addBindValue(fetchModeName(mode));
    run.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    run.addBindValue(QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact)));
    if (!run.exec()) {
        failed(run, error);
        m_db.rollback();
        return 0;
    }
    const qint64 id = run.lastInsertId().toLongLong();
    // RowsPerInsert jobs to a statement: Qt SQL's cost per exec() is most of a small insert's,
    // and a run is recorded before its first request goes out.
    constexpr qsizetype RowsPerInsert = 64;
    QSqlQuery many(m_db);
    QSqlQuery one(m_db);
    const qsizetype grouped = jobs.size() / RowsPerInsert * RowsPerInsert;
    if (grouped > 0) {
        QString values;
        for (qsizetype i = 0; i < RowsPerInsert; ++i)
            values += i == 0 ? u"(?, ?, ?, ?)"_s : u", (?, ?, ?, ?)"_s;
        many.prepare(u"INSERT INTO jobs (run, idx, url, file) VALUES "_s + values);
    }
    if (grouped < jobs.size())
        one.prepare(u"INSERT INTO jobs (run, idx, url, file) VALUES (?, ?, ?, ?)"_s);
    for (qsizetype start = 0; start < jobs.size();) {
        const bool group = start < grouped;
        QSqlQuery &q = group ? many : one;
        const qsizetype count = group ? RowsPerInsert : 1;
        int bound = 0;
        for (qsizetype i = start; i < start + count; ++i) {
            const FetchJob &j = jobs.at(i);
            q.bindValue(bound++, id);
            q.bindValue(bound++, j.index);
            q.bindValue(bound++, j.url.toString(QUrl::FullyEncoded));
            q.bindValue(bound++, orNull(j.filePath));
        }
        if (!q.exec()) {
            failed(q, error);
            m_db.rollback();
            return 0;
        }
        start += count;
    }
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return 0;
    }
    return id;
}

bool Journal::recordResults(qint64 run, const QList<FetchResult> &results, qint64 wallMs,
                            QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE jobs SET state = ?, result = ?, file = COALESCE(?, file) "
              u"WHERE run = ? AND idx = ?"_s);
    for (const FetchResult &r : results) {
        q.bindValue(0, int(journalStateFor(r)));
        q.bindValue(1, JournalResultCodec::encode(r));
        q.bindValue(2, orNull(r.filePath));
        q.bindValue(3, run);
        q.bindValue(4, r.index);
        if (!q.exec()) {
            failed(q, error);
            m_db.rollback();
            return false;
        }
    }
    QSqlQuery wall(m_db);
    wall.prepare(u"UPDATE runs SET wall_ms = ? WHERE id = ?"_s);
    wall.addBindValue(wallMs);
    wall.addBindValue(run);
    if ((wallMs >= 0 && !wall.exec()) || !m_db.commit()) {
        *error = wall.lastError().isValid() ? wall.lastError().text() : m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

bool Journal::addWallTime(qint64 run, qint64 ms, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE runs SET wall_ms = wall_ms + ? WHERE id = ?"_s);
    q.addBindValue(std::max<qint64>(0, ms));
    q.addBindValue(run);
    return q.exec() || failed(q, error);
}

bool Journal::setRunClosed(qint64 run, bool closed, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE runs SET closed = ? WHERE id = ?"_s);
    q.addBindValue(closed ? 1 : 0);
    q.addBindValue(run);
    return q.exec() || failed(q, error);
}

bool Journal::deleteRun(qint64 run, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM runs WHERE id = ?"_s);
    q.addBindValue(run);
    return q.exec() || failed(q, error);
}

QList<JournalRun> Journal::runs(QString *error) const
{
    QList<JournalRun> list;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(RunSelect + u" GROUP BY r.id ORDER BY r.id"_s)) {
        failed(q, error);
        return list;
    }
    while (q.next())
        list.append(runFrom(q));
    return list;
}

std::optional<JournalRun> Journal::run(qint64 id, QString *error) const
{
    QSqlQuery q(m_db);
    q.prepare(RunSelect + u" WHERE r.id = ? GROUP BY r.id"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        failed(q, error);
        return std::nullopt;
    }
    if (!q.next()) {
        *error = u"no run %1 in the journal %2"_s.arg(id).arg(m_path);
        return std::nullopt;
    }
    return runFrom(q);
}

qint64 Journal::latestUnfinishedRun(QString *error) const
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT MAX(run) FROM jobs WHERE state = 0"_s) || !q.next()) {
        failed(q, error);
        return 0;
    }
    return q.value(0).toLongLong(); // NULL (none) reads as 0
}

QList<JournalJob> Journal::jobs(qint64 run, QString *error) const
{
    QList<JournalJob> list;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
            u"SELECT %1 FROM jobs WHERE run = ? ORDER BY idx"_s.arg(QLatin1StringView(JobColumns)));
    q.addBindValue(run);
    if (!q.exec()) {
        failed(q, error);
        return list;
    }
    while (q.next()) {
        JournalJob job;
        FetchResult &r = job.result;
        r.index = q.value(0).toInt();
        r.url = QUrl(q.value(1).toString(), QUrl::StrictMode);
        r.filePath = q.value(2).toString();
        job.state = JournalJobState(std::clamp(q.value(3).toInt(), 0, 2));
        JournalResultCodec::decode(q.value(4).toByteArray(), &job);
        list.append(job);
    }
    return list;
}

bool Journal::addItems(qint64 run, const QList<HarvestItem> &items, QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery item(m_db);
    item.prepare(
            u"INSERT OR IGNORE INTO items (run, idx, title, detail_url) VALUES (?, ?, ?, ?)"_s);
    QSqlQuery job(m_db);
    job.prepare(u"INSERT OR IGNORE INTO jobs (run, idx, url) VALUES (?, ?, ?)"_s);
    for (const HarvestItem &i : items) {
        item.bindValue(0, run);
        item.bindValue(1, i.index);
        item.bindValue(2, i.title);
        item.bindValue(3, orNull(i.detailUrl.toString(QUrl::FullyEncoded)));
        job.bindValue(0, run);
        job.bindValue(1, i.index);
        job.bindValue(2, i.detailUrl.isEmpty() ? u""_s : i.detailUrl.toString(QUrl::FullyEncoded));
        if (!item.exec() || !job.exec()) {
            *error = item.lastError().isValid() ? item.lastError().text() : job.lastError().text();
            m_db.rollback();
            return false;
        }
    }
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

bool Journal::recordItems(qint64 run, const QList<HarvestItem> &items, QString *error)
{
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(uR"(UPDATE items SET media_url = ?, error_kind = ?, error_args = ?, read = ?
            WHERE run = ? AND idx = ?)"_s);
    for (const HarvestItem &i : items) {
        // A detail page that could not be read (the network, a 5xx) is read again next time;
        // a page read without a media URL is final, as is a media URL.
        const FetchErrorKind kind = i.error.kind();
        const bool final = kind == FetchErrorKind::None || kind == FetchErrorKind::NoMediaUrl
                || kind == FetchErrorKind::Other;
        q.bindValue(0, orNull(i.mediaUrl.toString(QUrl::FullyEncoded)));
        q.bindValue(1, i.error.isEmpty() ? QVariant() : FetchError::kindName(kind));
        q.bindValue(2,
                    orNull(errorArgumentsJson(kind == FetchErrorKind::DetailPageUnreadable
                                                      ? FetchError::other(i.error.cause().text())
                                                      : i.error)));
        q.bindValue(3, final ? 1 : 0);
        q.bindValue(4, run);
        q.bindValue(5, i.index);
        if (!q.exec()) {
            failed(q, error);
            m_db.rollback();
            return false;
        }
    }
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }
    return true;
}

bool Journal::setJobFile(qint64 run, int index, const QString &filePath, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE jobs SET file = ? WHERE run = ? AND idx = ?"_s);
    q.addBindValue(filePath);
    q.addBindValue(run);
    q.addBindValue(index);
    return q.exec() || failed(q, error);
}

QList<HarvestItem> Journal::items(qint64 run, QList<bool> *read, QString *error) const
{
    QList<HarvestItem> list;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(uR"(SELECT idx, title, detail_url, media_url, error_kind, error_args, read
            FROM items WHERE run = ? ORDER BY idx)"_s);
    q.addBindValue(run);
    if (!q.exec()) {
        failed(q, error);
        return list;
    }
    while (q.next()) {
        HarvestItem item;
        item.index = q.value(0).toInt();
        item.title = q.value(1).toString();
        item.detailUrl = QUrl(q.value(2).toString(), QUrl::StrictMode);
        item.mediaUrl = QUrl(q.value(3).toString(), QUrl::StrictMode);
        item.error = errorFrom(q.value(4).toString(), q.value(5).toString());
        list.append(item);
        if (read)
            read->append(q.value(6).toBool());
    }
    return list;
}

} // namespace qcrawl
