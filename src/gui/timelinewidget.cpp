#include "timelinewidget.h"

#include "fetch/resultformat.h"
#include "util/units.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {
constexpr qreal Margin = 14;
constexpr qreal LabelWidth = 170;
constexpr qreal AxisHeight = 28;

// 1, 2 or 5 times a power of ten: ticks a person reads at a glance.
qint64 niceStep(qint64 spanMs, int wantedTicks)
{
    const double raw = std::max(1.0, double(spanMs) / std::max(1, wantedTicks));
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : { 1.0, 2.0, 5.0, 10.0 }) {
        if (factor * power >= raw)
            return qint64(factor * power);
    }
    return qint64(10 * power);
}
} // namespace

TimelineWidget::TimelineWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"timeline"_s);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

QColor TimelineWidget::modeColor(FetchMode mode)
{
    switch (mode) {
    case FetchMode::Serial:
        return QColor(0xef, 0x6c, 0x00);
    case FetchMode::Pool:
        return QColor(0x8e, 0x24, 0xaa);
    case FetchMode::Async:
        return QColor(0x1e, 0x88, 0xe5);
    }
    return Qt::gray;
}

void TimelineWidget::setRuns(const QList<TimelineRun> &runs)
{
    m_runs = runs;
    m_order.clear();
    for (const TimelineRun &run : runs) {
        QList<int> order(run.results.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&run](int a, int b) { return run.results[a].index < run.results[b].index; });
        m_order.append(order);
    }
    update();
}

qint64 TimelineWidget::axisMs() const
{
    qint64 longest = 1;
    for (const TimelineRun &run : m_runs) {
        longest = std::max(longest, run.wallMs);
        for (const FetchResult &r : run.results)
            longest = std::max(longest, r.finishedMs);
    }
    return longest;
}

TimelineWidget::Geometry TimelineWidget::geometry(const QSizeF &size) const
{
    Geometry g;
    g.plot = QRectF(Margin + LabelWidth, Margin, size.width() - 2 * Margin - LabelWidth,
                    size.height() - 2 * Margin - AxisHeight);
    const int lanes = std::max<int>(1, int(m_runs.size()));
    g.laneGap = 10;
    g.laneHeight = (g.plot.height() - g.laneGap * (lanes - 1)) / lanes;
    g.msToPx = g.plot.width() / axisMs();
    return g;
}

QRectF TimelineWidget::barRectFor(const Geometry &g, int run, int row) const
{
    const TimelineRun &r = m_runs[run];
    const FetchResult &result = r.results[m_order[run][row]];
    const int rows = std::max<int>(1, int(r.results.size()));
    const qreal laneTop = g.plot.top() + run * (g.laneHeight + g.laneGap) + 4;
    const qreal rowHeight = (g.laneHeight - 8) / rows;
    const qreal started = std::max<qint64>(0, result.startedMs);
    const qreal finished = std::max<qreal>(started, qreal(result.finishedMs));
    return QRectF(g.plot.left() + started * g.msToPx, laneTop + row * rowHeight,
                  std::max<qreal>(1.0, (finished - started) * g.msToPx),
                  std::max<qreal>(1.0, rowHeight * (rowHeight >= 4 ? 0.75 : 1.0)));
}

QRectF TimelineWidget::barRect(int run, int row) const
{
    return barRectFor(geometry(size()), run, row);
}

QSize TimelineWidget::sizeHint() const
{
    return QSize(900, 420);
}

QSize TimelineWidget::minimumSizeHint() const
{
    return QSize(400, 200);
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    paint(painter, size());
}

void TimelineWidget::paint(QPainter &p, const QSizeF &size) const
{
    const QPalette pal = palette();
    p.fillRect(QRectF(QPointF(0, 0), size), pal.color(QPalette::Base));
    p.setRenderHint(QPainter::Antialiasing, false);
    if (m_runs.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter,
                   tr("Run a comparison to see every request on a time line."));
        return;
    }
    const Geometry g = geometry(size);
    const QColor text = pal.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(40);
    QColor laneBackground = text;
    laneBackground.setAlpha(10);

    // Time axis and grid.
    const qint64 span = axisMs();
    const qint64 step = niceStep(span, std::max(2, int(g.plot.width() / 90)));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    for (qint64 t = 0; t <= span; t += step) {
        const qreal x = g.plot.left() + t * g.msToPx;
        p.setPen(grid);
        p.drawLine(QPointF(x, g.plot.top()), QPointF(x, g.plot.bottom()));
        p.setPen(text);
        const QString label = t == 0 ? u"0"_s
                : step >= 1000       ? u"%1 s"_s.arg(t / 1000.0, 0, 'g', 6)
                                     : u"%1 ms"_s.arg(t);
        p.drawText(QRectF(x - 45, g.plot.bottom() + 4, 90, AxisHeight - 6),
                   Qt::AlignHCenter | Qt::AlignTop, label);
    }

    QFont bold = font();
    bold.setBold(true);
    for (int run = 0; run < m_runs.size(); ++run) {
        const TimelineRun &r = m_runs[run];
        const qreal laneTop = g.plot.top() + run * (g.laneHeight + g.laneGap);
        const QRectF lane(g.plot.left(), laneTop, g.plot.width(), g.laneHeight);
        p.fillRect(lane, laneBackground);

        // The label: mode, wall time, throughput.
        const QColor color = modeColor(r.mode);
        p.fillRect(QRectF(Margin, laneTop + 2, 4, g.laneHeight - 4), color);
        p.setPen(text);
        p.setFont(bold);
        const QRectF labelRect(Margin + 12, laneTop, LabelWidth - 20, g.laneHeight);
        int ok = 0;
        for (const FetchResult &result : r.results)
            ok += result.isSuccess() ? 1 : 0;
        const double reqPerSec = r.wallMs > 0 ? r.results.size() * 1000.0 / r.wallMs : 0;
        p.drawText(labelRect.adjusted(0, 2, 0, 0), Qt::AlignLeft | Qt::AlignTop, r.label);
        p.setFont(small);
        p.drawText(labelRect.adjusted(0, QFontMetricsF(bold).height() + 4, 0, 0),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   tr("%1 · %2 req/s\n%3 of %4 ok")
                           .arg(formatDuration(r.wallMs))
                           .arg(reqPerSec, 0, 'f', reqPerSec < 10 ? 1 : 0)
                           .arg(ok)
                           .arg(r.results.size()));

        // Bars, one per request, in input order top to bottom.
        QColor failed(0xd3, 0x2f, 0x2f);
        for (int row = 0; row < r.results.size(); ++row) {
            const FetchResult &result = r.results[m_order[run][row]];
            if (result.startedMs < 0)
                continue; // canceled before it started
            p.fillRect(barRectFor(g, run, row), result.isSuccess() ? color : failed);
        }

        // The end of the run.
        const qreal wallX = g.plot.left() + r.wallMs * g.msToPx;
        QPen wallPen(color.darker(130), 1.5, Qt::DashLine);
        p.setPen(wallPen);
        p.drawLine(QPointF(wallX, laneTop), QPointF(wallX, laneTop + g.laneHeight));
    }
}

QImage TimelineWidget::renderImage(const QSize &size, qreal devicePixelRatio) const
{
    QImage image(size * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    QPainter painter(&image);
    paint(painter, QSizeF(size));
    painter.end();
    return image;
}

bool TimelineWidget::exportPng(const QString &path, QString *error) const
{
    const QImage image = renderImage(size().expandedTo(QSize(900, 420)));
    if (!image.save(path, "PNG")) {
        if (error)
            *error = tr("Cannot write %1").arg(path);
        return false;
    }
    return true;
}

bool TimelineWidget::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write("mode,index,url,started_ms,finished_ms,status,bytes,error\r\n");
    for (const TimelineRun &run : m_runs) {
        for (const FetchResult &r : run.results) {
            file.write(u"%1,%2,%3,%4,%5,%6,%7,%8\r\n"_s.arg(fetchModeName(run.mode))
                               .arg(r.index)
                               .arg(ResultFormat::csvField(r.url.toString(QUrl::FullyEncoded)))
                               .arg(r.startedMs)
                               .arg(r.finishedMs)
                               .arg(r.hasResponse() ? QString::number(r.httpStatus) : QString())
                               .arg(r.bytesReceived)
                               .arg(ResultFormat::csvField(r.error.text()))
                               .toUtf8());
        }
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace qcrawl
