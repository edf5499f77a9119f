#pragma once

#include <QString>

namespace qcrawl {

// The engines' messages are data: they go into exports and the CLI's JSONL as written, in
// English. The GUI shows them in the user's language through this table.
class EngineText final
{
public:
    static QString translate(const QString &engineMessage);
};

} // namespace qcrawl
