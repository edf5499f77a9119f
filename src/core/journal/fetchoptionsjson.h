#pragma once

#include "fetch/fetchtypes.h"

#include <QJsonObject>

namespace qcrawl {

// FetchOptions as JSON, for the journal: what a run was started with, so that `resume` continues
// it the same way. Every field is written; a missing or mistyped one reads as its default.
class FetchOptionsJson final
{
public:
    static QJsonObject toJson(const FetchOptions &options);
    static FetchOptions fromJson(const QJsonObject &json);
};

} // namespace qcrawl
