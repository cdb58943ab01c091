#pragma once
// What every fuzz target shares: reading the input as the gateway reads a body, failing
// loudly, and the cheap checks on what comes out.

#include "translate/json_depth.h"
#include "translate/schema_sanitizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

namespace hydra::fuzz {

using nlohmann::json;

[[noreturn]] inline void fail(const char *what, std::string_view detail = {})
{
    std::fprintf(stderr, "\n==hydra-fuzz== property violated: %s\n", what);
    if (!detail.empty())
        std::fprintf(stderr, "==hydra-fuzz== detail: %.*s\n", static_cast<int>(detail.size()), detail.data());
    std::fflush(stderr);
    std::abort();
}

#define FUZZ_CHECK(condition)                                                                                         \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            ::hydra::fuzz::fail(#condition " (" __FILE__ ":" FUZZ_STRINGIFY(__LINE__) ")");                           \
    } while (false)
// The same, printing `detail` (the offending text) too.
#define FUZZ_CHECK_DETAIL(condition, detail)                                                                          \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            ::hydra::fuzz::fail(#condition " (" __FILE__ ":" FUZZ_STRINGIFY(__LINE__) ")", detail);                   \
    } while (false)
#define FUZZ_STRINGIFY(x) FUZZ_STRINGIFY2(x)
#define FUZZ_STRINGIFY2(x) #x

// Runs `body`; any exception is a finding. In the gateway these functions run inside Qt slots,
// where an escaping exception ends the process.
template<typename Body>
void noThrow(const char *what, Body &&body)
{
    try {
        std::forward<Body>(body)();
    } catch (const std::exception &error) {
        std::fprintf(stderr, "\n==hydra-fuzz== %s threw %s: %s\n", what, typeid(error).name(), error.what());
        std::fflush(stderr);
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "\n==hydra-fuzz== %s threw a non-std exception\n", what);
        std::fflush(stderr);
        std::abort();
    }
}

inline std::string_view bytes(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

// A request body as GatewayServer::jsonBody reads it: refused when it nests deeper than
// translate::maxJsonDepth, then json::parse(text, nullptr, false); nothing when refused or
// not JSON (the client gets a 400). jsonBody's second, throwing parse that only locates the
// error is left out: its escaping out_of_range on 1e999 is a known bug of the server.
inline std::optional<json> parseLikeGateway(std::string_view text)
{
    if (translate::nestsDeeperThan(text))
        return std::nullopt;
    json body = json::parse(text, nullptr, false);
    if (body.is_discarded())
        return std::nullopt;
    return body;
}

// How deeply `value` nests arrays and objects (a scalar is 0). Iterative: the point is to
// measure values that would overflow a recursive walk.
inline int depthOf(const json &value)
{
    int deepest = 0;
    std::vector<std::pair<const json *, int>> stack{{&value, 0}};
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        if (!node->is_structured())
            continue;
        deepest = std::max(deepest, depth + 1);
        for (const json &child : *node)
            stack.emplace_back(&child, depth + 1);
    }
    return deepest;
}

// What the gateway sends is dumped with invalid UTF-8 replaced (replies.cpp, chat_face.cpp);
// the text must read back as JSON. The dump recurses, so callers check depthOf() first.
inline json roundTrip(const json &value)
{
    const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
    json back = json::parse(text, nullptr, false);
    FUZZ_CHECK(!back.is_discarded());
    return back;
}

// Anything the gateway builds from a body it accepted nests a bounded number of levels
// deeper than the body itself did, never as deep as text inside a string happens to nest:
// the body's own depth, plus a tool schema's inlined $refs (two levels per schema level, up
// to the sanitiser's cap), plus the envelope (tools/functionDeclarations, contents/parts/...).
inline constexpr int maxOutputDepth = translate::maxJsonDepth + 2 * (translate::maxToolSchemaDepth + 2) + 16;

// A parse error's message for the screen and the logs: nlohmann's own quotes the token it was
// reading ("; last read: '...'"), which in keys.json can be an API key; keys_file.cpp cuts it
// out. Checked by shape, not by searching the input's bytes in the message: libFuzzer learns
// the strings a target searches for and would soon write the message's own words into its
// inputs. Without the token the message is a position and a few fixed phrases: short.
inline bool quotesInput(std::string_view message)
{
    return message.find("last read") != std::string_view::npos || message.size() > 400;
}

} // namespace hydra::fuzz
