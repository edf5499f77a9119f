#pragma once

class QWidget;

namespace qcrawl {

class AppSettings;

// When the interface is in Chinese (or another language) and no installed font draws the text of
// `window` (FontCoverage), says so once, in English and in Chinese, and offers to switch to
// English. Returns true when the user chose English (the language is saved; the caller rebuilds
// its windows under the English interface).
bool offerEnglishWhenUndrawable(QWidget *window, AppSettings *settings);

// Removes every translation installTranslations() installed, back to the English source text.
void removeTranslations();

} // namespace qcrawl
