#include "access_token.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QString>

#include <array>

namespace hydra::store {

QByteArray generateAccessToken()
{
    std::array<quint32, 8> words{}; // 256 bits
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray random(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return "hydra-" + random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray tokenDigest(QByteArrayView token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

bool constantTimeEqual(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

std::optional<std::string> tokenNameProblem(QStringView name)
{
    if (name.trimmed().isEmpty())
        return std::string("a token needs a name (e.g. --name cursor)");
    if (name.size() > maxTokenNameLength)
        return "a token name may have at most " + std::to_string(maxTokenNameLength) + " characters";
    if (name.trimmed().size() != name.size())
        return std::string("a token name may not start or end with a space");
    for (const QChar c : name) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
                             c == u'.' || c == u'_' || c == u'-' || c == u'@' || c == u' ';
        if (!allowed)
            return "a token name may contain only letters a-z, digits, '.', '_', '-', '@' and spaces (not '" +
                   QString(c).toStdString() + "')";
    }
    return std::nullopt;
}

} // namespace hydra::store
