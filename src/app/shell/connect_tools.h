#pragma once
// What to type into each tool to use Hydra: the exact base URL, key and model, per tool.
// Pure values (the texts are translated), shown by ConnectToolsWidget with a Copy button each.

#include <QList>
#include <QString>
#include <QStringList>

namespace hydra::app {

struct ConnectValues
{
    QString localBaseUrl;  // http://127.0.0.1:PORT/v1
    QString publicBaseUrl; // https://….trycloudflare.com/v1 when exposed, else empty
    QString token;         // an access token created in this session, else empty
    // Every access token that exists, by name. Hydra keeps only their digests: a token is known
    // (and can be copied) only right after it was created. Empty: the local gateway is open.
    QStringList tokenNames = {};
    QString model = QStringLiteral("gemini-2.5-flash");
};

struct ToolField
{
    QString label;
    QString value;
    bool multiline = false; // a code snippet
    bool copyable = true;   // false: a placeholder for something Hydra cannot show
};

struct ToolGuide
{
    QString tool;
    QString steps;             // where in the tool the values go
    QList<ToolField> fields;
    QString note;              // e.g. why Cursor needs the public URL
    bool available = true;     // false: cannot be set up yet (Cursor without a public URL)
};

// The key to type: the token; else, when tokens exist, a placeholder for one of them; else any
// text, which the open local gateway accepts.
QString apiKeyFor(const ConnectValues &values);
// What to say about the tokens when one is needed but none can be shown, else empty.
QString tokenNote(const ConnectValues &values);

// Cline / Roo Code, Continue, Cursor, openai Python, openai Node, LangChain, in that order.
QList<ToolGuide> toolGuides(const ConnectValues &values);

} // namespace hydra::app
