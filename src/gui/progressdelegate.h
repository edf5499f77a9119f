#pragma once

#include <QStyledItemDelegate>

namespace qcrawl {

// Draws the progress column as a real progress bar from the model's ReceivedRole and TotalRole;
// a moving busy chunk when the size is unknown (chunked replies). Reads only index.data().
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressDelegate)

public:
    explicit ProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace qcrawl
