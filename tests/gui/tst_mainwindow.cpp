#include "demoserver.h"
#include "demoserverthread.h"
#include "jobmodel.h"
#include "mainwindow.h"
#include "testserver.h"
#include "urleditor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
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

#if defined(__SANITIZE_ADDRESS__)
constexpr double StallLimitMs = 250; // sanitizers slow everything down several times
#else
constexpr double StallLimitMs = 50;
#endif

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
        QVERIFY(finished.wait(30'000));
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
        // The marks are painted: the reason shows at the end of the line.
        const QImage withMarks = editor->viewport()->grab().toImage();
        setText(*window,
                u"hellx\n"_s + m_server.url(u"/bytes/1"_s).toString() + u"\nftp://x/y\n"_s);
        QVERIFY(!withMarks.isNull());
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
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QVERIFY(csvFile.readLine().startsWith("index,url,final_url,status,bytes,content_type"));
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
