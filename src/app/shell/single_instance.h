#pragma once
// One desktop app per profile. The first instance listens on a local socket named after its
// config dir; a later launch with the same config dir connects, asks it to show its dashboard,
// and exits. Different --config-dir values (profiles, tests) never meet.

#include <QObject>
#include <QString>

class QLocalServer;

namespace hydra::app {

class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // "hydra-<hash of the user and the absolute config dir>": short enough for a Unix socket path.
    static QString serverName(const QString &configDir);

    explicit SingleInstance(QString serverName, QObject *parent = nullptr);

    // Asks a running instance to come to the front. True when one answered within the timeout.
    bool activateRunning(int timeoutMs = 3000) const;
    // Becomes the running instance. A socket left by a crashed instance is removed first.
    // False (with errorString()) when the name cannot be taken.
    bool listen();
    QString errorString() const { return m_error; }

Q_SIGNALS:
    // Another launch asked us to show ourselves.
    void activationRequested();

private:
    void onNewConnection();

    QString m_name;
    QLocalServer *m_server = nullptr;
    QString m_error;
};

} // namespace hydra::app
