#include "fetchoptionsjson.h"

#include "hls/hlsplaylist.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

QString httpVersionName(HttpVersion version)
{
    switch (version) {
    case HttpVersion::Default:
        return u"default"_s;
    case HttpVersion::Http1_1:
        return u"1.1"_s;
    case HttpVersion::Http2:
        return u"2"_s;
    }
    return u"default"_s;
}

QString proxyModeName(FetchOptions::ProxyMode mode)
{
    switch (mode) {
    case FetchOptions::ProxyMode::System:
        return u"system"_s;
    case FetchOptions::ProxyMode::None:
        return u"none"_s;
    case FetchOptions::ProxyMode::Explicit:
        return u"explicit"_s;
    }
    return u"system"_s;
}

int intValue(const QJsonObject &json, const QString &key, int fallback)
{
    const QJsonValue v = json.value(key);
    return v.isDouble() ? v.toInt(fallback) : fallback;
}

qint64 int64Value(const QJsonObject &json, const QString &key, qint64 fallback)
{
    const QJsonValue v = json.value(key);
    return v.isDouble() ? v.toInteger(fallback) : fallback;
}

} // namespace

QJsonObject FetchOptionsJson::toJson(const FetchOptions &o)
{
    QJsonArray headers;
    for (const auto &[name, value] : o.headers)
        headers.append(QJsonArray { QString::fromLatin1(name), QString::fromLatin1(value) });
    return {
        { u"concurrency"_s, o.concurrency },
        { u"threads"_s, o.threads },
        { u"per_host"_s, o.perHostLimit },
        { u"stall_timeout_ms"_s, o.stallTimeoutMs },
        { u"speed_limit"_s, o.speedLimit },
        { u"speed_time_ms"_s, o.speedTimeMs },
        { u"max_time_ms"_s, o.maxTimeMs },
        { u"retries"_s, o.retries },
        { u"retry_base_delay_ms"_s, o.retryBaseDelayMs },
        { u"retry_max_delay_ms"_s, o.retryMaxDelayMs },
        { u"max_redirects"_s, o.maxRedirects },
        { u"preview_bytes"_s, o.previewBytes },
        { u"read_buffer_bytes"_s, o.readBufferBytes },
        { u"user_agent"_s, QString::fromLatin1(o.userAgent) },
        { u"headers"_s, headers },
        { u"qt_http"_s, o.qtHttp },
        { u"http_version"_s, httpVersionName(o.httpVersion) },
        { u"cacert"_s, o.caCertFile },
        { u"insecure"_s, o.insecure },
        { u"max_filesize"_s, o.maxFileSize },
        { u"proxy_mode"_s, proxyModeName(o.proxyMode) },
        { u"proxy"_s, o.proxyUrl.toString(QUrl::FullyEncoded) },
        { u"hls_variant"_s, o.hlsVariant },
        { u"hls_concurrency"_s, o.hlsConcurrency },
        { u"hls_keep_ts"_s, o.hlsKeepTs },
    };
}

FetchOptions FetchOptionsJson::fromJson(const QJsonObject &json)
{
    FetchOptions o;
    o.concurrency = std::max(1, intValue(json, u"concurrency"_s, o.concurrency));
    o.threads = std::max(1, intValue(json, u"threads"_s, o.threads));
    o.perHostLimit = std::max(0, intValue(json, u"per_host"_s, o.perHostLimit));
    o.stallTimeoutMs = std::max(1, intValue(json, u"stall_timeout_ms"_s, o.stallTimeoutMs));
    o.speedLimit = std::max<qint64>(0, int64Value(json, u"speed_limit"_s, o.speedLimit));
    o.speedTimeMs = std::max(1, intValue(json, u"speed_time_ms"_s, o.speedTimeMs));
    o.maxTimeMs = std::max(0, intValue(json, u"max_time_ms"_s, o.maxTimeMs));
    o.retries = std::max(0, intValue(json, u"retries"_s, o.retries));
    o.retryBaseDelayMs = std::max(0, intValue(json, u"retry_base_delay_ms"_s, o.retryBaseDelayMs));
    o.retryMaxDelayMs = std::max(0, intValue(json, u"retry_max_delay_ms"_s, o.retryMaxDelayMs));
    o.maxRedirects = std::max(0, intValue(json, u"max_redirects"_s, o.maxRedirects));
    o.previewBytes = std::max<qint64>(0, int64Value(json, u"preview_bytes"_s, o.previewBytes));
    o.readBufferBytes =
            std::max<qint64>(0, int64Value(json, u"read_buffer_bytes"_s, o.readBufferBytes));
    if (json.value(u"user_agent"_s).isString())
        o.userAgent = json.value(u"user_agent"_s).toString().toLatin1();
    for (const QJsonValue &header : json.value(u"headers"_s).toArray()) {
        const QJsonArray pair = header.toArray();
        if (pair.size() == 2 && pair.at(0).isString() && pair.at(1).isString())
            o.headers.append(
                    { pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1() });
    }
    o.qtHttp = json.value(u"qt_http"_s).toBool(o.qtHttp);
    const QString version = json.value(u"http_version"_s).toString();
    o.httpVersion = version == u"1.1" ? HttpVersion::Http1_1
            : version == u"2"         ? HttpVersion::Http2
                                      : HttpVersion::Default;
    o.caCertFile = json.value(u"cacert"_s).toString();
    o.insecure = json.value(u"insecure"_s).toBool(o.insecure);
    o.maxFileSize = std::max<qint64>(0, int64Value(json, u"max_filesize"_s, o.maxFileSize));
    const QString proxyMode = json.value(u"proxy_mode"_s).toString();
    o.proxyMode = proxyMode == u"none" ? FetchOptions::ProxyMode::None
            : proxyMode == u"explicit" ? FetchOptions::ProxyMode::Explicit
                                       : FetchOptions::ProxyMode::System;
    o.proxyUrl = QUrl(json.value(u"proxy"_s).toString(), QUrl::StrictMode);
    if (const QString variant = json.value(u"hls_variant"_s).toString();
        HlsVariantChoice::isValidSpec(variant))
        o.hlsVariant = variant;
    o.hlsConcurrency = std::max(1, intValue(json, u"hls_concurrency"_s, o.hlsConcurrency));
    o.hlsKeepTs = json.value(u"hls_keep_ts"_s).toBool(o.hlsKeepTs);
    return o;
}

} // namespace qcrawl
