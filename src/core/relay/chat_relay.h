#pragma once
// A chat completion (and, in its old shape, a legacy text completion): the OpenAI
// request already translated, Gemini's answer translated back, streamed as SSE
// chunks or answered whole. Failover is FailoverRelay's.

#include "failover_relay.h"
#include "translate/chat_request.h"
#include "translate/chat_response.h"
#include "upstream/sse_parser.h"

#include <functional>
#include <optional>

namespace hydra::relay {

class ChatRelay : public FailoverRelay
{
    Q_OBJECT
public:
    // Rewrites every object before it is sent (legacy /v1/completions wants its own shape).
    using Reshape = std::function<nlohmann::json(nlohmann::json)>;

    ChatRelay(RelayContext &context, translate::ChatRequest request, server::HttpExchange *exchange,
              server::HeaderList responseHeaders, Reshape reshape = {}, QString route = QStringLiteral("chat"));

protected:
    void prepare(std::function<void(std::optional<ApiError>)> ready) override;
    upstream::UpstreamCall *send(const pool::KeyInfo &key) override;
    std::optional<std::string> deliverWhole(const QByteArray &body) override;
    void beginStream() override;
    void streamBytes(const QByteArray &bytes) override;
    void endStream(const std::optional<std::string> &failure) override;
    void failAfterStart(const ApiError &error) override;
    int preferredKey() const override;
    bool retryClientFault(const upstream::UpstreamFailure &failure) override;

private:
    void forwardEvents(const std::vector<std::string> &events);
    void writeEvent(const nlohmann::json &chunk);
    void endStreamWithError(const ApiError &error);
    void openClientStream();
    QByteArray bodyFor(const pool::KeyInfo &key) const;
    translate::SignatureSink signatureSink();

    translate::ChatRequest m_request;
    QByteArray m_body; // the Gemini request, serialised once for every attempt
    Reshape m_reshape;
    upstream::SseParser m_parser;
    std::optional<translate::ChatStreamTranslator> m_translator;
    translate::CompletionIdentity m_identity;
    QTimer m_heartbeat;
    bool m_clientStreamOpen = false; // the client has its 200 (sent with the first chunk)
    bool m_skipEverySignature = false; // Google refused a signature: every call goes with the sentinel
    int m_imagesPending = 0;
    std::optional<ApiError> m_mediaError;
};

} // namespace hydra::relay
