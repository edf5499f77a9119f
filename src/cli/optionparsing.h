#pragma once

#include "fetch/fetchtypes.h"

#include <QCommandLineParser>
#include <QString>

namespace qcrawl {

// The option parsing that `fetch`, `compare` and `harvest` share. Each function returns false
// with *error set to the one line to print when a value is not acceptable.
class OptionParsing final
{
public:
    // An integer option of at least min; *out is left alone when the option is absent.
    static bool number(const QCommandLineParser &parser, const QString &name, int min, int *out,
                       QString *error);
    // "5000000", "20M", "1g": a byte count; -1 when not one.
    static qint64 byteCount(const QString &text);
    // The options requestOptions() reads, for a command's parser.
    static QList<QCommandLineOption> requestOptionDefinitions();
    // --per-host, --retries, --timeout, --proxy, --user-agent, --cacert, -k, --http1.1, --http2,
    // --max-filesize, --qt-http and -H, into *options (a warning on stderr for -k).
    static bool requestOptions(const QCommandLineParser &parser, FetchOptions *options,
                               QString *error);
    // --hls-variant, --hls-concurrency and --hls-keep-ts: how commands that save files save an
    // HLS video.
    static QList<QCommandLineOption> hlsOptionDefinitions();
    static bool hlsOptions(const QCommandLineParser &parser, FetchOptions *options, QString *error);
};

} // namespace qcrawl
