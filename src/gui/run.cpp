#include "run.h"

namespace qcrawl {

Run::Run(QObject *parent)
    : QObject(parent)
{ }

Run::~Run() = default;

} // namespace qcrawl
