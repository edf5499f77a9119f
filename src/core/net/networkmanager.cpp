#include "networkmanager.h"

#include "net/curlmulti.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

NetworkManager::NetworkManager(QObject *parent)
    : QNetworkAccessManager(parent)
{
    // Redirects are the caller's (Transfer's rules), unless a request asks for Qt's.
    setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

NetworkManager::~NetworkManager()
{
    // Replies are children and would outlive the multi handle they are part of.
    qDeleteAll(findChildren<CurlReply *>(Qt::FindDirectChildrenOnly));
    m_multi.reset();
}

void NetworkManager::setConnectionLimits(int maxHostConnections, int maxConnections)
{
    m_maxHostConnections = maxHostConnections;
    m_maxConnections = maxConnections;
    if (m_multi)
        m_multi->setConnectionLimits(maxHostConnections, maxConnections);
}

CurlMulti *NetworkManager::multi()
{
    if (!m_multi) {
        m_multi = std::make_unique<CurlMulti>();
        m_multi->setConnectionLimits(m_maxHostConnections, m_maxConnections);
    }
    return m_multi.get();
}

bool NetworkManager::isCurlFor(Operation op, const QNetworkRequest &request,
                               QIODevice *outgoingData) const
{
    if (m_qtHttp || outgoingData || (op != GetOperation && op != HeadOperation))
        return false;
    const QUrl url = request.url();
    if ((url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return false;
    const QVariant policy = request.attribute(QNetworkRequest::RedirectPolicyAttribute);
    return !policy.isValid() || policy.toInt() == QNetworkRequest::ManualRedirectPolicy;
}

QByteArray NetworkManager::systemCertificateFolder()
{
    static const QByteArray folder = [] {
        CURL *easy = curl_easy_init();
        const char *path = nullptr;
        QByteArray result = "/etc/ssl/certs";
        if (easy && curl_easy_getinfo(easy, CURLINFO_CAPATH, &path) == CURLE_OK && path && *path)
            result = path;
        curl_easy_cleanup(easy);
        return result;
    }();
    return folder;
}

QNetworkReply *NetworkManager::sendDirect(Operation op, const QNetworkRequest &request)
{
    if (!isCurlFor(op, request))
        return nullptr;
    return new CurlReply(this, multi(), m_settings, op, request);
}

QNetworkReply *NetworkManager::createRequest(Operation op, const QNetworkRequest &request,
                                             QIODevice *outgoingData)
{
    if (!isCurlFor(op, request, outgoingData))
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    return new CurlReply(this, multi(), m_settings, op, request);
}

} // namespace qcrawl
