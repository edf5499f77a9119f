#pragma once

// QCOMPARE on two FetchErrors prints them as text with their kind (found by argument-dependent
// lookup, as QTest::toString() overloads are).

#include "fetch/fetcherror.h"

#include <QTest>

namespace qcrawl {

inline char *toString(const FetchError &error)
{
    const QString text = QStringLiteral("%1 (kind %2)").arg(error.text()).arg(int(error.kind()));
    return QTest::toString(text);
}

} // namespace qcrawl
