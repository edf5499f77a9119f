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

    // One batch of events is one dataChanged per contiguous range, not one per event.
    void updatesAreCoalesced()
    {
        JobModel model;
        model.setUrls(urls(1000));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QList<JobEvent> batch;
        for (int i = 100; i < 200; ++i)
            batch.append({ JobEvent::Kind::Started, i, 0, -1, 1, {} });
        for (int i = 100; i < 200; ++i)
            batch.append({ JobEvent::Kind::Progress, i, 10, 100, 2, {} });
        batch.append({ JobEvent::Kind::Started, 500, 0, -1, 1, {} });
        model.applyEvents(batch);
        QCOMPARE(changed.size(), 2); // rows 100-199 and row 500
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 100);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 199);
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 500);

        // Most rows changed: one signal for the whole table.
        changed.clear();
        batch.clear();
        for (int i = 0; i < 1000; i += 2)
            batch.append({ JobEvent::Kind::Started, i, 0, -1, 1, {} });
        batch.append({ JobEvent::Kind::Started, 1, 0, -1, 1, {} });
        model.applyEvents(batch);
        QCOMPARE(changed.size(), 1);

        // tick() touches only running rows' live columns.
        changed.clear();
        model.tick(500);
        for (const QList<QVariant> &args : std::as_const(changed)) {
            QCOMPARE(args.at(0).toModelIndex().column(), int(JobModel::ProgressColumn));
            QCOMPARE(args.at(1).toModelIndex().column(), int(JobModel::ElapsedColumn));
        }
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
