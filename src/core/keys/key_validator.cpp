#include "key_validator.h"

#include "upstream/gemini_client.h"
#include "upstream/upstream_failure.h"

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace hydra::keys {

struct KeyValidator::Probe
{
    int index = 0;
    std::string secret;
    QElapsedTimer timer;
    QPointer<upstream::UpstreamCall> call;
};

namespace {

// The smallest request that still proves generateContent works: one token out. (Flash-Lite
// does not think unless asked; even if it did, a cut-off answer is still a 200.)
QByteArray probeBody()
{
    const nlohmann::json body = {
        {"contents", {{{"role", "user"}, {"parts", {{{"text", "Hi"}}}}}}},
        {"generationConfig", {{"maxOutputTokens", 1}}},
    };
    return QByteArray::fromStdString(body.dump());
}

upstream::UpstreamFailure failureOf(upstream::UpstreamCall *call, const QByteArray &body)
{
    if (call->status() == 0 || call->failed())
        return upstream::networkFailure(call->errorString().toStdString());
    return upstream::classifyHttpFailure(call->status(), std::string_view(body.constData(), std::size_t(body.size())));
}

} // namespace

store::KeyCheckRecord checkRecord(const KeyCheck &check)
{
    // To the millisecond: a running gateway compares it with when it found the key dead, which
    // may be the same second.
    return {statusName(check.status), check.detail, check.latencyMs,
            QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString()};
}

std::string statusName(KeyStatus status)
{
    switch (status) {
    case KeyStatus::Valid:
        return "valid";
    case KeyStatus::Invalid:
        return "invalid";
    case KeyStatus::NoFreeTier:
        return "no free tier";
    case KeyStatus::RateLimited:
        return "rate-limited";
    case KeyStatus::NetworkError:
        break;
    }
    return "network error";
}

KeyCheck classifyProbe(const upstream::UpstreamFailure &failure, bool listing)
{
    using upstream::Verdict;
    KeyCheck check;
    const std::string httpPrefix =
        failure.httpStatus ? "HTTP " + std::to_string(failure.httpStatus) + ": " : std::string();
    switch (failure.verdict) {
    case Verdict::RateLimited:
        if (failure.noFreeTier && !listing) {
            check.status = KeyStatus::NoFreeTier;
            check.detail = std::string("no free quota for ") + KeyValidator::probeModel + " on this project";
        } else {
            check.status = KeyStatus::RateLimited;
            if (failure.scope == upstream::QuotaScope::PerDay)
                check.detail = "daily quota used up";
            else if (failure.retryDelayMs)
                check.detail = "quota used up, retry in " + std::to_string((*failure.retryDelayMs + 999) / 1000) + " s";
            else
                check.detail = "quota used up for now";
        }
        break;
    case Verdict::KeyInvalid:
        check.status = KeyStatus::Invalid;
        check.detail = failure.message;
        break;
    case Verdict::Forbidden:
        // The key was accepted; this project may not use the probe model (or list models).
        check.status = listing ? KeyStatus::Invalid : KeyStatus::Valid;
        check.detail = listing ? httpPrefix + failure.message
                               : std::string(KeyValidator::probeModel) + " is not allowed on this project (" +
                                     httpPrefix + failure.message + ")";
        break;
    case Verdict::Transient:
        check.status = KeyStatus::NetworkError;
        check.detail = httpPrefix + failure.message;
        break;
    case Verdict::ClientFault:
        if (!listing && failure.httpStatus == 404) {
            // The key was accepted; only the probe model is gone. Nothing to hold against the key.
            check.status = KeyStatus::Valid;
            check.detail = std::string(KeyValidator::probeModel) + " is not available to test the free tier";
        } else {
            // e.g. 400 FAILED_PRECONDITION "User location is not supported for the API use."
            check.status = KeyStatus::Invalid;
            check.detail = httpPrefix + failure.message;
        }
        break;
    }
    return check;
}

KeyValidator::KeyValidator(QUrl upstream, QObject *parent)
    : QObject(parent)
    , m_client(new upstream::GeminiClient(std::move(upstream), upstream::CallTimeouts::both(defaultTimeoutMs), this))
{
}

KeyValidator::~KeyValidator()
{
    for (Probe *probe : m_probes) {
        delete probe->call; // aborts it
        delete probe;
    }
}

void KeyValidator::setConcurrency(int keysAtATime)
{
    m_concurrency = std::max(1, keysAtATime);
}

void KeyValidator::setTimeoutMs(int ms)
{
    if (m_running || ms == m_timeoutMs)
        return;
    m_timeoutMs = ms;
    const QUrl base = m_client->baseUrl();
    delete m_client;
    m_client = new upstream::GeminiClient(base, upstream::CallTimeouts::both(m_timeoutMs), this);
}

void KeyValidator::validate(std::vector<std::string> secrets)
{
    if (m_running)
        return;
    m_secrets = std::move(secrets);
    m_results.assign(m_secrets.size(), KeyCheck());
    m_nextIndex = 0;
    m_done = 0;
    m_running = true;
    if (m_secrets.empty()) {
        // Still asynchronous, like every other outcome.
        QMetaObject::invokeMethod(this, [this] {
            m_running = false;
            Q_EMIT finished();
        }, Qt::QueuedConnection);
        return;
    }
    for (int i = 0; i < m_concurrency; ++i)
        startNext();
}

void KeyValidator::startNext()
{
    if (m_nextIndex >= m_secrets.size())
        return;
    auto *probe = new Probe;
    probe->index = static_cast<int>(m_nextIndex);
    probe->secret = m_secrets[m_nextIndex];
    ++m_nextIndex;
    probe->timer.start();
    m_probes.push_back(probe);
    listModels(probe);
}

void KeyValidator::listModels(Probe *probe)
{
    probe->call = m_client->get(QStringLiteral("models"), QStringLiteral("pageSize=1"), probe->secret);
    connect(probe->call, &upstream::UpstreamCall::finished, this, [this, probe] {
        upstream::UpstreamCall *call = probe->call;
        call->deleteLater();
        const QByteArray body = call->readAll();
        if (call->status() != 200 || call->failed())
            return conclude(probe, classifyProbe(failureOf(call, body), true));
        generate(probe);
    });
}

void KeyValidator::generate(Probe *probe)
{
    static const QByteArray body = probeBody();
    probe->call = m_client->generate(probeModel, false, body, probe->secret);
    connect(probe->call, &upstream::UpstreamCall::finished, this, [this, probe] {
        upstream::UpstreamCall *call = probe->call;
        call->deleteLater();
        const QByteArray answer = call->readAll();
        if (call->status() == 200 && !call->failed())
            return conclude(probe, KeyCheck{KeyStatus::Valid, {}, 0});
        conclude(probe, classifyProbe(failureOf(call, answer), false));
    });
}

void KeyValidator::conclude(Probe *probe, KeyCheck check)
{
    check.latencyMs = probe->timer.elapsed();
    const int index = probe->index;
    m_results[static_cast<std::size_t>(index)] = check;
    std::erase(m_probes, probe);
    delete probe;
    ++m_done;
    Q_EMIT keyChecked(index, check);
    if (m_done == m_secrets.size()) {
        m_running = false;
        Q_EMIT finished();
        return;
    }
    startNext();
}

} // namespace hydra::keys
