#include "demo/demovideosite.h"
#include "harvest/harvestrecipe.h"
#include "harvest/pagefetcher.h"
#include "harvestdialog.h"
#include "jobmodel.h"
#include "mainwindow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

// The harvest in the app: the dialog's live preview on the demo video site, harvested videos as
// rows, and Save videos downloading them byte for byte into a folder.
class tst_HarvestGui : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Where the demo site's list page has its special items.
    static constexpr int AdvertisementRow = 7; // after the seventh video: no link
    static constexpr int MissingRow = 9; // video 1009: its media URL answers 404
    static constexpr int NoVideoRow = 10; // video 1010: a detail page without a video

    static QList<int> unlinkedRows(const QList<HarvestItem> &items)
    {
        QList<int> rows;
        for (int i = 0; i < items.size(); ++i) {
            if (!items[i].detailUrl.isValid())
                rows.append(i);
        }
        return rows;
    }

    static QList<int> rowsIn(const JobModel &model, JobModel::State state)
    {
        QList<int> rows;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.state(row) == state)
                rows.append(row);
        }
        return rows;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Presets go to the config folder: keep the test's own.
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toUtf8());
    }

    void previewHarvestAndSaveVideos()
    {
        QSettings settings(m_dir.filePath(u"s.ini"_s), QSettings::IniFormat);
        settings.setValue(u"fetch/proxy"_s, u"none"_s);
        MainWindow window(&settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *dialog = qobject_cast<HarvestDialog *>(window.openHarvest());
        QVERIFY(dialog);
        QSignalSpy preview(dialog, &HarvestDialog::previewUpdated);
        dialog->useDemoSite();
        QVERIFY(preview.wait(10'000));
        // The demo site's list page is fixed: its 16 videos and, after the seventh, an
        // advertisement that is an item without a link.
        const QList<DemoVideoSite::Video> &catalogue = DemoVideoSite::catalogue();
        QCOMPARE(catalogue.size(), 16);
        QList<HarvestItem> items = dialog->previewItems();
        QCOMPARE(items.size(), 17);
        QCOMPARE(unlinkedRows(items), QList<int> { AdvertisementRow });
        QCOMPARE(items[0].title, catalogue[0].title);
        QCOMPARE(items[AdvertisementRow + 1].title, catalogue[AdvertisementRow].title);
        QCOMPARE(dialog->recipe().itemXPath, u"//ul[@id=\"listvideoListUl\"]/li"_s);
        auto *table = dialog->findChild<QTableWidget *>(u"itemsTable"_s);
        auto *status = dialog->findChild<QLabel *>(u"previewStatus"_s);
        auto *itemXPath = dialog->findChild<QLineEdit *>(u"itemXPathEdit"_s);
        QVERIFY(table && status && itemXPath);
        QCOMPARE(table->rowCount(), 17);
        QVERIFY2(status->text().contains(u"17 items match; 1 of them have no link"_s),
                 qPrintable(status->text()));

        // Editing an expression re-reads the cached page, without fetching it again: a bad
        // XPath says so, a narrower one previews fewer items.
        auto *fetcher = dialog->findChild<PageFetcher *>();
        QVERIFY(fetcher);
        QSignalSpy fetched(fetcher, &PageFetcher::fetched);
        preview.clear();
        itemXPath->setText(u"//ul[@id="_s);
        QTRY_VERIFY2(status->text().contains(u"invalid item XPath"_s), qPrintable(status->text()));
        QCOMPARE(preview.size(), 0);
        QCOMPARE(dialog->previewItems().size(), 17); // the last good preview stays
        itemXPath->setText(u"//ul[@id=\"listvideoListUl\"]/li[not(contains(@class, \"ad\"))]"_s);
        QVERIFY(preview.wait(10'000));
        items = dialog->previewItems();
        QCOMPARE(items.size(), 16);
        QCOMPARE(unlinkedRows(items), QList<int>());
        QCOMPARE(table->rowCount(), 16);
        QVERIFY2(status->text().contains(u"16 items match."_s), qPrintable(status->text()));
        itemXPath->setText(HarvestRecipe::pearVideo().itemXPath);
        QVERIFY(preview.wait(10'000));
        QCOMPARE(dialog->previewItems().size(), 17);
        QCOMPARE(fetched.size(), 0);

        QSignalSpy media(dialog, &HarvestDialog::mediaPreviewed);
        dialog->previewMedia(0);
        QVERIFY(media.wait(10'000));
        QCOMPARE(media.first().at(0).toUrl().path(), u"/videos/media/1001.mp4"_s);
        QVERIFY(media.first().at(1).toString().isEmpty());

        QSignalSpy harvested(dialog, &HarvestDialog::harvested);
        QVERIFY(dialog->harvest());
        QVERIFY(harvested.wait(20'000));
        JobModel *model = window.model();
        QVERIFY(model->hasVideos());
        QCOMPARE(harvested.first().at(0).value<QList<HarvestItem>>().size(), 17);
        QCOMPARE(model->rowCount(), 17);
        // Items without a video are failed rows with a reason, never dropped: the
        // advertisement and the detail page without a video.
        QCOMPARE(rowsIn(*model, JobModel::State::Failed),
                 (QList<int> { AdvertisementRow, NoVideoRow }));
        for (int row : { AdvertisementRow, NoVideoRow })
            QVERIFY(!model->result(row).error.isEmpty());
        QVERIFY2(model->result(NoVideoRow).error.text().startsWith(u"no media URL"_s),
                 qPrintable(model->result(NoVideoRow).error.text()));

        const QString folder = m_dir.filePath(u"videos"_s);
        QDir().mkpath(folder);
        QSignalSpy finished(&window, &MainWindow::runFinished);
        QVERIFY(window.saveVideos(folder));
        QVERIFY(finished.wait(60'000));
        // Every video but the one whose media URL answers 404 is saved.
        QCOMPARE(rowsIn(*model, JobModel::State::Failed),
                 (QList<int> { AdvertisementRow, MissingRow, NoVideoRow }));
        QCOMPARE(model->result(MissingRow).httpStatus, 404);
        int saved = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->state(row) != JobModel::State::Done)
                continue;
            ++saved;
            const FetchResult &r = model->result(row);
            QVERIFY(QFileInfo(r.filePath).absolutePath() == QFileInfo(folder).absoluteFilePath());
            QFile file(r.filePath);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(r.filePath));
            const QByteArray bytes = file.readAll();
            QCOMPARE(qint64(bytes.size()),
                     model->index(row, JobModel::SizeColumn)
                             .data(JobModel::RawValueRole)
                             .toLongLong());
            // The file is exactly the row's video; the HLS item's is its best variant, remuxed
            // to MP4 when ffmpeg is installed (tst_hlsdownload compares its bytes).
            const int id = model->video(row).detailUrl.path().split(u'_').last().toInt();
            const DemoVideoSite::Video video =
                    DemoVideoSite::video(id).value_or(DemoVideoSite::Video());
            if (video.delivery != DemoVideoSite::Delivery::Hls) {
                QCOMPARE(bytes.size(), video.size);
                QVERIFY2(bytes == DemoVideoSite::mediaBytes(id), qPrintable(r.filePath));
            } else { // a video, never the playlist's text
                QVERIFY2(r.filePath.endsWith(u".mp4"_s) || r.filePath.endsWith(u".ts"_s),
                         qPrintable(r.filePath));
                QVERIFY(!bytes.startsWith("#EXTM3U"));
            }
            QVERIFY(!model->index(row, JobModel::FileColumn).data().toString().isEmpty());
            QVERIFY(!QFile::exists(r.filePath + u".part"_s)); // renamed once complete
        }
        QCOMPARE(saved, 14);
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 14);
        // Nothing was written outside the chosen folder.
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), QStringList({ u"s.ini"_s }));
    }
};

QTEST_MAIN(tst_HarvestGui)
#include "tst_harvestgui.moc"
