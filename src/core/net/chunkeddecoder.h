#pragma once

#include <QByteArray>

namespace qcrawl {

// A chunked body (RFC 9112 7.1), undone strictly and incrementally: a chunk size is hex digits
// (at most 15), then optional extensions after ";", then CRLF (or LF); the data is followed by
// CRLF; a trailer line is a header line of at most maxTrailerLine bytes; nothing may follow the
// last chunk. Why not libcurl's own decoder: it reads a chunk size "0x5" as 0 and what follows as
// the next response (see CurlReply::setUp()).
class ChunkedDecoder final
{
public:
    explicit ChunkedDecoder(qsizetype maxTrailerLine)
        : m_maxTrailerLine(maxTrailerLine)
    { }

    // Appends the chunks' data in [data, data + size) to out. Returns false, for good, on
    // malformed framing.
    bool feed(const char *data, qsizetype size, QByteArray &out);
    bool isDone() const { return m_state == State::Done; } // the last chunk and trailer are in
    qint64 framedBytes() const { return m_framedBytes; } // everything fed, framing included

private:
    enum class State { Size, Extension, SizeLf, Data, DataCr, DataLf, Trailer, TrailerLf, Done };

    bool fail();

    qsizetype m_maxTrailerLine;
    State m_state = State::Size;
    int m_digits = 0;
    bool m_extension = false;
    bool m_failed = false;
    qint64 m_left = 0;
    qint64 m_framedBytes = 0;
    QByteArray m_trailerLine;
};

} // namespace qcrawl
