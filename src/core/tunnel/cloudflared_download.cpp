#include "cloudflared_download.h"

#include "cloudflared_locator.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>

namespace hydra::tunnel {

namespace {

constexpr qint64 minimumBinaryBytes = 1024 * 1024; // real builds are 20-40 MB

QString partPath(const QString &dir) { return QDir(dir).filePath(QStringLiteral("cloudflared.download")); }
QString extractDir(const QString &dir) { return QDir(dir).filePath(QStringLiteral("cloudflared.extract")); }

std::optional<QString> sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

std::optional<QString> checkExecutable(const QByteArray &head, qint64 size)
{
    static const QByteArray magics[] = {
        QByteArray("\x7f" "ELF", 4),        // Linux
        QByteArray("MZ", 2),                // Windows PE
        QByteArray("\xfe\xed\xfa\xce", 4),  // Mach-O, 32/64-bit, either byte order
        QByteArray("\xfe\xed\xfa\xcf", 4),
        QByteArray("\xce\xfa\xed\xfe", 4),
        QByteArray("\xcf\xfa\xed\xfe", 4),
        QByteArray("\xca\xfe\xba\xbe", 4),  // Mach-O universal binary
    };
    bool known = false;
    for (const QByteArray &magic : magics)
        known = known || head.startsWith(magic);
    if (!known)
        return QStringLiteral("it is not an executable for any platform cloudflared supports");
    if (size <= minimumBinaryBytes)
        return QStringLiteral("it is only %1 bytes, far smaller than any cloudflared build").arg(size);
    return std::nullopt;
}

CloudflaredDownload::CloudflaredDownload(QString destinationDir, PinnedRelease release, QObject *parent)
    : QObject(parent)
    , m_dir(std::move(destinationDir))
    , m_release(std::move(release))
{
}

CloudflaredDownload::~CloudflaredDownload()
{
    abort();
}

QString CloudflaredDownload::binaryPath() const
{
    return QDir(m_dir).filePath(cloudflaredFileName());
}

void CloudflaredDownload::start(const QString &platform)
{
    if (isRunning())
        return;
    if (m_release.version.isEmpty()) {
        fail(QStringLiteral("this build of Hydra has no cloudflared release pinned, so it will not download one; %1")
                 .arg(whereToGetCloudflared(platform)));
        return;
    }
    const auto asset = m_release.assetFor(platform);
    if (!asset) {
        fail(QStringLiteral("there is no pinned cloudflared build for %1; get one from "
                            "https://github.com/cloudflare/cloudflared/releases")
                 .arg(platform));
        return;
    }
    m_asset = *asset;
    if (!QDir().mkpath(m_dir)) {
        fail(QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(m_dir)));
        return;
    }
    m_part.setFileName(partPath(m_dir));
    if (!m_part.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        fail(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(m_part.fileName()), m_part.errorString()));
        return;
    }
    m_hash.reset();
    m_tooLarge = false;
    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();
    QNetworkRequest request{QUrl(m_release.urlFor(m_asset))};
    // GitHub answers with a redirect to its download host; never follow one to plain http.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &CloudflaredDownload::onReadyRead);
    connect(m_reply, &QNetworkReply::downloadProgress, this, &CloudflaredDownload::progress);
    connect(m_reply, &QNetworkReply::finished, this, &CloudflaredDownload::onFinished);
}

void CloudflaredDownload::abort()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    if (m_extract) {
        m_extract->disconnect(this);
        m_extract->kill();
        m_extract->waitForFinished(1000);
        delete m_extract;
    }
    cleanUp();
}

void CloudflaredDownload::onReadyRead()
{
    const QByteArray data = m_reply->readAll();
    if (m_part.size() + data.size() > maxDownloadBytes) {
        m_tooLarge = true;
        m_reply->abort();
        return;
    }
    m_hash.addData(data);
    m_part.write(data);
}

void CloudflaredDownload::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    if (reply->bytesAvailable() && !m_tooLarge) {
        const QByteArray data = reply->readAll();
        m_tooLarge = m_part.size() + data.size() > maxDownloadBytes;
        m_hash.addData(data);
        m_part.write(data);
    }
    m_part.close();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString url = m_release.urlFor(m_asset);
    if (m_tooLarge) {
        fail(QStringLiteral("the download from %1 was larger than %2 MB; stopped").arg(url).arg(maxDownloadBytes >> 20));
        return;
    }
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        fail(QStringLiteral("could not download %1: %2")
                 .arg(url, status && status != 200 ? QStringLiteral("HTTP %1").arg(status) : reply->errorString()));
        return;
    }
    const QString actual = QString::fromLatin1(m_hash.result().toHex());
    if (actual != m_asset.sha256) {
        fail(QStringLiteral("the file downloaded from %1 does not match the SHA-256 pinned for cloudflared %2 "
                            "(expected %3, got %4); it was deleted")
                 .arg(url, m_release.version, m_asset.sha256, actual));
        return;
    }
    if (m_asset.tgzArchive)
        extractArchive();
    else
        verifyAndInstall(m_part.fileName(), m_asset.sha256);
}

// The macOS builds come as a .tgz holding one `cloudflared`. tar ships with macOS (and every
// Unix); it runs as a child so the GUI thread does not unpack 40 MB itself.
void CloudflaredDownload::extractArchive()
{
    QDir(extractDir(m_dir)).removeRecursively();
    QDir().mkpath(extractDir(m_dir));
    m_extract = new QProcess(this);
    connect(m_extract, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus exitStatus) {
        const QString errors = QString::fromUtf8(m_extract->readAllStandardError()).trimmed();
        m_extract->deleteLater();
        m_extract = nullptr;
        if (exitStatus != QProcess::NormalExit || exitCode != 0) {
            fail(QStringLiteral("could not unpack %1: %2").arg(m_asset.fileName, errors));
            return;
        }
        verifyAndInstall(QDir(extractDir(m_dir)).filePath(QStringLiteral("cloudflared")), m_asset.binarySha256);
    });
    connect(m_extract, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_extract->deleteLater();
        m_extract = nullptr;
        fail(QStringLiteral("could not unpack %1: tar is not available").arg(m_asset.fileName));
    });
    m_extract->start(QStringLiteral("tar"), {QStringLiteral("-xzf"), m_part.fileName(), QStringLiteral("-C"),
                                             extractDir(m_dir), QStringLiteral("cloudflared")});
}

void CloudflaredDownload::verifyAndInstall(const QString &candidate, const QString &expectedSha256)
{
    QFile file(candidate);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(QStringLiteral("the downloaded cloudflared is missing (%1)").arg(m_asset.fileName));
        return;
    }
    const QByteArray head = file.read(16);
    const qint64 size = file.size();
    file.close();
    if (m_asset.tgzArchive) {
        const auto actual = sha256OfFile(candidate);
        if (actual != expectedSha256) {
            fail(QStringLiteral("the cloudflared inside %1 does not match the SHA-256 pinned for it (expected %2, got %3); "
                                "it was deleted")
                     .arg(m_asset.fileName, expectedSha256, actual.value_or(QStringLiteral("unreadable"))));
            return;
        }
    }
    if (const auto problem = checkExecutable(head, size)) {
        fail(QStringLiteral("the downloaded %1 was rejected: %2; it was deleted").arg(m_asset.fileName, *problem));
        return;
    }
    const QString target = binaryPath();
    QFile::remove(target);
    if (!QFile::rename(candidate, target)) {
        fail(QStringLiteral("cannot move the verified cloudflared to %1").arg(QDir::toNativeSeparators(target)));
        return;
    }
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                      QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    cleanUp();
    Q_EMIT finished(target);
}

void CloudflaredDownload::fail(const QString &message)
{
    cleanUp();
    Q_EMIT failed(message);
}

void CloudflaredDownload::cleanUp()
{
    if (m_part.isOpen())
        m_part.close();
    if (!m_dir.isEmpty()) {
        QFile::remove(partPath(m_dir));
        QDir(extractDir(m_dir)).removeRecursively();
    }
}

} // namespace hydra::tunnel
