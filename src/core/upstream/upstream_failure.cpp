#include "upstream_failure.h"

#include "secrets.h"
#include "translate/json_depth.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <algorithm>

using nlohmann::json;

namespace hydra::upstream {
namespace {

// A violation's quotaValue: Google sends it as a string of digits, sometimes as a number.
std::optional<long long> quotaValueOf(const json &violation)
{
    const json value = violation.value("quotaValue", json());
    long long parsed = 0;
    if (value.is_string()) {
        const auto &text = value.get_ref<const std::string &>();
        if (std::from_chars(text.data(), text.data() + text.size(), parsed).ec == std::errc())
            return parsed;
    } else if (value.is_number_integer()) {
        return value.get<long long>();
    }
    return std::nullopt;
}

void readDetails(const json &details, UpstreamFailure &failure)
{
    if (!details.is_array())
        return;
    std::optional<long long> requestsPerDay;    // the first request-count violation of each window
    std::optional<long long> requestsPerMinute;
    for (const auto &detail : details) {
        if (!detail.is_object())
            continue;
        const std::string type = detail.value("@type", "");
        if (type.ends_with("google.rpc.ErrorInfo")) {
            failure.reason = detail.value("reason", "");
        } else if (type.ends_with("google.rpc.RetryInfo") && detail.value("retryDelay", json()).is_string()) {
            failure.retryDelayMs = parseGoogleDuration(detail["retryDelay"].get<std::string>());
        } else if (type.ends_with("google.rpc.QuotaFailure") && detail.value("violations", json()).is_array()) {
            for (const auto &violation : detail["violations"]) {
                if (!violation.is_object())
                    continue;
                const std::string quotaId = violation.value("quotaId", "");
                // Classify by quotaId, never by retryDelay: per-day violations carry a
                // retryDelay too, and it is meaningless there.
                const bool perDay = quotaId.find("PerDay") != std::string::npos;
                const bool perMinute = quotaId.find("PerMinute") != std::string::npos;
                if (perDay)
                    failure.scope = QuotaScope::PerDay;
                else if (perMinute && failure.scope == QuotaScope::Unknown)
                    failure.scope = QuotaScope::PerMinute;
                const std::optional<long long> value = quotaValueOf(violation);
                if (value)
                    failure.quotaValue = value;
                if (value && quotaId.find("Requests") != std::string::npos) {
                    std::optional<long long> &limit = perDay ? requestsPerDay : requestsPerMinute;
                    if ((perDay || perMinute) && !limit)
                        limit = value;
                }
            }
        }
    }
    failure.requestLimit = failure.scope == QuotaScope::PerDay      ? requestsPerDay
                           : failure.scope == QuotaScope::PerMinute ? requestsPerMinute
                                                                    : std::nullopt;
}

// Whether a 403 is about the key or its project (leaked, restricted, the API disabled, the project
// suspended) rather than about what was asked: "The caller does not have permission" for a preview
// model, or a file another project uploaded. Only the first kind may kill the key; the second,
// tried on every key in turn, would otherwise kill the whole pool for every model.
bool refusesTheKey(const UpstreamFailure &failure)
{
    if (failure.reason == "SERVICE_DISABLED" || failure.reason == "CONSUMER_SUSPENDED" ||
        failure.reason == "CONSUMER_INVALID")
        return true;
    return failure.message.find("API key") != std::string::npos ||
           failure.message.find("unregistered callers") != std::string::npos;
}

} // namespace

std::optional<long long> parseGoogleDuration(std::string_view text)
{
    // Google's Duration: whole seconds, optionally a fraction of up to nine digits, then 's'.
    // Parsed as integers: Apple's libc++ has no floating-point from_chars, and a double would
    // round a fraction the caller rounds up.
    if (text.size() < 2 || text.back() != 's')
        return std::nullopt;
    text.remove_suffix(1);
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    const auto digitsOnly = [](std::string_view digits) {
        return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    constexpr std::size_t maxWholeDigits = 12; // 31,000 years: no overflow in milliseconds
    if (whole.empty() || whole.size() > maxWholeDigits || !digitsOnly(whole) ||
        (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 9 || !digitsOnly(fraction))))
        return std::nullopt;
    long long seconds = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
    long long nanoseconds = 0;
    for (std::size_t i = 0; i < 9; ++i)
        nanoseconds = nanoseconds * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    return seconds * 1000 + (nanoseconds + 999'999) / 1'000'000;
}

UpstreamFailure classifyHttpFailure(int httpStatus, std::string_view body)
{
    UpstreamFailure failure;
    failure.httpStatus = httpStatus;

    json parsed = translate::parseBounded(body);
    if (parsed.is_array() && parsed.size() == 1) // some paths wrap the error in a list
        parsed = parsed[0];
    const json error = parsed.is_object() ? parsed.value("error", json()) : json();
    if (error.is_object()) {
        failure.googleStatus = error.value("status", "");
        if (error.value("message", json()).is_string())
            failure.message = redactSecrets(error["message"].get<std::string>());
        readDetails(error.value("details", json()), failure);
    }
    if (failure.message.empty())
        failure.message = "Gemini answered HTTP " + std::to_string(httpStatus) + ".";

    if (httpStatus == 429) {
        failure.verdict = Verdict::RateLimited;
        failure.noFreeTier = failure.message.find("limit: 0") != std::string::npos;
    } else if (httpStatus == 401 || failure.reason.starts_with("API_KEY_") ||
               (httpStatus == 403 && refusesTheKey(failure))) {
        failure.verdict = Verdict::KeyInvalid;
    } else if (httpStatus == 403) {
        failure.verdict = Verdict::Forbidden;
    } else if (httpStatus == 408 || httpStatus == 499 || httpStatus >= 500) {
        // 499 is CANCELLED, which Google's backends answer under load (gemini-cli#20309).
        failure.verdict = Verdict::Transient;
    } else {
        failure.verdict = Verdict::ClientFault;
    }
    return failure;
}

UpstreamFailure networkFailure(std::string description)
{
    UpstreamFailure failure;
    failure.verdict = Verdict::Transient;
    failure.message = redactSecrets(std::move(description));
    return failure;
}

UpstreamFailure timeoutFailure(std::string description)
{
    UpstreamFailure failure = networkFailure(std::move(description));
    failure.googleStatus = "DEADLINE_EXCEEDED";
    failure.timedOut = true;
    return failure;
}

ApiError clientErrorFor(const UpstreamFailure &failure)
{
    ApiError error = ApiError::invalidRequest(failure.message);
    error.httpStatus = failure.httpStatus >= 400 && failure.httpStatus < 500 ? failure.httpStatus : 400;
    if (failure.httpStatus == 404) {
        error.code = "model_not_found";
    } else if (!failure.googleStatus.empty()) {
        error.code = failure.googleStatus;
    }
    return error;
}

} // namespace hydra::upstream
