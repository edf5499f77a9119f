#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace qcrawl {

// Remuxes a saved HLS video with ffmpeg, when it is installed: MPEG-TS to MP4, or a video and a
// separate audio rendition into one MP4, always with "-c copy" (stream copy: no re-encoding, so
// it takes a moment whatever the length). ffmpeg is optional: found on PATH at run time (or named
// by QCRAWL_FFMPEG; a name that is not an executable there means "no ffmpeg"), never needed to
// build. The output goes to "<output>.part" and becomes "<output>" only when ffmpeg succeeded.
class FfmpegRemuxer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FfmpegRemuxer)

public:
    explicit FfmpegRemuxer(QObject *parent = nullptr);
    ~FfmpegRemuxer() override;

    // The ffmpeg to run; empty when there is none.
    static QString program();

    // Starts ffmpeg on the inputs (a video, and optionally an audio file to mux in). finished()
    // follows, also when ffmpeg cannot start.
    void start(const QStringList &inputs, const QString &output);
    void cancel(); // kills ffmpeg and removes what it wrote; finished() follows with an error

    bool succeeded() const { return m_succeeded; }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    void onFinished(int exitCode, QProcess::ExitStatus status);

    QProcess m_process { this };
    QString m_output;
    QString m_error;
    bool m_succeeded = false;
    bool m_canceled = false;
};

} // namespace qcrawl
