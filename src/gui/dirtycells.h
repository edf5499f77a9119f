#pragma once

#include <bitset>
#include <functional>
#include <utility>
#include <vector>

namespace qcrawl {

// The cells of a table that one update changed, coalesced into few rectangles for
// dataChanged(): one per run of consecutive rows that changed the same columns and per run of
// adjacent changed columns, or over every row when most rows changed. A row may be marked more
// than once; its columns add up.
class DirtyCells final
{
public:
    static constexpr int MaxColumns = 32;
    using Columns = std::bitset<MaxColumns>;

    void mark(int row, const Columns &columns) { m_marks.emplace_back(row, columns); }
    void reserve(size_t rows) { m_marks.reserve(rows); }

    // Hands every rectangle to emitRange(firstRow, lastRow, firstColumn, lastColumn), for a table
    // of rowCount rows, and forgets the marks. A column in `alone` is a rectangle of its own.
    void flush(int rowCount, const Columns &alone,
               const std::function<void(int, int, int, int)> &emitRange);

private:
    std::vector<std::pair<int, Columns>> m_marks;
};

} // namespace qcrawl
