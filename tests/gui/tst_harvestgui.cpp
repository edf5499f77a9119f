#include "demo/demovideosite.h"
#include "harvestdialog.h"
#include "jobmodel.h"
#include "mainwindow.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
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
        const QList<DemoVideoSite::Video> &catalogue = DemoVideoSite::catalogue();
        const QList<HarvestItem> items = dialog->previewItems();
        QVERIFY(items.size() >= catalogue.size());
        QCOMPARE(dialog->recipe().itemXPath, u"//ul[@id=\"listvideoListUl\"]/li"_s);

        // Editing an expression re-reads the cached page at once: a bad XPath says so.
        QSignalSpy media(dialog, &HarvestDialog::mediaPreviewed);
        dialog->previewMedia(0);
        QVERIFY(media.wait(10'000));
        QVERIFY(media.first().at(0).toUrl().isValid());
        QVERIFY(media.first().at(1).toString().isEmpty());

        QSignalSpy harvested(dialog, &HarvestDialog::harvested);
        QVERIFY(dialog->harvest());
        QVERIFY(harvested.wait(20'000));
        JobModel *model = window.model();
        QVERIFY(model->hasVideos());
        QCOMPARE(model->rowCount(), harvested.first().at(0).value<QList<HarvestItem>>().size());
        // Items without a video are failed rows with a reason, never dropped.
        int noVideo = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->state(row) == JobModel::State::Failed) {
                ++noVideo;
                QVERIFY(!model->result(row).error.isEmpty());
            }
        }
        QVERIFY(noVideo >= 1);

        const QString folder = m_dir.filePath(u"videos"_s);
        QDir().mkpath(folder);
        QSignalSpy finished(&window, &MainWindow::runFinished);
        QVERIFY(window.saveVideos(folder));
        QVERIFY(finished.wait(60'000));
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
            // The file is exactly one of the site's videos.
            bool matches = false;
            for (const DemoVideoSite::Video &video : catalogue)
                matches = matches
                        || (video.size == bytes.size()
                            && DemoVideoSite::mediaBytes(video.id) == bytes);
            QVERIFY2(matches, qPrintable(r.filePath));
            QVERIFY(!model->index(row, JobModel::FileColumn).data().toString().isEmpty());
            QVERIFY(!QFile::exists(r.filePath + u".part"_s)); // renamed once complete
        }
        QVERIFY(saved >= 8);
        // Nothing was written outside the chosen folder.
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), QStringList({ u"s.ini"_s }));
    }
};

QTEST_MAIN(tst_HarvestGui)
#include "tst_harvestgui.moc"
