#pragma once
// OpenAI tool `parameters` (JSON Schema, as Cline, Roo Code, Continue, LangChain, pydantic,
// zod-to-json-schema and MCP servers write it) -> Gemini `functionDeclarations[].parameters`.
//
// Gemini's `parameters` is not JSON Schema but the OpenAPI-3.0 subset of its `Schema`
// message (google.ai.generativelanguage.v1beta.Schema): type, format, description,
// nullable, enum, items, properties, required, min/maxItems, min/maxProperties,
// minimum/maximum, min/maxLength, pattern, example, anyOf, propertyOrdering. Anything
// else is a 400 for the whole request ("Invalid JSON payload received. Unknown name
// \"additionalProperties\" ... Cannot find field"), and so are a few semantic rules
// (enum only on STRING, no empty OBJECT properties, every ARRAY has items, `required`
// names declared properties, string formats limited to enum/date-time). One bad tool
// schema fails every turn of a conversation, so this rewrites instead of refusing.
// The rules, and the Gemini error each one avoids, are listed in schema_sanitizer.cpp.
//
// Pure and total: any JSON value in, never an exception out (bar std::bad_alloc).
// Callers should still bound the nesting of what they parse (json_depth.h).

#include <nlohmann/json.hpp>

namespace hydra::translate {

// Schemas nested deeper than this are cut off (the node at the limit becomes a bare
// leaf of its type; objects become free-form `{"type":"object"}`). Real tool schemas
// nest a handful of levels; the cap only bounds hostile or runaway ($ref) inputs.
inline constexpr int maxToolSchemaDepth = 32;

// The schema to send as `parameters`, always an OBJECT schema with at least one
// property; or null, meaning: declare the function without `parameters` (the tool takes
// no arguments, or its schema is empty, missing or not an object). Gemini rejects
// `{"type":"object","properties":{}}` for a parameterless tool, but accepts a
// declaration with no `parameters` at all.
nlohmann::json sanitizeToolSchema(const nlohmann::json &schema);

} // namespace hydra::translate
