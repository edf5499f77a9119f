#include "dirtycells.h"

#include <algorithm>

namespace qcrawl {

void DirtyCells::flush(int rowCount, const Columns &alone,
                       const std::function<void(int, int, int, int)> &emitRange)
{
    std::vector<std::pair<int, Columns>> marks;
    marks.swap(m_marks);
    // One entry per row, with every column it changed; none for rows that changed nothing.
    std::sort(marks.begin(), marks.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    size_t rows = 0;
    for (const auto &mark : marks) {
        if (rows > 0 && marks[rows - 1].first == mark.first)
            marks[rows - 1].second |= mark.second;
        else
            marks[rows++] = mark;
    }
    marks.resize(rows);
    marks.erase(std::remove_if(marks.begin(), marks.end(),
                               [](const auto &mark) { return mark.second.none(); }),
                marks.end());
    if (marks.empty())
        return;

    auto emitRows = [&](int first, int last, const Columns &columns) {
        for (int column = 0; column < MaxColumns; ++column) {
            if (!columns.test(size_t(column)))
                continue;
            int end = column;
            while (!alone.test(size_t(column)) && end + 1 < MaxColumns
                   && columns.test(size_t(end + 1)) && !alone.test(size_t(end + 1)))
                ++end;
            emitRange(first, last, column, end);
            column = end;
        }
    };
    if (marks.size() * 2 > size_t(rowCount)) {
        Columns all;
        for (const auto &mark : marks)
            all |= mark.second;
        emitRows(0, rowCount - 1, all);
        return;
    }
    size_t start = 0;
    for (size_t i = 1; i <= marks.size(); ++i) {
        if (i == marks.size() || marks[i].first != marks[i - 1].first + 1
            || marks[i].second != marks[start].second) {
            emitRows(marks[start].first, marks[i - 1].first, marks[start].second);
            start = i;
        }
    }
}

} // namespace qcrawl
