#include "pagefetcher.h"

#include "fetch/asyncengine.h"

namespace qcrawl {

PageFetcher::PageFetcher(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<qcrawl::WebPage>();
}

PageFetcher::~PageFetcher() = default;

int PageFetcher::fetch(const QUrl &url)
{
    const int id = m_nextId++;
    FetchOptions options = m_options;
    options.concurrency = 1;
    options.previewBytes = WebPage::MaxBytes;
    if (options.maxFileSize <= 0 || options.maxFileSize > WebPage::MaxBytes)
        options.maxFileSize = WebPage::MaxBytes; // an endless page stops there, with an error
    auto *engine = new AsyncEngine(options, this);
    m_engines.insert(id, engine);
    connect(engine, &FetchEngine::jobFinished, this, [this, id](const FetchResult &result) {
        emit fetched(id, WebPage::fromResult(result));
    });
    connect(engine, &FetchEngine::finished, this, [this, id, engine] {
        m_engines.remove(id);
        engine->deleteLater();
    });
    engine->start({ FetchJob { 0, url, QString(), false } });
    return id;
}

void PageFetcher::cancel(int id)
{
    if (AsyncEngine *engine = m_engines.value(id))
        engine->cancelAll();
}

void PageFetcher::cancelAll()
{
    const QList<AsyncEngine *> engines = m_engines.values();
    for (AsyncEngine *engine : engines)
        engine->cancelAll();
}

} // namespace qcrawl
