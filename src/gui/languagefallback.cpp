#include "languagefallback.h"

#include "appsettings.h"
#include "fontcoverage.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

const QString WarnedKey = u"ui/undrawableLanguageWarned"_s;

} // namespace

bool offerEnglishWhenUndrawable(QWidget *window, AppSettings *settings)
{
    if (settings->value(WarnedKey) == "1")
        return false;
    const QStringList problems = FontCoverage::undrawableText(window);
    if (problems.isEmpty())
        return false;
    settings->setValue(WarnedKey, "1"); // once: the user may keep the boxes, or install a font
    // Both languages, untranslated on purpose: the English half is what can be read here.
    QMessageBox box(QMessageBox::Warning, u"qcrawl"_s,
                    u"No installed font can show this interface's language: its text would be "
                    u"drawn as empty boxes.\n\nInstall a CJK font (for example: sudo apt install "
                    u"fonts-wqy-microhei) and restart qcrawl, or use qcrawl in English now."
                    u"\n\n没有已安装的字体可以显示界面语言，文字会显示为空白方框。请安装中文字体"
                    u"（例如：sudo apt install fonts-wqy-microhei）后重新启动 qcrawl，"
                    u"或现在改用英文界面。"_s,
                    QMessageBox::NoButton, window);
    QPushButton *english = box.addButton(u"Use English / 使用英文"_s, QMessageBox::AcceptRole);
    box.addButton(u"Keep this language / 保持当前语言"_s, QMessageBox::RejectRole);
    box.setDefaultButton(english);
    box.exec();
    if (box.clickedButton() != english)
        return false;
    settings->setLanguage(u"en"_s);
    return true;
}

void removeTranslations()
{
    for (QTranslator *translator : qApp->findChildren<QTranslator *>(Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

} // namespace qcrawl
