#pragma once

#include <optional>

#include <QByteArray>
#include <QList>

class QDateTime;

namespace qcrawl {

// The strict reading of an HTTP/1.1 message's framing that CurlReply applies on top of libcurl
// (RFC 9110 5.1 and 8.6): a server that frames a body two ways, or with a number curl would read
// leniently, is refused rather than guessed at. Also the other header values a transfer acts on
// (Content-Range, Retry-After): pure functions of the server's bytes, which fuzz/ feeds.
namespace HttpFraming {

bool isTokenChar(char c);
// "name: value" with a token for a name and no NUL.
bool isHeaderLine(const QByteArray &line);
// Content-Length values, possibly repeated or as a list ("5, 5"): all must be the same plain
// number. Returns -1 for anything else: "+5", "0x5", "5 5", "", more than 18 digits.
qint64 parseContentLength(const QList<QByteArray> &values);

// "bytes first-last/total" (total may be "*", then -1), strictly: plain numbers of at most 18
// digits, first <= last, last < total. Nullopt for anything else.
struct ContentRange
{
    qint64 first = 0;
    qint64 last = 0;
    qint64 total = -1;

    qint64 length() const { return last - first + 1; }
};
std::optional<ContentRange> parseContentRange(const QByteArray &value);

// Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date, as milliseconds after now (0 for
// a date already past), saturated so that no server's number overflows. -1 when empty, negative
// or neither form.
qint64 parseRetryAfter(const QByteArray &value, const QDateTime &now);

} // namespace HttpFraming

} // namespace qcrawl
