#include "comparedialog.h"
#include "enginerunner.h"
#include "testserver.h"
#include "timelinewidget.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

class tst_CompareDialog : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;

private Q_SLOTS:
    void threeTimelinesMatchTheEnginesTimes()
    {
        constexpr int Pages = 8;
        constexpr int Delay = 150;
        QList<QUrl> urls;
        for (int i = 0; i < Pages; ++i)
            urls.append(m_server.url(u"/delay/%1?page=%2"_s.arg(Delay).arg(i)));
        FetchOptions options = localOptions();
        options.threads = 4;
        CompareDialog dialog(urls, options);
        dialog.resize(1000, 700);
        dialog.show();
        QSignalSpy done(&dialog, &CompareDialog::comparisonFinished);
        dialog.startComparison();
        QVERIFY(done.wait(30'000));

        const QList<TimelineRun> &runs = dialog.runs();
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0].mode, FetchMode::Serial);
        QCOMPARE(runs[1].mode, FetchMode::Pool);
        QCOMPARE(runs[2].mode, FetchMode::Async);
        for (const TimelineRun &run : runs)
            QCOMPARE(run.results.size(), Pages);
        // The tutorial's shape: serial ≈ 8 delays, a pool of 4 ≈ 2, async ≈ 1.
        QVERIFY2(runs[0].wallMs >= Pages * Delay - 10, qPrintable(QString::number(runs[0].wallMs)));
        QVERIFY2(runs[1].wallMs < runs[0].wallMs / 2.5,
                 qPrintable(QString::number(runs[1].wallMs)));
        QVERIFY2(runs[2].wallMs < runs[1].wallMs * 0.8,
                 qPrintable(QString::number(runs[2].wallMs)));

        // Every bar sits where the engine says its request started and ended.
        TimelineWidget *timeline = dialog.timeline();
        const double scale =
                (timeline->barRect(0, 0).width()) / std::max<qint64>(1, [&] {
                    const auto &r = runs[0].results;
                    auto it = std::find_if(r.begin(), r.end(),
                                           [](const FetchResult &x) { return x.index == 0; });
                    return it->finishedMs - it->startedMs;
                }());
        const double origin = timeline->barRect(0, 0).left() - [&] {
            const auto &r = runs[0].results;
            return std::find_if(r.begin(), r.end(),
                                [](const FetchResult &x) { return x.index == 0; })
                    ->startedMs;
        }() * scale;
        for (int run = 0; run < 3; ++run) {
            QList<FetchResult> byIndex = runs[run].results;
            std::sort(byIndex.begin(), byIndex.end(),
                      [](const FetchResult &a, const FetchResult &b) { return a.index < b.index; });
            for (int row = 0; row < Pages; ++row) {
                const QRectF bar = timeline->barRect(run, row);
                QVERIFY(std::abs(bar.left() - (origin + byIndex[row].startedMs * scale)) < 1.0);
                QVERIFY(std::abs(bar.right() - (origin + byIndex[row].finishedMs * scale)) < 1.5);
            }
        }
        // Serial is a staircase: each bar starts after the previous one ends.
        for (int row = 1; row < Pages; ++row)
            QVERIFY(timeline->barRect(0, row).left()
                    >= timeline->barRect(0, row - 1).right() - 1.0);
        // Async is a wall: every bar starts at about the same time.
        for (int row = 1; row < Pages; ++row)
            QVERIFY(std::abs(timeline->barRect(2, row).left() - timeline->barRect(2, 0).left())
                    < 10.0);

        // The table shows the three modes with their speed-up against serial.
        auto *table = dialog.findChild<QTableWidget *>(u"compareTable"_s);
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(0, 5)->text(), u"1.00×"_s);

        // Exports.
        QTemporaryDir dir;
        const QString png = dir.filePath(u"t.png"_s);
        const QString csv = dir.filePath(u"t.csv"_s);
        QVERIFY(timeline->exportPng(png));
        QVERIFY(timeline->exportCsv(csv));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 900);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 3 * Pages);
        QVERIFY(lines[0].startsWith("mode,index,url,started_ms,finished_ms"));
    }
};

QTEST_MAIN(tst_CompareDialog)
#include "tst_comparedialog.moc"
