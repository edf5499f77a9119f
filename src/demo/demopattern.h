#pragma once

#include <QByteArray>

namespace qcrawl {

// The deterministic body of /bytes, /chunked, /drop and the video site's media: byte i of every
// body is byte(i). The pattern has a prime period (65521) so an offset error shows. DemoServer
// offers it to tests as DemoServer::patternBytes(); connections stream from at() without copying.
class DemoPattern final
{
public:
    static char byte(qint64 offset);
    static QByteArray bytes(qint64 offset, qint64 count);

    // Contiguous pattern bytes starting at offset, without copying; *length receives how many
    // bytes may be read from the returned pointer (always at least 4 periods).
    static const char *at(qint64 offset, qint64 *length);
};

} // namespace qcrawl
