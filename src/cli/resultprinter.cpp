#include "resultprinter.h"

#include "console.h"
#include "fetch/resultformat.h"
#include "util/units.h"

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

using namespace console;

QByteArray tableHeader()
{
    return (padded(u"#"_s, 6, true) + u"  "_s + padded(u"STATUS"_s, 6) + u"  "_s
            + padded(u"BYTES"_s, 10, true) + u"  "_s + padded(u"TIME"_s, 9, true) + u"  URL\n"_s)
            .toUtf8();
}

QByteArray tableRow(const FetchResult &r)
{
    QString line = padded(QString::number(r.index), 6, true) + u"  "_s
            + padded(r.hasResponse() ? QString::number(r.httpStatus) : u"-"_s, 6) + u"  "_s
            + padded(formatBytes(r.bytesReceived), 10, true) + u"  "_s
            + padded(formatDuration(r.elapsedMs()), 9, true) + u"  "_s + r.url.toDisplayString();
    if (!r.error.isEmpty())
        line += u"  ("_s + r.error.text() + u')';
    return forTerminal(line).toUtf8() + '\n';
}

} // namespace

std::optional<ResultPrinter::Format> ResultPrinter::formatFromName(QStringView name)
{
    if (name == u"table")
        return Format::Table;
    if (name == u"jsonl")
        return Format::JsonLines;
    if (name == u"csv")
        return Format::Csv;
    return std::nullopt;
}

QString ResultPrinter::formatName(Format format)
{
    switch (format) {
    case Format::Table:
        return u"table"_s;
    case Format::JsonLines:
        return u"jsonl"_s;
    case Format::Csv:
        return u"csv"_s;
    }
    return {};
}

ResultPrinter::Format ResultPrinter::defaultFormat()
{
    return isatty(fileno(stdout)) ? Format::Table : Format::JsonLines;
}

ResultPrinter::ResultPrinter(Format format, FetchMode mode)
    : m_format(format)
    , m_mode(mode)
{ }

void ResultPrinter::printHeader() const
{
    if (m_format == Format::Table)
        writeOut(tableHeader());
    else if (m_format == Format::Csv)
        writeOut(ResultFormat::csvHeader());
    std::fflush(stdout);
}

QByteArray ResultPrinter::row(const FetchResult &result) const
{
    switch (m_format) {
    case Format::Table:
        return tableRow(result);
    case Format::JsonLines:
        return ResultFormat::toJsonLine(result, m_mode);
    case Format::Csv:
        return ResultFormat::toCsvRow(result, m_mode);
    }
    return {};
}

void ResultPrinter::print(const FetchResult &result) const
{
    writeOut(row(result));
    if (m_format == Format::Table)
        std::fflush(stdout);
}

} // namespace qcrawl
