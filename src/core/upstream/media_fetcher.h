#pragma once
// Fetches an image a client referenced by URL, so it can be sent to Gemini inline.
// The gateway may be exposed to the internet, so the host's addresses are resolved
// here and checked (address_policy), and the connection goes to the checked address
// (no second lookup an attacker's DNS could answer differently). Redirects are
// followed a few times, each hop checked again; size and time are capped.

#include "http_client.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace hydra::upstream {

struct FetchedMedia
{
    QByteArray data;
    QByteArray mimeType;
    QString error; // set when the fetch was refused or failed
};

class MediaFetcher : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 maxBytes = 20 * 1024 * 1024; // Gemini's inline data limit
    static constexpr int timeoutMs = 15'000;
    static constexpr int maxRedirects = 3;

    // allowPrivateAddresses exists for tests only (a local server stands in for the web).
    explicit MediaFetcher(bool allowPrivateAddresses = false, QObject *parent = nullptr);

    void fetch(const QUrl &url, std::function<void(const FetchedMedia &)> done);

private:
    struct Job;
    void resolve(std::shared_ptr<Job> job);
    void request(std::shared_ptr<Job> job, const class QHostAddress &address);
    void finish(std::shared_ptr<Job> job, FetchedMedia result);

    HttpClient m_http;
    bool m_allowPrivate;
};

} // namespace hydra::upstream
