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

// Text for a person's terminal: control characters (C0, DEL, C1: escape sequences, a carriage
// return that hides a line) and bidirectional overrides (which reorder what follows) are shown
// as "\x1B" / "\u202E" instead of acting. Every human-readable line with server text goes
// through it; JSONL and CSV keep the exact data in their own escaping.
inline QString forTerminal(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const char32_t c : text.toUcs4()) {
        const bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
        const bool bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C;
        if (control || bidi)
            out += (control ? QStringLiteral("\\x") : QStringLiteral("\\u"))
                    + QString::number(uint(c), 16).toUpper().rightJustified(control ? 2 : 4, u'0');
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
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

// One line on stderr, escaped for the terminal (messages quote server text: errors, titles).
inline void writeErr(const QString &line)
{
    const QByteArray bytes = forTerminal(line).toUtf8() + '\n';
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
