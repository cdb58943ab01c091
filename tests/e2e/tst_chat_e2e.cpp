// Chat completions end to end: a real HTTP client, the real gateway on its worker
// thread, and the fake Gemini answering exactly as Google does.

#include "gateway_harness.h"

#include <QDir>
#include <QJsonArray>
#include <QFile>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>

using hydra::fakes::Behaviour;
using hydra::testing::GatewayHarness;

namespace {

// The names of this process's threads, as the kernel knows them (Linux).
QStringList threadNames()
{
    QStringList names;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly))
            names << QString::fromUtf8(comm.readAll().trimmed());
    }
    return names;
}

// An upstream that keeps a request waiting gives up after 0.3 s here (minutes in real use).
void shortUpstreamTimeouts(hydra::GatewayConfig &config)
{
    config.upstreamFirstByteTimeoutMs = 300;
    config.upstreamIdleTimeoutMs = 300;
}

const int kAttempts = hydra::relay::RelaySettings{}.maxTransientRetries + 1;

} // namespace

class ChatEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nonStreamAnswerHasOpenAiShape()
    {
        GatewayHarness gateway({"key-a"});
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QCOMPARE(result.status, 200);
        const QJsonObject body = result.json();
        QCOMPARE(body["object"].toString(), "chat.completion");
        QVERIFY(body["id"].toString().startsWith("chatcmpl-"));
        QCOMPARE(body["model"].toString(), "gemini-2.5-flash");
        const QJsonObject choice = body["choices"].toArray().first().toObject();
        QCOMPARE(choice["message"].toObject()["content"].toString(), "Hello from fake Gemini.");
        QCOMPARE(choice["message"].toObject()["role"].toString(), "assistant");
        QCOMPARE(choice["finish_reason"].toString(), "stop");
        QVERIFY(body["usage"].toObject()["total_tokens"].toInt() > 0);

        const auto requests = gateway.fake.requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests[0].key, QByteArray("key-a"));
        QCOMPARE(requests[0].path, QByteArray("/v1beta/models/gemini-2.5-flash:generateContent"));
        QVERIFY(!requests[0].query.contains("key=")); // the key travels in the header only
    }

    void openAiOnlyFieldsAreNotForwarded()
    {
        GatewayHarness gateway({"key-a"});
        const auto result = gateway.postJson(
            "/chat/completions",
            R"({"model":"gemini-2.5-flash","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}],
                "temperature":0.2,"max_tokens":50,"stop":"END","user":"u1","store":false,"parallel_tool_calls":true,
                "logit_bias":{"1":2},"metadata":{"a":"b"}})");
        QCOMPARE(result.status, 200); // the fake refuses unknown fields with 400, as Google does
        const QJsonObject sent = QJsonDocument::fromJson(gateway.fake.requests().first().body).object();
        QCOMPARE(sent["systemInstruction"].toObject()["parts"].toArray().first().toObject()["text"].toString(),
                 "Be brief.");
        const QJsonObject config = sent["generationConfig"].toObject();
        QCOMPARE(config["temperature"].toDouble(), 0.2);
        QCOMPARE(config["maxOutputTokens"].toInt(), 50);
        QCOMPARE(config["stopSequences"].toArray().first().toString(), "END");
        QVERIFY(!sent.contains("user") && !sent.contains("metadata"));
    }

    void streamForwardsEveryEventAndEndsWithDone()
    {
        GatewayHarness gateway({"key-a"});
        const auto result = gateway.postJson(
            "/chat/completions",
            R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],"stream":true,
                "stream_options":{"include_usage":true}})");
        QCOMPARE(result.status, 200);
        QVERIFY(result.header("content-type").startsWith("text/event-stream"));
        const QList<QByteArray> events = GatewayHarness::sseData(result.body);
        QVERIFY(events.size() >= 6);
        QCOMPARE(events.last(), QByteArray("[DONE]"));
        QString content;
        QSet<QString> ids;
        int finishes = 0;
        for (int i = 0; i < events.size() - 1; ++i) {
            const QJsonObject chunk = QJsonDocument::fromJson(events[i]).object();
            QCOMPARE(chunk["object"].toString(), "chat.completion.chunk");
            ids.insert(chunk["id"].toString());
            const QJsonArray choices = chunk["choices"].toArray();
            if (choices.isEmpty())
                continue;
            const QJsonObject choice = choices.first().toObject();
            if (i == 0)
                QCOMPARE(choice["delta"].toObject()["role"].toString(), "assistant");
            content += choice["delta"].toObject()["content"].toString();
            finishes += choice["finish_reason"].isString() ? 1 : 0;
        }
        QCOMPARE(content, "Hello from fake Gemini.");
        QCOMPARE(finishes, 1);
        QCOMPARE(ids.size(), 1);
        const QJsonObject usageChunk = QJsonDocument::fromJson(events[events.size() - 2]).object();
        QVERIFY(usageChunk["choices"].toArray().isEmpty());
        QVERIFY(usageChunk["usage"].toObject()["completion_tokens"].toInt() > 0);
        QCOMPARE(gateway.fake.requests().first().query, QByteArray("alt=sse"));
    }

    void rateLimitedKeyFailsOverToTheNextKey()
    {
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.script("key-a", {Behaviour::RateLimitPerMinute});
        for (bool stream : {false, true}) {
            const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(stream));
            QCOMPARE(result.status, 200);
        }
        const auto requests = gateway.fake.requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests[0].key, QByteArray("key-a"));
        QCOMPARE(requests[1].key, QByteArray("key-b"));
        QCOMPARE(requests[2].key, QByteArray("key-b")); // key-a cools down for this model...

        gateway.fake.clearRequests();
        const auto other = gateway.postJson("/chat/completions", GatewayHarness::chat(false, "gemini-2.5-pro"));
        QCOMPARE(other.status, 200);
        QCOMPARE(gateway.fake.requests().first().key, QByteArray("key-a")); // ...but serves another model
    }

    void aStreamThatFailsBeforeItsFirstEventFailsOver()
    {
        // Google said 200, then failed before any text: nothing reached the client, so this is
        // judged like the same failure before a stream. A 429 error event cools the key down...
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.script("key-a", {Behaviour::RateLimitFirstEvent});
        const auto limited = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(limited.status, 200);
        QVERIFY2(GatewayHarness::sseData(limited.body).contains("[DONE]"), limited.body);
        QVERIFY2(!limited.body.contains("\"error\""), limited.body);
        QCOMPARE(gateway.fake.requests().size(), 2);
        QCOMPARE(gateway.fake.requests()[1].key, QByteArray("key-b"));
        gateway.fake.clearRequests();
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(true)).status, 200);
        QCOMPARE(gateway.fake.requests().first().key, QByteArray("key-b")); // key-a is cooling down

        // ...and a connection dropped before the first event is tried again.
        GatewayHarness dropped({"key-a"});
        dropped.fake.script("key-a", {Behaviour::DropBeforeFirstEvent});
        const auto retried = dropped.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(retried.status, 200);
        QVERIFY2(GatewayHarness::sseData(retried.body).contains("[DONE]"), retried.body);
        QCOMPARE(dropped.fake.requests().size(), 2);
    }

    // Records reach the engine's thread in batches; the last batch must not be lost when the
    // gateway stops right after a request (the command line exits straight after stop()).
    void stoppingDeliversTheRequestsNotYetReported()
    {
        GatewayHarness gateway({"key-a"});
        QSignalSpy records(&gateway.engine, &hydra::Engine::requestCompleted);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(true)).status, 200);
        gateway.engine.stop(); // no event loop runs between here and the check
        QCOMPARE(records.size(), 2);
        QVERIFY(!records.at(0).first().value<hydra::RequestRecord>().stream);
        QVERIFY(records.at(1).first().value<hydra::RequestRecord>().stream);
    }

    // stop() returns only once the gateway's thread is gone, thread-local destructors included:
    // `hydra gateway` exits right after it, and OpenSSL's exit-time cleanup freed the per-thread
    // state that the still-ending thread's destructor freed too (a double free under ASan).
    // Repeated because, with a thread that outlives stop(), the check loses a race only sometimes.
    void stoppingEndsTheGatewayThreadEntirely()
    {
#ifndef Q_OS_LINUX
        QSKIP("reads the thread list from /proc");
#endif
        for (int round = 0; round < 30; ++round) {
            GatewayHarness gateway({"key-a"});
            QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
            QVERIFY(threadNames().contains(QStringLiteral("hydra-gateway")));
            gateway.engine.stop();
            QVERIFY2(!threadNames().contains(QStringLiteral("hydra-gateway")),
                     qPrintable(QStringLiteral("the gateway's thread outlived stop() in round %1").arg(round)));
        }
    }

    // A start that failed is reported even when stop() comes before the event loop ran; the
    // failure's own handler stops the engine too, which must not stop it a second time.
    void stoppingRightAfterAFailedStartReportsTheFailure()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        hydra::Engine engine;
        QSignalSpy failed(&engine, &hydra::Engine::startFailed);
        QSignalSpy stopped(&engine, &hydra::Engine::stopped);
        hydra::GatewayConfig config;
        config.port = blocker.serverPort();
        engine.start(config); // the worker's start runs before the shutdown that stop() queues
        engine.stop();
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().at(1).toBool()); // the address is in use
        QCOMPARE(stopped.size(), 1);
    }

    void engineReportsEveryRequestAndKeyStates()
    {
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.script("key-a", {Behaviour::RateLimitPerMinute});
        QSignalSpy records(&gateway.engine, &hydra::Engine::requestCompleted);
        QSignalSpy keys(&gateway.engine, &hydra::Engine::keysChanged);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(true)).status, 200);
        QTRY_COMPARE(records.size(), 1);
        const auto record = records.first().first().value<hydra::RequestRecord>();
        QCOMPARE(record.status, 200);
        QCOMPARE(record.model, "gemini-2.5-flash");
        QCOMPARE(record.keyLabel, "key-2");
        QCOMPARE(record.failovers, 1);
        QVERIFY(record.stream);
        QVERIFY(record.completionTokens > 0);
        QVERIFY(record.latencyMs >= 0);

        // Key states come coalesced (a few per second): wait for the one after the success.
        using hydra::pool::KeySnapshot;
        using hydra::pool::QuotaState;
        const auto latest = [&keys] {
            return keys.isEmpty() ? std::vector<KeySnapshot>() : keys.last().first().value<std::vector<KeySnapshot>>();
        };
        QTRY_VERIFY(latest().size() == 2 && latest()[1].model("gemini-2.5-flash") &&
                    latest()[1].model("gemini-2.5-flash")->requestsToday == 1 && latest()[1].lastError.empty());
        const auto states = latest();
        QVERIFY(!states[0].maskedKey.empty());
        QCOMPARE(states[0].label, "key-1");
        QCOMPARE(states[0].failures, 1u);
        QCOMPARE(states[0].requests, 1u);
        const auto *limited = states[0].model("gemini-2.5-flash");
        QVERIFY(limited);
        QCOMPARE(limited->state, QuotaState::CoolingDown); // the fake's per-minute 429: 57 s
        QVERIFY(limited->untilMs > QDateTime::currentMSecsSinceEpoch() + 50'000);
        QVERIFY(!limited->limitReached);
        QVERIFY(QString::fromStdString(limited->lastError).contains("quota"));
        QCOMPARE(limited->requestsThisMinute, 1u);
        QCOMPARE(states[1].failures, 0u);
        const auto *served = states[1].model("gemini-2.5-flash");
        QCOMPARE(served->state, QuotaState::Healthy);
        QCOMPARE(served->requestsThisMinute, 1u);
        QVERIFY(served->lastError.empty());
        QCOMPARE(served->perMinute.size(), size_t(1));
        QCOMPARE(served->perMinute[0].requests, 1u);
        QVERIFY(!states[1].model("gemini-2.5-pro"));

        // The same state is there to read at any time, without waiting for a signal.
        const auto &held = gateway.engine.keys();
        QCOMPARE(held.size(), size_t(2));
        QCOMPARE(held[1].model("gemini-2.5-flash")->requestsToday, 1u);
    }

    void deadKeyIsNeverUsedAgain()
    {
        GatewayHarness gateway({"key-bad", "key-good"});
        gateway.fake.script("key-bad", {Behaviour::KeyInvalid});
        for (int i = 0; i < 4; ++i)
            QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(i % 2)).status, 200);
        int badUses = 0;
        for (const auto &request : gateway.fake.requests())
            badUses += request.key == "key-bad";
        QCOMPARE(badUses, 1);
    }

    void overloadedUpstreamIsRetried()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.script("key-a", {Behaviour::Overloaded, Behaviour::Cancelled});
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(result.status, 200);
        QCOMPARE(gateway.fake.requests().size(), 3);
        // A transient failure is not the key's fault: it keeps serving.
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void persistentOutageGivesUpWithA503()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setDefaultBehaviour(Behaviour::Overloaded);
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QCOMPARE(result.status, 503);
        QVERIFY(result.json()["error"].toObject()["message"].toString().contains("overloaded"));
        QCOMPARE(gateway.fake.requests().size(), 4); // first try + 3 retries, then no more
    }

    void unreachableUpstreamGivesA503QuicklyAndTheKeyStaysUsable()
    {
        QTcpServer closed; // find a port, then free it so nothing listens there
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        GatewayHarness gateway({"key-a"}, [port](hydra::GatewayConfig &config) {
            config.upstream = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        });
        QElapsedTimer timer;
        timer.start();
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(result.status, 503);
        QVERIFY2(result.json()["error"].toObject()["message"].toString().contains("refused", Qt::CaseInsensitive),
                 result.body);
        QVERIFY(timer.elapsed() < 5000);
        // Network trouble is nobody's fault: the key is not dead, the next request tries again.
        const auto again = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QCOMPARE(again.status, 503);
        QCOMPARE(again.json()["error"].toObject()["code"].toString(), "upstream_unavailable");
    }

    void everyKeyCoolingDownGives429WithRetryAfter()
    {
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.setRetryDelay("42s");
        gateway.fake.setDefaultBehaviour(Behaviour::RateLimitPerMinute);
        for (bool stream : {false, true}) {
            const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(stream));
            QCOMPARE(result.status, 429);
            const int retryAfter = result.header("retry-after").toInt();
            QVERIFY2(retryAfter >= 40 && retryAfter <= 42, result.header("retry-after"));
            const QJsonObject error = result.json()["error"].toObject();
            QCOMPARE(error["type"].toString(), "rate_limit_exceeded");
            QVERIFY(error["message"].toString().contains("gemini-2.5-flash"));
        }
        QCOMPARE(gateway.fake.requests().size(), 2); // the second request did not hammer Google
    }

    void noKeysAndAllDeadKeysGive503()
    {
        {
            GatewayHarness gateway({});
            const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
            QCOMPARE(result.status, 503);
            QVERIFY(result.json()["error"].toObject()["message"].toString().contains("no Gemini API keys"));
            QCOMPARE(result.header("x-should-retry"), "false"); // the openai SDKs' retries cannot help
        }
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.script("key-a", {Behaviour::KeyInvalid});
        gateway.fake.script("key-b", {Behaviour::KeyLeaked});
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(result.status, 503);
        QVERIFY(result.json()["error"].toObject()["message"].toString().contains("invalid"));
        QCOMPARE(result.header("x-should-retry"), "false");
    }

    void aModelTheProjectMayNotUseIsNotTheKeysFault()
    {
        // "The caller does not have permission": this project may not use the model. Another
        // key's project may; and the key keeps serving other models.
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.script("key-a", {Behaviour::ModelForbidden});
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
        QCOMPARE(gateway.fake.requests().size(), 2);

        // No key may: Google's 403 reaches the client after each key was asked once.
        for (bool stream : {false, true}) {
            gateway.fake.clearRequests();
            gateway.fake.script("key-a", {Behaviour::ModelForbidden});
            gateway.fake.script("key-b", {Behaviour::ModelForbidden});
            const auto refused = gateway.postJson("/chat/completions", GatewayHarness::chat(stream));
            QCOMPARE(refused.status, 403);
            QCOMPARE(refused.json()["error"].toObject()["message"].toString(), "The caller does not have permission");
            QCOMPARE(refused.json()["error"].toObject()["code"].toString(), "PERMISSION_DENIED");
            QCOMPARE(gateway.fake.requests().size(), 2);
        }
        // Neither key was killed.
        gateway.fake.clearRequests();
        for (int i = 0; i < 2; ++i)
            QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(i % 2)).status, 200);
        QCOMPARE(gateway.fake.requests().size(), 2);
        QVERIFY(gateway.fake.requests()[0].key != gateway.fake.requests()[1].key);
    }

    void clientMistakeIsReturnedNotRetried()
    {
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.script("key-a", {Behaviour::ClientError});
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(result.status, 400);
        QCOMPARE(result.json()["error"].toObject()["message"].toString(), "Request contains an invalid argument.");
        QCOMPARE(gateway.fake.requests().size(), 1);
    }

    void unknownModelIs404()
    {
        GatewayHarness gateway({"key-a"});
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(false, "gemini-0-nonexistent"));
        QCOMPARE(result.status, 404);
        QCOMPARE(result.json()["error"].toObject()["code"].toString(), "model_not_found");
    }

    void malformedJsonIs400AndTheGatewayKeepsServing()
    {
        GatewayHarness gateway({"key-a"});
        for (const QByteArray &body : {QByteArray("{\"model\": "), QByteArray("not json"), QByteArray("[1,2]"),
                                      QByteArray(R"({"model":"gemini-2.5-flash"})"),
                                      QByteArray(R"({"messages":[{"role":"user","content":"hi"}]})")}) {
            const auto result = gateway.postJson("/chat/completions", body);
            QCOMPARE(result.status, 400);
            QCOMPARE(result.json()["error"].toObject()["type"].toString(), "invalid_request_error");
        }
        QCOMPARE(gateway.fake.requests().size(), 0);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void hostileBodiesAre400NotCrashes()
    {
        GatewayHarness gateway({"key-a"});
        // Bodies live in a fixture file, one per line: moc 6.4 misreads raw strings.
        QFile file(QStringLiteral(HYDRA_FIXTURES_DIR "/e2e/hostile-chat-bodies.jsonl"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> bodies = file.readAll().trimmed().split('\n');
        QVERIFY(bodies.size() >= 6);
        bodies.append("{\"model\":\"gemini-2.5-flash\",\"x\":" + QByteArray(200000, '[') + QByteArray(200000, ']') + "}");
        for (const QByteArray &body : bodies) {
            const auto result = gateway.postJson("/chat/completions", body);
            QVERIFY2(result.status == 400, body.left(120));
            QVERIFY(!result.json()["error"].toObject()["message"].toString().isEmpty());
        }
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void midStreamFailureEndsWithAnErrorEvent()
    {
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.script("key-a", {Behaviour::MidStreamError});
        gateway.fake.script("key-b", {Behaviour::DropMidStream});
        for (int i = 0; i < 2; ++i) {
            const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
            QCOMPARE(result.status, 200);
            const QList<QByteArray> events = GatewayHarness::sseData(result.body);
            QVERIFY(!events.contains("[DONE]"));
            const QJsonObject last = QJsonDocument::fromJson(events.last()).object();
            QVERIFY2(last["error"].toObject()["message"].toString().size() > 0, events.last());
        }
        QCOMPARE(gateway.fake.requests().size(), 2); // nothing is retried once bytes reached the client
    }

    void clientDisconnectAbortsTheUpstreamRequest()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.script("key-a", {Behaviour::Stall});
        QNetworkReply *reply = gateway.post("/chat/completions", GatewayHarness::chat(true));
        QTRY_COMPARE(gateway.fake.requests().size(), 1);
        reply->abort();
        reply->deleteLater();
        QTRY_COMPARE(gateway.fake.abortedCount(), 1);

        // Mid-stream too: the client reads the first event and leaves.
        gateway.fake.setEventDelayMs(300);
        gateway.fake.setReplyChunks({"a", "b", "c", "d", "e", "f", "g", "h"});
        QNetworkReply *streaming = gateway.post("/chat/completions", GatewayHarness::chat(true));
        QTRY_VERIFY(streaming->bytesAvailable() > 0);
        streaming->abort();
        streaming->deleteLater();
        QTRY_COMPARE(gateway.fake.abortedCount(), 2);
        // The key was not blamed for the client leaving.
        gateway.fake.setEventDelayMs(0);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void silentUpstreamGetsHeartbeats()
    {
        GatewayHarness gateway({"key-a"}, [](hydra::GatewayConfig &config) { config.relay.heartbeatMs = 100; });
        gateway.fake.setEventDelayMs(350);
        gateway.fake.setReplyChunks({"slow", " answer"});
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(result.status, 200);
        QVERIFY2(result.body.contains(": keep-alive\n\n"), result.body);
        QVERIFY(GatewayHarness::sseData(result.body).contains("[DONE]"));
    }

    void silenceBeforeTheFirstChunkGetsHeartbeatsToo()
    {
        // A thinking model can be silent for minutes before it says anything.
        GatewayHarness gateway({"key-a"}, [](hydra::GatewayConfig &config) { config.relay.heartbeatMs = 100; });
        gateway.fake.setEventDelayMs(450);
        gateway.fake.setReplyChunks({"late"});
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(result.status, 200);
        const qsizetype heartbeat = result.body.indexOf(": keep-alive");
        const qsizetype firstData = result.body.indexOf("data: ");
        QVERIFY2(heartbeat >= 0 && heartbeat < firstData, result.body);
    }

    void aRefusalAfterTheFirstHeartbeatEndsTheStream()
    {
        // Google took longer than one heartbeat interval to refuse the request (a large upload):
        // the client's stream is open by then, so the refusal has to end it as an error event.
        GatewayHarness gateway({"key-a", "key-b"}, [](hydra::GatewayConfig &config) { config.relay.heartbeatMs = 100; });
        gateway.fake.setEventDelayMs(350);
        gateway.fake.script("key-a", {Behaviour::ClientError});
        const auto result = GatewayHarness::finish(gateway.post("/chat/completions", GatewayHarness::chat(true)), 5000);
        QCOMPARE(result.status, 200); // -1 when the stream never ended
        QVERIFY2(result.body.startsWith(": keep-alive\n\n"), result.body);
        const QList<QByteArray> events = GatewayHarness::sseData(result.body);
        QCOMPARE(events.size(), 1);
        const QJsonObject error = QJsonDocument::fromJson(events.first()).object()["error"].toObject();
        QCOMPARE(error["message"].toString(), "Request contains an invalid argument.");
        QCOMPARE(gateway.fake.requests().size(), 1); // the client's mistake: not retried
    }

    void stoppingTheGatewayEndsInFlightStreams()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setEventDelayMs(300);
        gateway.fake.setReplyChunks({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"});
        QNetworkReply *reply = gateway.post("/chat/completions", GatewayHarness::chat(true));
        QTRY_VERIFY(reply->bytesAvailable() > 0);
        gateway.engine.stop();
        const auto result = GatewayHarness::finish(reply, 5000);
        QCOMPARE(result.status, 200);
        const QJsonObject last = QJsonDocument::fromJson(GatewayHarness::sseData(result.body).last()).object();
        QVERIFY(last["error"].toObject()["message"].toString().contains("shutting down"));
    }

    // --- An upstream that takes the request and then says nothing (docs/architecture.md,
    // "Upstream timeouts") ---

    void anUpstreamThatNeverAnswersGivesA504()
    {
        GatewayHarness gateway({"key-a", "key-b"}, shortUpstreamTimeouts);
        gateway.fake.setDefaultBehaviour(Behaviour::Stall);
        for (const bool stream : {false, true}) {
            QElapsedTimer clock;
            clock.start();
            const auto result = GatewayHarness::finish(gateway.post("/chat/completions", GatewayHarness::chat(stream)), 10000);
            QVERIFY2(result.status == 504, result.body); // -1: still waiting
            const QJsonObject error = result.json()["error"].toObject();
            QCOMPARE(error["code"].toString(), QStringLiteral("upstream_timeout"));
            QCOMPARE(error["type"].toString(), QStringLiteral("server_error"));
            QVERIFY2(error["message"].toString().contains("did not answer in time"), result.body);
            QVERIFY2(error["message"].toString().contains("0.3 s"), result.body);
            QVERIFY(clock.elapsed() < 5000);
        }
        // The one failover loop tried again (on the other key first), as for a dropped connection...
        const auto requests = gateway.fake.requests();
        QCOMPARE(requests.size(), 2 * kAttempts);
        QCOMPARE(requests[0].key, QByteArray("key-a"));
        QCOMPARE(requests[1].key, QByteArray("key-b"));
        // ...and every silent call's connection was closed, none left waiting upstream.
        QTRY_COMPARE(gateway.fake.abortedCount(), 2 * kAttempts);
        // Nobody's fault: the keys keep serving.
        gateway.fake.setDefaultBehaviour(Behaviour::Ok);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void aSilentUpstreamEndsAnOpenStreamWithAnErrorEvent()
    {
        // Heartbeats opened the client's stream before the attempts gave up: the 504 comes as the
        // stream's last event, and the heartbeats stop.
        GatewayHarness gateway({"key-a"}, [](hydra::GatewayConfig &config) {
            shortUpstreamTimeouts(config);
            config.relay.heartbeatMs = 100;
        });
        gateway.fake.setDefaultBehaviour(Behaviour::Stall);
        const auto result = GatewayHarness::finish(gateway.post("/chat/completions", GatewayHarness::chat(true)), 10000);
        QCOMPARE(result.status, 200);
        QVERIFY2(result.body.startsWith(": keep-alive\n\n"), result.body);
        const QList<QByteArray> events = GatewayHarness::sseData(result.body);
        QCOMPARE(events.size(), 1);
        const QJsonObject error = QJsonDocument::fromJson(events.first()).object()["error"].toObject();
        QCOMPARE(error["code"].toString(), QStringLiteral("upstream_timeout"));
        QVERIFY2(error["message"].toString().contains("did not answer in time"), events.first());
        QCOMPARE(gateway.fake.requests().size(), kAttempts);
        QTRY_COMPARE(gateway.fake.abortedCount(), kAttempts);
    }

    void anUpstreamThatGoesSilentMidStreamIsCutOff()
    {
        GatewayHarness gateway({"key-a", "key-b"}, shortUpstreamTimeouts);
        gateway.fake.script("key-a", {Behaviour::StallMidStream});
        QElapsedTimer clock;
        clock.start();
        const auto result = GatewayHarness::finish(gateway.post("/chat/completions", GatewayHarness::chat(true)), 10000);
        QCOMPARE(result.status, 200);
        QVERIFY(clock.elapsed() < 5000);
        const QList<QByteArray> events = GatewayHarness::sseData(result.body);
        QVERIFY2(!events.contains("[DONE]"), result.body);
        QVERIFY2(result.body.contains("Hello"), result.body); // the first event reached the client
        const QJsonObject error = QJsonDocument::fromJson(events.last()).object()["error"].toObject();
        QCOMPARE(error["code"].toString(), QStringLiteral("upstream_timeout"));
        QVERIFY2(error["message"].toString().contains("stalled"), events.last());
        QCOMPARE(gateway.fake.requests().size(), 1); // nothing is retried once bytes reached the client
        QTRY_COMPARE(gateway.fake.abortedCount(), 1);
    }

    void aUnaryAnswerThatStallsHalfwayIsRetried()
    {
        GatewayHarness gateway({"key-a", "key-b"}, shortUpstreamTimeouts);
        gateway.fake.script("key-a", {Behaviour::StallMidStream});
        const auto result = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QVERIFY2(result.status == 200, result.body);
        QCOMPARE(result.json()["choices"].toArray().first().toObject()["message"].toObject()["content"].toString(),
                 QStringLiteral("Hello from fake Gemini."));
        const auto requests = gateway.fake.requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[1].key, QByteArray("key-b"));
        QTRY_COMPARE(gateway.fake.abortedCount(), 1);
    }

    void aSlowButSteadyAnswerIsNotCutOff()
    {
        // The limits are on silence, not on the whole answer: six events 150 ms apart take longer
        // than both limits together.
        GatewayHarness gateway({"key-a"}, shortUpstreamTimeouts);
        gateway.fake.setEventDelayMs(150);
        gateway.fake.setReplyChunks({"a", "b", "c", "d", "e", "f"});
        const auto stream = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(stream.status, 200);
        QVERIFY2(GatewayHarness::sseData(stream.body).contains("[DONE]"), stream.body);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
        QCOMPARE(gateway.fake.requests().size(), 2);
    }

    void theNativeApiGetsGooglesShapeOfTheTimeout()
    {
        GatewayHarness gateway({"key-a"}, shortUpstreamTimeouts);
        gateway.fake.setDefaultBehaviour(Behaviour::Stall);
        QNetworkRequest request(QUrl(gateway.baseUrl.chopped(3) + "/v1beta/models/gemini-2.5-flash:generateContent"));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        const auto result = GatewayHarness::finish(
            gateway.network.post(request, R"({"contents":[{"role":"user","parts":[{"text":"Hi"}]}]})"), 10000);
        QCOMPARE(result.status, 504);
        const QJsonObject error = result.json()["error"].toObject();
        QCOMPARE(error["code"].toInt(), 504);
        QCOMPARE(error["status"].toString(), QStringLiteral("DEADLINE_EXCEEDED"));
        QVERIFY2(error["message"].toString().contains("did not answer in time"), result.body);
        QTRY_COMPARE(gateway.fake.abortedCount(), kAttempts);
    }
};

QTEST_GUILESS_MAIN(ChatEndToEnd)
#include "tst_chat_e2e.moc"
