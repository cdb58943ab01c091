#pragma once
// Replaces a file's content all at once: a temporary file, flushed to disk, then renamed over
// the old one (QSaveFile), so a crash or a full disk never leaves half a file. Creates the
// directory when needed. Safe on any thread.

#include <QString>

#include <optional>
#include <string>

namespace hydra::store {

// Nothing when written; otherwise why not (the OS's words).
std::optional<QString> replaceFileContent(const QString &path, const std::string &bytes);

} // namespace hydra::store
