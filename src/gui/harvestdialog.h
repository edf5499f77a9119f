#pragma once

#include "fetch/fetchtypes.h"
#include "harvest/harvestrecipe.h"
#include "harvest/harvesttypes.h"

#include <functional>
#include <memory>

#include <QDialog>
#include <QTimer>

namespace Ui {
class HarvestDialog;
}

namespace qcrawl {

class Harvester;
class PageFetcher;
class PresetStore;

// The tutorial's job as a dialog: a recipe (list page, item / link / title XPath, media regex or
// XPath), presets, and a live preview: the list page is fetched once, then every edit of an
// expression re-reads it at once and shows the items it matches; selecting an item fetches its
// detail page and shows the media URL found there. Harvest reads every detail page and hands the
// items over with harvested().
class HarvestDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HarvestDialog)

public:
    // demoSite starts the built-in demo server when needed and returns its base URL (or an
    // invalid QUrl when it cannot).
    HarvestDialog(const FetchOptions &options, PresetStore *presets, std::function<QUrl()> demoSite,
                  QWidget *parent = nullptr);
    ~HarvestDialog() override;

    HarvestRecipe recipe() const;
    void setRecipe(const HarvestRecipe &recipe);
    void loadListPage();
    void useDemoSite();
    void previewMedia(int row);
    bool harvest();
    const QList<HarvestItem> &previewItems() const { return m_previewItems; }
    bool isBusy() const;

    void done(int result) override; // cancels what is still running

Q_SIGNALS:
    void previewUpdated();
    void mediaPreviewed(const QUrl &mediaUrl, const QString &error);
    void harvested(const QList<qcrawl::HarvestItem> &items);

private:
    void fillPresets(const QString &select = {});
    void onPresetChosen(int index);
    void savePreset();
    void deletePreset();
    void refreshItems();
    void onPageFetched(int id, const WebPage &page);
    void setStatus(const QString &text, bool error = false);

    std::unique_ptr<Ui::HarvestDialog> m_ui;
    FetchOptions m_options;
    PresetStore *m_presets;
    std::function<QUrl()> m_demoSite;
    PageFetcher *m_fetcher;
    Harvester *m_harvester;
    QPushButton *m_harvestButton;
    QTimer m_refresh;
    WebPage m_listPage;
    bool m_hasListPage = false;
    int m_listRequest = 0;
    int m_mediaRequest = 0;
    int m_mediaRow = -1;
    QList<HarvestItem> m_previewItems;
    bool m_filling = false;
};

} // namespace qcrawl
