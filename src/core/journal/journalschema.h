#pragma once

#include <QSqlDatabase>
#include <QString>

namespace qcrawl {

// The journal's tables and how a file of an older version is brought up to this one. The version
// is SQLite's user_version; each step of migrate() moves it up by one, in one transaction.
class JournalSchema final
{
public:
    static constexpr int Version = 2;

    enum class Result { Ready, TooNew, Failed };

    // Creates the tables of a new file or migrates an older one. TooNew: the file was written by
    // a newer qcrawl (*foundVersion says which) and is left untouched.
    static Result migrate(QSqlDatabase &db, int *foundVersion, QString *error);
};

} // namespace qcrawl
