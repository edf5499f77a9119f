#include "optionparsing.h"

#include "console.h"
#include "hls/hlsplaylist.h"

#include <limits>

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace qcrawl {

QList<QCommandLineOption> OptionParsing::requestOptionDefinitions()
{
    return {
        { u"per-host"_s, u"At most N requests in flight per host (default: no limit)."_s, u"N"_s },
        { u"timeout"_s, u"Give up on a request after SECONDS without progress (default 30)."_s,
          u"SECONDS"_s },
        { { u"Y"_s, u"speed-limit"_s },
          u"Give up on a request slower than BYTES a second over --speed-time (default: no "
          u"limit)."_s,
          u"BYTES"_s },
        { { u"y"_s, u"speed-time"_s },
          u"The time --speed-limit measures over (default 30)."_s,
          u"SECONDS"_s },
        { u"max-time"_s,
          u"Give up on a request after SECONDS in all, redirects included (default: no "
          u"limit)."_s,
          u"SECONDS"_s },
        { u"retries"_s,
          u"Retries on connection errors, 429 and 5xx (default 2), after 0.5, 1, 2 s... or the "
          u"server's Retry-After, never more than 30 s."_s,
          u"N"_s },
        { u"proxy"_s,
          u"Proxy URL (http://host:port, socks5://host:port) or \"none\"; default: from the environment."_s,
          u"URL"_s },
        { u"user-agent"_s, u"User-Agent header (default: a desktop Chrome)."_s, u"TEXT"_s },
        { u"cacert"_s, u"Trust the CA certificates in FILE (PEM) instead of the system's."_s,
          u"FILE"_s },
        { { u"k"_s, u"insecure"_s },
          u"Do not check TLS certificates or host names (unsafe; warns on stderr)."_s },
        { u"http1.1"_s, u"Use HTTP/1.1 only."_s },
        { u"http2"_s,
          u"Prefer HTTP/2 (over TLS by ALPN, plain http:// by upgrade); default: HTTP/2 for "
          u"https:// when the server offers it."_s },
        { u"max-filesize"_s,
          u"Fail a body larger than BYTES after decoding (suffixes k, M, G); keep no file."_s,
          u"BYTES"_s },
        { u"qt-http"_s,
          u"Send every request through Qt's own HTTP client instead of libcurl (to compare)."_s },
        { { u"H"_s, u"header"_s }, u"Extra request header, repeatable."_s, u"Name: value"_s },
    };
}

qint64 OptionParsing::byteCount(const QString &text)
{
    QString digits = text.trimmed();
    qint64 unit = 1;
    if (!digits.isEmpty()) {
        switch (digits.back().toLower().unicode()) {
        case u'k':
            unit = qint64(1) << 10;
            break;
        case u'm':
            unit = qint64(1) << 20;
            break;
        case u'g':
            unit = qint64(1) << 30;
            break;
        default:
            break;
        }
        if (unit > 1)
            digits.chop(1);
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value <= 0 || value > std::numeric_limits<qint64>::max() / unit)
        return -1;
    return value * unit;
}

bool OptionParsing::number(const QCommandLineParser &parser, const QString &name, int min, int *out,
                           QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < min) {
        *error = u"--%1 wants a whole number of at least %2, not \"%3\""_s.arg(name).arg(min).arg(
                parser.value(name));
        return false;
    }
    *out = value;
    return true;
}

bool OptionParsing::requestOptions(const QCommandLineParser &parser, FetchOptions *options,
                                   QString *error)
{
    if (!number(parser, u"per-host"_s, 0, &options->perHostLimit, error)
        || !number(parser, u"retries"_s, 0, &options->retries, error))
        return false;
    if (parser.isSet(u"timeout"_s)) {
        bool ok = false;
        const double seconds = parser.value(u"timeout"_s).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 86400) {
            *error = u"--timeout wants seconds (for example 30 or 0.5), not \"%1\""_s.arg(
                    parser.value(u"timeout"_s));
            return false;
        }
        options->stallTimeoutMs = std::max(1, int(seconds * 1000));
    }
    const auto seconds = [&](const QString &name, int *ms) {
        if (!parser.isSet(name))
            return true;
        bool ok = false;
        const double value = parser.value(name).toDouble(&ok);
        if (!ok || value <= 0 || value > 86400) {
            *error = u"--%1 wants seconds (for example 30 or 0.5), not \"%2\""_s.arg(
                    name, parser.value(name));
            return false;
        }
        *ms = std::max(1, int(value * 1000));
        return true;
    };
    if (!seconds(u"speed-time"_s, &options->speedTimeMs)
        || !seconds(u"max-time"_s, &options->maxTimeMs))
        return false;
    if (parser.isSet(u"speed-limit"_s)) {
        const qint64 bytes = byteCount(parser.value(u"speed-limit"_s));
        if (bytes <= 0) {
            *error = u"--speed-limit wants bytes a second such as 1000 or 10k, not \"%1\""_s.arg(
                    parser.value(u"speed-limit"_s));
            return false;
        }
        options->speedLimit = bytes;
    }
    if (parser.isSet(u"qt-http"_s))
        options->qtHttp = true;
    if (parser.isSet(u"http1.1"_s) && parser.isSet(u"http2"_s)) {
        *error = u"--http1.1 and --http2 exclude each other"_s;
        return false;
    }
    if (parser.isSet(u"http1.1"_s))
        options->httpVersion = HttpVersion::Http1_1;
    if (parser.isSet(u"http2"_s))
        options->httpVersion = HttpVersion::Http2;
    if (parser.isSet(u"cacert"_s)) {
        const QString file = parser.value(u"cacert"_s);
        if (!QFileInfo(file).isReadable()) {
            *error = u"--cacert: cannot read \"%1\""_s.arg(file);
            return false;
        }
        options->caCertFile = QFileInfo(file).absoluteFilePath();
    }
    options->insecure = parser.isSet(u"insecure"_s);
    if (parser.isSet(u"max-filesize"_s)) {
        const qint64 bytes = byteCount(parser.value(u"max-filesize"_s));
        if (bytes <= 0) {
            *error = u"--max-filesize wants a size in bytes such as 5000000 or 20M, not \"%1\""_s
                             .arg(parser.value(u"max-filesize"_s));
            return false;
        }
        options->maxFileSize = bytes;
    }
    if (parser.isSet(u"proxy"_s) && !options->setProxy(parser.value(u"proxy"_s), error))
        return false;
    if (options->insecure)
        console::writeErr(u"qcrawl-cli: warning: --insecure: TLS certificates are not checked"_s);
    if (parser.isSet(u"user-agent"_s))
        options->userAgent = parser.value(u"user-agent"_s).toUtf8();
    for (const QString &header : parser.values(u"header"_s)) {
        if (!options->addHeader(header, error))
            return false;
    }
    return true;
}

QList<QCommandLineOption> OptionParsing::hlsOptionDefinitions()
{
    return {
        { u"hls-variant"_s,
          u"Which variant of an HLS master playlist to save: best, worst, a bandwidth in bit/s "
          u"(800000) or a height (720p) (default best)."_s,
          u"V"_s },
        { u"hls-concurrency"_s, u"HLS segments fetched at a time per video (default 8)."_s,
          u"N"_s },
        { u"hls-keep-ts"_s,
          u"Keep an HLS video's MPEG-TS as <name>.ts instead of remuxing it to <name>.mp4 with "
          u"ffmpeg."_s },
    };
}

bool OptionParsing::hlsOptions(const QCommandLineParser &parser, FetchOptions *options,
                               QString *error)
{
    if (!number(parser, u"hls-concurrency"_s, 1, &options->hlsConcurrency, error))
        return false;
    if (parser.isSet(u"hls-variant"_s)) {
        const QString spec = parser.value(u"hls-variant"_s);
        if (!HlsVariantChoice::isValidSpec(spec)) {
            *error = u"--hls-variant wants best, worst, a bandwidth (800000) or a height (720p), "
                     u"not \"%1\""_s.arg(spec);
            return false;
        }
        options->hlsVariant = spec;
    }
    options->hlsKeepTs = parser.isSet(u"hls-keep-ts"_s);
    return true;
}

} // namespace qcrawl
