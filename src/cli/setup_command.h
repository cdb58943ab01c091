#pragma once
#include <QStringList>

namespace hydra::cli {
// `hydra setup --file keys.json`: checks every key against Gemini, prints a table, stores the
// working ones in the OS keychain. Returns the exit code.
int runSetup(const QStringList &arguments);
} // namespace hydra::cli
