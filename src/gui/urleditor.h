#pragma once

#include "fetch/urllistparser.h"

#include <QFutureWatcher>
#include <QHash>
#include <QPlainTextEdit>
#include <QTimer>

namespace qcrawl {

// The pane URLs are pasted into. Parses its text off the GUI thread a moment after each edit
// (100,000 pasted lines never freeze the window), marks rejected lines in place with the parser's
// reason, and accepts dropped URLs, text and text files.
class UrlEditor final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UrlEditor)

public:
    explicit UrlEditor(QWidget *parent = nullptr);
    ~UrlEditor() override;

    // The parse of the current text; parses synchronously when an edit is still pending.
    UrlParseResult parseNow();
    const UrlParseResult &lastResult() const { return m_result; }
    bool isParsePending() const;
    bool isInserting() const { return !m_sliceText.isEmpty(); }

    // Appends a text file's lines. Returns false with *error set when it cannot be read.
    bool importFile(const QString &path, QString *error = nullptr);
    void appendLines(const QString &text);

    static constexpr int MaxMarkedLines = 2000;

Q_SIGNALS:
    void parsed(const qcrawl::UrlParseResult &result);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
    bool event(QEvent *event) override;

private:
    void insertInSlices(const QString &text);
    void insertNextSlice();
    void scheduleParse();
    void startParse();
    void applyResult(const UrlParseResult &result, int revision);
    QString reasonAt(const QPoint &viewportPos) const;

    QTimer m_debounce;
    QTextCursor m_sliceCursor; // where a large paste goes on inserting; moves with edits
    QString m_sliceText; // what is still to insert
    qsizetype m_slicePos = 0;
    QFutureWatcher<UrlParseResult> m_watcher;
    UrlParseResult m_result;
    QHash<int, QString> m_reasons; // block number -> why the line was rejected
    int m_revision = 0; // bumped on every edit
    int m_parsedRevision = -1; // the revision m_result belongs to
    int m_runningRevision = -1;
};

} // namespace qcrawl
