#pragma once

// What every libFuzzer target in fuzz/ shares: a QCoreApplication (some Qt classes want one), and
// FUZZ_CHECK, which turns a broken promise of the code under test into a finding (abort(), so
// libFuzzer keeps the input) with the promise in words.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#define FUZZ_CHECK(condition, what)                                                                \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "fuzz check failed: %s (%s, %s:%d)\n", what, #condition,          \
                         __FILE__, __LINE__);                                                      \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

// FUZZ_CHECK for two strings that must be equal: both are shown, escaped, when they are not.
#define FUZZ_CHECK_EQUAL(actual, expected, what)                                                   \
    do {                                                                                           \
        const QString fuzzActual = (actual);                                                       \
        const QString fuzzExpected = (expected);                                                   \
        if (fuzzActual != fuzzExpected) {                                                          \
            std::fprintf(stderr, "actual:   %s\nexpected: %s\n",                                   \
                         qcrawl::fuzz::escaped(fuzzActual).constData(),                            \
                         qcrawl::fuzz::escaped(fuzzExpected).constData());                         \
            FUZZ_CHECK(false, what);                                                               \
        }                                                                                          \
    } while (false)

namespace qcrawl::fuzz {

// A string as C-like escapes of its UTF-16 code units beyond printable ASCII.
inline QByteArray escaped(const QString &text)
{
    QByteArray out = "\"";
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x20 && u < 0x7f && u != u'"' && u != u'\\')
            out += char(u);
        else
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
    }
    return out + '"';
}

inline void initialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace qcrawl::fuzz

#define QCRAWL_FUZZ_INITIALIZE                                                                     \
    extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)                                   \
    {                                                                                              \
        qcrawl::fuzz::initialize(argc, argv);                                                      \
        return 0;                                                                                  \
    }
