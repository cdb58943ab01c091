#pragma once
// What every window of the desktop app shares: one engine, one stats collector, the stored
// keys and the app's settings. Created once by the app shell (src/app/shell) on the GUI
// thread and outliving every window; windows hold a reference, never a copy.
//
// Contract between the shell, the settings dialog and the dashboard:
//   hydra::app::SettingsDialog(AppContext &, QWidget *parent)      src/app/settings/settings_dialog.h
//   hydra::app::DashboardWindow(AppContext &, QWidget *parent)     src/app/dashboard/dashboard_window.h
//   hydra::app::AppSettings                                        src/app/settings/app_settings.h
//   hydra::stats::StatsCollector                                   src/core/stats/stats_collector.h

#include <QString>

namespace hydra {
class Engine;
namespace stats { class StatsCollector; }
namespace store { class KeyRing; }
namespace app {
class AppSettings;

struct AppContext
{
    QString configDir;            // --config-dir / HYDRA_CONFIG_DIR / the platform's app-data folder
    Engine &engine;               // the gateway facade (runs on its own worker thread)
    stats::StatsCollector &stats; // fed by the engine's signals from app start, read by the dashboard
    store::KeyRing &keys;         // keychain + keys-meta.json (asynchronous)
    AppSettings &settings;        // settings.json in configDir
};

} // namespace app
} // namespace hydra
