#pragma once

#include <QByteArray>
#include <QHostAddress>

namespace qcrawl {

// One request head as DemoRequestParser reads it and DemoRoutes answers it.
struct DemoRequest
{
    QByteArray method; // as sent: "GET", "HEAD", "POST", ...
    QByteArray target; // path + query as sent (of an absolute-form target, only those)
    QByteArray path;
    QByteArray query; // after the '?', still percent-encoded
    QByteArray headers; // one "Name: value\n" a line, names as sent, values trimmed: for /headers
    QByteArray host; // the Host header; empty when there was none
    QByteArray range; // the Range header
    bool head = false; // a HEAD request: the answer goes without its body
    bool http11 = true; // HTTP/1.1 (or a later 1.x); false for HTTP/1.0
    bool keepAlive = true; // the connection stays open after the answer
    qint64 bodyLength = 0; // Content-Length: body bytes after the head, skipped by the connection
};

// Where the client reached the server: names the server when a request has no Host header.
struct DemoEnvironment
{
    QHostAddress localAddress;
    quint16 localPort = 0;
};

} // namespace qcrawl
