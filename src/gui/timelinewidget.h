#pragma once

#include "fetch/fetchtypes.h"

#include <QList>
#include <QWidget>

namespace qcrawl {

// One engine's run, as the timeline draws it.
struct TimelineRun
{
    FetchMode mode = FetchMode::Async;
    QString label; // "serial · 1 thread"
    qint64 wallMs = 0;
    QList<FetchResult> results; // any order; drawn by index
};

// The request timeline of a comparison: one lane per mode, every request a bar from its start to
// its end on a time axis shared by all lanes, so serial's staircase, the pool's blocks and
// async's single wall show at a glance. Times are the engines' own (FetchResult::startedMs and
// finishedMs); drawn with QPainter only.
class TimelineWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineWidget)

public:
    explicit TimelineWidget(QWidget *parent = nullptr);

    void setRuns(const QList<TimelineRun> &runs);
    const QList<TimelineRun> &runs() const { return m_runs; }

    // The rectangle of request `row` (its position in index order) in run `run`, in widget
    // coordinates for the widget's current size: tests check bars against engine times with it.
    QRectF barRect(int run, int row) const;
    qint64 axisMs() const; // the time the axis spans
    static QColor modeColor(FetchMode mode);

    QImage renderImage(const QSize &size, qreal devicePixelRatio = 2.0) const;
    bool exportPng(const QString &path, QString *error = nullptr) const;
    bool exportCsv(const QString &path, QString *error = nullptr) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Geometry
    {
        QRectF plot; // where bars go, all lanes
        qreal laneHeight = 0;
        qreal laneGap = 0;
        qreal msToPx = 0;
    };
    Geometry geometry(const QSizeF &size) const;
    QRectF barRectFor(const Geometry &g, int run, int row) const;
    void paint(QPainter &painter, const QSizeF &size) const;

    QList<TimelineRun> m_runs;
    QList<QList<int>> m_order; // per run: result positions sorted by job index
};

} // namespace qcrawl
