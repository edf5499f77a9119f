#pragma once

#include <curl/curl.h>

#include <QNetworkReply>

namespace qcrawl {

// The QNetworkReply::NetworkError a CurlReply reports: the codes Qt's own HTTP client gives an
// HTTP status (QNetworkReplyHttpImpl) and the nearest code for a libcurl result, so that callers
// see the same error() whichever client answered.
namespace ReplyErrors {

QNetworkReply::NetworkError forStatus(int status); // NoError below 400
QNetworkReply::NetworkError forCurl(CURLcode code);

} // namespace ReplyErrors

} // namespace qcrawl
