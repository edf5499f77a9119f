#include "jobicons.h"

#include <array>

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace qcrawl {

namespace {

QIcon drawStateIcon(JobModel::State state)
{
    QColor color;
    switch (state) {
    case JobModel::State::Queued:
        color = QColor(0x9e, 0x9e, 0x9e);
        break;
    case JobModel::State::Connecting:
        color = QColor(0xf0, 0xa2, 0x02);
        break;
    case JobModel::State::Downloading:
        color = QColor(0x1e, 0x88, 0xe5);
        break;
    case JobModel::State::Done:
        color = QColor(0x2e, 0x9d, 0x4f);
        break;
    case JobModel::State::Failed:
        color = QColor(0xd3, 0x2f, 0x2f);
        break;
    case JobModel::State::Canceled:
        color = QColor(0x75, 0x75, 0x75);
        break;
    }
    QIcon icon;
    for (int size : { 16, 32 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88));
        QPen pen(Qt::white, s * 0.12, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        switch (state) {
        case JobModel::State::Queued: // a clock
            p.drawLine(QPointF(s * 0.5, s * 0.28), QPointF(s * 0.5, s * 0.52));
            p.drawLine(QPointF(s * 0.5, s * 0.52), QPointF(s * 0.68, s * 0.62));
            break;
        case JobModel::State::Connecting: // three dots
            p.setPen(Qt::NoPen);
            p.setBrush(Qt::white);
            for (qreal x : { 0.3, 0.5, 0.7 })
                p.drawEllipse(QPointF(s * x, s * 0.5), s * 0.07, s * 0.07);
            break;
        case JobModel::State::Downloading: { // an arrow down
            p.drawLine(QPointF(s * 0.5, s * 0.25), QPointF(s * 0.5, s * 0.72));
            QPainterPath head;
            head.moveTo(s * 0.3, s * 0.52);
            head.lineTo(s * 0.5, s * 0.72);
            head.lineTo(s * 0.7, s * 0.52);
            p.drawPath(head);
            break;
        }
        case JobModel::State::Done: { // a check mark
            QPainterPath check;
            check.moveTo(s * 0.28, s * 0.52);
            check.lineTo(s * 0.44, s * 0.68);
            check.lineTo(s * 0.73, s * 0.34);
            p.drawPath(check);
            break;
        }
        case JobModel::State::Failed: // a cross
            p.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67));
            p.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67));
            break;
        case JobModel::State::Canceled: // a bar
            p.drawLine(QPointF(s * 0.3, s * 0.5), QPointF(s * 0.7, s * 0.5));
            break;
        }
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QIcon JobIcons::forState(JobModel::State state)
{
    static std::array<QIcon, JobModel::StateCount> icons;
    QIcon &icon = icons[size_t(state)];
    if (icon.isNull())
        icon = drawStateIcon(state);
    return icon;
}

} // namespace qcrawl
