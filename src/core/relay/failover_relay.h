#pragma once
// One client request served by Gemini with failover across pool keys: pick a key,
// call, and on a failure another key can fix (429, dead key, 5xx, network) try the
// next key, until an answer starts reaching the client. This is the one place that
// decides about retries; subclasses only say how to call and how to answer
// (chat completions, embeddings, native passthrough).
// Lives as a child of its HttpExchange, so it ends with the exchange.

#include "relay_context.h"
#include "server/http_exchange.h"
#include "upstream/http_client.h"
#include "upstream/upstream_failure.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hydra::relay {

// A 429 as the pool needs it: Google's scope, retry delay and "limit: 0" as classified, and the
// violated limit only when it is a request limit of that scope.
pool::RateLimitReport rateLimitReport(const upstream::UpstreamFailure &failure);

// What the bytes or the end of a streamed answer mean for the attempt. The subclass that reads
// them decides; the loop acts once the subclass has returned, so no attempt ever starts while the
// previous one is still on the stack.
struct KeepStreaming
{
};
// The stream failed before anything reached the client (an error event, a dropped or silent
// connection): judged like the same failure of a whole answer, then another key is tried.
struct RetryBeforeAnswer
{
    upstream::UpstreamFailure failure;
    QByteArray googleBody; // the error event, if any
};
// The answer came but cannot be passed on (a malformed function call, an empty answer) and
// nothing reached the client: one more try, then the client hears why.
struct UnusableAnswer
{
    std::string problem;
};
using StreamOutcome = std::variant<KeepStreaming, RetryBeforeAnswer, UnusableAnswer>;

class FailoverRelay : public QObject
{
    Q_OBJECT
public:
    FailoverRelay(RelayContext &context, server::HttpExchange *exchange, server::HeaderList responseHeaders,
                  std::string model, QString route, bool streamed);
    ~FailoverRelay() override;

    void start();

protected:
    // Work before the first attempt (fetching media); calls ready() with nothing to go on,
    // or with the error to answer.
    virtual void prepare(std::function<void(std::optional<ApiError>)> ready) { ready(std::nullopt); }
    // Issues the request with this key.
    virtual upstream::UpstreamCall *send(const pool::KeyInfo &key) = 0;
    // A whole 200 answer (non-streamed requests). Returns why it is unusable (then the
    // next key is tried, as for a transient failure), or nothing after answering the client.
    virtual std::optional<std::string> deliverWhole(const QByteArray &body) = 0;
    // Streamed requests: upstream said 200 (once), then its bytes as they arrive, then its end.
    // `failure` is set when the stream broke off (upstreamTimedOut(): because it went silent).
    virtual void beginStream() = 0;
    virtual StreamOutcome streamBytes(const QByteArray &bytes) = 0;
    virtual StreamOutcome endStream(const std::optional<std::string> &failure) = 0;
    // A failure after the client's stream was opened (e.g. a retry that found no key):
    // the stream must still end, in the stream's own way. By default the connection is cut.
    virtual void failAfterStart(const ApiError &error);
    // How errors are worded for this API (OpenAI shape by default).
    virtual void replyError(const ApiError &error, const server::HeaderList &headers);
    // A failure that is the request's own fault (e.g. Google's 400), passed on to the client.
    virtual void replyClientFault(const upstream::UpstreamFailure &failure, const QByteArray &googleBody);
    // The key this request should stay on, or -1.
    virtual int preferredKey() const { return -1; }
    // Whether a client fault is worth one more try with a changed request (true: tried again).
    virtual bool retryClientFault(const upstream::UpstreamFailure &) { return false; }

    // For subclasses.
    void fail(const ApiError &error, server::HeaderList extraHeaders = {});
    void finishStream(); // the stream ended well: success for the key and the stats
    void record(int status, const QString &error);
    void noteUsage(const nlohmann::json &usageMetadata) { m_lastUsage = usageMetadata; }
    // Stops the upstream call (e.g. after a mid-stream error event was sent).
    void abortUpstream();
    // Whether the stream that just ended (endStream) broke off because the upstream went silent
    // for longer than its timeout.
    bool upstreamTimedOut() const { return m_upstreamTimedOut; }

    RelayContext &m_context;
    QPointer<server::HttpExchange> m_exchange;
    server::HeaderList m_responseHeaders;
    std::string m_model;
    int m_key = -1; // the key of the current attempt

private:
    void attempt();
    void onUpstreamData();
    void onUpstreamFinished();
    // Runs one of the two above; an exception is answered as a 502 (or ends a started stream).
    void shielded(void (FailoverRelay::*step)());
    void handleFailure(const upstream::UpstreamFailure &failure, const QByteArray &body);
    // The client hears Google's refusal (replyClientFault), or an error event when its stream is open.
    void replyClientFaultOnce(const upstream::UpstreamFailure &failure, const QByteArray &body);
    void onClientGone();
    void acceptStream();
    void act(StreamOutcome outcome);
    void retryBeforeAnswer(const upstream::UpstreamFailure &failure, const QByteArray &googleBody);
    void retryUnusableAnswer(const std::string &problem);

    QString m_route;
    server::Attribution m_attribution; // copied: the exchange may be gone when the request is recorded
    bool m_streamed;
    upstream::UpstreamCall *m_call = nullptr;
    bool m_upstreamAccepted = false; // this attempt's upstream said 200 (beginStream was called)
    bool m_upstreamTimedOut = false;
    std::vector<int> m_triedKeys;
    int m_pinnedKey = -1;
    int m_transientFailures = 0;
    int m_unusableAnswers = 0;
    int m_failovers = 0;
    std::optional<upstream::UpstreamFailure> m_lastFailure;
    // Google's 403 for what was asked (Verdict::Forbidden), and its body: what the client hears
    // once every key has been tried and none was allowed.
    std::optional<std::pair<upstream::UpstreamFailure, QByteArray>> m_refusal;
    QByteArray m_errorBody;
    QElapsedTimer m_elapsed;
    qint64 m_startedAtMs = 0;
    bool m_recorded = false;
    nlohmann::json m_lastUsage;
};

} // namespace hydra::relay
