#include "enginetext.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

struct Pattern
{
    QRegularExpression regex;
    const char *text; // translated with QCoreApplication::translate("EngineText", text)
};

const QList<Pattern> &patterns()
{
    // The messages of Transfer, FetchEngine, the harvester and the downloader, with their
    // arguments as capture groups (%1, %2...).
    static const QList<Pattern> list = {
        { QRegularExpression(u"^canceled$"_s), QT_TRANSLATE_NOOP("EngineText", "canceled") },
        { QRegularExpression(u"^connection refused$"_s),
          QT_TRANSLATE_NOOP("EngineText", "connection refused") },
        { QRegularExpression(u"^connection closed by the server$"_s),
          QT_TRANSLATE_NOOP("EngineText", "connection closed by the server") },
        { QRegularExpression(u"^host not found: (.*)$"_s),
          QT_TRANSLATE_NOOP("EngineText", "host not found: %1") },
        { QRegularExpression(u"^stalled: no data for (.*) s$"_s),
          QT_TRANSLATE_NOOP("EngineText", "stalled: no data for %1 s") },
        { QRegularExpression(u"^too many redirects \\(more than (\\d+)\\)$"_s),
          QT_TRANSLATE_NOOP("EngineText", "too many redirects (more than %1)") },
        { QRegularExpression(u"^refused a redirect from HTTPS to HTTP$"_s),
          QT_TRANSLATE_NOOP("EngineText", "refused a redirect from HTTPS to HTTP") },
        { QRegularExpression(u"^redirect to an unsupported URL: (.*)$"_s),
          QT_TRANSLATE_NOOP("EngineText", "redirect to an unsupported URL: %1") },
        { QRegularExpression(u"^incomplete body: (\\d+) of (\\d+) bytes$"_s),
          QT_TRANSLATE_NOOP("EngineText", "incomplete body: %1 of %2 bytes") },
        { QRegularExpression(u"^cannot write (.*?): (.*)$"_s),
          QT_TRANSLATE_NOOP("EngineText", "cannot write %1: %2") },
        { QRegularExpression(u"^no response$"_s), QT_TRANSLATE_NOOP("EngineText", "no response") },
        { QRegularExpression(u"^HTTP (\\d+) (.+)$"_s),
          QT_TRANSLATE_NOOP("EngineText", "HTTP %1 %2") },
        { QRegularExpression(u"^HTTP (\\d+)$"_s), QT_TRANSLATE_NOOP("EngineText", "HTTP %1") },
        { QRegularExpression(u"^no media URL$"_s),
          QT_TRANSLATE_NOOP("EngineText", "no media URL") },
        { QRegularExpression(u"^larger than (\\d+) bytes$"_s),
          QT_TRANSLATE_NOOP("EngineText", "larger than %1 bytes") },
        { QRegularExpression(u"^TLS handshake failed: (.*)$"_s),
          QT_TRANSLATE_NOOP("EngineText", "TLS handshake failed: %1") },
        { QRegularExpression(u"^the certificate of (.*) is not trusted \\((.*)\\)$"_s),
          QT_TRANSLATE_NOOP("EngineText", "the certificate of %1 is not trusted (%2)") },
    };
    return list;
}

} // namespace

QString EngineText::translate(const QString &message)
{
    if (message.isEmpty())
        return message;
    for (const Pattern &pattern : patterns()) {
        const QRegularExpressionMatch match = pattern.regex.match(message);
        if (!match.hasMatch())
            continue;
        QString text = QCoreApplication::translate("EngineText", pattern.text);
        // An argument can be a message of its own ("TLS handshake failed: the certificate...").
        for (int i = 1; i <= match.lastCapturedIndex(); ++i)
            text = text.arg(translate(match.captured(i)));
        return text;
    }
    return message; // anything else is shown as the engine wrote it
}

} // namespace qcrawl
