#include "connect_tools_widget.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace hydra::app {

ConnectToolsWidget::ConnectToolsWidget(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_tokenNote(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *intro = new QLabel(tr("Point your tools at Hydra: choose a tool and copy each value into it."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_tokenNote->setObjectName(QStringLiteral("tokenNote"));
    m_tokenNote->setWordWrap(true);
    m_tokenNote->setVisible(false);
    layout->addWidget(m_tokenNote);
    layout->addWidget(m_tabs);
}

void ConnectToolsWidget::setValues(const ConnectValues &values)
{
    m_tokenNote->setText(tokenNote(values));
    m_tokenNote->setVisible(!m_tokenNote->text().isEmpty());
    const int current = m_tabs->currentIndex();
    while (m_tabs->count() > 0) {
        QWidget *page = m_tabs->widget(0);
        m_tabs->removeTab(0);
        delete page;
    }
    for (const ToolGuide &guide : toolGuides(values))
        m_tabs->addTab(buildPage(guide), guide.tool);
    if (current >= 0 && current < m_tabs->count())
        m_tabs->setCurrentIndex(current);
}

QWidget *ConnectToolsWidget::buildPage(const ToolGuide &guide)
{
    auto *page = new QWidget;
    auto *grid = new QGridLayout(page);
    int row = 0;
    auto *steps = new QLabel(guide.steps, page);
    steps->setWordWrap(true);
    grid->addWidget(steps, row++, 0, 1, 3);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const ToolField &field : guide.fields) {
        grid->addWidget(new QLabel(field.label, page), row, 0, Qt::AlignTop);
        QWidget *valueWidget = nullptr;
        if (field.multiline) {
            auto *text = new QPlainTextEdit(field.value, page);
            text->setReadOnly(true);
            text->setFont(fixed);
            text->setLineWrapMode(QPlainTextEdit::NoWrap);
            valueWidget = text;
        } else {
            auto *line = new QLineEdit(field.value, page);
            line->setReadOnly(true);
            line->setFont(fixed);
            line->setCursorPosition(0);
            valueWidget = line;
        }
        grid->addWidget(valueWidget, row, 1);
        if (!field.copyable) {
            ++row;
            continue;
        }
        auto *copy = new QPushButton(tr("Copy"), page);
        copy->setProperty("copyValue", field.value);
        copy->setToolTip(tr("Copy %1").arg(field.label));
        connect(copy, &QPushButton::clicked, copy, [copy, value = field.value] {
            QApplication::clipboard()->setText(value);
            copy->setText(tr("Copied"));
        });
        grid->addWidget(copy, row, 2, Qt::AlignTop);
        ++row;
    }
    if (!guide.note.isEmpty()) {
        auto *note = new QLabel(guide.note, page);
        note->setWordWrap(true);
        if (!guide.available)
            note->setStyleSheet(QStringLiteral("font-weight: bold"));
        grid->addWidget(note, row++, 0, 1, 3);
    }
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(row, 1);
    return page;
}

ConnectToolsDialog::ConnectToolsDialog(QWidget *parent)
    : QDialog(parent)
    , m_widget(new ConnectToolsWidget(this))
{
    setWindowTitle(tr("Connect your tools"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_widget);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 420);
}

} // namespace hydra::app
