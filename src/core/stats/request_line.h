#pragma once
// The one line per request that `hydra gateway` writes to stderr:
//   2026-11-26T22:23:35.620Z chat gemini-2.5-flash key=key-1 token=cursor status=200 412ms stream
// Pure, and cheap: it runs on the main thread for every request the gateway serves, so it
// formats with plain char arithmetic instead of QDateTime and QString::arg.

#include "request_record.h"

#include <string>

namespace hydra::stats {

// Appends the line (with its '\n') to `out`.
void appendRequestLine(const RequestRecord &record, std::string &out);

} // namespace hydra::stats
