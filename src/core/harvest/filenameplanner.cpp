#include "filenameplanner.h"

#include "fetch/partfile.h"
#include "harvest/filenames.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// Taken on disk right now, as FileNames::uniquePath() checks: a dangling link counts (writing
// through it would create a file wherever it points), and so does its .part.
bool isOnDiskNow(const QString &path)
{
    const QFileInfo file(path);
    return file.exists() || file.isSymLink() || PartFile::isTaken(path);
}

} // namespace

FileNamePlanner::FileNamePlanner(const QString &dir)
    : m_dir(dir.isEmpty() ? u"."_s : QDir::cleanPath(dir))
{
    if (m_dir.size() > 1 && m_dir.endsWith(u'/'))
        m_dir.chop(1);
    // Unsorted, links not followed; System lists dangling links, FIFOs and sockets too.
    QDirIterator entries(m_dir,
                         QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    const QString partSuffix = u".part"_s;
    while (entries.hasNext()) {
        entries.next();
        const QString key = keyOf(entries.fileName());
        m_listed.insert(key);
        if (key.endsWith(partSuffix) && key.size() > partSuffix.size())
            m_listedParts.insert(key.chopped(partSuffix.size()));
    }
}

QString FileNamePlanner::pathFor(const QString &fileName) const
{
    return m_dir == u"/" ? QString(m_dir + fileName) : QString(m_dir + u'/' + fileName);
}

QString FileNamePlanner::keyOf(const QString &fileName)
{
    return fileName.normalized(QString::NormalizationForm_C).toCaseFolded();
}

bool FileNamePlanner::wasInFolder(const QString &fileName) const
{
    return m_listed.contains(keyOf(fileName));
}

bool FileNamePlanner::hadPart(const QString &fileName) const
{
    return m_listedParts.contains(keyOf(fileName));
}

bool FileNamePlanner::isPlanned(const QString &fileName) const
{
    return m_planned.contains(keyOf(fileName));
}

void FileNamePlanner::plan(const QString &fileName)
{
    m_planned.insert(keyOf(fileName));
}

QString FileNamePlanner::planUnique(const QString &name)
{
    // Sanitizing again costs little and keeps FileNames' promise for callers that did not.
    const QString safe = FileNames::sanitize(name);
    // A number skipped once stays taken (nothing planned is ever given back), so the search
    // for the next name of this key goes on from where the last one stopped.
    int &next = m_next[keyOf(safe)];
    for (int n = std::max(next, 1);; ++n) {
        const QString candidate = FileNames::numbered(safe, n);
        const QString key = keyOf(candidate);
        if (m_planned.contains(key) || m_listed.contains(key) || m_listedParts.contains(key)
            || isOnDiskNow(pathFor(candidate)))
            continue;
        m_planned.insert(key);
        next = n + 1;
        return pathFor(candidate);
    }
}

} // namespace qcrawl
