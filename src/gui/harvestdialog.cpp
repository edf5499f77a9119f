#include "harvestdialog.h"

#include "enginetext.h"
#include "harvest/harvester.h"
#include "harvest/harvestextractor.h"
#include "harvest/pagefetcher.h"
#include "harvest/presetstore.h"
#include "ui_harvestdialog.h"

#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {
enum MediaKind { MediaRegex, MediaXPath };
}

HarvestDialog::HarvestDialog(const FetchOptions &options, PresetStore *presets,
                             std::function<QUrl()> demoSite, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::HarvestDialog>())
    , m_options(options)
    , m_presets(presets)
    , m_demoSite(std::move(demoSite))
    , m_fetcher(new PageFetcher(this))
    , m_harvester(new Harvester(this))
{
    m_ui->setupUi(this);
    setObjectName(u"harvestDialog"_s);
    m_fetcher->setFetchOptions(options);
    m_harvester->setFetchOptions(options);

    m_ui->mediaKindCombo->addItem(tr("Media (regex, group 1):"), MediaRegex);
    m_ui->mediaKindCombo->addItem(tr("Media (XPath):"), MediaXPath);
    m_ui->itemsTable->setColumnCount(3);
    m_ui->itemsTable->setHorizontalHeaderLabels({ tr("#"), tr("Title"), tr("Detail page") });
    m_ui->itemsTable->verticalHeader()->hide();
    m_ui->itemsTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->itemsTable->setColumnWidth(0, 40);
    m_ui->itemsTable->setColumnWidth(1, 320);

    m_harvestButton = m_ui->buttonBox->addButton(tr("&Harvest"), QDialogButtonBox::AcceptRole);
    m_harvestButton->setToolTip(
            tr("Read every detail page and list the videos in the main window"));
    m_harvestButton->setDefault(true);
    connect(m_harvestButton, &QPushButton::clicked, this, &HarvestDialog::harvest);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(250);
    connect(&m_refresh, &QTimer::timeout, this, &HarvestDialog::refreshItems);
    for (QLineEdit *edit :
         { m_ui->itemXPathEdit, m_ui->linkXPathEdit, m_ui->titleXPathEdit, m_ui->mediaEdit }) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            if (!m_filling)
                m_refresh.start();
        });
    }
    connect(m_ui->mediaKindCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_refresh.start(); });
    connect(m_ui->loadButton, &QPushButton::clicked, this, &HarvestDialog::loadListPage);
    connect(m_ui->listUrlEdit, &QLineEdit::returnPressed, this, &HarvestDialog::loadListPage);
    connect(m_ui->demoButton, &QPushButton::clicked, this, &HarvestDialog::useDemoSite);
    connect(m_ui->presetCombo, &QComboBox::activated, this, &HarvestDialog::onPresetChosen);
    connect(m_ui->savePresetButton, &QPushButton::clicked, this, &HarvestDialog::savePreset);
    connect(m_ui->deletePresetButton, &QPushButton::clicked, this, &HarvestDialog::deletePreset);
    connect(m_ui->itemsTable, &QTableWidget::currentCellChanged, this,
            [this](int row) { previewMedia(row); });
    connect(m_fetcher, &PageFetcher::fetched, this, &HarvestDialog::onPageFetched);

    connect(m_harvester, &Harvester::itemsFound, this, [this](const QList<HarvestItem> &items) {
        setStatus(tr("%1 items on the list page; reading their detail pages…").arg(items.size()));
    });
    connect(m_harvester, &Harvester::itemFinished, this, [this] {
        int done = 0;
        for (const HarvestItem &item : m_harvester->items())
            done += item.mediaUrl.isValid() || !item.error.isEmpty() ? 1 : 0;
        setStatus(tr("Reading detail pages: %1 of %2").arg(done).arg(m_harvester->items().size()));
    });
    connect(m_harvester, &Harvester::finished, this, [this](const QString &error) {
        m_harvestButton->setEnabled(true);
        if (!error.isEmpty()) {
            if (error != u"canceled"_s)
                setStatus(tr("Harvest failed: %1").arg(error), true);
            return;
        }
        emit harvested(m_harvester->items());
        accept();
    });

    fillPresets(HarvestRecipe::pearVideo().name);
    onPresetChosen(m_ui->presetCombo->currentIndex());
    setStatus(tr("Load the list page to preview what the expressions match."));
}

HarvestDialog::~HarvestDialog() = default;

bool HarvestDialog::isBusy() const
{
    return m_harvester->isRunning();
}

HarvestRecipe HarvestDialog::recipe() const
{
    HarvestRecipe r;
    r.name = m_ui->presetCombo->currentText();
    r.listUrl = QUrl::fromUserInput(m_ui->listUrlEdit->text().trimmed());
    r.itemXPath = m_ui->itemXPathEdit->text().trimmed();
    r.linkXPath = m_ui->linkXPathEdit->text().trimmed();
    r.titleXPath = m_ui->titleXPathEdit->text().trimmed();
    if (m_ui->mediaKindCombo->currentData().toInt() == MediaRegex)
        r.mediaRegex = m_ui->mediaEdit->text();
    else
        r.mediaXPath = m_ui->mediaEdit->text().trimmed();
    return r;
}

void HarvestDialog::setRecipe(const HarvestRecipe &r)
{
    m_filling = true;
    if (r.listUrl.isValid())
        m_ui->listUrlEdit->setText(r.listUrl.toString());
    m_ui->itemXPathEdit->setText(r.itemXPath);
    m_ui->linkXPathEdit->setText(r.linkXPath);
    m_ui->titleXPathEdit->setText(r.titleXPath);
    const bool regex = r.mediaXPath.isEmpty();
    m_ui->mediaKindCombo->setCurrentIndex(regex ? MediaRegex : MediaXPath);
    m_ui->mediaEdit->setText(regex ? r.mediaRegex : r.mediaXPath);
    m_filling = false;
    refreshItems();
}

void HarvestDialog::fillPresets(const QString &select)
{
    m_ui->presetCombo->clear();
    for (const QString &name : m_presets->names())
        m_ui->presetCombo->addItem(name);
    const int index = m_ui->presetCombo->findText(select);
    m_ui->presetCombo->setCurrentIndex(std::max(0, index));
    if (!m_presets->loadError().isEmpty())
        setStatus(m_presets->loadError(), true);
}

void HarvestDialog::onPresetChosen(int index)
{
    const QString name = m_ui->presetCombo->itemText(index);
    m_ui->deletePresetButton->setEnabled(!name.isEmpty() && !m_presets->isBuiltIn(name));
    if (const std::optional<HarvestRecipe> preset = m_presets->preset(name)) {
        HarvestRecipe r = *preset;
        if (m_hasListPage || !m_ui->listUrlEdit->text().isEmpty())
            r.listUrl = QUrl(); // keep the page being previewed
        setRecipe(r);
    }
}

void HarvestDialog::savePreset()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save preset"), tr("Name:"),
                                               QLineEdit::Normal, QString(), &ok)
                                 .trimmed();
    if (!ok || name.isEmpty())
        return;
    HarvestRecipe r = recipe();
    r.name = name;
    QString error;
    if (!m_presets->save(r, &error)) {
        QMessageBox::warning(this, tr("Save preset"), error);
        return;
    }
    fillPresets(name);
    onPresetChosen(m_ui->presetCombo->currentIndex());
}

void HarvestDialog::deletePreset()
{
    const QString name = m_ui->presetCombo->currentText();
    QString error;
    if (!m_presets->remove(name, &error)) {
        QMessageBox::warning(this, tr("Delete preset"), error);
        return;
    }
    fillPresets();
    onPresetChosen(m_ui->presetCombo->currentIndex());
}

void HarvestDialog::useDemoSite()
{
    const QUrl base = m_demoSite ? m_demoSite() : QUrl();
    if (!base.isValid()) {
        setStatus(tr("The demo server could not start."), true);
        return;
    }
    fillPresets(HarvestRecipe::pearVideo().name);
    HarvestRecipe r = HarvestRecipe::pearVideo();
    r.listUrl = QUrl(base.toString() + u"/videos/category_5"_s);
    m_ui->listUrlEdit->setText(r.listUrl.toString());
    setRecipe(r);
    loadListPage();
}

void HarvestDialog::loadListPage()
{
    const QUrl url = QUrl::fromUserInput(m_ui->listUrlEdit->text().trimmed());
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https")) {
        setStatus(tr("Enter the address of a list page (http or https)."), true);
        return;
    }
    if (m_listRequest)
        m_fetcher->cancel(m_listRequest);
    m_listRequest = m_fetcher->fetch(url);
    setStatus(tr("Fetching %1…").arg(url.toDisplayString()));
}

void HarvestDialog::onPageFetched(int id, const WebPage &page)
{
    if (id == m_listRequest) {
        m_listRequest = 0;
        if (!page.error.isEmpty()) {
            m_hasListPage = false;
            setStatus(tr("Cannot read the list page: %1").arg(page.error), true);
            return;
        }
        m_listPage = page;
        m_hasListPage = true;
        refreshItems();
    } else if (id == m_mediaRequest) {
        m_mediaRequest = 0;
        MediaExtraction media;
        if (!page.error.isEmpty())
            media.error = page.error;
        else
            media = HarvestExtractor::extractMedia(page, recipe());
        m_ui->mediaPreview->setText(
                media.isValid() ? tr("Media URL: <a href=\"%1\">%1</a>")
                                          .arg(media.mediaUrl.toString().toHtmlEscaped())
                                : tr("<span style='color:#c62828'>No media URL: %1</span>")
                                          .arg(media.error.toHtmlEscaped()));
        emit mediaPreviewed(media.mediaUrl, media.error);
    }
}

void HarvestDialog::refreshItems()
{
    QString error;
    const HarvestRecipe r = recipe();
    if (!r.validate(&error)) {
        setStatus(error, true);
        return;
    }
    if (!m_hasListPage)
        return;
    const ItemExtraction extraction = HarvestExtractor::extractItems(m_listPage, r);
    m_previewItems = extraction.items;
    QTableWidget *table = m_ui->itemsTable;
    table->setRowCount(int(m_previewItems.size()));
    int failing = 0;
    for (int row = 0; row < m_previewItems.size(); ++row) {
        const HarvestItem &item = m_previewItems[row];
        const bool linked = item.detailUrl.isValid();
        failing += linked ? 0 : 1;
        auto *number = new QTableWidgetItem(QString::number(row + 1));
        auto *title = new QTableWidgetItem(item.title);
        auto *link = new QTableWidgetItem(linked ? item.detailUrl.toDisplayString()
                                                 : EngineText::translate(item.error));
        if (!linked)
            link->setForeground(QColor(0xc6, 0x28, 0x28));
        table->setItem(row, 0, number);
        table->setItem(row, 1, title);
        table->setItem(row, 2, link);
    }
    if (!extraction.isValid())
        setStatus(extraction.error, true);
    else if (failing)
        setStatus(tr("%1 items match; %2 of them have no link (see why in the list).")
                          .arg(m_previewItems.size())
                          .arg(failing),
                  true);
    else
        setStatus(tr("%1 items match. Select one to see its media URL, or press Harvest.")
                          .arg(m_previewItems.size()));
    emit previewUpdated();
}

void HarvestDialog::previewMedia(int row)
{
    if (row < 0 || row >= m_previewItems.size() || !m_previewItems[row].detailUrl.isValid())
        return;
    if (m_mediaRequest)
        m_fetcher->cancel(m_mediaRequest);
    m_mediaRow = row;
    m_ui->mediaPreview->setText(
            tr("Reading %1…").arg(m_previewItems[row].detailUrl.toDisplayString()));
    m_mediaRequest = m_fetcher->fetch(m_previewItems[row].detailUrl);
}

bool HarvestDialog::harvest()
{
    QString error;
    HarvestRecipe r = recipe();
    if (!r.listUrl.isValid() || r.listUrl.host().isEmpty()) {
        setStatus(tr("Enter the address of a list page (http or https)."), true);
        return false;
    }
    if (!m_harvester->start(r, &error)) {
        setStatus(error, true);
        return false;
    }
    m_harvestButton->setEnabled(false);
    setStatus(tr("Reading the list page…"));
    return true;
}

void HarvestDialog::setStatus(const QString &text, bool error)
{
    m_ui->previewStatus->setText(
            error ? u"<span style='color:#c62828'>%1</span>"_s.arg(text.toHtmlEscaped())
                  : text.toHtmlEscaped());
}

void HarvestDialog::done(int result)
{
    if (m_harvester->isRunning())
        m_harvester->cancel();
    m_fetcher->cancelAll();
    QDialog::done(result);
}

} // namespace qcrawl
