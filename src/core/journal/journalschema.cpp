#include "journalschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// Step n takes a file from version n - 1 to n. Append steps; never edit one that shipped.
const QList<QStringList> &steps()
{
    static const QList<QStringList> list = {
        // 1: runs and their jobs.
        {
                uR"(CREATE TABLE runs (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    started TEXT NOT NULL,
                    options TEXT NOT NULL,
                    wall_ms INTEGER NOT NULL DEFAULT 0,
                    closed INTEGER NOT NULL DEFAULT 0))"_s,
                // A job's last result is one record (JournalResultCodec): Qt SQL pays for
                // every bound value, and 20,000 results a second cannot afford twenty each.
                uR"(CREATE TABLE jobs (
                    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    url TEXT NOT NULL,
                    file TEXT,
                    state INTEGER NOT NULL DEFAULT 0,
                    result BLOB,
                    PRIMARY KEY (run, idx)) WITHOUT ROWID)"_s,
                u"CREATE INDEX jobs_state ON jobs (run, state)"_s,
        },
        // 2: a harvest's items (a harvest run's jobs are its downloads, one per item).
        {
                uR"(CREATE TABLE items (
                    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    detail_url TEXT,
                    media_url TEXT,
                    error_kind TEXT,
                    error_args TEXT,
                    read INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (run, idx)) WITHOUT ROWID)"_s,
        },
    };
    return list;
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    *error = query.lastError().text();
    return false;
}

} // namespace

JournalSchema::Result JournalSchema::migrate(QSqlDatabase &db, int *foundVersion, QString *error)
{
    static_assert(Version >= 1);
    Q_ASSERT(steps().size() == Version);
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
        *error = query.lastError().text();
        return Result::Failed;
    }
    const int found = query.value(0).toInt();
    *foundVersion = found;
    query.finish();
    if (found > Version)
        return Result::TooNew;
    for (int version = found + 1; version <= Version; ++version) {
        if (!db.transaction()) {
            *error = db.lastError().text();
            return Result::Failed;
        }
        for (const QString &sql : steps().at(version - 1)) {
            if (!exec(db, sql, error)) {
                db.rollback();
                return Result::Failed;
            }
        }
        // PRAGMA takes no bound values; the number is ours.
        if (!exec(db, u"PRAGMA user_version = %1"_s.arg(version), error) || !db.commit()) {
            if (error->isEmpty())
                *error = db.lastError().text();
            db.rollback();
            return Result::Failed;
        }
    }
    return Result::Ready;
}

} // namespace qcrawl
