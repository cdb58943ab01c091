#include "key_status.h"

#include <QStringList>

#include <algorithm>

namespace hydra::app {

namespace {

bool isLimited(const pool::ModelSnapshot &model)
{
    return model.state != pool::QuotaState::Healthy && model.state != pool::QuotaState::Dead;
}

} // namespace

QString KeyStatusText::waitText(std::int64_t untilMs, std::int64_t nowMs)
{
    const std::int64_t seconds = std::max<std::int64_t>(0, (untilMs - nowMs + 999) / 1000);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

KeyStatus KeyStatusText::describe(const pool::KeySnapshot &key, std::int64_t nowMs)
{
    if (key.dead) {
        const QString reason = QString::fromStdString(key.deadReason);
        return {HealthLevel::Dead,
                reason.isEmpty() ? tr("Invalid") : tr("Invalid: %1").arg(reason),
                reason.isEmpty() ? tr("Google refused this key.") : reason};
    }

    QStringList lines;
    const pool::ModelSnapshot *soonest = nullptr;
    int limited = 0;
    for (const pool::ModelSnapshot &model : key.models) {
        if (!isLimited(model))
            continue;
        ++limited;
        if (!soonest || model.untilMs < soonest->untilMs)
            soonest = &model;
        const QString name = QString::fromStdString(model.model);
        const QString wait = waitText(model.untilMs, nowMs);
        switch (model.state) {
        case pool::QuotaState::CoolingDown:
            lines << tr("%1: per-minute limit, free in %2").arg(name, wait);
            break;
        case pool::QuotaState::ParkedForDay:
            lines << (model.noFreeTier ? tr("%1: no free tier for this key").arg(name)
                                       : tr("%1: daily limit, free at midnight Pacific (in %2)").arg(name, wait));
            break;
        default:
            lines << tr("%1: failing, retried in %2").arg(name, wait);
            break;
        }
    }
    if (!soonest)
        return {HealthLevel::Healthy, tr("Healthy"), QString()};

    const QString wait = waitText(soonest->untilMs, nowMs);
    const QString text = limited == 1
        ? tr("Limited for %1, free in %2").arg(QString::fromStdString(soonest->model), wait)
        : tr("Limited for %n models, first free in %1", nullptr, limited).arg(wait);
    return {HealthLevel::Limited, text, lines.join(QLatin1Char('\n'))};
}

QString KeyStatusText::dailyQuota(const pool::KeySnapshot &key)
{
    QStringList parts;
    for (const pool::ModelSnapshot &model : key.models) {
        if (model.requestsToday == 0)
            continue;
        const QString name = QString::fromStdString(model.model);
        parts << (model.rpdLimit ? tr("%1 %2/%3").arg(name).arg(model.requestsToday).arg(*model.rpdLimit)
                                 : tr("%1 %2").arg(name).arg(model.requestsToday));
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace hydra::app
