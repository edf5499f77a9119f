#include "chunkeddecoder.h"

#include "net/httpframing.h"

#include <algorithm>

namespace qcrawl {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

bool ChunkedDecoder::fail()
{
    m_failed = true;
    return false;
}

bool ChunkedDecoder::feed(const char *data, qsizetype size, QByteArray &out)
{
    if (m_failed)
        return false;
    m_framedBytes += size;
    const char *p = data;
    const char *const end = data + size;
    while (p < end) {
        const char c = *p;
        switch (m_state) {
        case State::Size:
            if (hexValue(c) >= 0) {
                if (++m_digits > 15)
                    return fail();
                m_left = m_left * 16 + hexValue(c);
                ++p;
                break;
            }
            if (m_digits == 0)
                return fail();
            m_state = State::Extension;
            break;
        case State::Extension:
            if (c == '\r' || c == '\n') {
                m_state = State::SizeLf;
                p += c == '\r';
                break;
            }
            if (c == ';')
                m_extension = true;
            else if ((!m_extension && c != ' ' && c != '\t') || uchar(c) < 0x20 || c == 0x7f)
                return fail();
            ++p;
            break;
        case State::SizeLf:
            if (c != '\n')
                return fail();
            ++p;
            m_state = m_left > 0 ? State::Data : State::Trailer;
            m_digits = 0;
            m_extension = false;
            break;
        case State::Data: {
            const qsizetype n = qsizetype(std::min<qint64>(m_left, end - p));
            out.append(p, n);
            p += n;
            m_left -= n;
            if (m_left == 0)
                m_state = State::DataCr;
            break;
        }
        case State::DataCr:
            if (c != '\r' && c != '\n')
                return fail();
            m_state = State::DataLf;
            p += c == '\r';
            break;
        case State::DataLf:
            if (c != '\n')
                return fail();
            ++p;
            m_state = State::Size;
            break;
        case State::Trailer:
            if (c == '\r' || c == '\n') {
                m_state = State::TrailerLf;
                p += c == '\r';
                break;
            }
            if (m_trailerLine.size() >= m_maxTrailerLine)
                return fail();
            m_trailerLine += c;
            ++p;
            break;
        case State::TrailerLf:
            if (c != '\n'
                || (!m_trailerLine.isEmpty() && !HttpFraming::isHeaderLine(m_trailerLine)))
                return fail();
            ++p;
            m_state = m_trailerLine.isEmpty() ? State::Done : State::Trailer;
            m_trailerLine.clear();
            break;
        case State::Done:
            return fail(); // bytes after the last chunk
        }
    }
    return true;
}

} // namespace qcrawl
