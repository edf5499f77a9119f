#pragma once

#include "appsettings.h"
#include "fetch/fetchtypes.h"

#include <memory>

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QComboBox;
class QSettings;
class QSpinBox;
class QSystemTrayIcon;
class QTableView;

namespace Ui {
class MainWindow;
}

namespace qcrawl {

class BodySaver;
class DemoServerThread;
class PresetStore;
struct HarvestItem;
class JobModel;
class ResultsTable;
class Run;
class RunStatusBar;
class SessionJournal;
struct JournalJob;
struct JournalRun;
class UrlEditor;
struct UrlParseResult;

// The main window coordinates: the URL pane, the results table, the toolbar and the status bar
// over one Run at a time (a FetchRun or the videos' DownloadRun), and the saves of bodies
// (BodySaver). Dialogs (settings, compare, response) and the pieces of the view (JobModel,
// ResultsTable, RunStatusBar, UrlEditor) are classes of their own.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    UrlEditor *urlEditor() const;
    JobModel *model() const { return m_model; }
    QTableView *resultsView() const;
    bool isRunning() const;
    FetchMode mode() const { return m_mode; }
    FetchOptions fetchOptions() const;
    DemoServerThread *demoServer() const { return m_demo.get(); }

    void fetch();
    void stop();
    void clearAll();
    void setMode(FetchMode mode);
    // Starts the built-in demo server (once) and fills the list with the tutorial's experiment.
    bool startDemo();
    // Opens the comparison of the three modes over the current list; the dialog deletes itself.
    QDialog *openCompare();
    bool exportResults(const QString &path, QString *error = nullptr) const;
    bool saveBody(int row, const QString &path, QString *error = nullptr);
    void retryRows(const QList<int> &rows);
    // Opens the harvest dialog; harvested videos replace the table's rows.
    QDialog *openHarvest();
    void showVideos(const QList<HarvestItem> &items);
    // Downloads the given rows (all videos when empty) into folder, resuming .part files.
    bool saveVideos(const QString &folder, QList<int> rows = {});
    QUrl demoBaseUrl(); // starts the demo server when needed

    // Records the table's fetch runs in the journal at path; with restore, the last run's rows
    // come back (after a crash or a close during a run, after asking).
    void openJournal(const QString &path, bool restore = true);
    SessionJournal *journal() const { return m_journal.get(); }
    // Opens the History window (the journal's runs); it deletes itself.
    QDialog *openHistory();

Q_SIGNALS:
    void runFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setUpToolBar();
    void setUpTable();
    void setUpActions();
    void restoreState();
    void saveState();
    void startFetch(const QList<FetchJob> &jobs);
    bool startRun(std::unique_ptr<Run> run);
    void retireRun();
    void onRunFinished(qint64 wallMs);
    void onBodySaved(const QString &path, const FetchResult &result);
    void onParsed(const UrlParseResult &result);
    void updateStatus();
    void updateActions();
    void showContextMenu(const QPoint &pos);
    void importUrls();
    void exportResultsDialog();
    void showSettings();
    void showAbout();
    void showResponse(int row);
    void saveBodyDialog(int row);
    void notifyFinished(const QString &message);
    void saveVideosDialog();
    bool startDemoServer();
    void askRestore(const JournalRun &run);
    void showJournalRows(const JournalRun &run, const QList<JournalJob> &jobs, bool toContinue);
    void showJournalVideos(const JournalRun &run, const QList<HarvestItem> &items,
                           const QList<JournalJob> &jobs, bool toContinue);
    void displayVideos(const QList<HarvestItem> &items);

    static constexpr qint64 LongRunMs = 10'000; // runs this long notify when they end unseen
    static constexpr int VideoDownloaderConcurrency = 4; // as the tutorial's Pool(4)

    std::unique_ptr<Ui::MainWindow> m_ui;
    AppSettings m_settings;
    FetchOptions m_options;
    FetchMode m_mode = FetchMode::Async;
    JobModel *m_model;
    ResultsTable *m_table = nullptr; // the view over m_model
    std::unique_ptr<Run> m_run; // the current run, else the last one until the next starts
    std::unique_ptr<DemoServerThread> m_demo;
    std::unique_ptr<PresetStore> m_presets;
    std::unique_ptr<BodySaver> m_bodySaver; // re-downloads bodies too big for their preview
    std::unique_ptr<SessionJournal> m_journal; // the table's fetch runs, when a journal is open
    QComboBox *m_modeCombo = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QSpinBox *m_threads = nullptr;
    RunStatusBar *m_status = nullptr;
    QSystemTrayIcon *m_tray = nullptr; // made when first needed
    QTimer m_tick;
};

} // namespace qcrawl
