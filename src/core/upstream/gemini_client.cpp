#include "gemini_client.h"

namespace hydra::upstream {

GeminiClient::GeminiClient(QUrl baseUrl, CallTimeouts timeouts, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_timeouts(timeouts)
    , m_http(this)
{
}

QUrl GeminiClient::url(const QString &path, const QString &query) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + QStringLiteral("/v1beta/") + path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

UpstreamCall *GeminiClient::generate(const std::string &model, bool stream, const QByteArray &body,
                                     const std::string &apiKey)
{
    const QString path = QStringLiteral("models/") + QString::fromStdString(model) +
                         (stream ? QStringLiteral(":streamGenerateContent") : QStringLiteral(":generateContent"));
    // The key travels in a header, never in the URL, so it cannot leak into logs of URLs.
    return m_http.send("POST", url(path, stream ? QStringLiteral("alt=sse") : QString()),
                       {{"x-goog-api-key", QByteArray::fromStdString(apiKey)},
                        {"Content-Type", "application/json"},
                        {"Accept", stream ? "text/event-stream" : "application/json"}},
                       body, m_timeouts);
}

UpstreamCall *GeminiClient::call(const QByteArray &method, const QString &path, const QString &query,
                                 const QByteArray &body, const std::string &apiKey)
{
    HttpClient::Headers headers = {{"x-goog-api-key", QByteArray::fromStdString(apiKey)}};
    if (!body.isEmpty() || method != "GET")
        headers.emplace_back("Content-Type", "application/json");
    return m_http.send(method, url(path, query), headers, body, m_timeouts);
}

UpstreamCall *GeminiClient::get(const QString &path, const QString &query, const std::string &apiKey)
{
    return m_http.send("GET", url(path, query), {{"x-goog-api-key", QByteArray::fromStdString(apiKey)}}, {},
                       m_timeouts);
}

} // namespace hydra::upstream
