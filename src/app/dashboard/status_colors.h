#pragma once
// The dashboard's colours in one place. Mid-lightness hues that read as swatches and as
// translucent tints on both light and dark palettes; text itself keeps the palette's colour.

#include <QColor>
#include <QList>

namespace hydra::app {

enum class HealthLevel { Healthy, Limited, Dead };

// Solid colour of a state: green, amber, red.
QColor healthColor(HealthLevel level);
// A translucent version for a cell's background: the palette's base shows through, so the
// palette's text stays readable on it.
QColor tintOf(const QColor &color);
// Colours for chart series, in order of use; otherSeriesColor() for "other".
const QList<QColor> &seriesColors();
QColor otherSeriesColor();

} // namespace hydra::app
