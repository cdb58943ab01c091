#pragma once
// One finished request, as the dashboard and the logs see it. Carries no secrets:
// keys appear by label only, access tokens by name only.

#include <QMetaType>
#include <QString>

namespace hydra {

struct RequestRecord
{
    qint64 startedAtMs = 0;
    QString route;     // "chat", "models", ...
    QString model;
    QString keyLabel;  // the key that answered (or the last one tried)
    int status = 0;    // HTTP status sent to the client; 499 when the client left first
    qint64 latencyMs = 0;
    bool stream = false;
    int failovers = 0; // keys that failed before the one that answered
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    QString error;     // short reason when status is not 200
    QString tokenName; // the access token's name; empty when the gateway was open
    bool tunnel = false; // came in through the tunnel door (from the internet)
};

} // namespace hydra

Q_DECLARE_METATYPE(hydra::RequestRecord)
