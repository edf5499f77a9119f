#pragma once

#include <QByteArray>
#include <QList>

namespace qcrawl {

// The strict reading of an HTTP/1.1 message's framing that CurlReply applies on top of libcurl
// (RFC 9110 5.1 and 8.6): a server that frames a body two ways, or with a number curl would read
// leniently, is refused rather than guessed at.
namespace HttpFraming {

bool isTokenChar(char c);
// "name: value" with a token for a name and no NUL.
bool isHeaderLine(const QByteArray &line);
// Content-Length values, possibly repeated or as a list ("5, 5"): all must be the same plain
// number. Returns -1 for anything else: "+5", "0x5", "5 5", "", more than 18 digits.
qint64 parseContentLength(const QList<QByteArray> &values);

} // namespace HttpFraming

} // namespace qcrawl
