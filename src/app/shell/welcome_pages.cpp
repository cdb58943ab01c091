#include "welcome_pages.h"

#include "app/settings/key_jobs.h"
#include "connect_tools_widget.h"
#include "secrets.h"
#include "store/key_ring.h"

#include <QDesktopServices>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hydra::app {
namespace {

QLabel *paragraph(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    return label;
}

} // namespace

WelcomeIntroPage::WelcomeIntroPage(QWidget *parent)
    : QWizardPage(parent)
{
    setTitle(tr("Welcome to Hydra"));
    setSubTitle(tr("Hydra pools your free Gemini API keys behind one OpenAI-compatible address on this computer."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(paragraph(
        tr("<b>One key per Google Cloud project.</b> Google counts the free quota per project, not per key: "
           "keys made in the same project share one quota, so a second key there adds nothing. "
           "Make each key in a project of its own."),
        this));
    layout->addWidget(paragraph(tr("<b>How to make keys:</b>"
                                   "<ol>"
                                   "<li>Open Google AI Studio's API keys page (button below) and sign in.</li>"
                                   "<li>Click <i>Create API key</i> and choose <i>Create API key in new project</i>.</li>"
                                   "<li>Repeat for as many projects as you want keys.</li>"
                                   "<li>Copy the keys; you will paste them on the next page.</li>"
                                   "</ol>"),
                                this));
    auto *open = new QPushButton(tr("Open Google AI Studio"), this);
    open->setObjectName(QStringLiteral("openAiStudio"));
    connect(open, &QPushButton::clicked, this, [] { QDesktopServices::openUrl(QUrl(QString::fromLatin1(WelcomeIntroPage::aiStudioUrl))); });
    layout->addWidget(open, 0, Qt::AlignLeft);
    layout->addStretch();
}

WelcomePastePage::WelcomePastePage(store::KeyRing &ring, QWidget *parent)
    : QWizardPage(parent)
    , m_ring(ring)
    , m_text(new QPlainTextEdit(this))
    , m_feedback(new QLabel(this))
{
    setTitle(tr("Paste your keys"));
    setSubTitle(tr("One key per line, lines of email,key,project (as a spreadsheet copies them), or a keys.json array."));
    auto *layout = new QVBoxLayout(this);
    m_text->setObjectName(QStringLiteral("pasteBox"));
    m_text->setPlaceholderText(tr("AIza…\nAIza…"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_text);
    m_feedback->setWordWrap(true);
    m_feedback->setObjectName(QStringLiteral("pasteFeedback"));
    layout->addWidget(m_feedback);
    connect(m_text, &QPlainTextEdit::textChanged, this, &WelcomePastePage::reparse);
    reparse();
}

void WelcomePastePage::reparse()
{
    std::vector<store::StoredKey> stored;
    const auto listed = m_ring.list();
    if (const auto *keys = std::get_if<std::vector<store::StoredKey>>(&listed))
        stored = *keys;
    m_pasted = keys::parsePastedKeys(m_text->toPlainText().toStdString(), stored);
    QStringList lines;
    for (const keys::PasteProblem &problem : m_pasted.problems)
        lines << (problem.line > 0 ? tr("Line %1: %2").arg(problem.line).arg(QString::fromStdString(problem.reason))
                                   : QString::fromStdString(problem.reason));
    for (const keys::PasteProblem &duplicate : m_pasted.duplicates)
        lines << tr("Line %1: %2 (left out)").arg(duplicate.line).arg(QString::fromStdString(duplicate.reason));
    if (lines.isEmpty() && !m_pasted.keys.empty())
        lines << tr("%n key(s) ready to check.", nullptr, static_cast<int>(m_pasted.keys.size()));
    m_feedback->setText(lines.join(u'\n'));
    m_feedback->setStyleSheet(m_pasted.malformed() ? QStringLiteral("color: #c62828") : QString());
    Q_EMIT completeChanged();
}

bool WelcomePastePage::isComplete() const
{
    return !m_pasted.keys.empty() && !m_pasted.malformed();
}

WelcomeCheckPage::WelcomeCheckPage(store::KeyRing &ring, QString configDir, QUrl upstream, const WelcomePastePage &paste,
                                   QWidget *parent)
    : QWizardPage(parent)
    , m_ring(ring)
    , m_configDir(std::move(configDir))
    , m_upstream(std::move(upstream))
    , m_paste(paste)
    , m_table(new QTableWidget(this))
    , m_progress(new QProgressBar(this))
    , m_summary(new QLabel(this))
{
    setTitle(tr("Checking your keys"));
    setSubTitle(tr("Each key is asked for the model list and one tiny answer, as the gateway would. "
                   "Working keys go to your system's keychain."));
    auto *layout = new QVBoxLayout(this);
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Label"), tr("Result")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table);
    layout->addWidget(m_progress);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
}

void WelcomeCheckPage::initializePage()
{
    const auto &keys = m_paste.pasted().keys;
    m_table->setRowCount(static_cast<int>(keys.size()));
    for (int row = 0; row < static_cast<int>(keys.size()); ++row) {
        m_table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(maskSecret(keys[row].secret))));
        m_table->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(keys[row].label)));
        m_table->setItem(row, 2, new QTableWidgetItem(tr("checking…")));
    }
    m_progress->setRange(0, static_cast<int>(keys.size()));
    m_progress->setValue(0);
    m_summary->clear();
    m_checked = 0;
    m_stored = 0;
    m_running = true;
    delete m_job;
    m_job = new KeyJob(m_ring, m_configDir, m_upstream, this);
    connect(m_job, &KeyJob::keyChecked, this, &WelcomeCheckPage::showOutcome);
    connect(m_job, &KeyJob::finished, this, &WelcomeCheckPage::finish);
    m_job->addPasted(keys);
    Q_EMIT completeChanged();
}

void WelcomeCheckPage::cleanupPage()
{
    // Back to the paste box: a check still running is dropped (keys already stored stay stored).
    delete m_job;
    m_job = nullptr;
    m_running = false;
}

void WelcomeCheckPage::showOutcome(int index)
{
    const KeyOutcome &outcome = m_job->outcomes().at(static_cast<std::size_t>(index));
    QString result = QString::fromStdString(keys::statusName(outcome.check.status));
    if (!outcome.check.detail.empty())
        result += QStringLiteral(": ") + QString::fromStdString(outcome.check.detail);
    if (!outcome.problem.isEmpty())
        result += QStringLiteral(" (") + outcome.problem + u')';
    m_table->item(index, 2)->setText(result);
    m_table->item(index, 2)->setForeground(keys::usable(outcome.check.status) ? QColor(0x2e, 0x7d, 0x32)
                                                                               : QColor(0xc6, 0x28, 0x28));
    m_progress->setValue(++m_checked);
}

void WelcomeCheckPage::finish(const QString &error)
{
    m_running = false;
    const auto &outcomes = m_job->outcomes();
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        if (!outcomes[i].stored)
            continue;
        ++m_stored;
        m_table->item(static_cast<int>(i), 1)->setText(outcomes[i].label);
    }
    m_progress->setValue(m_progress->maximum());
    if (!error.isEmpty())
        m_summary->setText(tr("Could not store the keys: %1").arg(error));
    else if (m_stored == 0)
        m_summary->setText(tr("None of these keys works. Go back to paste others."));
    else
        m_summary->setText(tr("%n key(s) stored. The gateway is starting.", nullptr, m_stored));
    if (m_stored > 0)
        Q_EMIT keysStored(m_stored);
    Q_EMIT completeChanged();
}

bool WelcomeCheckPage::isComplete() const
{
    return !m_running && m_stored > 0;
}

WelcomeConnectPage::WelcomeConnectPage(QWidget *parent)
    : QWizardPage(parent)
    , m_tools(new ConnectToolsWidget(this))
{
    setTitle(tr("Connect your tools"));
    setSubTitle(tr("Hydra runs in the tray. Use these values in your editor or code; "
                   "the tray menu shows them again under Connect your tools."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tools);
}

void WelcomeConnectPage::setValues(const ConnectValues &values)
{
    m_tools->setValues(values);
}

} // namespace hydra::app
