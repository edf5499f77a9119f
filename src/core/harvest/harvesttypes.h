#pragma once

#include "fetch/fetchtypes.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace qcrawl {

// A fetched web page, as the harvest reads it: the body in memory (pages are small; media never
// come this way) and enough of the response to decode and resolve it.
struct WebPage
{
    static constexpr qint64 MaxBytes = 16 * 1024 * 1024; // a larger page is an error

    QUrl url;
    QUrl finalUrl; // after redirects: what relative links resolve against
    int httpStatus = 0;
    QString contentType;
    QByteArray body;
    QString error; // errorOf()'s text; empty when the page arrived whole with a 2xx

    bool isValid() const { return error.isEmpty(); }
    // From a result fetched with FetchOptions::previewBytes >= MaxBytes.
    static WebPage fromResult(const FetchResult &result);
    // Why such a result is no page to read: canceled, failed, not a 2xx, or cut at MaxBytes.
    static FetchError errorOf(const FetchResult &result);
};

// One video on a list page: found by the item XPath, then completed from its detail page.
struct HarvestItem
{
    int index = -1; // position on the list page, from 0
    QString title;
    QUrl detailUrl;
    QUrl mediaUrl; // empty until the detail page was read
    FetchError error; // why there is no media URL; kind None when there is one

    bool hasMedia() const { return error.isEmpty() && mediaUrl.isValid(); }
};

// What became of one item's download.
struct DownloadResult
{
    int index = -1; // HarvestItem::index
    QString title;
    QUrl mediaUrl;
    QUrl finalUrl; // after redirects (the CDN)
    QString filePath; // the saved file; on failure the file it would have been
    qint64 bytes = 0; // bytes on disk for this item (the file, or the .part kept for resuming)
    qint64 resumedFrom = 0; // bytes that were already there from an interrupted download
    int httpStatus = 0; // 0 = no response (or no request: the item had no media URL)
    QString contentType;
    FetchError error; // kind None on success
    bool canceled = false; // stopped by the user; a .part stays for resuming

    bool isSuccess() const { return error.isEmpty() && !canceled; }
};

} // namespace qcrawl

Q_DECLARE_METATYPE(qcrawl::WebPage)
Q_DECLARE_METATYPE(qcrawl::HarvestItem)
Q_DECLARE_METATYPE(qcrawl::DownloadResult)
