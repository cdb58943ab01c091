// Tool parameter schemas (JSON Schema) -> Gemini's OpenAPI-subset Schema.
// Golden pairs live in tests/fixtures/schemas/<case>.input.json -> <case>.expected.json
// (a corpus of real client and MCP server schemas; sources in the README there). Every
// output, golden or not, is also checked against the rules Gemini enforces
// (isGeminiSchema below), so a new rule in the sanitiser cannot quietly break another.
//
// Inline schemas are written with single quotes (see js()) because moc 6.4 misreads raw
// string literals.

#include "json_support.h"

#include "translate/schema_sanitizer.h"

#include <QElapsedTimer>
#include <QtTest>

#include <random>
#include <set>
#include <string>

using nlohmann::json;
using hydra::translate::maxToolSchemaDepth;
using hydra::translate::sanitizeToolSchema;

namespace {

// JSON written with ' for " (no apostrophes inside strings, then).
json js(const char *text)
{
    std::string source(text);
    for (char &c : source) {
        if (c == '\'')
            c = '"';
    }
    return json::parse(source);
}

// A parameters schema with one property `p`, and that property after sanitising.
json withProperty(const json &property)
{
    return json{{"type", "object"}, {"properties", {{"p", property}}}};
}

json sanitizedProperty(const json &property)
{
    const json out = sanitizeToolSchema(withProperty(property));
    if (!out.is_object() || !out.contains("properties") || !out["properties"].contains("p"))
        return json("<property p is gone>");
    return out["properties"]["p"];
}

const std::set<std::string> &allowedKeywords()
{
    static const std::set<std::string> keywords = {
        "type",      "format",    "description", "nullable", "enum",          "items",          "properties",
        "required",  "minItems",  "maxItems",    "minimum",  "maximum",       "minLength",      "maxLength",
        "pattern",   "anyOf",     "example",     "propertyOrdering", "minProperties", "maxProperties"};
    return keywords;
}

const std::set<std::string> &forbiddenKeywords()
{
    static const std::set<std::string> keywords = {
        "$ref",   "$defs", "definitions", "additionalProperties", "$schema", "$id", "title",
        "default", "examples", "strict", "const", "allOf", "oneOf", "exclusiveMinimum", "exclusiveMaximum",
        "patternProperties", "prefixItems", "multipleOf", "uniqueItems", "not", "$comment", "readOnly"};
    return keywords;
}

bool isCount(const json &value)
{
    return value.is_number_unsigned() || (value.is_number_integer() && value.get<std::int64_t>() >= 0);
}

// What Gemini checks in functionDeclarations[].parameters (see schema_sanitizer.cpp for
// the error messages). Returns the first problem, or an empty string.
QString geminiProblem(const json &node, const QString &path, bool root)
{
    const auto problem = [&](const QString &what) { return path + QStringLiteral(": ") + what; };
    if (!node.is_object())
        return problem(QStringLiteral("schema is not an object"));
    for (const auto &[key, value] : node.items()) {
        if (allowedKeywords().count(key) == 0)
            return problem(QStringLiteral("keyword %1 is not in Gemini's Schema").arg(QString::fromStdString(key)));
    }
    if (node.contains("description") && !node["description"].is_string())
        return problem(QStringLiteral("description is not a string"));
    if (node.contains("nullable") && node["nullable"] != true)
        return problem(QStringLiteral("nullable is not true"));

    if (node.contains("anyOf")) {
        const json &alternatives = node["anyOf"];
        if (node.contains("type"))
            return problem(QStringLiteral("anyOf next to a type"));
        if (!alternatives.is_array() || alternatives.size() < 2)
            return problem(QStringLiteral("anyOf needs two or more alternatives"));
        for (const auto &[key, value] : node.items()) {
            if (key != "anyOf" && key != "description" && key != "nullable" && key != "example")
                return problem(QStringLiteral("%1 next to anyOf").arg(QString::fromStdString(key)));
        }
        for (std::size_t i = 0; i < alternatives.size(); ++i) {
            const QString inner = geminiProblem(alternatives[i], path + QStringLiteral(".anyOf[%1]").arg(i), false);
            if (!inner.isEmpty())
                return inner;
        }
        return root ? problem(QStringLiteral("the root is an anyOf")) : QString();
    }

    if (!node.contains("type") || !node["type"].is_string())
        return problem(QStringLiteral("no single type"));
    const std::string type = node["type"].get<std::string>();
    static const std::set<std::string> types = {"string", "number", "integer", "boolean", "array", "object"};
    if (types.count(type) == 0)
        return problem(QStringLiteral("type %1 is not a Gemini Type").arg(QString::fromStdString(type)));
    const auto onlyOn = [&](std::initializer_list<const char *> keys, const std::set<std::string> &owners) {
        for (const char *key : keys) {
            if (node.contains(key) && owners.count(type) == 0)
                return problem(QStringLiteral("%1 only allowed for %2")
                                   .arg(QLatin1String(key), QString::fromStdString(*owners.begin())));
        }
        return QString();
    };
    for (const QString &error :
         {onlyOn({"properties", "required", "propertyOrdering", "minProperties", "maxProperties"}, {"object"}),
          onlyOn({"items", "minItems", "maxItems"}, {"array"}),
          onlyOn({"enum", "minLength", "maxLength", "pattern"}, {"string"}),
          onlyOn({"minimum", "maximum"}, {"integer", "number"})}) {
        if (!error.isEmpty())
            return error;
    }
    for (const char *key : {"minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"}) {
        if (node.contains(key) && !isCount(node[key]))
            return problem(QStringLiteral("%1 is not a non-negative integer").arg(QLatin1String(key)));
    }
    for (const char *key : {"minimum", "maximum"}) {
        if (node.contains(key) && !node[key].is_number())
            return problem(QStringLiteral("%1 is not a number").arg(QLatin1String(key)));
    }
    if (node.contains("pattern") && !node["pattern"].is_string())
        return problem(QStringLiteral("pattern is not a string"));

    if (node.contains("format")) {
        const json &format = node["format"];
        const bool ok = (type == "string" && (format == "date-time" || (format == "enum" && node.contains("enum")))) ||
                        (type == "integer" && (format == "int32" || format == "int64"));
        if (!ok)
            return problem(QStringLiteral("format %1 not supported for %2")
                               .arg(QString::fromStdString(format.dump()), QString::fromStdString(type)));
    }
    if (node.contains("enum")) {
        const json &values = node["enum"];
        if (!values.is_array() || values.empty())
            return problem(QStringLiteral("enum is empty"));
        std::set<std::string> seen;
        for (const json &value : values) {
            if (!value.is_string() || value.get<std::string>().empty() || !seen.insert(value.get<std::string>()).second)
                return problem(QStringLiteral("enum values must be distinct non-empty strings"));
        }
    }

    if (type == "array") {
        if (!node.contains("items"))
            return problem(QStringLiteral("items: missing field"));
        const QString inner = geminiProblem(node["items"], path + QStringLiteral(".items"), false);
        if (!inner.isEmpty())
            return inner;
    }
    if (type == "object") {
        if (node.contains("properties")) {
            const json &properties = node["properties"];
            if (!properties.is_object() || properties.empty())
                return problem(QStringLiteral("properties: should be non-empty for OBJECT type"));
            for (const auto &[name, schema] : properties.items()) {
                const QString at = path + QStringLiteral(".properties[%1]").arg(QString::fromStdString(name));
                const QString inner = geminiProblem(schema, at, false);
                if (!inner.isEmpty())
                    return inner;
            }
        } else if (node.contains("required")) {
            return problem(QStringLiteral("required without properties"));
        }
        for (const char *list : {"required", "propertyOrdering"}) {
            if (!node.contains(list))
                continue;
            std::set<std::string> seen;
            for (const json &name : node[list]) {
                if (!name.is_string() || !node["properties"].contains(name.get<std::string>()))
                    return problem(QStringLiteral("%1 names an undeclared property").arg(QLatin1String(list)));
                if (!seen.insert(name.get<std::string>()).second)
                    return problem(QStringLiteral("%1 names a property twice").arg(QLatin1String(list)));
            }
            if (seen.empty())
                return problem(QStringLiteral("%1 is empty").arg(QLatin1String(list)));
        }
    }
    if (root) {
        if (type != "object" || !node.contains("properties"))
            return problem(QStringLiteral("parameters must be an object with properties"));
        if (node.contains("nullable"))
            return problem(QStringLiteral("parameters are nullable"));
    }
    return {};
}

// The problem with a whole sanitiser result (null = no parameters is fine).
QString resultProblem(const json &result)
{
    return result.is_null() ? QString() : geminiProblem(result, QStringLiteral("parameters"), true);
}

// Forbidden JSON-Schema keywords anywhere in a schema, skipping property *names*.
QString forbiddenKeywordIn(const json &node, const QString &path)
{
    if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            const QString found = forbiddenKeywordIn(node[i], path + QStringLiteral("[%1]").arg(i));
            if (!found.isEmpty())
                return found;
        }
        return {};
    }
    if (!node.is_object())
        return {};
    for (const auto &[key, value] : node.items()) {
        const QString at = path + u'.' + QString::fromStdString(key);
        if (forbiddenKeywords().count(key) != 0)
            return at;
        if (key == "properties" && value.is_object()) {
            for (const auto &[name, schema] : value.items()) {
                const QString found = forbiddenKeywordIn(schema, at + u'[' + QString::fromStdString(name) + u']');
                if (!found.isEmpty())
                    return found;
            }
        } else if (key == "items" || key == "anyOf") {
            const QString found = forbiddenKeywordIn(value, at);
            if (!found.isEmpty())
                return found;
        }
    }
    return {};
}

// Deepest chain of nested schemas (properties/items/anyOf), counting the root as 1.
int schemaDepth(const json &node)
{
    if (!node.is_object())
        return 0;
    int deepest = 0;
    if (node.contains("properties") && node["properties"].is_object()) {
        for (const auto &[name, schema] : node["properties"].items())
            deepest = std::max(deepest, schemaDepth(schema));
    }
    if (node.contains("items"))
        deepest = std::max(deepest, schemaDepth(node["items"]));
    if (node.contains("anyOf") && node["anyOf"].is_array()) {
        for (const json &alternative : node["anyOf"])
            deepest = std::max(deepest, schemaDepth(alternative));
    }
    return deepest + 1;
}

std::size_t schemaNodes(const json &node)
{
    if (!node.is_object())
        return 0;
    std::size_t count = 1;
    if (node.contains("properties") && node["properties"].is_object()) {
        for (const auto &[name, schema] : node["properties"].items())
            count += schemaNodes(schema);
    }
    if (node.contains("items"))
        count += schemaNodes(node["items"]);
    if (node.contains("anyOf") && node["anyOf"].is_array()) {
        for (const json &alternative : node["anyOf"])
            count += schemaNodes(alternative);
    }
    return count;
}

// Runs the sanitiser, failing (instead of crashing the run) if it throws.
std::optional<json> sanitizeNoThrow(const json &schema, QString &error)
{
    try {
        return sanitizeToolSchema(schema);
    } catch (const std::exception &exception) {
        error = QStringLiteral("threw %1 on %2").arg(QLatin1String(exception.what()),
                                                     QString::fromStdString(schema.dump().substr(0, 300)));
    } catch (...) {
        error = QStringLiteral("threw on %1").arg(QString::fromStdString(schema.dump().substr(0, 300)));
    }
    return std::nullopt;
}

QStringList corpusCases()
{
    return hydra::test::fixtureCases(QStringLiteral("schemas"), QStringLiteral(".input.json"));
}

// A random JSON value for the fuzz test: schema-ish keys and junk of every type.
json randomValue(std::mt19937 &random, int depth)
{
    static const char *const keys[] = {"type", "properties", "items", "required", "enum", "const", "anyOf", "oneOf",
                                       "allOf", "$ref", "$defs", "definitions", "format", "description", "nullable",
                                       "minimum", "exclusiveMinimum", "maxLength", "prefixItems", "additionalProperties",
                                       "title", "default", "propertyOrdering", "example", "a", "b"};
    static const char *const strings[] = {"object", "string", "array", "integer", "number", "boolean", "null", "",
                                          "#", "#/$defs/a", "#/$defs/b", "#/properties/a", "#/definitions/a",
                                          "date-time", "uri", "int64", "enum", "a", "b", "#/anyOf/0", "#/%24defs/a"};
    std::uniform_int_distribution<int> kind(0, depth > 5 ? 5 : 8);
    switch (kind(random)) {
    case 0:
        return nullptr;
    case 1:
        return std::uniform_int_distribution<int>(0, 1)(random) == 1;
    case 2:
        return std::uniform_int_distribution<std::int64_t>(-5, 100)(random);
    case 3:
        return std::uniform_real_distribution<double>(-1e6, 1e6)(random);
    case 4:
    case 5:
        return strings[std::uniform_int_distribution<std::size_t>(0, std::size(strings) - 1)(random)];
    case 6: {
        json array = json::array();
        const int size = std::uniform_int_distribution<int>(0, 4)(random);
        for (int i = 0; i < size; ++i)
            array.push_back(randomValue(random, depth + 1));
        return array;
    }
    default: {
        json object = json::object();
        const int size = std::uniform_int_distribution<int>(0, 5)(random);
        for (int i = 0; i < size; ++i)
            object[keys[std::uniform_int_distribution<std::size_t>(0, std::size(keys) - 1)(random)]] =
                randomValue(random, depth + 1);
        return object;
    }
    }
}

} // namespace

class TestSchemaSanitizer : public QObject
{
    Q_OBJECT

private slots:
    void goldenCorpus_data();
    void goldenCorpus();
    void corpusIsLargeEnough();
    void everyResultIsAcceptableToGemini();
    void sanitisingTwiceChangesNothing();
    void forbiddenKeywordsNeverInOutput();
    void unknownKeywordsDroppedAtEveryDepth();
    void keywordNamedPropertiesSurvive();
    void refsToDefsAndDefinitionsAreInlined();
    void refSiblingsOverrideTarget();
    void selfReferenceTerminates();
    void mutualAndRootRecursionTerminates();
    void depthCapCutsDeepNesting();
    void refExplosionIsBounded();
    void neverEmptyProperties();
    void nullableFromTypeArray();
    void nullableFromAnyOfAndOneOf();
    void severalBranchesStayAnyOf();
    void constBecomesEnum();
    void enumOnNonStringsMovesToDescription();
    void enumValuesAreCleaned();
    void requiredOnlyNamesDeclaredProperties();
    void formatsAreFiltered_data();
    void formatsAreFiltered();
    void arraysAlwaysHaveItems();
    void missingTypesAreInferred();
    void exclusiveBoundsBecomeInclusive();
    void allOfIsMerged();
    void constraintOnlyCombinatorsAreDropped();
    void emptyOrUselessParametersAreOmitted_data();
    void emptyOrUselessParametersAreOmitted();
    void rootUnionOfObjectsIsMerged();
    void hostileInputsNeverThrow();
    void fuzzedInputsNeverThrow();
};

void TestSchemaSanitizer::goldenCorpus_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : corpusCases())
        QTest::newRow(qPrintable(name)) << name;
}

void TestSchemaSanitizer::goldenCorpus()
{
    QFETCH(QString, name);
    const auto input = hydra::test::jsonFixture(QStringLiteral("schemas/%1.input.json").arg(name));
    const auto expected = hydra::test::jsonFixture(QStringLiteral("schemas/%1.expected.json").arg(name));
    QVERIFY(input);
    QVERIFY(expected);
    QString error;
    const auto actual = sanitizeNoThrow(*input, error);
    QVERIFY2(actual, qPrintable(error));
    if (*actual != *expected) {
        QFAIL(qPrintable(QStringLiteral("%1: sanitised schema differs from the golden file.\nExpected:\n%2\nActual:\n%3\n"
                                        "Patch from expected to actual:\n%4")
                             .arg(name, QString::fromStdString(expected->dump(2)), QString::fromStdString(actual->dump(2)),
                                  QString::fromStdString(json::diff(*expected, *actual).dump(2)))));
    }
}

void TestSchemaSanitizer::corpusIsLargeEnough()
{
    const QStringList cases = corpusCases();
    QVERIFY2(cases.size() >= 12, qPrintable(QStringLiteral("only %1 fixture pairs").arg(cases.size())));
    for (const QString &name : cases) {
        QVERIFY2(QFile::exists(hydra::test::fixturePath(QStringLiteral("schemas/%1.expected.json").arg(name))),
                 qPrintable(name + QStringLiteral(" has no .expected.json")));
    }
}

void TestSchemaSanitizer::everyResultIsAcceptableToGemini()
{
    for (const QString &name : corpusCases()) {
        const auto input = hydra::test::jsonFixture(QStringLiteral("schemas/%1.input.json").arg(name));
        QVERIFY(input);
        const QString problem = resultProblem(sanitizeToolSchema(*input));
        QVERIFY2(problem.isEmpty(), qPrintable(name + QStringLiteral(": ") + problem));
    }
}

void TestSchemaSanitizer::sanitisingTwiceChangesNothing()
{
    for (const QString &name : corpusCases()) {
        const auto input = hydra::test::jsonFixture(QStringLiteral("schemas/%1.input.json").arg(name));
        QVERIFY(input);
        const json once = sanitizeToolSchema(*input);
        if (once.is_null())
            continue;
        const json twice = sanitizeToolSchema(once);
        if (twice != once)
            QFAIL(qPrintable(name + QStringLiteral(" is not stable:\n") +
                             hydra::test::describeJsonDifference(twice, once)));
    }
}

void TestSchemaSanitizer::forbiddenKeywordsNeverInOutput()
{
    std::vector<json> inputs;
    for (const QString &name : corpusCases()) {
        const auto input = hydra::test::jsonFixture(QStringLiteral("schemas/%1.input.json").arg(name));
        QVERIFY(input);
        inputs.push_back(*input);
    }
    inputs.push_back(js("{'type':'object','properties':{'a':{'const':'x','default':'x','title':'A','examples':['x']},"
                        "'b':{'$ref':'#/definitions/B'}},'definitions':{'B':{'type':'object','additionalProperties':false,"
                        "'properties':{'c':{'type':'integer','exclusiveMinimum':0,"
                        "'oneOf':[{'minimum':1},{'maximum':-1}]}}}},"
                        "'$schema':'x','$id':'y','strict':true}"));
    for (const json &input : inputs) {
        const json out = sanitizeToolSchema(input);
        const QString found = forbiddenKeywordIn(out, QStringLiteral("parameters"));
        QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("forbidden keyword at %1 in %2")
                                                 .arg(found, QString::fromStdString(out.dump()))));
    }
}

void TestSchemaSanitizer::unknownKeywordsDroppedAtEveryDepth()
{
    // The same clutter on the root, a property, a nested object, array items, anyOf
    // branches and a $defs target.
    const json clutter = js("{'x-vendor':1,'$comment':'c','readOnly':true,'writeOnly':false,'deprecated':true,"
                            "'uniqueItems':true,'multipleOf':2,'not':{'type':'null'},'if':{},'then':{},'else':{},"
                            "'contentEncoding':'base64','contentMediaType':'text/plain','propertyNames':{},"
                            "'unevaluatedProperties':false,'dependentRequired':{},'dependencies':{},'examples':[1],"
                            "'default':1,'title':'T','strict':true,'$id':'x','$anchor':'a','$schema':'s',"
                            "'additionalProperties':false,'patternProperties':{},'minContains':1,'discriminator':{}}");
    const auto cluttered = [&](json schema) {
        for (const auto &[key, value] : clutter.items())
            schema[key] = value;
        return schema;
    };
    json schema = cluttered(js("{'type':'object','$defs':{},'properties':{}}"));
    schema["$defs"]["D"] = cluttered(js("{'type':'object','properties':{'d':{'type':'string'}}}"));
    schema["properties"]["plain"] = cluttered(js("{'type':'string'}"));
    schema["properties"]["nested"] = cluttered(js("{'type':'object','properties':{}}"));
    schema["properties"]["nested"]["properties"]["inner"] = cluttered(js("{'type':'integer'}"));
    schema["properties"]["list"] = cluttered(js("{'type':'array'}"));
    schema["properties"]["list"]["items"] = cluttered(js("{'type':'boolean'}"));
    schema["properties"]["union"] = cluttered(js("{}"));
    schema["properties"]["union"]["anyOf"] =
        json::array({cluttered(js("{'type':'string'}")), cluttered(js("{'type':'number'}"))});
    schema["properties"]["ref"] = cluttered(js("{'$ref':'#/$defs/D'}"));

    const json out = sanitizeToolSchema(schema);
    const QString problem = resultProblem(out);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral("\n") + QString::fromStdString(out.dump(2))));
    QCOMPARE(out["properties"].size(), std::size_t(5));
    HYDRA_COMPARE_JSON(out["properties"]["nested"], js("{'type':'object','properties':{'inner':{'type':'integer'}}}"));
    HYDRA_COMPARE_JSON(out["properties"]["list"], js("{'type':'array','items':{'type':'boolean'}}"));
    HYDRA_COMPARE_JSON(out["properties"]["union"], js("{'anyOf':[{'type':'string'},{'type':'number'}]}"));
    HYDRA_COMPARE_JSON(out["properties"]["ref"], js("{'type':'object','properties':{'d':{'type':'string'}}}"));
}

void TestSchemaSanitizer::keywordNamedPropertiesSurvive()
{
    // Property NAMES that happen to be keywords are data, not keywords.
    const json schema = js("{'type':'object','properties':{"
                           "'title':{'type':'string'},'default':{'type':'boolean'},'type':{'type':'string','enum':['a']},"
                           "'properties':{'type':'object','properties':{'x':{'type':'string'}}},"
                           "'required':{'type':'integer'},"
                           "'additionalProperties':{'type':'string'},'$ref':{'type':'string'},'const':{'type':'number'}},"
                           "'required':['title','type','$ref','const']}");
    const json out = sanitizeToolSchema(schema);
    QVERIFY2(resultProblem(out).isEmpty(), qPrintable(resultProblem(out)));
    QCOMPARE(out["properties"].size(), std::size_t(8));
    HYDRA_COMPARE_JSON(out["properties"]["title"], js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(out["properties"]["$ref"], js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(out["properties"]["properties"], js("{'type':'object','properties':{'x':{'type':'string'}}}"));
    HYDRA_COMPARE_JSON(out["required"], js("['title','type','$ref','const']"));
}

void TestSchemaSanitizer::refsToDefsAndDefinitionsAreInlined()
{
    const json target = js("{'type':'object','properties':{'n':{'type':'integer'}},'required':['n']}");
    const json expected = js("{'type':'object','properties':{'n':{'type':'integer'}},'required':['n']}");
    for (const char *container : {"$defs", "definitions"}) {
        json schema = withProperty(json{{"$ref", std::string("#/") + container + "/T"}});
        schema[container]["T"] = target;
        HYDRA_COMPARE_JSON(sanitizeToolSchema(schema)["properties"]["p"], expected);
    }
    // Percent-encoded and deeper JSON pointers, and a ref to another property.
    const json encoded = js("{'type':'object','$defs':{'a/b':{'type':'string'},'m~n':{'type':'boolean'}},"
                            "'properties':{'p':{'$ref':'#/%24defs/a~1b'},'q':{'$ref':'#/$defs/m~0n'},"
                            "'r':{'$ref':'#/properties/p'},'s':{'type':'array','items':[{'type':'number'}]},"
                            "'t':{'$ref':'#/properties/s/items/0'}}}");
    HYDRA_COMPARE_JSON(sanitizeToolSchema(encoded),
                       js("{'type':'object','properties':{'p':{'type':'string'},'q':{'type':'boolean'},"
                          "'r':{'type':'string'},'s':{'type':'array','items':{'type':'number'}},'t':{'type':'number'}}}"));
    // A ref chain.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'$ref':'#/properties/p'}")), js("{'type':'object'}"));
}

void TestSchemaSanitizer::refSiblingsOverrideTarget()
{
    const json schema = js("{'type':'object','$defs':{'E':{'type':'string','description':'generic','enum':['a','b']}},"
                           "'properties':{'p':{'$ref':'#/$defs/E','description':'specific','default':'a'},"
                           "'q':{'$ref':'#/$defs/E'}}}");
    const json out = sanitizeToolSchema(schema);
    HYDRA_COMPARE_JSON(out["properties"]["p"], js("{'type':'string','description':'specific','enum':['a','b']}"));
    HYDRA_COMPARE_JSON(out["properties"]["q"], js("{'type':'string','description':'generic','enum':['a','b']}"));
}

void TestSchemaSanitizer::selfReferenceTerminates()
{
    const json schema = js("{'type':'object','$defs':{'Node':{'type':'object','description':'A tree node',"
                           "'properties':{'value':{'type':'string'},"
                           "'children':{'type':'array','items':{'$ref':'#/$defs/Node'}},"
                           "'parent':{'$ref':'#/$defs/Node','description':'The parent'}}}},"
                           "'properties':{'tree':{'$ref':'#/$defs/Node'}},'required':['tree']}");
    QString error;
    const auto out = sanitizeNoThrow(schema, error);
    QVERIFY2(out, qPrintable(error));
    QVERIFY2(resultProblem(*out).isEmpty(), qPrintable(resultProblem(*out)));
    const json &tree = (*out)["properties"]["tree"];
    HYDRA_COMPARE_JSON(tree["properties"]["children"], js("{'type':'array','items':{'type':'object'}}"));
    HYDRA_COMPARE_JSON(tree["properties"]["parent"], js("{'type':'object','description':'The parent'}"));
    QCOMPARE(tree["description"], json("A tree node"));
}

void TestSchemaSanitizer::mutualAndRootRecursionTerminates()
{
    const json cases[] = {
        // A -> B -> A through properties.
        js("{'type':'object','$defs':{'A':{'type':'object','properties':{'b':{'$ref':'#/$defs/B'}}},"
           "'B':{'type':'object','properties':{'a':{'$ref':'#/$defs/A'},'x':{'type':'string'}}}},"
           "'properties':{'start':{'$ref':'#/$defs/A'}}}"),
        // A pure ref loop with no schema in between.
        js("{'type':'object','$defs':{'A':{'$ref':'#/$defs/B'},'B':{'$ref':'#/$defs/A'}},"
           "'properties':{'p':{'$ref':'#/$defs/A'},'q':{'type':'string'}}}"),
        // The root referring to itself, through "#" and through allOf.
        js("{'type':'object','properties':{'self':{'$ref':'#'},'list':{'type':'array','items':{'$ref':'#'}},"
           "'merged':{'allOf':[{'$ref':'#'}]}}}"),
        // A definition that is an allOf of itself.
        js("{'type':'object','$defs':{'L':{'allOf':[{'$ref':'#/$defs/L'},{'properties':{'v':{'type':'integer'}}}]}},"
           "'properties':{'p':{'$ref':'#/$defs/L'}}}"),
        // The root is nothing but a ref to itself.
        js("{'$ref':'#'}"),
    };
    for (const json &schema : cases) {
        QString error;
        const auto out = sanitizeNoThrow(schema, error);
        QVERIFY2(out, qPrintable(error));
        QVERIFY2(resultProblem(*out).isEmpty(), qPrintable(resultProblem(*out)));
        QVERIFY(schemaDepth(*out) <= maxToolSchemaDepth + 1);
    }
    const json out = sanitizeToolSchema(cases[0]);
    HYDRA_COMPARE_JSON(out["properties"]["start"],
                       js("{'type':'object','properties':{'b':{'type':'object','properties':{"
                          "'a':{'type':'object'},'x':{'type':'string'}}}}}"));
    HYDRA_COMPARE_JSON(sanitizeToolSchema(cases[1])["properties"]["p"], js("{'type':'object'}"));
    HYDRA_COMPARE_JSON(sanitizeToolSchema(cases[2])["properties"]["list"],
                       js("{'type':'array','items':{'type':'object'}}"));
    HYDRA_COMPARE_JSON(sanitizeToolSchema(cases[3])["properties"]["p"],
                       js("{'type':'object','properties':{'v':{'type':'integer'}}}"));
    QVERIFY(sanitizeToolSchema(cases[4]).is_null());
}

void TestSchemaSanitizer::depthCapCutsDeepNesting()
{
    // 300 nested objects and 300 nested arrays (well past the cap, well inside what
    // the request parser lets through), each level described.
    for (const char *kind : {"object", "array"}) {
        json leaf = js("{'type':'string','description':'leaf'}");
        for (int level = 0; level < 300; ++level) {
            json wrapper{{"type", kind}, {"description", "level " + std::to_string(level)}};
            if (std::string(kind) == "object")
                wrapper["properties"]["next"] = std::move(leaf);
            else
                wrapper["items"] = std::move(leaf);
            leaf = std::move(wrapper);
        }
        const json schema = withProperty(leaf);
        QString error;
        const auto out = sanitizeNoThrow(schema, error);
        QVERIFY2(out, qPrintable(error));
        QVERIFY2(resultProblem(*out).isEmpty(), qPrintable(resultProblem(*out)));
        // Root + property p + the levels down to the cap, whose node becomes a leaf (an
        // array leaf keeps string items: one more level).
        const int depth = schemaDepth(*out);
        QVERIFY2(depth <= maxToolSchemaDepth + 3, qPrintable(QString::number(depth)));
        QVERIFY2(depth >= maxToolSchemaDepth, qPrintable(QString::number(depth)));
    }
}

void TestSchemaSanitizer::refExplosionIsBounded()
{
    // L0 refers to L1 twice, L1 to L2 twice, ...: 2^40 paths if expanded naively.
    json schema = js("{'type':'object','$defs':{},'properties':{'root':{'$ref':'#/$defs/L0'}}}");
    for (int level = 0; level < 40; ++level) {
        const std::string next = "#/$defs/L" + std::to_string(level + 1);
        schema["$defs"]["L" + std::to_string(level)] =
            json{{"type", "object"},
                 {"properties",
                  {{"left", {{"$ref", next}}}, {"right", {{"$ref", next}, {"description", "with sibling"}}}}}};
    }
    schema["$defs"]["L40"] = js("{'type':'string'}");
    QElapsedTimer timer;
    timer.start();
    QString error;
    const auto out = sanitizeNoThrow(schema, error);
    QVERIFY2(out, qPrintable(error));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
    QVERIFY2(resultProblem(*out).isEmpty(), qPrintable(resultProblem(*out)));
    QVERIFY2(schemaNodes(*out) <= 5000, qPrintable(QString::number(schemaNodes(*out))));
}

void TestSchemaSanitizer::neverEmptyProperties()
{
    // Nested objects with nothing declared keep their type and lose the empty map.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'object','properties':{},'required':[]}")), js("{'type':'object'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'object','properties':{'gone':false},'required':['gone']}")),
                       js("{'type':'object'}"));
    HYDRA_COMPARE_JSON(
        sanitizedProperty(js("{'type':'object','additionalProperties':{'type':'string'},'description':'map'}")),
                       js("{'type':'object','description':'map'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','items':{'type':'object','properties':{}}}")),
                       js("{'type':'array','items':{'type':'object'}}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'object','properties':[]}")), js("{'type':'object'}"));
    // ... and at the root the whole `parameters` goes.
    QVERIFY(sanitizeToolSchema(js("{'type':'object','properties':{'gone':false}}")).is_null());
}

void TestSchemaSanitizer::nullableFromTypeArray()
{
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':['string','null']}")), js("{'type':'string','nullable':true}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':['null','integer'],'minimum':1}")),
                       js("{'type':'integer','nullable':true,'minimum':1}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':['object','null'],'properties':{'a':{'type':'string'}}}")),
                       js("{'type':'object','nullable':true,'properties':{'a':{'type':'string'}}}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':['array','null'],'items':{'type':['number','null']}}")),
                       js("{'type':'array','nullable':true,'items':{'type':'number','nullable':true}}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'null'}")), js("{'type':'string','nullable':true}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','nullable':true}")), js("{'type':'string','nullable':true}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','nullable':false}")), js("{'type':'string'}"));
}

void TestSchemaSanitizer::nullableFromAnyOfAndOneOf()
{
    for (const char *combinator : {"anyOf", "oneOf"}) {
        const json property{{combinator, js("[{'type':'string','maxLength':5},{'type':'null'}]")}, {"description", "d"}};
        HYDRA_COMPARE_JSON(sanitizedProperty(property),
                           js("{'type':'string','maxLength':5,'nullable':true,'description':'d'}"));
    }
    // pydantic's Optional[Model] with the model behind a $ref, the null first.
    const json schema = js("{'type':'object','$defs':{'M':{'type':'object','properties':{'a':{'type':'string'}},"
                           "'title':'M'}},'properties':{'p':{'anyOf':[{'type':'null'},{'$ref':'#/$defs/M'}],"
                           "'default':null}}}");
    HYDRA_COMPARE_JSON(sanitizeToolSchema(schema)["properties"]["p"],
                       js("{'type':'object','nullable':true,'properties':{'a':{'type':'string'}}}"));
    // Other spellings of null.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'anyOf':[{'type':'integer'},{'const':null}]}")),
                       js("{'type':'integer','nullable':true}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'anyOf':[{'type':'integer'},{'enum':[null]}]}")),
                       js("{'type':'integer','nullable':true}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'anyOf':[{'type':['null']}]}")), js("{'type':'string','nullable':true}"));
}

void TestSchemaSanitizer::severalBranchesStayAnyOf()
{
    HYDRA_COMPARE_JSON(
        sanitizedProperty(js("{'anyOf':[{'type':'string','title':'S'},{'type':'array','items':{'type':'string'}},"
                             "{'type':'null'}],'description':'one or many'}")),
        js("{'anyOf':[{'type':'string'},{'type':'array','items':{'type':'string'}}],'nullable':true,"
           "'description':'one or many'}"));
    // oneOf, nested unions flattened, duplicates dropped.
    HYDRA_COMPARE_JSON(
        sanitizedProperty(js("{'oneOf':[{'type':'integer'},{'anyOf':[{'type':'boolean'},{'type':'integer'}]}]}")),
                       js("{'anyOf':[{'type':'integer'},{'type':'boolean'}]}"));
    // A type list with several real types.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':['string','array','null'],'items':{'type':'integer'},'minLength':2}")),
                       js("{'anyOf':[{'type':'string','minLength':2},{'type':'array','items':{'type':'integer'}}],"
                          "'nullable':true}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':['integer','number']}")), js("{'type':'number'}"));
    // Literal unions become one enum.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'anyOf':[{'const':'a'},{'enum':['b','c']},{'type':'string','enum':['a']}]}")),
                       js("{'type':'string','enum':['a','b','c']}"));
}

void TestSchemaSanitizer::constBecomesEnum()
{
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'const':'fixed'}")), js("{'type':'string','enum':['fixed']}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','const':'fixed','enum':['other']}")),
                       js("{'type':'string','enum':['other']}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'const':null}")), js("{'type':'string','nullable':true}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'const':7,'description':'Version'}")),
                       js("{'type':'integer','description':'Version (allowed values: 7)'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','const':3}")), js("{'type':'string','enum':['3']}"));
}

void TestSchemaSanitizer::enumOnNonStringsMovesToDescription()
{
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'integer','enum':[60,1440,4320,10080]}")),
                       js("{'type':'integer','description':'Allowed values: 60, 1440, 4320, 10080.'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'number','enum':[0.5,1.5,null],'description':'Scale'}")),
                       js("{'type':'number','nullable':true,'description':'Scale (allowed values: 0.5, 1.5)'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'enum':[true]}")),
                       js("{'type':'boolean','description':'Allowed values: true.'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'enum':[1,2]}")),
                       js("{'type':'integer','description':'Allowed values: 1, 2.'}"));
    // Objects and arrays simply lose the enum.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','items':{'type':'string'},'enum':[['a']]}")),
                       js("{'type':'array','items':{'type':'string'}}"));
    // A type list with an enum goes to strings.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':['string','integer'],'enum':['auto',1,2]}")),
                       js("{'type':'string','enum':['auto','1','2']}"));
    // A very long list is cut in the description.
    json many = json::array();
    for (int i = 0; i < 100; ++i)
        many.push_back(i);
    const json out = sanitizedProperty(json{{"type", "integer"}, {"enum", many}});
    QVERIFY(out["description"].get<std::string>().size() < 400);
    QVERIFY(!out.contains("enum"));
}

void TestSchemaSanitizer::enumValuesAreCleaned()
{
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','enum':['a','','a',null,'b',1,true]}")),
                       js("{'type':'string','nullable':true,'enum':['a','b','1','true']}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','enum':['']}")), js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','enum':[]}")), js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','enum':'a'}")), js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','format':'enum','enum':['']}")), js("{'type':'string'}"));
}

void TestSchemaSanitizer::requiredOnlyNamesDeclaredProperties()
{
    const json out = sanitizeToolSchema(js("{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'string'},"
                                           "'c':false},'required':['a','missing','a',3,null,'c','b']}"));
    HYDRA_COMPARE_JSON(out["required"], js("['a','b']"));
    HYDRA_COMPARE_JSON(sanitizeToolSchema(js("{'type':'object','properties':{'a':{'type':'string'}},'required':['x']}")),
                       js("{'type':'object','properties':{'a':{'type':'string'}}}"));
    HYDRA_COMPARE_JSON(sanitizeToolSchema(js("{'type':'object','properties':{'a':{'type':'string'}},'required':'a'}")),
                       js("{'type':'object','properties':{'a':{'type':'string'}}}"));
    // propertyOrdering follows the same rule.
    HYDRA_COMPARE_JSON(sanitizeToolSchema(js("{'type':'object','properties':{'a':{'type':'string'},'b':{'type':'string'}},"
                                             "'propertyOrdering':['b','zz','a','b']}"))["propertyOrdering"],
                       js("['b','a']"));
    // required/properties on a non-object are dropped.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','properties':{'x':{'type':'string'}},'required':['x']}")),
                       js("{'type':'string'}"));
}

void TestSchemaSanitizer::formatsAreFiltered_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("kept");
    QTest::newRow("string date-time") << "string" << "date-time" << true;
    QTest::newRow("string date") << "string" << "date" << false;
    QTest::newRow("string time") << "string" << "time" << false;
    QTest::newRow("string uri") << "string" << "uri" << false;
    QTest::newRow("string url") << "string" << "url" << false;
    QTest::newRow("string email") << "string" << "email" << false;
    QTest::newRow("string uuid") << "string" << "uuid" << false;
    QTest::newRow("string byte") << "string" << "byte" << false;
    QTest::newRow("string enum without enum") << "string" << "enum" << false;
    QTest::newRow("integer int32") << "integer" << "int32" << true;
    QTest::newRow("integer int64") << "integer" << "int64" << true;
    QTest::newRow("integer uint8") << "integer" << "uint8" << false;
    QTest::newRow("number float") << "number" << "float" << false;
    QTest::newRow("number double") << "number" << "double" << false;
    QTest::newRow("boolean anything") << "boolean" << "bool" << false;
    QTest::newRow("array anything") << "array" << "csv" << false;
}

void TestSchemaSanitizer::formatsAreFiltered()
{
    QFETCH(QString, type);
    QFETCH(QString, format);
    QFETCH(bool, kept);
    const json out = sanitizedProperty(json{{"type", type.toStdString()}, {"format", format.toStdString()}});
    QCOMPARE(out.value("type", json()), json(type.toStdString()));
    QCOMPARE(out.contains("format"), kept);
    QVERIFY2(resultProblem(withProperty(out)).isEmpty(), qPrintable(resultProblem(withProperty(out))));
    // A format that is not a string is never kept.
    QVERIFY(!sanitizedProperty(json{{"type", type.toStdString()}, {"format", 5}}).contains("format"));
}

void TestSchemaSanitizer::arraysAlwaysHaveItems()
{
    const json stringItems = js("{'type':'array','items':{'type':'string'}}");
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array'}")), stringItems);
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','items':true}")), stringItems);
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','items':false}")), stringItems);
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','items':{}}")), stringItems);
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','items':[]}")), stringItems);
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','items':{'description':'any'}}")),
                       js("{'type':'array','items':{'type':'string','description':'any'}}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','items':{'type':'array'}}")),
                       js("{'type':'array','items':{'type':'array','items':{'type':'string'}}}"));
    // Tuples: draft-7 items arrays and 2020-12 prefixItems.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','items':[{'type':'number'},{'type':'number'}],'minItems':2}")),
                       js("{'type':'array','items':{'type':'number'},'minItems':2}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'array','prefixItems':[{'type':'string'},{'type':['integer','null']}],"
                                            "'items':false}")),
                       js("{'type':'array','items':{'anyOf':[{'type':'string'},{'type':'integer'}],'nullable':true}}"));
}

void TestSchemaSanitizer::missingTypesAreInferred()
{
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'properties':{'a':{'type':'string'}}}")),
                       js("{'type':'object','properties':{'a':{'type':'string'}}}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'items':{'type':'integer'}}")),
                       js("{'type':'array','items':{'type':'integer'}}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'minimum':0}")), js("{'type':'number','minimum':0}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'format':'int32'}")), js("{'type':'integer','format':'int32'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'maxLength':10}")), js("{'type':'string','maxLength':10}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{}")), js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'description':'anything'}")),
                       js("{'type':'string','description':'anything'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("true")), js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("'boolean'")), js("{'type':'boolean'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'STRING'}")), js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'Integer'}")), js("{'type':'integer'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'enum','enum':['a']}")), js("{'type':'string','enum':['a']}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'any'}")), js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':''}")), js("{'type':'string'}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':42}")), js("{'type':'string'}"));
}

void TestSchemaSanitizer::exclusiveBoundsBecomeInclusive()
{
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'integer','exclusiveMinimum':0}")),
                       js("{'type':'integer','minimum':1}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'integer','exclusiveMaximum':10,'maximum':20}")),
                       js("{'type':'integer','maximum':9}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'integer','exclusiveMinimum':0.5}")),
                       js("{'type':'integer','minimum':1}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'integer','minimum':5,'exclusiveMinimum':true}")),
                       js("{'type':'integer','minimum':6}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'number','exclusiveMinimum':0,'exclusiveMaximum':1.5}")),
                       js("{'type':'number','minimum':0,'maximum':1.5}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'number','minimum':2,'exclusiveMinimum':1}")),
                       js("{'type':'number','minimum':2}"));
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'number','minimum':'2','maximum':null}")), js("{'type':'number'}"));
}

void TestSchemaSanitizer::allOfIsMerged()
{
    // One branch (pydantic v1).
    const json single = js("{'type':'object','definitions':{'A':{'type':'object','title':'A',"
                           "'properties':{'x':{'type':'string'}},'required':['x']}},"
                           "'properties':{'p':{'allOf':[{'$ref':'#/definitions/A'}],'description':'An A'}}}");
    HYDRA_COMPARE_JSON(sanitizeToolSchema(single)["properties"]["p"],
                       js("{'type':'object','description':'An A','properties':{'x':{'type':'string'}},'required':['x']}"));
    // Several branches, nested allOf, a shared property merged.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'allOf':[{'properties':{'a':{'type':'string'}},'required':['a']},"
                                            "{'allOf':[{'properties':{'b':{'type':'integer'},"
                                            "'a':{'description':'The a'}}}]},"
                                            "{'required':['b']}]}")),
                       js("{'type':'object','properties':{'a':{'type':'string','description':'The a'},"
                          "'b':{'type':'integer'}},'required':['a','b']}"));
    // Junk in allOf is skipped.
    HYDRA_COMPARE_JSON(sanitizedProperty(js("{'type':'string','allOf':[1,'x',null,{'maxLength':3}]}")),
                       js("{'type':'string','maxLength':3}"));
}

void TestSchemaSanitizer::constraintOnlyCombinatorsAreDropped()
{
    // Roo Code's execute_command: "command, or script_content and script_runner".
    const json schema = js("{'type':'object','properties':{'command':{'type':'string'},'script':{'type':'string'}},"
                           "'oneOf':[{'required':['command']},{'required':['script']}],"
                           "'anyOf':[{'not':{'required':['x']}}]}");
    HYDRA_COMPARE_JSON(sanitizeToolSchema(schema),
                       js("{'type':'object','properties':{'command':{'type':'string'},'script':{'type':'string'}}}"));
    // A typed parent with typed branches: the parent's keywords go into every branch.
    HYDRA_COMPARE_JSON(
        sanitizedProperty(js("{'type':'object','properties':{'kind':{'type':'string'}},'required':['kind'],"
                             "'oneOf':[{'properties':{'a':{'type':'integer'}}},{'properties':{'b':{'type':'boolean'}}}]}")),
        js("{'anyOf':[{'type':'object','properties':{'kind':{'type':'string'},'a':{'type':'integer'}},'required':['kind']},"
           "{'type':'object','properties':{'kind':{'type':'string'},'b':{'type':'boolean'}},'required':['kind']}]}"));
}

void TestSchemaSanitizer::emptyOrUselessParametersAreOmitted_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::newRow("missing (null)") << QByteArray("null");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("string") << QByteArray("\"object\"");
    QTest::newRow("number") << QByteArray("5");
    QTest::newRow("object without properties") << QByteArray("{\"type\":\"object\"}");
    QTest::newRow("empty properties") << QByteArray("{\"type\":\"object\",\"properties\":{},\"required\":[]}");
    QTest::newRow("free-form map") << QByteArray("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}");
    QTest::newRow("scalar root") << QByteArray("{\"type\":\"string\"}");
    QTest::newRow("array root") << QByteArray("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
    QTest::newRow("only clutter") << QByteArray("{\"$schema\":\"x\",\"additionalProperties\":false}");
    QTest::newRow("properties not an object") << QByteArray("{\"type\":\"object\",\"properties\":[1,2]}");
    QTest::newRow("root union with a scalar")
        << QByteArray("{\"anyOf\":[{\"type\":\"object\",\"properties\":{\"a\":{}}},{\"type\":\"string\"}]}");
}

void TestSchemaSanitizer::emptyOrUselessParametersAreOmitted()
{
    QFETCH(QByteArray, schema);
    const json out = sanitizeToolSchema(json::parse(schema.toStdString()));
    QVERIFY2(out.is_null(), qPrintable(QString::fromStdString(out.dump())));
}

void TestSchemaSanitizer::rootUnionOfObjectsIsMerged()
{
    const json schema = js("{'description':'Either form','oneOf':[{'type':'object','properties':{'id':{'type':'integer'},"
                           "'verbose':{'type':'boolean'}},'required':['id','verbose']},"
                           "{'type':'object','properties':{'name':{'type':'string'},'verbose':{'type':'boolean'}},"
                           "'required':['name','verbose']}]}");
    HYDRA_COMPARE_JSON(sanitizeToolSchema(schema),
                       js("{'type':'object','description':'Either form','properties':{'id':{'type':'integer'},"
                          "'name':{'type':'string'},'verbose':{'type':'boolean'}},'required':['verbose']}"));
    // A nullable root is still an object.
    HYDRA_COMPARE_JSON(sanitizeToolSchema(js("{'type':['object','null'],'properties':{'a':{'type':'string'}}}")),
                       js("{'type':'object','properties':{'a':{'type':'string'}}}"));
}

void TestSchemaSanitizer::hostileInputsNeverThrow()
{
    const char *const inputs[] = {
        "{'type':'object','properties':{'a':{'type':7,'properties':5,'items':'x','required':'a','enum':{'x':1}}}}",
        "{'type':'object','properties':{'a':{'anyOf':{'type':'string'}},'b':{'oneOf':[1,2,'string',null,[]]}}}",
        "{'type':'object','properties':{'a':{'$ref':5},'b':{'$ref':''},'c':{'$ref':'#/'},'d':{'$ref':'#/a~2b'},"
        "'e':{'$ref':'#/%zz'},'f':{'$ref':'#/properties/f/x/y'},'g':{'$ref':'#/required/99999999999'},"
        "'h':{'$ref':'#/required/01'},'i':{'$ref':'#/required/0'},'j':{'$ref':'#anchor'},'k':{'$ref':'#%'}},"
        "'required':['a']}",
        "{'type':'object','properties':{'a':{'allOf':{'x':1}},'b':{'allOf':[[],{'allOf':[{'allOf':[{'$ref':'#'}]}]}]}}}",
        "{'type':'object','properties':{'a':{'type':'integer','minimum':1e308,'maximum':-1e308,'exclusiveMinimum':1e308}}}",
        "{'type':'object','properties':{'a':{'type':'string','minLength':1e30,'maxLength':18446744073709551615,"
        "'pattern':5}}}",
        "{'type':'object','properties':{'a':{'type':'integer','exclusiveMaximum':-9223372036854775808}}}",
        "{'type':'object','properties':{'a':{'enum':[{'x':[1,{'y':null}]},[1,2],'\\u00e9',1.5e300]}}}",
        "{'type':'object','properties':{'a':{'type':['string','string','STRING',null,7,{'x':1}]}}}",
        "{'type':'object','properties':{'':{'type':'string'},' ':{}},'required':['']}",
        "{'type':'object','properties':{'a':{'items':{'items':{'items':{'prefixItems':[true,false,null,'integer']}}}}}}",
        "{'type':'object','properties':{'a':{'description':7,'nullable':'yes','example':{'deep':[1]}}}}",
        "{'type':'object','$defs':[1,2],'definitions':'x','properties':{'a':{'$ref':'#/$defs/0'},"
        "'b':{'$ref':'#/definitions/x'}}}",
        "{'anyOf':[],'oneOf':[{}],'allOf':[{}]}",
        "{'type':'object','properties':{'a':{'anyOf':[{'type':'null'},{'type':'null'}],'oneOf':[{'type':'string'}]}}}",
    };
    for (const char *text : inputs) {
        const json schema = js(text);
        QString error;
        const auto out = sanitizeNoThrow(schema, error);
        QVERIFY2(out, qPrintable(error));
        QVERIFY2(resultProblem(*out).isEmpty(),
                 qPrintable(resultProblem(*out) + QStringLiteral(" for ") + QLatin1String(text)));
        QVERIFY2(forbiddenKeywordIn(*out, QStringLiteral("parameters")).isEmpty(), text);
    }
}

void TestSchemaSanitizer::fuzzedInputsNeverThrow()
{
    // Deterministic: the same 3000 random schemas every run, half of them grafted onto
    // real corpus schemas.
    std::mt19937 random(20240601);
    std::vector<json> corpus;
    for (const QString &name : corpusCases()) {
        if (const auto input = hydra::test::jsonFixture(QStringLiteral("schemas/%1.input.json").arg(name)))
            corpus.push_back(*input);
    }
    QVERIFY(!corpus.empty());
    for (int round = 0; round < 3000; ++round) {
        json schema;
        if (round % 2 == 0) {
            schema = randomValue(random, 0);
            if (schema.is_object() && round % 4 == 0)
                schema["type"] = "object";
        } else {
            schema = corpus[std::uniform_int_distribution<std::size_t>(0, corpus.size() - 1)(random)];
            schema["properties"]["fuzz"] = randomValue(random, 0);
            schema["$defs"]["a"] = randomValue(random, 0);
            schema["$defs"]["b"] = randomValue(random, 0);
        }
        QString error;
        const auto out = sanitizeNoThrow(schema, error);
        QVERIFY2(out, qPrintable(error));
        const QString problem = resultProblem(*out);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral(" for ") + QString::fromStdString(schema.dump())));
    }
}

QTEST_APPLESS_MAIN(TestSchemaSanitizer)
#include "tst_schema_sanitizer.moc"
