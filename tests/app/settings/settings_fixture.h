#pragma once
// Everything a settings dialog needs, for tests: a temporary config dir, a stopped engine, a
// stats collector, keys in memory (asynchronous like the keychain) and settings.json.

#include "app/app_context.h"
#include "app/settings/app_settings.h"
#include "engine.h"
#include "stats/stats_collector.h"
#include "store/key_ring.h"
#include "store/memory_secret_store.h"

#include <QTemporaryDir>

namespace hydra::tests {

struct SettingsFixture
{
    QTemporaryDir dir;
    Engine engine;
    stats::StatsCollector stats;
    MemorySecretStore secrets;
    store::KeyRing keys{dir.path(), secrets};
    app::AppSettings settings{dir.path()};
    app::AppContext context{dir.path(), engine, stats, keys, settings};
};

} // namespace hydra::tests
