#include "urleditor.h"

#include <QFile>
#include <QFileInfo>
#include <QHelpEvent>
#include <QMimeData>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {
constexpr qint64 MaxImportBytes = 64 * 1024 * 1024;
// Laying out pasted text costs the GUI thread about 5 ms per 1,000 lines; a large paste goes in
// slices of this size, one per event-loop turn, so the window keeps painting and responding.
constexpr qsizetype SliceLines = 1500;
constexpr qsizetype LargePasteChars = 64 * 1024;
} // namespace

UrlEditor::UrlEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setPlaceholderText(tr("Paste URLs here, one per line or separated by spaces.\n"
                          "Lines starting with # are comments. Bare hosts such as "
                          "www.example.com are fetched over http.\n"
                          "You can also drop links or text files here."));
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &UrlEditor::startParse);
    connect(this, &QPlainTextEdit::textChanged, this, &UrlEditor::scheduleParse);
    connect(&m_watcher, &QFutureWatcher<UrlParseResult>::finished, this, [this] {
        const int revision = m_runningRevision;
        m_runningRevision = -1;
        if (revision == m_revision)
            applyResult(m_watcher.result(), revision);
        else if (!m_debounce.isActive())
            startParse(); // edited while parsing: parse the newer text
    });
}

UrlEditor::~UrlEditor()
{
    m_watcher.waitForFinished();
}

bool UrlEditor::isParsePending() const
{
    return m_parsedRevision != m_revision || isInserting();
}

void UrlEditor::insertInSlices(const QString &text)
{
    if (text.size() < LargePasteChars) {
        textCursor().insertText(text);
        return;
    }
    if (isInserting()) { // a paste while one is still going in: finish that one first
        m_sliceCursor.insertText(m_sliceText.mid(m_slicePos));
        m_sliceText.clear();
    }
    m_sliceCursor = textCursor();
    m_sliceCursor.removeSelectedText();
    m_sliceText = text;
    m_slicePos = 0;
    setReadOnly(true); // typing into a half-pasted list would interleave with it
    insertNextSlice();
}

void UrlEditor::insertNextSlice()
{
    if (!isInserting())
        return;
    qsizetype end = m_slicePos;
    for (qsizetype lines = 0; lines < SliceLines && end < m_sliceText.size(); ++lines) {
        const qsizetype newline = m_sliceText.indexOf(u'\n', end);
        end = newline < 0 ? m_sliceText.size() : newline + 1;
    }
    m_sliceCursor.beginEditBlock();
    m_sliceCursor.insertText(m_sliceText.mid(m_slicePos, end - m_slicePos));
    m_sliceCursor.endEditBlock();
    m_slicePos = end;
    if (m_slicePos >= m_sliceText.size()) {
        m_sliceText.clear();
        setReadOnly(false);
        setTextCursor(m_sliceCursor);
        scheduleParse();
        return;
    }
    QTimer::singleShot(0, this, &UrlEditor::insertNextSlice);
}

void UrlEditor::scheduleParse()
{
    ++m_revision;
    m_debounce.start();
}

void UrlEditor::startParse()
{
    if (m_watcher.isRunning())
        return; // the finished handler starts the next parse
    m_runningRevision = m_revision;
    m_watcher.setFuture(
            QtConcurrent::run([text = toPlainText()] { return UrlListParser::parse(text); }));
}

UrlParseResult UrlEditor::parseNow()
{
    if (isParsePending()) {
        m_debounce.stop();
        applyResult(UrlListParser::parse(toPlainText()), m_revision);
    }
    return m_result;
}

void UrlEditor::applyResult(const UrlParseResult &result, int revision)
{
    m_result = result;
    m_parsedRevision = revision;
    m_reasons.clear();
    QList<QTextEdit::ExtraSelection> marks;
    QTextCharFormat format;
    format.setBackground(QColor(255, 80, 80, 40));
    format.setProperty(QTextFormat::FullWidthSelection, true);
    for (const RejectedLine &bad : result.rejected) {
        const int block = bad.line - 1;
        auto it = m_reasons.find(block);
        if (it != m_reasons.end()) {
            *it += u"; "_s + bad.reason + u": "_s + bad.text;
            continue;
        }
        if (m_reasons.size() >= MaxMarkedLines)
            continue;
        m_reasons.insert(block, bad.reason + u": "_s + bad.text);
        QTextCursor cursor(document()->findBlockByNumber(block));
        marks.append({ cursor, format });
    }
    setExtraSelections(marks);
    viewport()->update();
    emit parsed(m_result);
}

bool UrlEditor::importFile(const QString &path, QString *error)
{
    QFile file(path);
    if (QFileInfo(path).size() > MaxImportBytes) {
        if (error)
            *error = tr("%1 is larger than 64 MiB; is it really a list of URLs?").arg(path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    appendLines(QString::fromUtf8(file.readAll()));
    return true;
}

void UrlEditor::appendLines(const QString &text)
{
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    setTextCursor(cursor);
    const bool needsNewline = !document()->isEmpty() && !toPlainText().endsWith(u'\n');
    insertInSlices((needsNewline ? u"\n"_s : QString()) + text);
}

bool UrlEditor::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasUrls() || source->hasText() || QPlainTextEdit::canInsertFromMimeData(source);
}

void UrlEditor::insertFromMimeData(const QMimeData *source)
{
    if (!source->hasUrls()) {
        if (source->hasText())
            insertInSlices(source->text());
        else
            QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    // Dropped files are read as lists of URLs; dropped links are added as they are.
    QStringList lines;
    for (const QUrl &url : source->urls()) {
        if (url.isLocalFile()) {
            QFile file(url.toLocalFile());
            if (QFileInfo(file).size() <= MaxImportBytes && file.open(QIODevice::ReadOnly))
                lines.append(QString::fromUtf8(file.readAll()).trimmed());
        } else {
            lines.append(url.toString());
        }
    }
    if (!lines.isEmpty()) {
        QTextCursor cursor(document());
        cursor.movePosition(QTextCursor::End);
        setTextCursor(cursor);
        const bool needsNewline = !document()->isEmpty() && !toPlainText().endsWith(u'\n');
        insertInSlices((needsNewline ? u"\n"_s : QString()) + lines.join(u'\n') + u'\n');
    }
}

void UrlEditor::paintEvent(QPaintEvent *event)
{
    QPlainTextEdit::paintEvent(event);
    if (m_reasons.isEmpty())
        return;
    // The parser's reason, in place, after the text of each rejected line.
    QPainter painter(viewport());
    QFont font = this->font();
    font.setItalic(true);
    painter.setFont(font);
    painter.setPen(QColor(0xc6, 0x28, 0x28));
    const QFontMetrics metrics(font);
    QTextBlock block = firstVisibleBlock();
    const QPointF offset = contentOffset();
    while (block.isValid()) {
        const QRectF rect = blockBoundingGeometry(block).translated(offset);
        if (rect.top() > viewport()->height())
            break;
        const auto it = m_reasons.constFind(block.blockNumber());
        if (it != m_reasons.cend()) {
            const qreal x = rect.left() + document()->documentMargin()
                    + QFontMetricsF(this->font()).horizontalAdvance(block.text()) + 24;
            painter.drawText(QPointF(x, rect.top() + metrics.ascent()), u"\u2190 "_s + *it);
        }
        block = block.next();
    }
}

QString UrlEditor::reasonAt(const QPoint &viewportPos) const
{
    const QTextCursor cursor = cursorForPosition(viewportPos);
    return m_reasons.value(cursor.block().blockNumber());
}

bool UrlEditor::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString reason = reasonAt(viewport()->mapFromGlobal(help->globalPos()));
        if (!reason.isEmpty())
            QToolTip::showText(help->globalPos(), reason, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QPlainTextEdit::event(event);
}

} // namespace qcrawl
