#include "passthrough_relay.h"

#include "secrets.h"
#include "server/replies.h"

using nlohmann::json;

namespace hydra::relay {
namespace {

const char *googleStatus(int httpStatus)
{
    switch (httpStatus) {
    case 400: return "INVALID_ARGUMENT";
    case 401: return "UNAUTHENTICATED";
    case 403: return "PERMISSION_DENIED";
    case 404: return "NOT_FOUND";
    case 413: return "INVALID_ARGUMENT";
    case 429: return "RESOURCE_EXHAUSTED";
    case 503: return "UNAVAILABLE";
    case 504: return "DEADLINE_EXCEEDED";
    default: return "INTERNAL";
    }
}

} // namespace

PassthroughRelay::PassthroughRelay(RelayContext &context, server::HttpExchange *exchange,
                                   server::HeaderList responseHeaders, QByteArray method, QString path, QString query,
                                   QByteArray body, std::string bucket, bool streamed)
    : FailoverRelay(context, exchange, std::move(responseHeaders), std::move(bucket), QStringLiteral("native"), streamed)
    , m_method(std::move(method))
    , m_path(std::move(path))
    , m_query(std::move(query))
    , m_body(std::move(body))
{
}

json PassthroughRelay::googleError(const ApiError &error)
{
    return {{"error", {{"code", error.httpStatus}, {"message", error.message}, {"status", googleStatus(error.httpStatus)}}}};
}

upstream::UpstreamCall *PassthroughRelay::send(const pool::KeyInfo &key)
{
    m_current = m_context.client.call(m_method, m_path, m_query, m_body, key.secret);
    return m_current;
}

std::optional<std::string> PassthroughRelay::deliverWhole(const QByteArray &body)
{
    QByteArray type = m_current ? m_current->header("content-type") : QByteArray();
    m_exchange->respond(200, type.isEmpty() ? QByteArrayLiteral("application/json; charset=UTF-8") : type, body,
                        m_responseHeaders);
    return std::nullopt;
}

void PassthroughRelay::beginStream()
{
    server::HeaderList headers = m_responseHeaders;
    QByteArray type = m_current ? m_current->header("content-type") : QByteArray();
    headers.emplace_back("Content-Type", type.isEmpty() ? QByteArrayLiteral("text/event-stream") : type);
    headers.emplace_back("Cache-Control", "no-cache");
    headers.emplace_back("X-Accel-Buffering", "no");
    m_exchange->beginStream(200, headers);
}

StreamOutcome PassthroughRelay::streamBytes(const QByteArray &bytes)
{
    m_exchange->writeChunk(bytes);
    return KeepStreaming{};
}

StreamOutcome PassthroughRelay::endStream(const std::optional<std::string> &failure)
{
    if (failure) {
        // Google's stream formats have no error event of their own; a cut connection
        // is how a native client learns the answer is incomplete.
        m_exchange->abortConnection();
        record(200, QString::fromStdString("stream broke off: " + *failure));
        return KeepStreaming{};
    }
    m_exchange->endStream();
    finishStream();
    return KeepStreaming{};
}

void PassthroughRelay::replyError(const ApiError &error, const server::HeaderList &headers)
{
    server::replyJson(m_exchange, error.httpStatus, googleError(error), headers);
}

void PassthroughRelay::replyClientFault(const upstream::UpstreamFailure &failure, const QByteArray &googleBody)
{
    // Google's own words, exactly: native clients parse them. Only a key Google might echo (its
    // 400s quote the request URL, ?key= and all) is masked, as everywhere else.
    m_exchange->respond(failure.httpStatus, "application/json; charset=UTF-8",
                        QByteArray::fromStdString(redactSecrets(googleBody.toStdString())), m_responseHeaders);
}

} // namespace hydra::relay
