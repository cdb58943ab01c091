#pragma once
// Access tokens as values: how one is made, how it is stored (its SHA-256 only) and
// compared (digests, in constant time), and what a token's name may be. Pure.

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

#include <optional>
#include <string>

namespace hydra::store {

// "hydra-" followed by 256 bits from the system CSPRNG, base64url without padding.
QByteArray generateAccessToken();
// The 32-byte SHA-256 digest of a presented or generated token.
QByteArray tokenDigest(QByteArrayView token);
// True when both are equal, taking the same time whatever the contents (no early exit).
// Inputs of different lengths are unequal; for digests the length is public anyway.
bool constantTimeEqual(QByteArrayView a, QByteArrayView b);

constexpr int maxTokenNameLength = 64;
// Why a token name cannot be used (empty, too long, characters other than letters, digits,
// '.', '_', '-', '@' or spaces inside), or nothing when it can.
std::optional<std::string> tokenNameProblem(QStringView name);

} // namespace hydra::store
