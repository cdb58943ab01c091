#!/usr/bin/env bash
# Downloads a pinned cloudflared release for the Windows or macOS installer and checks it against
# the SHA-256 Cloudflare lists in that release's notes ("<asset>: <sha256>" lines; for the macOS
# .tgz the listed hash is of the binary inside). Used by .github/workflows/release.yml.
#
# Usage: installer/fetch-cloudflared.sh VERSION windows|macos OUTDIR
# Prints the path of the executable (on macOS a universal binary made with lipo).
# Needs curl and the GitHub CLI (gh, with GH_TOKEN) for the release notes.
set -euo pipefail
version="${1:?usage: $0 VERSION windows|macos OUTDIR}"
platform="${2:?usage: $0 VERSION windows|macos OUTDIR}"
out="${3:?usage: $0 VERSION windows|macos OUTDIR}"
mkdir -p "$out"

notes="$out/release-notes.md"
gh release view "$version" --repo cloudflare/cloudflared --json body --jq .body >"$notes"
url="https://github.com/cloudflare/cloudflared/releases/download/$version"

sha256() {
    if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -d ' ' -f 1
}
check() { # FILE ASSET: the file's hash must be the one the release notes give for ASSET
    local want got
    want="$(grep -F "$2:" "$notes" | grep -o -E '[0-9a-f]{64}' | head -n 1 || true)"
    [ -n "$want" ] || { echo "fetch-cloudflared: no SHA-256 for $2 in the notes of $version" >&2; exit 1; }
    got="$(sha256 "$1")"
    [ "$got" = "$want" ] || { echo "fetch-cloudflared: $2 has SHA-256 $got, the release notes say $want" >&2; exit 1; }
}

case "$platform" in
windows)
    curl -fsSL --retry 3 -o "$out/cloudflared.exe" "$url/cloudflared-windows-amd64.exe"
    check "$out/cloudflared.exe" cloudflared-windows-amd64.exe
    echo "$out/cloudflared.exe"
    ;;
macos)
    for arch in amd64 arm64; do
        mkdir -p "$out/$arch"
        curl -fsSL --retry 3 "$url/cloudflared-darwin-$arch.tgz" | tar -xz -C "$out/$arch"
        check "$out/$arch/cloudflared" "cloudflared-darwin-$arch.tgz"
    done
    lipo -create -output "$out/cloudflared" "$out/amd64/cloudflared" "$out/arm64/cloudflared"
    echo "$out/cloudflared"
    ;;
*)
    echo "fetch-cloudflared: platform must be windows or macos, not $platform" >&2
    exit 2
    ;;
esac
