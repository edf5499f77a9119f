#pragma once

// Writing to the terminal for qcrawl-cli's commands: rows to stdout, one-line messages to stderr.

#include <cstdio>

#include <QByteArray>
#include <QCommandLineParser>
#include <QString>

namespace qcrawl::console {

inline void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

inline void flushOut()
{
    std::fflush(stdout);
}

inline void writeErr(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
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
