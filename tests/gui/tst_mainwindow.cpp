#include "demo/demoserver.h"
#include "demo/demoserverthread.h"
#include "harvest/harvesttypes.h"
#include "jobmodel.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "testserver.h"
#include "testutil.h"
#include "urleditor.h"

#include <algorithm>
#include <functional>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

namespace {

// Measures the longest gap between two turns of the event loop while it runs.
class StallProbe : public QObject
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_longestNs = std::max(m_longestNs, now - m_lastNs);
            m_lastNs = now;
        });
        m_clock.start();
        m_lastNs = 0;
        m_timer.start();
    }
    double longestMs() const { return m_longestNs / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_longestNs = 0;
};

// What was painted in one line of a text editor: how many of its pixels show the rejection tint
// (the base colour under a light red) and how many the red of the reason's text.
struct LineCount
{
    int total = 0;
    int tinted = 0;
    int red = 0;
    QString describe(int line) const
    {
        return u"line %1: %2 of %3 pixels tinted, %4 red"_s.arg(line).arg(tinted).arg(total).arg(
                red);
    }
};
using LinePixels = QList<LineCount>;

// Grabs the editor's viewport and counts, for each line, the pixels of its rectangle (the
// viewport's width, the line's height) by kind.
LinePixels linePixels(UrlEditor &editor)
{
    editor.viewport()->repaint();
    const QImage image = editor.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QColor base = editor.palette().color(QPalette::Base);
    LinePixels lines;
    for (QTextBlock block = editor.document()->begin(); block.isValid(); block = block.next()) {
        const QRect line = editor.cursorRect(QTextCursor(block));
        LineCount count;
        // The caret's rectangle is the line's height; a pixel inside it at each end is spared
        // for the line's neighbours' antialiasing.
        for (int y = line.top() + 1; y < line.bottom(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                ++count.total;
                // 40/255 of (255, 80, 80) over the base: the red stays, green and blue drop by
                // about a sixth of what separates them from 80.
                if (c.red() >= base.red() - 8 && c.green() < base.green() - 10
                    && c.blue() < base.blue() - 10 && c.red() - c.green() > 15)
                    ++count.tinted;
                if (c.red() > 120 && c.red() - c.green() > 70 && c.red() - c.blue() > 70)
                    ++count.red;
            }
        }
        lines.append(count);
    }
    return lines;
}

// A regression guard that catches a blocked GUI thread (a parse, a file write or a model reset on
// it), not a speed target: with both cores busy a healthy run has measured 60-230 ms here. The
// 16 ms goal is measured by bench/run's W5. Sanitizers and coverage counters slow everything down
// several times.
constexpr double StallLimitMs = qcrawl::test::InstrumentedBuild ? 750 : 250;

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;

    std::unique_ptr<MainWindow> newWindow()
    {
        auto window = std::make_unique<MainWindow>(m_settings.get());
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qWarning("window not exposed");
        return window;
    }

    static QAction *action(MainWindow &window, const char *name)
    {
        return window.findChild<QAction *>(QString::fromLatin1(name));
    }

    static void clickToolButton(MainWindow &window, const char *name)
    {
        QToolBar *bar = window.findChild<QToolBar *>(u"mainToolBar"_s);
        QWidget *button = bar->widgetForAction(action(window, name));
        QVERIFY(button);
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
    }

    static bool waitForRun(MainWindow &window, int timeoutMs = 60'000)
    {
        return QTest::qWaitFor([&] { return !window.isRunning(); }, timeoutMs);
    }

    void setText(MainWindow &window, const QString &text)
    {
        window.urlEditor()->setPlainText(text);
        if (!QTest::qWaitFor([&] { return !window.urlEditor()->isParsePending(); }, 5000))
            qWarning("the URL list was not parsed within 5 s");
    }

    // The run's clock in the status bar's rates label ("1.2 MiB · 1.25 s · 3.0 req/s · …").
    static qint64 statusClockMs(MainWindow &window)
    {
        const QList<QLabel *> labels = window.statusBar()->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (!label->text().contains(u"req/s"_s))
                continue;
            const QString clock = label->text().split(u" · "_s).value(1);
            if (clock.endsWith(u" ms"_s))
                return clock.chopped(3).toLongLong();
            if (clock.endsWith(u" s"_s))
                return qint64(clock.chopped(2).toDouble() * 1000);
            qWarning("unexpected clock %s", qPrintable(clock));
            return -1;
        }
        qWarning("no rates label");
        return -1;
    }

    // Opens Settings → Preferences, lets edit() change it, and presses OK.
    static void editPreferences(MainWindow &window,
                                const std::function<void(SettingsDialog *)> &edit)
    {
        QTimer::singleShot(0, &window, [&window, edit] {
            auto *dialog = window.findChild<SettingsDialog *>();
            if (!dialog) {
                qWarning("no Preferences dialog");
                if (QWidget *modal = QApplication::activeModalWidget())
                    modal->close();
                return;
            }
            edit(dialog);
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            if (dialog->isVisible()) { // rejected what it was given
                qWarning("Preferences did not accept: %s",
                         qPrintable(dialog->findChild<QLabel *>(u"settingsError"_s)->text()));
                dialog->reject();
            }
        });
        action(window, "actionSettings")->trigger();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"settings.ini"_s),
                                                 QSettings::IniFormat);
        m_settings->clear();
        m_settings->setValue(u"fetch/proxy"_s, u"none"_s);
    }

    void pasteAndFetchShowsEveryRowDone()
    {
        auto window = newWindow();
        QStringList lines;
        QList<qint64> sizes;
        for (int i = 0; i < 20; ++i) {
            sizes.append(1000 + i * 7919);
            lines.append(m_server.url(u"/bytes/%1"_s.arg(sizes.last())).toString());
        }
        sizes.append(123456);
        lines.append(m_server.url(u"/chunked/123456"_s).toString());
        QGuiApplication::clipboard()->setText(lines.join(u'\n'));
        window->urlEditor()->setFocus();
        window->urlEditor()->paste();
        QTRY_VERIFY(!window->urlEditor()->isParsePending());
        QVERIFY(window->findChild<QLabel *>(u"urlCountLabel"_s)->text().contains(u"URLs: 21"_s));

        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        clickToolButton(*window, "actionFetch");
        QVERIFY(window->isRunning());
        QVERIFY(action(*window, "actionStop")->isEnabled());
        QVERIFY(!action(*window, "actionFetch")->isEnabled());
        QVERIFY(finished.wait(30'000));
        QVERIFY(!action(*window, "actionStop")->isEnabled());
        QVERIFY(action(*window, "actionFetch")->isEnabled());
        QVERIFY2(window->statusBar()->currentMessage().startsWith(u"Finished: ok 21, failed 0"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        QCOMPARE(window->statusBar()->findChild<QProgressBar *>()->text(), u"21 / 21"_s);
        JobModel *model = window->model();
        QCOMPARE(model->rowCount(), 21);
        QCOMPARE(model->count(JobModel::State::Done), 21);
        for (int row = 0; row < model->rowCount(); ++row) {
            QCOMPARE(model->result(row).httpStatus, 200);
            QCOMPARE(model->result(row).bytesReceived, sizes[row]);
            QCOMPARE(model->index(row, JobModel::SizeColumn)
                             .data(JobModel::RawValueRole)
                             .toLongLong(),
                     sizes[row]);
            QCOMPARE(model->index(row, JobModel::ProgressColumn).data().toString(), u"100%"_s);
        }
        // The body preview is exact.
        QCOMPARE(model->result(0).preview, DemoServer::patternBytes(0, sizes[0]));
    }

    void invalidLinesAreMarkedInPlace()
    {
        auto window = newWindow();
        setText(*window,
                u"hello\n"_s + m_server.url(u"/bytes/1"_s).toString() + u"\nftp://x/y\n"_s);
        UrlEditor *editor = window->urlEditor();
        QCOMPARE(editor->lastResult().urls.size(), 1);
        QCOMPARE(editor->lastResult().rejected.size(), 2);
        QCOMPARE(editor->lastResult().rejected[0].line, 1);
        QCOMPARE(editor->lastResult().rejected[1].line, 3);
        const QList<QTextEdit::ExtraSelection> marks = editor->extraSelections();
        QCOMPARE(marks.size(), 2);
        QCOMPARE(marks[0].cursor.blockNumber(), 0);
        QCOMPARE(marks[1].cursor.blockNumber(), 2);
        QVERIFY(window->findChild<QLabel *>(u"urlCountLabel"_s)->text().contains(u"invalid: 2"_s));

        // The marks are painted, by pixels in each line's rectangle: a rejected line is tinted
        // across its width and carries its reason in red after the text; a valid one has
        // neither.
        LinePixels pixels = linePixels(*editor);
        QCOMPARE(pixels.size(), 4); // three lines and the empty one after the last newline
        for (int line : { 0, 2 }) {
            QVERIFY2(pixels[line].tinted * 2 > pixels[line].total,
                     qPrintable(pixels[line].describe(line)));
            QVERIFY2(pixels[line].red >= 20, qPrintable(pixels[line].describe(line)));
        }
        for (int line : { 1, 3 }) {
            QVERIFY2(pixels[line].tinted == 0 && pixels[line].red == 0,
                     qPrintable(pixels[line].describe(line)));
        }

        // Fixed, a line loses its marks; the one still invalid keeps them.
        setText(*window,
                m_server.url(u"/bytes/2"_s).toString() + u"\n"_s
                        + m_server.url(u"/bytes/1"_s).toString() + u"\nftp://x/y\n"_s);
        QCOMPARE(editor->lastResult().rejected.size(), 1);
        pixels = linePixels(*editor);
        QVERIFY2(pixels[0].tinted == 0 && pixels[0].red == 0, qPrintable(pixels[0].describe(0)));
        QVERIFY2(pixels[2].tinted * 2 > pixels[2].total && pixels[2].red >= 20,
                 qPrintable(pixels[2].describe(2)));
    }

    void stopCancelsTheRun()
    {
        auto window = newWindow();
        QStringList lines;
        for (int i = 0; i < 5; ++i)
            lines.append(m_server.url(u"/stall?n=%1"_s.arg(i)).toString());
        lines.append(m_server.url(u"/bytes/60000000000"_s).toString());
        setText(*window, lines.join(u'\n'));
        window->fetch();
        QTRY_VERIFY(window->model()->count(JobModel::State::Downloading) > 0);
        QTest::keyClick(window.get(), Qt::Key_Escape);
        QVERIFY(waitForRun(*window, 10'000));
        QCOMPARE(window->model()->count(JobModel::State::Canceled), 6);
    }

    void retryFetchesFailedRowsAgain()
    {
        // Fails once without retries, succeeds on the second try.
        m_settings->setValue(u"fetch/retries"_s, 0);
        auto window = newWindow();
        setText(*window, m_server.url(u"/flaky/1?key=gui-retry"_s).toString());
        window->fetch();
        QVERIFY(waitForRun(*window));
        QCOMPARE(window->model()->state(0), JobModel::State::Failed);
        window->retryRows({ 0 });
        QVERIFY(waitForRun(*window));
        QCOMPARE(window->model()->state(0), JobModel::State::Done);
    }

    void settingsAreRemembered()
    {
        {
            auto window = newWindow();
            window->setMode(FetchMode::Pool);
            window->findChild<QSpinBox *>(u"concurrencySpin"_s)->setValue(7);
            window->findChild<QSpinBox *>(u"threadsSpin"_s)->setValue(3);
            window->resize(900, 555);
            window->close();
        }
        auto window = newWindow();
        QCOMPARE(window->mode(), FetchMode::Pool);
        QCOMPARE(window->fetchOptions().concurrency, 7);
        QCOMPARE(window->fetchOptions().threads, 3);
        QCOMPARE(window->findChild<QComboBox *>(u"modeCombo"_s)->currentText(), u"Thread pool"_s);
        QCOMPARE(window->height(), 555);
    }

    void versionColumnShowsTheHttpVersion_data()
    {
        QTest::addColumn<bool>("qtHttp");
        QTest::addRow("libcurl") << false;
        QTest::addRow("Qt's client") << true;
    }

    void versionColumnShowsTheHttpVersion()
    {
        QFETCH(bool, qtHttp);
        m_settings->setValue(u"fetch/qtHttp"_s, qtHttp);
        auto window = newWindow();
        QCOMPARE(window->fetchOptions().qtHttp, qtHttp);
        setText(*window,
                m_server.url(u"/bytes/10"_s).toString() + u'\n'
                        + m_server.url(u"/status/404"_s).toString());
        window->fetch();
        QVERIFY(waitForRun(*window));
        JobModel *model = window->model();
        for (int row = 0; row < 2; ++row) {
            QCOMPARE(model->result(row).httpVersion, QByteArray("1.1"));
            QCOMPARE(model->index(row, JobModel::VersionColumn).data().toString(), u"1.1"_s);
        }
        // On screen, right after the status code.
        QHeaderView *header = window->resultsView()->horizontalHeader();
        QVERIFY(!header->isSectionHidden(JobModel::VersionColumn));
        QVERIFY(header->sectionSize(JobModel::VersionColumn) > 20);
        QCOMPARE(header->visualIndex(JobModel::VersionColumn),
                 header->visualIndex(JobModel::StatusColumn) + 1);
        QCOMPARE(window->resultsView()->model()->index(1, JobModel::VersionColumn).data(),
                 QVariant(u"1.1"_s));
    }

    // A header layout saved before the HTTP version column existed (without column keys, by
    // the first release with 10 columns or the harvest release with 13) keeps its meaning: the
    // sizes, hidden columns, order and sort go to the same columns, and the new column shows.
    void oldHeaderStateKeepsItsColumns_data()
    {
        QTest::addColumn<QStringList>("oldColumns");
        QTest::addRow("10 columns")
                << QStringList { u"index"_s,        u"url"_s,   u"state"_s, u"status"_s,
                                 u"progress"_s,     u"bytes"_s, u"speed"_s, u"elapsed"_s,
                                 u"content_type"_s, u"error"_s };
        QTest::addRow("13 columns")
                << QStringList { u"index"_s,   u"title"_s,        u"url"_s,   u"state"_s,
                                 u"status"_s,  u"progress"_s,     u"bytes"_s, u"speed"_s,
                                 u"elapsed"_s, u"content_type"_s, u"error"_s, u"file"_s,
                                 u"page"_s };
    }

    void oldHeaderStateKeepsItsColumns()
    {
        QFETCH(QStringList, oldColumns);
        auto old = [&](const char *key) { return int(oldColumns.indexOf(QLatin1String(key))); };
        {
            QStandardItemModel model(0, int(oldColumns.size()));
            QHeaderView header(Qt::Horizontal);
            header.setModel(&model);
            for (const char *video : { "title", "file", "page" }) {
                if (old(video) >= 0)
                    header.setSectionHidden(old(video), true);
            }
            header.setSectionHidden(old("elapsed"), true); // as the user chose
            header.resizeSection(old("progress"), 177);
            header.resizeSection(old("bytes"), 133);
            header.moveSection(header.visualIndex(old("bytes")), header.visualIndex(old("state")));
            header.setSortIndicator(old("status"), Qt::DescendingOrder);
            m_settings->setValue(u"ui/tableHeader"_s, header.saveState());
        }
        for (int pass = 0; pass < 2; ++pass) { // then as this version saved it
            auto window = newWindow();
            const QHeaderView *h = window->resultsView()->horizontalHeader();
            QVERIFY(!h->isSectionHidden(JobModel::VersionColumn));
            QVERIFY(h->sectionSize(JobModel::VersionColumn) > 20);
            QCOMPARE(h->visualIndex(JobModel::VersionColumn),
                     h->visualIndex(JobModel::StatusColumn) + 1);
            QVERIFY(h->isSectionHidden(JobModel::ElapsedColumn));
            QVERIFY(!h->isSectionHidden(JobModel::ProgressColumn));
            QVERIFY(!h->isSectionHidden(JobModel::SpeedColumn));
            QVERIFY(h->isSectionHidden(JobModel::TitleColumn));
            QCOMPARE(h->sectionSize(JobModel::ProgressColumn), 177);
            QCOMPARE(h->sectionSize(JobModel::SizeColumn), 133);
            QCOMPARE(h->visualIndex(JobModel::SizeColumn) + 1,
                     h->visualIndex(JobModel::StateColumn));
            QCOMPARE(h->sortIndicatorSection(), int(JobModel::StatusColumn));
            QCOMPARE(h->sortIndicatorOrder(), Qt::DescendingOrder);
            window->close();
        }
    }

    // Preferences → Connection: what is set there goes into the options of the next run and
    // stays for the next start.
    void connectionPreferencesApplyToTheRuns()
    {
        const QString ca = m_dir.filePath(u"ca.pem"_s);
        {
            QFile file(ca);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        }
        auto window = newWindow();
        editPreferences(*window, [&](SettingsDialog *dialog) {
            auto *version = dialog->findChild<QComboBox *>(u"httpVersionCombo"_s);
            version->setCurrentIndex(version->findData(int(HttpVersion::Http1_1)));
            dialog->findChild<QLineEdit *>(u"caCertFileEdit"_s)->setText(ca);
            dialog->findChild<QSpinBox *>(u"maxFileSizeSpin"_s)->setValue(1);
            dialog->findChild<QCheckBox *>(u"qtHttpCheck"_s)->setChecked(true);
        });
        auto check = [&](const FetchOptions &o) {
            QCOMPARE(o.httpVersion, HttpVersion::Http1_1);
            QCOMPARE(o.caCertFile, ca);
            QVERIFY(!o.insecure);
            QCOMPARE(o.maxFileSize, qint64(1024 * 1024));
            QVERIFY(o.qtHttp);
        };
        check(window->fetchOptions());
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_settings->value(u"fetch/httpVersion"_s).toString(), u"1.1"_s);

        // The run gets them: a body over the limit fails.
        setText(*window,
                m_server.url(u"/bytes/10"_s).toString() + u'\n'
                        + m_server.url(u"/bytes/2000000"_s).toString());
        window->fetch();
        QVERIFY(waitForRun(*window));
        QCOMPARE(window->model()->state(0), JobModel::State::Done);
        QCOMPARE(window->model()->state(1), JobModel::State::Failed);
        QCOMPARE(window->model()->result(1).error.text(), u"larger than 1048576 bytes"_s);

        // Reopened, the dialog shows them.
        bool shown = false;
        editPreferences(*window, [&](SettingsDialog *dialog) {
            shown = dialog->findChild<QComboBox *>(u"httpVersionCombo"_s)->currentData().toInt()
                            == int(HttpVersion::Http1_1)
                    && dialog->findChild<QLineEdit *>(u"caCertFileEdit"_s)->text() == ca
                    && dialog->findChild<QSpinBox *>(u"maxFileSizeSpin"_s)->value() == 1
                    && dialog->findChild<QCheckBox *>(u"qtHttpCheck"_s)->isChecked()
                    && !dialog->findChild<QCheckBox *>(u"insecureCheck"_s)->isChecked();
        });
        QVERIFY(shown);
        window->close();
        window = newWindow();
        check(window->fetchOptions());
    }

    // The certificate settings reach the transport: https:// to a server whose CA the system
    // does not know fails, and succeeds with that CA trusted or with no check at all.
    void certificateSettingsApplyToTheRuns_data()
    {
        QTest::addColumn<QString>("caCertFile");
        QTest::addColumn<bool>("insecure");
        QTest::addColumn<bool>("qtHttp");
        QTest::addColumn<bool>("ok");
        QTest::addRow("system CAs") << QString() << false << false << false;
        QTest::addRow("test CA") << testCaFile() << false << false << true;
        QTest::addRow("test CA, Qt's client") << testCaFile() << false << true << true;
        QTest::addRow("no check") << QString() << true << false << true;
    }

    void certificateSettingsApplyToTheRuns()
    {
        QFETCH(QString, caCertFile);
        QFETCH(bool, insecure);
        QFETCH(bool, qtHttp);
        QFETCH(bool, ok);
        TestServer https(TestServer::Scheme::Https);
        m_settings->setValue(u"fetch/caCertFile"_s, caCertFile);
        m_settings->setValue(u"fetch/insecure"_s, insecure);
        m_settings->setValue(u"fetch/qtHttp"_s, qtHttp);
        m_settings->setValue(u"fetch/retries"_s, 0);
        auto window = newWindow();
        setText(*window, https.url(u"/bytes/10"_s).toString());
        window->fetch();
        QVERIFY(waitForRun(*window));
        const FetchResult &result = window->model()->result(0);
        QCOMPARE(window->model()->state(0), ok ? JobModel::State::Done : JobModel::State::Failed);
        if (ok) {
            QVERIFY2(!result.httpVersion.isEmpty(), qPrintable(result.error.text()));
            QCOMPARE(window->model()->index(0, JobModel::VersionColumn).data().toString(),
                     QString::fromLatin1(result.httpVersion));
        } else {
            QVERIFY(!result.hasResponse());
            QVERIFY(result.httpVersion.isEmpty());
            QVERIFY(!window->model()->index(0, JobModel::ErrorColumn).data().toString().isEmpty());
        }
    }

    void exportsWithTheCliKeys()
    {
        auto window = newWindow();
        setText(*window,
                m_server.url(u"/bytes/10"_s).toString() + u'\n'
                        + m_server.url(u"/status/404"_s).toString());
        window->fetch();
        QVERIFY(waitForRun(*window));
        const QString json = m_dir.filePath(u"out.json"_s);
        const QString csv = m_dir.filePath(u"out.csv"_s);
        QVERIFY(window->exportResults(json));
        QVERIFY(window->exportResults(csv));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
        QCOMPARE(array.size(), 2);
        QStringList keys = array[0].toObject().keys();
        keys.sort();
        QCOMPARE(keys,
                 QStringList({ u"bytes"_s, u"content_type"_s, u"elapsed_ms"_s, u"error"_s,
                               u"final_url"_s, u"http_version"_s, u"index"_s, u"mode"_s,
                               u"started_ms"_s, u"status"_s, u"url"_s }));
        QCOMPARE(array[0].toObject().value(u"http_version"_s).toString(), u"1.1"_s);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray header = csvFile.readLine();
        QVERIFY(header.startsWith("index,url,final_url,status,bytes,content_type"));
        QVERIFY(header.trimmed().endsWith(",http_version"));
        QVERIFY(csvFile.readLine().trimmed().endsWith(",1.1"));
    }

    void saveBodyWritesTheExactBytes()
    {
        auto window = newWindow();
        // One small body (kept whole in the preview) and one larger than the preview.
        setText(*window,
                m_server.url(u"/bytes/1000"_s).toString() + u'\n'
                        + m_server.url(u"/bytes/300000"_s).toString());
        window->fetch();
        QVERIFY(waitForRun(*window));
        const QString small = m_dir.filePath(u"small.bin"_s);
        const QString large = m_dir.filePath(u"large.bin"_s);
        QVERIFY(window->saveBody(0, small));
        QVERIFY(window->saveBody(1, large));
        auto read = [](const QString &path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QCOMPARE(read(small), DemoServer::patternBytes(0, 1000));
        QTRY_COMPARE_WITH_TIMEOUT(read(large).size(), 300000, 10'000);
        QVERIFY(read(large) == DemoServer::patternBytes(0, 300000));
    }

    // Saving a body that must be downloaded again while another such save runs: both finish
    // (the second used to replace, and so silently kill, the first), and two saves to one file
    // run one after the other. Each one says when it is done.
    void saveBodyDoesNotCancelARunningSave()
    {
        auto window = newWindow();
        // Larger than the preview, and slow enough to overlap: about 1 s each.
        setText(*window,
                m_server.url(u"/bytes/300000?rate=300000"_s).toString() + u'\n'
                        + m_server.url(u"/bytes/250000?rate=250000"_s).toString());
        window->fetch();
        QVERIFY(waitForRun(*window));
        QCOMPARE(window->model()->count(JobModel::State::Done), 2);
        QStringList messages;
        connect(window->statusBar(), &QStatusBar::messageChanged, this,
                [&messages](const QString &message) { messages.append(message); });
        const QString first = m_dir.filePath(u"first.bin"_s);
        const QString second = m_dir.filePath(u"second.bin"_s);
        QFile::remove(first);
        QFile::remove(second);
        QVERIFY(window->saveBody(0, first));
        QVERIFY(window->saveBody(1, second));
        QVERIFY(window->saveBody(0, first)); // the same file again: waits for the first
        auto saved = [&](const QString &path) {
            return int(std::count_if(messages.cbegin(), messages.cend(), [&](const QString &m) {
                return m.startsWith(u"Saved "_s + path);
            }));
        };
        QTRY_VERIFY_WITH_TIMEOUT(saved(first) == 2 && saved(second) == 1, 20'000);
        auto read = [](const QString &path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QVERIFY(read(first) == DemoServer::patternBytes(0, 300000));
        QVERIFY(read(second) == DemoServer::patternBytes(0, 250000));
        QVERIFY(!QFile::exists(first + u".part"_s));
    }

    // During video downloads the status bar's clock is the downloads' own, not the clock of
    // the last fetch (which never ran here, so it used to stay at 0 ms).
    void statusBarClockFollowsVideoDownloads()
    {
        auto window = newWindow();
        HarvestItem item;
        item.index = 0;
        item.title = u"slow video"_s;
        item.detailUrl = m_server.url(u"/videos/detail/1"_s);
        item.mediaUrl = m_server.url(u"/bytes/600000?rate=200000"_s); // about 3 s
        window->showVideos({ item });
        const QString folder = m_dir.filePath(u"clock-videos"_s);
        QDir(folder).removeRecursively();
        QVERIFY(window->saveVideos(folder));
        QVERIFY(window->isRunning());
        QVERIFY(action(*window, "actionStop")->isEnabled());
        QVERIFY(!action(*window, "actionSaveVideos")->isEnabled());
        QVERIFY(!action(*window, "actionHarvest")->isEnabled());
        JobModel *model = window->model();
        auto rowElapsed = [&] {
            return model->index(0, JobModel::ElapsedColumn)
                    .data(JobModel::RawValueRole)
                    .toLongLong();
        };
        QTRY_VERIFY_WITH_TIMEOUT(rowElapsed() >= 1000, 10'000);
        QVERIFY(window->isRunning());
        // The run's clock is at least the row's (the row starts right after the run), less
        // the tick (250 ms) the label may lag behind the row's last event; and not much more.
        const qint64 row = rowElapsed();
        const qint64 clock = statusClockMs(*window);
        QVERIFY2(clock > row - 400 && clock < row + 1000,
                 qPrintable(u"status bar %1 ms, row %2 ms"_s.arg(clock).arg(row)));
        QVERIFY(waitForRun(*window, 20'000));
        QCOMPARE(model->state(0), JobModel::State::Done);
        QVERIFY2(window->statusBar()->currentMessage().startsWith(u"Saved 1 of 1 videos"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        QVERIFY(!action(*window, "actionStop")->isEnabled());
        QVERIFY(action(*window, "actionSaveVideos")->isEnabled());
        QCOMPARE(window->statusBar()->findChild<QProgressBar *>()->text(), u"1 / 1"_s);
        QVERIFY(statusClockMs(*window) >= 2000); // the downloads' wall time stays
    }

    // Closing the window stops the video downloads at once; their .part files stay to resume.
    void closingDuringVideoDownloadsStopsThem()
    {
        auto window = newWindow();
        HarvestItem item;
        item.index = 0;
        item.title = u"endless"_s;
        item.detailUrl = m_server.url(u"/videos/detail/2"_s);
        item.mediaUrl = m_server.url(u"/bytes/60000000000?rate=100000"_s);
        window->showVideos({ item });
        const QString folder = m_dir.filePath(u"closed-videos"_s);
        QDir(folder).removeRecursively();
        QVERIFY(window->saveVideos(folder));
        QTRY_VERIFY(window->model()->count(JobModel::State::Downloading) > 0);
        QTRY_VERIFY(window->model()->bytesReceived() > 0);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(window->close());
        QVERIFY(!window->isRunning());
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(QDir(folder).entryList({ u"*.part"_s }, QDir::Files).size(), 1);
    }

    void demoFillsTheListAndRuns()
    {
        auto window = newWindow();
        QVERIFY(window->startDemo());
        QVERIFY(window->demoServer());
        const UrlParseResult parsed = window->urlEditor()->parseNow();
        QVERIFY(parsed.urls.size() >= 20);
        QVERIFY(parsed.rejected.isEmpty());
        QElapsedTimer timer;
        timer.start();
        window->fetch();
        QVERIFY(waitForRun(*window));
        // 20 one-second pages at once: about one second, not twenty.
        QVERIFY2(timer.elapsed() < 10'000, qPrintable(QString::number(timer.elapsed())));
        for (int row = 0; row < 20; ++row)
            QCOMPARE(window->model()->state(row), JobModel::State::Done);
    }

    void closingDuringARunCancelsCleanly()
    {
        auto window = newWindow();
        setText(*window,
                m_server.url(u"/bytes/60000000000"_s).toString() + u'\n'
                        + m_server.url(u"/stall"_s).toString());
        window->fetch();
        QTRY_VERIFY(window->model()->count(JobModel::State::Downloading) > 0);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(window->close());
        QVERIFY(!window->isRunning());
        QVERIFY(timer.elapsed() < 5000);
    }

    // 10,000 URLs fetched at full speed: the GUI thread never stops for long.
    void guiThreadStaysResponsiveUnderLoad()
    {
        auto window = newWindow();
        QStringList lines;
        for (int i = 0; i < 10'000; ++i)
            lines.append(m_server.url(u"/bytes/1024?n=%1"_s.arg(i)).toString());
        setText(*window, lines.join(u'\n'));
        QElapsedTimer timer;
        timer.start();
        StallProbe probe;
        window->fetch();
        QVERIFY(waitForRun(*window, 120'000));
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(window->model()->count(JobModel::State::Done), 10'000);
        qInfo("10,000 URLs in %lld ms; longest GUI stall %.1f ms", elapsed, probe.longestMs());
        QVERIFY2(probe.longestMs() < StallLimitMs, qPrintable(QString::number(probe.longestMs())));
    }

    void pasting100kLinesStaysResponsive()
    {
        auto window = newWindow();
        QString text;
        for (int i = 0; i < 100'000; ++i)
            text += u"http://host%1.example/page/%2\n"_s.arg(i % 97).arg(i);
        QGuiApplication::clipboard()->setText(text);
        window->urlEditor()->setFocus();
        QElapsedTimer timer;
        timer.start();
        StallProbe probe; // the text goes in in slices; the parse runs off the GUI thread
        window->urlEditor()->paste();
        QTRY_VERIFY_WITH_TIMEOUT(!window->urlEditor()->isParsePending(), 30'000);
        QCOMPARE(window->urlEditor()->lastResult().urls.size(), 100'000);
        QCOMPARE(window->urlEditor()->document()->blockCount(), 100'001);
        QVERIFY(window->urlEditor()->toPlainText() == text);
        qInfo("pasting 100,000 lines: in and parsed after %lld ms; longest GUI stall %.1f ms",
              timer.elapsed(), probe.longestMs());
        QVERIFY2(probe.longestMs() < StallLimitMs * 2,
                 qPrintable(QString::number(probe.longestMs())));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
