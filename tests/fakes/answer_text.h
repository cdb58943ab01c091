#pragma once
// For tests that compare two answers to the same request byte for byte: what differs between
// them by design (the completion id, the time it was created) is masked.

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

namespace hydra::fakes {

inline QByteArray withoutIds(const QByteArray &answer)
{
    static const QRegularExpression varying(QStringLiteral("\"(id|created)\":(\"[^\"]*\"|\\d+)"));
    return QString::fromUtf8(answer).replace(varying, QStringLiteral("\"\\1\":_")).toUtf8();
}

} // namespace hydra::fakes
