#pragma once
// How many requests a (project, model) may make per minute and per Pacific day, as far as
// Hydra knows: a table of per-model defaults (Google's free tier; editable by settings),
// overridden per (project, model) by what Google itself said in a 429's quotaValue.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hydra::pool {

struct RequestLimits
{
    std::optional<std::int64_t> rpm; // requests per minute
    std::optional<std::int64_t> rpd; // requests per Pacific day
    bool operator==(const RequestLimits &) const = default;
};

// One row of the defaults table. `model` matches that model id and any longer id that
// continues it after a '-' ("gemini-2.5-flash" covers "gemini-2.5-flash-preview-09-2025");
// the longest matching row wins.
struct ModelLimitRow
{
    std::string model;
    RequestLimits limits;
};
using LimitsTable = std::vector<ModelLimitRow>;

// Google's free tier as of mid-2026 (see freeTierDefaults() in model_limits.cpp for sources).
const LimitsTable &freeTierDefaults();

// The row of `table` for `model`, or no limits.
RequestLimits defaultLimitsFor(const LimitsTable &table, const std::string &model);

// Orders (project, model) pairs of strings or string views alike, so that lookups on the hot
// path need not build strings.
struct ProjectModelLess
{
    using is_transparent = void;
    template<typename A, typename B>
    bool operator()(const A &a, const B &b) const
    {
        const std::string_view aProject = a.first, bProject = b.first;
        if (aProject != bProject)
            return aProject < bProject;
        return std::string_view(a.second) < std::string_view(b.second);
    }
};
using ProjectModel = std::pair<std::string_view, std::string_view>;

// The limits in force for one (project, model) and where each came from.
struct KnownLimits
{
    std::optional<std::int64_t> rpm;
    std::optional<std::int64_t> rpd;
    bool rpmLearnt = false; // from Google's quotaValue rather than the defaults table
    bool rpdLearnt = false;
};

class ModelLimits
{
public:
    ModelLimits() : m_defaults(freeTierDefaults()) {}

    void setDefaults(LimitsTable table) { m_defaults = std::move(table); }
    const LimitsTable &defaults() const { return m_defaults; }

    // Buckets that are never budgeted and never learn (e.g. "models.list").
    void exempt(std::string bucket) { m_exempt.insert(std::move(bucket)); }
    bool isExempt(const std::string &bucket) const { return m_exempt.count(bucket) != 0; }

    // What Google said a limit is. Values below 1 are ignored ("limit: 0" is a missing free
    // tier, handled as a parking, not as a budget).
    void learnRpm(const std::string &project, const std::string &model, std::int64_t value);
    void learnRpd(const std::string &project, const std::string &model, std::int64_t value);

    // Learnt values win over the defaults, each on its own.
    KnownLimits limitsFor(const std::string &project, const std::string &model) const;

    // For persistence: (project, model) -> learnt limits.
    using Learnt = std::map<std::pair<std::string, std::string>, RequestLimits, ProjectModelLess>;
    const Learnt &learnt() const { return m_learnt; }
    void setLearnt(Learnt learnt) { m_learnt = std::move(learnt); }

private:
    LimitsTable m_defaults;
    std::set<std::string> m_exempt;
    Learnt m_learnt;
};

} // namespace hydra::pool
