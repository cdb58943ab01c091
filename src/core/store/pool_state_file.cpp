#include "pool_state_file.h"

#include "atomic_file.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <limits>

using nlohmann::json;

namespace hydra::store {
namespace {

constexpr int formatVersion = 1;

std::optional<std::int64_t> integer(const json &object, const char *field)
{
    const auto it = object.find(field);
    if (it == object.end() || !it->is_number_integer())
        return std::nullopt;
    return it->get<std::int64_t>();
}

std::string text(const json &object, const char *field)
{
    const auto it = object.find(field);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const json &object, const char *field)
{
    const auto it = object.find(field);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::uint32_t count(std::int64_t value)
{
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(value, 0, std::numeric_limits<std::uint32_t>::max()));
}

// [[bucket, requests], ...] pairs.
json pairs(const std::vector<std::pair<std::int64_t, std::uint32_t>> &from)
{
    json out = json::array();
    for (const auto &[bucket, requests] : from)
        out.push_back({bucket, requests});
    return out;
}

std::vector<std::pair<std::int64_t, std::uint32_t>> readPairs(const json &object, const char *field)
{
    std::vector<std::pair<std::int64_t, std::uint32_t>> out;
    const auto it = object.find(field);
    if (it == object.end() || !it->is_array())
        return out;
    for (const json &entry : *it) {
        if (entry.is_array() && entry.size() == 2 && entry[0].is_number_integer() && entry[1].is_number_integer())
            out.emplace_back(entry[0].get<std::int64_t>(), count(entry[1].get<std::int64_t>()));
    }
    return out;
}

void warn(const QString &message)
{
    std::fprintf(stderr, "hydra: %s\n", qPrintable(message));
}

// Moves an unusable file out of the way so the next save does not destroy the evidence.
void moveAside(const QString &path, const QString &why)
{
    const QString aside = path + QStringLiteral(".corrupt");
    QFile::remove(aside);
    if (QFile::rename(path, aside))
        warn(QStringLiteral("%1 %2; moved it to %3 and started with a clean key pool state").arg(path, why, aside));
    else
        warn(QStringLiteral("%1 %2 and could not be moved aside; starting with a clean key pool state").arg(path, why));
}

} // namespace

json poolStateToJson(const pool::PoolState &state)
{
    json keys = json::array();
    for (const auto &key : state.keys) {
        json entry = {{"fingerprint", key.fingerprint}, {"requests", key.requests}, {"failures", key.failures}};
        if (key.dead) {
            entry["dead"] = true;
            entry["deadReason"] = key.deadReason;
            entry["deadAt"] = key.deadAtMs;
        }
        if (!key.lastError.empty())
            entry["lastError"] = key.lastError;
        keys.push_back(std::move(entry));
    }
    json buckets = json::array();
    for (const auto &bucket : state.buckets) {
        json entry = {{"project", bucket.project}, {"model", bucket.model}};
        if (bucket.coolingUntilMs)
            entry["coolingUntilMs"] = bucket.coolingUntilMs;
        if (bucket.parkedUntilMs)
            entry["parkedUntilMs"] = bucket.parkedUntilMs;
        if (bucket.noFreeTier)
            entry["noFreeTier"] = true;
        if (bucket.bareInARow)
            entry["bareInARow"] = bucket.bareInARow;
        if (bucket.learnt.rpm)
            entry["learntRpm"] = *bucket.learnt.rpm;
        if (bucket.learnt.rpd)
            entry["learntRpd"] = *bucket.learnt.rpd;
        json days = json::array();
        for (const auto &[day, requests] : bucket.usage.days)
            days.push_back({day, requests});
        entry["usage"] = {{"seconds", pairs(bucket.usage.seconds)},
                          {"minutes", pairs(bucket.usage.minutes)},
                          {"days", std::move(days)}};
        buckets.push_back(std::move(entry));
    }
    return {{"version", formatVersion}, {"keys", std::move(keys)}, {"buckets", std::move(buckets)}};
}

std::optional<pool::PoolState> poolStateFromJson(const json &document)
{
    if (!document.is_object() || integer(document, "version") != formatVersion)
        return std::nullopt;
    const auto keys = document.find("keys");
    const auto buckets = document.find("buckets");
    if (keys == document.end() || !keys->is_array() || buckets == document.end() || !buckets->is_array())
        return std::nullopt;

    pool::PoolState state;
    for (const json &entry : *keys) {
        if (!entry.is_object() || text(entry, "fingerprint").empty())
            continue;
        pool::PoolState::Key key;
        key.fingerprint = text(entry, "fingerprint");
        key.dead = flag(entry, "dead");
        key.deadReason = text(entry, "deadReason");
        key.deadAtMs = std::max<std::int64_t>(0, integer(entry, "deadAt").value_or(0));
        key.requests = static_cast<std::uint64_t>(std::max<std::int64_t>(0, integer(entry, "requests").value_or(0)));
        key.failures = static_cast<std::uint64_t>(std::max<std::int64_t>(0, integer(entry, "failures").value_or(0)));
        key.lastError = text(entry, "lastError");
        state.keys.push_back(std::move(key));
    }
    for (const json &entry : *buckets) {
        if (!entry.is_object() || text(entry, "project").empty() || text(entry, "model").empty())
            continue;
        pool::PoolState::Bucket bucket;
        bucket.project = text(entry, "project");
        bucket.model = text(entry, "model");
        bucket.coolingUntilMs = integer(entry, "coolingUntilMs").value_or(0);
        bucket.parkedUntilMs = integer(entry, "parkedUntilMs").value_or(0);
        bucket.noFreeTier = flag(entry, "noFreeTier");
        bucket.bareInARow = static_cast<int>(std::clamp<std::int64_t>(integer(entry, "bareInARow").value_or(0), 0, 64));
        if (const auto rpm = integer(entry, "learntRpm"); rpm && *rpm >= 1)
            bucket.learnt.rpm = rpm;
        if (const auto rpd = integer(entry, "learntRpd"); rpd && *rpd >= 1)
            bucket.learnt.rpd = rpd;
        if (const auto usage = entry.find("usage"); usage != entry.end() && usage->is_object()) {
            bucket.usage.seconds = readPairs(*usage, "seconds");
            bucket.usage.minutes = readPairs(*usage, "minutes");
            for (const auto &[day, requests] : readPairs(*usage, "days"))
                bucket.usage.days[day] = requests;
        }
        state.buckets.push_back(std::move(bucket));
    }
    return state;
}

std::optional<pool::PoolState> loadPoolState(const QString &path)
{
    if (path.isEmpty() || !QFileInfo::exists(path))
        return std::nullopt;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        moveAside(path, QStringLiteral("could not be read (%1)").arg(file.errorString()));
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    file.close();
    const json document = json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    auto state = poolStateFromJson(document);
    if (!state)
        moveAside(path, document.is_discarded() ? QStringLiteral("is not valid JSON")
                                                : QStringLiteral("is not a key pool state Hydra understands"));
    return state;
}

bool savePoolState(const QString &path, const pool::PoolState &state, QString *error)
{
    if (path.isEmpty())
        return false;
    const auto failure =
        replaceFileContent(path, poolStateToJson(state).dump(-1, ' ', false, json::error_handler_t::replace));
    if (failure && error)
        *error = QStringLiteral("could not save the key pool state to %1: %2").arg(path, *failure);
    return !failure;
}

bool markKeyValidInPoolState(const QString &path, const std::string &fingerprint, QString *error)
{
    auto state = loadPoolState(path);
    if (!state)
        return true; // nothing saved (or nothing usable): nobody holds the key dead
    bool changed = false;
    for (auto &key : state->keys) {
        if (key.fingerprint == fingerprint && key.dead) {
            key.dead = false;
            key.deadReason.clear();
            key.lastError.clear();
            changed = true;
        }
    }
    return !changed || savePoolState(path, *state, error);
}

} // namespace hydra::store
