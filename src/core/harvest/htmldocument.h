#pragma once

#include "harvest/textencoding.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

struct _xmlDoc;
struct _xmlNode;

namespace qcrawl {

// A node of a parsed HtmlDocument, for relative XPath queries ("./div/a/@href" from each <li>).
// A plain handle: valid only as long as the document it came from.
class HtmlNode
{
public:
    HtmlNode() = default;

    bool isNull() const { return m_node == nullptr; }
    QString name() const; // "li", "href", "text"
    QString text() const; // the XPath string-value, whitespace trimmed

private:
    friend class HtmlDocument;
    explicit HtmlNode(_xmlNode *node)
        : m_node(node)
    { }

    _xmlNode *m_node = nullptr;
};

// What an XPath expression gave: the nodes it selected, and a string for each (an attribute's
// value, a text node's text, an element's string-value), trimmed; or the one string of an
// expression that yields a string, number or boolean.
struct XPathResult
{
    QList<HtmlNode> nodes;
    QStringList values;
    QString error; // why the expression failed; empty on success
    // What the expression selected: more than nodes.size() when evaluate()'s limit cut them.
    qsizetype matched = 0;

    bool isValid() const { return error.isEmpty(); }
    QString firstValue() const; // the first non-empty value, or an empty string
};

// A web page parsed the way lxml's etree.HTML() parses it (the tutorial's parser): libxml2's HTML
// parser, which recovers from any broken markup, and its XPath 1.0 engine. The encoding is the one
// TextEncoding::detect() finds, as browsers decide it.
//
// libxml2 reports problems on stderr by default; nothing here ever does: parse errors are
// recovered from silently, XPath errors come back as text in XPathResult::error.
// Documents are independent: different threads may parse and query different documents.
class HtmlDocument final
{
    Q_DISABLE_COPY_MOVE(HtmlDocument)

public:
    HtmlDocument() = default;
    // contentType: the HTTP Content-Type header, for its charset; url: what links resolve against
    // (a <base href> in the page takes precedence).
    HtmlDocument(const QByteArray &html, const QString &contentType, const QUrl &url);
    ~HtmlDocument();

    // Parses html, replacing what was there. Returns false when nothing could be parsed (an
    // empty body).
    bool setContent(const QByteArray &html, const QString &contentType, const QUrl &url);
    bool isNull() const { return m_doc == nullptr; }

    const TextEncoding &encoding() const { return m_encoding; }
    QUrl url() const { return m_url; }
    QUrl baseUrl() const { return m_baseUrl; } // url(), or the page's <base href> resolved on it

    // Evaluates an XPath 1.0 expression on the whole document, or relative to context. With a
    // limit >= 0, only the first limit nodes (in document order) are taken, with their values.
    XPathResult evaluate(const QString &xpath, const HtmlNode &context = {},
                         qsizetype limit = -1) const;

    // A link from the page (trimmed, tolerant of spaces and non-ASCII) resolved on baseUrl().
    QUrl resolve(const QString &link) const;

    // True when xpath compiles and runs (on an empty page); otherwise *error says why, e.g.
    // "Invalid expression at character 5 of //ul[".
    static bool isValidXPath(const QString &xpath, QString *error = nullptr);

private:
    _xmlDoc *m_doc = nullptr;
    TextEncoding m_encoding;
    QUrl m_url;
    QUrl m_baseUrl;
};

} // namespace qcrawl
