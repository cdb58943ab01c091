#pragma once
// HTTP calls to Google's Gemini API (or a stand-in given by --upstream).
// Builds Google's URLs and headers; the connections are HttpClient's.

#include "http_client.h"

#include <QObject>
#include <QUrl>

#include <string>
#include <utility>

namespace hydra::upstream {

class GeminiClient : public QObject
{
    Q_OBJECT
public:
    GeminiClient(QUrl baseUrl, CallTimeouts timeouts, QObject *parent = nullptr);

    // POST /v1beta/models/{model}:generateContent, or :streamGenerateContent?alt=sse.
    UpstreamCall *generate(const std::string &model, bool stream, const QByteArray &body,
                            const std::string &apiKey);
    // GET /v1beta/{path}?{query}, e.g. path "models".
    UpstreamCall *get(const QString &path, const QString &query, const std::string &apiKey);
    // Any call under /v1beta/, body passed through as it is (the native API passthrough).
    UpstreamCall *call(const QByteArray &method, const QString &path, const QString &query, const QByteArray &body,
                       const std::string &apiKey);

    const QUrl &baseUrl() const { return m_baseUrl; }
    // For calls made from now on; calls under way keep where and how long they were given.
    void setTarget(QUrl baseUrl, CallTimeouts timeouts)
    {
        m_baseUrl = std::move(baseUrl);
        m_timeouts = timeouts;
    }

private:
    QUrl url(const QString &path, const QString &query) const;

    QUrl m_baseUrl;
    CallTimeouts m_timeouts;
    HttpClient m_http;
};

} // namespace hydra::upstream
