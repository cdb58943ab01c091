#include "media_fetcher.h"

#include "address_policy.h"

#include <QHostInfo>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace hydra::upstream {

struct MediaFetcher::Job
{
    QUrl url;
    int redirects = 0;
    std::function<void(const FetchedMedia &)> done;
    QPointer<UpstreamCall> call;
    QByteArray body;
    bool finished = false;
};

MediaFetcher::MediaFetcher(bool allowPrivateAddresses, QObject *parent)
    : QObject(parent)
    , m_http(this)
    , m_allowPrivate(allowPrivateAddresses)
{
}

void MediaFetcher::fetch(const QUrl &url, std::function<void(const FetchedMedia &)> done)
{
    auto job = std::make_shared<Job>();
    job->url = url;
    job->done = std::move(done);
    QTimer::singleShot(timeoutMs, this, [this, job] {
        finish(job, {{}, {}, QStringLiteral("fetching %1 took longer than %2 s").arg(job->url.host()).arg(timeoutMs / 1000)});
    });
    resolve(job);
}

void MediaFetcher::resolve(std::shared_ptr<Job> job)
{
    const QUrl &url = job->url;
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
        finish(job, {{}, {}, QStringLiteral("only http and https image URLs can be fetched")});
        return;
    }
    if (!url.userName().isEmpty()) {
        finish(job, {{}, {}, QStringLiteral("image URLs with credentials are not fetched")});
        return;
    }
    const QHostAddress literal(url.host());
    const auto vet = [this, job](const QList<QHostAddress> &addresses) {
        if (addresses.isEmpty()) {
            finish(job, {{}, {}, QStringLiteral("%1 could not be resolved").arg(job->url.host())});
            return;
        }
        for (const QHostAddress &address : addresses) {
            if (!m_allowPrivate && !isPublicAddress(address)) {
                // One private answer is enough to refuse: a name that mixes them is a trick.
                finish(job, {{},
                             {},
                             QStringLiteral("refusing to fetch %1: it points to %2 (%3), which is not on the public "
                                            "internet")
                                 .arg(job->url.host(), refusedAddressKind(address), address.toString())});
                return;
            }
        }
        request(job, addresses.first());
    };
    if (!literal.isNull()) {
        vet({literal});
        return;
    }
    QHostInfo::lookupHost(url.host(), this, [vet](const QHostInfo &info) { vet(info.addresses()); });
}

void MediaFetcher::request(std::shared_ptr<Job> job, const QHostAddress &address)
{
    if (job->finished)
        return;
    job->body.clear();
    job->call = m_http.send("GET", job->url, {{"Accept", "image/*"}, {"User-Agent", "Hydra"}}, {}, CallTimeouts::both(timeoutMs), address);
    UpstreamCall *call = job->call;
    connect(call, &UpstreamCall::readyRead, this, [this, job, call] {
        job->body += call->readAll();
        if (job->body.size() > maxBytes) {
            call->abort();
            call->deleteLater();
            finish(job, {{}, {}, QStringLiteral("the image at %1 is larger than %2 MiB")
                                     .arg(job->url.host())
                                     .arg(maxBytes / (1024 * 1024))});
        }
    });
    connect(call, &UpstreamCall::finished, this, [this, job, call] {
        call->deleteLater();
        job->body += call->readAll();
        const int status = call->status();
        if (call->failed() || status == 0) {
            finish(job, {{}, {}, QStringLiteral("could not fetch %1: %2").arg(job->url.host(), call->errorString())});
            return;
        }
        if (status >= 300 && status < 400 && !call->header("location").isEmpty()) {
            if (++job->redirects > maxRedirects) {
                finish(job, {{}, {}, QStringLiteral("too many redirects fetching %1").arg(job->url.host())});
                return;
            }
            job->url = job->url.resolved(QUrl(QString::fromLatin1(call->header("location"))));
            resolve(job); // every hop is checked again
            return;
        }
        if (status != 200) {
            finish(job, {{}, {}, QStringLiteral("fetching %1 answered HTTP %2").arg(job->url.toString()).arg(status)});
            return;
        }
        QByteArray type = call->header("content-type");
        if (const qsizetype semicolon = type.indexOf(';'); semicolon >= 0) // "image/png; charset=..." (Qt 6's left(-1) is empty)
            type.truncate(semicolon);
        type = type.trimmed().toLower();
        if (!type.startsWith("image/")) {
            finish(job, {{}, {}, QStringLiteral("%1 is not an image (Content-Type %2)")
                                     .arg(job->url.toString(), QString::fromLatin1(type))});
            return;
        }
        finish(job, {job->body, type == "image/jpg" ? QByteArrayLiteral("image/jpeg") : type, {}});
    });
}

void MediaFetcher::finish(std::shared_ptr<Job> job, FetchedMedia result)
{
    if (job->finished)
        return;
    job->finished = true;
    if (job->call) {
        job->call->abort();
        job->call->deleteLater();
    }
    job->done(result);
}

} // namespace hydra::upstream
