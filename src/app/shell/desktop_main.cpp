#include "desktop_main.h"

#include "desktop_app.h"
#include "single_instance.h"
#include "tray_icons.h"
#include "store/atomic_file.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSystemTrayIcon>
#include <QTranslator>

#include <cstdio>

namespace hydra::app {
namespace {

// Hydra's own texts (built into the binary by qt_add_translations) and Qt's, for the system locale.
void installTranslators(QApplication &app)
{
    auto *hydra = new QTranslator(&app);
    if (hydra->load(QLocale(), QStringLiteral("hydra"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(hydra);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int runDesktopApp(int &argc, char **argv, const QString &configDir, const QString &configDirOption)
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Hydra"));
    initShellResources();
    installTranslators(app);

    SingleInstance instance(SingleInstance::serverName(configDir));
    if (instance.activateRunning()) {
        std::fprintf(stderr, "hydra: already running for %s; showed its dashboard\n", qPrintable(configDir));
        return 0;
    }
    if (!store::makePrivateDirectory(configDir)) {
        QMessageBox::critical(nullptr, QObject::tr("Hydra"),
                              QObject::tr("Cannot create the config folder %1.").arg(configDir));
        return 1;
    }
    if (!instance.listen())
        std::fprintf(stderr, "hydra: a second launch will not find this one: %s\n", qPrintable(instance.errorString()));

    store::KeychainSecretStore secrets;
    DesktopApp::Options options;
    options.configDir = configDir;
    if (!configDirOption.isEmpty())
        options.loginArguments = {QStringLiteral("--config-dir"), QDir(configDirOption).absolutePath()};
    options.useTray = QSystemTrayIcon::isSystemTrayAvailable();
    DesktopApp desktop(options, secrets);
    QObject::connect(&instance, &SingleInstance::activationRequested, &desktop, [&desktop] {
        std::fprintf(stderr, "hydra: another launch asked for the dashboard\n");
        desktop.showDashboard();
    });
    desktop.start();
    return QApplication::exec();
}

} // namespace hydra::app
