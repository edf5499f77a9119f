#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <QUrl>

namespace qcrawl {

// Turns pasted text into a list of URLs to fetch. Shared by the CLI and the GUI.
//
// - URLs are separated by newlines or any whitespace; blank lines are skipped;
// - '#' at the start of a token starts a comment that runs to the end of the line;
// - a bare host such as "www.baidu.com" or "localhost:8080/x" becomes "http://www.baidu.com";
// - only http and https are accepted, with a non-empty host;
// - every rejected token is reported with its 1-based line number and a reason;
// - duplicates (same URL after normalisation) are reported and kept once (the first).
struct ParsedUrl
{
    QUrl url;
    int line = 0;
};

struct RejectedLine
{
    int line = 0;
    QString text; // the offending token as written
    QString reason; // one short sentence, e.g. "unsupported scheme \"ftp\" (only http and https)"
};

struct DuplicateUrl
{
    int line = 0;
    int firstLine = 0; // where the URL was first seen
    QUrl url;
};

struct UrlParseResult
{
    QList<ParsedUrl> urls;
    QList<RejectedLine> rejected;
    QList<DuplicateUrl> duplicates;

    QList<QUrl> urlList() const;
};

class UrlListParser final
{
public:
    static UrlParseResult parse(QStringView text);

    // Parses one token (no whitespace). Returns an invalid QUrl and sets *reason when rejected.
    static QUrl parseToken(QStringView token, QString *reason = nullptr);
};

} // namespace qcrawl
