#pragma once
// shell-state.json in the config dir: what the desktop shell remembers that is not a gateway
// setting (those are settings.json, AppSettings). For now: when the user accepted the quick
// tunnel's terms, so the notice shows before the first exposure only.
//
//   {"version": 1, "tunnel_terms_accepted": "2026-05-20T10:00:00Z"}

#include <QCoreApplication>
#include <QString>

namespace hydra::app {

class ShellPrefs
{
    Q_DECLARE_TR_FUNCTIONS(ShellPrefs)

public:
    static constexpr const char *fileName = "shell-state.json";

    explicit ShellPrefs(QString configDir);

    QString filePath() const;
    // False when the file is missing or unreadable: asking again is the safe answer.
    bool tunnelTermsAccepted() const;
    // Records the acceptance now (keeping other fields); false and `error` when it cannot be saved.
    bool acceptTunnelTerms(QString *error);

private:
    QString m_configDir;
};

} // namespace hydra::app
