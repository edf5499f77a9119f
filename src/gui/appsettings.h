#pragma once

#include "fetch/fetchtypes.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace qcrawl {

// What the app remembers between sessions, over a QSettings the caller owns (tests pass one on a
// temporary file). Plain accessors: no singleton, nothing reaches for it from views.
class AppSettings final
{
public:
    explicit AppSettings(QSettings *settings)
        : m_settings(settings)
    { }

    FetchOptions fetchOptions() const;
    void setFetchOptions(const FetchOptions &options);

    FetchMode mode() const;
    void setMode(FetchMode mode);

    QString downloadFolder() const;
    void setDownloadFolder(const QString &folder);
    QString lastFolder(const QString &purpose) const; // "import", "export", "save"
    void setLastFolder(const QString &purpose, const QString &folder);

    QByteArray value(const QString &key) const;
    void setValue(const QString &key, const QByteArray &value);
    QStringList stringList(const QString &key) const;
    void setStringList(const QString &key, const QStringList &list);

    // "" follows the system locale; otherwise a translation's name: "en", "zh_CN".
    QString language() const;
    void setLanguage(const QString &language);

    // The journal of runs: on unless turned off; in the user's data folder.
    bool journalEnabled() const;
    void setJournalEnabled(bool enabled);
    static QString defaultJournalPath();

    bool demoOffered() const;
    void setDemoOffered(bool offered);

    QSettings *settings() const { return m_settings; }

private:
    QSettings *m_settings;
};

} // namespace qcrawl
