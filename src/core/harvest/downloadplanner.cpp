#include "downloadplanner.h"

#include "fetch/partfile.h"
#include "harvest/filenames.h"

#include <QFileInfo>

namespace qcrawl {

namespace {

constexpr int MaxCandidates = 100'000;

bool existsOrLink(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink();
}

} // namespace

DownloadPlanner::DownloadPlanner(const QString &dir, bool overwrite)
    : m_names(dir)
    , m_overwrite(overwrite)
{ }

QString DownloadPlanner::pathFor(const QString &name, const QByteArray &origin)
{
    if (const QString path = resumed(name, origin); !path.isEmpty())
        return path;
    return m_overwrite ? overwritable(name) : m_names.planUnique(name);
}

QString DownloadPlanner::resumed(const QString &name, const QByteArray &origin)
{
    const QString key = FileNamePlanner::keyOf(name);
    auto it = m_resumable.find(key);
    if (it == m_resumable.end())
        it = m_resumable.insert(key, scanResumable(name));
    const auto numbers = it->find(origin);
    if (numbers == it->end())
        return {};
    while (!numbers->isEmpty()) {
        const QString candidate = FileNames::numbered(name, numbers->takeFirst());
        if (m_names.isPlanned(candidate))
            continue;
        m_names.plan(candidate);
        return m_names.pathFor(candidate);
    }
    return {};
}

// The names the title led to before, as far as the folder has them in a row (the names after
// the first unused one were never used), with a .part that may be resumed, by the URL each
// belongs to. Read once per name: every item of that title picks from here.
DownloadPlanner::Resumable DownloadPlanner::scanResumable(const QString &name) const
{
    Resumable resumable;
    for (int n = 1; n < MaxCandidates; ++n) {
        const QString candidate = FileNames::numbered(name, n);
        const bool finalTaken = m_names.wasInFolder(candidate);
        if (!finalTaken && !m_names.hadPart(candidate))
            break;
        const QString path = m_names.pathFor(candidate);
        // Also an empty .part (killed before the first byte): its record says whose it is, and
        // taking another name would leave it behind.
        const QFileInfo part(PartFile::pathFor(path));
        if (part.isFile() && !part.isSymLink() && (!finalTaken || m_overwrite)
            && !QFileInfo(path).isDir())
            resumable[PartFile::readOrigin(path)].append(n);
    }
    return resumable;
}

// The first name that is not a link or a folder (nor its .part), nor another spelling of a
// file the folder holds: that file is another video, which overwriting this name would not
// replace but shadow.
QString DownloadPlanner::overwritable(const QString &name)
{
    int &next = m_overwriteNext[FileNamePlanner::keyOf(name)];
    for (int n = std::max(next, 1); n < MaxCandidates; ++n) {
        const QString candidate = FileNames::numbered(name, n);
        const QString path = m_names.pathFor(candidate);
        const QString part = PartFile::pathFor(path);
        const QFileInfo info(path);
        const QFileInfo partInfo(part);
        if (m_names.isPlanned(candidate) || info.isSymLink() || info.isDir() || partInfo.isSymLink()
            || partInfo.isDir() || (m_names.wasInFolder(candidate) && !existsOrLink(path))
            || (m_names.hadPart(candidate) && !existsOrLink(part)))
            continue;
        next = n + 1;
        PartFile::remove(path); // another video's leftovers: overwriting was asked for
        m_names.plan(candidate);
        return path;
    }
    return m_names.planUnique(name);
}

} // namespace qcrawl
