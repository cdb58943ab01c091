#include "key_commands_common.h"

#include "cli_common.h"


#include <cstdio>

namespace hydra::cli {

std::vector<keys::KeyCheck> validateKeys(const QUrl &upstream, const std::vector<std::string> &secrets)
{
    keys::KeyValidator validator(upstream);
    std::size_t checked = 0;
    const std::size_t total = secrets.size();
    if (total > 0)
        std::fprintf(stderr, "Checking %zu key%s against %s ...\n", total, total == 1 ? "" : "s",
                     qPrintable(upstream.toDisplayString()));
    QObject::connect(&validator, &keys::KeyValidator::keyChecked, &validator, [&checked, total] {
        ++checked;
        if (total > 4)
            std::fprintf(stderr, "  %zu/%zu\n", checked, total);
    });
    waitUntilDone([&validator, &secrets](std::function<void()> done) {
        QObject::connect(&validator, &keys::KeyValidator::finished, &validator, done);
        validator.validate(secrets);
    });
    return validator.results();
}

QString latencyCell(const keys::KeyCheck &check)
{
    return QStringLiteral("%1 ms").arg(check.latencyMs);
}

QString detailCell(const std::string &detail)
{
    return elide(QString::fromStdString(detail), 72);
}

QString orDash(const std::string &text)
{
    return text.empty() ? QStringLiteral("-") : QString::fromStdString(text);
}

} // namespace hydra::cli
