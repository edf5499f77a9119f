#pragma once

namespace qcrawl {

// Raises the soft limit on open files to the hard limit: a crawler with hundreds of connections
// and a server with thousands run out of the usual 1024 descriptors. Returns the new soft limit
// (or -1 where unsupported).
long raiseOpenFileLimit();

} // namespace qcrawl
