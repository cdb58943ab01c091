#pragma once
// The pages of the WelcomeWizard (welcome_wizard.h), each a small class of its own.

#include "connect_tools.h"
#include "keys/key_paste.h"

#include <QUrl>
#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QTableWidget;

namespace hydra::store {
class KeyRing;
}

namespace hydra::app {

class ConnectToolsWidget;
class KeyJob;

// One key per project, and how to make keys in Google AI Studio.
class WelcomeIntroPage : public QWizardPage
{
    Q_OBJECT
public:
    static constexpr const char *aiStudioUrl = "https://aistudio.google.com/apikey";
    explicit WelcomeIntroPage(QWidget *parent = nullptr);
};

// Paste keys: one per line, email,key,project lines or a keys.json array.
class WelcomePastePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit WelcomePastePage(store::KeyRing &ring, QWidget *parent = nullptr);
    bool isComplete() const override;
    const keys::PastedKeys &pasted() const { return m_pasted; }

private:
    void reparse();

    store::KeyRing &m_ring;
    QPlainTextEdit *m_text;
    QLabel *m_feedback;
    keys::PastedKeys m_pasted;
};

// Checks each pasted key against Gemini and stores the usable ones, with progress per key.
class WelcomeCheckPage : public QWizardPage
{
    Q_OBJECT
public:
    WelcomeCheckPage(store::KeyRing &ring, QString configDir, QUrl upstream, const WelcomePastePage &paste,
                     QWidget *parent = nullptr);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    int storedCount() const { return m_stored; }

Q_SIGNALS:
    void keysStored(int count);

private:
    void showOutcome(int index);
    void finish(const QString &error);

    store::KeyRing &m_ring;
    QString m_configDir;
    QUrl m_upstream;
    const WelcomePastePage &m_paste;
    QTableWidget *m_table;
    QProgressBar *m_progress;
    QLabel *m_summary;
    KeyJob *m_job = nullptr;
    int m_checked = 0;
    int m_stored = 0;
    bool m_running = false;
};

// The gateway runs: what to type into your tools.
class WelcomeConnectPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit WelcomeConnectPage(QWidget *parent = nullptr);
    void setValues(const ConnectValues &values);

private:
    ConnectToolsWidget *m_tools;
};

} // namespace hydra::app
