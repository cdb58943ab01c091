#pragma once
// Which tray icon shows a state, and whether the panel it sits on is dark. The icons are SVG
// (sharp at any DPI) in resources/tray: "-light" for light panels, "-dark" for dark ones.

#include "shell_state.h"

#include <QIcon>
#include <QString>

class QPalette;

namespace hydra::app {

// ":/tray/tray-<state>-<light|dark>.svg"
QString trayIconPath(TrayStatus status, bool darkPanel);
QIcon trayIcon(TrayStatus status, bool darkPanel);

// The system's colour scheme (Qt 6.5+), else a guess from the palette's window colour.
bool systemUsesDarkTheme();
bool isDarkPalette(const QPalette &palette);

// The tray icons and translations live in the shell library: call once before using them.
void initShellResources();

} // namespace hydra::app
