#include "jobfilterproxy.h"
#include "jobmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

class tst_JobModel : public QObject
{
    Q_OBJECT

private:
    static QList<QUrl> urls(int n)
    {
        QList<QUrl> list;
        for (int i = 0; i < n; ++i)
            list.append(QUrl(u"http://example.com/%1"_s.arg(i)));
        return list;
    }

    static JobEvent finished(int index, int status, qint64 bytes, qint64 start, qint64 end,
                             const FetchError &error = {})
    {
        FetchResult r;
        r.index = index;
        r.url = QUrl(u"http://example.com/%1"_s.arg(index));
        r.finalUrl = r.url;
        r.httpStatus = status;
        r.bytesReceived = bytes;
        r.startedMs = start;
        r.finishedMs = end;
        r.error = error;
        r.canceled = error.kind() == FetchErrorKind::Canceled;
        return { JobEvent::Kind::Finished, index, bytes, bytes, end, r };
    }

    static QString rectangle(int top, int bottom, int left, int right)
    {
        return u"rows %1-%2 columns %3-%4"_s.arg(top).arg(bottom).arg(left).arg(right);
    }

    // The cell rectangles of the dataChanged signals a spy caught, in the order they came.
    static QStringList rectangles(const QSignalSpy &spy)
    {
        QStringList list;
        for (const QList<QVariant> &args : spy) {
            const QModelIndex from = args.at(0).toModelIndex();
            const QModelIndex to = args.at(1).toModelIndex();
            list.append(rectangle(from.row(), to.row(), from.column(), to.column()));
        }
        return list;
    }

private Q_SLOTS:
    void passesTheModelTester()
    {
        JobModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        JobFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(
                &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(JobModel::SizeColumn);
        model.setUrls(urls(50));
        model.applyEvents({ { JobEvent::Kind::Started, 3, 0, -1, 10, {} },
                            { JobEvent::Kind::Progress, 3, 500, 1000, 20, {} },
                            finished(4, 200, 10, 5, 30) });
        model.tick(100);
        model.requeue({ 4 });
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void statesCountsAndBytes()
    {
        JobModel model;
        model.setUrls(urls(5));
        QCOMPARE(model.count(JobModel::State::Queued), 5);
        model.applyEvents({ { JobEvent::Kind::Started, 0, 0, -1, 10, {} },
                            { JobEvent::Kind::Started, 1, 0, -1, 10, {} },
                            { JobEvent::Kind::Progress, 1, 400, 1000, 50, {} } });
        QCOMPARE(model.state(0), JobModel::State::Connecting);
        QCOMPARE(model.state(1), JobModel::State::Downloading);
        QCOMPARE(model.bytesReceived(), 400);
        model.applyEvents({ finished(0, 200, 1234, 10, 110),
                            finished(1, 404, 9, 10, 60, FetchError::httpStatus(404, "Not Found")),
                            finished(2, 0, 0, -1, 70, FetchError(FetchErrorKind::Canceled)) });
        QCOMPARE(model.state(0), JobModel::State::Done);
        QCOMPARE(model.state(1), JobModel::State::Failed);
        QCOMPARE(model.state(2), JobModel::State::Canceled);
        QCOMPARE(model.count(JobModel::State::Queued), 2);
        QCOMPARE(model.finishedCount(), 3);
        QCOMPARE(model.bytesReceived(), 1234 + 9);
        const QModelIndex size = model.index(0, JobModel::SizeColumn);
        QCOMPARE(size.data(JobModel::RawValueRole).toLongLong(), 1234);
        QCOMPARE(size.data().toString(), u"1.2 KiB"_s);
        QCOMPARE(model.index(0, JobModel::ElapsedColumn).data(JobModel::RawValueRole).toLongLong(),
                 100);
        QCOMPARE(model.index(1, JobModel::ErrorColumn).data().toString(), u"HTTP 404 Not Found"_s);
        QCOMPARE(model.index(0, JobModel::StateColumn).data().toString(), u"done"_s);
        QVERIFY(!model.index(0, JobModel::StateColumn)
                         .data(Qt::DecorationRole)
                         .value<QIcon>()
                         .isNull());
    }

    // One batch of events is one dataChanged per contiguous range of rows (and of the columns
    // they changed), not one per event.
    void updatesAreCoalesced()
    {
        JobModel model;
        model.setUrls(urls(1000));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // The row ranges the signals covered, and how many signals there were.
        auto rowRanges = [&] {
            QList<std::pair<int, int>> ranges;
            for (const QList<QVariant> &args : std::as_const(changed)) {
                const std::pair range { args.at(0).toModelIndex().row(),
                                        args.at(1).toModelIndex().row() };
                if (!ranges.contains(range))
                    ranges.append(range);
            }
            return ranges;
        };
        QList<JobEvent> batch;
        for (int i = 100; i < 200; ++i)
            batch.append({ JobEvent::Kind::Started, i, 0, -1, 1, {} });
        for (int i = 100; i < 200; ++i)
            batch.append({ JobEvent::Kind::Progress, i, 10, 100, 2, {} });
        batch.append({ JobEvent::Kind::Started, 500, 0, -1, 1, {} });
        model.applyEvents(batch);
        // Rows 100-199 and row 500, each in two column ranges: the state, then progress to
        // elapsed time (the HTTP status and version between them did not change).
        QCOMPARE(rowRanges(), (QList<std::pair<int, int>> { { 100, 199 }, { 500, 500 } }));
        QCOMPARE(changed.size(), 4);

        // Most rows changed: the whole table, once per column range.
        changed.clear();
        batch.clear();
        for (int i = 0; i < 1000; i += 2)
            batch.append({ JobEvent::Kind::Started, i, 0, -1, 1, {} });
        // Row 500 started before and stays as it was; rows 1 and 3 make it most rows.
        batch.append({ JobEvent::Kind::Started, 1, 0, -1, 1, {} });
        batch.append({ JobEvent::Kind::Started, 3, 0, -1, 1, {} });
        model.applyEvents(batch);
        QCOMPARE(rowRanges(), (QList<std::pair<int, int>> { { 0, 999 } }));
        QCOMPARE(changed.size(), 2);

        // Most rows are running now: tick() repaints their live cells over the whole table, the
        // busy bars and the speed to elapsed time, in two signals.
        changed.clear();
        model.tick(500);
        QCOMPARE(rectangles(changed),
                 (QStringList {
                         rectangle(0, 999, JobModel::ProgressColumn, JobModel::ProgressColumn),
                         rectangle(0, 999, JobModel::SpeedColumn, JobModel::ElapsedColumn) }));
    }

    // The clock moves for running rows only: one signal per run of rows with the same live
    // cells (speed and elapsed time; the bar too when the size is unknown, as it is a busy
    // indicator then), none for queued or finished rows, none at all once nothing runs.
    void tickRepaintsOnlyTheLiveCellsOfRunningRows()
    {
        JobModel model;
        model.setUrls(urls(100));
        QList<JobEvent> batch;
        for (int i = 10; i < 20; ++i) { // downloading, size known
            batch.append({ JobEvent::Kind::Started, i, 0, -1, 1, {} });
            batch.append({ JobEvent::Kind::Progress, i, 10, 100, 2, {} });
        }
        for (int i = 30; i < 35; ++i) // connecting, size unknown
            batch.append({ JobEvent::Kind::Started, i, 0, -1, 1, {} });
        batch.append(finished(50, 200, 10, 1, 3));
        model.applyEvents(batch);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.tick(100);
        QCOMPARE(rectangles(changed),
                 (QStringList {
                         rectangle(10, 19, JobModel::SpeedColumn, JobModel::ElapsedColumn),
                         rectangle(30, 34, JobModel::ProgressColumn, JobModel::ProgressColumn),
                         rectangle(30, 34, JobModel::SpeedColumn, JobModel::ElapsedColumn) }));
        // What those cells show moved with the clock.
        QCOMPARE(model.index(30, JobModel::ElapsedColumn).data(JobModel::RawValueRole).toLongLong(),
                 99);

        // Every second tick is the same: the clock moved again.
        changed.clear();
        model.tick(200);
        QCOMPARE(changed.size(), 3);

        batch.clear();
        for (int i : { 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 30, 31, 32, 33, 34 })
            batch.append(finished(i, 200, 100, 1, 250));
        model.applyEvents(batch);
        changed.clear();
        model.tick(300);
        QCOMPARE(changed.size(), 0);
    }

    // Each event reports only the cells it changed: a progress event never touches the status,
    // error or file columns, so a proxy sorted or filtered on them has nothing to redo. The
    // progress bar changes with the state too: the delegate draws it from StateRole.
    void eventsReportOnlyTheColumnsTheyChange()
    {
        JobModel model;
        model.setUrls(urls(10));
        model.applyEvents({ { JobEvent::Kind::Started, 3, 0, -1, 10, {} },
                            { JobEvent::Kind::Progress, 3, 100, 1000, 20, {} } });
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // "row:column key" of every cell the signals since the last call covered, sorted.
        auto cells = [&] {
            QStringList list;
            for (const QList<QVariant> &args : std::as_const(changed)) {
                const QModelIndex from = args.at(0).toModelIndex();
                const QModelIndex to = args.at(1).toModelIndex();
                for (int row = from.row(); row <= to.row(); ++row) {
                    for (int column = from.column(); column <= to.column(); ++column)
                        list.append(u"%1:%2"_s.arg(row).arg(JobModel::columnKey(column)));
                }
            }
            changed.clear();
            list.sort();
            return list;
        };
        auto expect = [](int row, std::initializer_list<int> columns) {
            QStringList list;
            for (int column : columns)
                list.append(u"%1:%2"_s.arg(row).arg(JobModel::columnKey(column)));
            list.sort();
            return list;
        };

        // More bytes of a download already under way: its progress, size and speed.
        model.applyEvents({ { JobEvent::Kind::Progress, 3, 500, 1000, 30, {} } });
        QCOMPARE(cells(),
                 expect(3,
                        { JobModel::ProgressColumn, JobModel::SizeColumn, JobModel::SpeedColumn }));

        // A job starts: its state and bar, and the size, speed and elapsed time it now shows.
        model.applyEvents({ { JobEvent::Kind::Started, 5, 0, -1, 40, {} } });
        QCOMPARE(cells(),
                 expect(5,
                        { JobModel::StateColumn, JobModel::ProgressColumn, JobModel::SizeColumn,
                          JobModel::SpeedColumn, JobModel::ElapsedColumn }));

        // The first bytes: downloading now, with a size.
        model.applyEvents({ { JobEvent::Kind::Progress, 5, 10, 100, 50, {} } });
        QCOMPARE(cells(),
                 expect(5,
                        { JobModel::StateColumn, JobModel::ProgressColumn, JobModel::SizeColumn,
                          JobModel::SpeedColumn }));

        // A failure without a response: no status, version, type or file to show.
        model.applyEvents(
                { finished(5, 0, 10, 40, 60, FetchError(FetchErrorKind::ConnectionRefused)) });
        QCOMPARE(cells(),
                 expect(5,
                        { JobModel::StateColumn, JobModel::ProgressColumn, JobModel::SpeedColumn,
                          JobModel::ElapsedColumn, JobModel::ErrorColumn }));

        // A finished download with a redirect: the URL's tooltip names where it went.
        JobEvent done = finished(3, 200, 1000, 10, 70);
        done.result.finalUrl = QUrl(u"http://example.net/moved"_s);
        done.result.httpVersion = "1.1";
        done.result.contentType = u"text/html"_s;
        model.applyEvents({ done });
        for (const QList<QVariant> &args : std::as_const(changed)) {
            if (args.at(0).toModelIndex().column() <= JobModel::UrlColumn) // the tooltip only
                QCOMPARE(args.at(2).value<QList<int>>(), QList<int> { Qt::ToolTipRole });
        }
        QCOMPARE(cells(),
                 expect(3,
                        { JobModel::UrlColumn, JobModel::StateColumn, JobModel::StatusColumn,
                          JobModel::VersionColumn, JobModel::ProgressColumn, JobModel::SizeColumn,
                          JobModel::SpeedColumn, JobModel::ElapsedColumn, JobModel::TypeColumn }));
        QCOMPARE(model.index(3, JobModel::UrlColumn).data(Qt::ToolTipRole).toString(),
                 u"http://example.com/3\nredirected to http://example.net/moved"_s);

        // The clock: running rows' speed and elapsed time; the bar only where it is a busy
        // indicator (no size known).
        model.applyEvents({ { JobEvent::Kind::Started, 7, 0, -1, 80, {} },
                            { JobEvent::Kind::Started, 8, 0, -1, 80, {} },
                            { JobEvent::Kind::Progress, 8, 10, 100, 80, {} } });
        changed.clear();
        model.tick(200);
        QCOMPARE(
                cells(),
                expect(7,
                       { JobModel::ProgressColumn, JobModel::SpeedColumn, JobModel::ElapsedColumn })
                        + expect(8, { JobModel::SpeedColumn, JobModel::ElapsedColumn }));
    }

    // A harvested video's row gives back the item it was made from, whatever became of its
    // download: a failed download of a video whose media URL is its page is retried as a video.
    void videoRowsKeepTheirHarvestItem()
    {
        JobModel model;
        HarvestItem same;
        same.index = 7; // its place on the list page; the row's index replaces it
        same.title = u"Same page"_s;
        same.detailUrl = QUrl(u"http://example.com/v/1"_s);
        same.mediaUrl = same.detailUrl;
        HarvestItem none;
        none.index = 8;
        none.title = u"No video"_s;
        none.detailUrl = QUrl(u"http://example.com/v/2"_s);
        none.error = FetchError::other(u"no <video> on the page"_s);
        model.setVideos({ same, none });
        QCOMPARE(model.state(1), JobModel::State::Failed);
        QCOMPARE(model.result(1).error, none.error);

        model.applyEvents(
                { finished(0, 0, 0, 0, 10, FetchError(FetchErrorKind::ConnectionRefused)) });
        QCOMPARE(model.state(0), JobModel::State::Failed);
        for (int row = 0; row < 2; ++row) {
            const HarvestItem &original = row == 0 ? same : none;
            const HarvestItem item = model.video(row);
            QCOMPARE(item.index, row);
            QCOMPARE(item.title, original.title);
            QCOMPARE(item.detailUrl, original.detailUrl);
            QCOMPARE(item.mediaUrl, original.mediaUrl);
            QCOMPARE(item.error, original.error);
        }
        QVERIFY(model.video(0).hasMedia());
        model.requeue({ 0 });
        QCOMPARE(model.video(0).mediaUrl, same.mediaUrl);
        QCOMPARE(model.index(0, JobModel::TitleColumn).data().toString(), same.title);
    }

    void sortsOnRawValues()
    {
        JobModel model;
        model.setUrls(urls(3));
        // 10 KiB, 9 B, 2 MiB: as text "10.0 KiB" < "2.0 MiB" < "9 B"; as numbers 9 < 10240 < 2 MiB.
        model.applyEvents({ finished(0, 200, 10240, 0, 10), finished(1, 200, 9, 0, 10),
                            finished(2, 200, 2 * 1024 * 1024, 0, 10) });
        JobFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(JobModel::SizeColumn, Qt::AscendingOrder);
        auto sourceRow = [&](int row) { return proxy.mapToSource(proxy.index(row, 0)).row(); };
        QCOMPARE(sourceRow(0), 1);
        QCOMPARE(sourceRow(1), 0);
        QCOMPARE(sourceRow(2), 2);
        proxy.sort(JobModel::IndexColumn, Qt::DescendingOrder);
        QCOMPARE(sourceRow(0), 2);
    }

    void versionColumnShowsAndSortsTheHttpVersion()
    {
        JobModel model;
        model.setUrls(urls(4));
        QList<JobEvent> events;
        for (const auto &[row, version] :
             { std::pair { 0, "2" }, std::pair { 1, "1.1" }, std::pair { 2, "1.0" } }) {
            JobEvent event = finished(row, 200, 10, 0, 10);
            event.result.httpVersion = version;
            events.append(event);
        }
        model.applyEvents(events); // row 3 never got a response
        QCOMPARE(model.headerData(JobModel::VersionColumn, Qt::Horizontal).toString(),
                 u"Version"_s);
        QVERIFY(!model.headerData(JobModel::VersionColumn, Qt::Horizontal, Qt::ToolTipRole)
                         .toString()
                         .isEmpty());
        QCOMPARE(model.index(0, JobModel::VersionColumn).data().toString(), u"2"_s);
        QCOMPARE(model.index(1, JobModel::VersionColumn).data().toString(), u"1.1"_s);
        QCOMPARE(model.index(1, JobModel::VersionColumn).data(JobModel::RawValueRole).toString(),
                 u"1.1"_s);
        QCOMPARE(model.index(3, JobModel::VersionColumn).data().toString(), QString());
        QCOMPARE(JobModel::columnKey(JobModel::VersionColumn), u"http_version"_s);

        JobFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(JobModel::VersionColumn, Qt::AscendingOrder);
        auto sourceRow = [&](int row) { return proxy.mapToSource(proxy.index(row, 0)).row(); };
        QCOMPARE(sourceRow(0), 3);
        QCOMPARE(sourceRow(1), 2);
        QCOMPARE(sourceRow(2), 1);
        QCOMPARE(sourceRow(3), 0);
    }

    // The keys the main window saves its header layout under: unique, and one per column.
    void columnKeysAreUnique()
    {
        QStringList keys;
        for (int column = 0; column < JobModel::ColumnCount; ++column) {
            QVERIFY(!JobModel::columnKey(column).isEmpty());
            keys.append(JobModel::columnKey(column));
        }
        keys.removeDuplicates();
        QCOMPARE(keys.size(), int(JobModel::ColumnCount));
    }

    void filtersByTextAndState()
    {
        JobModel model;
        model.setUrls(urls(12));
        model.applyEvents(
                { finished(1, 200, 1, 0, 1),
                  finished(11, 500, 1, 0, 1, FetchError::httpStatus(500, "Internal Server Error")),
                  { JobEvent::Kind::Started, 5, 0, -1, 1, {} } });
        JobFilterProxy proxy;
        proxy.setSourceModel(&model);
        proxy.setText(u"/1"_s); // 1, 10, 11
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setStateFilter(int(JobModel::State::Failed));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setText(QString());
        proxy.setStateFilter(JobFilterProxy::RunningFilter);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setStateFilter(-1);
        proxy.setText(u"internal server"_s); // matches the error column
        QCOMPARE(proxy.rowCount(), 1);
    }
};

QTEST_MAIN(tst_JobModel)
#include "tst_jobmodel.moc"
