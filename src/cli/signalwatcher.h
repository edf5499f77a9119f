#pragma once

#include <memory>

#include <QObject>
#include <QSocketNotifier>

namespace qcrawl {

// Turns SIGINT and SIGTERM into a Qt signal (the self-pipe pattern Qt's docs describe for Unix
// signals), so Ctrl+C cancels a run cleanly: transfers abort, .part files are removed, the summary
// is still printed. A second Ctrl+C exits at once.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void interrupted();

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace qcrawl
