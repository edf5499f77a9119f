#include "demo/demovideosite.h"
#include "harvest/harvesttypes.h"
#include "historydialog.h"
#include "jobmodel.h"
#include "journal/fetchoptionsjson.h"
#include "journal/journal.h"
#include "mainwindow.h"
#include "sessionjournal.h"
#include "settingsdialog.h"
#include "testserver.h"
#include "urleditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

// The app's journal as a user meets it: runs recorded without asking, the table back after a
// restart, "Restore the previous session?" after a crash, and the History window.
class tst_JournalGui : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    QString m_journal;
    int m_count = 0;

    std::unique_ptr<MainWindow> newWindow(bool restore = true)
    {
        auto window = std::make_unique<MainWindow>(m_settings.get());
        window->show();
        window->openJournal(m_journal, restore);
        return window;
    }

    static void fetchList(MainWindow &window, const QStringList &urls)
    {
        window.urlEditor()->setPlainText(urls.join(u'\n'));
        QSignalSpy finished(&window, &MainWindow::runFinished);
        window.fetch();
        QVERIFY(finished.wait(30'000));
    }

    static JournalRun onlyRun(const QString &path)
    {
        Journal journal;
        QString message, error;
        if (journal.open(path, &message) != Journal::OpenResult::Opened)
            return {};
        const QList<JournalRun> runs = journal.runs(&error);
        return runs.size() == 1 ? runs.constFirst() : JournalRun();
    }

    // A run as a crash leaves it: some results in, never closed.
    qint64 writeCrashedRun(const QStringList &urls, int done)
    {
        Journal journal;
        QString message, error;
        if (journal.open(m_journal, &message) != Journal::OpenResult::Opened)
            return 0;
        QList<FetchJob> jobs;
        for (const QString &url : urls)
            jobs.append({ int(jobs.size()), QUrl(url), QString() });
        FetchOptions options;
        options.proxyMode = FetchOptions::ProxyMode::None;
        const qint64 run = journal.createRun(u"fetch"_s, FetchMode::Pool,
                                             { { u"fetch"_s, FetchOptionsJson::toJson(options) } },
                                             jobs, &error);
        QList<FetchResult> results;
        for (int i = 0; i < done; ++i) {
            FetchResult r;
            r.index = i;
            r.url = jobs.at(i).url;
            r.httpStatus = 200;
            r.bytesReceived = 7;
            r.startedMs = 0;
            r.finishedMs = 5;
            results.append(r);
        }
        journal.recordResults(run, results, 1000, &error);
        return run;
    }

    QStringList urls(int count, const QString &tag)
    {
        QStringList list;
        for (int i = 0; i < count; ++i)
            list.append(m_server.url(u"/bytes/%1?%2"_s.arg(100 + i).arg(tag)).toString());
        return list;
    }

    template<typename T>
    static T *waitForChild(QWidget *parent, const QString &name)
    {
        QElapsedTimer clock;
        clock.start();
        T *found = nullptr;
        while (!(found = parent->findChild<T *>(name)) && clock.elapsed() < 10'000)
            QTest::qWait(20);
        return found;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"s%1.ini"_s.arg(++m_count)),
                                                 QSettings::IniFormat);
        m_settings->setValue(u"fetch/proxy"_s, u"none"_s);
        m_journal = m_dir.filePath(u"journal%1.db"_s.arg(m_count));
    }

    void aFetchIsRecordedAndComesBackAfterARestart()
    {
        const QStringList list = urls(12, u"a"_s) << m_server.url(u"/status/404"_s).toString();
        {
            auto window = newWindow();
            fetchList(*window, list);
        }
        const JournalRun run = onlyRun(m_journal);
        QCOMPARE(run.urls, 13);
        QCOMPARE(run.ok, 12);
        QCOMPARE(run.failed, 1);
        QVERIFY(run.closed);

        // The next start: the table as it was, without asking and without fetching.
        auto window = newWindow();
        JobModel *model = window->model();
        QTRY_COMPARE(model->rowCount(), 13);
        QCOMPARE(model->count(JobModel::State::Done), 12);
        QCOMPARE(model->count(JobModel::State::Failed), 1);
        QCOMPARE(model->result(3).bytesReceived, 103);
        QCOMPARE(model->result(12).httpStatus, 404);
        QVERIFY(!window->isRunning());
        QVERIFY(!window->findChild<QMessageBox *>(u"restorePrompt"_s));
        QCOMPARE(window->urlEditor()->toPlainText(), list.join(u'\n'));
    }

    void aCrashedRunIsOfferedAndRestored()
    {
        const QStringList list = urls(10, u"b"_s);
        const qint64 id = writeCrashedRun(list, 4);
        QVERIFY(id > 0);
        auto window = newWindow();
        auto *prompt = waitForChild<QMessageBox>(window.get(), u"restorePrompt"_s);
        QVERIFY(prompt);
        QVERIFY2(prompt->text().contains(u"6 of 10 unfinished"_s), qPrintable(prompt->text()));
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        QPushButton *restore = nullptr;
        for (QAbstractButton *b : prompt->buttons()) {
            if (prompt->buttonRole(b) == QMessageBox::AcceptRole)
                restore = qobject_cast<QPushButton *>(b);
        }
        QVERIFY(restore);
        restore->click();
        QVERIFY(finished.wait(30'000));
        JobModel *model = window->model();
        QCOMPARE(model->rowCount(), 10);
        QCOMPARE(model->count(JobModel::State::Done), 10);
        QCOMPARE(window->mode(), FetchMode::Pool); // as the run was
        // Only the unfinished ones were fetched: the four kept their journal results.
        QCOMPARE(model->result(0).bytesReceived, 7);
        QCOMPARE(model->result(9).bytesReceived, 109);
        window.reset();
        const JournalRun run = onlyRun(m_journal);
        QCOMPARE(run.ok, 10);
        QCOMPARE(run.unfinished(), 0);
        QVERIFY(run.closed);
    }

    void discardStartsEmptyAndStopsAsking()
    {
        writeCrashedRun(urls(5, u"c"_s), 1);
        {
            auto window = newWindow();
            auto *prompt = waitForChild<QMessageBox>(window.get(), u"restorePrompt"_s);
            QVERIFY(prompt);
            QVERIFY(prompt);
            for (QAbstractButton *b : prompt->buttons()) {
                if (prompt->buttonRole(b) == QMessageBox::RejectRole)
                    b->click();
            }
            QTest::qWait(200);
            QCOMPARE(window->model()->rowCount(), 0);
        }
        QVERIFY(onlyRun(m_journal).closed);
        QCOMPARE(onlyRun(m_journal).unfinished(), 4); // kept in History
        auto window = newWindow();
        QTRY_COMPARE(window->model()->rowCount(), 5); // the rows, no question
        QVERIFY(!window->findChild<QMessageBox *>(u"restorePrompt"_s));
        QVERIFY(!window->isRunning());
    }

    void closingDuringARunOffersItNextTime()
    {
        {
            auto window = newWindow();
            QStringList list = urls(2, u"d"_s);
            for (int i = 0; i < 4; ++i)
                list.append(m_server.url(u"/delay/20000?d%1"_s.arg(i)).toString());
            window->urlEditor()->setPlainText(list.join(u'\n'));
            window->fetch();
            QTRY_COMPARE_WITH_TIMEOUT(window->model()->count(JobModel::State::Done), 2, 20'000);
            QTest::qWait(300); // the batch reaches the journal
            window->close();
        }
        const JournalRun run = onlyRun(m_journal);
        QVERIFY(!run.closed);
        QCOMPARE(run.ok, 2);
        QCOMPARE(run.unfinished(), 4);
        auto window = newWindow();
        auto *prompt = waitForChild<QMessageBox>(window.get(), u"restorePrompt"_s);
        QVERIFY(prompt);
        QVERIFY(prompt->text().contains(u"4 of 6 unfinished"_s));
    }

    void historyOpensDeletesAndExports()
    {
        auto window = newWindow(false);
        fetchList(*window, urls(3, u"e"_s));
        fetchList(*window, urls(5, u"f"_s));
        auto *dialog = qobject_cast<HistoryDialog *>(window->openHistory());
        QVERIFY(dialog);
        QTRY_COMPARE(dialog->table()->rowCount(), 2);
        QCOMPARE(dialog->table()->item(0, 4)->text(), u"5"_s); // newest first
        QCOMPARE(dialog->table()->item(1, 4)->text(), u"3"_s);

        const QString exported = m_dir.filePath(u"history.jsonl"_s);
        QVERIFY(dialog->exportTo(exported));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).contains("\"urls\":3"));
        QVERIFY(lines.at(1).contains("\"ok\":5"));

        // Open the older run: its rows replace the table's.
        dialog->table()->selectRow(1);
        dialog->findChild<QPushButton *>(); // the buttons exist
        QSignalSpy opened(dialog, &HistoryDialog::openRequested);
        const auto buttons = dialog->findChildren<QPushButton *>();
        for (QPushButton *b : buttons) {
            if (b->text() == tr("&Open"))
                b->click();
        }
        QCOMPARE(opened.size(), 1);
        QTRY_COMPARE(window->model()->rowCount(), 3);
        QCOMPARE(window->model()->count(JobModel::State::Done), 3);

        auto *again = qobject_cast<HistoryDialog *>(window->openHistory());
        QTRY_COMPARE(again->table()->rowCount(), 2);
        again->table()->selectRow(0);
        again->deleteSelected(false);
        QTRY_COMPARE(again->table()->rowCount(), 1);
        QCOMPARE(again->table()->item(0, 4)->text(), u"3"_s);
        again->close();
    }

    QList<HarvestItem> videos(const QString &query)
    {
        QList<HarvestItem> items;
        for (int id : { 1001, 1002, 1003 }) {
            HarvestItem item;
            item.index = int(items.size());
            item.title = u"视频 %1"_s.arg(id);
            item.detailUrl = m_server.url(u"/videos/video_%1"_s.arg(id));
            item.mediaUrl = m_server.url(u"/videos/media/%1.mp4%2"_s.arg(id).arg(query));
            items.append(item);
        }
        HarvestItem none;
        none.index = int(items.size());
        none.title = u"没有视频的页面"_s;
        none.detailUrl = m_server.url(u"/videos/video_1010"_s);
        none.error = FetchError(FetchErrorKind::NoMediaUrl);
        items.append(none);
        return items;
    }

    void harvestedVideosComeBackAfterARestart()
    {
        const QString folder = m_dir.filePath(u"videos%1"_s.arg(m_count));
        QDir().mkpath(folder);
        {
            auto window = newWindow(false);
            window->showVideos(videos(QString()));
            QTRY_VERIFY(window->journal()->tableRun() > 0);
            QSignalSpy finished(window.get(), &MainWindow::runFinished);
            QVERIFY(window->saveVideos(folder));
            QVERIFY(finished.wait(30'000));
            QCOMPARE(window->model()->count(JobModel::State::Done), 3);
        }
        const JournalRun run = onlyRun(m_journal);
        QCOMPARE(run.kind, u"harvest"_s);
        QCOMPARE(run.urls, 4);
        QCOMPARE(run.ok, 3);
        QCOMPARE(run.failed, 1); // the page without a video
        QVERIFY(run.closed);

        auto window = newWindow();
        JobModel *model = window->model();
        QTRY_COMPARE(model->rowCount(), 4);
        QVERIFY(model->hasVideos());
        QCOMPARE(model->count(JobModel::State::Done), 3);
        QCOMPARE(model->count(JobModel::State::Failed), 1);
        QCOMPARE(model->video(1).title, u"视频 1002"_s);
        QVERIFY(!window->isRunning());
        QVERIFY(!window->findChild<QMessageBox *>(u"restorePrompt"_s));
    }

    void downloadsCutByACloseAreRestored()
    {
        const QString folder = m_dir.filePath(u"cut%1"_s.arg(m_count));
        QDir().mkpath(folder);
        m_settings->setValue(u"folders/download"_s, folder);
        {
            auto window = newWindow(false);
            window->showVideos(videos(u"?rate=60000"_s)); // about 4 s a video
            QTRY_VERIFY(window->journal()->tableRun() > 0);
            QVERIFY(window->saveVideos(folder));
            QTRY_VERIFY_WITH_TIMEOUT(
                    QDir(folder).entryList({ u"*.part"_s }, QDir::Files).size() == 3, 10'000);
            QTest::qWait(300);
            window->close(); // during the downloads: .part files stay
        }
        const JournalRun cut = onlyRun(m_journal);
        QVERIFY(!cut.closed);
        QCOMPARE(cut.unfinished(), 3);

        m_settings->setValue(u"fetch/proxy"_s, u"none"_s);
        auto window = newWindow();
        auto *prompt = waitForChild<QMessageBox>(window.get(), u"restorePrompt"_s);
        QVERIFY(prompt);
        QVERIFY2(prompt->text().contains(u"3 of 4 unfinished"_s), qPrintable(prompt->text()));
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        for (QAbstractButton *b : prompt->buttons()) {
            if (prompt->buttonRole(b) == QMessageBox::AcceptRole)
                b->click();
        }
        QVERIFY(finished.wait(60'000));
        JobModel *model = window->model();
        QCOMPARE(model->count(JobModel::State::Done), 3);
        for (int row = 0; row < 3; ++row) {
            const FetchResult &r = model->result(row);
            QVERIFY2(r.resumedFrom > 0, qPrintable(QString::number(row))); // continued, not anew
            QFile file(r.filePath);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll() == DemoVideoSite::mediaBytes(1001 + row));
        }
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 3); // no copies, no .part left
        window.reset();
        QCOMPARE(onlyRun(m_journal).ok, 3);
    }

    void everyShortcutIsOne()
    {
        auto window = newWindow(false);
        QHash<QKeySequence, QString> seen;
        for (QAction *action : window->findChildren<QAction *>()) {
            for (const QKeySequence &key : action->shortcuts()) {
                QVERIFY2(!seen.contains(key),
                         qPrintable(u"%1: %2 and %3"_s.arg(key.toString(), seen.value(key),
                                                           action->objectName())));
                seen.insert(key, action->objectName());
            }
        }
        QCOMPARE(window->findChild<QAction *>(u"actionHistory"_s)->shortcut(),
                 QKeySequence(u"Ctrl+Shift+H"_s));
    }

    void preferencesTurnTheJournalOff()
    {
        auto window = newWindow(false);
        QVERIFY(window->journal()->isOpen());
        QTimer::singleShot(0, window.get(), [&window] {
            auto *dialog = window->findChild<SettingsDialog *>();
            QVERIFY(dialog);
            auto *check = dialog->findChild<QCheckBox *>(u"journalCheck"_s);
            QVERIFY(check->isChecked());
            check->setChecked(false);
            dialog->accept();
        });
        window->findChild<QAction *>(u"actionSettings"_s)->trigger();
        QVERIFY(!window->journal()->isOpen());
        QCOMPARE(m_settings->value(u"journal/enabled"_s).toBool(), false);
        fetchList(*window, urls(2, u"g"_s));
        QVERIFY(!window->openHistory());
    }
};

QTEST_MAIN(tst_JournalGui)
#include "tst_journalgui.moc"
