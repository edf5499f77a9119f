#include "filenames.h"

#include "fetch/partfile.h"

#include <QDir>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QStringList>
#include <QTextBoundaryFinder>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// A name split at its extension. ext has no dot and is empty when the name has none.
struct NameParts
{
    QString stem;
    QString ext;
};

constexpr bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

constexpr bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

constexpr bool isPathSeparator(QChar c)
{
    return c == u'/' || c == u'\\';
}

// Forbidden on Windows besides the separators and control characters.
constexpr bool isWindowsForbidden(QChar c)
{
    return c == u'<' || c == u'>' || c == u':' || c == u'"' || c == u'|' || c == u'?' || c == u'*';
}

// Bidirectional embeddings, overrides, isolates and marks: "gpj.exe" written right to left shows
// as "exe.jpg". Also the invisible ones that make two names that look the same differ: zero-width
// space, word joiner and the zero-width no-break space (BOM).
constexpr bool isInvisibleTrap(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069) || u == 0xFEFF
            || u == 0x200B || u == 0x200E || u == 0x200F || u == 0x2060 || u == 0x061C;
}

// The zero-width non-joiner and joiner belong in emoji sequences and in Indic and Persian words;
// next to ASCII, to a space, to another invisible character or at an end they only hide a
// difference. Judged on the raw name, so a neighbour that cleaning removes or trims later (a
// control, a space at the end, half a surrogate pair) counts as no letter: the joiner goes too,
// and a cleaned name cleans to itself.
bool isStrayJoiner(QStringView name, qsizetype i)
{
    const char16_t u = name[i].unicode();
    if (u != 0x200C && u != 0x200D)
        return false;
    const auto plain = [name](qsizetype at) {
        const QChar c = name[at];
        const char16_t v = c.unicode();
        const bool loneSurrogate = c.isHighSurrogate()
                ? at + 1 >= name.size() || !name[at + 1].isLowSurrogate()
                : c.isLowSurrogate() && (at == 0 || !name[at - 1].isHighSurrogate());
        return v < 0xA0 || c.isSpace() || isInvisibleTrap(c) || v == 0x200C || v == 0x200D
                || loneSurrogate;
    };
    return i == 0 || i + 1 >= name.size() || plain(i - 1) || plain(i + 1);
}

bool isTrimmable(QChar c)
{
    return c == u'.' || c.isSpace();
}

// What is left after cleaning "<>?" or "..": nothing worth a name.
bool isMeaningless(QStringView s)
{
    for (const QChar c : s) {
        if (c != u'_' && !isTrimmable(c))
            return false;
    }
    return true;
}

QStringView trimmed(QStringView s)
{
    while (!s.isEmpty() && isTrimmable(s.front()))
        s = s.mid(1);
    while (!s.isEmpty() && isTrimmable(s.back()))
        s.chop(1);
    return s;
}

// An extension is 1-16 ASCII letters and digits with at least one letter: "mp4", "m3u8", "7z";
// not "5" in "Episode 1.5" nor " Smith" in "Mr. Smith".
bool isExtension(QStringView ext)
{
    if (ext.isEmpty() || ext.size() > 16)
        return false;
    bool hasLetter = false;
    for (const QChar c : ext) {
        if (isAsciiLetter(c))
            hasLetter = true;
        else if (!isAsciiDigit(c))
            return false;
    }
    return hasLetter;
}

NameParts splitExtension(QStringView name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot >= 0 && isExtension(name.mid(dot + 1)))
        return { name.left(dot).toString(), name.mid(dot + 1).toString() };
    return { name.toString(), QString() };
}

qsizetype utf8Length(QStringView s)
{
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        if (u < 0x80) {
            bytes += 1;
        } else if (u < 0x800) {
            bytes += 2;
        } else if (QChar::isHighSurrogate(u) && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            bytes += 4;
            ++i;
        } else {
            bytes += 3;
        }
    }
    return bytes;
}

// The longest prefix of s of at most maxBytes UTF-8 bytes that ends on a grapheme boundary
// (so that an emoji flag or a letter with its accent stays whole), else on a code point.
QString cutToBytes(const QString &s, qsizetype maxBytes)
{
    if (utf8Length(s) <= maxBytes)
        return s;

    qsizetype best = 0;
    qsizetype bytes = 0;
    qsizetype previous = 0;
    QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, s);
    for (qsizetype next = graphemes.toNextBoundary(); next > 0; next = graphemes.toNextBoundary()) {
        bytes += utf8Length(QStringView(s).mid(previous, next - previous));
        if (bytes > maxBytes)
            break;
        best = previous = next;
    }
    if (best > 0)
        return s.left(best);

    // A single cluster longer than the budget (a letter under a hundred combining marks).
    bytes = 0;
    for (qsizetype i = 0; i < s.size();) {
        const qsizetype units = s[i].isHighSurrogate() && i + 1 < s.size() ? 2 : 1;
        bytes += utf8Length(QStringView(s).mid(i, units));
        if (bytes > maxBytes)
            break;
        i += units;
        best = i;
    }
    return s.left(best);
}

// The part Windows looks at is the one before the first dot, trailing spaces ignored:
// "CON", "con.mp4" and "Nul .tar.gz" all name a device. Returns where to put the "_", or -1.
qsizetype reservedNameEnd(QStringView name)
{
    static const QStringList reserved = {
        u"CON"_s,  u"PRN"_s,  u"AUX"_s,  u"NUL"_s,  u"CONIN$"_s, u"CONOUT$"_s, u"COM0"_s, u"COM1"_s,
        u"COM2"_s, u"COM3"_s, u"COM4"_s, u"COM5"_s, u"COM6"_s,   u"COM7"_s,    u"COM8"_s, u"COM9"_s,
        u"COM¹"_s, u"COM²"_s, u"COM³"_s, u"LPT0"_s, u"LPT1"_s,   u"LPT2"_s,    u"LPT3"_s, u"LPT4"_s,
        u"LPT5"_s, u"LPT6"_s, u"LPT7"_s, u"LPT8"_s, u"LPT9"_s,   u"LPT¹"_s,    u"LPT²"_s, u"LPT³"_s,
    };
    const qsizetype dot = name.indexOf(u'.');
    QStringView first = dot < 0 ? name : name.left(dot);
    while (!first.isEmpty() && first.back().isSpace())
        first.chop(1);
    for (const QString &device : reserved) {
        if (first.compare(device, Qt::CaseInsensitive) == 0)
            return first.size();
    }
    return -1;
}

// Removes control characters and the invisible traps, turns separators and the characters
// Windows forbids into "_", and drops "." and ".." (and "..." or " . ") between separators:
// "../../x" becomes "x", "AC/DC" becomes "AC_DC".
QString cleanCharacters(const QString &name)
{
    QStringList components;
    QString current;
    current.reserve(name.size());
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        const char16_t u = c.unicode();
        if (isPathSeparator(c)) {
            components.append(current);
            current.clear();
        } else if (u < 0x20 || (u >= 0x7F && u <= 0x9F)) {
            // Tabs and line breaks inside a title read as spaces; other controls go.
            if ((u >= 0x09 && u <= 0x0D) || u == 0x85)
                current.append(u' ');
        } else if (isWindowsForbidden(c)) {
            if (!current.endsWith(u'_'))
                current.append(u'_');
        } else if (isInvisibleTrap(c) || isStrayJoiner(name, i)) {
            continue;
        } else if (c.isHighSurrogate()) {
            if (i + 1 < name.size() && name[i + 1].isLowSurrogate()) {
                current.append(c);
                current.append(name[++i]);
            }
        } else if (!c.isLowSurrogate()) { // a lone low surrogate cannot be written as UTF-8
            current.append(c);
        }
    }
    components.append(current);

    QString out;
    for (const QString &component : std::as_const(components)) {
        if (trimmed(component).isEmpty())
            continue;
        if (!out.isEmpty())
            out.append(u'_');
        out.append(component);
    }
    return out;
}

// Cleans and splits; the stem is empty when nothing worth a name is left.
NameParts cleanParts(const QString &name)
{
    const QString text = cleanCharacters(name);
    QStringView view(text);
    while (!view.isEmpty() && isTrimmable(view.back()))
        view.chop(1);

    NameParts parts = splitExtension(view);
    parts.stem = trimmed(parts.stem).toString();
    if (isMeaningless(parts.stem))
        parts.stem.clear();
    parts.ext = parts.ext.toLower();
    return parts;
}

// Joins stem and extension within maxBytes (<= 0: no limit) and renames device names.
// Returns an empty string when no stem is left.
QString assemble(NameParts parts, qsizetype maxBytes)
{
    if (parts.stem.isEmpty())
        return QString();

    if (maxBytes > 0) {
        qsizetype extBytes = parts.ext.isEmpty() ? 0 : parts.ext.size() + 1; // ASCII
        if (extBytes * 2 > maxBytes) { // a budget too small to keep the extension apart
            parts.stem = parts.stem % u'.' % parts.ext;
            parts.ext.clear();
            extBytes = 0;
        }
        // One byte spare for the "_" of a device name.
        const qsizetype spare = reservedNameEnd(parts.stem) >= 0 ? 1 : 0;
        parts.stem = cutToBytes(parts.stem, maxBytes - extBytes - spare);
        QStringView stem(parts.stem);
        while (!stem.isEmpty() && isTrimmable(stem.back()))
            stem.chop(1);
        if (isMeaningless(stem))
            return QString();
        parts.stem.truncate(stem.size());
    }

    const qsizetype deviceEnd = reservedNameEnd(parts.stem);
    if (deviceEnd >= 0)
        parts.stem.insert(deviceEnd, u'_');
    return parts.ext.isEmpty() ? parts.stem : parts.stem % u'.' % parts.ext;
}

// Server-side script names say nothing about what they return.
bool isScriptExtension(QStringView ext)
{
    static const QStringList scripts = { u"php"_s, u"asp"_s, u"aspx"_s,   u"jsp"_s, u"cgi"_s,
                                         u"pl"_s,  u"do"_s,  u"action"_s, u"cfm"_s };
    for (const QString &script : scripts) {
        if (ext.compare(script, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString extensionFromUrl(const QUrl &url)
{
    const QString fileName = url.fileName();
    const qsizetype dot = fileName.lastIndexOf(u'.');
    if (dot <= 0) // none, or a ".hidden" name
        return QString();
    const QStringView ext = QStringView(fileName).mid(dot + 1);
    if (ext.size() > 10 || !isExtension(ext))
        return QString();
    return u'.' + ext.toString().toLower();
}

QString extensionFromContentType(const QString &contentType)
{
    // Where the shared MIME database is missing a type or prefers an older suffix.
    struct Known
    {
        QLatin1String type;
        QLatin1String ext;
    };
    static constexpr Known known[] = {
        { "video/mp4"_L1, "mp4"_L1 },
        { "video/webm"_L1, "webm"_L1 },
        { "video/x-flv"_L1, "flv"_L1 },
        { "video/quicktime"_L1, "mov"_L1 },
        { "video/mp2t"_L1, "ts"_L1 },
        { "video/x-matroska"_L1, "mkv"_L1 },
        { "video/3gpp"_L1, "3gp"_L1 },
        { "audio/mp4"_L1, "m4a"_L1 },
        { "audio/mpeg"_L1, "mp3"_L1 },
        { "application/vnd.apple.mpegurl"_L1, "m3u8"_L1 },
        { "application/x-mpegurl"_L1, "m3u8"_L1 },
        { "audio/mpegurl"_L1, "m3u8"_L1 },
        { "audio/x-mpegurl"_L1, "m3u8"_L1 },
        { "application/dash+xml"_L1, "mpd"_L1 },
        { "text/html"_L1, "html"_L1 },
        { "text/plain"_L1, "txt"_L1 },
        { "application/json"_L1, "json"_L1 },
        { "image/jpeg"_L1, "jpg"_L1 },
    };

    const QString type =
            QStringView(contentType).split(u';').value(0).trimmed().toString().toLower();
    if (type.isEmpty())
        return QString();
    for (const Known &k : known) {
        if (type == k.type)
            return u'.' + QString(k.ext);
    }
    const QMimeType mime = QMimeDatabase().mimeTypeForName(type);
    const QString suffix = mime.isValid() ? mime.preferredSuffix().toLower() : QString();
    return suffix.isEmpty() ? QString() : u'.' + suffix;
}

bool isTaken(const QString &path, const QSet<QString> *reserved)
{
    if (reserved && reserved->contains(path))
        return true;
    // isSymLink() also catches a dangling link, which exists() does not: writing through it
    // would create a file wherever it points.
    const QFileInfo file(path);
    if (file.exists() || file.isSymLink())
        return true;
    return PartFile::isTaken(path);
}

} // namespace

QString FileNames::sanitize(const QString &name, const QString &fallback, int maxBytes)
{
    const NameParts parts = cleanParts(name);
    QString result = assemble(parts, maxBytes);
    if (!result.isEmpty())
        return result;

    // Nothing left of the name: the fallback, with the name's extension when it had one
    // ("" + ".mp4" gives "download.mp4").
    NameParts substitute = cleanParts(fallback);
    if (substitute.stem.isEmpty())
        substitute = { u"download"_s, QString() };
    if (!parts.ext.isEmpty() && substitute.ext != parts.ext) {
        if (!substitute.ext.isEmpty())
            substitute.stem = substitute.stem % u'.' % substitute.ext;
        substitute.ext = parts.ext;
    }
    result = assemble(substitute, maxBytes);
    return result.isEmpty() ? u"download"_s : result;
}

QString FileNames::extensionFor(const QUrl &url, const QString &contentType,
                                const QString &fallback)
{
    const QString fromUrl = extensionFromUrl(url);
    if (!fromUrl.isEmpty() && !isScriptExtension(QStringView(fromUrl).mid(1)))
        return fromUrl;
    const QString fromType = extensionFromContentType(contentType);
    if (!fromType.isEmpty())
        return fromType;
    return fromUrl.isEmpty() ? fallback : fromUrl;
}

QString FileNames::nameForUrl(const QUrl &url)
{
    // "/videos/" names "videos"; "/" names the host.
    QString segment = url.fileName();
    if (segment.isEmpty()) {
        const QStringList segments = url.path().split(u'/', Qt::SkipEmptyParts);
        if (!segments.isEmpty())
            segment = segments.last();
    }
    const QString host = url.host();
    return sanitize(segment, host.isEmpty() ? u"download"_s : host);
}

QString FileNames::numbered(const QString &name, int n)
{
    if (n <= 1)
        return name;
    const NameParts parts = splitExtension(name);
    return parts.stem % " ("_L1 % QString::number(n) % u')'
            % (parts.ext.isEmpty() ? QString() : u'.' + parts.ext);
}

QString FileNames::uniquePath(const QString &dir, const QString &name, QSet<QString> *reserved)
{
    QString base = dir.isEmpty() ? u"."_s : QDir::cleanPath(dir);
    if (!base.endsWith(u'/'))
        base.append(u'/');

    // Sanitizing again costs little and keeps the promise for callers that did not.
    const QString safe = sanitize(name);
    for (int n = 1;; ++n) {
        const QString path = base + numbered(safe, n);
        if (isTaken(path, reserved))
            continue;
        if (reserved)
            reserved->insert(path);
        return path;
    }
}

} // namespace qcrawl
