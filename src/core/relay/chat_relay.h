#pragma once
// One chat completion, from translated request to the client's last byte: picks a
// key, calls Gemini, and on a failure that another key can fix (429, dead key, 5xx)
// tries the next key. This is the one place that decides about retries.
// Lives as a child of its HttpExchange, so it ends with the exchange.

#include "relay_context.h"
#include "server/http_exchange.h"
#include "translate/chat_request.h"
#include "translate/chat_response.h"
#include "upstream/sse_parser.h"
#include "upstream/upstream_failure.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <optional>
#include <vector>

namespace hydra::relay {

class ChatRelay : public QObject
{
    Q_OBJECT
public:
    ChatRelay(RelayContext &context, translate::ChatRequest request, server::HttpExchange *exchange,
              server::HeaderList responseHeaders);
    ~ChatRelay() override;

    void start();

private:
    void attempt();
    void onUpstreamData();
    void onUpstreamFinished();
    void handleFailure(const upstream::UpstreamFailure &failure);
    void forwardEvents(const std::vector<std::string> &events);
    void writeEvent(const nlohmann::json &chunk);
    void endStreamWithError(const ApiError &error);
    void fail(const ApiError &error, server::HeaderList extraHeaders = {});
    void onClientGone();
    void record(int status, const QString &error);
    translate::SignatureSink signatureSink();
    int pinnedKey() const;
    bool upstreamAccepted() const;

    RelayContext &m_context;
    translate::ChatRequest m_request;
    QByteArray m_body; // the Gemini request, serialised once for every attempt
    QPointer<server::HttpExchange> m_exchange;
    server::HeaderList m_responseHeaders;

    upstream::UpstreamCall *m_reply = nullptr;
    int m_key = -1;
    int m_pinnedKey = -1; // the key that issued this conversation's thought signatures
    std::vector<int> m_triedKeys;
    int m_transientFailures = 0;
    int m_failovers = 0;
    std::optional<upstream::UpstreamFailure> m_lastFailure;

    QByteArray m_errorBody; // a failed attempt's body, read whole
    upstream::SseParser m_parser;
    std::optional<translate::ChatStreamTranslator> m_translator;
    translate::CompletionIdentity m_identity;
    QTimer m_heartbeat;
    QElapsedTimer m_elapsed;
    qint64 m_startedAtMs = 0;
    bool m_recorded = false;
    nlohmann::json m_lastUsage;
};

} // namespace hydra::relay
