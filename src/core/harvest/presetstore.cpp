#include "presetstore.h"

#include <algorithm>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace qcrawl {

PresetStore::PresetStore(const QString &filePath)
    : m_path(filePath)
{
    reload();
}

QString PresetStore::defaultFilePath()
{
    // The generic location, not the per-application one: the GUI and the CLI share the presets.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + "/qcrawl/harvest-presets.json"_L1;
}

void PresetStore::reload()
{
    m_user.clear();
    m_loadError.clear();
    QFile file(m_path);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_loadError = u"cannot read %1: %2"_s.arg(m_path, file.errorString());
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        m_loadError = u"%1 is not a presets file: %2"_s.arg(
                m_path,
                parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                             : u"not a JSON object"_s);
        return;
    }
    const QJsonArray presets = document.object().value(u"presets"_s).toArray();
    for (const QJsonValue &value : presets) {
        HarvestRecipe recipe = HarvestRecipe::fromJson(value.toObject());
        if (recipe.name.isEmpty() || isBuiltIn(recipe.name) || preset(recipe.name))
            continue;
        m_user.append(recipe);
    }
    std::sort(m_user.begin(), m_user.end(), [](const HarvestRecipe &a, const HarvestRecipe &b) {
        return a.name.localeAwareCompare(b.name) < 0;
    });
}

QStringList PresetStore::names() const
{
    QStringList names;
    for (const HarvestRecipe &recipe : HarvestRecipe::builtInPresets())
        names.append(recipe.name);
    for (const HarvestRecipe &recipe : m_user)
        names.append(recipe.name);
    return names;
}

bool PresetStore::isBuiltIn(const QString &name) const
{
    const QList<HarvestRecipe> builtIn = HarvestRecipe::builtInPresets();
    return std::any_of(builtIn.cbegin(), builtIn.cend(),
                       [&](const HarvestRecipe &recipe) { return recipe.name == name; });
}

std::optional<HarvestRecipe> PresetStore::preset(const QString &name) const
{
    for (const HarvestRecipe &recipe : HarvestRecipe::builtInPresets()) {
        if (recipe.name == name)
            return recipe;
    }
    for (const HarvestRecipe &recipe : m_user) {
        if (recipe.name == name)
            return recipe;
    }
    return std::nullopt;
}

bool PresetStore::save(const HarvestRecipe &recipe, QString *error)
{
    QString reason;
    if (recipe.name.trimmed().isEmpty() || recipe.name != recipe.name.trimmed())
        reason = u"a preset needs a name without spaces around it"_s;
    else if (isBuiltIn(recipe.name))
        reason = u"\"%1\" is a built-in preset; choose another name"_s.arg(recipe.name);
    else if (!m_loadError.isEmpty())
        reason = m_loadError + u" (fix or remove it before saving presets)"_s;
    else
        recipe.validate(&reason);
    if (!reason.isEmpty()) {
        if (error)
            *error = reason;
        return false;
    }

    QList<HarvestRecipe> presets = m_user;
    const auto same = [&](const HarvestRecipe &r) { return r.name == recipe.name; };
    presets.erase(std::remove_if(presets.begin(), presets.end(), same), presets.end());
    presets.append(recipe);
    if (!write(presets, error))
        return false;
    reload();
    return true;
}

bool PresetStore::remove(const QString &name, QString *error)
{
    QString reason;
    if (isBuiltIn(name))
        reason = u"\"%1\" is a built-in preset and cannot be removed"_s.arg(name);
    else if (!preset(name))
        reason = u"no preset named \"%1\""_s.arg(name);
    if (!reason.isEmpty()) {
        if (error)
            *error = reason;
        return false;
    }
    QList<HarvestRecipe> presets = m_user;
    presets.erase(std::remove_if(presets.begin(), presets.end(),
                                 [&](const HarvestRecipe &r) { return r.name == name; }),
                  presets.end());
    if (!write(presets, error))
        return false;
    reload();
    return true;
}

bool PresetStore::write(const QList<HarvestRecipe> &presets, QString *error)
{
    QJsonArray array;
    for (const HarvestRecipe &recipe : presets)
        array.append(recipe.toJson());
    const QJsonObject root { { u"version"_s, 1 }, { u"presets"_s, array } };

    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path); // all or nothing: a crash never leaves half a file
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        if (error)
            *error = u"cannot write %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    return true;
}

} // namespace qcrawl
