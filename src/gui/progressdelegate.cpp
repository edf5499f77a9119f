#include "progressdelegate.h"

#include "jobmodel.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

namespace qcrawl {

ProgressDelegate::ProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const QVariant stateValue = index.data(JobModel::StateRole);
    if (!stateValue.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const auto state = JobModel::State(stateValue.toInt());
    const qint64 received = index.data(JobModel::ReceivedRole).toLongLong();
    const qint64 total = index.data(JobModel::TotalRole).toLongLong();

    // The selection background first, as the base delegate would draw it.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    if (state == JobModel::State::Queued)
        return;

    QStyleOptionProgressBar bar;
    bar.initFrom(widget ? widget : nullptr);
    bar.rect = option.rect.adjusted(3, 3, -3, -3);
    bar.state = QStyle::State_Enabled | QStyle::State_Horizontal; // Qt 6 needs State_Horizontal
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    const bool unknownSize = total <= 0 && state != JobModel::State::Done;
    if (unknownSize) {
        bar.progress = 0;
        bar.text = index.data(Qt::DisplayRole).toString();
    } else {
        bar.progress = state == JobModel::State::Done
                ? 1000
                : int(1000.0 * std::min<qint64>(received, total) / total);
        bar.text = index.data(Qt::DisplayRole).toString();
    }
    if (state == JobModel::State::Failed || state == JobModel::State::Canceled)
        bar.palette.setColor(
                QPalette::Highlight,
                QColor(0xc6, 0x28, 0x28).lighter(state == JobModel::State::Canceled ? 160 : 110));
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);

    if (unknownSize
        && (state == JobModel::State::Downloading || state == JobModel::State::Connecting)) {
        // Busy indicator: a chunk sweeping with the job's elapsed time, which the model ticks.
        const QRect groove = bar.rect.adjusted(2, 2, -2, -2);
        const int chunk = std::max(12, groove.width() / 4);
        const qint64 elapsed = std::max<qint64>(0, index.data(JobModel::ElapsedRole).toLongLong());
        const int span = groove.width() + chunk;
        const int x = groove.left() - chunk + int((elapsed / 4) % std::max(1, span));
        painter->save();
        painter->setClipRect(groove);
        QColor color = bar.palette.color(QPalette::Highlight);
        color.setAlpha(200);
        painter->fillRect(QRect(x, groove.top(), chunk, groove.height()), color);
        painter->restore();
    }
}

} // namespace qcrawl
