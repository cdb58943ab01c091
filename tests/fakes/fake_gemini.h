#pragma once

// A faithful stand-in for Google's Gemini API (generativelanguage.googleapis.com, v1beta),
// served over HTTP/1.1 on 127.0.0.1 (plain, or TLS with a test certificate) so tests and
// benchmarks can drive Hydra's upstream client without the network. Every status code, error
// body and byte of framing copies what Google sends (see docs/gemini-wire.md); anything
// Google does not do is a defect here, because a lenient fake hides translator bugs.
//
// It is a raw QTcpServer rather than QtHttpServer so the test owns the exact bytes on the wire
// (chunked encoding, SSE separators, dropped connections), and it answers straight from
// readyRead so a benchmark can push well over 10,000 requests/s through one instance.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <optional>

class QSslCertificate;
class QSslKey;

namespace hydra::fakes {

// What the fake does with one generateContent / streamGenerateContent / countTokens /
// embedContent / batchEmbedContents request.
enum class Behaviour {
    Ok,                  // a normal answer
    RateLimitPerMinute,  // 429 RESOURCE_EXHAUSTED, QuotaFailure quotaId ...PerMinute...
    RateLimitPerDay,     // 429, quotaId GenerateRequestsPerDayPerProjectPerModel-FreeTier
    RateLimitBare,       // 429 "Resource has been exhausted (e.g. check quota)." without details
    RateLimitNoFreeTier, // 429 whose message says "limit: 0" (model has no free tier)
    KeyInvalid,          // 400 INVALID_ARGUMENT, ErrorInfo reason API_KEY_INVALID
    KeyExpired,          // 400 "API key expired. Please renew the API key.", API_KEY_INVALID
    KeyLeaked,           // 403 "Your API key was reported as leaked. ..."
    Overloaded,          // 503 UNAVAILABLE "The model is overloaded. Please try again later."
    Internal,            // 500 INTERNAL
    GatewayTimeout,      // 504 DEADLINE_EXCEEDED
    ClientError,         // 400 INVALID_ARGUMENT "Request contains an invalid argument."
    Stall,               // read the request, never answer
    MidStreamError,      // stream: 200, one event, then a data: {"error":{...500...}} event
    DropMidStream,       // stream: one event, then the TCP connection closes without the last chunk
    ModelForbidden,      // 403 PERMISSION_DENIED "The caller does not have permission": the key works,
                         // its project may not use this model (a preview model, gemini-cli#14519)
    RateLimitFirstEvent, // stream: 200, then at once a data: {"error":{"code":429,...}} event with the
                         // per-minute quota body (Vertex does this; unconfirmed for AI Studio, docs/gemini-wire.md §4)
    DropBeforeFirstEvent, // stream: 200 and its headers, then the connection closes before any event
    Cancelled,           // 499 CANCELLED, as Google's backends answer under load (gemini-cli#20309)
    StallMidStream,      // stream: 200, one event, then silence with the connection open; unary: the head
                         // and the first half of the body, then the same silence (an upstream that hangs)
};

// "RateLimitPerDay" <-> Behaviour::RateLimitPerDay (the enumerator's own name).
QString behaviourName(Behaviour b);
std::optional<Behaviour> behaviourFromName(QStringView name);

// What a successful (Behaviour::Ok) generateContent / streamGenerateContent answer contains,
// in Google's shapes (docs/gemini-wire.md §3, §4; built in fake_gemini_answers.cpp).
enum class Answer {
    Text,                  // the reply chunks as text parts
    Thoughts,              // thought summaries ("thought": true parts, events of their own) before the
                           // text; usageMetadata.thoughtsTokenCount = kThoughtsTokenCount
    FunctionCall,          // one functionCall of the first declared function, with a thoughtSignature;
                           // finishReason STOP. gemini-3* calls also carry an "id".
    ParallelFunctionCalls, // two functionCalls (the first and second declared functions, or the first
                           // twice): two parts when unary, two SSE events of one part each when
                           // streamed; only the first call is signed, as Gemini 3 does
    Grounded,              // a Google Search grounded text with groundingMetadata on the candidate
    MalformedFunctionCall, // finishReason MALFORMED_FUNCTION_CALL with a finishMessage, no parts
    Empty,                 // a candidate whose content has no parts, finishReason STOP
    BlockedPrompt,         // no candidates at all: promptFeedback.blockReason SAFETY
};

// "ParallelFunctionCalls" <-> Answer::ParallelFunctionCalls.
QString answerName(Answer a);
std::optional<Answer> answerFromName(QStringView name);

// usageMetadata.thoughtsTokenCount of every answer with thoughts (Thoughts, and function calls
// on thinking models), as in Google's captured function call.
inline constexpr int kThoughtsTokenCount = 104;
// Google's documented stand-in for a thought signature the client does not have.
inline constexpr char kSkipSignatureSentinel[] = "skip_thought_signature_validator";

struct ReceivedRequest {
    QByteArray key;    // from x-goog-api-key, else from ?key=; empty when none
    QByteArray method; // "GET", "POST"
    QByteArray path;   // "/v1beta/models/gemini-2.5-flash:streamGenerateContent"
    QByteArray query;  // "alt=sse" (raw, still percent-encoded)
    QByteArray body;   // de-chunked request body
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, values as sent, in order
};

class FakeGemini : public QObject {
    Q_OBJECT
public:
    explicit FakeGemini(QObject *parent = nullptr);
    ~FakeGemini() override;

    bool listen(quint16 port = 0); // binds 127.0.0.1
    // Like listen(), but every connection is TLS with this certificate (ALPN http/1.1, as
    // Google's front end answers a client that offers only that), and baseUrl() is https.
    bool listenTls(const QSslCertificate &certificate, const QSslKey &key, quint16 port = 0);
    quint16 port() const;
    QString baseUrl() const;       // "http://127.0.0.1:PORT", or "https://..." after listenTls()
    int connectionCount() const;   // connections accepted so far (with TLS, one handshake each)

    // Behaviours consumed one per generate/stream/countTokens/embed request made with that key,
    // in order (also when that request then fails validation); once used up the key gets the
    // default behaviour. Replaces any earlier script for the key. models.list/get never consume.
    void script(const QByteArray &apiKey, QList<Behaviour> behaviours);
    void setDefaultBehaviour(Behaviour b); // Ok unless set

    // What Ok answers contain, per key: consumed one per generate/stream request that gets a
    // successful answer (after its Behaviour, the body checks and, for gemini-3*, the thought
    // signature check), in order; once used up the key gets the default answer. Replaces any
    // earlier answer script for the key.
    void scriptAnswers(const QByteArray &apiKey, QList<Answer> answers);
    void setDefaultAnswer(Answer a); // Text unless set

    // Gemini 3 rule: every model turn with functionCall parts must carry, on its first call, a
    // thoughtSignature this fake issued to the same key (or kSkipSignatureSentinel); anything
    // else is Google's 400. Signatures handed out so far, in order: (key, signature). Recorded
    // like requests.
    QList<QPair<QByteArray, QByteArray>> issuedSignatures() const;

    // Text pieces of an Ok answer: one SSE event each; a unary answer is their concatenation.
    // Default {"Hello", " from", " fake", " Gemini."}.
    void setReplyChunks(QStringList texts);
    void setEventDelayMs(int ms);           // before each SSE event and before a unary answer or an
                                            // error of generate/stream/countTokens/embed; 0 = none
    void setRetryDelay(const QString &d);   // RetryInfo.retryDelay in 429 bodies, default "57s"
    void setQuotaValue(const QString &v);   // when non-empty, QuotaFailure violations carry "quotaValue"
    void setMaxPageSize(int n);             // models.list page cap (default 50); ?pageSize= honoured up to it

    // Google's per-minute request quota, enforced for one key (fake_gemini_quota.cpp): once
    // `perMinute` requests (generate, stream, countTokens, embed) with the key were let through
    // within the last 60 s, the next ones get the real per-minute 429 (as RateLimitPerMinute,
    // without using up the key's script) until the window has room. Refused requests do not
    // count. 0 lifts it; off unless set.
    void enforceRequestsPerMinute(const QByteArray &apiKey, int perMinute);
    int minuteQuotaRefusals() const; // 429s answered by that enforcement so far

    // Every parsed request is recorded unless recording is off (the CLI turns it off so a long
    // benchmark does not grow without bound).
    QList<ReceivedRequest> requests() const;
    void clearRequests();
    void setRecording(bool on);

    // Requests whose client closed the connection before the answer was complete: a Stall, or a
    // paced (event delay > 0) answer still being sent.
    int abortedCount() const;

Q_SIGNALS:
    void requestReceived();
    void clientAborted();

private:
    struct State;     // settings, scripts and records (fake_gemini_state.h)
    class Connection; // one client socket (fake_gemini.cpp)
    std::unique_ptr<State> d;
};

} // namespace hydra::fakes
