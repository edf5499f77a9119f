#include "partfile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#ifdef Q_OS_UNIX
#    include <fcntl.h>
#    include <sys/stat.h>
#    include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace qcrawl::PartFile {

namespace {

constexpr qint64 MaxRecordBytes = 64 * 1024; // a URL or validators, never a file to slurp

void setError(QString *error, const QString &text)
{
    if (error)
        *error = text;
}

#ifdef Q_OS_UNIX
// Opens a regular file of ours, for reading or for writing (created when missing), without ever
// following a link at its name: O_NOFOLLOW makes the check and the open one step, so no link can
// slip in between a check and the open. A FIFO or device there is refused too (O_NONBLOCK keeps
// the open itself from waiting on one), and so is a file with other hard links when writing
// (the bytes would land in the other name too); truncation comes only after those checks.
std::unique_ptr<QFile> openOwnFile(const QString &path, QIODevice::OpenMode mode, QString *error)
{
    const bool writing = mode & QIODevice::WriteOnly;
    int flags = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
    if (writing)
        flags |= O_WRONLY | O_CREAT | ((mode & QIODevice::Append) ? O_APPEND : 0);
    else
        flags |= O_RDONLY;
    const int fd = ::open(QFile::encodeName(path).constData(), flags, 0666);
    if (fd < 0) {
        const int why = errno;
        setError(error,
                 why == ELOOP || why == EMLINK ? u"it is a symbolic link, which is never followed"_s
                                               : QString::fromLocal8Bit(std::strerror(why)));
        return nullptr;
    }
    struct stat status = {};
    QString refusal;
    if (::fstat(fd, &status) != 0)
        refusal = QString::fromLocal8Bit(std::strerror(errno));
    else if (!S_ISREG(status.st_mode))
        refusal = u"it is not a regular file"_s;
    else if (writing && status.st_nlink > 1)
        refusal = u"it has other hard links"_s;
    else if (writing && (mode & QIODevice::Truncate) && ::ftruncate(fd, 0) != 0)
        refusal = QString::fromLocal8Bit(std::strerror(errno));
    else if (::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
        refusal = QString::fromLocal8Bit(std::strerror(errno));
    auto file = std::make_unique<QFile>();
    if (refusal.isEmpty() && !file->open(fd, mode, QFileDevice::AutoCloseHandle))
        refusal = file->errorString();
    if (!refusal.isEmpty()) {
        if (!file->isOpen())
            ::close(fd);
        setError(error, refusal);
        return nullptr;
    }
    return file;
}
#else
// Without O_NOFOLLOW: the check comes just before the open.
std::unique_ptr<QFile> openOwnFile(const QString &path, QIODevice::OpenMode mode, QString *error)
{
    if (QFileInfo(path).isSymLink()) {
        setError(error, u"it is a symbolic link, which is never followed"_s);
        return nullptr;
    }
    auto file = std::make_unique<QFile>(path);
    if (!file->open(mode)) {
        setError(error, file->errorString());
        return nullptr;
    }
    return file;
}
#endif

// The small records next to a .part: read bounded, never through a link; written by replacing a
// link, never through it.
QByteArray readRecord(const QString &path)
{
    const std::unique_ptr<QFile> file = openOwnFile(path, QIODevice::ReadOnly, nullptr);
    return file ? file->read(MaxRecordBytes) : QByteArray();
}

bool writeRecord(const QString &path, const QByteArray &bytes)
{
    if (QFileInfo(path).isSymLink())
        QFile::remove(path);
    const std::unique_ptr<QFile> file =
            openOwnFile(path, QIODevice::WriteOnly | QIODevice::Truncate, nullptr);
    return file && file->write(bytes) == bytes.size() && file->flush();
}

} // namespace

QString pathFor(const QString &filePath)
{
    return filePath + ".part"_L1;
}

QString originPathFor(const QString &filePath)
{
    return filePath + ".part.url"_L1;
}

bool isTaken(const QString &filePath)
{
    const QFileInfo part(pathFor(filePath));
    return part.exists() || part.isSymLink(); // exists() is false for a dangling link
}

qint64 resumableSize(const QString &filePath)
{
    const QFileInfo part(pathFor(filePath));
    return part.isFile() && !part.isSymLink() ? part.size() : 0;
}

void remove(const QString &filePath)
{
    QFile::remove(pathFor(filePath));
}

std::unique_ptr<QFile> open(const QString &filePath, bool append, QString *error)
{
    return openOwnFile(pathFor(filePath),
                       append ? QIODevice::WriteOnly | QIODevice::Append
                              : QIODevice::WriteOnly | QIODevice::Truncate,
                       error);
}

bool commit(const QString &filePath, QString *error)
{
    // QFile::rename() refuses to replace an existing file; rename(2) replaces it atomically.
    const QByteArray from = QFile::encodeName(pathFor(filePath));
    const QByteArray to = QFile::encodeName(filePath);
    if (std::rename(from.constData(), to.constData()) == 0)
        return true;
    if (error)
        *error = QString::fromLocal8Bit(std::strerror(errno));
    return false;
}

QByteArray readOrigin(const QString &filePath)
{
    return readRecord(originPathFor(filePath)).trimmed();
}

bool writeOrigin(const QString &filePath, const QUrl &url)
{
    return writeRecord(originPathFor(filePath), url.toEncoded() + '\n');
}

void removeOrigin(const QString &filePath)
{
    QFile::remove(originPathFor(filePath));
}

QString metaPathFor(const QString &filePath)
{
    return filePath + ".part.meta"_L1;
}

Validators readValidators(const QString &filePath)
{
    Validators validators;
    for (const QByteArray &line : readRecord(metaPathFor(filePath)).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.first(colon).trimmed();
        const QByteArray value = line.sliced(colon + 1).trimmed();
        if (name == "etag")
            validators.etag = value;
        else if (name == "last-modified")
            validators.lastModified = value;
        else if (name == "total")
            validators.total = value.size() <= 18 ? value.toLongLong() : -1;
    }
    return validators;
}

bool writeValidators(const QString &filePath, const Validators &validators)
{
    // Header values cannot hold a line break (the HTTP layer refuses them), so lines are safe.
    return writeRecord(metaPathFor(filePath),
                       "etag: " + validators.etag + "\nlast-modified: " + validators.lastModified
                               + "\ntotal: " + QByteArray::number(validators.total) + '\n');
}

void removeValidators(const QString &filePath)
{
    QFile::remove(metaPathFor(filePath));
}

} // namespace qcrawl::PartFile
