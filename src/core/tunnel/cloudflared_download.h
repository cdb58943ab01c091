#pragma once
// Downloads the pinned cloudflared release for this platform into Hydra's app-data folder and
// makes it executable only after it has proved to be what the release notes say: the SHA-256
// pinned in cloudflared_release.cpp, an executable's magic bytes, more than 1 MB. Anything else
// is deleted and reported. Asynchronous; lives on the thread that uses it (the GUI thread).

#include "cloudflared_release.h"

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkReply>
#include <QObject>
#include <QProcess>
#include <QPointer>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace hydra::tunnel {

// Why `head` (the first bytes) and `size` of a file do not look like a cloudflared executable,
// or nothing when they do.
std::optional<QString> checkExecutable(const QByteArray &head, qint64 size);

class CloudflaredDownload : public QObject
{
    Q_OBJECT
public:
    // `release` is injectable so tests can point it at a local server and their own hashes.
    explicit CloudflaredDownload(QString destinationDir, PinnedRelease release = pinnedRelease(),
                                 QObject *parent = nullptr);
    ~CloudflaredDownload() override;

    // Starts downloading the asset for `platform`; finished() or failed() follows, once.
    void start(const QString &platform = currentReleasePlatform());
    void abort();
    bool isRunning() const { return m_reply != nullptr || m_extract != nullptr; }
    // Where the verified binary ends up (the locator looks here too).
    QString binaryPath() const;

    static constexpr qint64 maxDownloadBytes = 256LL * 1024 * 1024;

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void finished(const QString &path);
    void failed(const QString &message);

private:
    void onReadyRead();
    void onFinished();
    void extractArchive();
    void verifyAndInstall(const QString &candidate, const QString &expectedSha256);
    void fail(const QString &message);
    void cleanUp();

    QString m_dir;
    PinnedRelease m_release;
    ReleaseAsset m_asset;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QPointer<QNetworkReply> m_reply;
    QPointer<QProcess> m_extract;
    QFile m_part;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    bool m_tooLarge = false;
};

} // namespace hydra::tunnel
