#include "secrets.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <cctype>

namespace hydra {

std::string maskSecret(std::string_view secret)
{
    if (secret.size() <= 8)
        return "…";
    return std::string(secret.substr(0, 4)) + "…" + std::string(secret.substr(secret.size() - 4));
}

std::string fingerprintSecret(std::string_view secret)
{
    const QByteArray digest = QCryptographicHash::hash(QByteArray(secret.data(), static_cast<qsizetype>(secret.size())),
                                                       QCryptographicHash::Sha256);
    return digest.toHex().left(16).toStdString();
}

std::string redactSecrets(std::string text)
{
    // Google API keys are "AIza" followed by 35 characters of [0-9A-Za-z_-].
    constexpr size_t keyLength = 39;
    const auto keyChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
    for (size_t pos = text.find("AIza"); pos != std::string::npos; pos = text.find("AIza", pos + 1)) {
        size_t end = pos;
        while (end < text.size() && keyChar(text[end]))
            ++end;
        if (end - pos >= keyLength) {
            const std::string masked = maskSecret(std::string_view(text).substr(pos, end - pos));
            text.replace(pos, end - pos, masked);
        }
    }
    return text;
}

} // namespace hydra
