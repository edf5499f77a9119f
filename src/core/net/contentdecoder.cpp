#include "contentdecoder.h"

#include <brotli/decode.h>
#include <zlib.h>
#include <zstd.h>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr qsizetype OutputStep = 64 * 1024;

} // namespace

struct ContentDecoder::Streams
{
    z_stream zlib {};
    bool zlibOpen = false;
    BrotliDecoderState *brotli = nullptr;
    ZSTD_DStream *zstd = nullptr;

    ~Streams()
    {
        if (zlibOpen)
            inflateEnd(&zlib);
        if (brotli)
            BrotliDecoderDestroyInstance(brotli);
        if (zstd)
            ZSTD_freeDStream(zstd);
    }
};

std::optional<ContentDecoder::Coding> ContentDecoder::codingFor(QByteArrayView name)
{
    const QByteArray n = name.trimmed().toByteArray().toLower();
    if (n == "gzip" || n == "x-gzip")
        return Coding::Gzip;
    if (n == "deflate")
        return Coding::Deflate;
    if (n == "br")
        return Coding::Brotli;
    if (n == "zstd")
        return Coding::Zstd;
    return std::nullopt;
}

QByteArray ContentDecoder::acceptEncoding()
{
    return "gzip, deflate, br, zstd";
}

ContentDecoder::ContentDecoder(Coding coding)
    : m_coding(coding)
    , m_streams(std::make_unique<Streams>())
{
    switch (coding) {
    case Coding::Gzip:
        // 16 + MAX_WBITS: a gzip member, whose CRC-32 and size zlib checks at the end.
        m_streams->zlibOpen = inflateInit2(&m_streams->zlib, 16 + MAX_WBITS) == Z_OK;
        break;
    case Coding::Deflate:
        m_streams->zlibOpen = inflateInit2(&m_streams->zlib, MAX_WBITS) == Z_OK; // zlib format
        break;
    case Coding::Brotli:
        m_streams->brotli = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
        break;
    case Coding::Zstd:
        m_streams->zstd = ZSTD_createDStream();
        if (m_streams->zstd)
            ZSTD_initDStream(m_streams->zstd);
        break;
    }
}

ContentDecoder::~ContentDecoder() = default;

QByteArrayView ContentDecoder::name() const
{
    switch (m_coding) {
    case Coding::Gzip:
        return "gzip";
    case Coding::Deflate:
        return "deflate";
    case Coding::Brotli:
        return "br";
    case Coding::Zstd:
        return "zstd";
    }
    return {};
}

bool ContentDecoder::fail(const QString &message)
{
    m_error = u"corrupt %1 body: %2"_s.arg(QString::fromLatin1(name()), message);
    return false;
}

bool ContentDecoder::decode(QByteArrayView &input, QByteArray &output, qsizetype maxOutput)
{
    if (!m_error.isEmpty())
        return false;
    Streams &s = *m_streams;
    qsizetype room = maxOutput;
    while (room > 0 && (!input.isEmpty() || m_pendingOutput)) {
        if (m_complete) {
            // Bytes after the end: another gzip member or zstd frame (both formats allow
            // several), else garbage.
            if (m_coding == Coding::Gzip && inflateReset(&s.zlib) != Z_OK)
                return fail(u"cannot restart zlib"_s);
            if (m_coding == Coding::Deflate || m_coding == Coding::Brotli)
                return fail(u"data after the end of the stream"_s);
            m_complete = false;
        }
        const qsizetype step = std::min(room, OutputStep);
        const qsizetype old = output.size();
        output.resize(old + step);
        char *out = output.data() + old;
        qsizetype produced = 0;
        qsizetype used = 0;
        switch (m_coding) {
        case Coding::Gzip:
        case Coding::Deflate: {
            if (!s.zlibOpen)
                return fail(u"cannot start zlib"_s);
            s.zlib.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.data()));
            s.zlib.avail_in = uInt(std::min<qsizetype>(input.size(), 1 << 30));
            s.zlib.next_out = reinterpret_cast<Bytef *>(out);
            s.zlib.avail_out = uInt(step);
            const int rc = inflate(&s.zlib, Z_NO_FLUSH);
            used = qsizetype(reinterpret_cast<const char *>(s.zlib.next_in) - input.data());
            produced = step - qsizetype(s.zlib.avail_out);
            if (rc == Z_DATA_ERROR && m_coding == Coding::Deflate && !m_started) {
                // Some servers send raw deflate (RFC 1951) as "deflate": try that once.
                inflateEnd(&s.zlib);
                m_started = true;
                s.zlibOpen = inflateInit2(&s.zlib, -MAX_WBITS) == Z_OK;
                output.resize(old);
                continue;
            }
            if (rc == Z_STREAM_END)
                m_complete = true;
            else if (rc != Z_OK && rc != Z_BUF_ERROR)
                return output.resize(old),
                       fail(QString::fromLatin1(s.zlib.msg ? s.zlib.msg : "zlib error"));
            break;
        }
        case Coding::Brotli: {
            if (!s.brotli)
                return fail(u"cannot start brotli"_s);
            size_t availIn = size_t(input.size());
            const auto *nextIn = reinterpret_cast<const uint8_t *>(input.data());
            size_t availOut = size_t(step);
            auto *nextOut = reinterpret_cast<uint8_t *>(out);
            const BrotliDecoderResult rc = BrotliDecoderDecompressStream(
                    s.brotli, &availIn, &nextIn, &availOut, &nextOut, nullptr);
            used = input.size() - qsizetype(availIn);
            produced = step - qsizetype(availOut);
            if (rc == BROTLI_DECODER_RESULT_ERROR)
                return output.resize(old),
                       fail(QString::fromLatin1(
                               BrotliDecoderErrorString(BrotliDecoderGetErrorCode(s.brotli))));
            if (rc == BROTLI_DECODER_RESULT_SUCCESS)
                m_complete = true;
            break;
        }
        case Coding::Zstd: {
            if (!s.zstd)
                return fail(u"cannot start zstd"_s);
            ZSTD_inBuffer in { input.data(), size_t(input.size()), 0 };
            ZSTD_outBuffer outBuffer { out, size_t(step), 0 };
            const size_t rc = ZSTD_decompressStream(s.zstd, &outBuffer, &in);
            used = qsizetype(in.pos);
            produced = qsizetype(outBuffer.pos);
            if (ZSTD_isError(rc))
                return output.resize(old), fail(QString::fromLatin1(ZSTD_getErrorName(rc)));
            m_complete = rc == 0; // a frame ended (and was checked)
            break;
        }
        }
        output.resize(old + produced);
        input = input.sliced(used);
        room -= produced;
        // A full output step may leave decoded bytes inside the library.
        m_pendingOutput = !m_complete
                && (m_coding == Coding::Brotli ? BrotliDecoderHasMoreOutput(s.brotli)
                                               : produced == step);
        m_started = m_started || produced > 0;
        if (used == 0 && produced == 0) {
            m_pendingOutput = false;
            break; // needs more input
        }
    }
    return true;
}

} // namespace qcrawl
