#pragma once

#include "fetch/fetchtypes.h"

#include <optional>

#include <QString>

namespace qcrawl {

// The rows `fetch` and `resume` print on stdout: a table for people, JSONL or CSV for programs.
class ResultPrinter final
{
public:
    enum class Format { Table, JsonLines, Csv };

    // "table", "jsonl", "csv"; nullopt for anything else.
    static std::optional<Format> formatFromName(QStringView name);
    static QString formatName(Format format);
    // A table on a terminal, JSONL otherwise.
    static Format defaultFormat();

    ResultPrinter(Format format, FetchMode mode);

    void printHeader() const; // the table's or the CSV's header line; nothing for JSONL
    void print(const FetchResult &result) const;
    QByteArray row(const FetchResult &result) const; // what print() writes

private:
    Format m_format;
    FetchMode m_mode;
};

} // namespace qcrawl
