#include "keys_page.h"

#include "app/app_context.h"
#include "engine.h"
#include "field_flag.h"
#include "key_jobs.h"
#include "key_table_model.h"
#include "keys/key_paste.h"
#include "secrets.h"
#include "app_settings.h"
#include "store/key_ring.h"
#include "ui_keys_page.h"

#include <QMessageBox>
#include <QPointer>

#include <algorithm>
#include <memory>
#include <set>

namespace hydra::app {
namespace {

std::vector<store::StoredKey> storedKeys(const store::KeyRing &ring, QString *error)
{
    auto listed = ring.list();
    if (const auto *problem = std::get_if<std::string>(&listed)) {
        *error = QString::fromStdString(*problem);
        return {};
    }
    return std::get<std::vector<store::StoredKey>>(std::move(listed));
}

// Keys are checked against the upstream the gateway uses.
QUrl upstreamOf(const AppContext &context)
{
    return context.settings.toGatewayConfig(context.settings.load()).upstream;
}

} // namespace

KeysPage::KeysPage(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_ui(std::make_unique<Ui::KeysPage>())
    , m_model(new KeyTableModel(this))
{
    m_ui->setupUi(this);
    m_ui->keysTable->setModel(m_model);
    m_ui->keysTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->pasteMessage->hide();

    connect(m_ui->pasteEdit, &QPlainTextEdit::textChanged, this, &KeysPage::checkPaste);
    connect(m_ui->addButton, &QPushButton::clicked, this, &KeysPage::addPasted);
    connect(m_ui->validateButton, &QPushButton::clicked, this, &KeysPage::validateSelected);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &KeysPage::removeSelected);
    connect(m_model, &KeyTableModel::labelEdited, this, &KeysPage::relabel);
    connect(m_ui->keysTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &KeysPage::updateButtons);
    connect(&context.engine, &Engine::keysChanged, this, &KeysPage::showDeadKeys);
    reload();
    showDeadKeys();
}

KeysPage::~KeysPage() = default;

void KeysPage::reload()
{
    QString error;
    m_model->setKeys(storedKeys(m_context.keys, &error));
    m_ui->tableMessage->setText(error);
    updateButtons();
}

void KeysPage::showDeadKeys()
{
    std::map<std::string, std::string> dead;
    for (const pool::KeySnapshot &key : m_context.engine.keys())
        if (key.dead)
            dead.emplace(key.fingerprint, key.deadReason);
    m_model->setDead(std::move(dead));
}

void KeysPage::updateButtons()
{
    const bool busy = isBusy();
    const auto pasted = keys::parsePastedKeys(m_ui->pasteEdit->toPlainText().toStdString(), m_model->keys());
    m_ui->addButton->setEnabled(!busy && !pasted.keys.empty() && !pasted.malformed());
    m_ui->validateButton->setEnabled(!busy && !m_model->keys().empty());
    m_ui->removeButton->setEnabled(!busy && m_ui->keysTable->selectionModel()->hasSelection());
    m_ui->pasteEdit->setReadOnly(busy);
}

void KeysPage::checkPaste()
{
    const auto pasted = keys::parsePastedKeys(m_ui->pasteEdit->toPlainText().toStdString(), m_model->keys());
    QStringList lines;
    for (const auto &problem : pasted.problems)
        lines << (problem.line > 0 ? tr("Line %1: %2").arg(problem.line).arg(QString::fromStdString(problem.reason))
                                   : QString::fromStdString(problem.reason));
    for (const auto &duplicate : pasted.duplicates)
        lines << tr("Line %1: %2; left out").arg(duplicate.line).arg(QString::fromStdString(duplicate.reason));
    FieldCheck check;
    if (pasted.malformed())
        check = FieldCheck::error(lines.join(QLatin1Char('\n')));
    else if (!lines.isEmpty())
        check = FieldCheck::warning(lines.join(QLatin1Char('\n')));
    showCheck(m_ui->pasteEdit, m_ui->pasteMessage, check);
    updateButtons();
}

bool KeysPage::check()
{
    checkPaste();
    if (m_ui->pasteEdit->property("invalid").toBool())
        return false;
    const auto pasted = keys::parsePastedKeys(m_ui->pasteEdit->toPlainText().toStdString(), m_model->keys());
    if (pasted.keys.empty())
        return true;
    showCheck(m_ui->pasteEdit, m_ui->pasteMessage,
              FieldCheck::error(tr("These keys are not added yet: press \"Check and add keys\", or clear the box.")));
    return false;
}

void KeysPage::startJob(KeyJob *job, const QString &what)
{
    m_job = job;
    m_ui->progressBar->setRange(0, 0); // until the job knows how many keys it checks
    m_ui->progressBar->setFormat(what + QStringLiteral(" %v/%m"));
    m_ui->progressBar->show();
    connect(job, &KeyJob::keyChecked, this, [this, job] {
        const auto &outcomes = job->outcomes();
        m_ui->progressBar->setRange(0, job->total());
        m_ui->progressBar->setValue(static_cast<int>(
            std::count_if(outcomes.begin(), outcomes.end(), [](const KeyOutcome &o) { return o.checked; })));
    });
    connect(job, &KeyJob::finished, this, [this, job] {
        m_job = nullptr;
        job->deleteLater();
        m_ui->progressBar->hide();
        m_model->setChecking({});
        reload();
        checkPaste();
        Q_EMIT busyChanged(false);
    });
    updateButtons();
    Q_EMIT busyChanged(true);
}

void KeysPage::addPasted()
{
    const auto pasted = keys::parsePastedKeys(m_ui->pasteEdit->toPlainText().toStdString(), m_model->keys());
    if (pasted.keys.empty() || pasted.malformed() || isBusy())
        return;
    auto *job = new KeyJob(m_context.keys, m_context.configDir, upstreamOf(m_context), this);
    std::vector<QString> names; // "line 3 (AIza…abcd)": the report never shows a whole key
    for (std::size_t i = 0; i < pasted.keys.size(); ++i)
        names.push_back(tr("Line %1 (%2)").arg(pasted.lines[i]).arg(QString::fromStdString(maskSecret(pasted.keys[i].secret))));
    m_ui->reportView->clear();
    m_ui->reportView->show();
    connect(job, &KeyJob::keyChecked, this, [this, job, names](int index) {
        const KeyOutcome &outcome = job->outcomes()[static_cast<std::size_t>(index)];
        m_ui->reportView->appendPlainText(
            tr("%1: %2 %3").arg(names[static_cast<std::size_t>(index)],
                                QString::fromStdString(keys::statusName(outcome.check.status)),
                                QString::fromStdString(outcome.check.detail)).trimmed());
    });
    connect(job, &KeyJob::finished, this, [this, job, names](const QString &error) {
        int added = 0;
        for (std::size_t i = 0; i < job->outcomes().size(); ++i) {
            const KeyOutcome &outcome = job->outcomes()[i];
            added += outcome.stored ? 1 : 0;
            if (outcome.stored)
                m_ui->reportView->appendPlainText(tr("%1: added as %2").arg(names[i], outcome.label));
            else if (keys::usable(outcome.check.status))
                m_ui->reportView->appendPlainText(tr("%1: not added: %2").arg(names[i], outcome.problem));
            else
                m_ui->reportView->appendPlainText(tr("%1: not added: it does not work").arg(names[i]));
        }
        if (!error.isEmpty())
            m_ui->reportView->appendPlainText(tr("The OS keychain cannot be used: %1").arg(error));
        m_ui->reportView->appendPlainText(tr("%n key(s) added.", nullptr, added));
        if (error.isEmpty())
            m_ui->pasteEdit->clear(); // every key is accounted for in the report
        if (added > 0)
            Q_EMIT keysChanged();
    });
    startJob(job, tr("Checking"));
    job->addPasted(pasted.keys);
}

void KeysPage::validateSelected()
{
    if (isBusy())
        return;
    std::vector<std::string> ids;
    std::set<std::string> checking;
    const auto rows = m_ui->keysTable->selectionModel()->selectedRows();
    for (std::size_t i = 0; i < m_model->keys().size(); ++i) {
        const bool selected = rows.isEmpty() || std::any_of(rows.begin(), rows.end(), [i](const QModelIndex &row) {
                                  return row.row() == static_cast<int>(i);
                              });
        if (selected) {
            ids.push_back(m_model->keys()[i].id);
            checking.insert(m_model->keys()[i].id);
        }
    }
    auto *job = new KeyJob(m_context.keys, m_context.configDir, upstreamOf(m_context), this);
    m_model->setChecking(checking);
    connect(job, &KeyJob::keyChecked, this, [this, job, checking](int index) mutable {
        checking.erase(job->outcomes()[static_cast<std::size_t>(index)].id);
        const auto selection = m_ui->keysTable->selectionModel()->selectedRows();
        reload(); // the result is in keys-meta.json now
        for (const QModelIndex &row : selection)
            m_ui->keysTable->selectionModel()->select(row, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        m_model->setChecking(checking);
    });
    connect(job, &KeyJob::finished, this, [this, job](const QString &error) {
        QStringList problems;
        if (!error.isEmpty())
            problems << error;
        for (const KeyOutcome &outcome : job->outcomes())
            if (!outcome.problem.isEmpty())
                problems << outcome.problem;
        m_ui->tableMessage->setText(problems.join(QLatin1Char('\n')));
        Q_EMIT keysChanged(); // a key validated again may serve again
    });
    startJob(job, tr("Validating"));
    job->checkStored(std::move(ids));
}

void KeysPage::removeSelected()
{
    const auto rows = m_ui->keysTable->selectionModel()->selectedRows();
    if (rows.isEmpty() || isBusy())
        return;
    QStringList labels;
    std::vector<std::string> ids;
    for (const QModelIndex &row : rows) {
        labels << QString::fromStdString(m_model->keys()[static_cast<std::size_t>(row.row())].label);
        ids.push_back(m_model->keys()[static_cast<std::size_t>(row.row())].id);
    }
    const auto answer = QMessageBox::question(
        this, tr("Remove keys"),
        tr("Remove %1 from Hydra and the OS keychain? Keep a copy if you want to use it again.").arg(labels.join(QStringLiteral(", "))));
    if (answer != QMessageBox::Yes)
        return;
    m_removing = static_cast<int>(ids.size());
    Q_EMIT busyChanged(true);
    updateButtons();
    auto problems = std::make_shared<QStringList>();
    for (const std::string &id : ids) {
        m_context.keys.remove(id, [this, guard = QPointer<KeysPage>(this), problems](const store::RingError &error) {
            if (!guard)
                return;
            if (error)
                *problems << error.message;
            if (--m_removing > 0)
                return;
            reload();
            m_ui->tableMessage->setText(problems->join(QLatin1Char('\n')));
            Q_EMIT busyChanged(false);
            Q_EMIT keysChanged();
        });
    }
}

void KeysPage::relabel(const QString &id, const QString &label)
{
    const std::string wanted = label.toStdString();
    QString error;
    auto keys = storedKeys(m_context.keys, &error);
    if (error.isEmpty()) {
        if (const auto problem = store::KeyRing::labelProblem(wanted))
            error = QString::fromStdString(*problem);
        else if (std::any_of(keys.begin(), keys.end(),
                             [&](const store::StoredKey &k) { return k.label == wanted && k.id != id.toStdString(); }))
            error = tr("The label %1 is taken already.").arg(label);
    }
    if (error.isEmpty()) {
        for (store::StoredKey &key : keys)
            if (key.id == id.toStdString())
                key.label = wanted;
        // Labels live only in keys-meta.json: no keychain round trip.
        if (const auto saveError = store::KeyMetadataStore(m_context.configDir).save(keys))
            error = QString::fromStdString(*saveError);
    }
    reload();
    m_ui->tableMessage->setText(error);
    if (error.isEmpty())
        Q_EMIT keysChanged();
}

} // namespace hydra::app
