#pragma once

#include "harvest/harvestrecipe.h"

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

namespace qcrawl {

// The harvest presets: the built-in ones (pearvideo) and the user's own, kept as JSON in one file
// that the desktop app and qcrawl-cli share (by default
// ~/.config/qcrawl/harvest-presets.json). Built-in presets cannot be replaced or removed; a user
// preset of the same name is refused rather than silently shadowing one.
class PresetStore final
{
public:
    explicit PresetStore(const QString &filePath = defaultFilePath());

    static QString defaultFilePath();
    QString filePath() const { return m_path; }

    // Re-reads the file. A missing file is an empty list; an unreadable or malformed one is
    // reported in loadError() and treated as empty (and is not overwritten by save()).
    void reload();
    QString loadError() const { return m_loadError; }

    QStringList names() const; // built-in first, then the user's in alphabetical order
    bool isBuiltIn(const QString &name) const;
    std::optional<HarvestRecipe> preset(const QString &name) const;
    QList<HarvestRecipe> userPresets() const { return m_user; }

    // Adds or replaces the user preset recipe.name. The recipe must validate.
    bool save(const HarvestRecipe &recipe, QString *error = nullptr);
    bool remove(const QString &name, QString *error = nullptr);

private:
    bool write(const QList<HarvestRecipe> &presets, QString *error);

    QString m_path;
    QList<HarvestRecipe> m_user;
    QString m_loadError;
};

} // namespace qcrawl
