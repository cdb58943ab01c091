// sanitizeToolSchema: any JSON (read as GatewayServer::jsonBody reads a body, since schemas
// arrive in requests) as a tool's `parameters` -> Gemini's Schema subset. Exercises $ref
// resolution and cycles, allOf merging, anyOf/oneOf/null, type lists, enums, bounds, tuples
// and the node/copy/depth limits.
// Beyond "no crash": the promises of schema_sanitizer.h, checked on every node of the output:
// null, or an OBJECT root with properties; only Schema's fields; exactly one known type or an
// anyOf; enum only on strings, non-empty and without duplicates; every array has items;
// `required` names declared properties; properties never empty; bounded nesting; valid JSON.

#include "fuzz_support.h"

#include "translate/schema_sanitizer.h"

#include <set>

namespace {

using hydra::fuzz::json;

const std::set<std::string> schemaFields = {
    "type", "format", "description", "nullable", "enum", "items", "properties", "required", "minItems", "maxItems",
    "minProperties", "maxProperties", "minimum", "maximum", "minLength", "maxLength", "pattern", "example", "anyOf",
    "propertyOrdering"};
const std::set<std::string> types = {"string", "number", "integer", "boolean", "array", "object"};

void checkNode(const json &node)
{
    FUZZ_CHECK(node.is_object());
    for (const auto &[key, value] : node.items())
        FUZZ_CHECK(schemaFields.count(key) == 1);
    if (const auto anyOf = node.find("anyOf"); anyOf != node.end()) {
        FUZZ_CHECK(!node.contains("type"));
        FUZZ_CHECK(anyOf->is_array() && anyOf->size() >= 2);
        for (const json &branch : *anyOf)
            checkNode(branch);
        return;
    }
    const auto type = node.find("type");
    FUZZ_CHECK(type != node.end() && type->is_string() && types.count(type->get<std::string>()) == 1);
    if (const auto values = node.find("enum"); values != node.end()) {
        FUZZ_CHECK(*type == "string" && values->is_array() && !values->empty());
        const std::set<json> distinct(values->begin(), values->end());
        FUZZ_CHECK(distinct.size() == values->size());
        for (const json &value : *values)
            FUZZ_CHECK(value.is_string() && !value.get<std::string>().empty());
    }
    FUZZ_CHECK((*type == "array") == node.contains("items"));
    if (*type == "array")
        checkNode(node["items"]);
    FUZZ_CHECK(*type == "object" || !node.contains("properties"));
    if (const auto properties = node.find("properties"); properties != node.end()) {
        FUZZ_CHECK(properties->is_object() && !properties->empty());
        for (const auto &[name, schema] : properties->items())
            checkNode(schema);
    }
    for (const char *list : {"required", "propertyOrdering"}) {
        if (const auto names = node.find(list); names != node.end()) {
            FUZZ_CHECK(names->is_array() && !names->empty() && node.contains("properties"));
            for (const json &name : *names)
                FUZZ_CHECK(name.is_string() && node["properties"].contains(name.get<std::string>()));
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const auto schema = fuzz::parseLikeGateway(fuzz::bytes(data, size));
    if (!schema)
        return 0;
    fuzz::noThrow("sanitizeToolSchema", [&] {
        const json out = translate::sanitizeToolSchema(*schema);
        if (out.is_null())
            return;
        FUZZ_CHECK(out.value("type", "") == "object" && out.contains("properties") && !out.contains("nullable"));
        FUZZ_CHECK(fuzz::depthOf(out) <= fuzz::maxOutputDepth);
        checkNode(out);
        FUZZ_CHECK(fuzz::roundTrip(out) == out);
    });
    return 0;
}
