#pragma once

#include <QHash>
#include <QSet>
#include <QString>

namespace qcrawl {

// Unique names for the many files one run saves into one folder, in time linear in the names and
// in the folder's entries (FileNames::uniquePath() tries every earlier number on disk, for each
// name: quadratic for many items of one title). The folder is listed once; each name remembers
// the next number to try.
//
// Names are compared as a case-insensitive, normalising file system (NTFS, APFS, exFAT) compares
// them: in Unicode NFC, case folded. "Video.mp4" and "video.mp4", or "é" precomposed and
// decomposed, are one name there, so the second gets a number instead of replacing the first (or
// losing it when the folder is copied there). The names returned keep their own spelling.
//
// A name is taken when the folder held it (a file, folder or link, dangling too) or its ".part"
// at listing time, when this planner planned it, or when the disk has it now (checked for the
// name chosen only: something made after the listing).
class FileNamePlanner final
{
public:
    explicit FileNamePlanner(const QString &dir);

    const QString &dir() const { return m_dir; } // clean, without a trailing "/"
    QString pathFor(const QString &fileName) const; // dir() + "/" + fileName

    // How names compare: NFC, case folded.
    static QString keyOf(const QString &fileName);

    bool wasInFolder(const QString &fileName) const; // the name itself, at listing time
    bool hadPart(const QString &fileName) const; // its ".part", at listing time
    bool isPlanned(const QString &fileName) const;
    void plan(const QString &fileName);

    // The first free FileNames::numbered(name, n) (name sanitized), planned from now on: its path,
    // always directly inside dir().
    QString planUnique(const QString &name);

private:
    QString m_dir;
    QSet<QString> m_listed; // keys of the folder's entries
    QSet<QString> m_listedParts; // keys of the names whose ".part" was there
    QSet<QString> m_planned; // keys
    QHash<QString, int> m_next; // key of a name -> the first number not tried yet
};

} // namespace qcrawl
