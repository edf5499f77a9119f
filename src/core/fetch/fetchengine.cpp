#include "fetchengine.h"

#include "fetch/asyncengine.h"
#include "fetch/blockingengine.h"
#include "net/networkmanager.h"

#include <algorithm>

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QTimer>

namespace qcrawl {

namespace {

// Qt reads http_proxy, https_proxy and no_proxy in systemProxyForQuery(); that costs a parse of
// the environment per request, so it is installed only when a proxy variable is set at all.
class EnvironmentProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return systemProxyForQuery(query);
    }
};

bool environmentHasProxy()
{
    for (const char *name :
         { "http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY" }) {
        if (!qEnvironmentVariableIsEmpty(name))
            return true;
    }
    return false;
}

} // namespace

std::unique_ptr<QNetworkAccessManager> createNetworkManager(const FetchOptions &options,
                                                            int maxConnections)
{
    auto manager = std::make_unique<NetworkManager>();
    manager->setQtHttp(options.qtHttp);
    CurlSettings curl;
    curl.httpVersion = options.httpVersion;
    curl.caCertFile = QFile::encodeName(options.caCertFile);
    curl.insecure = options.insecure;
    switch (options.proxyMode) {
    case FetchOptions::ProxyMode::System:
        break; // curl reads http_proxy, https_proxy, all_proxy and no_proxy itself
    case FetchOptions::ProxyMode::None:
        curl.proxy = QByteArray();
        break;
    case FetchOptions::ProxyMode::Explicit:
        curl.proxy = options.proxyUrl.toEncoded();
        break;
    }
    manager->setCurlSettings(curl);
    manager->setConnectionLimits(options.perHostLimit, std::max(maxConnections, 1));
    // Qt's client, for --qt-http and the requests curl does not take.
    if (options.proxyMode == FetchOptions::ProxyMode::System && environmentHasProxy())
        manager->setProxyFactory(new EnvironmentProxyFactory); // the manager owns it
    else
        manager->setProxy(options.networkProxy());
    if (options.insecure) {
        QObject::connect(
                manager.get(), &QNetworkAccessManager::sslErrors, manager.get(),
                [](QNetworkReply *reply, const QList<QSslError> &) { reply->ignoreSslErrors(); });
    }
    return manager;
}

int watchdogIntervalMs(const FetchOptions &options)
{
    // A quarter of the shortest time a guard measures, so that it trips within a quarter late.
    int shortest = options.stallTimeoutMs;
    if (options.speedLimit > 0)
        shortest = std::min(shortest, options.speedTimeMs);
    if (options.maxTimeMs > 0)
        shortest = std::min(shortest, options.maxTimeMs);
    return std::clamp(shortest / 4, 20, 1000);
}

std::unique_ptr<FetchEngine> FetchEngine::create(FetchMode mode, const FetchOptions &options)
{
    switch (mode) {
    case FetchMode::Async:
        return std::make_unique<AsyncEngine>(options);
    case FetchMode::Pool:
        return std::make_unique<BlockingEngine>(FetchMode::Pool, options);
    case FetchMode::Serial:
        return std::make_unique<BlockingEngine>(FetchMode::Serial, options);
    }
    return nullptr;
}

FetchEngine::FetchEngine(const FetchOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    qRegisterMetaType<qcrawl::FetchResult>();
}

FetchEngine::~FetchEngine() = default;

bool FetchEngine::setOptions(const FetchOptions &options)
{
    if (m_running)
        return false;
    m_options = options;
    return true;
}

bool FetchEngine::start(const QList<FetchJob> &jobs)
{
    if (m_running)
        return false;
    m_running = true;
    m_jobCount = int(jobs.size());
    m_finishedCount = 0;
    m_clock.start();
    if (jobs.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            m_running = false;
            runFinished();
            emit finished();
        });
        return true;
    }
    startJobs(jobs);
    return true;
}

void FetchEngine::reportFinished(const FetchResult &result)
{
    ++m_finishedCount;
    emit jobFinished(result);
    if (m_finishedCount == m_jobCount && m_running) {
        m_running = false;
        runFinished();
        emit finished();
    }
}

FetchResult FetchEngine::canceledResult(const FetchJob &job) const
{
    FetchResult result;
    result.index = job.index;
    result.url = job.url;
    result.finalUrl = job.url;
    result.finishedMs = m_clock.elapsed();
    result.error = FetchError(FetchErrorKind::Canceled);
    result.canceled = true;
    return result;
}

} // namespace qcrawl
