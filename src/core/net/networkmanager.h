#pragma once

// net/: how bytes travel. NetworkManager is the QNetworkAccessManager every engine uses; under it
// CurlReply runs one libcurl easy handle per request on a CurlMulti tied to the thread's event
// loop, with ContentDecoder for compressed bodies. Nothing here knows about jobs or files: the
// fetch/ folder builds on these QNetworkReply objects.

#include "net/curlreply.h"

#include <memory>

#include <QNetworkAccessManager>

namespace qcrawl {

class CurlMulti;

// The engines' QNetworkAccessManager. GET and HEAD requests for http:// and https:// with a
// manual redirect policy are answered by libcurl (CurlReply over one CurlMulti per manager, on
// the manager's thread): HTTP/1.1 with keep-alive and HTTP/2 with multiplexing, TLS against the
// system's certificates or a given CA, proxies from the settings or the environment. Everything
// else (uploads, requests that want Qt to follow redirects) and, with setQtHttp(true), every
// request goes through Qt's own client, unchanged — so the benchmark and the app's Compare can
// show the difference.
//
// Why not Qt's client for all: bench/RESULTS.md measured Qt 6.4's reading response headers one
// byte per read() system call and running one HTTP thread per 6 connections, at about 300 µs of
// CPU per small request against curl's 43 µs. Callers keep the QNetworkReply interface (signals,
// attributes, headers, errors, abort) whichever client answers.
class NetworkManager final : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkManager)

public:
    // The HTTP version a reply used: "1.0", "1.1" or "2" (QByteArray), set with the headers.
    static constexpr auto HttpVersionAttribute =
            QNetworkRequest::Attribute(QNetworkRequest::User + 1);
    // Why libcurl refused the server's certificate (a CertificateError, as int), on a reply that
    // failed with SslHandshakeFailedError; errorString() is then curl's own message. Callers say
    // which host and why in their own words.
    static constexpr auto CertificateErrorAttribute =
            QNetworkRequest::Attribute(QNetworkRequest::User + 2);
    enum class CertificateError { NotTrusted, WrongHost };

    explicit NetworkManager(QObject *parent = nullptr);
    ~NetworkManager() override;

    void setQtHttp(bool qtHttp) { m_qtHttp = qtHttp; }
    bool isQtHttp() const { return m_qtHttp; }
    void setCurlSettings(const CurlSettings &settings) { m_settings = settings; }
    const CurlSettings &curlSettings() const { return m_settings; }
    // Connection limits of the curl transport (see CurlMulti::setConnectionLimits()).
    void setConnectionLimits(int maxHostConnections, int maxConnections);

    // A GET or HEAD answered by libcurl, without QNetworkAccessManager::get()'s bookkeeping
    // (two string-based connects per request for its finished() signal, 6 % of qcrawl-cli's
    // instructions on small pages); nullptr when libcurl does not take it (then use get()).
    // The reply is a child of this manager; this manager's finished() is not emitted for it.
    QNetworkReply *sendDirect(Operation op, const QNetworkRequest &request);

    // Whether libcurl answers this request.
    bool isCurlFor(Operation op, const QNetworkRequest &request,
                   QIODevice *outgoingData = nullptr) const;

    // The hashed certificate folder libcurl looks CAs up in (its built-in CA path, or
    // /etc/ssl/certs).
    static QByteArray systemCertificateFolder();

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    CurlMulti *multi();

    std::unique_ptr<CurlMulti> m_multi; // made with the first curl request, on this thread
    CurlSettings m_settings;
    int m_maxHostConnections = 0;
    int m_maxConnections = 100;
    bool m_qtHttp = false;
};

} // namespace qcrawl
