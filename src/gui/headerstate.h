#pragma once

#include <QByteArray>
#include <QStringList>

class QHeaderView;

namespace qcrawl {

// QHeaderView::saveState() numbers the sections by their place in the model, so a state saved
// before a column was inserted would put the old sizes, hidden flags and order onto the wrong
// columns. HeaderState restores a state saved with other columns by column key: what the state
// knows of a column goes to the column with that key, and a column it does not know keeps its
// defaults and takes its place after its left neighbour in the model.
class HeaderState final
{
public:
    // The number of sections in a saved state; -1 when it is not one.
    static int sectionCount(const QByteArray &state);
    // Restores state, saved when the header's columns were savedKeys, onto header, whose model's
    // columns are now keys. Returns false (and leaves the header alone) when state does not fit.
    static bool restore(QHeaderView *header, const QByteArray &state, const QStringList &savedKeys,
                        const QStringList &keys);
};

} // namespace qcrawl
