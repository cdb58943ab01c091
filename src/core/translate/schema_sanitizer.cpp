#include "schema_sanitizer.h"

// The rules, each with the Gemini error it avoids (messages as Google returns them;
// collected from LiteLLM, opencode, gemini-cli, Cherry Studio and MCP server issue
// threads, and checked against the v1beta `Schema` proto):
//
//  1. Whitelist. Only the `Schema` fields listed in the header survive, at every depth.
//     Everything else (`additionalProperties`, `$schema`, `$id`, `$defs`, `definitions`,
//     `strict`, `title`, `default`, `examples`, `const`, `exclusiveMinimum`, `multipleOf`,
//     `uniqueItems`, `patternProperties`, `readOnly`, `deprecated`, `x-*`, `not`,
//     `if/then/else`, ...) is dropped: "Invalid JSON payload received. Unknown name
//     \"additionalProperties\" at 'tools[0].function_declarations[3].parameters...':
//     Cannot find field." `title` and `default` are in the newest proto, but were
//     rejected by name before (LiteLLM, gemini-balance and typia strip them) and tell the
//     model nothing it needs, so they go too. `example` (OpenAPI's, singular) is kept.
//  2. `$ref` to `#`, `#/$defs/X`, `#/definitions/X` (any local JSON pointer) is inlined,
//     siblings of the `$ref` (pydantic's `description`) overriding the target's. A `$ref`
//     already being expanded on the current path (a recursive tree) is cut: that node
//     becomes `{"type":"object"}` (plus its description). Unresolvable refs (remote URLs,
//     anchors) become `{"type":"object"}` too. ("Unknown name \"$ref\"").
//  3. `allOf` is merged into its parent: properties and required are united, other
//     keywords keep the first value. pydantic v1 wraps every nested model in a
//     one-branch `allOf`.
//  4. `type: ["string","null"]` -> `type: "string", nullable: true`, and
//     `anyOf`/`oneOf` with a `{"type":"null"}` branch -> the other branch(es) +
//     `nullable: true` ("Proto field is not repeating, cannot start list" for type
//     lists; NULL is not a Type older models know). Several non-null branches stay an
//     `anyOf` (which Gemini supports), each sanitised; a type list with several real
//     types becomes an `anyOf` of one branch per type; integer+number is just number.
//     Branches that only add constraints to a typed parent (Roo Code's
//     `oneOf: [{required:[a]}, {required:[b]}]`) are dropped: Gemini cannot express them.
//  5. `const: x` -> `enum: [x]`. `enum` is kept only on strings ("enum: only allowed
//     for STRING type"; "Invalid value at '...enum[0]' (TYPE_STRING), 60"): non-string
//     values of a string schema are stringified, empty strings and duplicates are
//     removed (Gemini rejects empty enum values). On integer, number and boolean schemas
//     the enum is DROPPED and its values appended to the description ("Allowed values:
//     60, 1440."): turning the type into a string enum would make the model send "60"
//     where the client's own validator (zod, pydantic) wants 60. `null` in an enum
//     becomes `nullable`.
//  6. `format`: on strings only `date-time` (and `enum` with an enum) survive ("format:
//     only 'enum' and 'date-time' are supported for STRING type"), so `uri`, `email`,
//     `date`, `uuid` are dropped rather than fail the request. On integers only `int32`
//     and `int64`. On numbers every format is dropped: the proto documents float/double
//     while adk-python passes only int32/int64, and the annotation is worth less than the
//     risk of a 400.
//  7. Objects: `properties` values are sanitised; a property whose schema is `false`
//     is removed; `required` keeps only names of declared properties, once each
//     ("required[0]: property is not defined"); an object left with no properties drops
//     `properties` and `required` entirely rather than send an empty map ("properties:
//     should be non-empty for OBJECT type"). `properties`/`required` on a non-object
//     node are dropped ("properties: only allowed for OBJECT type").
//     Known residue: a NESTED free-form object (`{"type":"object"}`, e.g. Cline's
//     `arguments`, a `z.record()`, a cut cycle) is sent as such. Protobuf cannot tell a
//     missing map from an empty one, and in early 2025 Gemini answered it with the same
//     "should be non-empty" error (MarkusPfundstein/mcp-obsidian#21); later reports say
//     an empty OBJECT is accepted (BerriAI/litellm#9289, PR #18979), unconfirmed for
//     nested ones. Every alternative (a placeholder property, a JSON-text string) would
//     change what the model sends, so it is left as is.
//  8. Arrays always get `items` ("items: missing field"). Missing, `true`, `{}` or
//     untyped items become `{"type":"string"}`: the model then sends strings, which
//     every lax validator accepts for an "any" slot (opencode does the same). Tuples
//     (`prefixItems`, or an `items` array) become one items schema, an `anyOf` of the
//     distinct element schemas.
//  9. Every node ends with exactly one lower-case type (STRING, NUMBER, INTEGER, BOOLEAN,
//     ARRAY, OBJECT) or an `anyOf`: an absent or unknown type is inferred from the
//     keywords (properties -> object, items -> array, enum values, bounds), and a schema
//     with nothing to go on (`{}`, `{"description":...}`) becomes a string ("Invalid value
//     at '...type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), \"\"").
// 10. Bounds: `exclusiveMinimum`/`exclusiveMaximum` (zod's `.positive()`, pydantic's
//     `gt`) become `minimum`/`maximum` (+/-1 for integers, as-is for numbers); counts
//     (`minLength`, `maxItems`, ...) must be non-negative integers or are dropped.
// 11. The root: `parameters` must be an OBJECT with at least one property; a root
//     `anyOf` of objects is merged into one object (union of properties, intersection
//     of required); anything else (empty, `{}`, a scalar root, an object with no
//     properties) yields null = omit `parameters` ("parameters.properties: should be
//     non-empty for OBJECT type").
// 12. Limits: nesting is cut at maxToolSchemaDepth, `$ref` chains at 16 hops, one
//     schema visits at most 4000 nodes (later ones become leaves) and merges at most
//     512 times, so a self-referential or exponentially branching `$defs` graph cannot
//     hang the gateway or blow up the request.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hydra::translate {
namespace {

using json = nlohmann::json;

constexpr int maxRefHops = 16;
constexpr int maxMergeDepth = 8;
constexpr int maxNodes = 4000;
constexpr int maxCopies = 512;
constexpr std::size_t maxHintValues = 64;

// ---- guarded access ------------------------------------------------------------------

const json *member(const json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

const std::string *stringMember(const json &object, const char *key)
{
    const json *value = member(object, key);
    return value != nullptr && value->is_string() ? &value->get_ref<const std::string &>() : nullptr;
}

const json *arrayMember(const json &object, const char *key)
{
    const json *value = member(object, key);
    return value != nullptr && value->is_array() ? value : nullptr;
}

bool hasAnyMember(const json &object, std::initializer_list<const char *> keys)
{
    return std::any_of(keys.begin(), keys.end(), [&](const char *key) { return member(object, key) != nullptr; });
}

std::string dumpValue(const json &value)
{
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// ---- types ---------------------------------------------------------------------------

// A JSON Schema type name as Gemini spells it (lower case), or "" when it names no type
// Gemini has. Upper case (OpenAPI / Google SDK style) and a few aliases hand-written
// schemas use are accepted; "enum" is what Google's own function-calling guide once
// told people to write.
std::string canonicalType(const std::string &name)
{
    std::string lower;
    lower.reserve(name.size());
    for (const char c : name)
        lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower == "string" || lower == "number" || lower == "integer" || lower == "boolean" || lower == "array" ||
        lower == "object" || lower == "null")
        return lower;
    if (lower == "str" || lower == "text" || lower == "enum")
        return "string";
    if (lower == "int" || lower == "long")
        return "integer";
    if (lower == "float" || lower == "double")
        return "number";
    if (lower == "bool")
        return "boolean";
    if (lower == "list")
        return "array";
    if (lower == "dict" || lower == "map")
        return "object";
    return {};
}

struct Types
{
    std::vector<std::string> names; // distinct, without "null"
    bool null = false;
};

Types readTypes(const json &node)
{
    Types types;
    const auto add = [&](const json &value) {
        if (!value.is_string())
            return;
        const std::string name = canonicalType(value.get_ref<const std::string &>());
        if (name == "null")
            types.null = true;
        else if (!name.empty() && std::find(types.names.begin(), types.names.end(), name) == types.names.end())
            types.names.push_back(name);
    };
    if (const json *type = member(node, "type")) {
        if (type->is_array()) {
            for (const json &element : *type)
                add(element);
        } else {
            add(*type);
        }
    }
    return types;
}

bool isScalarType(const std::string &type)
{
    return type == "string" || type == "number" || type == "integer" || type == "boolean";
}

// `{"type":"null"}`, `{"type":["null"]}`, `{"const":null}`, `{"enum":[null]}`.
bool isNullSchema(const json &node)
{
    if (!node.is_object())
        return false;
    if (member(node, "type") != nullptr) {
        const Types types = readTypes(node);
        return types.null && types.names.empty();
    }
    if (const json *constant = member(node, "const"))
        return constant->is_null();
    if (const json *values = arrayMember(node, "enum"))
        return !values->empty() && std::all_of(values->begin(), values->end(), [](const json &v) { return v.is_null(); });
    return false;
}

// A combinator branch that adds constraints to its parent but says nothing about the
// value's shape (`{"required":["command"]}`, `{"minLength":1}`).
bool isConstraintOnly(const json &branch)
{
    return branch.is_object() && !hasAnyMember(branch, {"type", "properties", "items", "prefixItems", "enum", "const",
                                                        "anyOf", "oneOf", "allOf", "$ref"});
}

// ---- numbers -------------------------------------------------------------------------

std::optional<double> numberValue(const json &value)
{
    if (!value.is_number())
        return std::nullopt;
    const double number = value.get<double>();
    if (!std::isfinite(number))
        return std::nullopt;
    return number;
}

// A computed bound, written as an integer when it is one (as the source wrote it).
json numberJson(double value)
{
    constexpr double exactLimit = 9007199254740992.0; // 2^53
    if (std::floor(value) == value && std::fabs(value) < exactLimit)
        return static_cast<std::int64_t>(value);
    return value;
}

// minLength, maxItems, ...: int64 fields; only a non-negative integral number is kept.
std::optional<std::int64_t> countValue(const json *value)
{
    if (value == nullptr || !value->is_number())
        return std::nullopt;
    if (value->is_number_unsigned()) {
        const auto count = value->get<std::uint64_t>();
        return static_cast<std::int64_t>(
            std::min<std::uint64_t>(count, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())));
    }
    if (value->is_number_integer()) {
        const auto count = value->get<std::int64_t>();
        return count >= 0 ? std::optional<std::int64_t>(count) : std::nullopt;
    }
    const double count = value->get<double>();
    if (!std::isfinite(count) || count < 0 || std::floor(count) != count || count > 9.0e18)
        return std::nullopt;
    return static_cast<std::int64_t>(count);
}

void copyCount(const json &from, json &to, const char *key)
{
    if (const auto count = countValue(member(from, key)))
        to[key] = *count;
}

// minimum/maximum, folding in draft-6 numeric and draft-4 boolean exclusive bounds.
void copyBounds(const json &from, json &to, bool integer)
{
    const auto bound = [&](const char *inclusiveKey, const char *exclusiveKey, bool lower) {
        std::optional<double> inclusive;
        if (const json *value = member(from, inclusiveKey))
            inclusive = numberValue(*value);
        if (const json *exclusive = member(from, exclusiveKey)) {
            if (const auto limit = numberValue(*exclusive)) {
                // Draft 6+: the exclusive bound is a number of its own.
                double closed = *limit;
                if (integer)
                    closed = lower ? std::floor(*limit) + 1 : std::ceil(*limit) - 1;
                if (!inclusive || (lower ? closed > *inclusive : closed < *inclusive))
                    inclusive = closed;
            } else if (exclusive->is_boolean() && exclusive->get<bool>() && inclusive && integer &&
                       std::floor(*inclusive) == *inclusive) {
                // Draft 4: `exclusiveMinimum: true` qualifies `minimum`.
                *inclusive += lower ? 1 : -1;
            }
        }
        if (inclusive)
            to[inclusiveKey] = numberJson(*inclusive);
    };
    bound("minimum", "exclusiveMinimum", true);
    bound("maximum", "exclusiveMaximum", false);
}

// ---- $ref ----------------------------------------------------------------------------

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// A `$ref` is a URI; its fragment may be percent-encoded ("#/%24defs/X").
std::string percentDecoded(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hexDigit(text[i + 1]);
            const int low = hexDigit(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// The value a local `$ref` ("#", "#/$defs/X", "#/definitions/X", "#/properties/a/items")
// points at in `root`, or nullptr (remote refs, anchors, paths that lead nowhere).
const json *resolveRef(const json &root, const std::string &ref)
{
    if (ref.empty() || ref.front() != '#')
        return nullptr;
    const std::string pointer = percentDecoded(std::string_view(ref).substr(1));
    if (pointer.empty())
        return &root;
    if (pointer.front() != '/')
        return nullptr;
    const json *current = &root;
    std::size_t start = 1;
    while (true) {
        const std::size_t end = pointer.find('/', start);
        const std::string_view raw = std::string_view(pointer).substr(
            start, end == std::string::npos ? std::string::npos : end - start);
        std::string token;
        token.reserve(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
                token += raw[i + 1] == '0' ? '~' : '/';
                ++i;
            } else {
                token += raw[i];
            }
        }
        if (current->is_object()) {
            const auto it = current->find(token);
            if (it == current->end())
                return nullptr;
            current = &*it;
        } else if (current->is_array()) {
            if (token.empty() || token.size() > 9 || (token.size() > 1 && token.front() == '0') ||
                !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return nullptr;
            std::size_t index = 0;
            for (const char digit : token)
                index = index * 10 + static_cast<std::size_t>(digit - '0');
            if (index >= current->size())
                return nullptr;
            current = &(*current)[index];
        } else {
            return nullptr;
        }
        if (end == std::string::npos)
            return current;
        start = end + 1;
    }
}

// ---- merging -------------------------------------------------------------------------

// Adds to `out` what `secondary` says that `out` does not: properties and required are
// united (a property both declare is merged the same way), every other keyword keeps
// out's value. Used for allOf (out = the parent, then each branch in turn) and for
// giving a combinator branch its parent's keywords (out = the branch).
void mergeInto(json &out, const json &secondary, int depth = 0)
{
    if (!out.is_object())
        out = json::object();
    if (!secondary.is_object())
        return;
    for (const auto &[key, value] : secondary.items()) {
        if (key == "properties" && value.is_object()) {
            json &properties = out["properties"];
            if (!properties.is_object())
                properties = json::object();
            for (const auto &[name, schema] : value.items()) {
                const auto existing = properties.find(name);
                if (existing == properties.end())
                    properties[name] = schema;
                else if (depth < maxMergeDepth && existing->is_object() && schema.is_object())
                    mergeInto(*existing, schema, depth + 1);
            }
        } else if (key == "required" && value.is_array()) {
            json &required = out["required"];
            if (!required.is_array())
                required = json::array();
            for (const json &name : value) {
                if (name.is_string() && std::find(required.begin(), required.end(), name) == required.end())
                    required.push_back(name);
            }
        } else if (!out.contains(key)) {
            out[key] = value;
        }
    }
}

std::string typeOf(const json &schema)
{
    const std::string *type = stringMember(schema, "type");
    return type != nullptr ? *type : std::string();
}

// ---- the sanitiser -------------------------------------------------------------------

class Sanitizer
{
public:
    explicit Sanitizer(const json &root)
        : m_root(root)
    {
        // The root is being expanded from the start, so `"$ref": "#"` inside it is a cycle.
        m_expanding.emplace_back("#");
    }

    // A sanitised schema for `in`: an object with exactly one `type` or an `anyOf`.
    // With `base`, `in` is a combinator branch and inherits base's keywords.
    json schema(const json &in, int depth, const json *base = nullptr)
    {
        if (++m_nodes > maxNodes || depth > maxToolSchemaDepth)
            return cut(in);
        if (in.is_string()) {
            // `"properties": {"path": "string"}`: a bare type name as the schema.
            const std::string type = canonicalType(in.get_ref<const std::string &>());
            return schema(json{{"type", type.empty() || type == "null" ? "string" : type}}, depth, base);
        }
        if (!in.is_object())
            return json{{"type", "string"}}; // `true`, or junk: any value; see rule 8

        const std::size_t mark = m_expanding.size();
        json storage;
        const json *node = expand(in, storage, 0);
        json out;
        if (node == nullptr) {
            out = cut(in);
        } else if (base != nullptr && spendCopy()) {
            json merged = *node;
            mergeInto(merged, *base);
            out = sanitizeNode(merged, depth);
        } else {
            out = sanitizeNode(*node, depth);
        }
        m_expanding.resize(mark);
        return out;
    }

private:
    // The leaf that replaces a node at a cycle, past the depth cap or past the node
    // budget: its own type when that is a plain scalar or array, else a free-form object.
    static json cut(const json &site)
    {
        json out{{"type", "object"}};
        const Types types = readTypes(site);
        if (types.names.size() == 1 && isScalarType(types.names.front()))
            out["type"] = types.names.front();
        else if (types.names.size() == 1 && types.names.front() == "array")
            out = json{{"type", "array"}, {"items", {{"type", "string"}}}};
        if (const std::string *description = stringMember(site, "description"); description && !description->empty())
            out["description"] = *description;
        return out;
    }

    // Resolves `in`'s `$ref` chain and merges its `allOf`. Returns `in` itself, the ref
    // target, or `storage` (when something had to be merged); nullptr for a cycle. Refs
    // it follows stay on m_expanding for the caller to pop once the node's children are
    // done.
    const json *expand(const json &in, json &storage, int mergeDepth)
    {
        const json *current = &in;
        for (int hop = 0; const std::string *ref = stringMember(*current, "$ref"); ++hop) {
            if (hop >= maxRefHops ||
                std::find(m_expanding.begin(), m_expanding.end(), *ref) != m_expanding.end())
                return nullptr;
            const json *target = resolveRef(m_root, *ref);
            const bool hasSiblings = current->size() > 1;
            if (target == nullptr || !target->is_object()) {
                // Unresolvable: keep what the site itself says, as a free-form object
                // when it says nothing about the shape.
                json rest = *current;
                rest.erase("$ref");
                if (!hasAnyMember(rest, {"type", "properties", "items", "enum", "const", "anyOf", "oneOf", "allOf"}))
                    rest["type"] = "object";
                storage = std::move(rest);
                current = &storage;
                break;
            }
            m_expanding.push_back(*ref);
            if (!hasSiblings || !spendCopy()) {
                current = target; // the common case: no copy at all
                continue;
            }
            // Siblings (pydantic's description next to a $ref) override the target.
            json merged = *target;
            for (const auto &[key, value] : current->items()) {
                if (key != "$ref")
                    merged[key] = value;
            }
            storage = std::move(merged);
            current = &storage;
        }

        const json *allOf = arrayMember(*current, "allOf");
        if (allOf == nullptr)
            return current;
        json merged = *current;
        merged.erase("allOf");
        if (mergeDepth < maxMergeDepth && spendCopy()) {
            for (const json &branch : *allOf) {
                if (!branch.is_object())
                    continue;
                json branchStorage;
                if (const json *resolved = expand(branch, branchStorage, mergeDepth + 1))
                    mergeInto(merged, *resolved);
            }
        }
        storage = std::move(merged);
        return &storage;
    }

    // Merging copies subtrees. Real schemas merge a few dozen times; a hostile one that
    // references a huge definition thousands of times with siblings stops being merged
    // (siblings are then ignored) instead of copying gigabytes.
    bool spendCopy() { return ++m_copies <= maxCopies; }

    // Adds a sanitised alternative to `alternatives`: nested anyOfs are flattened, a
    // branch's nullable moves to the union, and duplicates are dropped.
    static void addAlternative(std::vector<json> &alternatives, json alternative, bool &nullable)
    {
        if (const json *nested = arrayMember(alternative, "anyOf")) {
            if (const json *flag = member(alternative, "nullable"); flag && flag->is_boolean() && flag->get<bool>())
                nullable = true;
            for (const json &branch : *nested)
                addAlternative(alternatives, branch, nullable);
            return;
        }
        if (const json *flag = member(alternative, "nullable")) {
            if (flag->is_boolean() && flag->get<bool>())
                nullable = true;
            alternative.erase("nullable");
        }
        if (std::find(alternatives.begin(), alternatives.end(), alternative) == alternatives.end())
            alternatives.push_back(std::move(alternative));
    }

    // One schema for a set of alternatives: the single one, one string enum for a set of
    // bare string enums (pydantic's `Literal["a"] | Literal["b"]`), else an anyOf.
    static json unionOf(std::vector<json> alternatives)
    {
        if (alternatives.empty())
            return json{{"type", "string"}};
        if (alternatives.size() == 1)
            return std::move(alternatives.front());
        const bool bareStringEnums = std::all_of(alternatives.begin(), alternatives.end(), [](const json &a) {
            return a.size() == 2 && typeOf(a) == "string" && arrayMember(a, "enum") != nullptr;
        });
        if (bareStringEnums) {
            json values = json::array();
            for (const json &alternative : alternatives) {
                for (const json &value : *arrayMember(alternative, "enum")) {
                    if (std::find(values.begin(), values.end(), value) == values.end())
                        values.push_back(value);
                }
            }
            return json{{"type", "string"}, {"enum", std::move(values)}};
        }
        json out = json::object();
        out["anyOf"] = std::move(alternatives);
        return out;
    }

    static void finish(json &out, const std::string &description, bool nullable)
    {
        if (!description.empty())
            out["description"] = description;
        if (nullable)
            out["nullable"] = true;
    }

    json sanitizeNode(const json &n, int depth)
    {
        std::string description;
        if (const std::string *text = stringMember(n, "description"))
            description = *text;
        bool nullable = false;
        if (const json *flag = member(n, "nullable"))
            nullable = flag->is_boolean() && flag->get<bool>();
        const Types types = readTypes(n);
        nullable = nullable || types.null;

        // Rule 4: anyOf / oneOf.
        std::vector<const json *> branches;
        for (const char *key : {"anyOf", "oneOf"}) {
            if (const json *list = arrayMember(n, key)) {
                for (const json &branch : *list) {
                    if (isNullSchema(branch))
                        nullable = true;
                    else if (branch.is_object() || branch.is_string())
                        branches.push_back(&branch);
                }
            }
        }
        const bool baseHasShape =
            !types.names.empty() || hasAnyMember(n, {"properties", "items", "prefixItems", "enum", "const"});
        const bool onlyConstraints = std::all_of(branches.begin(), branches.end(),
                                                 [](const json *branch) { return isConstraintOnly(*branch); });
        if (!branches.empty() && !(baseHasShape && onlyConstraints)) {
            // The parent's own keywords (a type, properties) apply to every branch.
            json base;
            if (baseHasShape) {
                base = n;
                for (const char *key : {"anyOf", "oneOf", "description", "nullable", "$defs", "definitions"})
                    base.erase(key);
            }
            std::vector<json> alternatives;
            for (const json *branch : branches)
                addAlternative(alternatives, schema(*branch, depth + 1, baseHasShape ? &base : nullptr), nullable);
            json out = unionOf(std::move(alternatives));
            finish(out, description, nullable);
            return out;
        }

        // Rule 5: enum and const, with null taken out as nullable.
        std::optional<std::vector<json>> values;
        if (const json *list = arrayMember(n, "enum")) {
            values.emplace(list->begin(), list->end());
        } else if (const json *constant = member(n, "const")) {
            values.emplace();
            values->push_back(*constant);
        }
        if (values) {
            const auto nulls = std::remove_if(values->begin(), values->end(), [](const json &v) { return v.is_null(); });
            if (nulls != values->end()) {
                nullable = true;
                values->erase(nulls, values->end());
            }
            if (values->empty())
                values.reset();
        }

        // Rule 9: exactly one type.
        std::string type;
        if (types.names.empty()) {
            type = inferType(n, values);
        } else if (types.names.size() == 1 || values) {
            // An enum over several types (`["string","integer"]`) is sent as strings.
            type = types.names.size() == 1 ? types.names.front() : "string";
        } else if (types.names.size() == 2 &&
                   std::find(types.names.begin(), types.names.end(), "integer") != types.names.end() &&
                   std::find(types.names.begin(), types.names.end(), "number") != types.names.end()) {
            type = "number";
        } else {
            std::vector<json> alternatives;
            for (const std::string &name : types.names) {
                std::string ignored;
                addAlternative(alternatives, typed(n, name, depth, std::nullopt, ignored), nullable);
            }
            json out = unionOf(std::move(alternatives));
            finish(out, description, nullable);
            return out;
        }

        json out = typed(n, type, depth, values, description);
        finish(out, description, nullable);
        if (const json *example = member(n, "example"))
            out["example"] = *example;
        return out;
    }

    static std::string inferType(const json &n, const std::optional<std::vector<json>> &values)
    {
        if (hasAnyMember(n, {"properties", "required", "additionalProperties", "patternProperties", "minProperties",
                             "maxProperties", "propertyOrdering"}))
            return "object";
        if (hasAnyMember(n, {"items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains"}))
            return "array";
        if (values) {
            const auto all = [&](auto predicate) { return std::all_of(values->begin(), values->end(), predicate); };
            if (all([](const json &v) { return v.is_boolean(); }))
                return "boolean";
            if (all([](const json &v) { return v.is_number_integer(); }))
                return "integer";
            if (all([](const json &v) { return v.is_number(); }))
                return "number";
            return "string";
        }
        const std::string *format = stringMember(n, "format");
        if (format != nullptr && (*format == "int32" || *format == "int64"))
            return "integer";
        if (format != nullptr && (*format == "float" || *format == "double"))
            return "number";
        if (hasAnyMember(n, {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}))
            return "number";
        return "string"; // minLength/pattern/format, or nothing at all: see rule 9
    }

    // The type-specific keywords of `n` for one `type`.
    json typed(const json &n, const std::string &type, int depth, const std::optional<std::vector<json>> &values,
               std::string &description)
    {
        json out{{"type", type}};
        if (type == "object") {
            json properties = json::object();
            if (const json *declared = member(n, "properties"); declared && declared->is_object()) {
                for (const auto &[name, value] : declared->items()) {
                    if (value.is_boolean() && !value.get<bool>())
                        continue; // `false`: the property can never be present
                    properties[name] = schema(value, depth + 1);
                }
            }
            if (!properties.empty()) {
                const auto namesFrom = [&](const char *key) {
                    json names = json::array();
                    if (const json *list = arrayMember(n, key)) {
                        for (const json &name : *list) {
                            if (name.is_string() && properties.contains(name.get_ref<const std::string &>()) &&
                                std::find(names.begin(), names.end(), name) == names.end())
                                names.push_back(name);
                        }
                    }
                    return names;
                };
                json required = namesFrom("required");
                json ordering = namesFrom("propertyOrdering");
                out["properties"] = std::move(properties);
                if (!required.empty())
                    out["required"] = std::move(required);
                if (!ordering.empty())
                    out["propertyOrdering"] = std::move(ordering);
            }
            copyCount(n, out, "minProperties");
            copyCount(n, out, "maxProperties");
        } else if (type == "array") {
            out["items"] = items(n, depth);
            copyCount(n, out, "minItems");
            copyCount(n, out, "maxItems");
        } else if (type == "string") {
            copyCount(n, out, "minLength");
            copyCount(n, out, "maxLength");
            if (const std::string *pattern = stringMember(n, "pattern"))
                out["pattern"] = *pattern;
            if (values) {
                json strings = json::array();
                for (const json &value : *values) {
                    json text = value.is_string() ? value : json(dumpValue(value));
                    if (!text.get_ref<const std::string &>().empty() &&
                        std::find(strings.begin(), strings.end(), text) == strings.end())
                        strings.push_back(std::move(text));
                }
                if (!strings.empty())
                    out["enum"] = std::move(strings);
            }
            if (const std::string *format = stringMember(n, "format")) {
                if (*format == "date-time" || (*format == "enum" && out.contains("enum")))
                    out["format"] = *format;
            }
        } else if (type == "integer" || type == "number") {
            copyBounds(n, out, type == "integer");
            if (const std::string *format = stringMember(n, "format");
                format && type == "integer" && (*format == "int32" || *format == "int64"))
                out["format"] = *format;
        }
        if (values && type != "string" && type != "object" && type != "array")
            appendAllowedValues(description, *values);
        return out;
    }

    json items(const json &n, int depth)
    {
        const json *tuple = arrayMember(n, "prefixItems");
        const json *itemSchema = member(n, "items");
        if (tuple == nullptr && itemSchema != nullptr && itemSchema->is_array())
            tuple = itemSchema;
        if (tuple != nullptr && !tuple->empty()) {
            bool nullable = false;
            std::vector<json> alternatives;
            for (const json &element : *tuple)
                addAlternative(alternatives, schema(element, depth + 1), nullable);
            if (itemSchema != nullptr && itemSchema != tuple && (itemSchema->is_object() || itemSchema->is_string()))
                addAlternative(alternatives, schema(*itemSchema, depth + 1), nullable);
            json out = unionOf(std::move(alternatives));
            finish(out, {}, nullable);
            return out;
        }
        if (itemSchema != nullptr && (itemSchema->is_object() || itemSchema->is_string()))
            return schema(*itemSchema, depth + 1);
        return json{{"type", "string"}}; // rule 8
    }

    // Rule 5: enum values Gemini cannot take on a non-string type, told in words.
    static void appendAllowedValues(std::string &description, const std::vector<json> &values)
    {
        std::string list;
        for (std::size_t i = 0; i < values.size() && i < maxHintValues; ++i) {
            if (i > 0)
                list += ", ";
            list += dumpValue(values[i]);
        }
        if (values.size() > maxHintValues)
            list += ", ...";
        if (description.empty())
            description = "Allowed values: " + list + ".";
        else
            description += " (allowed values: " + list + ")";
    }

    const json &m_root;
    std::vector<std::string> m_expanding; // refs being expanded on the current path
    int m_nodes = 0;
    int m_copies = 0;
};

// Rule 11: a root anyOf whose branches are all objects becomes one object.
json mergeRootAlternatives(const json &root)
{
    const json *alternatives = arrayMember(root, "anyOf");
    if (alternatives == nullptr)
        return nullptr;
    json properties = json::object();
    std::optional<std::vector<std::string>> required;
    for (const json &alternative : *alternatives) {
        if (typeOf(alternative) != "object")
            return nullptr;
        std::vector<std::string> names;
        if (const json *own = member(alternative, "properties"); own && own->is_object()) {
            for (const auto &[name, schema] : own->items()) {
                if (!properties.contains(name))
                    properties[name] = schema;
            }
        }
        if (const json *list = arrayMember(alternative, "required")) {
            for (const json &name : *list) {
                if (name.is_string())
                    names.push_back(name.get<std::string>());
            }
        }
        if (!required) {
            required = std::move(names);
        } else {
            std::vector<std::string> common;
            for (const std::string &name : *required) {
                if (std::find(names.begin(), names.end(), name) != names.end())
                    common.push_back(name);
            }
            required = std::move(common);
        }
    }
    json out{{"type", "object"}};
    if (!properties.empty())
        out["properties"] = std::move(properties);
    if (required && !required->empty())
        out["required"] = *required;
    if (const std::string *description = stringMember(root, "description"))
        out["description"] = *description;
    return out;
}

} // namespace

json sanitizeToolSchema(const json &schema)
{
    if (!schema.is_object() || schema.empty())
        return nullptr;
    Sanitizer sanitizer(schema);
    json out = sanitizer.schema(schema, 0);
    if (arrayMember(out, "anyOf") != nullptr)
        out = mergeRootAlternatives(out);
    if (typeOf(out) != "object")
        return nullptr;
    const json *properties = member(out, "properties");
    if (properties == nullptr || !properties->is_object() || properties->empty())
        return nullptr;
    out.erase("nullable"); // the arguments object itself is never null
    return out;
}

} // namespace hydra::translate
