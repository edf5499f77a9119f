#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace qcrawl {

QString installTranslations(QCoreApplication *app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *ours = new QTranslator(app);
    if (!ours->load(locale, u"qcrawl"_s, u"_"_s, u":/i18n"_s)) {
        delete ours;
        return u"en"_s;
    }
    QCoreApplication::installTranslator(ours);
    // Qt's own strings (standard buttons, file dialogs), when Debian's translations are there.
    auto *qt = new QTranslator(app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return ours->language();
}

} // namespace qcrawl
