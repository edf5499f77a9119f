#include "contentdecoder.h"

#include <zlib.h>

#include <QString>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {
constexpr qint64 InputChunk = 64 * 1024;
}

struct ContentDecoder::Stream
{
    z_stream z {};
    bool open = false;
    ~Stream()
    {
        if (open)
            inflateEnd(&z);
    }
};

ContentDecoder::ContentDecoder()
    : m_stream(std::make_unique<Stream>())
{ }

ContentDecoder::~ContentDecoder() = default;

bool ContentDecoder::supports(QByteArrayView encoding)
{
    const QByteArrayView e = encoding.trimmed();
    return e.compare("gzip", Qt::CaseInsensitive) == 0
            || e.compare("x-gzip", Qt::CaseInsensitive) == 0
            || e.compare("deflate", Qt::CaseInsensitive) == 0;
}

bool ContentDecoder::start(QByteArrayView encoding)
{
    if (!supports(encoding))
        return false;
    m_deflate = encoding.trimmed().compare("deflate", Qt::CaseInsensitive) == 0;
    // 15 + 32: a zlib or gzip header, detected. "deflate" is meant to be zlib-wrapped, but some
    // servers send it raw: read() retries those with windowBits -15.
    m_stream->open = inflateInit2(&m_stream->z, 15 + 32) == Z_OK;
    m_input.reserve(InputChunk);
    return m_stream->open;
}

qint64 ContentDecoder::read(char *data, qint64 maxSize, const Source &source)
{
    if (!m_stream->open)
        return m_error.isEmpty() ? 0 : -1;
    z_stream &z = m_stream->z;
    z.next_out = reinterpret_cast<Bytef *>(data);
    z.avail_out = uInt(std::min<qint64>(maxSize, 1 << 30));
    while (z.avail_out > 0) {
        if (z.avail_in == 0) {
            m_input.resize(InputChunk);
            const qint64 n = source(m_input.data(), InputChunk);
            if (n <= 0)
                break;
            z.next_in = reinterpret_cast<Bytef *>(m_input.data());
            z.avail_in = uInt(n);
        }
        const bool firstBytes = z.total_in == 0;
        Bytef *const in = z.next_in;
        const uInt avail = z.avail_in;
        const int ret = inflate(&z, Z_NO_FLUSH);
        if (ret == Z_DATA_ERROR && firstBytes && m_deflate && !m_rawDeflateTried) {
            m_rawDeflateTried = true; // a raw deflate stream: start over without a header
            inflateEnd(&z);
            z = {};
            if (inflateInit2(&z, -15) != Z_OK) {
                m_stream->open = false;
                m_error = u"cannot inflate the body"_s;
                return -1;
            }
            z.next_in = in;
            z.avail_in = avail;
            z.next_out = reinterpret_cast<Bytef *>(data);
            z.avail_out = uInt(std::min<qint64>(maxSize, 1 << 30));
            continue;
        }
        if (ret == Z_STREAM_END) {
            if (z.avail_in == 0)
                break;
            inflateReset(&z); // another gzip member follows
            continue;
        }
        if (ret == Z_BUF_ERROR)
            continue; // needs more input (avail_in is 0 now) or more room (the loop ends)
        if (ret != Z_OK) {
            m_error = u"corrupt %1 body: %2"_s.arg(m_deflate ? u"deflate"_s : u"gzip"_s,
                                                   QString::fromLatin1(z.msg ? z.msg : "error"));
            return -1;
        }
    }
    return qint64(z.next_out - reinterpret_cast<Bytef *>(data));
}

} // namespace qcrawl
