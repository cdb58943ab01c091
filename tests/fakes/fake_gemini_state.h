#pragma once

// Internal to the fake Gemini: what the socket code (fake_gemini.cpp) and the routing to
// Google's behaviour (fake_gemini_routes.cpp) share.

#include "fake_gemini.h"
#include "fake_gemini_wire.h"

#include <QByteArrayView>
#include <QHash>

#include <string>
#include <vector>

class QTcpServer;

namespace hydra::fakes {

namespace detail {

struct HttpRequest {
    bool http10 = false;
    QByteArray method;
    QByteArray path;
    QByteArray query;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool keepAlive = true;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers)
            if (h.first == name)
                return h.second;
        return {};
    }
};

// The value of one query parameter, form-decoded ('+' is a space, as Google's front end reads it).
QByteArray queryValue(const QByteArray &query, QByteArrayView name);

// How a planned answer goes out: the head (status line and headers) with the first piece, each
// piece as one HTTP chunk, then the end. The head is written at send time, when the framing the
// client can take (chunked for HTTP/1.1, close-delimited for HTTP/1.0) is known.
struct Outgoing {
    enum class End {
        Finish, // the terminating zero-length chunk; the connection stays open for the next request
        Drop,   // close the connection where the pieces stop (no terminating chunk)
        Never,  // send nothing more and never answer (Stall)
        Hang,   // send the head and the pieces, then nothing more, the connection open (StallMidStream)
    };
    int status = 0; // 0 = no head at all (Stall, or a unary DropMidStream)
    QByteArray contentType;
    qint64 elapsedMs = 0; // reported in Server-Timing
    QList<QByteArray> pieces;
    bool paced = false; // wait the event delay before each piece
    End end = End::Finish;
};

} // namespace detail

struct FakeGemini::State {
    FakeGemini *q = nullptr;          // to emit its signals
    QTcpServer *server = nullptr;     // owns the connections

    QHash<QByteArray, QList<Behaviour>> scripts; // per key, consumed from the front
    Behaviour defaultBehaviour = Behaviour::Ok;
    std::vector<std::string> chunks = {"Hello", " from", " fake", " Gemini."};
    int eventDelayMs = 0;
    wire::QuotaSettings quota = {"57s", ""};
    int maxPageSize = 50;
    bool recording = true;
    QList<ReceivedRequest> requests;
    int aborted = 0;

    qint64 dateSecond = -1; // the Date header, formatted once a second
    QByteArray dateHeader;

    QHash<QByteArray, QList<Answer>> answerScripts; // per key, consumed from the front
    Answer defaultAnswer = Answer::Text;
    quint64 signatureSecret = 0; // random per fake: another fake's signatures do not validate
    quint64 signatureCount = 0;
    QList<QPair<QByteArray, QByteArray>> issued; // (key, signature)

    // --- fake_gemini_quota.cpp: enforceRequestsPerMinute ---
    QHash<QByteArray, int> minuteLimits;             // per key
    QHash<QByteArray, QList<qint64>> minuteAdmitted; // per key: when requests were let through
    int minuteRefusals = 0;
    bool overMinuteLimit(const QByteArray &key); // counts the request when it is within the limit

    Behaviour take(const QByteArray &key);
    Answer takeAnswer(const QByteArray &key);
    QByteArray head(const detail::Outgoing &a, bool close, bool chunked);
    detail::Outgoing route(const detail::HttpRequest &r);
    detail::Outgoing listModels(const detail::HttpRequest &r);
    detail::Outgoing rpc(const detail::HttpRequest &r, const QByteArray &key, const QByteArray &model,
                         const QByteArray &verb);

    // --- fake_gemini_answers.cpp ---
    // Gemini 3's thought signature rule for the history in `request` (nullopt = accepted).
    std::optional<wire::Error> checkSignatures(const wire::Json &request, const QByteArray &key,
                                               const std::string &model) const;
    std::string issueSignature(const QByteArray &key);
    bool signatureIssuedTo(std::string_view signature, const QByteArray &key) const;
    // A 200 answer of shape `a` (anything but Answer::Text, which rpc() builds).
    detail::Outgoing answer(Answer a, const wire::Json &request, const QByteArray &key, const std::string &model,
                            bool stream, bool sse, int candidates);
};

} // namespace hydra::fakes
