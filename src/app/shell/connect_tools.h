#pragma once
// What to type into each tool to use Hydra: the exact base URL, key and model, per tool.
// Pure values (the texts are translated), shown by ConnectToolsWidget with a Copy button each.

#include <QList>
#include <QString>

namespace hydra::app {

struct ConnectValues
{
    QString localBaseUrl;  // http://127.0.0.1:PORT/v1
    QString publicBaseUrl; // https://….trycloudflare.com/v1 when exposed, else empty
    QString token;         // an access token when one is known, else empty: any non-empty key works
    QString model = QStringLiteral("gemini-2.5-flash");
};

struct ToolField
{
    QString label;
    QString value;
    bool multiline = false; // a code snippet
};

struct ToolGuide
{
    QString tool;
    QString steps;             // where in the tool the values go
    QList<ToolField> fields;
    QString note;              // e.g. why Cursor needs the public URL
    bool available = true;     // false: cannot be set up yet (Cursor without a public URL)
};

// The key to type: the token, else a placeholder the open local gateway accepts.
QString apiKeyFor(const ConnectValues &values);

// Cline / Roo Code, Continue, Cursor, openai Python, openai Node, LangChain, in that order.
QList<ToolGuide> toolGuides(const ConnectValues &values);

} // namespace hydra::app
