#pragma once
#include <QStringList>

namespace hydra::cli {
// `hydra tokens create|list|revoke ...`: the access tokens clients present. Returns the exit code.
int runTokens(const QStringList &arguments);
} // namespace hydra::cli
