#include "ffmpegremuxer.h"

#include "fetch/partfile.h"

#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {
constexpr qint64 MaxErrorBytes = 2048; // of ffmpeg's stderr, for the message
} // namespace

FfmpegRemuxer::FfmpegRemuxer(QObject *parent)
    : QObject(parent)
{
    connect(&m_process, &QProcess::finished, this, &FfmpegRemuxer::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // finished() follows for the others
        m_error = u"cannot start ffmpeg: %1"_s.arg(m_process.errorString());
        emit finished();
    });
}

FfmpegRemuxer::~FfmpegRemuxer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.disconnect(this);
        m_process.kill();
        m_process.waitForFinished(5000);
        PartFile::remove(m_output);
    }
}

QString FfmpegRemuxer::program()
{
    if (qEnvironmentVariableIsSet("QCRAWL_FFMPEG")) {
        const QString named = qEnvironmentVariable("QCRAWL_FFMPEG");
        const QFileInfo info(named);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath()
                                                    : QStandardPaths::findExecutable(named);
    }
    return QStandardPaths::findExecutable(u"ffmpeg"_s);
}

void FfmpegRemuxer::start(const QStringList &inputs, const QString &output)
{
    m_output = output;
    m_error.clear();
    m_succeeded = false;
    const QString ffmpeg = program();
    if (ffmpeg.isEmpty()) {
        m_error = u"ffmpeg is not installed"_s;
        QMetaObject::invokeMethod(this, &FfmpegRemuxer::finished, Qt::QueuedConnection);
        return;
    }
    PartFile::remove(output);
    QStringList arguments { u"-nostdin"_s, u"-hide_banner"_s, u"-loglevel"_s, u"error"_s, u"-y"_s };
    for (const QString &input : inputs)
        arguments << u"-i"_s << input;
    if (inputs.size() > 1) // the video of the first, the audio of the second
        arguments << u"-map"_s << u"0:v"_s << u"-map"_s << u"1:a"_s;
    else // what MP4 holds of it (a TS may carry data streams MP4 cannot)
        arguments << u"-map"_s << u"0:v?"_s << u"-map"_s << u"0:a?"_s;
    arguments << u"-c"_s << u"copy"_s << u"-f"_s << u"mp4"_s << PartFile::pathFor(output);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.start(ffmpeg, arguments, QIODevice::ReadOnly);
}

void FfmpegRemuxer::cancel()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_canceled = true;
    m_process.kill(); // onFinished() cleans up
}

void FfmpegRemuxer::onFinished(int exitCode, QProcess::ExitStatus status)
{
    const QByteArray stderrText = m_process.readAllStandardError().left(MaxErrorBytes);
    if (m_canceled) {
        m_error = u"canceled"_s;
    } else if (status != QProcess::NormalExit || exitCode != 0) {
        // ffmpeg's own words, one line, no control characters (they reach a terminal).
        QString why = QString::fromUtf8(stderrText).simplified();
        why.removeIf([](QChar c) { return c.category() == QChar::Other_Control; });
        m_error = why.isEmpty() ? u"ffmpeg failed (exit code %1)"_s.arg(exitCode)
                                : u"ffmpeg failed: %1"_s.arg(why);
    } else {
        QString why;
        if (PartFile::commit(m_output, &why))
            m_succeeded = true;
        else
            m_error =
                    u"cannot rename %1 to %2: %3"_s.arg(PartFile::pathFor(m_output), m_output, why);
    }
    if (!m_succeeded)
        PartFile::remove(m_output);
    emit finished();
}

} // namespace qcrawl
