#pragma once

#include "fetchtypes.h"

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
    // The options requestOptions() reads, for a command's parser.
    static QList<QCommandLineOption> requestOptionDefinitions();
    // --per-host, --retries, --timeout, --proxy, --user-agent, --qt-http and -H, into *options.
    static bool requestOptions(const QCommandLineParser &parser, FetchOptions *options,
                               QString *error);
};

} // namespace qcrawl
