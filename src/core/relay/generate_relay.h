#pragma once
// One generateContent call on behalf of a client API (its face: chat completions, and the other
// faces of the same call): the request already translated, its images fetched, signatures kept
// valid per key, Gemini's stream read event by event and handed to the face, heartbeats while
// Gemini is silent. Failover is FailoverRelay's; wording is the face's.

#include "failover_relay.h"
#include "generate_face.h"
#include "translate/chat_request.h"
#include "upstream/sse_parser.h"

#include <functional>
#include <memory>
#include <optional>

namespace hydra::relay {

class GenerateRelay final : public FailoverRelay
{
    Q_OBJECT
public:
    GenerateRelay(RelayContext &context, translate::ChatRequest request, server::HttpExchange *exchange,
                  server::HeaderList responseHeaders, std::unique_ptr<GenerateFace> face, QString route);

protected:
    void prepare(std::function<void(std::optional<ApiError>)> ready) override;
    upstream::UpstreamCall *send(const pool::KeyInfo &key) override;
    std::optional<std::string> deliverWhole(const QByteArray &body) override;
    void beginStream() override;
    StreamOutcome streamBytes(const QByteArray &bytes) override;
    StreamOutcome endStream(const std::optional<std::string> &failure) override;
    void failAfterStart(const ApiError &error) override;
    void replyError(const ApiError &error, const server::HeaderList &headers) override;
    int preferredKey() const override;
    bool retryClientFault(const upstream::UpstreamFailure &failure) override;

private:
    StreamOutcome forwardEvents(const std::vector<std::string> &events);
    void write(const QByteArray &bytes);
    void endStreamWithError(const ApiError &error);
    void openClientStream();
    bool clientStreamOpen() const { return m_exchange && m_exchange->responseStarted(); }
    QByteArray bodyFor(const pool::KeyInfo &key) const;
    translate::SignatureSink signatureSink();
    AnswerContext answerContext();

    translate::ChatRequest m_request;
    std::unique_ptr<GenerateFace> m_face;
    QByteArray m_body; // the Gemini request, serialised once for every attempt
    upstream::SseParser m_parser;
    QTimer m_heartbeat;
    bool m_skipEverySignature = false; // Google refused a signature: every call goes with the sentinel
    int m_imagesPending = 0;
    std::optional<ApiError> m_mediaError;
};

} // namespace hydra::relay
