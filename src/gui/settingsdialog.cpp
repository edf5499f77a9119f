#include "settingsdialog.h"

#include "hls/ffmpegremuxer.h"
#include "hls/hlsplaylist.h"

#include <initializer_list>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

QLabel *buddyLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text);
    label->setBuddy(buddy);
    return label;
}

QHBoxLayout *rowWithButton(QWidget *field, QWidget *button)
{
    auto *row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(button);
    return row;
}

// A form at the top of a page; the page's spare height goes below it.
QFormLayout *pageForm(QWidget *page)
{
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    layout->addStretch(1);
    return form;
}

// Tab moves through a page's fields in the order they are shown. After the page's layout is
// built: putting a widget into a layout moves it to the end of the focus chain.
void setTabOrders(std::initializer_list<QWidget *> widgets)
{
    QWidget *previous = nullptr;
    for (QWidget *widget : widgets) {
        if (previous)
            QWidget::setTabOrder(previous, widget);
        previous = widget;
    }
}

// What curl's --cacert takes: PEM, one or more certificates.
bool looksLikePem(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.read(16 * 1024 * 1024).contains("-----BEGIN CERTIFICATE-----");
}

} // namespace

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_userAgent(new QLineEdit(this))
    , m_headers(new QPlainTextEdit(this))
    , m_timeout(new QDoubleSpinBox(this))
    , m_retries(new QSpinBox(this))
    , m_perHost(new QSpinBox(this))
    , m_proxyMode(new QComboBox(this))
    , m_proxyUrl(new QLineEdit(this))
    , m_httpVersion(new QComboBox(this))
    , m_caCertFile(new QLineEdit(this))
    , m_caCertBrowse(new QPushButton(this))
    , m_insecure(new QCheckBox(this))
    , m_insecureWarning(new QLabel(this))
    , m_maxFileSize(new QSpinBox(this))
    , m_qtHttp(new QCheckBox(this))
    , m_folder(new QLineEdit(this))
    , m_language(new QComboBox(this))
    , m_journal(new QCheckBox(this))
    , m_hlsVariant(new QComboBox(this))
    , m_hlsConcurrency(new QSpinBox(this))
    , m_hlsKeepTs(new QCheckBox(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(u"settingsDialog"_s);

    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->addTab(requestsPage(), tr("Re&quests"));
    m_tabs->addTab(connectionPage(), tr("Co&nnection"));
    m_tabs->addTab(videosPage(), tr("V&ideos"));
    m_tabs->addTab(generalPage(), tr("&General"));

    m_error->setObjectName(u"settingsError"_s);
    m_error->setStyleSheet(u"color: #c62828"_s);
    m_error->setWordWrap(true);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(600, sizeHint().height());
}

QWidget *SettingsDialog::requestsPage()
{
    auto *page = new QWidget;

    auto *resetAgent = new QPushButton(tr("&Default"), page);
    resetAgent->setToolTip(tr("Use the browser-like User-Agent the tutorial sends"));
    connect(resetAgent, &QPushButton::clicked, this,
            [this] { m_userAgent->setText(QString::fromUtf8(defaultUserAgent())); });

    m_headers->setPlaceholderText(tr(
            "One per line, for example:\nAccept-Language: zh-CN\nReferer: https://example.com/"));
    m_headers->setTabChangesFocus(true);
    m_headers->setFixedHeight(90);

    m_timeout->setRange(0.1, 3600);
    m_timeout->setDecimals(1);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("Give up on a request after this long without any progress"));
    m_retries->setRange(0, 20);
    m_retries->setToolTip(
            tr("Retries on connection errors, 429 and 5xx, with exponential backoff"));
    m_perHost->setRange(0, 10000);
    m_perHost->setSpecialValueText(tr("no limit"));
    m_perHost->setToolTip(tr("At most this many requests in flight per host, to be polite"));

    QFormLayout *form = pageForm(page);
    form->addRow(buddyLabel(tr("&User-Agent:"), m_userAgent),
                 rowWithButton(m_userAgent, resetAgent));
    form->addRow(buddyLabel(tr("Extra &headers:"), m_headers), m_headers);
    form->addRow(buddyLabel(tr("Stall &timeout:"), m_timeout), m_timeout);
    form->addRow(buddyLabel(tr("&Retries:"), m_retries), m_retries);
    form->addRow(buddyLabel(tr("Per-host &limit:"), m_perHost), m_perHost);
    setTabOrders({ m_userAgent, resetAgent, m_headers, m_timeout, m_retries, m_perHost });
    return page;
}

QWidget *SettingsDialog::connectionPage()
{
    auto *page = new QWidget;

    m_proxyMode->addItem(tr("From the environment (http_proxy, https_proxy)"), u"system"_s);
    m_proxyMode->addItem(tr("No proxy"), u"none"_s);
    m_proxyMode->addItem(tr("This proxy:"), u"explicit"_s);
    m_proxyUrl->setPlaceholderText(u"http://127.0.0.1:3128  socks5://127.0.0.1:1080"_s);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_proxyUrl->setEnabled(index == 2); });

    m_httpVersion->setObjectName(u"httpVersionCombo"_s);
    m_httpVersion->addItem(tr("Automatic"), int(HttpVersion::Default));
    m_httpVersion->addItem(tr("HTTP/1.1 only"), int(HttpVersion::Http1_1));
    m_httpVersion->addItem(tr("Prefer HTTP/2"), int(HttpVersion::Http2));
    m_httpVersion->setToolTip(
            tr("Automatic: HTTP/2 for https:// when the server offers it, HTTP/1.1 otherwise.\n"
               "Prefer HTTP/2 also asks plain http:// servers to upgrade."));

    m_caCertFile->setObjectName(u"caCertFileEdit"_s);
    m_caCertFile->setPlaceholderText(tr("the system's certificates"));
    m_caCertFile->setClearButtonEnabled(true);
    m_caCertFile->setToolTip(tr("A PEM file with the certificate authorities to trust instead of "
                                "the system's, for example a company's or a test server's CA"));
    m_caCertBrowse->setObjectName(u"caCertBrowseButton"_s);
    m_caCertBrowse->setText(tr("B&rowse…"));
    m_caCertBrowse->setToolTip(tr("Choose a PEM file of CA certificates"));
    connect(m_caCertBrowse, &QPushButton::clicked, this, [this] {
        const QString current = m_caCertFile->text().trimmed();
        const QString file = QFileDialog::getOpenFileName(
                this, tr("Trust CA certificates from"),
                current.isEmpty() ? QString() : QFileInfo(current).absolutePath(),
                tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_caCertFile->setText(file);
    });

    m_insecure->setObjectName(u"insecureCheck"_s);
    m_insecure->setText(tr("Do not check certificates (&unsafe)"));
    m_insecure->setToolTip(tr("Accept any certificate and host name on https://, like curl's "
                              "--insecure: for testing only"));
    m_insecureWarning->setObjectName(u"insecureWarning"_s);
    // Broken by hand, not word-wrapped, and in a box that keeps its height while the warning is
    // hidden: QFormLayout gives a hidden widget no room, and the tabs would not ask a page
    // that is not the current one for the height a wrapped label needs.
    m_insecureWarning->setText(tr("⚠ Anyone on the way to the server can read and change\n"
                                  "what is fetched. Use this only for testing."));
    m_insecureWarning->setStyleSheet(u"color: #c62828"_s);
    auto *warningBox = new QWidget(page);
    auto *warningLayout = new QVBoxLayout(warningBox);
    warningLayout->setContentsMargins(0, 0, 0, 0);
    warningLayout->addWidget(m_insecureWarning);
    warningBox->setMinimumSize(m_insecureWarning->sizeHint());
    m_insecureWarning->hide();
    connect(m_insecure, &QCheckBox::toggled, this, &SettingsDialog::updateCertificateWidgets);

    m_maxFileSize->setObjectName(u"maxFileSizeSpin"_s);
    m_maxFileSize->setRange(0, 1024 * 1024); // up to 1 TiB
    m_maxFileSize->setSuffix(tr(" MiB"));
    m_maxFileSize->setSpecialValueText(tr("no limit"));
    m_maxFileSize->setToolTip(
            tr("A download whose body is larger than this fails and leaves no file"));

    m_qtHttp->setObjectName(u"qtHttpCheck"_s);
    m_qtHttp->setText(tr("Use Qt's HTTP client (to co&mpare)"));
    m_qtHttp->setToolTip(tr("Send every request through Qt's QNetworkAccessManager instead of "
                            "libcurl: usually slower; to compare the two"));

    QFormLayout *form = pageForm(page);
    form->addRow(buddyLabel(tr("&Proxy:"), m_proxyMode), m_proxyMode);
    form->addRow(QString(), m_proxyUrl);
    form->addRow(buddyLabel(tr("HTTP &version:"), m_httpVersion), m_httpVersion);
    form->addRow(buddyLabel(tr("Maximum file &size:"), m_maxFileSize), m_maxFileSize);
    form->addRow(QString(), m_qtHttp);
    form->addRow(buddyLabel(tr("Trust CA certificates from &file:"), m_caCertFile),
                 rowWithButton(m_caCertFile, m_caCertBrowse));
    form->addRow(QString(), m_insecure);
    form->addRow(QString(), warningBox); // last: its room while hidden is the page's margin
    setTabOrders({ m_proxyMode, m_proxyUrl, m_httpVersion, m_maxFileSize, m_qtHttp, m_caCertFile,
                   m_caCertBrowse, m_insecure });
    return page;
}

QWidget *SettingsDialog::generalPage()
{
    auto *page = new QWidget;

    auto *browse = new QPushButton(tr("&Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
                this, tr("Default download folder"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });

    m_language->addItem(tr("System language"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"简体中文"_s, u"zh_CN"_s);
    m_language->setToolTip(tr("Takes effect the next time qcrawl starts"));

    m_journal->setObjectName(u"journalCheck"_s);
    m_journal->setText(tr("Keep a &journal of runs (restore them after a crash)"));
    m_journal->setToolTip(tr("Records every run and its results, so that the table comes back "
                             "at the next start and an interrupted run can be continued"));

    QFormLayout *form = pageForm(page);
    form->addRow(buddyLabel(tr("Download &folder:"), m_folder), rowWithButton(m_folder, browse));
    form->addRow(buddyLabel(tr("&Language:"), m_language), m_language);
    form->addRow(QString(), m_journal);
    setTabOrders({ m_folder, browse, m_language, m_journal });
    return page;
}

// How HLS (m3u8) videos are saved.
QWidget *SettingsDialog::videosPage()
{
    auto *page = new QWidget;

    m_hlsVariant->setObjectName(u"hlsVariantCombo"_s);
    m_hlsVariant->setEditable(true); // a bandwidth or another height may be typed
    m_hlsVariant->setInsertPolicy(QComboBox::NoInsert);
    m_hlsVariant->addItem(tr("Best"), u"best"_s);
    m_hlsVariant->addItem(tr("Worst (smallest)"), u"worst"_s);
    for (const char *height : { "2160p", "1080p", "720p", "480p", "360p" })
        m_hlsVariant->addItem(QString::fromLatin1(height), QString::fromLatin1(height));
    m_hlsVariant->setToolTip(tr("Which stream of an HLS master playlist to save: the best, the "
                                "worst, a height such as 720p (else the best below it) or a "
                                "bandwidth in bit/s such as 800000"));

    m_hlsConcurrency->setObjectName(u"hlsConcurrencySpin"_s);
    m_hlsConcurrency->setRange(1, 64);
    m_hlsConcurrency->setToolTip(tr("Segments of one video fetched at a time"));

    m_hlsKeepTs->setObjectName(u"hlsKeepTsCheck"_s);
    m_hlsKeepTs->setText(tr("Keep MPEG-TS videos as .&ts (do not remux to MP4)"));

    auto *ffmpeg = new QLabel(page);
    ffmpeg->setObjectName(u"ffmpegStatus"_s);
    ffmpeg->setWordWrap(true);
    const QString program = FfmpegRemuxer::program();
    ffmpeg->setText(program.isEmpty()
                            ? tr("ffmpeg is not installed: HLS videos are saved as .ts, and a "
                                 "separate audio track beside the video. Install ffmpeg to get "
                                 "one MP4 (the streams are copied, never re-encoded).")
                            : tr("ffmpeg found (%1): MPEG-TS is remuxed to MP4 and a separate "
                                 "audio track muxed in, streams copied, never re-encoded.")
                                      .arg(program));

    QFormLayout *form = pageForm(page);
    form->addRow(buddyLabel(tr("HLS &variant:"), m_hlsVariant), m_hlsVariant);
    form->addRow(buddyLabel(tr("&Segments at a time:"), m_hlsConcurrency), m_hlsConcurrency);
    form->addRow(QString(), m_hlsKeepTs);
    form->addRow(QString(), ffmpeg);
    setTabOrders({ m_hlsVariant, m_hlsConcurrency, m_hlsKeepTs });
    return page;
}

void SettingsDialog::updateCertificateWidgets()
{
    const bool insecure = m_insecure->isChecked();
    m_insecureWarning->setVisible(insecure);
    // Without any check there is nothing to trust.
    m_caCertFile->setEnabled(!insecure);
    m_caCertBrowse->setEnabled(!insecure);
}

void SettingsDialog::setOptions(const FetchOptions &options, const QString &downloadFolder)
{
    m_options = options;
    m_userAgent->setText(QString::fromUtf8(options.userAgent));
    m_userAgent->setCursorPosition(0); // the start of a long text, not its end
    QStringList headers;
    for (const auto &[name, value] : options.headers)
        headers.append(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    m_headers->setPlainText(headers.join(u'\n'));
    m_timeout->setValue(options.stallTimeoutMs / 1000.0);
    m_retries->setValue(options.retries);
    m_perHost->setValue(options.perHostLimit);
    m_proxyMode->setCurrentIndex(int(options.proxyMode == FetchOptions::ProxyMode::System ? 0
                                             : options.proxyMode == FetchOptions::ProxyMode::None
                                             ? 1
                                             : 2));
    m_proxyUrl->setText(options.proxyUrl.toString());
    m_proxyUrl->setEnabled(m_proxyMode->currentIndex() == 2);
    m_httpVersion->setCurrentIndex(std::max(0, m_httpVersion->findData(int(options.httpVersion))));
    m_caCertFile->setText(options.caCertFile);
    m_caCertFile->setCursorPosition(0);
    m_insecure->setChecked(options.insecure);
    updateCertificateWidgets();
    // Whole MiB, rounded up so that a small limit does not show as "no limit"; collect() keeps
    // the exact byte count unless the value is changed.
    const qint64 maxMiB = options.maxFileSize > 0 ? (options.maxFileSize + MiB - 1) / MiB : 0;
    m_maxFileSizeShown = int(std::min<qint64>(maxMiB, m_maxFileSize->maximum()));
    m_maxFileSize->setValue(m_maxFileSizeShown);
    m_qtHttp->setChecked(options.qtHttp);
    const int variant = m_hlsVariant->findData(options.hlsVariant.toLower());
    if (variant >= 0)
        m_hlsVariant->setCurrentIndex(variant);
    else
        m_hlsVariant->setEditText(options.hlsVariant);
    m_hlsConcurrency->setValue(options.hlsConcurrency);
    m_hlsKeepTs->setChecked(options.hlsKeepTs);
    m_folder->setText(downloadFolder);
}

void SettingsDialog::setLanguage(const QString &language)
{
    m_language->setCurrentIndex(std::max(0, m_language->findData(language)));
}

QString SettingsDialog::language() const
{
    return m_language->currentData().toString();
}

void SettingsDialog::setJournalEnabled(bool enabled)
{
    m_journal->setChecked(enabled);
}

bool SettingsDialog::journalEnabled() const
{
    return m_journal->isChecked();
}

QString SettingsDialog::downloadFolder() const
{
    return m_folder->text().trimmed();
}

bool SettingsDialog::collect(FetchOptions *options, QString *error, QWidget **field) const
{
    FetchOptions o = m_options;
    o.userAgent = m_userAgent->text().trimmed().toUtf8();
    if (o.userAgent.isEmpty())
        o.userAgent = defaultUserAgent();
    o.headers.clear();
    const QStringList lines = m_headers->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        if (!o.addHeader(line.trimmed(), error)) {
            *field = m_headers;
            return false;
        }
    }
    o.stallTimeoutMs = int(m_timeout->value() * 1000);
    o.retries = m_retries->value();
    o.perHostLimit = m_perHost->value();
    const QString mode = m_proxyMode->currentData().toString();
    if (!o.setProxy(mode == u"explicit" ? m_proxyUrl->text().trimmed() : mode, error)) {
        *field = mode == u"explicit" ? static_cast<QWidget *>(m_proxyUrl) : m_proxyMode;
        return false;
    }
    o.httpVersion = HttpVersion(m_httpVersion->currentData().toInt());
    o.insecure = m_insecure->isChecked();
    const QString caCertFile = m_caCertFile->text().trimmed();
    o.caCertFile = caCertFile.isEmpty() ? QString() : QFileInfo(caCertFile).absoluteFilePath();
    if (!o.caCertFile.isEmpty() && !o.insecure) {
        const QFileInfo info(o.caCertFile);
        if (!info.isFile() || !info.isReadable()) {
            *error = tr("Cannot read the CA certificate file %1.").arg(caCertFile);
            *field = m_caCertFile;
            return false;
        }
        if (!looksLikePem(o.caCertFile)) {
            *error = tr("%1 holds no PEM certificate (a block that starts with "
                        "-----BEGIN CERTIFICATE-----).")
                             .arg(caCertFile);
            *field = m_caCertFile;
            return false;
        }
    }
    if (m_maxFileSize->value() != m_maxFileSizeShown)
        o.maxFileSize = m_maxFileSize->value() * MiB;
    o.qtHttp = m_qtHttp->isChecked();
    // An item of the list, or what was typed in the box.
    const int item = m_hlsVariant->findText(m_hlsVariant->currentText());
    const QString variant = item >= 0 ? m_hlsVariant->itemData(item).toString()
                                      : m_hlsVariant->currentText().trimmed();
    if (!HlsVariantChoice::isValidSpec(variant)) {
        *error = tr("The HLS variant \"%1\" is none of best, worst, a height such as 720p or a "
                    "bandwidth such as 800000.")
                         .arg(variant);
        *field = m_hlsVariant;
        return false;
    }
    o.hlsVariant = variant;
    o.hlsConcurrency = m_hlsConcurrency->value();
    o.hlsKeepTs = m_hlsKeepTs->isChecked();
    *options = o;
    return true;
}

void SettingsDialog::accept()
{
    QString error;
    QWidget *field = nullptr;
    FetchOptions options;
    if (!collect(&options, &error, &field)) {
        m_error->setText(error);
        m_error->show();
        if (field) {
            for (int page = 0; page < m_tabs->count(); ++page) {
                if (m_tabs->widget(page)->isAncestorOf(field))
                    m_tabs->setCurrentIndex(page);
            }
            field->setFocus();
        }
        return;
    }
    m_options = options;
    QDialog::accept();
}

} // namespace qcrawl
