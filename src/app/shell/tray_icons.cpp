#include "tray_icons.h"

#include <QGuiApplication>
#include <QPalette>
#include <QStyleHints>

// Q_INIT_RESOURCE must be called outside any namespace.
static void initTrayResource()
{
    Q_INIT_RESOURCE(tray);
}

namespace hydra::app {

QString trayIconPath(TrayStatus status, bool darkPanel)
{
    QString name;
    switch (status) {
    case TrayStatus::Stopped: name = QStringLiteral("stopped"); break;
    case TrayStatus::NoUsableKey: name = QStringLiteral("nokey"); break;
    case TrayStatus::Exposed: name = QStringLiteral("exposed"); break;
    case TrayStatus::SomeKeysLimited: name = QStringLiteral("limited"); break;
    case TrayStatus::Running: name = QStringLiteral("running"); break;
    }
    return QStringLiteral(":/tray/tray-%1-%2.svg").arg(name, darkPanel ? QStringLiteral("dark") : QStringLiteral("light"));
}

QIcon trayIcon(TrayStatus status, bool darkPanel)
{
    return QIcon(trayIconPath(status, darkPanel));
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool systemUsesDarkTheme()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    const Qt::ColorScheme scheme = QGuiApplication::styleHints()->colorScheme();
    if (scheme != Qt::ColorScheme::Unknown)
        return scheme == Qt::ColorScheme::Dark;
#endif
    return isDarkPalette(QGuiApplication::palette());
}

void initShellResources()
{
    initTrayResource();
}

} // namespace hydra::app
