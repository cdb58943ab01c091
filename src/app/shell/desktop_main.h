#pragma once
// `hydra` without a subcommand: the desktop app. main() resolves the config dir the way the
// command line does and hands it here; this creates the QApplication (the only place that
// needs a display), so `hydra <command>` keeps running headless.

#include <QString>

namespace hydra::app {

// `configDirOption`: the --config-dir given, if any (start at login passes it on).
int runDesktopApp(int &argc, char **argv, const QString &configDir, const QString &configDirOption);

} // namespace hydra::app
