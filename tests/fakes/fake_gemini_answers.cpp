// What Gemini answers beyond plain text, and the function calling rules it enforces
// (docs/gemini-wire.md §2-§4 and §8, thought signatures): thought summaries, function calls
// with thought signatures, parallel calls, search grounding, and the answers a gateway cannot
// pass on as they are (a malformed function call, an empty candidate, a blocked prompt).
// The plain Text answer is built in fake_gemini_routes.cpp; the bytes go out in fake_gemini.cpp.

#include "fake_gemini_state.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace hydra::fakes {

using detail::Outgoing;
using wire::Json;

namespace {

QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

// Proto JSON accepts both spellings of every field.
const Json *member(const Json &object, const char *camel, const char *snake)
{
    if (!object.is_object())
        return nullptr;
    for (const char *name : {camel, snake}) {
        const auto it = object.find(name);
        if (it != object.end() && !it->is_null())
            return &*it;
    }
    return nullptr;
}

// A repeated field; a lone message stands for a one-element list, as the transcoder reads it.
std::vector<const Json *> elements(const Json *v)
{
    std::vector<const Json *> out;
    if (!v)
        return out;
    if (v->is_array())
        for (const auto &e : *v)
            out.push_back(&e);
    else
        out.push_back(v);
    return out;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string typeOf(const Json &schema)
{
    const Json *type = member(schema, "type", "type");
    return type && type->is_string() ? lower(type->get<std::string>()) : std::string();
}

bool isGemini3(const std::string &model)
{
    return model.rfind("gemini-3", 0) == 0;
}

bool thinks(const std::string &model)
{
    const Json *info = wire::findModel(model);
    return info && info->contains("thinking") && (*info)["thinking"] == true;
}

int countParts(const Json &content, const char *camel, const char *snake)
{
    int n = 0;
    for (const Json *part : elements(member(content, "parts", "parts")))
        n += member(*part, camel, snake) ? 1 : 0;
    return n;
}

std::string roleOf(const Json &content)
{
    const Json *role = member(content, "role", "role");
    return role && role->is_string() ? role->get<std::string>() : std::string();
}

// --- function declarations: Google's semantic checks of `parameters` ------------------------

// The Schema rules Google applies after transcoding (unknown names such as $ref and
// additionalProperties already failed there). Texts as gateways quote them; paths use Google's
// properties[name] notation. An empty OBJECT is refused at the root only: whether Google still
// refuses a nested one is unconfirmed (see schema_sanitizer.cpp, rule 7).
void checkSchema(const Json &node, const std::string &path, bool root, std::string &problems)
{
    if (!node.is_object())
        return;
    const std::string type = typeOf(node);
    const Json *properties = member(node, "properties", "properties");
    const bool hasProperties = properties && properties->is_object() && !properties->empty();
    if (type == "object") {
        if (root && !hasProperties)
            problems += "* " + path + ".properties: should be non-empty for OBJECT type\n";
        if (const Json *required = member(node, "required", "required"); required && required->is_array()) {
            for (std::size_t i = 0; i < required->size(); ++i) {
                const Json &name = (*required)[i];
                if (!name.is_string() || !hasProperties || !properties->contains(name.get<std::string>()))
                    problems += "* " + path + ".required[" + std::to_string(i) + "]: property is not defined\n";
            }
        }
    } else if (properties && !type.empty()) {
        problems += "* " + path + ".properties: only allowed for OBJECT type\n";
    }
    if (type == "array" && !member(node, "items", "items"))
        problems += "* " + path + ".items: missing field.\n";
    if (member(node, "enum", "enum") && !type.empty() && type != "string")
        problems += "* " + path + ".enum: only allowed for STRING type\n";

    if (properties && properties->is_object())
        for (auto it = properties->begin(); it != properties->end(); ++it)
            checkSchema(it.value(), path + ".properties[" + it.key() + "]", false, problems);
    if (const Json *items = member(node, "items", "items"))
        checkSchema(*items, path + ".items", false, problems);
    if (const Json *anyOf = member(node, "anyOf", "any_of"); anyOf && anyOf->is_array())
        for (std::size_t i = 0; i < anyOf->size(); ++i)
            checkSchema((*anyOf)[i], path + ".any_of[" + std::to_string(i) + "]", false, problems);
}

struct Declaration {
    std::string name;
    const Json *parameters = nullptr; // `parameters` or `parametersJsonSchema`
};

std::vector<Declaration> declarations(const Json &request)
{
    std::vector<Declaration> out;
    for (const Json *tool : elements(member(request, "tools", "tools"))) {
        for (const Json *d : elements(member(*tool, "functionDeclarations", "function_declarations"))) {
            const Json *name = member(*d, "name", "name");
            if (!name || !name->is_string())
                continue;
            const Json *parameters = member(*d, "parameters", "parameters");
            if (!parameters)
                parameters = member(*d, "parametersJsonSchema", "parameters_json_schema");
            out.push_back({name->get<std::string>(), parameters});
        }
    }
    return out;
}

// --- function calls ----------------------------------------------------------------------------

// Arguments for a call: every required property the schema types simply, with sample values
// ("Paris" for strings; "London" in the second call of a parallel pair, so the two differ).
Json sampleArgs(const Json *parameters, int variant)
{
    Json args = Json::object();
    if (!parameters || !parameters->is_object())
        return args;
    const Json *properties = member(*parameters, "properties", "properties");
    const Json *required = member(*parameters, "required", "required");
    if (!properties || !properties->is_object() || !required || !required->is_array())
        return args;
    for (const Json &name : *required) {
        if (!name.is_string() || !properties->contains(name.get<std::string>()))
            continue;
        const Json &property = (*properties)[name.get<std::string>()];
        const std::string type = typeOf(property);
        const Json *values = member(property, "enum", "enum");
        if (values && values->is_array() && !values->empty())
            args[name.get<std::string>()] = (*values)[std::min<std::size_t>(std::size_t(variant), values->size() - 1)];
        else if (type == "string")
            args[name.get<std::string>()] = variant == 0 ? "Paris" : "London";
        else if (type == "integer")
            args[name.get<std::string>()] = 3 + variant;
        else if (type == "number")
            args[name.get<std::string>()] = 21.5 + variant;
        else if (type == "boolean")
            args[name.get<std::string>()] = true;
    }
    return args;
}

struct Call {
    std::string name;
    Json args;
};

// The calls an answer makes: the first declared function (and, for a parallel pair, the second
// or the first again). With nothing declared: get_weather(city) as in Google's docs.
std::vector<Call> plannedCalls(const Json &request, int count)
{
    const std::vector<Declaration> declared = declarations(request);
    std::vector<Call> calls;
    for (int i = 0; i < count; ++i) {
        if (declared.empty()) {
            calls.push_back({"get_weather", Json{{"city", i == 0 ? "Paris" : "London"}}});
            continue;
        }
        const Declaration &d = declared[std::min<std::size_t>(std::size_t(i), declared.size() - 1)];
        calls.push_back({d.name, sampleArgs(d.parameters, i)});
    }
    return calls;
}

std::string newCallId()
{
    // Gemini 3 names its calls; the exact shape of the ids is not on record.
    static const char table[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string id(8, 'a');
    for (char &c : id)
        c = table[QRandomGenerator::global()->bounded(36)];
    return id;
}

int callTokens(const Call &call)
{
    return std::max(1, wire::textTokens(call.name + call.args.dump()));
}

// --- signatures --------------------------------------------------------------------------------

std::uint64_t mix(std::uint64_t x)
{
    // splitmix64's finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

std::uint64_t keyed(std::uint64_t secret, QByteArrayView key, std::uint64_t nonce)
{
    std::uint64_t h = 1469598103934665603ull ^ mix(secret);
    for (char c : key)
        h = (h ^ std::uint8_t(c)) * 1099511628211ull;
    return mix(h ^ mix(nonce));
}

// Opaque like Google's ("CikB..."): a protobuf field 1 of 64 bytes, base64. Inside, a nonce and
// a tag binding it to the fake and the key, then filler derived from the tag.
constexpr int kSignatureBody = 64;

QByteArray signatureBytes(std::uint64_t nonce, std::uint64_t tag)
{
    QByteArray raw;
    raw.append(char(0x0a));
    raw.append(char(kSignatureBody));
    for (std::uint64_t word : {nonce, tag}) {
        for (int i = 0; i < 8; ++i)
            raw.append(char((word >> (8 * i)) & 0xff));
    }
    std::uint64_t fill = tag;
    while (raw.size() < 2 + kSignatureBody) {
        fill = mix(fill + 0x9e3779b97f4a7c15ull);
        raw.append(char(fill & 0xff));
    }
    return raw;
}

// --- responses -----------------------------------------------------------------------------------

Json usage(int prompt, int candidates, int thoughts)
{
    // Zero counts are left out, as proto JSON does.
    Json u{{"promptTokenCount", prompt}};
    if (candidates > 0)
        u["candidatesTokenCount"] = candidates;
    u["totalTokenCount"] = prompt + candidates + thoughts;
    u["promptTokensDetails"] = Json::array({Json{{"modality", "TEXT"}, {"tokenCount", prompt}}});
    if (thoughts > 0)
        u["thoughtsTokenCount"] = thoughts;
    return u;
}

// One candidate's share of one event (or of the whole unary answer).
struct Step {
    Json parts = Json::array();
    bool noContent = false;     // "content": {} (a malformed function call)
    std::string finish;         // finishReason; empty = not the last event
    std::string finishMessage;
    Json grounding;             // groundingMetadata, or null
    int tokens = 0;             // candidate tokens this step adds
};

Json candidateJson(const Step &s, int index)
{
    Json content;
    if (s.noContent)
        content = Json::object();
    else if (s.parts.empty())
        content = Json{{"role", "model"}};
    else
        content = Json{{"parts", s.parts}, {"role", "model"}};
    Json c{{"content", std::move(content)}};
    if (!s.finish.empty())
        c["finishReason"] = s.finish;
    if (!s.grounding.is_null())
        c["groundingMetadata"] = s.grounding;
    c["index"] = index;
    if (!s.finishMessage.empty())
        c["finishMessage"] = s.finishMessage;
    return c;
}

// The events as Google frames them: one pretty body (unary), "data: {...}" SSE events, or one
// JSON array written element by element (streamGenerateContent without alt=sse).
Outgoing framed(const std::vector<Json> &events, bool stream, bool sse, bool paced)
{
    Outgoing a;
    a.status = 200;
    a.paced = paced;
    a.contentType = stream && sse ? "text/event-stream" : "application/json; charset=UTF-8";
    if (!stream) {
        a.pieces.append(bytes(wire::pretty(events.front())));
        return a;
    }
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (sse)
            a.pieces.append("data: " + bytes(wire::sseJson(events[i])) + "\r\n\r\n");
        else
            a.pieces.append((i == 0 ? "[" : ",\r\n") + bytes(wire::pretty(events[i])));
    }
    if (!sse)
        a.pieces.last() += ']';
    return a;
}

const char *const kThoughts[] = {
    "**Planning the reply**\n\nThe user wants a short answer, so I will keep it brief and friendly.",
    "\n\n**Choosing the words**\n\nA plain sentence is enough; no tools are needed.",
};

// Search-grounded text: each piece is one event, and one grounding support.
const char *const kGroundedPieces[] = {"The Eiffel Tower is 330 metres tall.", " It was completed in 1889."};

Json groundingMetadata()
{
    // Supports index the whole answer's UTF-8 bytes; a startIndex of 0 is left out (proto JSON).
    Json supports = Json::array();
    std::size_t offset = 0;
    int i = 0;
    for (const char *piece : kGroundedPieces) {
        std::string text(piece);
        std::size_t start = offset;
        offset += text.size();
        while (!text.empty() && text.front() == ' ') { // Google's segments skip the leading space
            text.erase(0, 1);
            ++start;
        }
        Json segment = Json::object();
        if (start > 0)
            segment["startIndex"] = start;
        segment["endIndex"] = offset;
        segment["text"] = text;
        supports.push_back(Json{{"segment", segment},
                                {"groundingChunkIndices", i == 0 ? Json::array({0}) : Json::array({0, 1})},
                                {"confidenceScores", i == 0 ? Json::array({0.97}) : Json::array({0.91, 0.88})}});
        ++i;
    }
    const std::string redirect = "https://vertexaisearch.cloud.google.com/grounding-api-redirect/";
    return Json{
        {"searchEntryPoint",
         Json{{"renderedContent",
               "<style>\n.container { align-items: center; border-radius: 8px; display: flex; }\n</style>\n"
               "<div class=\"container\">\n  <div class=\"headline\">eiffel tower height</div>\n</div>\n"}}},
        {"groundingChunks",
         Json::array({Json{{"web", Json{{"uri", redirect + "AUZIYQHm2k7W5f0Eiffel1"}, {"title", "wikipedia.org"}}}},
                      Json{{"web", Json{{"uri", redirect + "AUZIYQGx8q1T3d2Eiffel2"}, {"title", "toureiffel.paris"}}}}})},
        {"groundingSupports", supports},
        {"retrievalMetadata", Json::object()},
        {"webSearchQueries", Json::array({"eiffel tower height", "eiffel tower completion year"})}};
}

} // namespace

// --- function calling rules ----------------------------------------------------------------------

std::optional<wire::Error> wire::checkFunctionCalling(const Json &request)
{
    // Declared parameters first: one bad schema fails the request, whatever its contents.
    std::string problems;
    std::size_t t = 0;
    for (const Json *tool : elements(member(request, "tools", "tools"))) {
        std::size_t f = 0;
        for (const Json *d : elements(member(*tool, "functionDeclarations", "function_declarations"))) {
            if (const Json *parameters = member(*d, "parameters", "parameters"))
                checkSchema(*parameters,
                            "GenerateContentRequest.tools[" + std::to_string(t) + "].function_declarations["
                                + std::to_string(f) + "].parameters",
                            true, problems);
            ++f;
        }
        ++t;
    }
    if (!problems.empty())
        return plainError(400, "INVALID_ARGUMENT", problems);

    // Calls and responses come in pairs: a call turn follows a user turn (or a response turn),
    // and the next turn answers every call of it.
    const std::vector<const Json *> contents = elements(member(request, "contents", "contents"));
    for (std::size_t i = 0; i < contents.size(); ++i) {
        const int calls = countParts(*contents[i], "functionCall", "function_call");
        const int responses = countParts(*contents[i], "functionResponse", "function_response");
        if (calls > 0) {
            if (i == 0 || roleOf(*contents[i - 1]) == "model")
                return plainError(400, "INVALID_ARGUMENT",
                                  "Please ensure that function call turn comes immediately after a user turn or "
                                  "after a function response turn.");
            if (i + 1 < contents.size()
                && countParts(*contents[i + 1], "functionResponse", "function_response") != calls)
                return plainError(400, "INVALID_ARGUMENT",
                                  "Please ensure that the number of function response parts is equal to the number "
                                  "of function call parts of the function call turn.");
        }
        if (responses > 0 && (i == 0 || countParts(*contents[i - 1], "functionCall", "function_call") == 0))
            return plainError(400, "INVALID_ARGUMENT",
                              "Please ensure that function response turn comes immediately after a function call turn.");
    }
    return std::nullopt;
}

std::optional<wire::Error> FakeGemini::State::checkSignatures(const Json &request, const QByteArray &key,
                                                              const std::string &model) const
{
    // Gemini 3 only. Google documents the check for the calls of the current turn; the fake checks
    // every model turn of the history, so a gateway cannot get away with dropping older ones.
    if (!isGemini3(model))
        return std::nullopt;
    const std::vector<const Json *> contents = elements(member(request, "contents", "contents"));
    for (std::size_t i = 0; i < contents.size(); ++i) {
        for (const Json *part : elements(member(*contents[i], "parts", "parts"))) {
            const Json *call = member(*part, "functionCall", "function_call");
            if (!call)
                continue;
            // Only the first call of a turn is signed (parallel calls after it carry none).
            const Json *signature = member(*part, "thoughtSignature", "thought_signature");
            if (!signature || !signature->is_string() || signature->get<std::string>().empty()) {
                const Json *name = member(*call, "name", "name");
                // "position" is taken to be the content's index; Google's meaning is not on record.
                return wire::plainError(
                    400, "INVALID_ARGUMENT",
                    "Function call is missing a thought_signature in functionCall parts. This is required for tools "
                    "to work correctly, and missing thought_signature may lead to degraded model performance. "
                    "Additional data, function call `default_api:"
                        + (name && name->is_string() ? name->get<std::string>() : std::string()) + "` , position "
                        + std::to_string(i)
                        + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.");
            }
            const std::string value = signature->get<std::string>();
            if (value != kSkipSignatureSentinel && !signatureIssuedTo(value, key))
                return wire::plainError(400, "INVALID_ARGUMENT",
                                        "Unable to submit request because Thought signature is not valid..");
            break;
        }
    }
    return std::nullopt;
}

std::string FakeGemini::State::issueSignature(const QByteArray &key)
{
    const std::uint64_t nonce = mix(signatureSecret ^ (++signatureCount * 0x9e3779b97f4a7c15ull));
    const QByteArray encoded = signatureBytes(nonce, keyed(signatureSecret, key, nonce)).toBase64();
    if (recording)
        issued.append({key, encoded});
    return encoded.toStdString();
}

bool FakeGemini::State::signatureIssuedTo(std::string_view signature, const QByteArray &key) const
{
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray(signature.data(), qsizetype(signature.size())),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 2 + kSignatureBody)
        return false;
    std::uint64_t nonce = 0;
    for (int i = 0; i < 8; ++i)
        nonce |= std::uint64_t(std::uint8_t(decoded.decoded[2 + i])) << (8 * i);
    return signatureBytes(nonce, keyed(signatureSecret, key, nonce)) == decoded.decoded;
}

// --- answers -------------------------------------------------------------------------------------

Outgoing FakeGemini::State::answer(Answer a, const Json &request, const QByteArray &key, const std::string &model,
                                   bool stream, bool sse, int candidates)
{
    const int prompt = wire::promptTokens(request);
    const std::string id = wire::newResponseId();
    const bool paced = eventDelayMs > 0;

    if (a == Answer::BlockedPrompt) {
        // No candidates: the prompt never reached the model. One event when streamed.
        Json feedback{
            {"blockReason", "SAFETY"},
            {"safetyRatings",
             Json::array({Json{{"category", "HARM_CATEGORY_SEXUALLY_EXPLICIT"}, {"probability", "NEGLIGIBLE"}},
                          Json{{"category", "HARM_CATEGORY_HATE_SPEECH"}, {"probability", "NEGLIGIBLE"}},
                          Json{{"category", "HARM_CATEGORY_HARASSMENT"}, {"probability", "NEGLIGIBLE"}},
                          Json{{"category", "HARM_CATEGORY_DANGEROUS_CONTENT"},
                               {"probability", "HIGH"},
                               {"blocked", true}}})}};
        Json event{{"promptFeedback", std::move(feedback)},
                   {"usageMetadata", usage(prompt, 0, 0)},
                   {"modelVersion", model},
                   {"responseId", id}};
        return framed({event}, stream, sse, paced);
    }

    const bool gemini3 = isGemini3(model);
    int thoughts = 0;
    // The steps of one candidate: one per event when streamed, exactly one when unary.
    auto steps = [&]() -> std::vector<Step> {
        std::vector<Step> out;
        switch (a) {
        case Answer::Thoughts: {
            thoughts = kThoughtsTokenCount;
            std::string summary, text;
            for (const char *t : kThoughts)
                summary += t;
            for (const auto &c : chunks)
                text += c;
            if (!stream) {
                Step s;
                s.parts.push_back(Json{{"text", summary}, {"thought", true}});
                Json part{{"text", text}};
                if (gemini3) // Gemini 3 signs its last part even without a call
                    part["thoughtSignature"] = issueSignature(key);
                s.parts.push_back(std::move(part));
                s.finish = "STOP";
                s.tokens = std::max(1, wire::textTokens(text));
                out.push_back(std::move(s));
                break;
            }
            for (const char *t : kThoughts) {
                Step s;
                s.parts.push_back(Json{{"text", t}, {"thought", true}});
                out.push_back(std::move(s));
            }
            for (std::size_t i = 0; i < chunks.size(); ++i) {
                Step s;
                Json part{{"text", chunks[i]}};
                const bool last = i + 1 == chunks.size();
                if (last && gemini3)
                    part["thoughtSignature"] = issueSignature(key);
                s.parts.push_back(std::move(part));
                s.tokens = std::max(1, wire::textTokens(chunks[i]));
                if (last)
                    s.finish = "STOP";
                out.push_back(std::move(s));
            }
            break;
        }
        case Answer::FunctionCall:
        case Answer::ParallelFunctionCalls: {
            thoughts = thinks(model) ? kThoughtsTokenCount : 0;
            const std::vector<Call> calls = plannedCalls(request, a == Answer::FunctionCall ? 1 : 2);
            Step s;
            for (std::size_t i = 0; i < calls.size(); ++i) {
                Json call;
                if (gemini3)
                    call["id"] = newCallId();
                call["name"] = calls[i].name;
                call["args"] = calls[i].args;
                Json part{{"functionCall", std::move(call)}};
                if (i == 0)
                    part["thoughtSignature"] = issueSignature(key);
                if (stream && i > 0) { // streamed, each call is an event of its own
                    out.push_back(std::move(s));
                    s = Step{};
                }
                s.parts.push_back(std::move(part));
                s.tokens += callTokens(calls[i]);
            }
            s.finish = "STOP";
            s.finishMessage = "Model generated function call(s).";
            out.push_back(std::move(s));
            break;
        }
        case Answer::Grounded: {
            std::string text;
            for (const char *piece : kGroundedPieces) {
                if (stream) {
                    Step s;
                    s.parts.push_back(Json{{"text", piece}});
                    s.tokens = wire::textTokens(piece);
                    out.push_back(std::move(s));
                }
                text += piece;
            }
            if (!stream) {
                Step s;
                s.parts.push_back(Json{{"text", text}});
                s.tokens = wire::textTokens(text);
                out.push_back(std::move(s));
            }
            out.back().finish = "STOP";
            out.back().grounding = groundingMetadata(); // with the last event, as Google sends it
            break;
        }
        case Answer::MalformedFunctionCall: {
            const std::vector<Call> calls = plannedCalls(request, 1);
            Step s;
            s.noContent = true;
            s.finish = "MALFORMED_FUNCTION_CALL";
            s.finishMessage = "Malformed function call: call:default_api:" + calls[0].name + "{city:<ctrl46>Paris";
            out.push_back(std::move(s));
            break;
        }
        case Answer::Empty: {
            Step s;
            s.finish = "STOP";
            out.push_back(std::move(s));
            break;
        }
        case Answer::Text:
        case Answer::BlockedPrompt:
            break;
        }
        return out;
    };

    std::vector<std::vector<Step>> perCandidate;
    for (int c = 0; c < candidates; ++c)
        perCandidate.push_back(steps());
    std::vector<Json> events;
    int tokens = 0;
    for (std::size_t e = 0; e < perCandidate.front().size(); ++e) {
        Json list = Json::array();
        for (int c = 0; c < candidates; ++c) {
            const Step &s = perCandidate[std::size_t(c)][e];
            tokens += s.tokens; // cumulative, as Google counts
            list.push_back(candidateJson(s, c));
        }
        events.push_back(Json{{"candidates", std::move(list)},
                              {"usageMetadata", usage(prompt, tokens, thoughts)},
                              {"modelVersion", model},
                              {"responseId", id}});
    }
    return framed(events, stream, sse, paced);
}

// --- public API ----------------------------------------------------------------------------------

namespace {

const char *const kAnswerNames[] = {
    "Text", "Thoughts", "FunctionCall", "ParallelFunctionCalls", "Grounded", "MalformedFunctionCall", "Empty",
    "BlockedPrompt",
};
static_assert(sizeof(kAnswerNames) / sizeof(*kAnswerNames) == int(Answer::BlockedPrompt) + 1);

} // namespace

QString answerName(Answer a)
{
    return QString::fromLatin1(kAnswerNames[int(a)]);
}

std::optional<Answer> answerFromName(QStringView name)
{
    for (int i = 0; i <= int(Answer::BlockedPrompt); ++i)
        if (name == QLatin1String(kAnswerNames[i]))
            return Answer(i);
    return std::nullopt;
}

void FakeGemini::scriptAnswers(const QByteArray &apiKey, QList<Answer> answers)
{
    d->answerScripts.insert(apiKey, std::move(answers));
}

void FakeGemini::setDefaultAnswer(Answer a)
{
    d->defaultAnswer = a;
}

QList<QPair<QByteArray, QByteArray>> FakeGemini::issuedSignatures() const
{
    return d->issued;
}

} // namespace hydra::fakes
