#include "partfile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <QFile>
#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace qcrawl::PartFile {

namespace {

constexpr qint64 MaxRecordBytes = 64 * 1024; // a URL or validators, never a file to slurp

// The small records next to a .part: read bounded, never through a link; written by replacing a
// link, never through it.
QByteArray readRecord(const QString &path)
{
    QFile file(path);
    if (QFileInfo(path).isSymLink() || !file.open(QIODevice::ReadOnly))
        return {};
    return file.read(MaxRecordBytes);
}

bool writeRecord(const QString &path, const QByteArray &bytes)
{
    if (QFileInfo(path).isSymLink())
        QFile::remove(path);
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) > 0;
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
    const QString path = pathFor(filePath);
    if (QFileInfo(path).isSymLink())
        QFile::remove(path);
    auto file = std::make_unique<QFile>(path);
    const auto mode = append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate;
    if (!file->open(mode)) {
        if (error)
            *error = file->errorString();
        return nullptr;
    }
    return file;
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
