#pragma once
// Shows a FieldCheck where the field is: a red border for refused input, an amber one for a
// warning, and the reason in the label next to it. The field's "invalid" property says
// whether it was refused (what tests and style sheets can look at).

#include "settings_checks.h"

class QLabel;
class QWidget;

namespace hydra::app {

void showCheck(QWidget *field, QLabel *message, const FieldCheck &check);

} // namespace hydra::app
