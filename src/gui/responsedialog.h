#pragma once

#include "fetch/fetchtypes.h"

#include <QDialog>

namespace qcrawl {

// Show response: the status line, the headers, and the body preview as text in its charset or
// as a hex dump for binary content.
class ResponseDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseDialog)

public:
    explicit ResponseDialog(const FetchResult &result, QWidget *parent = nullptr);

    // "HTTP/2 200", "HTTP/1.1 404 Not Found"; "HTTP 200" when the version is not known.
    static QString statusLine(const FetchResult &result);
};

} // namespace qcrawl
