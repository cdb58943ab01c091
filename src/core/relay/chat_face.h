#pragma once
// The chat completions face (and, reshaped, legacy text completions and the old function_call
// shape): Gemini's answer as chat.completion, or as chat.completion.chunk SSE events ending in
// [DONE]; errors in OpenAI's shape.

#include "generate_face.h"

#include <functional>

namespace hydra::relay {

class ChatFace final : public GenerateFace
{
public:
    // Rewrites every object before it is sent (legacy /v1/completions wants its own shape).
    using Reshape = std::function<nlohmann::json(nlohmann::json)>;

    ChatFace(translate::CompletionIdentity identity, bool includeUsage, Reshape reshape = {});

    nlohmann::json answer(const nlohmann::json &geminiResponse, const AnswerContext &context) override;
    void beginStream(const AnswerContext &context) override;
    void onEvent(const nlohmann::json &geminiEvent, QByteArray &out) override;
    std::optional<std::string> problem() const override;
    bool complete() const override;
    void finish(QByteArray &out) override;
    QByteArray errorEvent(const ApiError &error) const override;
    QByteArray heartbeat() const override;
    void replyError(server::HttpExchange *exchange, const ApiError &error,
                    const server::HeaderList &headers) const override;

private:
    void append(nlohmann::json &&chunk, QByteArray &out) const;

    translate::CompletionIdentity m_identity;
    bool m_includeUsage;
    Reshape m_reshape;
    std::optional<translate::ChatStreamTranslator> m_translator;
};

} // namespace hydra::relay
