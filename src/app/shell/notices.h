#pragma once
// The words of every notification the shell shows: what happened and what to do about it.
// Pure (translated text only), so the messages are tested without a notification area.

#include "key_health.h"

#include <QString>

#include <optional>

namespace hydra::app {

struct Notice
{
    enum class Level { Information, Warning, Critical };
    Level level = Level::Information;
    QString title;
    QString body;
};

Notice healthNotice(const HealthEvent &event, std::int64_t nowMs);
// The port is taken: say which, and the free one to use instead when there is one.
Notice portInUseNotice(quint16 port, std::optional<quint16> freePort);
Notice startFailedNotice(const QString &message);
Notice publicUrlNotice(const QString &url);
// Exposing failed or cannot go on: `problem` says why (see exposure_status.h).
Notice exposeFailedNotice(const QString &problem);

} // namespace hydra::app
