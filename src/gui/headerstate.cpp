#include "headerstate.h"

#include <QBitArray>
#include <QDataStream>
#include <QHash>
#include <QHeaderView>
#include <QList>
#include <QStandardItemModel>

namespace qcrawl {

int HeaderState::sectionCount(const QByteArray &state)
{
    // QHeaderView::saveState(): a marker and a version, then the fields up to the section count
    // in this order since Qt 4, in QDataStream's Qt 5.0 format (a QBitArray's size is 32 bits).
    QDataStream in(state);
    in.setVersion(QDataStream::Qt_5_0);
    int marker = 0, version = 0, orientation = 0, order = 0, sortSection = 0, length = 0,
        count = -1;
    bool sortShown = false;
    QList<int> visualIndices, logicalIndices;
    QBitArray hidden;
    QHash<int, int> hiddenSizes;
    in >> marker >> version;
    if (in.status() != QDataStream::Ok || marker != 0xff || version != 0)
        return -1;
    in >> orientation >> order >> sortSection >> sortShown >> visualIndices >> logicalIndices
            >> hidden >> hiddenSizes >> length >> count;
    if (in.status() != QDataStream::Ok || count < 0
        || (!hidden.isEmpty() && hidden.size() != count))
        return -1;
    return count;
}

bool HeaderState::restore(QHeaderView *header, const QByteArray &state,
                          const QStringList &savedKeys, const QStringList &keys)
{
    if (savedKeys == keys)
        return header->restoreState(state);
    if (sectionCount(state) != savedKeys.size())
        return false;
    QStandardItemModel model(0, int(savedKeys.size()));
    QHeaderView saved(header->orientation());
    saved.setModel(&model);
    if (!saved.restoreState(state) || saved.count() != savedKeys.size())
        return false;

    // The saved columns in their saved order, then each new column after its left neighbour.
    QList<int> order; // logical indices of header, in visual order
    for (int visual = 0; visual < saved.count(); ++visual) {
        const int column = int(keys.indexOf(savedKeys.at(saved.logicalIndex(visual))));
        if (column >= 0)
            order.append(column);
    }
    for (int column = 0; column < keys.size(); ++column) {
        if (savedKeys.contains(keys.at(column)))
            continue;
        const int left = column == 0 ? -1 : int(order.indexOf(column - 1));
        order.insert(left + 1, column);
    }

    for (int column = 0; column < keys.size(); ++column) {
        const int was = int(savedKeys.indexOf(keys.at(column)));
        if (was < 0)
            continue;
        header->setSectionHidden(column, saved.isSectionHidden(was));
        if (!saved.isSectionHidden(was))
            header->resizeSection(column, saved.sectionSize(was));
    }
    for (int visual = 0; visual < order.size(); ++visual)
        header->moveSection(header->visualIndex(order.at(visual)), visual);
    const int sortColumn = saved.sortIndicatorSection() < 0
            ? -1
            : int(keys.indexOf(savedKeys.value(saved.sortIndicatorSection())));
    if (sortColumn >= 0)
        header->setSortIndicator(sortColumn, saved.sortIndicatorOrder());
    return true;
}

} // namespace qcrawl
