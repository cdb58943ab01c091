#pragma once
// Which of Google's quota windows a 429 names. One type for the error parser that reads it
// (upstream_failure.h) and the pool rules that act on it (quota_rules.h).

namespace hydra::pool {

enum class QuotaScope { Unknown, PerMinute, PerDay };

} // namespace hydra::pool
