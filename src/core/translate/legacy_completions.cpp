#include "legacy_completions.h"

using nlohmann::json;

namespace hydra::translate {

std::variant<json, ApiError> completionToChatRequest(const json &request)
{
    if (!request.is_object())
        return ApiError::invalidRequest("The request body must be a JSON object.");
    const json prompt = request.contains("prompt") ? request["prompt"] : json();
    std::string text;
    if (prompt.is_string()) {
        text = prompt.get<std::string>();
    } else if (prompt.is_array() && prompt.size() == 1 && prompt[0].is_string()) {
        text = prompt[0].get<std::string>();
    } else {
        return ApiError::invalidRequest("'prompt' must be a string (or a list with one string).", "prompt",
                                        prompt.is_null() ? "missing_required_parameter" : "invalid_type");
    }
    json chat = {{"messages", json::array({{{"role", "user"}, {"content", text}}})}};
    // Copied as sent: translateChatRequest checks them (types, and the ranges of max_tokens and n)
    // and names the same fields in its 400s.
    for (const char *field : {"model", "max_tokens", "temperature", "top_p", "n", "stop", "stream", "stream_options",
                              "seed", "presence_penalty", "frequency_penalty"}) {
        if (request.contains(field))
            chat[field] = request[field];
    }
    return chat;
}

json chatToTextCompletion(json chat)
{
    json out = {{"id", chat.contains("id") && chat["id"].is_string() ? "cmpl-" + chat["id"].get<std::string>().substr(9)
                                                                       : std::string("cmpl-")},
                {"object", "text_completion"},
                {"created", chat.contains("created") ? chat["created"] : json(0)},
                {"model", chat.contains("model") ? chat["model"] : json("")}};
    json choices = json::array();
    if (chat.contains("choices") && chat["choices"].is_array()) {
        for (auto &choice : chat["choices"]) {
            const json &source = choice.contains("message") ? choice["message"] : choice["delta"];
            const json content = source.is_object() && source.contains("content") ? source["content"] : json();
            choices.push_back({{"text", content.is_string() ? content : json("")},
                               {"index", choice.contains("index") ? choice["index"] : json(0)},
                               {"logprobs", nullptr},
                               {"finish_reason", choice.contains("finish_reason") ? choice["finish_reason"] : json()}});
        }
    }
    out["choices"] = std::move(choices);
    if (chat.contains("usage"))
        out["usage"] = chat["usage"];
    return out;
}

} // namespace hydra::translate
