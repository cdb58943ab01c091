#pragma once
// Shared helpers for the unit tests: loading golden JSON fixtures from tests/fixtures,
// comparing JSON with a readable difference, and checking and blanking the parts of
// an OpenAI answer that are random or time-based (ids, `created`).

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <optional>
#include <set>
#include <string>

namespace hydra::test {

inline QString fixturePath(const QString &relative)
{
    return QStringLiteral(HYDRA_FIXTURES_DIR) + u'/' + relative;
}

// The bytes of a fixture file, or nothing (with a warning naming the file).
inline std::optional<QByteArray> fixtureBytes(const QString &relative)
{
    QFile file(fixturePath(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open fixture %s: %s", qPrintable(file.fileName()), qPrintable(file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

// A fixture parsed as JSON, or nothing (with a warning naming the file and the error).
inline std::optional<nlohmann::json> jsonFixture(const QString &relative)
{
    const auto bytes = fixtureBytes(relative);
    if (!bytes)
        return std::nullopt;
    try {
        return nlohmann::json::parse(bytes->constData(), bytes->constData() + bytes->size());
    } catch (const nlohmann::json::parse_error &error) {
        qWarning("fixture %s is not valid JSON: %s", qPrintable(fixturePath(relative)), error.what());
        return std::nullopt;
    }
}

// The case names of every fixture in `directory` whose file name ends with `suffix`,
// sorted, e.g. "text" for "text.openai.json".
inline QStringList fixtureCases(const QString &directory, const QString &suffix)
{
    QStringList cases;
    const QDir dir(fixturePath(directory));
    for (const QString &name : dir.entryList({u'*' + suffix}, QDir::Files, QDir::Name))
        cases << name.chopped(suffix.size());
    return cases;
}

inline QString describeJsonDifference(const nlohmann::json &actual, const nlohmann::json &expected)
{
    // The JSON Patch that turns the expected value into the actual one names every
    // differing path; the full actual value helps update a golden file on purpose.
    return QStringLiteral("JSON differs from the expected value.\nPatch from expected to actual:\n%1\nActual:\n%2")
        .arg(QString::fromStdString(nlohmann::json::diff(expected, actual).dump(2)),
             QString::fromStdString(actual.dump(2)));
}

// The id must start with `prefix` and carry a random part after it.
inline bool hasIdPrefix(const nlohmann::json &id, const std::string &prefix)
{
    return id.is_string() && id.get_ref<const std::string &>().size() > prefix.size() &&
           id.get_ref<const std::string &>().rfind(prefix, 0) == 0;
}

// Checks every tool call id in a chat.completion or chunk (they start with "call_"
// and are unique across `seenIds`), then replaces them by "call_<random>".
// Returns what is wrong, or an empty string.
inline QString blankToolCallIds(nlohmann::json &choices, std::set<std::string> &seenIds)
{
    for (auto &choice : choices) {
        for (const char *holder : {"message", "delta"}) {
            if (!choice.contains(holder) || !choice[holder].contains("tool_calls"))
                continue;
            for (auto &call : choice[holder]["tool_calls"]) {
                if (!hasIdPrefix(call.value("id", nlohmann::json()), "call_"))
                    return QStringLiteral("tool call id %1 does not start with \"call_\"")
                        .arg(QString::fromStdString(call.value("id", nlohmann::json()).dump()));
                if (!seenIds.insert(call["id"].get<std::string>()).second)
                    return QStringLiteral("tool call id %1 is used twice")
                        .arg(QString::fromStdString(call["id"].dump()));
                call["id"] = "call_<random>";
            }
        }
    }
    return {};
}

// Checks and blanks the random parts of one chat.completion or chat.completion.chunk:
// the id ("chatcmpl-..."), `created` and the tool call ids.
inline QString blankRandomParts(nlohmann::json &completion, std::set<std::string> &seenToolCallIds)
{
    if (!completion.is_object())
        return QStringLiteral("not an object: %1").arg(QString::fromStdString(completion.dump()));
    if (!hasIdPrefix(completion.value("id", nlohmann::json()), "chatcmpl-"))
        return QStringLiteral("id %1 does not start with \"chatcmpl-\"")
            .arg(QString::fromStdString(completion.value("id", nlohmann::json()).dump()));
    if (!completion.value("created", nlohmann::json()).is_number_integer())
        return QStringLiteral("created is not an integer");
    completion["id"] = "chatcmpl-<random>";
    completion["created"] = "<unix time>";
    if (completion.contains("choices"))
        return blankToolCallIds(completion["choices"], seenToolCallIds);
    return {};
}

} // namespace hydra::test

// Compares two JSON values; on a mismatch, fails the test with the difference.
#define HYDRA_COMPARE_JSON(actual, expected)                                                                      \
    do {                                                                                                           \
        const nlohmann::json hydraActual_ = (actual);                                                              \
        const nlohmann::json hydraExpected_ = (expected);                                                          \
        if (hydraActual_ != hydraExpected_)                                                                        \
            QFAIL(qPrintable(hydra::test::describeJsonDifference(hydraActual_, hydraExpected_)));                  \
    } while (false)
