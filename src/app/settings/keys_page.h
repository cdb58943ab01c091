#pragma once
// The Keys page: a paste box (checked as it is typed), the stored keys with Validate, Remove
// and label editing. Everything that touches the keychain or the network runs in the
// background (KeyRing, KeyJob); the page only shows progress and results.

#include <QWidget>

#include <memory>

namespace Ui {
class KeysPage;
}

namespace hydra::app {

struct AppContext;
class KeyJob;
class KeyTableModel;

class KeysPage : public QWidget
{
    Q_OBJECT
public:
    explicit KeysPage(AppContext &context, QWidget *parent = nullptr);
    ~KeysPage() override;

    // Refuses (and flags) a paste box holding a malformed paste, or keys not added yet.
    bool check();
    // Reads keys-meta.json again.
    void reload();
    bool isBusy() const { return m_job != nullptr || m_removing > 0; }

Q_SIGNALS:
    void keysChanged();
    void busyChanged(bool busy);

private:
    void checkPaste();
    void addPasted();
    void validateSelected();
    void removeSelected();
    void relabel(const QString &id, const QString &label);
    void startJob(KeyJob *job, const QString &what);
    void updateButtons();
    void showDeadKeys();

    AppContext &m_context;
    std::unique_ptr<Ui::KeysPage> m_ui;
    KeyTableModel *m_model;
    KeyJob *m_job = nullptr;
    int m_removing = 0;
};

} // namespace hydra::app
