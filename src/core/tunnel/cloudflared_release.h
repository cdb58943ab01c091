#pragma once
// The cloudflared release Hydra downloads when none is installed, pinned by version and by the
// SHA-256 values Cloudflare publishes in the release notes ("### SHA256 Checksums:"). Bumping the
// version means replacing every value here from the new release's notes, and re-checking
// docs/cloudflared.md (flags and log lines change between releases).

#include <QString>

#include <optional>
#include <vector>

namespace hydra::tunnel {

struct ReleaseAsset
{
    QString platform;     // "linux-amd64", "windows-amd64", "darwin-arm64", ...
    QString fileName;     // the asset's name on the release page
    QString sha256;       // of the downloaded file (for an archive: of the archive)
    QString binarySha256; // archives only: of the `cloudflared` inside (what Cloudflare publishes)
    bool tgzArchive = false;
};

struct PinnedRelease
{
    QString version;                 // empty: nothing pinned, downloading is refused
    QString baseUrl;                 // <baseUrl>/<version>/<fileName>
    std::vector<ReleaseAsset> assets;

    std::optional<ReleaseAsset> assetFor(const QString &platform) const;
    QString urlFor(const ReleaseAsset &asset) const;
};

// The release compiled into Hydra.
const PinnedRelease &pinnedRelease();

// This machine as the release names platforms ("linux-amd64"), from Qt's kernel type and CPU
// architecture. Windows on ARM gets the x86 build (Cloudflare ships no arm64 one).
QString releasePlatform(const QString &kernelType, const QString &cpuArchitecture);
QString currentReleasePlatform();

} // namespace hydra::tunnel
