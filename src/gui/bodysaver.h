#pragma once

#include "fetch/fetchtypes.h"

#include <map>
#include <memory>

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace qcrawl {

class FetchEngine;

// "Save body as…" for a body of which the run kept only the preview: fetches it again, straight
// into the chosen file. Saves run alongside each other, each on an async engine of its own, and
// each one ends in exactly one finished(); a save to a file that another save is still writing
// waits for that one, so that two never write the same file.
class BodySaver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodySaver)

public:
    explicit BodySaver(QObject *parent = nullptr);
    ~BodySaver() override; // abandons the saves still going, silently

    void save(const QUrl &url, const QString &path, const FetchOptions &options);
    // Saves running or waiting for their file.
    int pendingCount() const { return int(m_running.size() + m_waiting.size()); }

Q_SIGNALS:
    void finished(const QString &path, const qcrawl::FetchResult &result);

private:
    struct Save
    {
        QUrl url;
        QString path;
        FetchOptions options;
    };

    void start(const Save &save);
    void onFinished(const QString &key, const QString &path, const FetchResult &result);

    std::map<QString, std::unique_ptr<FetchEngine>> m_running; // by absolute file path
    QList<Save> m_waiting;
};

} // namespace qcrawl
