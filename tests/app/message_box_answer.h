#pragma once
// Answers the next modal message box (a confirmation the code under test asks) with `which`, as
// soon as it shows: it is opened with exec(), so the test cannot click it from the outside.

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>

namespace hydra::testing {

inline void answerNextMessageBox(QMessageBox::StandardButton which)
{
    QTimer::singleShot(0, [which] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return answerNextMessageBox(which);
        box->button(which)->click();
    });
}

} // namespace hydra::testing
