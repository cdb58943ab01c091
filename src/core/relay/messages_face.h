#pragma once
// The Anthropic Messages face (POST /v1/messages: Claude Code, @anthropic-ai/sdk): Gemini's answer
// as a message, or as Anthropic's stream of named events; `ping` events while Gemini is silent;
// errors in Anthropic's shape.

#include "generate_face.h"
#include "translate/messages_response.h"

namespace hydra::relay {

class MessagesFace final : public GenerateFace
{
public:
    explicit MessagesFace(std::string requestedModel);

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

    // An error before any answer, in Anthropic's shape (also for the gateway's own refusals on
    // this route: a missing token, a body too large...).
    static void reply(server::HttpExchange *exchange, const ApiError &error, const server::HeaderList &headers);

private:
    translate::MessageIdentity identityFor(const AnswerContext &context) const;

    std::string m_requestedModel;
    std::string m_id; // one id for every attempt's answer
    std::optional<translate::MessagesStreamTranslator> m_translator;
};

} // namespace hydra::relay
