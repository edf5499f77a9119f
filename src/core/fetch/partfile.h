#pragma once

#include <memory>

#include <QByteArray>
#include <QString>

class QFile;
class QUrl;

namespace qcrawl {

// The one home of the rules for a download in progress. A body bound for "<file>" streams to
// "<file>.part" and only becomes "<file>" when it is complete (commit()); next to a .part that
// may be resumed later, "<file>.part.url" records the URL it belongs to, so that a resume never
// continues another file's bytes. Nothing here follows a symbolic link: a link where a .part or
// its record should be is never written through or resumed (it could point anywhere).
namespace PartFile {

QString pathFor(const QString &filePath); // "<file>.part"
QString originPathFor(const QString &filePath); // "<file>.part.url"

// True when "<file>.part" exists in any form (file, folder or link, dangling included): the name
// is taken.
bool isTaken(const QString &filePath);
// The bytes of a .part that may be resumed: a regular file, not a link; 0 otherwise.
qint64 resumableSize(const QString &filePath);
void remove(const QString &filePath);
// Opens "<file>.part" for writing, appending or from the start. A link there is refused, never
// followed nor removed (checked by the open itself, so none can slip in after planning), and so
// is anything but a regular file of one name. Null when it cannot be opened, with the reason in
// *error. The QFile has no file name: remove the .part with remove(), by its path.
std::unique_ptr<QFile> open(const QString &filePath, bool append, QString *error);

// Replaces "<file>" with the complete .part in one step (rename(2): no moment without a file, no
// half-written "<file>"). On failure *error is the system's reason and the .part stays.
bool commit(const QString &filePath, QString *error = nullptr);

// The URL recorded for "<file>.part" (empty when none, unreadable or a link).
QByteArray readOrigin(const QString &filePath);
bool writeOrigin(const QString &filePath, const QUrl &url);
void removeOrigin(const QString &filePath);

// What identifies the file a .part holds the start of, from the response that began it: sent
// back as If-Range when resuming, so a server whose file changed answers 200 (start over)
// instead of splicing two versions. Kept in "<file>.part.meta" while the .part is kept.
struct Validators
{
    QByteArray etag; // a strong ETag only: a weak one cannot be used with If-Range
    QByteArray lastModified;
    qint64 total = -1; // the whole file's size, -1 when it was not announced

    bool isEmpty() const { return etag.isEmpty() && lastModified.isEmpty() && total < 0; }
    QByteArray ifRange() const { return etag.isEmpty() ? lastModified : etag; }
};
QString metaPathFor(const QString &filePath); // "<file>.part.meta"
Validators readValidators(const QString &filePath);
bool writeValidators(const QString &filePath, const Validators &validators);
void removeValidators(const QString &filePath);

} // namespace PartFile

} // namespace qcrawl
