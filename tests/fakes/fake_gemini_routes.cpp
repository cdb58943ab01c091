// Google's behaviour per endpoint: which status and body a request earns, given its key's script.
// The bytes of the bodies come from fake_gemini_bodies.cpp; the socket side is fake_gemini.cpp.

#include "fake_gemini_state.h"

namespace hydra::fakes {

using detail::Outgoing;
using detail::HttpRequest;
using wire::Json;

QByteArray detail::queryValue(const QByteArray &query, QByteArrayView name)
{
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        const QByteArrayView key = QByteArrayView(pair).first(eq < 0 ? pair.size() : eq);
        if (key == name) {
            QByteArray v = eq < 0 ? QByteArray() : pair.mid(eq + 1);
            v.replace('+', ' ');
            return QByteArray::fromPercentEncoding(v);
        }
    }
    return {};
}

namespace {

bool isRateLimit(Behaviour b)
{
    return b == Behaviour::RateLimitPerMinute || b == Behaviour::RateLimitPerDay || b == Behaviour::RateLimitBare
        || b == Behaviour::RateLimitNoFreeTier;
}

QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

Outgoing whole(int status, const QByteArray &body)
{
    return Outgoing{status, "application/json; charset=UTF-8", 0, {body}, false, Outgoing::End::Finish};
}

Outgoing error(const wire::Error &e, bool inArray = false)
{
    // Errors before a stream starts are plain pretty JSON with the status; streamGenerateContent
    // without alt=sse answers a JSON array, so there the error comes wrapped as [{...}].
    QByteArray body = bytes(wire::pretty(e.body));
    if (inArray)
        body = '[' + body + ']';
    return whole(e.status, body);
}

} // namespace

Behaviour FakeGemini::State::take(const QByteArray &key)
{
    if (overMinuteLimit(key))
        return Behaviour::RateLimitPerMinute;
    auto it = scripts.find(key);
    if (it == scripts.end() || it->isEmpty())
        return defaultBehaviour;
    return it->takeFirst();
}

Answer FakeGemini::State::takeAnswer(const QByteArray &key)
{
    auto it = answerScripts.find(key);
    if (it == answerScripts.end() || it->isEmpty())
        return defaultAnswer;
    return it->takeFirst();
}

Outgoing FakeGemini::State::route(const HttpRequest &r)
{
    static const QByteArray prefix = "/v1beta/models";
    if (!r.path.startsWith(prefix))
        return error(wire::methodNotFound());
    const QByteArray rest = r.path.mid(prefix.size());
    if (!rest.isEmpty() && !rest.startsWith('/'))
        return error(wire::methodNotFound());
    const QByteArray name = rest.mid(1); // "" | "gemini-2.5-flash" | "gemini-2.5-flash:generateContent"
    const qsizetype colon = name.indexOf(':');
    if (name.contains('/') || rest == "/")
        return error(wire::methodNotFound());
    const bool isRpc = colon >= 0;
    if ((isRpc && r.method != "POST") || (!isRpc && r.method != "GET"))
        return error(wire::methodNotFound());
    const QByteArray verb = isRpc ? name.mid(colon + 1) : QByteArray();
    static const QByteArrayList verbs = {"generateContent", "streamGenerateContent", "countTokens", "embedContent",
                                         "batchEmbedContents"};
    if (isRpc && !verbs.contains(verb))
        return error(wire::methodNotFound());

    // Key: the header the SDKs send, else ?key=. A key in "Authorization: Bearer" is taken as an
    // OAuth token on native paths and refused.
    QByteArray key = r.header("x-goog-api-key");
    if (key.isEmpty())
        key = detail::queryValue(r.query, "key");
    const bool sse = detail::queryValue(r.query, "alt") == "sse";
    const bool inArray = verb == "streamGenerateContent" && !sse;
    if (key.isEmpty()) {
        if (r.header("authorization").startsWith("Bearer "))
            return error(wire::bearerOnNativePath(), inArray);
        return error(wire::unregisteredCaller(), inArray);
    }

    if (name.isEmpty())
        return listModels(r);
    if (!isRpc) {
        const Json *m = wire::findModel(name.toStdString());
        if (!m)
            return error(wire::modelGetNotFound(name.toStdString()));
        return whole(200, bytes(wire::pretty(*m)));
    }
    Outgoing answer = rpc(r, key, name.left(colon), verb);
    if (answer.status != 200) // Google can take its time to refuse too (a large upload, a slow check)
        answer.paced = eventDelayMs > 0;
    return answer;
}

Outgoing FakeGemini::State::listModels(const HttpRequest &r)
{
    const auto &all = wire::catalogue();
    int pageSize = detail::queryValue(r.query, "pageSize").toInt();
    if (pageSize <= 0 || pageSize > maxPageSize)
        pageSize = maxPageSize;
    std::size_t start = 0;
    const QByteArray token = detail::queryValue(r.query, "pageToken");
    if (!token.isEmpty()) {
        const auto s = wire::pageStartFor(token.toStdString());
        if (!s)
            return error(wire::invalidPageToken());
        start = *s;
    }
    const std::size_t end = std::min(all.size(), start + std::size_t(pageSize));
    Json page{{"models", Json::array()}};
    for (std::size_t i = start; i < end; ++i)
        page["models"].push_back(all[i]);
    if (end < all.size())
        page["nextPageToken"] = wire::pageTokenAfter(all[end - 1]["name"].get<std::string>());
    return whole(200, bytes(wire::pretty(page)));
}

// One generateContent / streamGenerateContent / countTokens / embedContent / batchEmbedContents
// call. Judged in the order Google's layers see it: the key, the body, the model, then quota and
// the backend's own failures; a scripted behaviour is used up by the call whatever it earns.
Outgoing FakeGemini::State::rpc(const HttpRequest &r, const QByteArray &key, const QByteArray &modelId,
                                const QByteArray &verb)
{
    const std::string model = modelId.toStdString();
    const bool stream = verb == "streamGenerateContent";
    const bool sse = stream && detail::queryValue(r.query, "alt") == "sse";
    const bool inArray = stream && !sse;
    const bool embedding = verb == "embedContent" || verb == "batchEmbedContents";
    const Behaviour b = take(key);

    // The key is judged before the body is read, so a scripted key error wins over a bad body.
    if (b == Behaviour::KeyInvalid)
        return error(wire::keyInvalid(), inArray);
    if (b == Behaviour::KeyExpired)
        return error(wire::keyExpired(), inArray);
    if (b == Behaviour::KeyLeaked)
        return error(wire::keyLeaked(), inArray);

    const wire::Rpc kind = verb == "countTokens" ? wire::Rpc::CountTokens
        : verb == "embedContent"                 ? wire::Rpc::Embed
        : verb == "batchEmbedContents"           ? wire::Rpc::BatchEmbed
                                                 : wire::Rpc::Generate;
    Json request;
    if (auto bad = wire::checkRequest(std::string_view(r.body.constData(), std::size_t(r.body.size())), kind, request))
        return error(*bad, inArray);
    if (kind == wire::Rpc::Generate)
        if (auto bad = wire::checkFunctionCalling(request))
            return error(*bad, inArray);

    const Json *info = wire::findModel(model);
    if (!info || !wire::modelSupports(*info, verb.toStdString()))
        return error(wire::modelNotFoundForRpc(model, verb.toStdString()), inArray);

    if (isRateLimit(b))
        return error(wire::rateLimit(b, model, embedding, quota), inArray);
    if (kind == wire::Rpc::Generate)
        if (auto bad = checkSignatures(request, key, model)) // the model's own check, after quota
            return error(*bad, inArray);
    switch (b) {
    case Behaviour::Overloaded:
        return error(wire::overloaded(), inArray);
    case Behaviour::Internal:
        return error(wire::internalError(), inArray);
    case Behaviour::GatewayTimeout:
        return error(wire::gatewayTimeout(), inArray);
    case Behaviour::ClientError:
        return error(wire::clientError(), inArray);
    case Behaviour::ModelForbidden:
        return error(wire::callerNotPermitted(), inArray);
    case Behaviour::Cancelled:
        return error(wire::cancelled(), inArray);
    case Behaviour::Stall:
        return Outgoing{0, {}, 0, {}, false, Outgoing::End::Never};
    case Behaviour::MidStreamError:
        if (!stream) // a unary call has no stream to break: it fails like Internal
            return error(wire::internalError());
        break;
    case Behaviour::RateLimitFirstEvent:
        if (!stream) // a unary call gets the same refusal as a plain 429
            return error(wire::rateLimit(Behaviour::RateLimitPerMinute, model, embedding, quota));
        break;
    case Behaviour::DropMidStream:
    case Behaviour::DropBeforeFirstEvent:
        if (!stream)
            return Outgoing{0, {}, 0, {}, false, Outgoing::End::Drop};
        break;
    default:
        break;
    }

    // --- a successful answer ---
    if (kind == wire::Rpc::CountTokens) {
        const Json *inner = request.contains("generateContentRequest") ? &request["generateContentRequest"]
            : request.contains("generate_content_request")              ? &request["generate_content_request"]
                                                                         : &request;
        const int total = inner->contains("contents") || inner->contains("systemInstruction")
                || inner->contains("system_instruction")
            ? wire::promptTokens(*inner)
            : 0;
        Json answer{{"totalTokens", total},
                    {"promptTokensDetails", Json::array({Json{{"modality", "TEXT"}, {"tokenCount", total}}})}};
        return whole(200, bytes(wire::pretty(answer)));
    }
    if (kind == wire::Rpc::Embed || kind == wire::Rpc::BatchEmbed) {
        auto vector = [](const Json &req) {
            const Json *dims = req.contains("outputDimensionality") ? &req["outputDimensionality"]
                : req.contains("output_dimensionality")              ? &req["output_dimensionality"]
                                                                     : nullptr;
            const int n = dims && dims->is_number_integer() && dims->get<int>() > 0 ? dims->get<int>() : 3072;
            const Json &content = req.contains("content") ? req["content"] : req;
            return Json{{"values", wire::embeddingValues(wire::contentText(content), n)}};
        };
        Json answer;
        if (kind == wire::Rpc::Embed) {
            answer = Json{{"embedding", vector(request)}};
        } else {
            answer = Json{{"embeddings", Json::array()}};
            const Json *reqs = request.contains("requests") ? &request["requests"] : nullptr;
            if (reqs && reqs->is_array())
                for (const auto &one : *reqs)
                    answer["embeddings"].push_back(vector(one));
        }
        return whole(200, bytes(wire::pretty(answer)));
    }

    int candidates = 1;
    const Json *config = request.contains("generationConfig") ? &request["generationConfig"]
        : request.contains("generation_config")              ? &request["generation_config"]
                                                              : nullptr;
    if (config && config->is_object()) {
        for (const char *k : {"candidateCount", "candidate_count"})
            if (config->contains(k) && (*config)[k].is_number_integer())
                candidates = std::max(1, (*config)[k].get<int>());
    }
    if (b == Behaviour::Ok)
        if (const Answer shape = takeAnswer(key); shape != Answer::Text)
            return answer(shape, request, key, model, stream, sse, candidates);

    const int prompt = wire::promptTokens(request);
    const std::string id = wire::newResponseId();

    if (!stream) {
        std::string text;
        int tokens = 0;
        for (const auto &c : chunks) {
            text += c;
            tokens += std::max(1, wire::textTokens(c));
        }
        const Json answer = wire::generateResponse(model, id, text, candidates, true, prompt, tokens * candidates);
        Outgoing a = whole(200, bytes(wire::pretty(answer)));
        a.paced = eventDelayMs > 0;
        if (b == Behaviour::StallMidStream && !a.pieces.isEmpty()) {
            a.pieces = {a.pieces.first().left(a.pieces.first().size() / 2)};
            a.end = Outgoing::End::Hang;
        }
        return a;
    }

    // Each text piece is one event, usage cumulative; MidStreamError and DropMidStream send only
    // the first piece (not final, so without finishReason) before failing, RateLimitFirstEvent and
    // DropBeforeFirstEvent none.
    const bool failFirst = b == Behaviour::RateLimitFirstEvent || b == Behaviour::DropBeforeFirstEvent;
    const bool failing = failFirst || b == Behaviour::MidStreamError || b == Behaviour::DropMidStream ||
                         b == Behaviour::StallMidStream;
    const std::size_t count = failFirst ? 0 : failing ? std::min<std::size_t>(1, chunks.size()) : chunks.size();
    Outgoing a;
    a.status = 200;
    a.contentType = sse ? "text/event-stream" : "application/json; charset=UTF-8";
    a.paced = eventDelayMs > 0;
    int tokens = 0;
    for (std::size_t i = 0; i < count; ++i) {
        tokens += std::max(1, wire::textTokens(chunks[i])) * candidates;
        const bool last = !failing && i + 1 == count;
        const Json event = wire::generateResponse(model, id, chunks[i], candidates, last, prompt, tokens);
        if (sse)
            a.pieces.append("data: " + bytes(wire::sseJson(event)) + "\r\n\r\n");
        else // one JSON array, element by element: "[{...}" then ",\r\n{...}" ... then "]"
            a.pieces.append((i == 0 ? "[" : ",\r\n") + bytes(wire::pretty(event)));
    }
    if (b == Behaviour::MidStreamError || b == Behaviour::RateLimitFirstEvent) {
        // Compact, as gateways quote it: data: {"error":{"code":500,...}}
        const Json err = b == Behaviour::MidStreamError
            ? wire::midStreamError()
            : wire::rateLimit(Behaviour::RateLimitPerMinute, model, false, quota).body;
        if (sse)
            a.pieces.append("data: " + bytes(err.dump()) + "\r\n\r\n");
        else
            a.pieces.append((count == 0 ? "[" : ",\r\n") + bytes(wire::pretty(err)));
    }
    const bool drop = b == Behaviour::DropMidStream || b == Behaviour::DropBeforeFirstEvent;
    if (!sse && !drop) {
        if (a.pieces.isEmpty())
            a.pieces.append("[");
        a.pieces.last() += ']';
    }
    if (drop)
        a.end = Outgoing::End::Drop;
    if (b == Behaviour::StallMidStream) {
        if (!sse && !a.pieces.isEmpty() && a.pieces.last().endsWith(']'))
            a.pieces.last().chop(1); // the array never closes
        a.end = Outgoing::End::Hang;
    }
    return a;
}

} // namespace hydra::fakes
