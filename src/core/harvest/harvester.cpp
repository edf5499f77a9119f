#include "harvester.h"

#include "fetch/asyncengine.h"
#include "harvest/harvestextractor.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

FetchOptions defaultOptions()
{
    FetchOptions options;
    options.concurrency = Harvester::DefaultConcurrency;
    return options;
}

} // namespace

Harvester::Harvester(QObject *parent)
    : QObject(parent)
    , m_engine(new AsyncEngine(defaultOptions(), this))
    , m_options(defaultOptions())
{
    qRegisterMetaType<qcrawl::HarvestItem>();
    qRegisterMetaType<QList<qcrawl::HarvestItem>>();
    connect(m_engine, &FetchEngine::jobFinished, this, &Harvester::onJobFinished);
    connect(m_engine, &FetchEngine::finished, this, &Harvester::onEngineFinished);
}

Harvester::~Harvester() = default;

FetchOptions Harvester::pageOptions() const
{
    FetchOptions options = m_options;
    options.previewBytes = WebPage::MaxBytes; // pages are read from memory
    // and stop at that size while they stream in, instead of being read to the end first
    if (options.maxFileSize <= 0 || options.maxFileSize > WebPage::MaxBytes)
        options.maxFileSize = WebPage::MaxBytes;
    return options;
}

bool Harvester::canStart(const HarvestRecipe &recipe, QString *error) const
{
    QString reason;
    const QUrl &list = recipe.listUrl;
    if (isRunning()) {
        reason = u"a harvest is already running"_s;
    } else if (recipe.validate(&reason)
               && (!list.isValid() || list.host().isEmpty()
                   || (list.scheme() != u"http" && list.scheme() != u"https"))) {
        reason = u"the list page needs an http or https URL"_s;
    }
    if (!reason.isEmpty()) {
        if (error)
            *error = reason;
        return false;
    }
    return true;
}

bool Harvester::start(const HarvestRecipe &recipe, QString *error)
{
    if (!canStart(recipe, error))
        return false;
    m_recipe = recipe;
    m_items.clear();
    m_warning.clear();
    m_listResult = FetchResult();
    m_listPage = WebPage();
    m_canceled = false;
    m_phase = Phase::List;
    m_engine->setOptions(pageOptions());
    m_engine->start({ FetchJob { 0, recipe.listUrl, QString(), false } });
    return true;
}

bool Harvester::continueWith(const HarvestRecipe &recipe, const QList<HarvestItem> &items,
                             QString *error)
{
    if (!canStart(recipe, error))
        return false;
    m_recipe = recipe;
    m_items = items;
    for (int i = 0; i < m_items.size(); ++i)
        m_items[i].index = i; // the list's order is the index, as extractItems() gives it
    m_listResult = FetchResult();
    m_listPage = WebPage();
    m_canceled = false;
    m_phase = Phase::Details;
    m_engine->setOptions(pageOptions());
    // From the event loop, as start() reports: receivers connect after calling.
    QMetaObject::invokeMethod(this, &Harvester::readDetailPages, Qt::QueuedConnection);
    return true;
}

void Harvester::cancel()
{
    if (!isRunning())
        return;
    m_canceled = true;
    m_engine->cancelAll();
}

void Harvester::onJobFinished(const FetchResult &result)
{
    if (m_phase == Phase::List) {
        m_listResult = result;
        return;
    }
    if (m_phase != Phase::Details || result.index < 0 || result.index >= m_items.size())
        return;
    HarvestItem &item = m_items[result.index];
    if (result.canceled) {
        item.error = FetchError(FetchErrorKind::Canceled);
    } else if (const FetchError pageError = WebPage::errorOf(result); !pageError.isEmpty()) {
        item.error = FetchError::detailPageUnreadable(pageError);
    } else {
        const MediaExtraction media =
                HarvestExtractor::extractMedia(WebPage::fromResult(result), m_recipe);
        item.mediaUrl = media.mediaUrl;
        item.error = media.isValid() ? FetchError() : FetchError::other(media.error);
    }
    emit itemFinished(item);
}

// Runs after the engine's run is over, so that the next run can start from here.
void Harvester::onEngineFinished()
{
    if (m_phase == Phase::List)
        readListPage();
    else if (m_phase == Phase::Details)
        finish(m_canceled ? u"canceled"_s : QString());
}

void Harvester::readListPage()
{
    m_listPage = WebPage::fromResult(m_listResult);
    if (m_canceled)
        return finish(u"canceled"_s);
    const ItemExtraction extraction = HarvestExtractor::extractItems(m_listPage, m_recipe);
    if (!extraction.isValid())
        return finish(extraction.error);

    m_items = extraction.items;
    m_warning = extraction.warning;
    m_phase = Phase::Details;
    readDetailPages();
}

void Harvester::readDetailPages()
{
    QList<FetchJob> jobs;
    for (const HarvestItem &item : std::as_const(m_items)) {
        if (item.error.isEmpty() && !item.mediaUrl.isValid())
            jobs.append(FetchJob { item.index, item.detailUrl, QString(), false });
    }
    emit itemsFound(m_items);
    const QList<HarvestItem> items = m_items; // receivers may cancel() meanwhile
    for (const HarvestItem &item : items) {
        if (!item.error.isEmpty() || item.mediaUrl.isValid())
            emit itemFinished(item);
    }
    if (m_canceled) {
        // Canceled from a slot: the detail pages were never requested.
        for (const FetchJob &job : std::as_const(jobs)) {
            m_items[job.index].error = FetchError(FetchErrorKind::Canceled);
            emit itemFinished(m_items[job.index]);
        }
        return finish(u"canceled"_s);
    }
    if (jobs.isEmpty())
        return finish(QString());
    m_engine->start(jobs);
}

void Harvester::finish(const QString &error)
{
    m_phase = Phase::Idle;
    emit finished(error);
}

} // namespace qcrawl
