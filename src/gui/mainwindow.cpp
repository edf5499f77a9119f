#include "mainwindow.h"

#include "bodysaver.h"
#include "comparedialog.h"
#include "demo/demoscenario.h"
#include "demo/demoserverthread.h"
#include "downloadrun.h"
#include "enginetext.h"
#include "fetch/resultformat.h"
#include "fetchrun.h"
#include "harvest/presetstore.h"
#include "harvestdialog.h"
#include "historydialog.h"
#include "jobfilterproxy.h"
#include "jobicons.h"
#include "jobmodel.h"
#include "journal/fetchoptionsjson.h"
#include "responsedialog.h"
#include "resultstable.h"
#include "runstatusbar.h"
#include "sessionjournal.h"
#include "settingsdialog.h"
#include "ui_mainwindow.h"
#include "urleditor.h"
#include "util/units.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace qcrawl {

MainWindow::MainWindow(QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_settings(settings)
    , m_model(new JobModel(this))
    , m_presets(std::make_unique<PresetStore>())
    , m_bodySaver(std::make_unique<BodySaver>())
    , m_journal(std::make_unique<SessionJournal>())
{
    m_ui->setupUi(this);
    m_options = m_settings.fetchOptions();
    m_mode = m_settings.mode();

    setUpToolBar();
    setUpTable();
    setUpActions();

    m_status = new RunStatusBar(statusBar());

    connect(m_bodySaver.get(), &BodySaver::finished, this, &MainWindow::onBodySaved);
    connect(m_journal.get(), &SessionJournal::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 15'000); });
    connect(m_journal.get(), &SessionJournal::restoreOffered, this, &MainWindow::askRestore);
    connect(m_journal.get(), &SessionJournal::rowsLoaded, this, &MainWindow::showJournalRows);
    connect(m_journal.get(), &SessionJournal::videosLoaded, this, &MainWindow::showJournalVideos);
    m_tick.setInterval(250);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        if (m_run)
            m_model->tick(m_run->elapsedMs());
        updateStatus();
    });
    connect(m_ui->urlEditor, &UrlEditor::parsed, this, &MainWindow::onParsed);
    connect(m_ui->urlEditor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_ui->urlEditor->document()->isEmpty())
            m_ui->demoBanner->hide();
    });

    // Offered on first start, while the list is empty.
    m_ui->demoBanner->setVisible(!m_settings.demoOffered());
    connect(m_ui->demoBannerButton, &QPushButton::clicked, this, &MainWindow::startDemo);
    connect(m_ui->demoBannerClose, &QToolButton::clicked, this, [this] {
        m_ui->demoBanner->hide();
        m_settings.setDemoOffered(true);
    });

    restoreState();
    setMode(m_mode);
    updateStatus();
    updateActions();
}

MainWindow::~MainWindow()
{
    m_run.reset(); // cancel and join before the model goes
    m_journal.reset(); // writes what is queued
}

UrlEditor *MainWindow::urlEditor() const
{
    return m_ui->urlEditor;
}

QTableView *MainWindow::resultsView() const
{
    return m_ui->resultsView;
}

bool MainWindow::isRunning() const
{
    return m_run && m_run->isRunning();
}

FetchOptions MainWindow::fetchOptions() const
{
    FetchOptions options = m_options;
    options.concurrency = m_concurrency->value();
    options.threads = m_threads->value();
    return options;
}

void MainWindow::setUpToolBar()
{
    QToolBar *bar = m_ui->mainToolBar;
    QStyle *s = style();
    m_ui->actionFetch->setIcon(
            QIcon::fromTheme(u"media-playback-start"_s, s->standardIcon(QStyle::SP_MediaPlay)));
    m_ui->actionStop->setIcon(
            QIcon::fromTheme(u"process-stop"_s, s->standardIcon(QStyle::SP_MediaStop)));
    m_ui->actionClear->setIcon(
            QIcon::fromTheme(u"edit-clear"_s, s->standardIcon(QStyle::SP_DialogResetButton)));
    m_ui->actionImport->setIcon(
            QIcon::fromTheme(u"document-open"_s, s->standardIcon(QStyle::SP_DialogOpenButton)));
    m_ui->actionExport->setIcon(
            QIcon::fromTheme(u"document-save"_s, s->standardIcon(QStyle::SP_DialogSaveButton)));
    m_ui->actionCompare->setIcon(QIcon::fromTheme(
            u"view-statistics"_s, s->standardIcon(QStyle::SP_FileDialogDetailedView)));
    m_ui->actionSettings->setIcon(QIcon::fromTheme(u"preferences-system"_s,
                                                   s->standardIcon(QStyle::SP_FileDialogInfoView)));
    m_ui->actionDemo->setIcon(
            QIcon::fromTheme(u"help-about"_s, s->standardIcon(QStyle::SP_DialogHelpButton)));

    m_modeCombo = new QComboBox(this);
    m_modeCombo->setObjectName(u"modeCombo"_s);
    m_modeCombo->addItem(tr("Async"), int(FetchMode::Async));
    m_modeCombo->addItem(tr("Thread pool"), int(FetchMode::Pool));
    m_modeCombo->addItem(tr("Serial"), int(FetchMode::Serial));
    m_modeCombo->setToolTip(tr("How to fetch: one event loop, a pool of blocking threads, or one "
                               "after another (Ctrl+1/2/3)"));
    connect(m_modeCombo, &QComboBox::activated, this,
            [this](int i) { setMode(FetchMode(m_modeCombo->itemData(i).toInt())); });

    m_concurrency = new QSpinBox(this);
    m_concurrency->setObjectName(u"concurrencySpin"_s);
    m_concurrency->setRange(1, 10000);
    m_concurrency->setValue(m_options.concurrency);
    m_concurrency->setPrefix(tr("in flight: "));
    m_concurrency->setToolTip(tr("Async: how many requests are in flight at once"));
    m_threads = new QSpinBox(this);
    m_threads->setObjectName(u"threadsSpin"_s);
    m_threads->setRange(1, 256);
    m_threads->setValue(m_options.threads);
    m_threads->setPrefix(tr("threads: "));
    m_threads->setToolTip(tr("Thread pool: how many worker threads"));

    bar->addWidget(new QLabel(tr(" Mode: "), this));
    bar->addWidget(m_modeCombo);
    bar->addWidget(m_concurrency);
    bar->addWidget(m_threads);
    bar->addSeparator();
    bar->addAction(m_ui->actionCompare);
    bar->addAction(m_ui->actionSettings);
}

void MainWindow::setUpTable()
{
    QTableView *view = m_ui->resultsView;
    m_table = new ResultsTable(view, m_model, this);
    connect(view, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(view, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { showResponse(m_table->rowAt(index)); });
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);

    m_ui->stateFilter->addItem(tr("All states"), -1);
    m_ui->stateFilter->addItem(tr("Running"), JobFilterProxy::RunningFilter);
    for (auto state : { JobModel::State::Queued, JobModel::State::Done, JobModel::State::Failed,
                        JobModel::State::Canceled })
        m_ui->stateFilter->addItem(JobIcons::forState(state), JobModel::stateName(state),
                                   int(state));
    connect(m_ui->stateFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_table->proxy()->setStateFilter(m_ui->stateFilter->currentData().toInt()); });
    connect(m_ui->filterEdit, &QLineEdit::textChanged, m_table->proxy(), &JobFilterProxy::setText);
}

void MainWindow::setUpActions()
{
    Ui::MainWindow &ui = *m_ui;
    connect(ui.actionFetch, &QAction::triggered, this, &MainWindow::fetch);
    connect(ui.actionStop, &QAction::triggered, this, &MainWindow::stop);
    connect(ui.actionClear, &QAction::triggered, this, &MainWindow::clearAll);
    connect(ui.actionFind, &QAction::triggered, this, [this] {
        m_ui->filterEdit->setFocus();
        m_ui->filterEdit->selectAll();
    });
    connect(ui.actionImport, &QAction::triggered, this, &MainWindow::importUrls);
    connect(ui.actionExport, &QAction::triggered, this, &MainWindow::exportResultsDialog);
    connect(ui.actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui.actionCompare, &QAction::triggered, this, &MainWindow::openCompare);
    connect(ui.actionSettings, &QAction::triggered, this, &MainWindow::showSettings);
    connect(ui.actionDemo, &QAction::triggered, this, &MainWindow::startDemo);
    connect(ui.actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(ui.actionHarvest, &QAction::triggered, this, &MainWindow::openHarvest);
    connect(ui.actionSaveVideos, &QAction::triggered, this, &MainWindow::saveVideosDialog);

    auto *history = new QAction(QIcon::fromTheme(u"document-open-recent"_s), tr("&History…"), this);
    history->setObjectName(u"actionHistory"_s);
    history->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)); // Ctrl+H: Harvest
    history->setStatusTip(tr("The runs of the journal: open, continue, delete, export"));
    connect(history, &QAction::triggered, this, &MainWindow::openHistory);
    ui.menuFile->insertAction(ui.actionQuit, history);
    ui.menuFile->insertSeparator(ui.actionQuit);

    auto *modes = new QActionGroup(this);
    for (QAction *action : { ui.actionModeAsync, ui.actionModePool, ui.actionModeSerial })
        modes->addAction(action);
    connect(ui.actionModeAsync, &QAction::triggered, this, [this] { setMode(FetchMode::Async); });
    connect(ui.actionModePool, &QAction::triggered, this, [this] { setMode(FetchMode::Pool); });
    connect(ui.actionModeSerial, &QAction::triggered, this, [this] { setMode(FetchMode::Serial); });
}

void MainWindow::setMode(FetchMode mode)
{
    m_mode = mode;
    m_modeCombo->setCurrentIndex(m_modeCombo->findData(int(mode)));
    m_ui->actionModeAsync->setChecked(mode == FetchMode::Async);
    m_ui->actionModePool->setChecked(mode == FetchMode::Pool);
    m_ui->actionModeSerial->setChecked(mode == FetchMode::Serial);
    m_concurrency->setEnabled(mode == FetchMode::Async);
    m_threads->setEnabled(mode == FetchMode::Pool);
}

void MainWindow::restoreState()
{
    restoreGeometry(m_settings.value(u"ui/geometry"_s));
    QMainWindow::restoreState(m_settings.value(u"ui/windowState"_s));
    const QByteArray splitter = m_settings.value(u"ui/splitter"_s);
    if (!splitter.isEmpty())
        m_ui->splitter->restoreState(splitter);
    else
        m_ui->splitter->setSizes({ 300, 900 });
    m_table->restoreHeader(m_settings);
}

void MainWindow::saveState()
{
    m_settings.setValue(u"ui/geometry"_s, saveGeometry());
    m_settings.setValue(u"ui/windowState"_s, QMainWindow::saveState());
    m_settings.setValue(u"ui/splitter"_s, m_ui->splitter->saveState());
    m_table->saveHeader(m_settings);
    m_settings.setMode(m_mode);
    m_settings.setFetchOptions(fetchOptions());
}

void MainWindow::onParsed(const UrlParseResult &result)
{
    QString text = tr("URLs: %1").arg(result.urls.size());
    if (!result.rejected.isEmpty())
        text += u" · <span style='color:#c62828'>%1</span>"_s.arg(
                tr("invalid: %1").arg(result.rejected.size()));
    if (!result.duplicates.isEmpty())
        text += u" · "_s + tr("duplicates fetched once: %1").arg(result.duplicates.size());
    m_ui->urlCountLabel->setText(text);
    updateActions();
}

void MainWindow::fetch()
{
    if (isRunning())
        return;
    const UrlParseResult parsed = m_ui->urlEditor->parseNow();
    m_table->showVideoColumns(false);
    if (parsed.urls.isEmpty()) {
        statusBar()->showMessage(
                parsed.rejected.isEmpty()
                        ? tr("Paste some URLs first.")
                        : tr("None of the lines is a URL: see the marks in the list."),
                5000);
        return;
    }
    const QList<QUrl> urls = parsed.urlList();
    m_model->setUrls(urls);
    QList<FetchJob> jobs;
    jobs.reserve(urls.size());
    for (const QUrl &url : urls)
        jobs.append({ int(jobs.size()), url, QString() });
    m_journal->beginRun(m_mode, fetchOptions(), jobs);
    startFetch(jobs);
}

void MainWindow::startFetch(const QList<FetchJob> &jobs)
{
    startRun(std::make_unique<FetchRun>(m_mode, fetchOptions(), jobs));
}

bool MainWindow::startRun(std::unique_ptr<Run> run)
{
    if (isRunning())
        return false;
    retireRun();
    m_run = std::move(run);
    connect(m_run.get(), &Run::events, m_model, &JobModel::applyEvents);
    connect(m_run.get(), &Run::events, this, [this](const QList<JobEvent> &batch) {
        m_journal->record(batch, m_run->elapsedMs()); // queued to the journal's thread
    });
    connect(m_run.get(), &Run::finished, this, &MainWindow::onRunFinished);
    connect(m_run.get(), &Run::message, this, [this](const QString &text, int timeoutMs) {
        statusBar()->showMessage(text, timeoutMs);
    });
    if (!m_run->start())
        return false;
    m_tick.start();
    updateActions();
    updateStatus();
    return true;
}

// The last run goes once the event loop is back, as this may run inside one of its signals
// (or with the window, whichever comes first).
void MainWindow::retireRun()
{
    if (!m_run)
        return;
    m_tick.stop();
    m_run->disconnect(this);
    m_run->disconnect(m_model);
    Run *run = m_run.release();
    run->setParent(this);
    run->deleteLater();
}

void MainWindow::retryRows(const QList<int> &rows)
{
    if (isRunning() || rows.isEmpty())
        return;
    if (m_model->hasVideos()) {
        saveVideos(m_settings.downloadFolder(), rows);
        return;
    }
    m_model->requeue(rows);
    QList<FetchJob> jobs;
    for (int row : rows)
        jobs.append({ row, m_model->url(row), QString() });
    m_journal->continueRun();
    startFetch(jobs);
}

void MainWindow::stop()
{
    if (isRunning())
        m_run->stop();
}

void MainWindow::clearAll()
{
    if (isRunning()) {
        stop();
        m_run->waitForFinished(10'000);
    }
    retireRun();
    m_journal->forgetTableRun(); // the run stays in the history
    m_table->showVideoColumns(false);
    m_ui->urlEditor->clear();
    m_model->clear();
    updateStatus();
    updateActions();
}

void MainWindow::onRunFinished(qint64 wallMs)
{
    m_journal->endRun();
    m_tick.stop();
    m_model->tick(wallMs);
    updateStatus();
    updateActions();
    RunStats stats;
    for (const FetchResult &r : m_model->finishedResults())
        stats.add(r);
    stats.wallMs = wallMs;
    statusBar()->showMessage(m_run->summary(stats), 10'000);
    if (wallMs >= LongRunMs && !isActiveWindow())
        notifyFinished(tr("%1 of %2 URLs fetched in %3")
                               .arg(stats.ok)
                               .arg(stats.total())
                               .arg(formatDuration(wallMs)));
    emit runFinished();
}

// A long run that ends while the user works elsewhere: a tray message where there is a tray,
// else the taskbar's attention hint.
void MainWindow::notifyFinished(const QString &message)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(
                    windowIcon().isNull() ? QApplication::windowIcon() : windowIcon(), this);
            m_tray->setToolTip(u"qcrawl"_s);
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                showNormal();
                raise();
                activateWindow();
            });
        }
        m_tray->show();
        m_tray->showMessage(tr("qcrawl: run finished"), message, QSystemTrayIcon::Information,
                            8000);
    }
    QApplication::alert(this);
}

void MainWindow::updateStatus()
{
    m_status->update(*m_model, m_run ? m_run->elapsedMs() : 0);
}

void MainWindow::updateActions()
{
    const bool running = isRunning();
    const bool hasUrls = !m_ui->urlEditor->document()->isEmpty();
    m_ui->actionFetch->setEnabled(!running && hasUrls);
    m_ui->actionStop->setEnabled(running);
    m_ui->actionCompare->setEnabled(!running && hasUrls);
    m_ui->actionExport->setEnabled(m_model->finishedCount() > 0);
    m_ui->actionHarvest->setEnabled(!running);
    m_ui->actionSaveVideos->setEnabled(!running && m_model->hasVideos());
    m_modeCombo->setEnabled(!running);
    for (QAction *action : { m_ui->actionModeAsync, m_ui->actionModePool, m_ui->actionModeSerial })
        action->setEnabled(!running);
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    const int row = m_table->rowAt(m_ui->resultsView->indexAt(pos));
    if (row < 0)
        return;
    const QList<int> selected = m_table->selectedRows();
    const QList<int> rows = selected.contains(row) ? selected : QList<int> { row };
    const bool running = isRunning();
    QMenu menu(this);
    menu.addAction(tr("&Copy URL"), this, [this, rows] {
        QStringList urls;
        for (int r : rows)
            urls.append(m_model->url(r).toString());
        QGuiApplication::clipboard()->setText(urls.join(u'\n'));
    });
    menu.addAction(tr("&Open in browser"), this,
                   [this, row] { QDesktopServices::openUrl(m_model->url(row)); });
    menu.addSeparator();
    QAction *retry = menu.addAction(tr("&Retry"), this, [this, rows] { retryRows(rows); });
    retry->setEnabled(!running);
    QAction *cancel = menu.addAction(tr("C&ancel"), this, [this, rows] {
        if (isRunning())
            m_run->cancel(rows);
    });
    cancel->setEnabled(running);
    menu.addSeparator();
    QAction *save =
            menu.addAction(tr("&Save body as…"), this, [this, row] { saveBodyDialog(row); });
    save->setEnabled(m_model->hasResult(row) && m_model->result(row).isSuccess());
    QAction *show = menu.addAction(tr("Show &response"), this, [this, row] { showResponse(row); });
    show->setEnabled(m_model->hasResult(row) && m_model->result(row).hasResponse());
    menu.exec(m_ui->resultsView->viewport()->mapToGlobal(pos));
}

void MainWindow::showResponse(int row)
{
    if (row < 0 || !m_model->hasResult(row))
        return;
    auto *dialog = new ResponseDialog(m_model->result(row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

bool MainWindow::saveBody(int row, const QString &path, QString *error)
{
    const FetchResult &result = m_model->result(row);
    if (result.preview.size() == result.bytesReceived && result.resumedFrom == 0) {
        QSaveFile file(path);
        if (file.open(QIODevice::WriteOnly) && file.write(result.preview) == result.preview.size()
            && file.commit())
            return true;
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    // Only the preview was kept: fetch the body again, straight into the file.
    m_bodySaver->save(result.finalUrl, path, fetchOptions());
    statusBar()->showMessage(
            tr("Downloading %1 to %2…").arg(result.finalUrl.toDisplayString(), path));
    return true;
}

// Saves can end close together: a failure also stays in a box until it is read.
void MainWindow::onBodySaved(const QString &path, const FetchResult &result)
{
    if (result.isSuccess()) {
        statusBar()->showMessage(tr("Saved %1 (%2)").arg(path, formatBytes(result.bytesReceived)),
                                 10'000);
        return;
    }
    const QString message =
            tr("Could not save %1: %2").arg(path, EngineText::translate(result.error));
    statusBar()->showMessage(message, 10'000);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Save failed"), message, QMessageBox::Ok,
                                this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::saveBodyDialog(int row)
{
    const QUrl url = m_model->url(row);
    QString name = QFileInfo(url.path()).fileName();
    if (name.isEmpty())
        name = url.host() + u".html"_s;
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Save body as"), m_settings.lastFolder(u"save"_s) + u'/' + name);
    if (path.isEmpty())
        return;
    m_settings.setLastFolder(u"save"_s, QFileInfo(path).absolutePath());
    QString error;
    if (!saveBody(row, path, &error))
        QMessageBox::warning(this, tr("Save failed"), error);
}

void MainWindow::importUrls()
{
    const QString path = QFileDialog::getOpenFileName(
            this, tr("Import URLs"), m_settings.lastFolder(u"import"_s),
            tr("Text files (*.txt *.csv *.list);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings.setLastFolder(u"import"_s, QFileInfo(path).absolutePath());
    QString error;
    if (!m_ui->urlEditor->importFile(path, &error))
        QMessageBox::warning(this, tr("Import failed"), error);
}

bool MainWindow::exportResults(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const QList<FetchResult> results = m_model->finishedResults();
    const FetchMode mode = m_run ? m_run->mode() : FetchMode::Async;
    if (path.endsWith(u".json"_s, Qt::CaseInsensitive)) {
        QJsonArray array;
        for (const FetchResult &r : results)
            array.append(ResultFormat::toJson(r, mode));
        file.write(QJsonDocument(array).toJson(QJsonDocument::Indented));
    } else {
        file.write(ResultFormat::csvHeader());
        for (const FetchResult &r : results)
            file.write(ResultFormat::toCsvRow(r, mode));
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void MainWindow::exportResultsDialog()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export results"),
                                                      m_settings.lastFolder(u"export"_s)
                                                              + u"/qcrawl-results.csv"_s,
                                                      tr("CSV (*.csv);;JSON (*.json)"), &filter);
    if (path.isEmpty())
        return;
    m_settings.setLastFolder(u"export"_s, QFileInfo(path).absolutePath());
    QString error;
    if (!exportResults(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this);
    dialog.setOptions(fetchOptions(), m_settings.downloadFolder());
    dialog.setLanguage(m_settings.language());
    dialog.setJournalEnabled(m_settings.journalEnabled());
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.language() != m_settings.language()) {
        m_settings.setLanguage(dialog.language());
        statusBar()->showMessage(tr("The new language takes effect the next time qcrawl starts."),
                                 8000);
    }
    m_options = dialog.options();
    m_settings.setFetchOptions(fetchOptions());
    m_settings.setDownloadFolder(dialog.downloadFolder());
    if (dialog.journalEnabled() != m_settings.journalEnabled()) {
        m_settings.setJournalEnabled(dialog.journalEnabled());
        if (!dialog.journalEnabled())
            m_journal->close();
        else if (!m_journal->isOpen())
            openJournal(AppSettings::defaultJournalPath(), false);
    }
}

QDialog *MainWindow::openCompare()
{
    const UrlParseResult parsed = m_ui->urlEditor->parseNow();
    if (parsed.urls.isEmpty() || isRunning())
        return nullptr;
    auto *dialog = new CompareDialog(parsed.urlList(), fetchOptions(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->startComparison();
    return dialog;
}

bool MainWindow::startDemoServer()
{
    if (m_demo)
        return true;
    auto demo = std::make_unique<DemoServerThread>();
    if (!demo->start()) {
        QMessageBox::warning(this, tr("Demo"),
                             tr("Cannot start the demo server: %1").arg(demo->errorString()));
        return false;
    }
    m_demo = std::move(demo);
    return true;
}

QUrl MainWindow::demoBaseUrl()
{
    return startDemoServer() ? m_demo->baseUrl() : QUrl();
}

bool MainWindow::startDemo()
{
    m_ui->demoBanner->hide();
    m_settings.setDemoOffered(true);
    if (!startDemoServer())
        return false;
    const QString base = m_demo->baseUrl().toString();
    QStringList lines;
    lines << tr("# The tutorial's experiment: 20 pages that each take one second to answer.")
          << tr("# Serial needs 20 s, a pool of 4 threads 5 s, async about 1 s. Try Compare "
                "(Ctrl+M).");
    for (const QUrl &url : DemoScenario().pageUrls(m_demo->baseUrl()))
        lines << url.toString();
    lines << tr("# A few of each demo endpoint:");
    for (const QUrl &url : DemoScenario::endpointSamples(m_demo->baseUrl()))
        lines << url.toString();
    m_ui->urlEditor->setPlainText(lines.join(u'\n') + u'\n');
    m_model->clear();
    statusBar()->showMessage(
            tr("Demo server at %1 – press Fetch (Ctrl+Return) or Compare (Ctrl+M)").arg(base),
            10'000);
    updateActions();
    return true;
}

QDialog *MainWindow::openHarvest()
{
    if (isRunning())
        return nullptr;
    auto *dialog = new HarvestDialog(
            fetchOptions(), m_presets.get(), [this] { return demoBaseUrl(); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HarvestDialog::harvested, this, &MainWindow::showVideos);
    dialog->show();
    return dialog;
}

void MainWindow::showVideos(const QList<HarvestItem> &items)
{
    if (isRunning())
        return;
    m_journal->beginHarvest(items); // the table's run from now on
    displayVideos(items);
}

void MainWindow::displayVideos(const QList<HarvestItem> &items)
{
    retireRun();
    m_model->setVideos(items);
    m_table->showVideoColumns(true);
    int withMedia = 0;
    for (const HarvestItem &item : items)
        withMedia += item.hasMedia() ? 1 : 0;
    statusBar()->showMessage(
            tr("%1 videos found (%2 items without one). Save videos (Ctrl+Shift+S) downloads them.")
                    .arg(withMedia)
                    .arg(items.size() - withMedia),
            15'000);
    updateStatus();
    updateActions();
}

bool MainWindow::saveVideos(const QString &folder, QList<int> rows)
{
    if (isRunning() || !m_model->hasVideos())
        return false;
    if (rows.isEmpty()) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            rows.append(row);
    }
    QList<HarvestItem> items;
    QList<int> requeue;
    for (int row : std::as_const(rows)) {
        const HarvestItem &item = m_model->video(row);
        if (!item.hasMedia())
            continue; // stays a failed row with its reason
        items.append(item);
        requeue.append(row);
    }
    if (items.isEmpty())
        return false;
    m_model->requeue(requeue);
    FetchOptions options = fetchOptions();
    options.concurrency = VideoDownloaderConcurrency;
    m_journal->continueRun(); // the downloads' results go into the harvest's run
    return startRun(std::make_unique<DownloadRun>(items, folder, options));
}

void MainWindow::saveVideosDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Save videos to"),
                                                             m_settings.downloadFolder());
    if (folder.isEmpty())
        return;
    m_settings.setDownloadFolder(folder);
    saveVideos(folder, m_table->selectedRows());
}

void MainWindow::showAbout()
{
    QMessageBox::about(
            this, tr("About qcrawl"),
            tr("<h3>qcrawl %1</h3><p>Paste URLs, fetch them fast, watch every download.</p>"
               "<p>Three ways to fetch a list — serial, a thread pool and one event loop — side by "
               "side, after the tutorial \"高性能异步爬虫\".</p><p>Built with Qt %2.</p>")
                    .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::openJournal(const QString &path, bool restore)
{
    m_journal->open(path, restore);
}

QDialog *MainWindow::openHistory()
{
    if (!m_journal->isOpen()) {
        statusBar()->showMessage(tr("No journal: turn it on in Preferences."), 8000);
        return nullptr;
    }
    auto *dialog = new HistoryDialog(m_journal.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRunning(isRunning());
    connect(this, &MainWindow::runFinished, dialog, [dialog] { dialog->setRunning(false); });
    connect(dialog, &HistoryDialog::openRequested, this,
            [this](qint64 run, bool toContinue) { m_journal->load(run, toContinue); });
    dialog->show();
    return dialog;
}

void MainWindow::askRestore(const JournalRun &run)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore the previous session?"),
                                tr("Restore the previous session? %1 of %2 unfinished")
                                        .arg(run.unfinished())
                                        .arg(run.urls),
                                QMessageBox::NoButton, this);
    box->setObjectName(u"restorePrompt"_s);
    box->setInformativeText(
            tr("qcrawl stopped during a run on %1. Restore brings its rows back "
               "and fetches the unfinished URLs; Discard starts empty (the run "
               "stays in History).")
                    .arg(QLocale().toString(run.started.toLocalTime(), QLocale::ShortFormat)));
    QPushButton *restore = box->addButton(tr("&Restore"), QMessageBox::AcceptRole);
    box->addButton(tr("&Discard"), QMessageBox::RejectRole);
    box->setDefaultButton(restore);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = run.id;
    connect(box, &QMessageBox::finished, this, [this, box, restore, id] {
        if (box->clickedButton() == restore)
            m_journal->load(id, true);
        else
            m_journal->discard(id);
    });
    box->open();
}

void MainWindow::showJournalRows(const JournalRun &run, const QList<JournalJob> &jobs,
                                 bool toContinue)
{
    if (isRunning())
        return;
    retireRun();
    QList<QUrl> urls;
    for (const JournalJob &job : jobs) {
        if (job.result.index != urls.size())
            break; // rows are 0..n-1 in order; anything else is not a table's run
        urls.append(job.result.url);
    }
    QStringList lines;
    for (const QUrl &url : std::as_const(urls))
        lines.append(url.toString());
    m_table->showVideoColumns(false);
    m_ui->urlEditor->setPlainText(lines.join(u'\n'));
    m_model->setUrls(urls);
    QList<JobEvent> finished;
    QList<FetchJob> pending;
    for (const JournalJob &job : jobs) {
        if (job.result.index >= urls.size())
            continue;
        if (job.hasResult) {
            JobEvent event;
            event.kind = JobEvent::Kind::Finished;
            event.index = job.result.index;
            event.atMs = std::max<qint64>(0, job.result.finishedMs);
            event.result = job.result;
            finished.append(event);
        }
        if (job.state == JournalJobState::Pending)
            pending.append({ job.result.index, job.result.url, QString() });
    }
    m_model->applyEvents(finished);
    updateStatus();
    updateActions();
    if (!toContinue || pending.isEmpty()) {
        statusBar()->showMessage(
                tr("Run %1 of %2: %3 of %4 unfinished")
                        .arg(run.id)
                        .arg(QLocale().toString(run.started.toLocalTime(), QLocale::ShortFormat))
                        .arg(run.unfinished())
                        .arg(run.urls),
                10'000);
        return;
    }
    QList<int> rows;
    for (const FetchJob &job : std::as_const(pending))
        rows.append(job.index);
    m_model->requeue(rows);
    const FetchMode mode = fetchModeFromName(run.mode).value_or(m_mode);
    setMode(mode);
    m_journal->continueRun();
    startRun(std::make_unique<FetchRun>(
            mode, FetchOptionsJson::fromJson(run.options.value(u"fetch"_s).toObject()), pending));
}

void MainWindow::showJournalVideos(const JournalRun &run, const QList<HarvestItem> &items,
                                   const QList<JournalJob> &jobs, bool toContinue)
{
    if (isRunning())
        return;
    displayVideos(items);
    QList<JobEvent> finished;
    QList<int> pending;
    for (const JournalJob &job : jobs) {
        const int row = job.result.index;
        if (row < 0 || row >= m_model->rowCount() || !m_model->video(row).hasMedia())
            continue; // rows without a video show their reason already
        if (job.hasResult) {
            JobEvent event;
            event.kind = JobEvent::Kind::Finished;
            event.index = row;
            event.atMs = std::max<qint64>(0, job.result.finishedMs);
            event.result = job.result;
            finished.append(event);
        }
        if (job.state == JournalJobState::Pending)
            pending.append(row);
    }
    m_model->applyEvents(finished);
    updateStatus();
    updateActions();
    if (toContinue && !pending.isEmpty()) {
        saveVideos(m_settings.downloadFolder(), pending);
        return;
    }
    statusBar()->showMessage(
            tr("Run %1 of %2: %3 of %4 unfinished")
                    .arg(run.id)
                    .arg(QLocale().toString(run.started.toLocalTime(), QLocale::ShortFormat))
                    .arg(run.unfinished())
                    .arg(run.urls),
            10'000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (isRunning()) {
        // Cancel cleanly: fetches abort and remove their partial files; video downloads keep
        // their .part files, complete up to the last byte written, to resume next time. The
        // journal keeps the run open: the next start offers to restore it.
        m_journal->leaveOpen();
        stop();
        m_run->waitForFinished(10'000);
    }
    saveState();
    event->accept();
}

} // namespace qcrawl
