// ChunkedDecoder over any bytes, in any pieces: the data it gives is never more than it was fed,
// and feeding the same bytes in two pieces or one at a time gives the same data and verdict.

#include "fuzzsupport.h"
#include "net/chunkeddecoder.h"

using namespace qcrawl;

QCRAWL_FUZZ_INITIALIZE

namespace {

struct Outcome
{
    bool ok = true;
    bool done = false;
    QByteArray data;
};

Outcome decode(const QByteArray &input, qsizetype piece)
{
    ChunkedDecoder decoder(1024);
    Outcome outcome;
    for (qsizetype i = 0; i < input.size() && outcome.ok; i += piece)
        outcome.ok = decoder.feed(input.constData() + i, std::min(piece, input.size() - i),
                                  outcome.data);
    outcome.done = decoder.isDone();
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype split = 1 + data[0] % 64;
    const QByteArray input = fuzz::bytes(data + 1, size - 1);
    const Outcome whole = decode(input, std::max<qsizetype>(1, input.size()));
    FUZZ_CHECK(whole.data.size() <= input.size(), "no more data than bytes fed");
    for (const qsizetype piece : { split, qsizetype(1) }) {
        const Outcome pieces = decode(input, piece);
        FUZZ_CHECK(pieces.ok == whole.ok, "the same verdict in pieces");
        if (whole.ok) {
            FUZZ_CHECK(pieces.data == whole.data, "the same data in pieces");
            FUZZ_CHECK(pieces.done == whole.done, "the same end in pieces");
        }
    }
    return 0;
}
