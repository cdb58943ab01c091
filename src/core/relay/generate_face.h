#pragma once
// How one client API words a Gemini generateContent answer: chat completions today, and every
// other face of the same call (Responses, Messages) the same way. A face translates and frames;
// it never decides about keys, retries or timing, which are GenerateRelay's and FailoverRelay's.
// One face object serves one request, across all its attempts.

#include "server/http_exchange.h"
#include "translate/api_error.h"
#include "translate/chat_response.h"

#include <QByteArray>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace hydra::relay {

// What a face may need to know about the attempt whose answer it words.
struct AnswerContext
{
    translate::SignatureSink signatures; // keeps a tool call's signature under its id (may be empty)
    std::string keyFingerprint;          // the pool key answering (KeyInfo::fingerprint)
};

class GenerateFace
{
public:
    virtual ~GenerateFace() = default;

    // A whole answer (already checked usable) as the client's JSON body. May throw
    // nlohmann::json::exception for a field of a type Google never sends.
    virtual nlohmann::json answer(const nlohmann::json &geminiResponse, const AnswerContext &context) = 0;

    // A stream: called afresh for each attempt whose upstream said 200.
    virtual void beginStream(const AnswerContext &context) = 0;
    // Appends the bytes to send for one Gemini event (not an error event). May throw like answer().
    virtual void onEvent(const nlohmann::json &geminiEvent, QByteArray &out) = 0;
    // Why what streamed so far cannot be passed on (a malformed function call, an empty answer).
    virtual std::optional<std::string> problem() const = 0;
    // Whether Gemini said the answer is done (every candidate has its finishReason).
    virtual bool complete() const = 0;
    // Appends the bytes that end a stream that went well.
    virtual void finish(QByteArray &out) = 0;
    // The bytes that end a stream with an error, once the client has its 200.
    virtual QByteArray errorEvent(const ApiError &error) const = 0;
    // What keeps a silent stream alive (an SSE comment, or this API's ping event).
    virtual QByteArray heartbeat() const = 0;

    // An error before the answer started, in this API's shape.
    virtual void replyError(server::HttpExchange *exchange, const ApiError &error,
                            const server::HeaderList &headers) const = 0;
};

} // namespace hydra::relay
