#include "model_limits.h"

namespace hydra::pool {

const LimitsTable &freeTierDefaults()
{
    // Google's free tier, per project and model (requests per minute / per Pacific day).
    // Sources: docs/gemini-wire.md §7. The numbers keep changing, so these are only a
    // starting point: a 429 that names its quotaValue replaces them for that project and
    // model, and settings may replace the whole table.
    //
    // A default that is too high costs one 429 (then the real value is learnt); one that is too
    // low leaves quota unused for good (no 429 ever teaches otherwise). Unconfirmed numbers are
    // therefore the higher of the published ones, and models without a free tier any more
    // (gemini-2.5-pro, gemini-3-pro, gemini-3.1-pro, gemini-2.0-flash: "limit: 0" in 2026) have
    // no row: a free key is parked for the day by its first limit-0 429, a paid key is not held
    // to numbers that are not its own.
    static const LimitsTable table = {
        // 10 RPM seen as quotaValue in real 429s; RPD cut 250 -> 20 on 2025-12-07.
        {"gemini-2.5-flash", {10, 20}},
        // Unconfirmed (mid-2025 figures); still on the free tier in 2026.
        {"gemini-2.5-flash-lite", {15, 1000}},
        // "flash-latest" aliases: 20 RPD per public code comments; RPM as 2.5 Flash.
        {"gemini-flash-latest", {10, 20}},
        {"gemini-flash-lite-latest", {15, 1000}},
        // Gemini 3 Flash preview and 3.1 Flash-Lite preview are on the free tier (Apr 2026); no
        // published numbers, so those of their 2.5 counterparts.
        {"gemini-3-flash", {10, 20}},
        {"gemini-3.1-flash-lite", {15, 1000}},
        // Embeddings: mid-2025 figures (unconfirmed).
        {"gemini-embedding", {100, 1000}},
        {"text-embedding-004", {100, 1000}},
        // Gemma 3 (April 2025 table).
        {"gemma-3", {30, 14400}},
    };
    return table;
}

RequestLimits defaultLimitsFor(const LimitsTable &table, const std::string &model)
{
    const ModelLimitRow *best = nullptr;
    for (const ModelLimitRow &row : table) {
        const bool matches = model == row.model ||
                             (model.size() > row.model.size() && model.compare(0, row.model.size(), row.model) == 0 &&
                              model[row.model.size()] == '-');
        if (matches && (!best || row.model.size() > best->model.size()))
            best = &row;
    }
    return best ? best->limits : RequestLimits{};
}

void ModelLimits::learnRpm(const std::string &project, const std::string &model, std::int64_t value)
{
    if (value >= 1 && !isExempt(model))
        m_learnt[{project, model}].rpm = value;
}

void ModelLimits::learnRpd(const std::string &project, const std::string &model, std::int64_t value)
{
    if (value >= 1 && !isExempt(model))
        m_learnt[{project, model}].rpd = value;
}

KnownLimits ModelLimits::limitsFor(const std::string &project, const std::string &model) const
{
    if (isExempt(model))
        return {};
    const RequestLimits defaults = defaultLimitsFor(m_defaults, model);
    KnownLimits known{defaults.rpm, defaults.rpd, false, false};
    if (const auto it = m_learnt.find(ProjectModel(project, model)); it != m_learnt.end()) {
        if (it->second.rpm) {
            known.rpm = it->second.rpm;
            known.rpmLearnt = true;
        }
        if (it->second.rpd) {
            known.rpd = it->second.rpd;
            known.rpdLearnt = true;
        }
    }
    return known;
}

} // namespace hydra::pool
