#include "hlsplaylist.h"

#include <cmath>
#include <limits>

#include <QHash>

using namespace Qt::StringLiterals;

namespace qcrawl::HlsPlaylist {

namespace {

constexpr qint64 MaxInt64 = std::numeric_limits<qint64>::max();

QByteArrayView withoutBom(QByteArrayView text)
{
    return text.startsWith("\xEF\xBB\xBF") ? text.sliced(3) : text;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// The white space QByteArrayView::trimmed() takes away.
bool isWhiteSpace(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// "#EXTM3U" and nothing but white space after it, as looksLikePlaylist() and parse() read the
// first line (the rest of the text, for looksLikePlaylist()).
bool startsWithHeader(QByteArrayView text)
{
    return text.startsWith("#EXTM3U") && (text.size() == 7 || isWhiteSpace(text[7]));
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

// A relative reference that RFC 3986 resolution only appends to the base's folder: letters,
// digits and "-._~" in segments that are not "." or "..", not starting with "/". Whatever else
// (a query, an escape, a scheme) goes through QUrl::resolved().
bool isPlainRelativePath(QByteArrayView text)
{
    if (text.isEmpty() || text[0] == '/')
        return false;
    qsizetype segmentStart = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '/') {
            const QByteArrayView segment = text.sliced(segmentStart, i - segmentStart);
            if (segment == "." || segment == "..")
                return false;
            segmentStart = i + 1;
            continue;
        }
        const char c = text[i];
        if (!isDigit(c) && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '-'
            && c != '.' && c != '_' && c != '~')
            return false;
    }
    return true;
}

// A decimal-integer (RFC 8216 4.2): digits only, no sign. The RFC allows up to 2^64 - 1; what does
// not fit in a qint64 is refused rather than wrapped.
std::optional<qint64> decimalInteger(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    qint64 n = 0;
    for (const char c : text) {
        if (!isDigit(c))
            return std::nullopt;
        const int digit = c - '0';
        if (n > (MaxInt64 - digit) / 10)
            return std::nullopt;
        n = n * 10 + digit;
    }
    return n;
}

std::optional<int> decimalInt(QByteArrayView text)
{
    const auto n = decimalInteger(text);
    if (!n || *n > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(*n);
}

// A decimal-floating-point without a sign ("10", "9.97", "10."): checked by hand because
// toDouble() also takes signs, exponents, "inf" and "nan", none of which is a duration.
std::optional<double> decimalFloat(QByteArrayView text)
{
    qsizetype digits = 0;
    bool dot = false;
    for (const char c : text) {
        if (isDigit(c))
            ++digits;
        else if (c == '.' && !dot)
            dot = true;
        else
            return std::nullopt;
    }
    if (digits == 0)
        return std::nullopt;
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// "<n>[@<o>]", as EXT-X-BYTERANGE and EXT-X-MAP's BYTERANGE write it. offset is -1 when absent.
// A range holds one byte at least and ends within qint64.
std::optional<ByteRange> byteRange(QByteArrayView text)
{
    const qsizetype at = text.indexOf('@');
    ByteRange range;
    const auto length = decimalInteger(at < 0 ? text : text.first(at));
    if (!length || *length < 1)
        return std::nullopt;
    range.length = *length;
    if (at >= 0) {
        const auto offset = decimalInteger(text.sliced(at + 1));
        if (!offset || *offset > MaxInt64 - range.length)
            return std::nullopt;
        range.offset = *offset;
    }
    return range;
}

// IV=0x followed by exactly 32 hex digits: 16 bytes. An IV of another length would decrypt every
// block wrong, so it is refused rather than padded.
std::optional<QByteArray> initializationVector(QByteArrayView text)
{
    if (text.size() != 34 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        return std::nullopt;
    QByteArray iv(16, '\0');
    for (int i = 0; i < 16; ++i) {
        const int high = hexValue(text[2 + 2 * i]);
        const int low = hexValue(text[3 + 2 * i]);
        if (high < 0 || low < 0)
            return std::nullopt;
        iv[i] = char(high * 16 + low);
    }
    return iv;
}

// An attribute-list (RFC 8216 4.2): NAME=VALUE pairs separated by commas, where a quoted string
// may hold commas. Quotes are not required where the RFC asks for them (nor refused where it does
// not): servers get this wrong, and the value reads the same either way. Spaces around names,
// values and commas are skipped. The views point into the line being parsed.
class AttributeList
{
public:
    bool parse(QByteArrayView text)
    {
        qsizetype i = 0;
        const qsizetype n = text.size();
        const auto skipSpaces = [&] {
            while (i < n && isSpace(text[i]))
                ++i;
        };
        while (true) {
            skipSpaces();
            if (i == n)
                return true; // an empty list, or a trailing comma
            const qsizetype nameStart = i;
            while (i < n && text[i] != '=' && text[i] != ',' && text[i] != '"')
                ++i;
            if (i == n || text[i] != '=')
                return false;
            const QByteArrayView name = text.sliced(nameStart, i - nameStart).trimmed();
            if (name.isEmpty())
                return false;
            ++i;
            skipSpaces();
            QByteArrayView value;
            if (i < n && text[i] == '"') {
                const qsizetype close = text.indexOf('"', i + 1);
                if (close < 0)
                    return false;
                value = text.sliced(i + 1, close - i - 1);
                i = close + 1;
                skipSpaces();
            } else {
                const qsizetype valueStart = i;
                while (i < n && text[i] != ',' && text[i] != '"')
                    ++i;
                value = text.sliced(valueStart, i - valueStart).trimmed();
            }
            if (i < n && text[i] != ',')
                return false;
            m_attributes.append({ name, value });
            if (i < n)
                ++i;
        }
    }

    // The first attribute of that name (the RFC forbids repeating one).
    std::optional<QByteArrayView> value(QByteArrayView name) const
    {
        for (const Attribute &attribute : m_attributes) {
            if (attribute.name == name)
                return attribute.value;
        }
        return std::nullopt;
    }

    QString string(QByteArrayView name) const
    {
        const auto text = value(name);
        return text ? QString::fromUtf8(*text) : QString();
    }

private:
    struct Attribute
    {
        QByteArrayView name;
        QByteArrayView value;
    };
    QList<Attribute> m_attributes;
};

// One pass over the lines. Tags that describe the next segment (EXTINF, EXT-X-BYTERANGE,
// EXT-X-DISCONTINUITY) are kept as pending until its URI line; tags that last (EXT-X-KEY,
// EXT-X-MAP) are kept as the current key and map.
class Parser
{
public:
    Parser(const QUrl &baseUrl, QString *error)
        : m_base(baseUrl)
        , m_error(error)
    {
        // What a plain file name resolves to, for resolve()'s shortcut: the base's folder with
        // its dot segments removed, without query or fragment.
        if ((m_base.scheme() == u"http" || m_base.scheme() == u"https")
            && !m_base.host().isEmpty()) {
            const QUrl probe = m_base.resolved(QUrl(u"x"_s));
            const QString path = probe.path(QUrl::FullyEncoded);
            if (probe.isValid() && path.endsWith(u"/x")) {
                m_folderUrl = probe;
                m_folderPath = path.chopped(1);
            }
        }
    }

    std::optional<Playlist> run(QByteArrayView text)
    {
        if (text.size() > MaxBytes) {
            setError(u"playlist is larger than %1 MiB"_s.arg(MaxBytes / (1024 * 1024)));
            return std::nullopt;
        }
        text = withoutBom(text);
        qsizetype pos = 0;
        while (pos <= text.size()) {
            ++m_line;
            qsizetype end = text.indexOf('\n', pos);
            if (end < 0)
                end = text.size();
            const QByteArrayView rawLine = text.sliced(pos, end - pos);
            pos = end + 1;
            if (m_line == 1) {
                if (!startsWithHeader(rawLine)) {
                    fail(m_line, u"not an HLS playlist (no #EXTM3U)"_s);
                    return std::nullopt;
                }
                continue;
            }
            // trimmed() also takes the CR of a CRLF line end.
            const QByteArrayView line = rawLine.trimmed();
            if (line.isEmpty())
                continue;
            const bool ok =
                    line.startsWith('#') ? (!line.startsWith("#EXT") || tag(line)) : uriLine(line);
            if (!ok)
                return std::nullopt;
        }
        if (m_hasExtinf || m_hasRange || m_hasVariant) {
            if (m_hasExtinf)
                fail(m_extinfLine, u"EXTINF without a URI"_s);
            else if (m_hasRange)
                fail(m_rangeLine, u"EXT-X-BYTERANGE without a URI"_s);
            else
                fail(m_variantLine, u"EXT-X-STREAM-INF without a URI"_s);
            return std::nullopt;
        }
        m_playlist.kind = m_sawVariant ? Playlist::Kind::Master : Playlist::Kind::Media;
        return std::move(m_playlist);
    }

private:
    void setError(const QString &message)
    {
        if (m_error)
            *m_error = message;
    }

    // Always false, so that a check reads "return fail(...)".
    bool fail(qsizetype line, const QString &message)
    {
        setError(u"line %1: %2"_s.arg(line).arg(message));
        return false;
    }

    // True (and the error set) when a list of count entries is full.
    bool tooMany(qsizetype count)
    {
        if (count < MaxEntries)
            return false;
        fail(m_line, u"playlist has more than %1 entries"_s.arg(MaxEntries));
        return true;
    }

    bool tag(QByteArrayView line)
    {
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView name = colon < 0 ? line : line.first(colon);
        const QByteArrayView value =
                colon < 0 ? QByteArrayView() : line.sliced(colon + 1).trimmed();
        MediaPlaylist &media = m_playlist.media;
        if (name == "#EXTINF")
            return extinf(value);
        if (name == "#EXT-X-BYTERANGE") {
            const auto range = byteRange(value);
            if (!range)
                return fail(m_line, u"invalid EXT-X-BYTERANGE"_s);
            m_hasRange = true;
            m_rangeLine = m_line;
            m_range = *range;
            return true;
        }
        if (name == "#EXT-X-DISCONTINUITY") {
            m_discontinuity = true;
            return true;
        }
        if (name == "#EXT-X-KEY")
            return key(value);
        if (name == "#EXT-X-MAP")
            return map(value);
        if (name == "#EXT-X-TARGETDURATION") {
            const auto duration = decimalFloat(value);
            if (!duration)
                return fail(m_line, u"invalid EXT-X-TARGETDURATION"_s);
            media.targetDuration = *duration;
            return true;
        }
        if (name == "#EXT-X-MEDIA-SEQUENCE") {
            // The sequence numbers are AES-128's IVs when a key has none: one taken from a tag
            // after the first segment would decrypt the segments before it wrong.
            if (m_sawExtinf)
                return fail(m_line, u"EXT-X-MEDIA-SEQUENCE after the first segment"_s);
            const auto sequence = decimalInteger(value);
            if (!sequence)
                return fail(m_line, u"invalid EXT-X-MEDIA-SEQUENCE"_s);
            media.mediaSequence = *sequence;
            return true;
        }
        if (name == "#EXT-X-PLAYLIST-TYPE") {
            // Only informative for a download: a value the RFC does not name is left out.
            if (equalsNoCase(value, "VOD"))
                media.playlistType = u"VOD"_s;
            else if (equalsNoCase(value, "EVENT"))
                media.playlistType = u"EVENT"_s;
            return true;
        }
        if (name == "#EXT-X-ENDLIST") {
            media.endList = true;
            return true;
        }
        if (name == "#EXT-X-STREAM-INF")
            return streamInf(value);
        if (name == "#EXT-X-MEDIA")
            return rendition(value);
        // EXT-X-VERSION, EXT-X-I-FRAME-STREAM-INF (trick play), EXT-X-PROGRAM-DATE-TIME and
        // whatever a later RFC adds change nothing in what is downloaded.
        return true;
    }

    bool extinf(QByteArrayView value)
    {
        if (m_sawVariant)
            return mixed();
        if (m_hasExtinf)
            return fail(m_extinfLine, u"EXTINF without a URI"_s);
        const qsizetype comma = value.indexOf(',');
        const auto duration = decimalFloat((comma < 0 ? value : value.first(comma)).trimmed());
        if (!duration)
            return fail(m_line, u"invalid EXTINF duration"_s);
        m_hasExtinf = true;
        m_sawExtinf = true;
        m_extinfLine = m_line;
        m_duration = *duration;
        return true;
    }

    bool mixed()
    {
        return fail(m_line, u"a master playlist (EXT-X-STREAM-INF) mixed with segments (EXTINF)"_s);
    }

    bool attributes(AttributeList *list, QByteArrayView value)
    {
        return list->parse(value) || fail(m_line, u"malformed attribute list"_s);
    }

    bool missing(const char *tagName, const char *attribute)
    {
        return fail(
                m_line,
                u"%1 without %2"_s.arg(QLatin1StringView(tagName), QLatin1StringView(attribute)));
    }

    bool invalid(const char *what)
    {
        return fail(m_line, u"invalid %1"_s.arg(QLatin1StringView(what)));
    }

    bool key(QByteArrayView value)
    {
        AttributeList list;
        if (!attributes(&list, value))
            return false;
        const auto method = list.value("METHOD");
        if (!method || method->isEmpty())
            return missing("EXT-X-KEY", "METHOD");
        if (equalsNoCase(*method, "NONE")) {
            m_keyIndex = -1;
            m_keySinceSegment = true;
            return true;
        }
        Key key;
        key.methodName = QString::fromUtf8(*method);
        if (equalsNoCase(*method, "AES-128"))
            key.method = Key::Method::Aes128;
        else if (equalsNoCase(*method, "SAMPLE-AES"))
            key.method = Key::Method::SampleAes;
        else
            key.method = Key::Method::Other;
        const auto uri = list.value("URI");
        if (!uri)
            return missing("EXT-X-KEY", "URI");
        if (!resolve(*uri, &key.uri))
            return false;
        if (const auto ivText = list.value("IV")) {
            const auto iv = initializationVector(*ivText);
            if (!iv)
                return fail(m_line, u"invalid IV (not 0x and 32 hex digits)"_s);
            key.iv = *iv;
        }
        const auto format = list.value("KEYFORMAT");
        if (format && !equalsNoCase(*format, "identity"))
            key.keyFormat = QString::fromUtf8(*format);

        // A packager that writes the key before every segment repeats one tag: one key.
        const QString identity = key.methodName % u'\n' % key.uri.toString(QUrl::FullyEncoded)
                % u'\n' % QString::fromLatin1(key.iv.toHex()) % u'\n' % key.keyFormat;
        int index = m_keyIndexes.value(identity, -1);
        if (index < 0) {
            if (tooMany(m_playlist.media.keys.size()))
                return false;
            index = int(m_playlist.media.keys.size());
            m_playlist.media.keys.append(key);
            m_keyIndexes.insert(identity, index);
        }
        // Several EXT-X-KEY tags in a row are the same encryption offered to different key
        // systems (RFC 8216 4.3.2.4). Keep the one this downloader can use: the identity format.
        const bool keepCurrent = m_keySinceSegment && m_keyIndex >= 0
                && m_playlist.media.keys.at(m_keyIndex).keyFormat.isEmpty()
                && !key.keyFormat.isEmpty();
        if (!keepCurrent)
            m_keyIndex = index;
        m_keySinceSegment = true;
        return true;
    }

    bool map(QByteArrayView value)
    {
        AttributeList list;
        if (!attributes(&list, value))
            return false;
        const auto uri = list.value("URI");
        if (!uri)
            return missing("EXT-X-MAP", "URI");
        InitSection map;
        if (!resolve(*uri, &map.uri))
            return false;
        if (const auto rangeText = list.value("BYTERANGE")) {
            const auto range = byteRange(*rangeText);
            if (!range)
                return invalid("BYTERANGE in EXT-X-MAP");
            map.range = *range;
            // The RFC requires the offset here; a server that leaves it out means the start.
            if (!map.range.isSet())
                map.range.offset = 0;
        }
        map.keyIndex = m_keyIndex;

        // The same map repeated (after each discontinuity, say) is one init section to fetch.
        const QString identity = map.uri.toString(QUrl::FullyEncoded) % u'\n'
                % QString::number(map.range.offset) % u'+' % QString::number(map.range.length)
                % u'\n' % QString::number(map.keyIndex);
        int index = m_mapIndexes.value(identity, -1);
        if (index < 0) {
            if (tooMany(m_playlist.media.maps.size()))
                return false;
            index = int(m_playlist.media.maps.size());
            m_playlist.media.maps.append(map);
            m_mapIndexes.insert(identity, index);
        }
        m_mapIndex = index;
        return true;
    }

    bool streamInf(QByteArrayView value)
    {
        if (m_sawExtinf)
            return mixed();
        if (m_hasVariant)
            return fail(m_variantLine, u"EXT-X-STREAM-INF without a URI"_s);
        AttributeList list;
        if (!attributes(&list, value))
            return false;
        Variant variant;
        const auto bandwidth = list.value("BANDWIDTH");
        if (!bandwidth)
            return missing("EXT-X-STREAM-INF", "BANDWIDTH");
        const auto bandwidthValue = decimalInteger(*bandwidth);
        if (!bandwidthValue)
            return invalid("BANDWIDTH");
        variant.bandwidth = *bandwidthValue;
        if (const auto average = list.value("AVERAGE-BANDWIDTH")) {
            const auto averageValue = decimalInteger(*average);
            if (!averageValue)
                return invalid("AVERAGE-BANDWIDTH");
            variant.averageBandwidth = *averageValue;
        }
        if (const auto resolution = list.value("RESOLUTION")) {
            qsizetype x = resolution->indexOf('x');
            if (x < 0)
                x = resolution->indexOf('X');
            const auto width = x < 0 ? std::nullopt : decimalInt(resolution->first(x));
            const auto height = x < 0 ? std::nullopt : decimalInt(resolution->sliced(x + 1));
            if (!width || !height)
                return invalid("RESOLUTION");
            variant.width = *width;
            variant.height = *height;
        }
        if (const auto frameRate = list.value("FRAME-RATE")) {
            const auto frameRateValue = decimalFloat(*frameRate);
            if (!frameRateValue)
                return invalid("FRAME-RATE");
            variant.frameRate = *frameRateValue;
        }
        variant.codecs = list.string("CODECS");
        variant.audioGroup = list.string("AUDIO");
        m_variant = variant;
        m_hasVariant = true;
        m_sawVariant = true;
        m_variantLine = m_line;
        return true;
    }

    bool rendition(QByteArrayView value)
    {
        AttributeList list;
        if (!attributes(&list, value))
            return false;
        Rendition rendition;
        const auto type = list.value("TYPE");
        if (!type || type->isEmpty())
            return missing("EXT-X-MEDIA", "TYPE");
        const auto groupId = list.value("GROUP-ID");
        if (!groupId || groupId->isEmpty())
            return missing("EXT-X-MEDIA", "GROUP-ID");
        rendition.type = QString::fromUtf8(*type);
        rendition.groupId = QString::fromUtf8(*groupId);
        rendition.name = list.string("NAME");
        rendition.language = list.string("LANGUAGE");
        if (const auto uri = list.value("URI")) {
            if (!resolve(*uri, &rendition.uri))
                return false;
        }
        rendition.isDefault = equalsNoCase(list.value("DEFAULT").value_or(""), "YES");
        rendition.autoSelect = equalsNoCase(list.value("AUTOSELECT").value_or(""), "YES");
        if (tooMany(m_playlist.master.renditions.size()))
            return false;
        m_playlist.master.renditions.append(rendition);
        return true;
    }

    bool uriLine(QByteArrayView line)
    {
        if (!m_hasVariant && !m_hasExtinf)
            return fail(m_line, u"a URI without EXTINF"_s);
        QUrl url;
        if (!resolve(line, &url))
            return false;
        if (m_hasVariant) {
            if (tooMany(m_playlist.master.variants.size()))
                return false;
            m_variant.uri = url;
            m_playlist.master.variants.append(m_variant);
            m_hasVariant = false;
            return true;
        }
        QList<Segment> &segments = m_playlist.media.segments;
        if (tooMany(segments.size()))
            return false;
        Segment segment;
        segment.uri = url;
        segment.duration = m_duration;
        if (m_playlist.media.mediaSequence > MaxInt64 - segments.size())
            return fail(m_line, u"media sequence number overflows"_s);
        segment.sequence = m_playlist.media.mediaSequence + segments.size();
        if (m_hasRange) {
            segment.range = m_range;
            if (!segment.range.isSet()) {
                // No offset: the range goes on from the previous segment's, in the same resource.
                const Segment *previous = segments.isEmpty() ? nullptr : &segments.constLast();
                if (!previous || !previous->range.isSet() || previous->uri != url) {
                    return fail(m_rangeLine,
                                u"EXT-X-BYTERANGE without an offset and no previous range of the "
                                "same URI"_s);
                }
                // The previous range ends within qint64 (checked when it was made).
                const qint64 offset = previous->range.offset + previous->range.length;
                if (offset > MaxInt64 - segment.range.length)
                    return fail(m_rangeLine, u"invalid EXT-X-BYTERANGE"_s);
                segment.range.offset = offset;
            }
        }
        segment.keyIndex = m_keyIndex;
        segment.mapIndex = m_mapIndex;
        segment.discontinuity = m_discontinuity;
        segments.append(std::move(segment));
        m_hasExtinf = false;
        m_hasRange = false;
        m_discontinuity = false;
        m_keySinceSegment = false;
        return true;
    }

    // The URI resolved against the playlist's URL; false (and the error set) when that makes no
    // absolute URL: a relative one (no base), an empty one, an invalid host, or http: without a
    // host. Segments of one resource (byte ranges) repeat their URI: it is resolved once.
    bool resolve(QByteArrayView text, QUrl *url)
    {
        if (!m_lastUriText.isNull() && text == m_lastUriText) {
            *url = m_lastUri;
            return true;
        }
        QUrl resolved;
        if (!m_folderPath.isEmpty() && isPlainRelativePath(text)) {
            // The common case, a segment's file name, without parsing a URL and merging paths
            // (parsing and QUrl::resolved() take about three times as long).
            resolved = m_folderUrl;
            resolved.setPath(m_folderPath + QString::fromLatin1(text), QUrl::TolerantMode);
        } else if (!text.isEmpty()) {
            const QUrl relative = QUrl::fromEncoded(text.toByteArray(), QUrl::TolerantMode);
            if (relative.isValid())
                resolved = m_base.resolved(relative);
        }
        const bool http = resolved.scheme() == u"http" || resolved.scheme() == u"https";
        if (!resolved.isValid() || resolved.isRelative() || (http && resolved.host().isEmpty()))
            return fail(m_line, u"invalid URI"_s);
        m_lastUriText = text.toByteArray();
        m_lastUri = resolved;
        *url = resolved;
        return true;
    }

    const QUrl m_base;
    QUrl m_folderUrl;
    QString m_folderPath; // "/video/hls/"; empty: no shortcut
    QString *const m_error;
    Playlist m_playlist;
    qsizetype m_line = 0;

    // The next segment's tags, until its URI line.
    bool m_hasExtinf = false;
    qsizetype m_extinfLine = 0;
    double m_duration = 0;
    bool m_hasRange = false;
    qsizetype m_rangeLine = 0;
    ByteRange m_range;
    bool m_discontinuity = false;
    bool m_sawExtinf = false;

    int m_keyIndex = -1;
    bool m_keySinceSegment = false; // an EXT-X-KEY since the last segment
    QHash<QString, int> m_keyIndexes;
    int m_mapIndex = -1;
    QHash<QString, int> m_mapIndexes;

    // The variant whose URI line comes next.
    bool m_hasVariant = false;
    qsizetype m_variantLine = 0;
    Variant m_variant;
    bool m_sawVariant = false;

    QByteArray m_lastUriText;
    QUrl m_lastUri;
};

} // namespace

bool looksLikePlaylist(QByteArrayView head)
{
    // "#EXTM3UX" would be some other first line.
    return startsWithHeader(withoutBom(head));
}

bool isPlaylistMimeType(QStringView contentType)
{
    QStringView type = contentType;
    const qsizetype semicolon = type.indexOf(u';');
    if (semicolon >= 0)
        type = type.first(semicolon);
    type = type.trimmed();
    for (const QStringView name :
         { u"application/vnd.apple.mpegurl", u"audio/mpegurl", u"application/x-mpegurl",
           u"audio/x-mpegurl", u"application/mpegurl" }) {
        if (type.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<Playlist> parse(QByteArrayView text, const QUrl &baseUrl, QString *error)
{
    return Parser(baseUrl, error).run(text);
}

} // namespace qcrawl::HlsPlaylist
