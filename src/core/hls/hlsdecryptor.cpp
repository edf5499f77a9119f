#include "hlsdecryptor.h"

#include <algorithm>
#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {
constexpr int KeyBytes = 16;
constexpr int BlockBytes = 16;
} // namespace

struct HlsDecryptor::Context
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    ~Context() { EVP_CIPHER_CTX_free(ctx); }
};

HlsDecryptor::HlsDecryptor()
    : m_context(std::make_unique<Context>())
{ }

HlsDecryptor::~HlsDecryptor() = default;

QByteArray HlsDecryptor::ivForSequence(qint64 sequence)
{
    QByteArray iv(BlockBytes, '\0');
    quint64 n = quint64(sequence);
    for (int i = BlockBytes - 1; i >= BlockBytes - 8; --i) {
        iv[i] = char(n & 0xff);
        n >>= 8;
    }
    return iv;
}

bool HlsDecryptor::begin(QByteArrayView key, QByteArrayView iv, QString *error)
{
    if (key.size() != KeyBytes || iv.size() != BlockBytes) {
        *error = u"an AES-128 key and IV are 16 bytes each (got %1 and %2)"_s.arg(key.size())
                         .arg(iv.size());
        return false;
    }
    if (!m_context->ctx
        || EVP_DecryptInit_ex(m_context->ctx, EVP_aes_128_cbc(), nullptr,
                              reinterpret_cast<const unsigned char *>(key.data()),
                              reinterpret_cast<const unsigned char *>(iv.data()))
                != 1) {
        *error = u"the AES-128 decryption could not start"_s;
        return false;
    }
    return true;
}

bool HlsDecryptor::update(QByteArrayView cipherText, QByteArray *out, QString *error)
{
    // EVP takes int lengths: feed a huge view in pieces.
    constexpr qsizetype Piece = 1 << 20;
    for (qsizetype at = 0; at < cipherText.size(); at += Piece) {
        const int n = int(std::min(Piece, cipherText.size() - at));
        const qsizetype before = out->size();
        out->resize(before + n + BlockBytes);
        int written = 0;
        if (EVP_DecryptUpdate(m_context->ctx,
                              reinterpret_cast<unsigned char *>(out->data() + before), &written,
                              reinterpret_cast<const unsigned char *>(cipherText.data() + at), n)
            != 1) {
            out->resize(before);
            *error = u"the AES-128 decryption failed"_s;
            return false;
        }
        out->resize(before + written);
    }
    return true;
}

bool HlsDecryptor::finish(QByteArray *out, QString *error)
{
    const qsizetype before = out->size();
    out->resize(before + BlockBytes);
    int written = 0;
    if (EVP_DecryptFinal_ex(m_context->ctx, reinterpret_cast<unsigned char *>(out->data() + before),
                            &written)
        != 1) {
        out->resize(before);
        *error = u"the segment does not decrypt (a wrong key, or a cut segment)"_s;
        return false;
    }
    out->resize(before + written);
    return true;
}

} // namespace qcrawl
