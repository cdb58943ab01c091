#pragma once
// The desktop app's gateway settings: settings.json in the config dir, written atomically.
// A missing file means the defaults; a corrupt one means the defaults too (field by field
// where the JSON itself is readable), and a problem the app can show, never a crash.
//
//   {"version": 1, "gateway": {"bind_address": "127.0.0.1", "port": 8000, "start_on_launch": true,
//    "upstream": "", "cloudflared_path": "", "first_byte_timeout_s": 300, "idle_timeout_s": 120,
//    "model_limits": [{"model": "gemini-2.5-pro", "rpm": 5, "rpd": 100}]}}

#include "gateway_config.h"
#include "pool/model_limits.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace hydra::app {

// A per-model override of the limits the pool budgets against: what is unset keeps the default.
struct ModelLimitOverride
{
    QString model; // as in pool::ModelLimitRow: also covers longer ids continuing it after a '-'
    std::optional<qint64> rpm;
    std::optional<qint64> rpd;
    bool operator==(const ModelLimitOverride &) const = default;
};

struct GatewaySettings
{
    QString bindAddress = QStringLiteral("127.0.0.1");
    quint16 port = 8000;
    bool startOnLaunch = true;
    QString upstream;        // empty: Google's own API
    QString cloudflaredPath; // empty: look for cloudflared on PATH
    // GatewayConfig's upstream timeouts, in seconds (no field in the dialog; edited in the file).
    int firstByteTimeoutS = GatewayConfig().upstreamFirstByteTimeoutMs / 1000;
    int idleTimeoutS = GatewayConfig().upstreamIdleTimeoutMs / 1000;
    std::vector<ModelLimitOverride> modelLimits;
    bool operator==(const GatewaySettings &) const = default;
};

// Pure: the file's text <-> settings. `problem` (may be null) gets what was wrong, if anything.
GatewaySettings parseSettings(const QByteArray &text, QString *problem);
// `previous`: the file as it was, so that fields other parts of the app keep there survive.
QByteArray serializeSettings(const GatewaySettings &settings, const QByteArray &previous = {});

class AppSettings
{
    Q_DECLARE_TR_FUNCTIONS(AppSettings)

public:
    static constexpr const char *fileName = "settings.json";

    explicit AppSettings(QString configDir);

    QString filePath() const;
    // The saved settings; the defaults when there is no file. A file that cannot be read or
    // parsed gives the defaults (as much of it as was readable) and, in `problem`, why.
    GatewaySettings load(QString *problem = nullptr) const;
    // Replaces the file atomically (QSaveFile), creating the config dir when needed.
    bool save(const GatewaySettings &settings, QString *error);

    // What the engine runs with (keys are filled by whoever loads them from the KeyRing).
    // Limit overrides apply on top of the defaults for the upstream: Google's free tier for
    // Google's API, none for any other.
    GatewayConfig toGatewayConfig(const GatewaySettings &settings) const;

private:
    QString m_configDir;
};

} // namespace hydra::app
