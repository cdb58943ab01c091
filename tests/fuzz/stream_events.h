#pragma once
// A streamGenerateContent answer's bytes as GenerateRelay reads them, for the stream targets:
// SseParser fed in two pieces then finish(), each event parsed as GenerateRelay::forwardEvents
// parses it. Events nested too deep (see fuzz_chat_response.cpp) or not JSON are skipped, and so
// are error events: the relay answers those itself, no face sees them.

#include "fuzz_support.h"

#include "translate/json_depth.h"
#include "upstream/sse_parser.h"

#include <vector>

namespace hydra::fuzz {

inline std::vector<json> geminiEventsOf(std::string_view input)
{
    upstream::SseParser parser;
    std::vector<std::string> texts = parser.feed(input.substr(0, input.size() / 2));
    for (auto &text : parser.feed(input.substr(input.size() / 2)))
        texts.push_back(std::move(text));
    for (auto &text : parser.finish())
        texts.push_back(std::move(text));
    std::vector<json> events;
    for (const std::string &text : texts) {
        if (translate::nestsDeeperThan(text))
            continue;
        json event = json::parse(text, nullptr, false);
        if (event.is_discarded())
            continue;
        if (const auto error = event.find("error"); error != event.end() && error->is_object())
            continue;
        events.push_back(std::move(event));
    }
    return events;
}

} // namespace hydra::fuzz
