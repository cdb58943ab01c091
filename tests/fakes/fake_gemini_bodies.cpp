// Google's bodies, copied from real captures (docs/gemini-wire.md; sources named inline).

#include "fake_gemini_wire.h"

#include <QRandomGenerator>

#include <cmath>
#include <cstdint>

namespace hydra::fakes::wire {

namespace {

// Google's JSON printer escapes '<' and '>' inside strings (grounding renderedContent arrives as
// "\u003cstyle\u003e..."); apostrophes and other ASCII stay raw ("let's" in the SSE capture).
// Outside strings neither character can occur, so a plain replace is exact.
void escapeAngles(std::string &s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '<')
            out += "\\u003c";
        else if (c == '>')
            out += "\\u003e";
        else
            out += c;
    }
    s.swap(out);
}

bool hasAngles(const std::string &s)
{
    return s.find_first_of("<>") != std::string::npos;
}

Json detailsHelp()
{
    return Json{{"@type", "type.googleapis.com/google.rpc.Help"},
                {"links", Json::array({Json{{"description", "Learn more about Gemini API quotas"},
                                            {"url", "https://ai.google.dev/gemini-api/docs/rate-limits"}}})}};
}

Error keyError(std::string_view message)
{
    // docs/gemini-wire.md §5, 400 API_KEY_INVALID: ErrorInfo then LocalizedMessage.
    Error e = plainError(400, "INVALID_ARGUMENT", message);
    e.body["error"]["details"] = Json::array(
        {Json{{"@type", "type.googleapis.com/google.rpc.ErrorInfo"},
              {"reason", "API_KEY_INVALID"},
              {"domain", "googleapis.com"},
              {"metadata", Json{{"service", "generativelanguage.googleapis.com"}}}},
         Json{{"@type", "type.googleapis.com/google.rpc.LocalizedMessage"},
              {"locale", "en-US"},
              {"message", std::string(message)}}});
    return e;
}

// "57s" -> "57.219397761": Google's message gives the exact wait, RetryInfo the whole seconds
// (docs/gemini-wire.md §6: retryDelay "57s" beside "Please retry in 57.219397761s.").
std::string retrySeconds(std::string delay)
{
    if (!delay.empty() && delay.back() == 's')
        delay.pop_back();
    if (delay.find('.') == std::string::npos)
        delay += ".219397761";
    return delay;
}

} // namespace

std::string pretty(const Json &j)
{
    std::string s = j.dump(2, ' ', false, Json::error_handler_t::replace);
    if (hasAngles(s))
        escapeAngles(s);
    return s;
}

std::string sseJson(const Json &j)
{
    const std::string p = j.dump(2, ' ', false, Json::error_handler_t::replace);
    std::string out;
    out.reserve(p.size());
    // Raw newlines only occur as layout (newlines inside strings are escaped), so dropping each
    // one with the indent after it yields Google's one-line form.
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '\n') {
            while (i + 1 < p.size() && p[i + 1] == ' ')
                ++i;
            continue;
        }
        out += p[i];
    }
    if (hasAngles(out))
        escapeAngles(out);
    return out;
}

// --- errors -----------------------------------------------------------------------------------

Error plainError(int code, std::string_view status, std::string_view message)
{
    Error e;
    e.status = code;
    e.body = Json{{"error", Json{{"code", code}, {"message", std::string(message)}, {"status", std::string(status)}}}};
    return e;
}

Error unregisteredCaller()
{
    return plainError(403, "PERMISSION_DENIED",
                      "Method doesn't allow unregistered callers (callers without established identity). "
                      "Please use API Key or other form of API consumer identity to call this API.");
}

Error bearerOnNativePath()
{
    // Native paths take OAuth tokens in Authorization, so an API key sent there is refused.
    return plainError(401, "UNAUTHENTICATED",
                      "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
                      "cookie or other valid authentication credential. See "
                      "https://developers.google.com/identity/sign-in/web/devconsole-project.");
}

Error keyInvalid() { return keyError("API key not valid. Please pass a valid API key."); }
Error keyExpired() { return keyError("API key expired. Please renew the API key."); }

Error keyLeaked()
{
    return plainError(403, "PERMISSION_DENIED", "Your API key was reported as leaked. Please use another API key.");
}

Error callerNotPermitted() { return plainError(403, "PERMISSION_DENIED", "The caller does not have permission"); }

Error cancelled() { return plainError(499, "CANCELLED", "The operation was cancelled."); }

Error overloaded() { return plainError(503, "UNAVAILABLE", "The model is overloaded. Please try again later."); }

Error internalError()
{
    return plainError(500, "INTERNAL",
                      "An internal error has occurred. Please retry or report in "
                      "https://developers.generativeai.google/guide/troubleshooting");
}

Error gatewayTimeout()
{
    // The text python-genai and langchain users quote for Gemini 504s.
    return plainError(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
}

Error clientError() { return plainError(400, "INVALID_ARGUMENT", "Request contains an invalid argument."); }

Error methodNotFound() { return plainError(404, "NOT_FOUND", "Method not found."); }

Error modelNotFoundForRpc(std::string_view model, std::string_view rpc)
{
    // The verb in the message is the one called: "...not supported for streamGenerateContent."
    return plainError(404, "NOT_FOUND",
                      "models/" + std::string(model) + " is not found for API version v1beta, or is not supported for "
                          + std::string(rpc)
                          + ". Call ListModels to see the list of available models and their supported methods.");
}

Error modelGetNotFound(std::string_view model)
{
    return plainError(404, "NOT_FOUND", "Model is not found: models/" + std::string(model) + " for api version v1beta");
}

Error invalidPageToken()
{
    // Google's exact text for a forged token is not on record; status and shape follow its other
    // argument errors.
    return plainError(400, "INVALID_ARGUMENT", "Invalid page token.");
}

Error rateLimit(Behaviour b, std::string_view modelView, bool embedding, const QuotaSettings &q)
{
    if (b == Behaviour::RateLimitBare)
        return plainError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).");

    const std::string model(modelView);
    const std::string requestsMetric = embedding ? "generativelanguage.googleapis.com/embed_content_free_tier_requests"
                                                 : "generativelanguage.googleapis.com/generate_content_free_tier_requests";
    auto violation = [&](const std::string &metric, const char *quotaId) {
        Json v{{"quotaMetric", metric},
               {"quotaId", quotaId},
               {"quotaDimensions", Json{{"location", "global"}, {"model", model}}}};
        if (!q.quotaValue.empty())
            v["quotaValue"] = q.quotaValue;
        return v;
    };

    Json violations = Json::array();
    std::string limit;
    switch (b) {
    case Behaviour::RateLimitPerMinute:
        limit = !q.quotaValue.empty() ? q.quotaValue : (embedding ? "100" : "10");
        violations.push_back(violation(requestsMetric, embedding
                                                           ? "EmbedContentRequestsPerMinutePerUserPerProjectPerModel-FreeTier"
                                                           : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"));
        break;
    case Behaviour::RateLimitPerDay:
        limit = !q.quotaValue.empty() ? q.quotaValue : (embedding ? "1000" : "20");
        violations.push_back(violation(requestsMetric, embedding
                                                           ? "EmbedContentRequestsPerDayPerUserPerProjectPerModel-FreeTier"
                                                           : "GenerateRequestsPerDayPerProjectPerModel-FreeTier"));
        break;
    default: // RateLimitNoFreeTier: the real gemini-2.0-flash body (docs/gemini-wire.md §6)
        limit = "0";
        violations.push_back(violation("generativelanguage.googleapis.com/generate_content_free_tier_input_token_count",
                                       "GenerateContentInputTokensPerModelPerMinute-FreeTier"));
        violations.push_back(violation("generativelanguage.googleapis.com/generate_content_free_tier_requests",
                                       "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"));
        violations.push_back(violation("generativelanguage.googleapis.com/generate_content_free_tier_requests",
                                       "GenerateRequestsPerDayPerProjectPerModel-FreeTier"));
        break;
    }
    const std::string messageMetric = b == Behaviour::RateLimitNoFreeTier
        ? std::string("generativelanguage.googleapis.com/generate_content_free_tier_requests")
        : requestsMetric;

    Error e = plainError(429, "RESOURCE_EXHAUSTED",
                         "You exceeded your current quota, please check your plan and billing details. For more "
                         "information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To "
                         "monitor your current usage, head to: https://ai.dev/rate-limit. \n* Quota exceeded for metric: "
                             + messageMetric + ", limit: " + limit + ", model: " + model + "\nPlease retry in "
                             + retrySeconds(q.retryDelay) + "s.");
    e.body["error"]["details"] = Json::array(
        {detailsHelp(),
         Json{{"@type", "type.googleapis.com/google.rpc.QuotaFailure"}, {"violations", violations}},
         Json{{"@type", "type.googleapis.com/google.rpc.RetryInfo"}, {"retryDelay", q.retryDelay}}});
    return e;
}

Json midStreamError()
{
    return internalError().body;
}

// --- models -----------------------------------------------------------------------------------

namespace {

Json model(const char *id, const char *version, const char *displayName, const char *description, int inputLimit,
           int outputLimit, std::vector<const char *> methods)
{
    Json m{{"name", std::string("models/") + id}, {"version", version}, {"displayName", displayName}};
    if (description)
        m["description"] = description;
    m["inputTokenLimit"] = inputLimit;
    m["outputTokenLimit"] = outputLimit;
    m["supportedGenerationMethods"] = methods;
    return m;
}

// Sampling defaults as ListModels reports them; integers stay integers ("temperature": 1).
Json &sampling(Json &m, int topK, bool maxTemperature, bool thinking)
{
    m["temperature"] = 1;
    m["topP"] = 0.95;
    m["topK"] = topK;
    if (maxTemperature)
        m["maxTemperature"] = 2;
    if (thinking)
        m["thinking"] = true;
    return m;
}

std::vector<Json> buildCatalogue()
{
    // Entries copied from a live ListModels capture (June 2026) and public fixtures, in the
    // order Google lists them.
    const std::vector<const char *> chat = {"generateContent", "countTokens", "createCachedContent",
                                            "batchGenerateContent"};
    std::vector<Json> all;
    Json m = model("gemini-2.5-flash", "001", "Gemini 2.5 Flash",
                   "Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million "
                   "tokens, released in June of 2025.",
                   1048576, 65536, chat);
    all.push_back(sampling(m, 64, true, true));
    m = model("gemini-2.5-pro", "2.5", "Gemini 2.5 Pro", "Stable release (June 17th, 2025) of Gemini 2.5 Pro",
              1048576, 65536, chat);
    all.push_back(sampling(m, 64, true, true));
    m = model("gemini-2.0-flash", "2.0", "Gemini 2.0 Flash", "Gemini 2.0 Flash", 1048576, 8192, chat);
    all.push_back(sampling(m, 40, true, false));
    m = model("gemini-2.5-flash-preview-tts", "gemini-2.5-flash-exp-tts-2025-05-19", "Gemini 2.5 Flash Preview TTS",
              "Gemini 2.5 Flash Preview TTS", 8192, 16384, {"countTokens", "generateContent"});
    all.push_back(sampling(m, 64, true, false));
    m = model("gemma-3-27b-it", "001", "Gemma 3 27B", nullptr, 131072, 8192, {"generateContent", "countTokens"});
    all.push_back(sampling(m, 64, false, false));
    m = model("gemini-flash-latest", "Gemini Flash Latest", "Gemini Flash Latest", "Latest release of Gemini Flash",
              1048576, 65536, chat);
    all.push_back(sampling(m, 64, true, true));
    // Google's alias of its newest Flash-Lite, listed beside gemini-flash-latest since September 2025.
    m = model("gemini-flash-lite-latest", "Gemini Flash-Lite Latest", "Gemini Flash-Lite Latest",
              "Latest release of Gemini Flash-Lite", 1048576, 65536, chat);
    all.push_back(sampling(m, 64, true, true));
    m = model("gemini-2.5-flash-lite", "001", "Gemini 2.5 Flash-Lite",
              "Stable version of Gemini 2.5 Flash-Lite, released in July of 2025", 1048576, 65536, chat);
    all.push_back(sampling(m, 64, true, true));
    m = model("gemini-3-flash-preview", "3-flash-preview-12-2025", "Gemini 3 Flash Preview", "Gemini 3 Flash Preview",
              1048576, 65536, chat);
    all.push_back(sampling(m, 64, true, true));
    // The live list names asyncBatchEmbedContent, not batchEmbedContents, although the
    // synchronous batchEmbedContents call works on this model.
    all.push_back(model("gemini-embedding-001", "001", "Gemini Embedding 001",
                        "Obtain a distributed representation of a text.", 2048, 1,
                        {"embedContent", "countTextTokens", "countTokens", "asyncBatchEmbedContent"}));
    all.push_back(model("imagen-4.0-generate-001", "001", "Imagen 4", "Vertex served Imagen 4.0 model", 480, 8192,
                        {"predict"}));
    return all;
}

bool listed(const Json &m, const char *method)
{
    for (const auto &x : m["supportedGenerationMethods"])
        if (x == method)
            return true;
    return false;
}

std::string base64(std::string_view in)
{
    static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const std::uint32_t n = (std::uint8_t(in[i]) << 16) | (std::uint8_t(in[i + 1]) << 8) | std::uint8_t(in[i + 2]);
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += table[(n >> 6) & 63];
        out += table[n & 63];
    }
    if (i < in.size()) {
        std::uint32_t n = std::uint8_t(in[i]) << 16;
        if (i + 1 < in.size())
            n |= std::uint8_t(in[i + 1]) << 8;
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += i + 1 < in.size() ? table[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

} // namespace

const std::vector<Json> &catalogue()
{
    static const std::vector<Json> all = buildCatalogue();
    return all;
}

const Json *findModel(std::string_view id)
{
    const std::string name = "models/" + std::string(id);
    for (const auto &m : catalogue())
        if (m["name"] == name)
            return &m;
    return nullptr;
}

bool modelSupports(const Json &m, std::string_view rpc)
{
    // ListModels names the families, not every verb: streaming rides on generateContent and the
    // synchronous batch embed on embedContent.
    if (rpc == "generateContent" || rpc == "streamGenerateContent")
        return listed(m, "generateContent");
    if (rpc == "countTokens")
        return listed(m, "countTokens");
    if (rpc == "embedContent" || rpc == "batchEmbedContents")
        return listed(m, "embedContent");
    return false;
}

std::string pageTokenAfter(std::string_view modelName)
{
    // A live token: "CiRtb2RlbHMvdmVvLTMuMS1saXRlLWdlbmVyYXRlLXByZXZpZXc=" is field 1 (0x0a),
    // length 0x24, "models/veo-3.1-lite-generate-preview".
    std::string proto;
    proto += char(0x0a);
    proto += char(modelName.size());
    proto += modelName;
    return base64(proto);
}

std::optional<std::size_t> pageStartFor(std::string_view token)
{
    const auto &all = catalogue();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (pageTokenAfter(all[i]["name"].get<std::string>()) == token)
            return i + 1;
    return std::nullopt;
}

// --- answers ----------------------------------------------------------------------------------

int textTokens(std::string_view text)
{
    return text.empty() ? 0 : int((text.size() + 3) / 4);
}

std::string contentText(const Json &content)
{
    std::string text;
    if (!content.is_object())
        return text;
    const Json *parts = content.contains("parts") ? &content["parts"] : nullptr;
    if (!parts || !parts->is_array())
        return text;
    for (const auto &p : *parts)
        if (p.is_object() && p.contains("text") && p["text"].is_string())
            text += p["text"].get<std::string>();
    return text;
}

int promptTokens(const Json &request)
{
    std::size_t chars = 0;
    for (const char *key : {"contents", "systemInstruction", "system_instruction"}) {
        if (!request.contains(key))
            continue;
        const Json &v = request[key];
        if (v.is_array())
            for (const auto &c : v)
                chars += contentText(c).size();
        else
            chars += contentText(v).size();
    }
    return std::max(1, int((chars + 3) / 4));
}

std::string newResponseId()
{
    // Shaped like Google's ids ("IZI2acSKMoWl0-kPmYj2yQc"): 23 characters of base64url.
    static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string id(23, 'A');
    quint64 bits = 0;
    for (int i = 0; i < 23; ++i) {
        if (i % 10 == 0)
            bits = QRandomGenerator::global()->generate64();
        id[i] = table[bits & 63];
        bits >>= 6;
    }
    return id;
}

Json generateResponse(std::string_view model, std::string_view responseId, std::string_view text, int candidates,
                      bool last, int promptTokenCount, int candidatesTokenCount)
{
    Json list = Json::array();
    for (int i = 0; i < candidates; ++i) {
        Json c{{"content", Json{{"parts", Json::array({Json{{"text", std::string(text)}}})}, {"role", "model"}}}};
        if (last)
            c["finishReason"] = "STOP";
        c["index"] = i;
        list.push_back(std::move(c));
    }
    return Json{{"candidates", std::move(list)},
                {"usageMetadata",
                 Json{{"promptTokenCount", promptTokenCount},
                      {"candidatesTokenCount", candidatesTokenCount},
                      {"totalTokenCount", promptTokenCount + candidatesTokenCount},
                      {"promptTokensDetails",
                       Json::array({Json{{"modality", "TEXT"}, {"tokenCount", promptTokenCount}}})}}},
                {"modelVersion", std::string(model)},
                {"responseId", std::string(responseId)}};
}

Json embeddingValues(std::string_view text, int dimensions)
{
    // Deterministic per text (FNV-1a seed, xorshift stream), so tests can compare vectors.
    std::uint64_t x = 1469598103934665603ull;
    for (unsigned char c : text)
        x = (x ^ c) * 1099511628211ull;
    Json values = Json::array();
    for (int i = 0; i < dimensions; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const double v = (double(x >> 11) / double(1ull << 53) - 0.5) / 10.0; // [-0.05, 0.05)
        values.push_back(std::round(v * 1e9) / 1e9);
    }
    return values;
}

} // namespace hydra::fakes::wire
