#include "bodysaver.h"

#include "fetch/fetchengine.h"

#include <QFileInfo>

namespace qcrawl {

namespace {

QString keyOf(const QString &path)
{
    return QFileInfo(path).absoluteFilePath();
}

} // namespace

BodySaver::BodySaver(QObject *parent)
    : QObject(parent)
{ }

BodySaver::~BodySaver()
{
    // The engines cancel their transfers as they go; nobody is left to hear of it.
    for (auto &[key, engine] : m_running)
        engine->blockSignals(true);
    m_running.clear();
}

void BodySaver::save(const QUrl &url, const QString &path, const FetchOptions &options)
{
    Save save { url, path, options };
    // "Save body as…" saves the body: a playlist stays the text the user saw, in the file named.
    save.options.saveHlsAsVideo = false;
    if (m_running.count(keyOf(path)))
        m_waiting.append(save);
    else
        start(save);
}

void BodySaver::start(const Save &save)
{
    const QString key = keyOf(save.path);
    FetchEngine *engine =
            m_running.emplace(key, FetchEngine::create(FetchMode::Async, save.options))
                    .first->second.get();
    connect(engine, &FetchEngine::jobFinished, this,
            [this, key, path = save.path](const FetchResult &result) {
                onFinished(key, path, result);
            });
    engine->start({ { 0, save.url, save.path } });
}

void BodySaver::onFinished(const QString &key, const QString &path, const FetchResult &result)
{
    // Called from the engine's signal: it goes once it has returned.
    const auto it = m_running.find(key);
    if (it != m_running.end()) {
        FetchEngine *engine = it->second.release();
        m_running.erase(it);
        engine->disconnect(this);
        engine->setParent(this);
        engine->deleteLater();
    }
    // The next save to the same file, if one waits.
    for (qsizetype i = 0; i < m_waiting.size(); ++i) {
        if (keyOf(m_waiting.at(i).path) == key) {
            start(m_waiting.takeAt(i));
            break;
        }
    }
    emit finished(path, result);
}

} // namespace qcrawl
