#pragma once
// What the settings dialog says about a field's value (pure, no widgets): fine, fine with a
// warning, or refused. The one place the rules live, so the pages and the tests agree.

#include "app_settings.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace hydra::app {

struct FieldCheck
{
    enum class Level { Ok, Warning, Error };
    Level level = Level::Ok;
    QString message;

    static FieldCheck ok() { return {}; }
    static FieldCheck warning(QString why) { return {Level::Warning, std::move(why)}; }
    static FieldCheck error(QString why) { return {Level::Error, std::move(why)}; }
    bool refused() const { return level == Level::Error; }
};

class SettingsChecks
{
    Q_DECLARE_TR_FUNCTIONS(SettingsChecks)

public:
    // A port as typed: a number 1-65535; below 1024 needs privileges on most systems.
    static FieldCheck port(const QString &text);
    // A running gateway asked to listen elsewhere moves its listener: said before it is applied,
    // with what that interrupts. Ok when nothing moves.
    static FieldCheck listenerMove(const QString &runningAddress, quint16 runningPort, const QString &address,
                                   quint16 port);
    // Empty (Google) or an http(s) URL with a host.
    static FieldCheck upstream(const QString &text);
    // An IP address; one other than loopback opens the gateway to the network, which needs
    // at least one access token.
    static FieldCheck bindAddress(const QString &address, bool haveAccessToken);
    static bool isLoopback(const QString &address);
    // Empty (PATH) or an executable file.
    static FieldCheck cloudflaredPath(const QString &path);
    // Each row: a model name, given once, and positive whole numbers where limits are given.
    static FieldCheck modelLimits(const std::vector<ModelLimitOverride> &rows);
};

} // namespace hydra::app
