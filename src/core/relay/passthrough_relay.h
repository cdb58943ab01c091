#pragma once
// Gemini's own API under /v1beta (generateContent, streamGenerateContent, countTokens,
// embedContent, batchEmbedContents, models), so Google's SDKs and Gemini CLI can use
// Hydra as their base URL: the body goes through untouched, the client's key is
// replaced by a pool key, and the same failover applies. Errors keep Google's shape.

#include "failover_relay.h"

namespace hydra::relay {

class PassthroughRelay : public FailoverRelay
{
    Q_OBJECT
public:
    // path: below /v1beta/, e.g. "models/gemini-2.5-flash:generateContent";
    // bucket: the quota bucket (model id, or "models.list").
    PassthroughRelay(RelayContext &context, server::HttpExchange *exchange, server::HeaderList responseHeaders,
                     QByteArray method, QString path, QString query, QByteArray body, std::string bucket,
                     bool streamed);

    // Google's error body for an error of ours.
    static nlohmann::json googleError(const ApiError &error);

protected:
    upstream::UpstreamCall *send(const pool::KeyInfo &key) override;
    std::optional<std::string> deliverWhole(const QByteArray &body) override;
    void beginStream() override;
    StreamOutcome streamBytes(const QByteArray &bytes) override;
    StreamOutcome endStream(const std::optional<std::string> &failure) override;
    void replyError(const ApiError &error, const server::HeaderList &headers) override;
    void replyClientFault(const upstream::UpstreamFailure &failure, const QByteArray &googleBody) override;

private:
    QByteArray m_method;
    QString m_path;
    QString m_query;
    QByteArray m_body;
    upstream::UpstreamCall *m_current = nullptr;
};

} // namespace hydra::relay
