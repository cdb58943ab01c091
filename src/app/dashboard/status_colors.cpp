#include "status_colors.h"

namespace hydra::app {

QColor healthColor(HealthLevel level)
{
    switch (level) {
    case HealthLevel::Healthy:
        return QColor(0x2e, 0x9d, 0x4a);
    case HealthLevel::Limited:
        return QColor(0xd9, 0xa4, 0x1b);
    case HealthLevel::Dead:
        break;
    }
    return QColor(0xd6, 0x45, 0x41);
}

QColor tintOf(const QColor &color)
{
    QColor tint = color;
    tint.setAlpha(70);
    return tint;
}

const QList<QColor> &seriesColors()
{
    // Tableau 10 without its grey (kept for "other"): distinct, and legible on white and on black.
    static const QList<QColor> colors{
        QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0xe1, 0x57, 0x59),
        QColor(0x76, 0xb7, 0xb2), QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
        QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7), QColor(0x9c, 0x75, 0x5f),
    };
    return colors;
}

QColor otherSeriesColor()
{
    return QColor(0x9a, 0x9a, 0x9a);
}

} // namespace hydra::app
