#pragma once

#include <QString>

class QCoreApplication;

namespace qcrawl {

// Installs qcrawl's translation (built into the app from resources/translations by
// qt_add_translations) and Qt's own for the chosen language: "" follows the system locale.
// Returns the language installed ("en" when none fits).
QString installTranslations(QCoreApplication *app, const QString &language);

} // namespace qcrawl
