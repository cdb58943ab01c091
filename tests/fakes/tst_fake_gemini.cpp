// Self-test of the fake Gemini over real loopback: the fake is only useful if it answers
// exactly as Google does, so each check below pins a body, a status or a byte of framing.

#include "fake_gemini.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <optional>

using namespace hydra::fakes;
using Json = nlohmann::ordered_json;

namespace {

const QByteArray kHello = R"({"contents":[{"role":"user","parts":[{"text":"Hi there"}]}]})";
const QString kGenerate = QStringLiteral("/v1beta/models/gemini-2.5-flash:generateContent");
const QString kStreamSse = QStringLiteral("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");

struct Reply {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers)
            if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    Json json() const { return Json::parse(body.toStdString()); }
};

// One chunked HTTP/1.1 response read off a raw socket.
struct RawResponse {
    int status = 0;
    QByteArray head;
    QList<QByteArray> chunks;
    bool terminated = false; // the zero-length chunk arrived
    qsizetype consumed = 0;
};

// Parses the response at the front of `data`; returns false while it is incomplete.
bool parseRaw(const QByteArray &data, RawResponse &out)
{
    out = RawResponse{};
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    out.head = data.left(headEnd + 2);
    out.status = data.mid(9, 3).toInt();
    qsizetype pos = headEnd + 4;
    for (;;) {
        const qsizetype eol = data.indexOf("\r\n", pos);
        if (eol < 0)
            return false;
        bool ok = false;
        const qsizetype size = data.mid(pos, eol - pos).toLongLong(&ok, 16);
        if (!ok)
            return false;
        if (size == 0) {
            if (data.size() < eol + 4)
                return false;
            out.terminated = data.mid(eol, 4) == "\r\n\r\n";
            out.consumed = eol + 4;
            return true;
        }
        if (data.size() < eol + 2 + size + 2)
            return false;
        out.chunks.append(data.mid(eol + 2, size));
        pos = eol + 2 + size + 2;
        out.consumed = pos;
    }
}

QByteArray rawPost(const QString &pathAndQuery, const QByteArray &key, const QByteArray &body)
{
    return "POST " + pathAndQuery.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-goog-api-key: " + key
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body;
}

// A file of tests/fixtures/tls (test-only certificates).
QByteArray tlsFixture(const char *name)
{
    QFile file(QStringLiteral(HYDRA_FIXTURES_DIR "/tls/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<Json> sseEvents(const QByteArray &body)
{
    QList<Json> events;
    for (const QByteArray &block : body.split('\n')) {
        if (block.startsWith("data: "))
            events.append(Json::parse(block.mid(6).trimmed().toStdString()));
    }
    return events;
}

} // namespace

class TestFakeGemini : public QObject {
    Q_OBJECT

private:
    FakeGemini *m_fake = nullptr;
    QNetworkAccessManager *m_nam = nullptr;

    QNetworkReply *send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &key,
                        const QByteArray &body = {}, const QList<QPair<QByteArray, QByteArray>> &extra = {})
    {
        QNetworkRequest request(QUrl(m_fake->baseUrl() + pathAndQuery));
        if (!key.isEmpty())
            request.setRawHeader("x-goog-api-key", key);
        for (const auto &h : extra)
            request.setRawHeader(h.first, h.second);
        if (method == "POST") {
            request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
            return m_nam->post(request, body);
        }
        return m_nam->get(request);
    }

    Reply call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &key,
               const QByteArray &body = {}, const QList<QPair<QByteArray, QByteArray>> &extra = {})
    {
        QNetworkReply *reply = send(method, pathAndQuery, key, body, extra);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000))
            qWarning("no answer within 10 s for %s", qPrintable(pathAndQuery));
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.headers = reply->rawHeaderPairs();
        r.error = reply->error();
        reply->deleteLater();
        return r;
    }

    Reply generate(const QByteArray &key, const QByteArray &body = kHello) { return call("POST", kGenerate, key, body); }

    // A generateContent (or, with `stream`, an alt=sse stream) call on any model.
    Reply generateOn(const QByteArray &key, const QByteArray &body, const char *model = "gemini-2.5-flash",
                     bool stream = false)
    {
        return call("POST",
                    QStringLiteral("/v1beta/models/%1:%2")
                        .arg(QLatin1String(model),
                             stream ? QStringLiteral("streamGenerateContent?alt=sse") : QStringLiteral("generateContent")),
                    key, body);
    }

    static Json candidateOf(const Reply &r) { return r.json()["candidates"][0]; }

    // A question with two declared functions: get_weather(city, unit[, days]) and get_time(zone).
    static QByteArray toolBody()
    {
        const Json weather{{"name", "get_weather"},
                           {"description", "Current weather in a city"},
                           {"parameters",
                            {{"type", "object"},
                             {"properties",
                              {{"city", {{"type", "string"}}},
                               {"unit", {{"type", "string"}, {"enum", Json::array({"celsius", "fahrenheit"})}}},
                               {"days", {{"type", "integer"}}}}},
                             {"required", Json::array({"city", "unit"})}}}};
        const Json time{{"name", "get_time"},
                        {"parameters",
                         {{"type", "object"}, {"properties", {{"zone", {{"type", "string"}}}}}, {"required", Json::array({"zone"})}}}};
        const Json body{
            {"contents", Json::array({Json{{"role", "user"}, {"parts", Json::array({Json{{"text", "Weather?"}}})}}})},
            {"tools", Json::array({Json{{"functionDeclarations", Json::array({weather, time})}}})}};
        return QByteArray::fromStdString(body.dump());
    }

    static Json callPart(const char *name, const Json &args, const std::string &signature = {})
    {
        Json part{{"functionCall", Json{{"name", name}, {"args", args.is_null() ? Json::object() : args}}}};
        if (!signature.empty())
            part["thoughtSignature"] = signature;
        return part;
    }

    // toolBody() continued: the model's call turn, one response per call, then more from the user.
    static QByteArray historyBody(const std::vector<Json> &callParts)
    {
        Json body = Json::parse(toolBody().toStdString());
        Json responses = Json::array();
        for (const Json &part : callParts)
            responses.push_back(Json{{"functionResponse", Json{{"name", part["functionCall"]["name"]},
                                                               {"response", Json{{"result", "18 C"}}}}}});
        body["contents"].push_back(Json{{"role", "model"}, {"parts", Json(callParts)}});
        body["contents"].push_back(Json{{"role", "user"}, {"parts", responses}});
        return QByteArray::fromStdString(body.dump());
    }

    // Checks the common shape of one of Google's error bodies and returns error{}.
    static Json errorOf(const Reply &r, int code, const char *status)
    {
        [&] {
            QCOMPARE(r.status, code);
            QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=UTF-8"));
            // Google pretty-prints errors with a two-space indent.
            QVERIFY2(r.body.startsWith("{\n  \"error\": {\n    \"code\": " + QByteArray::number(code) + ",\n"),
                     r.body.constData());
        }();
        const Json j = r.json();
        const Json e = j.at("error");
        [&] {
            QCOMPARE(e.at("code").get<int>(), code);
            QCOMPARE(QByteArray::fromStdString(e.at("status").get<std::string>()), QByteArray(status));
        }();
        return e;
    }

    static QByteArray message(const Json &error)
    {
        return QByteArray::fromStdString(error.at("message").get<std::string>());
    }

    bool readUntil(QTcpSocket &socket, QByteArray &buffer, const std::function<bool()> &done, int timeoutMs = 5000)
    {
        return QTest::qWaitFor(
            [&] {
                buffer += socket.readAll();
                return done();
            },
            timeoutMs);
    }

    // What the fake sends on a fresh connection after `request`, up to the moment it closes the
    // connection; nothing when it does not close it within 5 s.
    std::optional<QByteArray> untilClosed(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_fake->port());
        if (!socket.waitForConnected(5000))
            return std::nullopt;
        socket.write(request);
        QByteArray buffer;
        if (!readUntil(socket, buffer, [&] { return socket.state() == QAbstractSocket::UnconnectedState; }))
            return std::nullopt;
        return buffer + socket.readAll();
    }

private Q_SLOTS:
    void init()
    {
        m_fake = new FakeGemini(this);
        QVERIFY(m_fake->listen());
        QVERIFY(m_fake->port() != 0);
        QCOMPARE(m_fake->baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(m_fake->port()));
        m_nam = new QNetworkAccessManager(this);
    }

    void cleanup()
    {
        delete m_nam;
        m_nam = nullptr;
        delete m_fake;
        m_fake = nullptr;
    }

    void unaryOkShape()
    {
        const Reply r = generate("k1");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=UTF-8"));
        QCOMPARE(r.header("Server"), QByteArray("scaffolding on HTTPServer2"));
        QVERIFY(r.body.startsWith("{\n  \"candidates\": [\n    {\n      \"content\": {\n        \"parts\": [\n"));

        const Json j = r.json();
        std::vector<std::string> keys;
        for (auto it = j.begin(); it != j.end(); ++it)
            keys.push_back(it.key());
        QCOMPARE(keys, (std::vector<std::string>{"candidates", "usageMetadata", "modelVersion", "responseId"}));
        QCOMPARE(j["candidates"].size(), std::size_t(1));
        const Json &c = j["candidates"][0];
        QCOMPARE(c["content"]["parts"][0]["text"].get<std::string>(), std::string("Hello from fake Gemini."));
        QCOMPARE(c["content"]["role"].get<std::string>(), std::string("model"));
        QCOMPARE(c["finishReason"].get<std::string>(), std::string("STOP"));
        QCOMPARE(c["index"].get<int>(), 0);
        const Json &u = j["usageMetadata"];
        QCOMPARE(u["promptTokenCount"].get<int>(), 2); // "Hi there": a token per 4 characters
        QVERIFY(u["candidatesTokenCount"].get<int>() > 0);
        QCOMPARE(u["totalTokenCount"].get<int>(), u["promptTokenCount"].get<int>() + u["candidatesTokenCount"].get<int>());
        QCOMPARE(u["promptTokensDetails"][0]["modality"].get<std::string>(), std::string("TEXT"));
        QCOMPARE(j["modelVersion"].get<std::string>(), std::string("gemini-2.5-flash"));
        QVERIFY(j["responseId"].get<std::string>().size() >= 20);
        QVERIFY(generate("k1").json()["responseId"] != j["responseId"]);
    }

    void unaryCandidateCount()
    {
        const Reply r = generate("k1", R"({"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"candidateCount":3}})");
        QCOMPARE(r.status, 200);
        const Json j = r.json();
        QCOMPARE(j["candidates"].size(), std::size_t(3));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(j["candidates"][i]["index"].get<int>(), i);
    }

    void sseFraming()
    {
        const Reply r = call("POST", kStreamSse, "k1", kHello);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("text/event-stream"));
        QVERIFY(!r.body.contains("[DONE]"));
        QVERIFY(r.body.endsWith("\r\n\r\n"));
        // Every event is one "data: {json}" line followed by a blank line.
        QCOMPARE(r.body.count("\r\n\r\n"), qsizetype(4));
        for (const QByteArray &event : r.body.chopped(4).replace("\r\n\r\n", "\n").split('\n')) {
            QVERIFY2(event.startsWith("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": "), event.constData());
            QVERIFY(!event.contains('\r'));
        }
        // Google's one-line printer: ": " after keys, nothing after commas.
        QVERIFY(r.body.contains(R"(data: {"candidates": [{"content": {"parts": [{"text": "Hello"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 2,)"));

        const QList<Json> events = sseEvents(r.body);
        QCOMPARE(events.size(), 4);
        std::string text;
        int lastTokens = 0;
        for (int i = 0; i < events.size(); ++i) {
            const Json &e = events[i];
            const Json &c = e["candidates"][0];
            text += c["content"]["parts"][0]["text"].get<std::string>();
            QCOMPARE(c.contains("finishReason"), i == events.size() - 1);
            QCOMPARE(e["responseId"], events[0]["responseId"]);
            QCOMPARE(e["modelVersion"].get<std::string>(), std::string("gemini-2.5-flash"));
            const int tokens = e["usageMetadata"]["candidatesTokenCount"].get<int>();
            QVERIFY(tokens > lastTokens); // cumulative
            lastTokens = tokens;
        }
        QCOMPARE(text, std::string("Hello from fake Gemini."));
        QCOMPARE(events.last()["candidates"][0]["finishReason"].get<std::string>(), std::string("STOP"));
    }

    void replyChunksAreConfigurable()
    {
        m_fake->setReplyChunks({QStringLiteral("A"), QStringLiteral("B")});
        QCOMPARE(sseEvents(call("POST", kStreamSse, "k1", kHello).body).size(), 2);
        QCOMPARE(generate("k1").json()["candidates"][0]["content"]["parts"][0]["text"].get<std::string>(),
                 std::string("AB"));
    }

    void anglesAreEscapedLikeGoogle()
    {
        // Google's printer writes '<' and '>' as \u003c and \u003e inside strings.
        m_fake->setReplyChunks({QStringLiteral("<b>"), QStringLiteral("it's")});
        const Reply r = generate("k1");
        QVERIFY(r.body.contains("\"text\": \"\\u003cb\\u003eit's\""));
        QCOMPARE(r.json()["candidates"][0]["content"]["parts"][0]["text"].get<std::string>(), std::string("<b>it's"));
        QVERIFY(call("POST", kStreamSse, "k1", kHello).body.contains("{\"text\": \"\\u003cb\\u003e\"}"));
    }

    void http10ClientGetsCloseDelimitedBody()
    {
        QByteArray request = rawPost(kStreamSse, "k1", kHello);
        request.replace("HTTP/1.1", "HTTP/1.0");
        const auto answer = untilClosed(request);
        QVERIFY(answer);
        const QByteArray &buffer = *answer;
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        QVERIFY(headEnd > 0);
        const QByteArray head = buffer.left(headEnd + 2);
        QVERIFY(!head.contains("Transfer-Encoding"));
        QVERIFY(head.contains("\r\nConnection: close\r\n"));
        QVERIFY(buffer.mid(headEnd + 4).startsWith("data: {"));
        QCOMPARE(sseEvents(buffer.mid(headEnd + 4)).size(), 4);
    }

    void streamWithoutAltSseIsOneJsonArray()
    {
        const Reply r = call("POST", QStringLiteral("/v1beta/models/gemini-2.5-flash:streamGenerateContent"), "k1", kHello);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json; charset=UTF-8"));
        QVERIFY(r.body.startsWith("[{\n  \"candidates\""));
        const Json j = r.json();
        QVERIFY(j.is_array());
        QCOMPARE(j.size(), std::size_t(4));
        QVERIFY(j[3]["candidates"][0].contains("finishReason"));

        // Errors on this path come wrapped in a list.
        m_fake->script("k2", {Behaviour::Overloaded});
        const Reply e = call("POST", QStringLiteral("/v1beta/models/gemini-2.5-flash:streamGenerateContent"), "k2", kHello);
        QCOMPARE(e.status, 503);
        QVERIFY(e.body.startsWith("[{\n  \"error\": {"));
        QCOMPARE(e.json()[0]["error"]["status"].get<std::string>(), std::string("UNAVAILABLE"));
    }

    void chunkedKeepAliveOnRawSocket()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_fake->port());
        QVERIFY(socket.waitForConnected(5000));
        // Two requests back to back on one connection (pipelined).
        socket.write(rawPost(kGenerate, "k1", kHello) + rawPost(kStreamSse, "k1", kHello));
        QByteArray buffer;
        RawResponse first, second;
        QVERIFY(readUntil(socket, buffer, [&] {
            return parseRaw(buffer, first) && parseRaw(buffer.mid(first.consumed), second);
        }));
        QCOMPARE(first.status, 200);
        QVERIFY(first.head.contains("\r\nTransfer-Encoding: chunked\r\n"));
        QVERIFY(first.head.contains("\r\nContent-Type: application/json; charset=UTF-8\r\n"));
        QVERIFY(first.terminated);
        QCOMPARE(first.chunks.size(), 1);
        QVERIFY(Json::parse(first.chunks[0].toStdString()).contains("candidates"));

        QCOMPARE(second.status, 200);
        QVERIFY(second.head.contains("\r\nContent-Type: text/event-stream\r\n"));
        QVERIFY(second.terminated);
        QCOMPARE(second.chunks.size(), 4); // one HTTP chunk per event
        for (const QByteArray &c : second.chunks) {
            QVERIFY(c.startsWith("data: {"));
            QVERIFY(c.endsWith("}\r\n\r\n"));
        }
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState); // kept alive
        QCOMPARE(m_fake->requests().size(), 2);
        QCOMPARE(m_fake->connectionCount(), 1);
    }

    void tlsKeepAliveOnRawSocket()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        FakeGemini fake;
        QVERIFY(fake.listenTls(QSslCertificate(tlsFixture("server.pem")), QSslKey(tlsFixture("server.key"), QSsl::Ec)));
        QCOMPARE(fake.baseUrl(), QStringLiteral("https://127.0.0.1:%1").arg(fake.port()));
        // A client like Hydra's: trusts the test CA, offers only http/1.1.
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setCaCertificates(QSslCertificate::fromData(tlsFixture("ca.pem")));
        config.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
        QSslSocket socket;
        socket.setSslConfiguration(config);
        QList<QSslError> errors;
        connect(&socket, &QSslSocket::sslErrors, this, [&](const QList<QSslError> &e) { errors = e; });
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), fake.port());
        QVERIFY(QTest::qWaitFor([&] { return socket.isEncrypted() || !errors.isEmpty(); }, 5000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).errorString()));
        QCOMPARE(socket.sslConfiguration().nextNegotiatedProtocol(), QByteArray("http/1.1"));

        socket.write(rawPost(kGenerate, "k1", kHello) + rawPost(kStreamSse, "k1", kHello));
        QByteArray buffer;
        RawResponse first, second;
        QVERIFY(readUntil(socket, buffer, [&] {
            return parseRaw(buffer, first) && parseRaw(buffer.mid(first.consumed), second);
        }));
        QCOMPARE(first.status, 200);
        QVERIFY(first.terminated);
        QCOMPARE(second.status, 200);
        QCOMPARE(second.chunks.size(), 4);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState); // kept alive
        QCOMPARE(fake.requests().size(), 2);
        QCOMPARE(fake.connectionCount(), 1);
        QCOMPARE(m_fake->connectionCount(), 0); // the plain fake saw none of it
    }

    void behaviours_data()
    {
        QTest::addColumn<int>("behaviour");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<QByteArray>("message"); // exact, or a prefix when it ends in "..."

        const QByteArray quota = "You exceeded your current quota, please check your plan and billing details. For more "
                                 "information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. "
                                 "To monitor your current usage, head to: https://ai.dev/rate-limit. \n* Quota exceeded "
                                 "for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, ";
        QTest::newRow("RateLimitPerMinute") << int(Behaviour::RateLimitPerMinute) << 429 << QByteArray("RESOURCE_EXHAUSTED")
                                            << quota + "limit: 10, model: gemini-2.5-flash\nPlease retry in 57.219397761s.";
        QTest::newRow("RateLimitPerDay") << int(Behaviour::RateLimitPerDay) << 429 << QByteArray("RESOURCE_EXHAUSTED")
                                         << quota + "limit: 20, model: gemini-2.5-flash\nPlease retry in 57.219397761s.";
        QTest::newRow("RateLimitBare") << int(Behaviour::RateLimitBare) << 429 << QByteArray("RESOURCE_EXHAUSTED")
                                       << QByteArray("Resource has been exhausted (e.g. check quota).");
        QTest::newRow("RateLimitNoFreeTier") << int(Behaviour::RateLimitNoFreeTier) << 429
                                             << QByteArray("RESOURCE_EXHAUSTED")
                                             << quota + "limit: 0, model: gemini-2.5-flash\nPlease retry in 57.219397761s.";
        QTest::newRow("KeyInvalid") << int(Behaviour::KeyInvalid) << 400 << QByteArray("INVALID_ARGUMENT")
                                    << QByteArray("API key not valid. Please pass a valid API key.");
        QTest::newRow("KeyExpired") << int(Behaviour::KeyExpired) << 400 << QByteArray("INVALID_ARGUMENT")
                                    << QByteArray("API key expired. Please renew the API key.");
        QTest::newRow("KeyLeaked") << int(Behaviour::KeyLeaked) << 403 << QByteArray("PERMISSION_DENIED")
                                   << QByteArray("Your API key was reported as leaked. Please use another API key.");
        QTest::newRow("Cancelled") << int(Behaviour::Cancelled) << 499 << QByteArray("CANCELLED")
                                   << QByteArray("The operation was cancelled.");
        QTest::newRow("ModelForbidden") << int(Behaviour::ModelForbidden) << 403 << QByteArray("PERMISSION_DENIED")
                                        << QByteArray("The caller does not have permission");
        QTest::newRow("Overloaded") << int(Behaviour::Overloaded) << 503 << QByteArray("UNAVAILABLE")
                                    << QByteArray("The model is overloaded. Please try again later.");
        QTest::newRow("Internal") << int(Behaviour::Internal) << 500 << QByteArray("INTERNAL")
                                  << QByteArray("An internal error has occurred. Please retry or report in "
                                                "https://developers.generativeai.google/guide/troubleshooting");
        QTest::newRow("GatewayTimeout") << int(Behaviour::GatewayTimeout) << 504 << QByteArray("DEADLINE_EXCEEDED")
                                        << QByteArray("Deadline expired before operation could complete.");
        QTest::newRow("ClientError") << int(Behaviour::ClientError) << 400 << QByteArray("INVALID_ARGUMENT")
                                     << QByteArray("Request contains an invalid argument.");
    }

    void behaviours()
    {
        QFETCH(int, behaviour);
        QFETCH(int, code);
        QFETCH(QByteArray, status);
        QFETCH(QByteArray, message);
        const auto b = Behaviour(behaviour);
        QCOMPARE(behaviourFromName(behaviourName(b)), std::optional<Behaviour>(b));

        m_fake->script("kb", {b});
        const Json e = errorOf(generate("kb"), code, status.constData());
        QCOMPARE(TestFakeGemini::message(e), message);
        // The script is used up: the same key now gets the default answer.
        QCOMPARE(generate("kb").status, 200);

        switch (b) {
        case Behaviour::RateLimitPerMinute:
        case Behaviour::RateLimitPerDay:
        case Behaviour::RateLimitNoFreeTier: {
            const Json &d = e["details"];
            QCOMPARE(d.size(), std::size_t(3));
            QCOMPARE(d[0]["@type"].get<std::string>(), std::string("type.googleapis.com/google.rpc.Help"));
            QCOMPARE(d[1]["@type"].get<std::string>(), std::string("type.googleapis.com/google.rpc.QuotaFailure"));
            QCOMPARE(d[2]["@type"].get<std::string>(), std::string("type.googleapis.com/google.rpc.RetryInfo"));
            QCOMPARE(d[2]["retryDelay"].get<std::string>(), std::string("57s"));
            const Json &v = d[1]["violations"];
            if (b == Behaviour::RateLimitNoFreeTier) {
                QCOMPARE(v.size(), std::size_t(3));
                QCOMPARE(v[2]["quotaId"].get<std::string>(), std::string("GenerateRequestsPerDayPerProjectPerModel-FreeTier"));
            } else {
                QCOMPARE(v.size(), std::size_t(1));
                QCOMPARE(v[0]["quotaId"].get<std::string>(),
                         std::string(b == Behaviour::RateLimitPerDay ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
                                                                     : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"));
            }
            QCOMPARE(v[0]["quotaDimensions"]["model"].get<std::string>(), std::string("gemini-2.5-flash"));
            QCOMPARE(v[0]["quotaDimensions"]["location"].get<std::string>(), std::string("global"));
            QVERIFY(!v[0].contains("quotaValue"));
            break;
        }
        case Behaviour::KeyInvalid:
        case Behaviour::KeyExpired: {
            const Json &d = e["details"];
            QCOMPARE(d.size(), std::size_t(2));
            QCOMPARE(d[0]["@type"].get<std::string>(), std::string("type.googleapis.com/google.rpc.ErrorInfo"));
            QCOMPARE(d[0]["reason"].get<std::string>(), std::string("API_KEY_INVALID"));
            QCOMPARE(d[0]["domain"].get<std::string>(), std::string("googleapis.com"));
            QCOMPARE(d[0]["metadata"]["service"].get<std::string>(), std::string("generativelanguage.googleapis.com"));
            QCOMPARE(d[1]["@type"].get<std::string>(), std::string("type.googleapis.com/google.rpc.LocalizedMessage"));
            QCOMPARE(d[1]["locale"].get<std::string>(), std::string("en-US"));
            QCOMPARE(QByteArray::fromStdString(d[1]["message"].get<std::string>()), message);
            break;
        }
        default:
            QVERIFY(!e.contains("details"));
            break;
        }
    }

    void quotaValueAndRetryDelay()
    {
        m_fake->setRetryDelay(QStringLiteral("30s"));
        m_fake->setQuotaValue(QStringLiteral("250"));
        m_fake->script("kq", {Behaviour::RateLimitPerDay});
        const Json e = errorOf(generate("kq"), 429, "RESOURCE_EXHAUSTED");
        QVERIFY(message(e).endsWith("limit: 250, model: gemini-2.5-flash\nPlease retry in 30.219397761s."));
        QCOMPARE(e["details"][1]["violations"][0]["quotaValue"].get<std::string>(), std::string("250"));
        QCOMPARE(e["details"][2]["retryDelay"].get<std::string>(), std::string("30s"));
    }

    void scriptsAreConsumedInOrderPerKey()
    {
        m_fake->script("k1", {Behaviour::RateLimitPerMinute, Behaviour::Overloaded});
        m_fake->script("k2", {Behaviour::Internal});
        QCOMPARE(generate("k1").status, 429);
        QCOMPARE(generate("k2").status, 500);
        QCOMPARE(generate("k1").status, 503);
        QCOMPARE(generate("k1").status, 200);
        QCOMPARE(generate("k2").status, 200);
        QByteArrayList keys;
        for (const ReceivedRequest &r : m_fake->requests())
            keys << r.key;
        QCOMPARE(keys, (QByteArrayList{"k1", "k2", "k1", "k1", "k2"}));

        // The models list does not consume a script; streams and embeddings do.
        m_fake->script("k3", {Behaviour::Internal, Behaviour::Overloaded});
        QCOMPARE(call("GET", QStringLiteral("/v1beta/models"), "k3").status, 200);
        QCOMPARE(call("POST", kStreamSse, "k3", kHello).status, 500);
        QCOMPARE(call("POST", QStringLiteral("/v1beta/models/gemini-embedding-001:embedContent"), "k3",
                      R"({"content":{"parts":[{"text":"a"}]}})")
                     .status,
                 503);

        m_fake->setDefaultBehaviour(Behaviour::Overloaded);
        QCOMPARE(generate("unscripted").status, 503);
    }

    void authentication()
    {
        const Json e = errorOf(generate(""), 403, "PERMISSION_DENIED");
        QCOMPARE(message(e), QByteArray("Method doesn't allow unregistered callers (callers without established "
                                        "identity). Please use API Key or other form of API consumer identity to call "
                                        "this API."));
        QCOMPARE(errorOf(call("GET", QStringLiteral("/v1beta/models"), ""), 403, "PERMISSION_DENIED")["message"],
                 e["message"]);

        QCOMPARE(call("POST", kGenerate + QStringLiteral("?key=from%2Bquery"), "", kHello).status, 200);
        QCOMPARE(m_fake->requests().last().key, QByteArray("from+query"));
        QCOMPARE(m_fake->requests().last().query, QByteArray("key=from%2Bquery"));

        // An API key in Authorization is an OAuth token to a native path, and refused.
        errorOf(call("POST", kGenerate, "", kHello, {{"Authorization", "Bearer AIzaSyFake"}}), 401, "UNAUTHENTICATED");

        // Recorded requests keep headers (names lower-cased) and the body.
        m_fake->clearRequests();
        generate("k9");
        const ReceivedRequest r = m_fake->requests().first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/v1beta/models/gemini-2.5-flash:generateContent"));
        QCOMPARE(r.body, kHello);
        bool sawKey = false;
        for (const auto &h : r.headers)
            sawKey |= h.first == "x-goog-api-key" && h.second == "k9";
        QVERIFY(sawKey);
    }

    void modelsPagination()
    {
        m_fake->setMaxPageSize(3);
        QStringList names;
        QString token;
        int pages = 0;
        do {
            QString q = QStringLiteral("/v1beta/models");
            if (!token.isEmpty())
                q += QStringLiteral("?pageToken=") + QString::fromLatin1(QUrl::toPercentEncoding(token));
            const Reply r = call("GET", q, "k1");
            QCOMPARE(r.status, 200);
            const Json j = r.json();
            QVERIFY(j["models"].size() <= 3);
            for (const auto &m : j["models"])
                names << QString::fromStdString(m["name"].get<std::string>());
            token = j.contains("nextPageToken") ? QString::fromStdString(j["nextPageToken"].get<std::string>()) : QString();
            ++pages;
        } while (!token.isEmpty() && pages < 20);
        QCOMPARE(names.size(), 11);
        QCOMPARE(pages, 4);
        QCOMPARE(names.removeDuplicates(), qsizetype(0));
        for (const char *id : {"gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite", "gemini-2.0-flash",
                               "gemini-3-flash-preview", "gemini-embedding-001", "gemini-2.5-flash-preview-tts",
                               "imagen-4.0-generate-001", "gemma-3-27b-it", "gemini-flash-latest",
                               "gemini-flash-lite-latest"})
            QVERIFY2(names.contains(QStringLiteral("models/") + QLatin1String(id)), id);

        QCOMPARE(call("GET", QStringLiteral("/v1beta/models?pageSize=2"), "k1").json()["models"].size(), std::size_t(2));
        QCOMPARE(call("GET", QStringLiteral("/v1beta/models?pageSize=100"), "k1").json()["models"].size(), std::size_t(3));
        m_fake->setMaxPageSize(50);
        const Json all = call("GET", QStringLiteral("/v1beta/models"), "k1").json();
        QCOMPARE(all["models"].size(), std::size_t(11));
        QVERIFY(!all.contains("nextPageToken"));
        errorOf(call("GET", QStringLiteral("/v1beta/models?pageToken=forged"), "k1"), 400, "INVALID_ARGUMENT");
    }

    void modelGet()
    {
        const Reply r = call("GET", QStringLiteral("/v1beta/models/gemini-2.5-flash"), "k1");
        QCOMPARE(r.status, 200);
        const Json m = r.json();
        QCOMPARE(m["name"].get<std::string>(), std::string("models/gemini-2.5-flash"));
        QCOMPARE(m["inputTokenLimit"].get<int>(), 1048576);
        QCOMPARE(m["thinking"].get<bool>(), true);
        QVERIFY(r.body.contains("\"temperature\": 1,\n")); // an integer, as Google prints it

        const Json imagen = call("GET", QStringLiteral("/v1beta/models/imagen-4.0-generate-001"), "k1").json();
        QCOMPARE(imagen["supportedGenerationMethods"], Json::array({"predict"}));

        const Json e = errorOf(call("GET", QStringLiteral("/v1beta/models/gemini-9"), "k1"), 404, "NOT_FOUND");
        QCOMPARE(message(e), QByteArray("Model is not found: models/gemini-9 for api version v1beta"));
    }

    void unknownModelsAndPaths()
    {
        Json e = errorOf(call("POST", QStringLiteral("/v1beta/models/gemini-1.5-flash:generateContent"), "k1", kHello), 404,
                         "NOT_FOUND");
        QCOMPARE(message(e), QByteArray("models/gemini-1.5-flash is not found for API version v1beta, or is not "
                                        "supported for generateContent. Call ListModels to see the list of available "
                                        "models and their supported methods."));
        e = errorOf(call("POST", QStringLiteral("/v1beta/models/gemini-1.5-flash:streamGenerateContent?alt=sse"), "k1", kHello),
                    404, "NOT_FOUND");
        QVERIFY(message(e).contains("or is not supported for streamGenerateContent."));
        // Listed, but not for this method.
        errorOf(call("POST", QStringLiteral("/v1beta/models/imagen-4.0-generate-001:generateContent"), "k1", kHello), 404,
                "NOT_FOUND");
        errorOf(call("POST", QStringLiteral("/v1beta/models/gemini-2.5-flash:embedContent"), "k1",
                     R"({"content":{"parts":[{"text":"a"}]}})"),
                404, "NOT_FOUND");
        errorOf(call("GET", QStringLiteral("/v1beta/nothing"), "k1"), 404, "NOT_FOUND");
        errorOf(call("POST", QStringLiteral("/v1beta/models/gemini-2.5-flash:frobnicate"), "k1", kHello), 404, "NOT_FOUND");
    }

    void validation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("field"); // of the first BadRequest violation; "-" = no details

        const QByteArray hi = R"("contents":[{"role":"user","parts":[{"text":"hi"}]}])";
        QTest::newRow("unknown top-level") << "{" + hi + R"(,"parallel_tool_calls":true})"
                                           << QByteArray(R"(Invalid JSON payload received. Unknown name "parallel_tool_calls": Cannot find field.)")
                                           << QByteArray();
        QTest::newRow("unknown generationConfig") << "{" + hi + R"(,"generationConfig":{"max_tokens":5}})"
                                                  << QByteArray(R"(Invalid JSON payload received. Unknown name "max_tokens" at 'generation_config': Cannot find field.)")
                                                  << QByteArray("generation_config");
        QTest::newRow("two unknown names")
            << "{" + hi + R"(,"user":"u","generation_config":{"thinking_config":{"effort":"low"}}})"
            << QByteArray("Invalid JSON payload received. Unknown name \"user\": Cannot find field.\nInvalid JSON payload "
                          "received. Unknown name \"effort\" at 'generation_config.thinking_config': Cannot find field.")
            << QByteArray();
        QTest::newRow("openai-shaped tool") << "{" + hi + R"(,"tools":[{"type":"function","function":{"name":"f"}}]})"
                                            << QByteArray("Invalid JSON payload received. Unknown name \"type\" at 'tools[0]': Cannot find field.\n"
                                                          "Invalid JSON payload received. Unknown name \"function\" at 'tools[0]': Cannot find field.")
                                            << QByteArray("tools[0]");
        QTest::newRow("schema keyword")
            << "{" + hi
                + R"(,"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"object","properties":{"city":{"type":"string","additionalProperties":false}}}}]}]})"
            << QByteArray("Invalid JSON payload received. Unknown name \"additionalProperties\" at "
                          "'tools[0].function_declarations[0].parameters.properties[0].value': Cannot find field.")
            << QByteArray("tools[0].function_declarations[0].parameters.properties[0].value");
        QTest::newRow("string contents") << QByteArray(R"({"contents":"hi"})")
                                         << QByteArray("Invalid value at 'contents' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), \"hi\"")
                                         << QByteArray("contents");
        QTest::newRow("root array") << QByteArray("[]")
                                    << QByteArray("Invalid JSON payload received. Unknown name \"\": Root element must be a message.")
                                    << QByteArray();
        QTest::newRow("contents missing") << QByteArray("{}")
                                          << QByteArray("* GenerateContentRequest.contents: contents is not specified\n")
                                          << QByteArray("-");
        QTest::newRow("contents empty") << QByteArray(R"({"contents":[]})")
                                        << QByteArray("* GenerateContentRequest.contents: contents is not specified\n")
                                        << QByteArray("-");
        QTest::newRow("empty body") << QByteArray()
                                    << QByteArray("* GenerateContentRequest.contents: contents is not specified\n")
                                    << QByteArray("-");
        QTest::newRow("parts empty") << QByteArray(R"({"contents":[{"role":"user","parts":[]}]})")
                                     << QByteArray("* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n")
                                     << QByteArray("-");
        QTest::newRow("part without data")
            << QByteArray(R"({"contents":[{"role":"user","parts":[{"text":"a"},{"thought":true}]}]})")
            << QByteArray("* GenerateContentRequest.contents[0].parts[1].data: required oneof field 'data' must have one initialized field\n")
            << QByteArray("-");
        QTest::newRow("assistant role") << QByteArray(R"({"contents":[{"role":"assistant","parts":[{"text":"a"}]}]})")
                                        << QByteArray("Please use a valid role: user, model.") << QByteArray("-");
        QTest::newRow("system role") << QByteArray(R"({"contents":[{"role":"system","parts":[{"text":"a"}]}]})")
                                     << QByteArray("Please use a valid role: user, model.") << QByteArray("-");
    }

    void validation()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, field);
        const Json e = errorOf(generate("k1", body), 400, "INVALID_ARGUMENT");
        QCOMPARE(TestFakeGemini::message(e), message);
        if (field == "-") {
            QVERIFY(!e.contains("details"));
            return;
        }
        const Json &d = e.at("details");
        QCOMPARE(d[0]["@type"].get<std::string>(), std::string("type.googleapis.com/google.rpc.BadRequest"));
        const Json &v = d[0]["fieldViolations"][0];
        QCOMPARE(v.contains("field"), !field.isEmpty());
        if (!field.isEmpty())
            QCOMPARE(QByteArray::fromStdString(v["field"].get<std::string>()), field);
        QCOMPARE(QByteArray::fromStdString(v["description"].get<std::string>()), message.split('\n').first());
    }

    void invalidJson()
    {
        const Json e = errorOf(generate("k1", R"({"contents": [)"), 400, "INVALID_ARGUMENT");
        QVERIFY(message(e).startsWith("Invalid JSON payload received."));
        QCOMPARE(e["details"][0]["@type"].get<std::string>(), std::string("type.googleapis.com/google.rpc.BadRequest"));
    }

    void acceptedRequestShapes()
    {
        // snake_case, system instructions, tools, thinking and a function-call round trip.
        const QByteArray body = R"({
          "system_instruction": {"parts": [{"text": "Be terse."}]},
          "contents": [
            {"role": "user", "parts": [{"text": "Weather?"}, {"inline_data": {"mime_type": "image/png", "data": "AAAA"}}]},
            {"role": "model", "parts": [{"functionCall": {"name": "get_weather", "args": {"city": "Paris"}},
                                         "thoughtSignature": "c2ln"}]},
            {"role": "user", "parts": [{"functionResponse": {"name": "get_weather", "response": {"result": {"t": 18}}}}]},
            {"parts": [{"text": "and tomorrow?"}]}
          ],
          "tools": [{"function_declarations": [{"name": "get_weather", "description": "d",
                       "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING", "nullable": true,
                         "enum": ["Paris"]}}, "required": ["city"], "propertyOrdering": ["city"]}}]},
                    {"googleSearch": {}}],
          "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}},
          "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"}],
          "generation_config": {"max_output_tokens": 5, "temperature": 1.0, "topP": 0.95, "stop_sequences": ["END"],
                                "responseMimeType": "application/json",
                                "responseJsonSchema": {"type": "object", "additionalProperties": false},
                                "thinking_config": {"thinking_budget": 0, "include_thoughts": true}}
        })";
        const Reply r = generate("k1", body);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json()["usageMetadata"]["promptTokenCount"].get<int>(), 8); // (9 + 8 + 13 + 3) / 4 rounded up
    }

    void midStreamError()
    {
        m_fake->script("km", {Behaviour::MidStreamError, Behaviour::MidStreamError});
        const Reply r = call("POST", kStreamSse, "km", kHello);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.error, QNetworkReply::NoError); // the chunked body ends properly
        const QList<Json> events = sseEvents(r.body);
        QCOMPARE(events.size(), 2);
        QVERIFY(events[0].contains("candidates"));
        QVERIFY(!events[0]["candidates"][0].contains("finishReason"));
        QVERIFY(r.body.endsWith(
            "data: {\"error\":{\"code\":500,\"message\":\"An internal error has occurred. Please retry or report in "
            "https://developers.generativeai.google/guide/troubleshooting\",\"status\":\"INTERNAL\"}}\r\n\r\n"));
        // A unary call has no stream to break: it fails like Internal.
        errorOf(generate("km"), 500, "INTERNAL");
    }

    void failuresBeforeTheFirstEvent()
    {
        m_fake->script("kr", {Behaviour::RateLimitFirstEvent, Behaviour::RateLimitFirstEvent});
        const Reply r = call("POST", kStreamSse, "kr", kHello);
        QCOMPARE(r.status, 200);
        const QList<Json> events = sseEvents(r.body);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0]["error"]["code"].get<int>(), 429);
        QCOMPARE(events[0]["error"]["status"].get<std::string>(), "RESOURCE_EXHAUSTED");
        QCOMPARE(events[0]["error"]["details"][2]["retryDelay"].get<std::string>(), "57s");
        errorOf(generate("kr"), 429, "RESOURCE_EXHAUSTED"); // unary: a plain 429

        m_fake->script("kb", {Behaviour::DropBeforeFirstEvent});
        const auto answer = untilClosed(rawPost(kStreamSse, "kb", kHello));
        QVERIFY(answer);
        const QByteArray &buffer = *answer;
        QVERIFY(buffer.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(buffer.endsWith("\r\n\r\n")); // the headers, then nothing
        QVERIFY(!buffer.contains("data: "));
    }

    void dropMidStream()
    {
        m_fake->script("kd", {Behaviour::DropMidStream, Behaviour::DropMidStream});
        {
            const auto answer = untilClosed(rawPost(kStreamSse, "kd", kHello));
            QVERIFY(answer);
            const QByteArray &buffer = *answer;
            RawResponse r;
            QVERIFY(!parseRaw(buffer, r)); // never complete
            QVERIFY(buffer.startsWith("HTTP/1.1 200 OK\r\n"));
            QCOMPARE(buffer.count("data: "), qsizetype(1));
            QVERIFY(buffer.endsWith("\r\n\r\n\r\n")); // the event's chunk ends, nothing follows
            QVERIFY(!buffer.contains("\r\n0\r\n\r\n"));
        }
        {
            // Unary: the connection closes without a byte.
            const auto answer = untilClosed(rawPost(kGenerate, "kd", kHello));
            QVERIFY(answer);
            QVERIFY(answer->isEmpty());
        }
        QCOMPARE(m_fake->abortedCount(), 0); // the server hung up, not the client
    }

    void stallMidStreamSendsTheStartThenNothing()
    {
        m_fake->script("kh", {Behaviour::StallMidStream, Behaviour::StallMidStream});
        QSignalSpy aborted(m_fake, &FakeGemini::clientAborted);
        for (const QString &path : {kStreamSse, kGenerate}) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_fake->port());
            QVERIFY(socket.waitForConnected(5000));
            socket.write(rawPost(path, "kh", kHello));
            QByteArray buffer;
            QVERIFY(readUntil(socket, buffer, [&] { return buffer.contains("\r\n\r\n") && buffer.size() > 400; }));
            QVERIFY(!readUntil(socket, buffer, [&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 300));
            QVERIFY(buffer.startsWith("HTTP/1.1 200 OK\r\n"));
            RawResponse r;
            QVERIFY(!parseRaw(buffer, r)); // never complete, and the connection stays open
            if (path == kStreamSse)
                QCOMPARE(buffer.count("data: "), qsizetype(1));
            else
                QVERIFY(buffer.contains("\"candidates\"")); // the first half of the body
            socket.abort(); // the client gives up: counted like a Stall
        }
        QTRY_COMPARE(m_fake->abortedCount(), 2);
    }

    void stallCountsAbort()
    {
        m_fake->script("ks", {Behaviour::Stall});
        QSignalSpy received(m_fake, &FakeGemini::requestReceived);
        QSignalSpy aborted(m_fake, &FakeGemini::clientAborted);
        QNetworkReply *reply = send("POST", kGenerate, "ks", kHello);
        QVERIFY(received.wait(5000));
        QTest::qWait(100);
        QVERIFY(!reply->isFinished());
        QCOMPARE(m_fake->abortedCount(), 0);
        reply->abort();
        QVERIFY(aborted.count() > 0 || aborted.wait(5000));
        QCOMPARE(m_fake->abortedCount(), 1);
        delete reply;
        QCOMPARE(generate("ks").status, 200); // other connections are unaffected
    }

    void pacedStream()
    {
        m_fake->setEventDelayMs(50);
        QElapsedTimer clock;
        clock.start();
        const Reply r = call("POST", kStreamSse, "k1", kHello);
        QCOMPARE(r.status, 200);
        QCOMPARE(sseEvents(r.body).size(), 4);
        QVERIFY(clock.elapsed() >= 190);

        clock.restart();
        QCOMPARE(generate("k1").status, 200); // one delay before a unary answer
        QVERIFY(clock.elapsed() >= 45);
        QCOMPARE(m_fake->abortedCount(), 0);
    }

    void pacedStreamAbortCounts()
    {
        m_fake->setEventDelayMs(300);
        QSignalSpy aborted(m_fake, &FakeGemini::clientAborted);
        QNetworkReply *reply = send("POST", kStreamSse, "k1", kHello);
        QSignalSpy readyRead(reply, &QNetworkReply::readyRead);
        QVERIFY(readyRead.wait(5000)); // the first event
        QVERIFY(reply->readAll().startsWith("data: "));
        reply->abort();
        QVERIFY(aborted.count() > 0 || aborted.wait(5000));
        QCOMPARE(m_fake->abortedCount(), 1);
        delete reply;
    }

    void embeddingsAndCountTokens()
    {
        const QString embed = QStringLiteral("/v1beta/models/gemini-embedding-001:embedContent");
        const QByteArray one = R"({"content":{"parts":[{"text":"hello"}]},"taskType":"RETRIEVAL_QUERY","outputDimensionality":8})";
        const Reply r = call("POST", embed, "k1", one);
        QCOMPARE(r.status, 200);
        const Json a = r.json();
        QCOMPARE(a["embedding"]["values"].size(), std::size_t(8));
        QCOMPARE(call("POST", embed, "k1", one).json(), a); // deterministic
        QCOMPARE(call("POST", embed, "k1", R"({"content":{"parts":[{"text":"x"}]}})").json()["embedding"]["values"].size(),
                 std::size_t(3072));
        QCOMPARE(message(errorOf(call("POST", embed, "k1", "{}"), 400, "INVALID_ARGUMENT")),
                 QByteArray("* EmbedContentRequest.content: content is not specified\n"));

        const QString batch = QStringLiteral("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        const Json b = call("POST", batch, "k1",
                            R"({"requests":[{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"hello"}]},"outputDimensionality":8},
                                            {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"b"}]},"outputDimensionality":8}]})")
                           .json();
        QCOMPARE(b["embeddings"].size(), std::size_t(2));
        QCOMPARE(b["embeddings"][0], a["embedding"]);
        QCOMPARE(message(errorOf(call("POST", batch, "k1", R"({"requests":[{"content":{"parts":[{"text":"a"}]}}]})"), 400,
                                 "INVALID_ARGUMENT")),
                 QByteArray("* BatchEmbedContentsRequest.requests[0].model: model is not specified\n"));
        QCOMPARE(message(errorOf(call("POST", batch, "k1",
                                      R"({"requests":[{"model":"gemini-embedding-001","content":{"parts":[{"text":"a"}]}}]})"),
                                 400, "INVALID_ARGUMENT")),
                 QByteArray("* BatchEmbedContentsRequest.requests[0].model: unexpected model name format\n"));

        const Reply c = call("POST", QStringLiteral("/v1beta/models/gemini-2.5-flash:countTokens"), "k1", kHello);
        QCOMPARE(c.status, 200);
        QCOMPARE(c.json()["totalTokens"].get<int>(), 2);
        QCOMPARE(c.json()["promptTokensDetails"][0]["tokenCount"].get<int>(), 2);
    }

    // --- answers beyond text (fake_gemini_answers.cpp) ------------------------------------------

    void answersAreScriptedPerKeyAndByDefault()
    {
        for (int i = 0; i <= int(Answer::BlockedPrompt); ++i)
            QCOMPARE(answerFromName(answerName(Answer(i))), std::optional<Answer>(Answer(i)));
        QCOMPARE(answerFromName(u"Nope"), std::optional<Answer>());

        m_fake->scriptAnswers("ka", {Answer::FunctionCall, Answer::Empty});
        m_fake->script("ka", {Behaviour::Overloaded});
        QCOMPARE(generateOn("ka", toolBody()).status, 503); // a failed request uses no answer
        QVERIFY(candidateOf(generateOn("ka", toolBody()))["content"]["parts"][0].contains("functionCall"));
        QVERIFY(!candidateOf(generateOn("ka", toolBody()))["content"].contains("parts"));
        QCOMPARE(candidateOf(generateOn("ka", toolBody()))["content"]["parts"][0]["text"].get<std::string>(),
                 std::string("Hello from fake Gemini."));

        m_fake->setDefaultAnswer(Answer::Grounded);
        QVERIFY(candidateOf(generateOn("kz", toolBody())).contains("groundingMetadata"));
        QVERIFY(candidateOf(generateOn("ka", toolBody())).contains("groundingMetadata"));
        // countTokens and embeddings answer as before and use no answer.
        m_fake->scriptAnswers("kc", {Answer::Thoughts});
        QCOMPARE(call("POST", QStringLiteral("/v1beta/models/gemini-2.5-flash:countTokens"), "kc", kHello).status, 200);
        QCOMPARE(candidateOf(generateOn("kc", toolBody()))["content"]["parts"][0]["thought"], Json(true));
    }

    void thoughtsComeFirstAndAreCounted()
    {
        m_fake->setDefaultAnswer(Answer::Thoughts);
        const Reply r = generateOn("k1", toolBody());
        QCOMPARE(r.status, 200);
        const Json j = r.json();
        const Json &parts = j["candidates"][0]["content"]["parts"];
        QCOMPARE(parts.size(), std::size_t(2));
        QCOMPARE(parts[0]["thought"], Json(true));
        QVERIFY(parts[0]["text"].get<std::string>().rfind("**Planning the reply**", 0) == 0);
        QCOMPARE(parts[1]["text"].get<std::string>(), std::string("Hello from fake Gemini."));
        QVERIFY(!parts[1].contains("thought"));
        QVERIFY(!parts[1].contains("thoughtSignature")); // 2.5 signs only function calls
        QCOMPARE(j["candidates"][0]["finishReason"].get<std::string>(), std::string("STOP"));
        const Json &u = j["usageMetadata"];
        QCOMPARE(u["thoughtsTokenCount"].get<int>(), kThoughtsTokenCount);
        QCOMPARE(u["totalTokenCount"].get<int>(),
                 u["promptTokenCount"].get<int>() + u["candidatesTokenCount"].get<int>() + kThoughtsTokenCount);

        // Streamed: the thoughts are events of their own, counted from the first event on.
        const QList<Json> events = sseEvents(generateOn("k1", toolBody(), "gemini-3-flash-preview", true).body);
        QCOMPARE(events.size(), 6);
        std::string text;
        for (int i = 0; i < events.size(); ++i) {
            const Json &c = events[i]["candidates"][0];
            QCOMPARE(events[i]["usageMetadata"]["thoughtsTokenCount"].get<int>(), kThoughtsTokenCount);
            QCOMPARE(c["content"]["parts"][0].contains("thought"), i < 2);
            QCOMPARE(c.contains("finishReason"), i == events.size() - 1);
            if (i >= 2)
                text += c["content"]["parts"][0]["text"].get<std::string>();
        }
        QCOMPARE(text, std::string("Hello from fake Gemini."));
        QVERIFY(!events[0]["usageMetadata"].contains("candidatesTokenCount")); // nothing but thoughts yet
        // Gemini 3 signs the last part of a text answer too.
        QVERIFY(events.last()["candidates"][0]["content"]["parts"][0]["thoughtSignature"].is_string());
    }

    void functionCallUsesTheDeclaredTool()
    {
        m_fake->setDefaultAnswer(Answer::FunctionCall);
        const Json j = generateOn("k1", toolBody()).json();
        const Json &c = j["candidates"][0];
        QCOMPARE(c["content"]["parts"].size(), std::size_t(1));
        const Json &part = c["content"]["parts"][0];
        QCOMPARE(part["functionCall"]["name"].get<std::string>(), std::string("get_weather"));
        QCOMPARE(part["functionCall"]["args"], (Json{{"city", "Paris"}, {"unit", "celsius"}})); // required only
        QVERIFY(!part["functionCall"].contains("id")); // 2.x sends no call ids
        const std::string signature = part["thoughtSignature"].get<std::string>();
        QVERIFY(signature.size() > 40);
        QVERIFY(!QByteArray::fromBase64(QByteArray::fromStdString(signature)).isEmpty());
        QCOMPARE(c["finishReason"].get<std::string>(), std::string("STOP"));
        QCOMPARE(c["finishMessage"].get<std::string>(), std::string("Model generated function call(s)."));
        QCOMPARE(j["usageMetadata"]["thoughtsTokenCount"].get<int>(), kThoughtsTokenCount); // 2.5 Flash thinks

        // Gemini 3 names its calls; a stream sends the call whole in one event with the finish.
        const QList<Json> events = sseEvents(generateOn("k2", toolBody(), "gemini-3-flash-preview", true).body);
        QCOMPARE(events.size(), 1);
        const Json &streamed = events[0]["candidates"][0];
        QVERIFY(!streamed["content"]["parts"][0]["functionCall"]["id"].get<std::string>().empty());
        QCOMPARE(streamed["finishReason"].get<std::string>(), std::string("STOP"));

        // Without declarations: Google's docs example.
        const Json bare = candidateOf(generateOn("k1", kHello))["content"]["parts"][0]["functionCall"];
        QCOMPARE(bare["name"].get<std::string>(), std::string("get_weather"));
        QCOMPARE(bare["args"], (Json{{"city", "Paris"}}));

        const auto issued = m_fake->issuedSignatures();
        QCOMPARE(issued.size(), 3);
        QCOMPARE(issued[0], (QPair<QByteArray, QByteArray>("k1", QByteArray::fromStdString(signature))));
        QCOMPARE(issued[1].first, QByteArray("k2"));
    }

    void parallelCallsAreSeparateEventsSignedOnce()
    {
        m_fake->setDefaultAnswer(Answer::ParallelFunctionCalls);
        const Json parts = candidateOf(generateOn("k1", toolBody(), "gemini-3-flash-preview"))["content"]["parts"];
        QCOMPARE(parts.size(), std::size_t(2));
        QCOMPARE(parts[0]["functionCall"]["name"].get<std::string>(), std::string("get_weather"));
        QCOMPARE(parts[1]["functionCall"]["name"].get<std::string>(), std::string("get_time"));
        QCOMPARE(parts[1]["functionCall"]["args"], (Json{{"zone", "London"}}));
        QVERIFY(parts[0].contains("thoughtSignature"));
        QVERIFY(!parts[1].contains("thoughtSignature"));
        QVERIFY(parts[0]["functionCall"]["id"] != parts[1]["functionCall"]["id"]);

        const QList<Json> events = sseEvents(generateOn("k1", toolBody(), "gemini-3-flash-preview", true).body);
        QCOMPARE(events.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const Json &c = events[i]["candidates"][0];
            QCOMPARE(c["content"]["parts"].size(), std::size_t(1));
            QVERIFY(c["content"]["parts"][0].contains("functionCall"));
            QCOMPARE(c["content"]["parts"][0].contains("thoughtSignature"), i == 0);
            QCOMPARE(c.contains("finishReason"), i == 1);
        }
        QVERIFY(events[1]["usageMetadata"]["candidatesTokenCount"].get<int>()
                > events[0]["usageMetadata"]["candidatesTokenCount"].get<int>());

        // One declared function: it is called twice, with different arguments.
        Json one = Json::parse(toolBody().toStdString());
        one["tools"][0]["functionDeclarations"].erase(1);
        const Json twice = candidateOf(generateOn("k1", QByteArray::fromStdString(one.dump())))["content"]["parts"];
        QCOMPARE(twice[1]["functionCall"]["name"].get<std::string>(), std::string("get_weather"));
        QCOMPARE(twice[1]["functionCall"]["args"], (Json{{"city", "London"}, {"unit", "fahrenheit"}}));

        // The JSON-array stream frames the same two events.
        const Reply array = call("POST", QStringLiteral("/v1beta/models/gemini-2.5-flash:streamGenerateContent"), "k1",
                                 toolBody());
        QCOMPARE(array.json().size(), std::size_t(2));
    }

    void groundedAnswerCarriesItsSources()
    {
        m_fake->setDefaultAnswer(Answer::Grounded);
        const Reply r = generateOn("k1", toolBody());
        QVERIFY(r.body.contains("\\u003cstyle\\u003e")); // renderedContent, printed the Google way
        const Json c = candidateOf(r);
        const std::string text = c["content"]["parts"][0]["text"].get<std::string>();
        QCOMPARE(text, std::string("The Eiffel Tower is 330 metres tall. It was completed in 1889."));
        const Json &g = c["groundingMetadata"];
        QVERIFY(!g["webSearchQueries"].empty());
        QCOMPARE(g["groundingChunks"].size(), std::size_t(2));
        for (const Json &chunk : g["groundingChunks"]) {
            QVERIFY(chunk["web"]["uri"].get<std::string>().rfind(
                        "https://vertexaisearch.cloud.google.com/grounding-api-redirect/", 0)
                    == 0);
            QVERIFY(!chunk["web"]["title"].get<std::string>().empty());
        }
        const Json &supports = g["groundingSupports"];
        QCOMPARE(supports.size(), std::size_t(2));
        QVERIFY(!supports[0]["segment"].contains("startIndex")); // 0 is left out
        for (const Json &s : supports) {
            const std::size_t start = s["segment"].value("startIndex", std::size_t(0));
            const std::size_t end = s["segment"]["endIndex"].get<std::size_t>();
            QCOMPARE(text.substr(start, end - start), s["segment"]["text"].get<std::string>());
            QVERIFY(!s["groundingChunkIndices"].empty());
        }

        const QList<Json> events = sseEvents(generateOn("k1", toolBody(), "gemini-2.5-flash", true).body);
        QCOMPARE(events.size(), 2);
        QVERIFY(!events[0]["candidates"][0].contains("groundingMetadata"));
        QVERIFY(events[1]["candidates"][0].contains("groundingMetadata"));
        QCOMPARE(events[1]["candidates"][0]["finishReason"].get<std::string>(), std::string("STOP"));
    }

    void unusableAnswers()
    {
        m_fake->scriptAnswers("k1", {Answer::MalformedFunctionCall, Answer::Empty, Answer::BlockedPrompt,
                                     Answer::MalformedFunctionCall, Answer::Empty, Answer::BlockedPrompt});
        Json j = generateOn("k1", toolBody()).json();
        Json c = j["candidates"][0];
        QCOMPARE(c["content"], Json::object());
        QCOMPARE(c["finishReason"].get<std::string>(), std::string("MALFORMED_FUNCTION_CALL"));
        QVERIFY(c["finishMessage"].get<std::string>().rfind("Malformed function call: ", 0) == 0);
        QVERIFY(!j["usageMetadata"].contains("candidatesTokenCount"));

        c = candidateOf(generateOn("k1", toolBody()));
        QCOMPARE(c["content"], (Json{{"role", "model"}}));
        QCOMPARE(c["finishReason"].get<std::string>(), std::string("STOP"));

        j = generateOn("k1", toolBody()).json();
        QVERIFY(!j.contains("candidates"));
        QCOMPARE(j["promptFeedback"]["blockReason"].get<std::string>(), std::string("SAFETY"));
        QCOMPARE(j["usageMetadata"]["totalTokenCount"], j["usageMetadata"]["promptTokenCount"]);

        // Streamed, each is a single event.
        for (const char *finish : {"MALFORMED_FUNCTION_CALL", "STOP"}) {
            const QList<Json> events = sseEvents(generateOn("k1", toolBody(), "gemini-2.5-flash", true).body);
            QCOMPARE(events.size(), 1);
            QCOMPARE(events[0]["candidates"][0]["finishReason"].get<std::string>(), std::string(finish));
        }
        const QList<Json> blocked = sseEvents(generateOn("k1", toolBody(), "gemini-2.5-flash", true).body);
        QCOMPARE(blocked.size(), 1);
        QVERIFY(blocked[0].contains("promptFeedback") && !blocked[0].contains("candidates"));
    }

    void gemini3ChecksThoughtSignatures()
    {
        const char *model = "gemini-3-flash-preview";
        m_fake->scriptAnswers("ks", {Answer::FunctionCall});
        const Json issued = candidateOf(generateOn("ks", toolBody(), model))["content"]["parts"][0];
        const std::string signature = issued["thoughtSignature"].get<std::string>();
        const Json args = issued["functionCall"]["args"];

        // A signature issued to this key, or the documented sentinel, passes.
        QCOMPARE(generateOn("ks", historyBody({callPart("get_weather", args, signature)}), model).status, 200);
        QCOMPARE(generateOn("other", historyBody({callPart("get_weather", args, kSkipSignatureSentinel)}), model).status,
                 200);
        // Parallel calls: only the first is signed.
        QCOMPARE(generateOn("ks", historyBody({callPart("get_weather", args, signature), callPart("get_time", {})}), model)
                     .status,
                 200);

        // Another key, a tampered signature, or another fake's: not valid.
        std::string tampered = signature;
        tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
        FakeGemini elsewhere;
        QVERIFY(elsewhere.listen());
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(elsewhere.baseUrl() + QStringLiteral("/v1beta/models/gemini-3-flash-preview:generateContent")));
        request.setRawHeader("x-goog-api-key", "ks");
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        elsewhere.setDefaultAnswer(Answer::FunctionCall);
        QNetworkReply *reply = nam.post(request, toolBody());
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        const std::string foreign =
            Json::parse(reply->readAll().toStdString())["candidates"][0]["content"]["parts"][0]["thoughtSignature"];
        reply->deleteLater();
        for (const std::pair<QByteArray, std::string> &attempt :
             {std::pair<QByteArray, std::string>{"other", signature}, {"ks", tampered}, {"ks", foreign}}) {
            const Json e = errorOf(generateOn(attempt.first, historyBody({callPart("get_weather", args, attempt.second)}),
                                              model),
                                   400, "INVALID_ARGUMENT");
            QCOMPARE(message(e), QByteArray("Unable to submit request because Thought signature is not valid.."));
        }

        // Missing, also when only a later call of the turn is signed; streams are refused alike.
        const QByteArray missing =
            "Function call is missing a thought_signature in functionCall parts. This is required for tools to work "
            "correctly, and missing thought_signature may lead to degraded model performance. Additional data, "
            "function call `default_api:get_weather` , position 1. Please refer to "
            "https://ai.google.dev/gemini-api/docs/thought-signatures for more details.";
        QCOMPARE(message(errorOf(generateOn("ks", historyBody({callPart("get_weather", args)}), model), 400,
                                 "INVALID_ARGUMENT")),
                 missing);
        QCOMPARE(message(errorOf(generateOn("ks",
                                            historyBody({callPart("get_weather", args),
                                                         callPart("get_time", {}, signature)}),
                                            model),
                                 400, "INVALID_ARGUMENT")),
                 missing);
        QCOMPARE(generateOn("ks", historyBody({callPart("get_weather", args)}), model, true).status, 400);

        // Before Gemini 3 nothing is checked.
        QCOMPARE(generateOn("ks", historyBody({callPart("get_weather", args)})).status, 200);
    }

    void functionCallsAndResponsesComeInPairs()
    {
        const Json user{{"role", "user"}, {"parts", Json::array({Json{{"text", "Weather in Paris and the time?"}}})}};
        const Json calls{{"role", "model"},
                         {"parts", Json::array({callPart("get_weather", {{"city", "Paris"}}), callPart("get_time", {})})}};
        auto responses = [](int n) {
            Json parts = Json::array();
            for (int i = 0; i < n; ++i)
                parts.push_back(Json{{"functionResponse", Json{{"name", i == 0 ? "get_weather" : "get_time"},
                                                              {"response", Json{{"result", "ok"}}}}}});
            return Json{{"role", "user"}, {"parts", parts}};
        };
        auto send = [&](Json contents) {
            Json body = Json::parse(toolBody().toStdString());
            body["contents"] = std::move(contents);
            return generateOn("k1", QByteArray::fromStdString(body.dump()));
        };
        QCOMPARE(send(Json::array({user, calls, responses(2)})).status, 200);
        QCOMPARE(message(errorOf(send(Json::array({user, calls, responses(1)})), 400, "INVALID_ARGUMENT")),
                 QByteArray("Please ensure that the number of function response parts is equal to the number of "
                            "function call parts of the function call turn."));
        QCOMPARE(message(errorOf(send(Json::array({user, responses(1)})), 400, "INVALID_ARGUMENT")),
                 QByteArray("Please ensure that function response turn comes immediately after a function call turn."));
        QCOMPARE(message(errorOf(send(Json::array({calls, responses(2)})), 400, "INVALID_ARGUMENT")),
                 QByteArray("Please ensure that function call turn comes immediately after a user turn or after a "
                            "function response turn."));
    }

    void functionSchemasAreCheckedLikeGoogle_data()
    {
        QTest::addColumn<QByteArray>("parameters");
        QTest::addColumn<QByteArray>("message"); // empty = accepted

        const QByteArray at = "* GenerateContentRequest.tools[0].function_declarations[0].parameters";
        auto p = [](const Json &j) { return QByteArray::fromStdString(j.dump()); };
        const Json city{{"type", "string"}};
        QTest::newRow("plain") << p({{"type", "object"}, {"properties", {{"city", city}}}, {"required", Json::array({"city"})}})
                               << QByteArray();
        QTest::newRow("nullable anyOf, nested free-form object")
            << p({{"type", "OBJECT"},
                  {"properties",
                   {{"a", {{"anyOf", Json::array({city, Json{{"type", "integer"}}})}, {"nullable", true}}},
                    {"meta", {{"type", "object"}}}}}})
            << QByteArray();
        QTest::newRow("$ref") << p({{"type", "object"}, {"properties", {{"a", {{"$ref", "#/$defs/A"}}}}}})
                              << QByteArray("Invalid JSON payload received. Unknown name \"$ref\" at "
                                            "'tools[0].function_declarations[0].parameters.properties[0].value': "
                                            "Cannot find field.");
        QTest::newRow("empty object") << p({{"type", "object"}, {"properties", Json::object()}})
                                      << at + ".properties: should be non-empty for OBJECT type\n";
        QTest::newRow("undeclared required")
            << p({{"type", "object"}, {"properties", {{"city", city}}}, {"required", Json::array({"city", "country"})}})
            << at + ".required[1]: property is not defined\n";
        QTest::newRow("array without items")
            << p({{"type", "object"}, {"properties", {{"tags", {{"type", "array"}}}}}})
            << at + ".properties[tags].items: missing field.\n";
        QTest::newRow("enum on integer")
            << p({{"type", "object"}, {"properties", {{"n", {{"type", "integer"}, {"enum", Json::array({1, 2})}}}}}})
            << at + ".properties[n].enum: only allowed for STRING type\n";
    }

    void functionSchemasAreCheckedLikeGoogle()
    {
        QFETCH(QByteArray, parameters);
        QFETCH(QByteArray, message);
        Json body = Json::parse(kHello.toStdString());
        body["tools"] = Json::array({Json{{"functionDeclarations",
                                           Json::array({Json{{"name", "f"},
                                                             {"parameters", Json::parse(parameters.toStdString())}}})}}});
        const Reply r = generateOn("k1", QByteArray::fromStdString(body.dump()));
        if (message.isEmpty()) {
            QVERIFY2(r.status == 200, r.body.constData());
            return;
        }
        QCOMPARE(TestFakeGemini::message(errorOf(r, 400, "INVALID_ARGUMENT")), message);
    }

    void throughputSmoke()
    {
        // Pipelined keep-alive requests over a few raw connections: the fake itself must not be
        // what limits a benchmark. The rate is printed, not asserted (sanitizer builds are slow).
        m_fake->setRecording(false);
        const int connections = 4, perConnection = 2500;
        const QByteArray request = rawPost(kGenerate, "bench", kHello);
        QList<QTcpSocket *> sockets;
        QList<QByteArray> buffers(connections);
        QList<int> answered(connections, 0);
        for (int i = 0; i < connections; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(QHostAddress::LocalHost, m_fake->port());
            QVERIFY(s->waitForConnected(5000));
            sockets << s;
        }
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < connections; ++i)
            sockets[i]->write(request.repeated(perConnection));
        const bool done = QTest::qWaitFor(
            [&] {
                bool all = true;
                for (int i = 0; i < connections; ++i) {
                    buffers[i] += sockets[i]->readAll();
                    answered[i] += int(buffers[i].count("\r\n0\r\n\r\n"));
                    const qsizetype last = buffers[i].lastIndexOf("\r\n0\r\n\r\n");
                    if (last >= 0)
                        buffers[i].remove(0, last + 7);
                    all &= answered[i] == perConnection;
                }
                return all;
            },
            60000);
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        qInfo("%d requests in %.3f s: %.0f requests/s", connections * perConnection, seconds,
              connections * perConnection / seconds);
        qDeleteAll(sockets);
        QVERIFY(done);
        QVERIFY(m_fake->requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFakeGemini)
#include "tst_fake_gemini.moc"
