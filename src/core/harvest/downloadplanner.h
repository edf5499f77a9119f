#pragma once

#include "harvest/filenameplanner.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace qcrawl {

// Where each item of one VideoDownloader::start() is saved, in time linear in the items and the
// folder's entries: the .part an interrupted download of the same URL left under one of the
// names the title leads to (resumed), else a fresh unique name (FileNamePlanner), or, when
// overwriting, the first of those names that is not a link or a folder. Names are compared as
// FileNamePlanner compares them (NFC, case folded).
class DownloadPlanner final
{
public:
    DownloadPlanner(const QString &dir, bool overwrite);

    // name: the item's file name before numbering ("标题.mp4"); origin: its media URL, encoded.
    QString pathFor(const QString &name, const QByteArray &origin);
    // A unique path for a file renamed after the download (another extension).
    QString uniquePath(const QString &name) { return m_names.planUnique(name); }

private:
    using Resumable = QHash<QByteArray, QList<int>>; // origin -> numbers, ascending

    QString resumed(const QString &name, const QByteArray &origin);
    Resumable scanResumable(const QString &name) const;
    QString overwritable(const QString &name);

    FileNamePlanner m_names;
    bool m_overwrite;
    QHash<QString, Resumable> m_resumable; // by key of the name, scanned on first use
    QHash<QString, int> m_overwriteNext; // by key of the name: the first number not tried yet
};

} // namespace qcrawl
