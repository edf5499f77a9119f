#pragma once

#include "demo/demorequest.h"

#include <QByteArray>

namespace qcrawl {

// Reads an HTTP/1.1 request head (request line and header fields) off the front of a
// connection's input. The connection keeps the bytes the socket delivered and calls parse() again
// whenever more arrive, so a head may come in any number of pieces, and several pipelined
// requests may wait in the input behind it. It is strict where a lenient reading would let client
// and server disagree on where a request ends, and answers those cases with an error status.
class DemoRequestParser final
{
public:
    static constexpr qint64 MaxHeadBytes = 64 * 1024; // request line + headers; more gets 431
    static constexpr qint64 MaxBodyBytes = qint64(1) << 30; // a larger Content-Length gets 413

    struct Result
    {
        enum class Kind {
            NeedMore, // no complete head yet: call again with more input
            Request, // request holds the first head of the input
            Error, // answer errorStatus with errorText, then close: the input cannot be framed
        };
        Kind kind = Kind::NeedMore;
        // Bytes to drop from the front of the input: the blank lines allowed before a request
        // line (RFC 9112 2.2), and with Kind::Request the head itself. The request's body
        // (request.bodyLength bytes) follows them.
        qsizetype consumed = 0;
        DemoRequest request;
        int errorStatus = 0;
        QByteArray errorText; // the text/plain body of the error answer
    };

    static Result parse(const QByteArray &input);

private:
    static Result parseHead(const QByteArray &head);
};

} // namespace qcrawl
