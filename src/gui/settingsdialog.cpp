#include "settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qcrawl {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_userAgent(new QLineEdit(this))
    , m_headers(new QPlainTextEdit(this))
    , m_timeout(new QDoubleSpinBox(this))
    , m_retries(new QSpinBox(this))
    , m_perHost(new QSpinBox(this))
    , m_proxyMode(new QComboBox(this))
    , m_proxyUrl(new QLineEdit(this))
    , m_folder(new QLineEdit(this))
    , m_language(new QComboBox(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(u"settingsDialog"_s);

    auto *resetAgent = new QPushButton(tr("&Default"), this);
    resetAgent->setToolTip(tr("Use the browser-like User-Agent the tutorial sends"));
    connect(resetAgent, &QPushButton::clicked, this,
            [this] { m_userAgent->setText(QString::fromUtf8(defaultUserAgent())); });
    auto *agentRow = new QHBoxLayout;
    agentRow->addWidget(m_userAgent, 1);
    agentRow->addWidget(resetAgent);

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

    m_proxyMode->addItem(tr("From the environment (http_proxy, https_proxy)"), u"system"_s);
    m_proxyMode->addItem(tr("No proxy"), u"none"_s);
    m_proxyMode->addItem(tr("This proxy:"), u"explicit"_s);
    m_proxyUrl->setPlaceholderText(u"http://127.0.0.1:3128  socks5://127.0.0.1:1080"_s);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_proxyUrl->setEnabled(index == 2); });

    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
                this, tr("Default download folder"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&User-Agent:"), agentRow);
    form->addRow(tr("Extra &headers:"), m_headers);
    form->addRow(tr("Stall &timeout:"), m_timeout);
    form->addRow(tr("&Retries:"), m_retries);
    form->addRow(tr("Per-host &limit:"), m_perHost);
    form->addRow(tr("&Proxy:"), m_proxyMode);
    form->addRow(QString(), m_proxyUrl);
    form->addRow(tr("Download &folder:"), folderRow);
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"简体中文"_s, u"zh_CN"_s);
    m_language->setToolTip(tr("Takes effect the next time qcrawl starts"));
    form->addRow(tr("&Language:"), m_language);

    m_error->setStyleSheet(u"color: #c62828"_s);
    m_error->setWordWrap(true);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

void SettingsDialog::setOptions(const FetchOptions &options, const QString &downloadFolder)
{
    m_options = options;
    m_userAgent->setText(QString::fromUtf8(options.userAgent));
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

QString SettingsDialog::downloadFolder() const
{
    return m_folder->text().trimmed();
}

bool SettingsDialog::collect(FetchOptions *options, QString *error) const
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
        if (!o.addHeader(line.trimmed(), error))
            return false;
    }
    o.stallTimeoutMs = int(m_timeout->value() * 1000);
    o.retries = m_retries->value();
    o.perHostLimit = m_perHost->value();
    const QString mode = m_proxyMode->currentData().toString();
    if (!o.setProxy(mode == u"explicit" ? m_proxyUrl->text().trimmed() : mode, error))
        return false;
    *options = o;
    return true;
}

void SettingsDialog::accept()
{
    QString error;
    FetchOptions options;
    if (!collect(&options, &error)) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    m_options = options;
    QDialog::accept();
}

} // namespace qcrawl
