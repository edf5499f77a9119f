#pragma once

#include "fetch/fetchtypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace qcrawl {

// The product's machine-readable result shape, shared by `qcrawl-cli fetch` (JSONL, CSV) and the
// GUI's export: the keys index, url, final_url, status, bytes, content_type, started_ms,
// elapsed_ms, error, mode.
class ResultFormat final
{
public:
    static QStringList columns();
    static QJsonObject toJson(const FetchResult &result, FetchMode mode);
    static QByteArray toJsonLine(const FetchResult &result, FetchMode mode); // ends with '\n'
    static QByteArray csvHeader(); // ends with "\r\n"
    static QByteArray toCsvRow(const FetchResult &result, FetchMode mode);
    // RFC 4180 quoting, and a leading ' for a cell that starts like a formula (=, +, -, @, tab,
    // CR). Qt has no CSV writer; this is the whole of what one needs.
    static QString csvField(const QString &text);
};

} // namespace qcrawl
