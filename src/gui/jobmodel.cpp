#include "jobmodel.h"

#include "enginetext.h"
#include "jobicons.h"
#include "util/units.h"

#include <algorithm>

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

const QList<int> ChangedRoles = { Qt::DisplayRole,     JobModel::RawValueRole,
                                  JobModel::StateRole, JobModel::ReceivedRole,
                                  JobModel::TotalRole, JobModel::ElapsedRole,
                                  Qt::DecorationRole,  Qt::ToolTipRole };

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
        row.video = item;
        row.video.index = int(m_rows.size());
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
    DirtyCells changes;
    for (int index : rows) {
        if (index < 0 || index >= rowCount())
            continue;
        Row &row = m_rows[size_t(index)];
        const Shown before = shownOf(row);
        m_bytes -= row.received;
        setState(row, index, State::Queued);
        Row fresh;
        fresh.url = row.url;
        fresh.video = row.video;
        row = std::move(fresh);
        changes.mark(index, changedColumns(before, shownOf(row)));
    }
    emitChanged(changes);
}

JobModel::Shown JobModel::shownOf(const Row &row)
{
    const FetchResult &r = row.result;
    return { row.state,
             row.received,
             row.total,
             row.startedMs,
             row.finishedMs,
             row.filePath,
             r.httpStatus,
             r.httpVersion,
             r.contentType,
             r.error,
             r.finalUrl.isValid() && r.finalUrl != row.url };
}

// Which columns show the values that changed; the clock's motion is tick()'s.
JobModel::Columns JobModel::changedColumns(const Shown &a, const Shown &b)
{
    Columns columns;
    if (a.state != b.state) {
        columns.set(StateColumn);
        columns.set(ProgressColumn); // the bar is drawn from the state
    }
    if ((a.state == State::Queued) != (b.state == State::Queued))
        columns.set(SizeColumn); // a queued row shows no size
    if (a.received != b.received || a.total != b.total) {
        columns.set(ProgressColumn);
        columns.set(SizeColumn);
    }
    if (a.received != b.received || a.startedMs != b.startedMs || a.finishedMs != b.finishedMs)
        columns.set(SpeedColumn);
    if (a.startedMs != b.startedMs || a.finishedMs != b.finishedMs)
        columns.set(ElapsedColumn);
    if (a.filePath != b.filePath)
        columns.set(FileColumn);
    if (a.httpStatus != b.httpStatus)
        columns.set(StatusColumn);
    if (a.httpVersion != b.httpVersion)
        columns.set(VersionColumn);
    if (a.contentType != b.contentType)
        columns.set(TypeColumn);
    if (a.error != b.error)
        columns.set(ErrorColumn);
    if (a.redirected != b.redirected)
        columns.set(UrlColumn); // its tooltip
    return columns;
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
    DirtyCells changes;
    changes.reserve(size_t(events.size()));
    for (const JobEvent &event : events) {
        if (event.index < 0 || event.index >= rowCount())
            continue;
        Row &row = m_rows[size_t(event.index)];
        const Shown before = shownOf(row);
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
        changes.mark(event.index, changedColumns(before, shownOf(row)));
    }
    emitChanged(changes);
}

void JobModel::tick(qint64 nowMs)
{
    m_nowMs = std::max(m_nowMs, nowMs);
    DirtyCells changes;
    changes.reserve(size_t(m_running.size()));
    for (int index : std::as_const(m_running)) {
        Columns columns;
        columns.set(SpeedColumn);
        columns.set(ElapsedColumn);
        if (m_rows[size_t(index)].total <= 0)
            columns.set(ProgressColumn); // a busy indicator, moving with the elapsed time
        changes.mark(index, columns);
    }
    emitChanged(changes);
}

void JobModel::emitChanged(DirtyCells &cells)
{
    // The URL itself never changes, only its tooltip: a proxy sorted or filtered on it need not
    // look again.
    Columns alone;
    alone.set(UrlColumn);
    cells.flush(rowCount(), alone, [this](int top, int bottom, int left, int right) {
        emit dataChanged(index(top, left), index(bottom, right),
                         left == UrlColumn ? QList<int> { Qt::ToolTipRole } : ChangedRoles);
    });
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
        return row.video.title;
    case FileColumn:
        return row.filePath;
    case PageColumn:
        return row.video.detailUrl.toString();
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
        return row.video.title;
    case FileColumn:
        return QFileInfo(row.filePath).fileName();
    case PageColumn:
        return row.video.detailUrl.toDisplayString();
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
        return column == StateColumn ? QVariant(JobIcons::forState(row.state)) : QVariant();
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
            return row.video.detailUrl.isValid()
                    ? tr("%1\ndetail page: %2")
                              .arg(row.video.title, row.video.detailUrl.toDisplayString())
                    : row.video.title;
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
