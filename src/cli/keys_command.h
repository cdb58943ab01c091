#pragma once
#include <QStringList>

namespace hydra::cli {
// `hydra keys list|add|remove|validate ...`: the stored keys. Returns the exit code.
int runKeys(const QStringList &arguments);
} // namespace hydra::cli
