#pragma once

#include <QSet>
#include <QString>
#include <QUrl>

namespace qcrawl {

// Safe, unique file names for downloads. Nothing these functions return can point outside the
// folder it is joined to, whatever the title or URL was.
class FileNames final
{
public:
    // Makes a single path component from arbitrary text (a video title, a URL segment):
    // keeps Chinese and other Unicode as is; removes path separators, "..", control characters
    // and the characters Windows forbids (<>:"/\|?*); trims spaces and dots at both ends;
    // renames Windows reserved names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with or without an
    // extension) by appending "_"; cuts to at most maxBytes of UTF-8 without splitting a
    // character, keeping the extension. Returns fallback when nothing is left.
    static QString sanitize(const QString &name,
                            const QString &fallback = QStringLiteral("download"),
                            int maxBytes = 200);

    // The extension (with the dot, lower case, e.g. ".mp4") from the URL's last path segment,
    // else from the content type (video/mp4 -> .mp4, text/html -> .html, ...), else fallback.
    static QString extensionFor(const QUrl &url, const QString &contentType = QString(),
                                const QString &fallback = QString());

    // A file name for a URL fetched without a title: the last path segment, or the host for "/",
    // sanitized; "index.html"-like names keep their extension.
    static QString nameForUrl(const QUrl &url);

    // The n-th name uniquePath() tries: "name.ext" for n = 1, "name (n).ext" after.
    static QString numbered(const QString &name, int n);

    // dir + "/" + name, made unique: "name.ext", "name (2).ext", "name (3).ext"... skipping names
    // that exist on disk (also as "<name>.part") or are in *reserved; adds the result to
    // *reserved when given. The returned path is always directly inside dir. For one name at a
    // time: many names for one folder are FileNamePlanner's (linear, and blind to case).
    static QString uniquePath(const QString &dir, const QString &name,
                              QSet<QString> *reserved = nullptr);
};

} // namespace qcrawl
