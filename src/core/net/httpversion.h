#pragma once

namespace qcrawl {

// Which HTTP version to prefer (curl's --http1.1 and --http2). Default: HTTP/2 over TLS when the
// server offers it (ALPN), HTTP/1.1 for plain http://.
enum class HttpVersion { Default, Http1_1, Http2 };

} // namespace qcrawl
