#include "responsedialog.h"

#include "bodytext.h"
#include "enginetext.h"
#include "util/units.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qcrawl {

QString ResponseDialog::statusLine(const FetchResult &result)
{
    // As the server sent it: "HTTP/1.1 404 Not Found"; HTTP/2 has no reason phrase.
    QString line = result.httpVersion.isEmpty()
            ? u"HTTP"_s
            : u"HTTP/"_s + QString::fromLatin1(result.httpVersion);
    line += u' ' + QString::number(result.httpStatus);
    const QString reason = QString::fromLatin1(result.reasonPhrase).trimmed();
    if (!reason.isEmpty())
        line += u' ' + reason;
    return line;
}

ResponseDialog::ResponseDialog(const FetchResult &result, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Response – %1").arg(result.url.toDisplayString()));
    setObjectName(u"responseDialog"_s);

    QString status = result.hasResponse() ? statusLine(result) : tr("No response");
    if (!result.error.isEmpty())
        status += u" — "_s + EngineText::translate(result.error);
    auto *statusLabel =
            new QLabel(u"<b>%1</b><br>%2"_s.arg(status.toHtmlEscaped(),
                                                result.finalUrl.toDisplayString().toHtmlEscaped()),
                       this);
    statusLabel->setObjectName(u"statusLine"_s);
    statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusLabel->setWordWrap(true);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    auto *headers = new QPlainTextEdit(this);
    headers->setObjectName(u"headers"_s);
    headers->setReadOnly(true);
    headers->setFont(mono);
    QString headerText;
    for (const auto &[name, value] : result.responseHeaders)
        headerText += QString::fromLatin1(name) + u": "_s + QString::fromLatin1(value) + u'\n';
    headers->setPlainText(headerText);

    auto *body = new QPlainTextEdit(this);
    body->setObjectName(u"body"_s);
    body->setReadOnly(true);
    body->setFont(mono);
    const std::optional<BodyText::Decoded> text =
            BodyText::decode(result.preview, result.contentType);
    body->setPlainText(text ? text->text : BodyText::hexDump(result.preview));
    const bool truncated = result.bytesReceived > result.preview.size();
    const QString bodyTitle = (text ? (text->encoding.isDeclared()
                                               ? tr("Body (%1)").arg(text->encoding.name)
                                               : tr("Body (%1, guessed)").arg(text->encoding.name))
                                    : tr("Body (hex)"))
            + (truncated ? tr(" – first %1 of %2")
                                   .arg(formatBytes(result.preview.size()),
                                        formatBytes(result.bytesReceived))
                         : QString());

    auto *tabs = new QTabWidget(this);
    tabs->addTab(body, bodyTitle);
    tabs->addTab(headers, tr("Headers (%1)").arg(result.responseHeaders.size()));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(statusLabel);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(760, 560);
}

} // namespace qcrawl
