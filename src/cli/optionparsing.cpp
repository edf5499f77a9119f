#include "optionparsing.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

QList<QCommandLineOption> OptionParsing::requestOptionDefinitions()
{
    return {
        { u"per-host"_s, u"At most N requests in flight per host (default: no limit)."_s, u"N"_s },
        { u"timeout"_s, u"Give up on a request after SECONDS without progress (default 30)."_s,
          u"SECONDS"_s },
        { u"retries"_s, u"Retries on connection errors, 429 and 5xx (default 2)."_s, u"N"_s },
        { u"proxy"_s,
          u"Proxy URL (http://host:port, socks5://host:port) or \"none\"; default: from the environment."_s,
          u"URL"_s },
        { u"user-agent"_s, u"User-Agent header (default: a desktop Chrome)."_s, u"TEXT"_s },
        { u"qt-http"_s,
          u"Send plain http:// requests through Qt's own HTTP client too (slower; to compare)."_s },
        { { u"H"_s, u"header"_s }, u"Extra request header, repeatable."_s, u"Name: value"_s },
    };
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
    if (parser.isSet(u"qt-http"_s))
        options->fastHttp = false;
    if (parser.isSet(u"proxy"_s) && !options->setProxy(parser.value(u"proxy"_s), error))
        return false;
    if (parser.isSet(u"user-agent"_s))
        options->userAgent = parser.value(u"user-agent"_s).toUtf8();
    for (const QString &header : parser.values(u"header"_s)) {
        if (!options->addHeader(header, error))
            return false;
    }
    return true;
}

} // namespace qcrawl
