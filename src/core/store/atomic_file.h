#pragma once
// Replaces a file's content all at once: a temporary file, flushed to disk, then renamed over
// the old one (QSaveFile), so a crash or a full disk never leaves half a file. Creates the
// directory when needed. Safe on any thread.
//
// What Hydra keeps in its config folder is the user's alone (pool-state.json holds a
// fingerprint of every key, tokens.json the digests of the access tokens): the folder is
// owner-only (rwx------) and every file Hydra writes there owner read/write (rw-------), and a
// folder or file an older version created wider is tightened when it is next written. Qt's
// permission calls, so this compiles everywhere; on Windows they only touch the read-only
// attribute, and the user's profile folder already keeps other users out.

#include <QFileDevice>
#include <QString>

#include <optional>
#include <string>

namespace hydra::store {

inline constexpr QFileDevice::Permissions ownerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
inline constexpr QFileDevice::Permissions ownerOnlyFolder =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// Creates `path` (and its parents, which keep the usual permissions) owner-only, or makes an
// existing one owner-only. True when the folder exists afterwards.
bool makePrivateDirectory(const QString &path);

// Nothing when written; otherwise why not (the OS's words). The file is owner-only and its
// folder is made private (makePrivateDirectory).
std::optional<QString> replaceFileContent(const QString &path, const std::string &bytes);

} // namespace hydra::store
