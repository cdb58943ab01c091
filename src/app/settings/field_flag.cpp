#include "field_flag.h"

#include <QLabel>
#include <QWidget>

namespace hydra::app {

void showCheck(QWidget *field, QLabel *message, const FieldCheck &check)
{
    // Selected by object name, so the border stays on the field and not on its children.
    const auto border = [field](const char *colour) {
        return QStringLiteral("#%1 { border: 2px solid %2; }").arg(field->objectName(), QLatin1String(colour));
    };
    switch (check.level) {
    case FieldCheck::Level::Ok:
        field->setStyleSheet({});
        break;
    case FieldCheck::Level::Warning:
        field->setStyleSheet(border("#e0a000"));
        break;
    case FieldCheck::Level::Error:
        field->setStyleSheet(border("#d32f2f"));
        break;
    }
    field->setProperty("invalid", check.refused());
    message->setText(check.message);
    message->setStyleSheet(check.refused() ? QStringLiteral("color: #d32f2f;") : QString());
    message->setVisible(!check.message.isEmpty());
}

} // namespace hydra::app
