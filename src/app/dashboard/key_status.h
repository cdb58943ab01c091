#pragma once
// A key's state as the key health table says it: healthy, limited (for which models, and when
// it is free again) or dead (and why). Pure: a snapshot and the time in, translated text out.

#include "pool/key_snapshot.h"
#include "status_colors.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>

namespace hydra::app {

struct KeyStatus
{
    HealthLevel level = HealthLevel::Healthy;
    QString text;   // short, for the cell
    QString detail; // longer, for the tooltip: every limited model with its state
};

class KeyStatusText
{
    Q_DECLARE_TR_FUNCTIONS(KeyStatusText)
public:
    static KeyStatus describe(const pool::KeySnapshot &key, std::int64_t nowMs);
    // "42 s", "3 min 5 s", "2 h 10 min": how long until `untilMs`.
    static QString waitText(std::int64_t untilMs, std::int64_t nowMs);
    // Today's use of the known daily limits (per Pacific day, shared by the key's project), for
    // the models this key has used today: "gemini-2.5-flash 120/250, gemini-2.5-pro 3/100".
    static QString dailyQuota(const pool::KeySnapshot &key);
};

} // namespace hydra::app
