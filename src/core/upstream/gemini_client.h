#pragma once
// HTTP calls to Google's Gemini API (or a stand-in given by --upstream).
// One QNetworkAccessManager, so connections (and HTTP/2 sessions) are reused.

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <string>

class QNetworkReply;

namespace hydra::upstream {

class GeminiClient : public QObject
{
    Q_OBJECT
public:
    GeminiClient(QUrl baseUrl, int timeoutMs, QObject *parent = nullptr);

    // POST /v1beta/models/{model}:generateContent, or :streamGenerateContent?alt=sse.
    QNetworkReply *generate(const std::string &model, bool stream, const QByteArray &body,
                            const std::string &apiKey);
    // GET /v1beta/{path}?{query}, e.g. path "models".
    QNetworkReply *get(const QString &path, const QString &query, const std::string &apiKey);

    const QUrl &baseUrl() const { return m_baseUrl; }

private:
    QNetworkRequest request(const QString &path, const QString &query, const std::string &apiKey) const;

    QUrl m_baseUrl;
    int m_timeoutMs;
    QNetworkAccessManager m_network;
};

} // namespace hydra::upstream
