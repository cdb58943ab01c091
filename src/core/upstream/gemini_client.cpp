#include "gemini_client.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace hydra::upstream {

GeminiClient::GeminiClient(QUrl baseUrl, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_timeoutMs(timeoutMs)
    , m_network(this)
{
    // Redirects would resend the API key to wherever they point.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QNetworkRequest GeminiClient::request(const QString &path, const QString &query, const std::string &apiKey) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + QStringLiteral("/v1beta/") + path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    // The key travels in a header, never in the URL, so it cannot leak into logs of URLs.
    request.setRawHeader("x-goog-api-key", QByteArray::fromStdString(apiKey));
    request.setTransferTimeout(m_timeoutMs);
    return request;
}

QNetworkReply *GeminiClient::generate(const std::string &model, bool stream, const QByteArray &body,
                                      const std::string &apiKey)
{
    const QString path = QStringLiteral("models/") + QString::fromStdString(model) +
                         (stream ? QStringLiteral(":streamGenerateContent") : QStringLiteral(":generateContent"));
    QNetworkRequest call = request(path, stream ? QStringLiteral("alt=sse") : QString(), apiKey);
    call.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (stream) // compressed SSE would be held back by the decompressor: ask for it plain
        call.setRawHeader("Accept-Encoding", "identity");
    return m_network.post(call, body);
}

QNetworkReply *GeminiClient::get(const QString &path, const QString &query, const std::string &apiKey)
{
    return m_network.get(request(path, query, apiKey));
}

} // namespace hydra::upstream
