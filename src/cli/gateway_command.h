#pragma once
#include <QStringList>

namespace hydra::cli {
// `hydra gateway ...`: runs the gateway headless until SIGINT/SIGTERM. Returns the exit code.
int runGateway(const QStringList &arguments);
} // namespace hydra::cli
