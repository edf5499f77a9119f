#pragma once

// Writing to the terminal for qcrawl-cli's commands: rows to stdout, one-line messages to stderr.

#include <cstdio>

#include <QByteArray>
#include <QCommandLineParser>
#include <QString>

namespace qcrawl::console {

// A live line on stderr (ProgressLine) that every other write erases first; it draws itself
// again on its next tick.
class StatusLine
{
public:
    virtual void erase() = 0;

protected:
    ~StatusLine() = default;
};

inline StatusLine *&currentStatusLine()
{
    static StatusLine *line = nullptr;
    return line;
}

inline void setStatusLine(StatusLine *line)
{
    currentStatusLine() = line;
}

inline void eraseStatusLine()
{
    if (StatusLine *line = currentStatusLine())
        line->erase();
}

inline void writeOut(const QByteArray &bytes)
{
    eraseStatusLine();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

inline void flushOut()
{
    std::fflush(stdout);
}

inline void writeErr(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    eraseStatusLine();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

// The "Options:" part of Qt's generated help, to go under a command's own usage line.
inline QString optionsHelp(const QCommandLineParser &parser)
{
    const QString text = parser.helpText();
    const qsizetype at = text.indexOf(QStringLiteral("Options:"));
    return at < 0 ? QString() : text.mid(at);
}

inline QString padded(const QString &text, int width, bool right = false)
{
    return right ? text.rightJustified(width) : text.leftJustified(width);
}

} // namespace qcrawl::console
