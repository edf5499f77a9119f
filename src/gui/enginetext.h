#pragma once

#include "fetch/fetcherror.h"

#include <QCoreApplication>
#include <QString>

namespace qcrawl {

// The engines' errors are data: exports and the CLI's JSONL write FetchError::text(), in English.
// The GUI shows them in the user's language through this one switch over the kinds (as
// qBittorrent's errorCodeToString() does); words from a library (curl's, Qt's, the system's)
// stay as they came.
class EngineText final
{
    Q_DECLARE_TR_FUNCTIONS(EngineText)

public:
    static QString translate(const FetchError &error);
};

} // namespace qcrawl
