#pragma once

#include "dirtycells.h"
#include "fetch/enginethread.h"
#include "fetch/fetchtypes.h"
#include "harvest/harvesttypes.h"

#include <array>
#include <vector>

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QUrl>

namespace qcrawl {

// The results table: one row per URL of the current run, fed by the EngineThread's batches.
// Updates are coalesced: applyEvents() and tick() emit one dataChanged() per contiguous range of
// rows that changed alike and per contiguous range of the columns that changed (over the whole
// table when most rows changed), never one per reply. Only the cells whose values changed are
// named, so that a proxy sorted or filtered on another column has nothing to redo.
// DisplayRole carries formatted text; RawValueRole the raw value the proxy sorts on.
class JobModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobModel)

public:
    enum Column {
        IndexColumn,
        TitleColumn, // harvested videos only
        UrlColumn,
        StateColumn,
        StatusColumn,
        VersionColumn, // the response's HTTP version: "1.1", "2"
        ProgressColumn,
        SizeColumn,
        SpeedColumn,
        ElapsedColumn,
        TypeColumn,
        ErrorColumn,
        FileColumn, // harvested videos only: the saved file
        PageColumn, // harvested videos only: the detail page
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole + 1,
        StateRole, // State as int
        ReceivedRole, // bytes received (qint64)
        TotalRole, // expected bytes, -1 when unknown
        ElapsedRole, // ms
    };
    enum class State { Queued, Connecting, Downloading, Done, Failed, Canceled };
    static constexpr int StateCount = 6;

    explicit JobModel(QObject *parent = nullptr);

    static QString stateName(State state);
    // A name for each column that stays when columns are added or moved: how the window
    // remembers its header layout across versions ("index", "url", "http_version"...).
    static QString columnKey(int column);

    // Replaces the rows with one queued row per URL; job index == row.
    void setUrls(const QList<QUrl> &urls);
    // Replaces the rows with harvested videos, one per item in order; job index == row. Items
    // without a media URL become failed rows that say why.
    void setVideos(const QList<HarvestItem> &items);
    bool hasVideos() const { return m_videos; }
    // The item a row of setVideos() was made from, its index set to the row (the downloads
    // report by it).
    const HarvestItem &video(int row) const { return m_rows.at(size_t(row)).video; }
    void clear();
    // Puts rows back to queued (for a retry).
    void requeue(const QList<int> &rows);

    void applyEvents(const QList<JobEvent> &events);
    // Refreshes the running rows' elapsed time, speed and busy bars against the run clock.
    void tick(qint64 nowMs);

    QUrl url(int row) const { return m_rows.at(size_t(row)).url; }
    State state(int row) const { return m_rows.at(size_t(row)).state; }
    bool hasResult(int row) const { return m_rows.at(size_t(row)).hasResult; }
    const FetchResult &result(int row) const { return m_rows.at(size_t(row)).result; }
    QList<FetchResult> finishedResults() const;

    int count(State state) const { return m_counts[size_t(state)]; }
    int finishedCount() const;
    qint64 bytesReceived() const { return m_bytes; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    using Columns = DirtyCells::Columns;
    static_assert(ColumnCount <= DirtyCells::MaxColumns);

    struct Row
    {
        QUrl url;
        HarvestItem video; // the harvested item, for the rows of setVideos()
        QString filePath;
        State state = State::Queued;
        qint64 received = 0;
        qint64 total = -1;
        qint64 startedMs = -1;
        qint64 finishedMs = -1;
        bool hasResult = false;
        FetchResult result;
    };

    // The values of a row that its cells show and can change while it runs.
    struct Shown
    {
        State state;
        qint64 received;
        qint64 total;
        qint64 startedMs;
        qint64 finishedMs;
        QString filePath;
        int httpStatus;
        QByteArray httpVersion;
        QString contentType;
        FetchError error;
        bool redirected; // the URL's tooltip names the final URL
    };
    static Shown shownOf(const Row &row);
    static Columns changedColumns(const Shown &before, const Shown &after);

    void setState(Row &row, int index, State state);
    qint64 elapsedOf(const Row &row) const;
    double speedOf(const Row &row) const;
    QVariant display(const Row &row, int column) const;
    QVariant raw(const Row &row, int column) const;
    void emitChanged(DirtyCells &cells);

    std::vector<Row> m_rows;
    QSet<int> m_running;
    std::array<int, StateCount> m_counts {};
    qint64 m_bytes = 0;
    qint64 m_nowMs = 0;
    bool m_videos = false;
};

} // namespace qcrawl
