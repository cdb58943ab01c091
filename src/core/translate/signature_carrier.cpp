#include "signature_carrier.h"

#include <QCryptographicHash>

namespace hydra::translate {
namespace {

constexpr std::string_view carrierPrefix = "hydra.1.";
constexpr std::size_t keyTagLength = 8;

bool isHex(std::string_view text)
{
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

} // namespace

std::string signatureKeyTag(std::string_view keyFingerprint)
{
    // A hash of the fingerprint, not the fingerprint: clients see this, and the fingerprint
    // also names the key's keychain entry.
    QByteArray input("hydra-signature-key:");
    input.append(keyFingerprint.data(), static_cast<qsizetype>(keyFingerprint.size()));
    return QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex().left(keyTagLength).toStdString();
}

std::string carrySignature(std::string_view keyTag, std::string_view signature)
{
    std::string carried(carrierPrefix);
    carried.append(keyTag).append(".").append(signature);
    return carried;
}

std::optional<CarriedSignature> readCarriedSignature(std::string_view carried)
{
    if (!carried.starts_with(carrierPrefix))
        return std::nullopt;
    carried.remove_prefix(carrierPrefix.size());
    if (carried.size() < keyTagLength + 2 || carried[keyTagLength] != '.')
        return std::nullopt;
    const std::string_view tag = carried.substr(0, keyTagLength);
    if (!isHex(tag))
        return std::nullopt;
    return CarriedSignature{std::string(tag), std::string(carried.substr(keyTagLength + 1))};
}

} // namespace hydra::translate
