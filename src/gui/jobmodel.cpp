#include "jobmodel.h"

#include "enginetext.h"
#include "util/units.h"

#include <algorithm>

#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

const QList<int> ChangedRoles = { Qt::DisplayRole,     JobModel::RawValueRole,
                                  JobModel::StateRole, JobModel::ReceivedRole,
                                  JobModel::TotalRole, JobModel::ElapsedRole,
                                  Qt::DecorationRole,  Qt::ToolTipRole };

// State icons are drawn, not shipped: crisp at any size and no assets to keep in sync.
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

JobModel::JobModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString JobModel::stateName(State state)
{
    switch (state) {
    case State::Queued:
        return tr("queued");
    case State::Connecting:
        return tr("connecting");
    case State::Downloading:
        return tr("downloading");
    case State::Done:
        return tr("done");
    case State::Failed:
        return tr("failed");
    case State::Canceled:
        return tr("canceled");
    }
    return {};
}

QString JobModel::columnKey(int column)
{
    switch (column) {
    case IndexColumn:
        return u"index"_s;
    case TitleColumn:
        return u"title"_s;
    case UrlColumn:
        return u"url"_s;
    case StateColumn:
        return u"state"_s;
    case StatusColumn:
        return u"status"_s;
    case VersionColumn:
        return u"http_version"_s;
    case ProgressColumn:
        return u"progress"_s;
    case SizeColumn:
        return u"bytes"_s;
    case SpeedColumn:
        return u"speed"_s;
    case ElapsedColumn:
        return u"elapsed"_s;
    case TypeColumn:
        return u"content_type"_s;
    case ErrorColumn:
        return u"error"_s;
    case FileColumn:
        return u"file"_s;
    case PageColumn:
        return u"page"_s;
    }
    return {};
}

QIcon JobModel::stateIcon(State state)
{
    static std::array<QIcon, StateCount> icons;
    QIcon &icon = icons[size_t(state)];
    if (icon.isNull())
        icon = drawStateIcon(state);
    return icon;
}

void JobModel::setVideos(const QList<HarvestItem> &items)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(size_t(items.size()));
    m_running.clear();
    m_counts.fill(0);
    for (const HarvestItem &item : items) {
        Row row;
        row.url = item.hasMedia() ? item.mediaUrl : item.detailUrl;
        row.title = item.title;
        row.pageUrl = item.detailUrl;
        if (!item.hasMedia()) {
            row.state = State::Failed;
            row.hasResult = true;
            row.result.index = int(m_rows.size());
            row.result.url = row.url;
            row.result.error =
                    item.error.isEmpty() ? FetchError(FetchErrorKind::NoMediaUrl) : item.error;
        }
        ++m_counts[size_t(row.state)];
        m_rows.push_back(std::move(row));
    }
    m_bytes = 0;
    m_nowMs = 0;
    m_videos = true;
    endResetModel();
}

HarvestItem JobModel::video(int row) const
{
    const Row &r = m_rows.at(size_t(row));
    HarvestItem item;
    item.index = row;
    item.title = r.title;
    item.detailUrl = r.pageUrl;
    if (r.url != r.pageUrl || r.state != State::Failed || r.result.error.isEmpty())
        item.mediaUrl = r.url;
    else
        item.error = r.result.error;
    return item;
}

void JobModel::setUrls(const QList<QUrl> &urls)
{
    beginResetModel();
    m_videos = false;
    m_rows.clear();
    m_rows.reserve(size_t(urls.size()));
    for (const QUrl &url : urls) {
        Row row;
        row.url = url;
        m_rows.push_back(std::move(row));
    }
    m_running.clear();
    m_counts.fill(0);
    m_counts[size_t(State::Queued)] = int(urls.size());
    m_bytes = 0;
    m_nowMs = 0;
    endResetModel();
}

void JobModel::clear()
{
    setUrls({});
}

void JobModel::requeue(const QList<int> &rows)
{
    std::vector<int> changed;
    for (int index : rows) {
        if (index < 0 || index >= rowCount())
            continue;
        Row &row = m_rows[size_t(index)];
        m_bytes -= row.received;
        setState(row, index, State::Queued);
        Row fresh;
        fresh.url = row.url;
        fresh.title = row.title;
        fresh.pageUrl = row.pageUrl;
        row = fresh;
        changed.push_back(index);
    }
    emitChanged(std::move(changed), 0, ColumnCount - 1);
}

void JobModel::setState(Row &row, int index, State state)
{
    --m_counts[size_t(row.state)];
    ++m_counts[size_t(state)];
    row.state = state;
    if (state == State::Connecting || state == State::Downloading)
        m_running.insert(index);
    else
        m_running.remove(index);
}

void JobModel::applyEvents(const QList<JobEvent> &events)
{
    std::vector<int> changed;
    changed.reserve(size_t(events.size()));
    for (const JobEvent &event : events) {
        if (event.index < 0 || event.index >= rowCount())
            continue;
        Row &row = m_rows[size_t(event.index)];
        m_nowMs = std::max(m_nowMs, event.atMs);
        switch (event.kind) {
        case JobEvent::Kind::Started:
            row.startedMs = event.atMs;
            if (!event.result.filePath.isEmpty())
                row.filePath = event.result.filePath;
            setState(row, event.index, State::Connecting);
            break;
        case JobEvent::Kind::Progress:
            if (row.hasResult)
                break; // a late progress of a finished job
            m_bytes += event.received - row.received;
            row.received = event.received;
            row.total = event.total;
            if (row.state == State::Connecting || row.state == State::Queued)
                setState(row, event.index, State::Downloading);
            break;
        case JobEvent::Kind::Finished: {
            const FetchResult &r = event.result;
            const qint64 received = r.resumedFrom + r.bytesReceived;
            m_bytes += received - row.received;
            row.received = received;
            row.total = r.isSuccess() ? received : row.total;
            if (r.startedMs >= 0)
                row.startedMs = r.startedMs;
            row.finishedMs = r.finishedMs >= 0 ? r.finishedMs : event.atMs;
            if (!r.filePath.isEmpty())
                row.filePath = r.filePath;
            row.result = r;
            row.hasResult = true;
            setState(row, event.index,
                     r.isSuccess()        ? State::Done
                             : r.canceled ? State::Canceled
                                          : State::Failed);
            break;
        }
        }
        changed.push_back(event.index);
    }
    // Only the columns a job changes: the index, URL, title and page never do, so a proxy
    // sorted on them (the default, by #) keeps its order without re-sorting the changed rows.
    emitChanged(std::move(changed), StateColumn, FileColumn);
}

void JobModel::tick(qint64 nowMs)
{
    m_nowMs = std::max(m_nowMs, nowMs);
    if (m_running.isEmpty())
        return;
    emitChanged(std::vector<int>(m_running.cbegin(), m_running.cend()), ProgressColumn,
                ElapsedColumn);
}

void JobModel::emitChanged(std::vector<int> rows, int firstColumn, int lastColumn)
{
    if (rows.empty())
        return;
    if (rows.size() * 2 > m_rows.size()) {
        emit dataChanged(index(0, firstColumn), index(rowCount() - 1, lastColumn), ChangedRoles);
        return;
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    size_t start = 0;
    for (size_t i = 1; i <= rows.size(); ++i) {
        if (i == rows.size() || rows[i] != rows[i - 1] + 1) {
            emit dataChanged(index(rows[start], firstColumn), index(rows[i - 1], lastColumn),
                             ChangedRoles);
            start = i;
        }
    }
}

QList<FetchResult> JobModel::finishedResults() const
{
    QList<FetchResult> results;
    for (const Row &row : m_rows) {
        if (row.hasResult)
            results.append(row.result);
    }
    return results;
}

int JobModel::finishedCount() const
{
    return count(State::Done) + count(State::Failed) + count(State::Canceled);
}

int JobModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 JobModel::elapsedOf(const Row &row) const
{
    if (row.startedMs < 0)
        return -1;
    return (row.finishedMs >= 0 ? row.finishedMs : m_nowMs) - row.startedMs;
}

double JobModel::speedOf(const Row &row) const
{
    const qint64 elapsed = elapsedOf(row);
    return elapsed > 0 ? row.received * 1000.0 / elapsed : 0.0;
}

QVariant JobModel::raw(const Row &row, int column) const
{
    switch (column) {
    case IndexColumn:
        return int(&row - m_rows.data()) + 1;
    case UrlColumn:
        return row.url.toString();
    case TitleColumn:
        return row.title;
    case FileColumn:
        return row.filePath;
    case PageColumn:
        return row.pageUrl.toString();
    case StateColumn:
        return int(row.state);
    case StatusColumn:
        return row.result.httpStatus;
    case VersionColumn: // "1.0" < "1.1" < "2" < "3" as text too
        return QString::fromLatin1(row.result.httpVersion);
    case ProgressColumn:
        return row.total > 0 ? double(row.received) / row.total
                             : (row.state == State::Done ? 1.0 : 0.0);
    case SizeColumn:
        return row.received;
    case SpeedColumn:
        return speedOf(row);
    case ElapsedColumn:
        return elapsedOf(row);
    case TypeColumn:
        return row.result.contentType;
    case ErrorColumn:
        return row.result.error.text();
    }
    return {};
}

QVariant JobModel::display(const Row &row, int column) const
{
    switch (column) {
    case IndexColumn:
        return int(&row - m_rows.data()) + 1;
    case UrlColumn:
        return row.url.toDisplayString();
    case TitleColumn:
        return row.title;
    case FileColumn:
        return QFileInfo(row.filePath).fileName();
    case PageColumn:
        return row.pageUrl.toDisplayString();
    case StateColumn:
        return stateName(row.state);
    case StatusColumn:
        return row.result.hasResponse() ? QVariant(row.result.httpStatus) : QVariant(QString());
    case VersionColumn:
        return QString::fromLatin1(row.result.httpVersion);
    case ProgressColumn:
        if (row.total > 0)
            return u"%1%"_s.arg(int(100.0 * row.received / row.total));
        return row.state == State::Done ? u"100%"_s : QString();
    case SizeColumn:
        if (row.state == State::Queued)
            return QString();
        return row.total >= 0 && row.total != row.received
                ? tr("%1 of %2").arg(formatBytes(row.received), formatBytes(row.total))
                : formatBytes(row.received);
    case SpeedColumn:
        return row.startedMs < 0 ? QString() : formatRate(speedOf(row));
    case ElapsedColumn:
        return row.startedMs < 0 ? QString() : formatDuration(elapsedOf(row));
    case TypeColumn:
        return row.result.contentType;
    case ErrorColumn:
        return EngineText::translate(row.result.error);
    }
    return {};
}

QVariant JobModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case RawValueRole:
        return raw(row, column);
    case StateRole:
        return int(row.state);
    case ReceivedRole:
        return row.received;
    case TotalRole:
        return row.total;
    case ElapsedRole:
        return elapsedOf(row);
    case Qt::DecorationRole:
        return column == StateColumn ? QVariant(stateIcon(row.state)) : QVariant();
    case Qt::ToolTipRole:
        if (column == UrlColumn)
            return row.result.finalUrl.isValid() && row.result.finalUrl != row.url
                    ? tr("%1\nredirected to %2")
                              .arg(row.url.toDisplayString(), row.result.finalUrl.toDisplayString())
                    : row.url.toDisplayString();
        if (column == ErrorColumn && !row.result.error.isEmpty())
            return EngineText::translate(row.result.error);
        if (column == FileColumn)
            return row.filePath;
        if (column == TitleColumn)
            return row.pageUrl.isValid()
                    ? tr("%1\ndetail page: %2").arg(row.title, row.pageUrl.toDisplayString())
                    : row.title;
        return {};
    case Qt::TextAlignmentRole:
        switch (column) {
        case IndexColumn:
        case StatusColumn:
        case SizeColumn:
        case SpeedColumn:
        case ElapsedColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case VersionColumn:
            return QVariant(Qt::AlignCenter);
        default:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    return {};
}

QVariant JobModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case StatusColumn:
            return tr("HTTP status code of the response");
        case VersionColumn:
            return tr("HTTP version of the response: 1.1 or 2");
        default:
            return {};
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IndexColumn:
        return tr("#");
    case UrlColumn:
        return tr("URL");
    case StateColumn:
        return tr("State");
    case StatusColumn:
        return tr("HTTP", "column: HTTP status code");
    case VersionColumn:
        return tr("Version", "column: HTTP version of the response");
    case ProgressColumn:
        return tr("Progress");
    case SizeColumn:
        return tr("Received");
    case SpeedColumn:
        return tr("Speed");
    case ElapsedColumn:
        return tr("Elapsed");
    case TypeColumn:
        return tr("Content type");
    case ErrorColumn:
        return tr("Error");
    case TitleColumn:
        return tr("Title");
    case FileColumn:
        return tr("File");
    case PageColumn:
        return tr("Detail page");
    }
    return {};
}

} // namespace qcrawl
