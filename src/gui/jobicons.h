#pragma once

#include "jobmodel.h"

#include <QIcon>

namespace qcrawl {

// The icons of the jobs' states, for the table's state column and the state filter. They are
// drawn, not shipped: crisp at any size, and no assets to keep in step with the states.
class JobIcons final
{
public:
    static QIcon forState(JobModel::State state); // drawn once, then cached
};

} // namespace qcrawl
