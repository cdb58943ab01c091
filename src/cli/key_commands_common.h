#pragma once
// What `hydra setup` and `hydra keys` share: validating keys with a progress line, and
// how a check reads in a table and in keys-meta.json.

#include "core/keys/key_validator.h"
#include "core/store/key_metadata_store.h"

#include <QString>
#include <QUrl>

#include <string>
#include <vector>

namespace hydra::cli {

// Checks every key against `upstream` (a few at a time), saying on stderr how far it got.
std::vector<keys::KeyCheck> validateKeys(const QUrl &upstream, const std::vector<std::string> &secrets);

// Table cells.
QString latencyCell(const keys::KeyCheck &check);
QString detailCell(const std::string &detail);
QString orDash(const std::string &text);

} // namespace hydra::cli
