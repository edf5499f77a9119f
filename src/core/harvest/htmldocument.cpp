#include "htmldocument.h"

#include <climits>
#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <memory>

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr int ParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
        | HTML_PARSE_NONET | HTML_PARSE_COMPACT;

void ignoreGenericError(void *, const char *, ...) { }

// For its lifetime, whatever libxml2 reports on this thread comes here instead of stderr (the
// handlers are per thread). Keeps the first error message when asked to.
class ErrorCapture final
{
    Q_DISABLE_COPY_MOVE(ErrorCapture)

public:
    explicit ErrorCapture(bool keepFirst = false)
        : m_keepFirst(keepFirst)
        , m_structured(xmlStructuredError)
        , m_structuredContext(xmlStructuredErrorContext)
        , m_generic(xmlGenericError)
        , m_genericContext(xmlGenericErrorContext)
    {
        xmlSetStructuredErrorFunc(this, &ErrorCapture::onError);
        xmlSetGenericErrorFunc(this, &ignoreGenericError);
    }

    ~ErrorCapture()
    {
        xmlSetStructuredErrorFunc(m_structuredContext, m_structured);
        xmlSetGenericErrorFunc(m_genericContext, m_generic);
    }

    const QString &message() const { return m_message; }

private:
    static void onError(void *self, xmlErrorPtr error)
    {
        auto *capture = static_cast<ErrorCapture *>(self);
        if (!capture->m_keepFirst || !capture->m_message.isEmpty() || !error)
            return;
        QString text = QString::fromUtf8(error->message).trimmed();
        if (error->domain == XML_FROM_XPATH && error->str1) {
            // str1 is the expression, int1 where in it the parser gave up.
            text += u" at character %1 of %2"_s.arg(error->int1 + 1)
                            .arg(QString::fromUtf8(error->str1));
        }
        capture->m_message = text;
    }

    bool m_keepFirst;
    QString m_message;
    xmlStructuredErrorFunc m_structured;
    void *m_structuredContext;
    xmlGenericErrorFunc m_generic;
    void *m_genericContext;
};

struct XPathContextDeleter
{
    void operator()(xmlXPathContext *context) const { xmlXPathFreeContext(context); }
};
struct XPathObjectDeleter
{
    void operator()(xmlXPathObject *object) const { xmlXPathFreeObject(object); }
};

QString nodeText(xmlNode *node)
{
    if (node->type == XML_NAMESPACE_DECL) // a nodeset entry that is really an xmlNs
        return QString::fromUtf8(
                reinterpret_cast<const char *>(reinterpret_cast<xmlNs *>(node)->href));
    xmlChar *content = xmlNodeGetContent(node);
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(content)).trimmed();
    xmlFree(content);
    return text;
}

bool isNameStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-' || c == u'.' || c == u':';
}

// libxml2 resolves function calls and variables only when it evaluates them, and a predicate on a
// page without matching nodes is never evaluated: look for unknown ones in the text itself.
QString unknownNameIn(QStringView xpath)
{
    // XPath 1.0's functions, the node tests that look like calls, and the operators a "(" may
    // follow.
    static const QStringList known = {
        u"last"_s,
        u"position"_s,
        u"count"_s,
        u"id"_s,
        u"local-name"_s,
        u"namespace-uri"_s,
        u"name"_s,
        u"string"_s,
        u"concat"_s,
        u"starts-with"_s,
        u"contains"_s,
        u"substring-before"_s,
        u"substring-after"_s,
        u"substring"_s,
        u"string-length"_s,
        u"normalize-space"_s,
        u"translate"_s,
        u"boolean"_s,
        u"not"_s,
        u"true"_s,
        u"false"_s,
        u"lang"_s,
        u"number"_s,
        u"sum"_s,
        u"floor"_s,
        u"ceiling"_s,
        u"round"_s,
        u"text"_s,
        u"node"_s,
        u"comment"_s,
        u"processing-instruction"_s,
        u"and"_s,
        u"or"_s,
        u"div"_s,
        u"mod"_s,
    };
    qsizetype i = 0;
    while (i < xpath.size()) {
        const QChar c = xpath[i];
        if (c == u'"' || c == u'\'') {
            const qsizetype end = xpath.indexOf(c, i + 1);
            i = end < 0 ? xpath.size() : end + 1;
        } else if (c == u'$') {
            qsizetype end = i + 1;
            while (end < xpath.size() && isNameChar(xpath[end]))
                ++end;
            return u"undefined variable %1"_s.arg(xpath.mid(i, end - i));
        } else if (isNameStart(c)) {
            qsizetype end = i + 1;
            while (end < xpath.size() && isNameChar(xpath[end]))
                ++end;
            QStringView name = xpath.mid(i, end - i);
            const qsizetype axis = name.lastIndexOf(u"::");
            if (axis >= 0)
                name = name.mid(axis + 2);
            qsizetype next = end;
            while (next < xpath.size() && xpath[next].isSpace())
                ++next;
            if (next < xpath.size() && xpath[next] == u'(' && !name.isEmpty()
                && !known.contains(name))
                return u"unknown function %1()"_s.arg(name);
            i = end;
        } else {
            ++i;
        }
    }
    return {};
}

} // namespace

QString HtmlNode::name() const
{
    return m_node && m_node->name ? QString::fromUtf8(reinterpret_cast<const char *>(m_node->name))
                                  : QString();
}

QString HtmlNode::text() const
{
    return m_node ? nodeText(m_node) : QString();
}

QString XPathResult::firstValue() const
{
    for (const QString &value : values) {
        if (!value.isEmpty())
            return value;
    }
    return {};
}

HtmlDocument::HtmlDocument(const QByteArray &html, const QString &contentType, const QUrl &url)
{
    setContent(html, contentType, url);
}

HtmlDocument::~HtmlDocument()
{
    if (m_doc)
        xmlFreeDoc(m_doc);
}

bool HtmlDocument::setContent(const QByteArray &html, const QString &contentType, const QUrl &url)
{
    if (m_doc) {
        xmlFreeDoc(m_doc);
        m_doc = nullptr;
    }
    m_url = url;
    m_baseUrl = url;
    m_encoding = TextEncoding::detect(html, contentType);

    const qsizetype skip = m_encoding.byteOrderMarkSize(); // the byte order mark is not content
    const qsizetype size = html.size() - skip;
    if (size <= 0 || size > INT_MAX)
        return false;

    ensureLibxmlInitialized();
    const ErrorCapture quiet;
    const QByteArray encoding = m_encoding.name.toLatin1();
    const QByteArray address = url.toEncoded();
    m_doc = htmlReadMemory(html.constData() + skip, int(size),
                           address.isEmpty() ? nullptr : address.constData(), encoding.constData(),
                           ParseOptions);
    if (!m_doc)
        return false;

    const QString base = evaluate(u"(//base[@href])[1]/@href"_s).firstValue();
    if (!base.isEmpty()) {
        const QUrl resolved = resolve(base);
        if (resolved.isValid())
            m_baseUrl = resolved;
    }
    return true;
}

XPathResult HtmlDocument::evaluate(const QString &xpath, const HtmlNode &context,
                                   qsizetype limit) const
{
    XPathResult result;
    const QByteArray expression = xpath.trimmed().toUtf8();
    if (expression.isEmpty()) {
        result.error = u"empty XPath expression"_s;
        return result;
    }
    if (!m_doc) {
        result.error = u"the page is empty"_s;
        return result;
    }

    ensureLibxmlInitialized();
    const ErrorCapture capture(true);
    const std::unique_ptr<xmlXPathContext, XPathContextDeleter> xpathContext(
            xmlXPathNewContext(m_doc));
    if (!xpathContext) {
        result.error = u"out of memory"_s;
        return result;
    }
    xpathContext->node = context.m_node ? context.m_node : reinterpret_cast<xmlNode *>(m_doc);
    const std::unique_ptr<xmlXPathObject, XPathObjectDeleter> object(xmlXPathEval(
            reinterpret_cast<const xmlChar *>(expression.constData()), xpathContext.get()));
    if (!object || !capture.message().isEmpty()) {
        result.error = capture.message().isEmpty() ? u"invalid XPath expression %1"_s.arg(xpath)
                                                   : capture.message();
        return result;
    }

    switch (object->type) {
    case XPATH_NODESET:
        if (xmlNodeSet *set = object->nodesetval) {
            result.matched = set->nodeNr;
            const int kept = limit >= 0 && limit < set->nodeNr ? int(limit) : set->nodeNr;
            result.nodes.reserve(kept);
            result.values.reserve(kept);
            for (int i = 0; i < kept; ++i) {
                xmlNode *node = set->nodeTab[i];
                if (node->type != XML_NAMESPACE_DECL)
                    result.nodes.append(HtmlNode(node));
                result.values.append(nodeText(node));
            }
        }
        break;
    case XPATH_STRING:
    case XPATH_NUMBER:
    case XPATH_BOOLEAN: {
        xmlChar *text = xmlXPathCastToString(object.get());
        result.values.append(QString::fromUtf8(reinterpret_cast<const char *>(text)).trimmed());
        result.matched = 1;
        xmlFree(text);
        break;
    }
    default:
        result.error = u"unsupported XPath result type"_s;
        break;
    }
    return result;
}

QUrl HtmlDocument::resolve(const QString &link) const
{
    // As browsers do: surrounding spaces go, and tabs and line breaks anywhere inside.
    QString cleaned = link.trimmed();
    cleaned.remove(u'\t');
    cleaned.remove(u'\n');
    cleaned.remove(u'\r');
    if (cleaned.isEmpty())
        return {};
    const QUrl relative(cleaned, QUrl::TolerantMode);
    if (!relative.isValid())
        return {};
    return m_baseUrl.isEmpty() ? relative : m_baseUrl.resolved(relative);
}

bool HtmlDocument::isValidXPath(const QString &xpath, QString *error)
{
    static const QByteArray emptyPage = QByteArrayLiteral("<html><body></body></html>");
    const HtmlDocument document(emptyPage, u"text/html; charset=utf-8"_s, QUrl());
    XPathResult result = document.evaluate(xpath);
    if (result.isValid()) {
        const QString unknown = unknownNameIn(xpath);
        if (!unknown.isEmpty())
            result.error = unknown + u" in "_s + xpath.trimmed();
    }
    if (error)
        *error = result.error;
    return result.isValid();
}

} // namespace qcrawl
