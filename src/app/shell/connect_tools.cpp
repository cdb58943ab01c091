#include "connect_tools.h"

#include <QCoreApplication>

namespace hydra::app {
namespace {

// The translation context of these texts (lupdate reads ConnectTools::tr).
struct ConnectTools
{
    Q_DECLARE_TR_FUNCTIONS(ConnectTools)
};

QString pythonSnippet(const QString &baseUrl, const QString &key, const QString &model)
{
    return QStringLiteral("from openai import OpenAI\n\n"
                          "client = OpenAI(base_url=\"%1\", api_key=\"%2\")\n"
                          "reply = client.chat.completions.create(\n"
                          "    model=\"%3\",\n"
                          "    messages=[{\"role\": \"user\", \"content\": \"Hello\"}],\n"
                          ")\n"
                          "print(reply.choices[0].message.content)\n")
        .arg(baseUrl, key, model);
}

QString nodeSnippet(const QString &baseUrl, const QString &key, const QString &model)
{
    return QStringLiteral("import OpenAI from \"openai\";\n\n"
                          "const client = new OpenAI({ baseURL: \"%1\", apiKey: \"%2\" });\n"
                          "const reply = await client.chat.completions.create({\n"
                          "  model: \"%3\",\n"
                          "  messages: [{ role: \"user\", content: \"Hello\" }],\n"
                          "});\n"
                          "console.log(reply.choices[0].message.content);\n")
        .arg(baseUrl, key, model);
}

QString langChainSnippet(const QString &baseUrl, const QString &key, const QString &model)
{
    return QStringLiteral("from langchain_openai import ChatOpenAI\n\n"
                          "llm = ChatOpenAI(base_url=\"%1\", api_key=\"%2\", model=\"%3\")\n"
                          "print(llm.invoke(\"Hello\").content)\n")
        .arg(baseUrl, key, model);
}

QString continueSnippet(const QString &baseUrl, const QString &key, const QString &model)
{
    return QStringLiteral("models:\n"
                          "  - name: Gemini via Hydra\n"
                          "    provider: openai\n"
                          "    model: %3\n"
                          "    apiBase: %1\n"
                          "    apiKey: %2\n")
        .arg(baseUrl, key, model);
}

} // namespace

QString apiKeyFor(const ConnectValues &values)
{
    if (!values.token.isEmpty())
        return values.token;
    return values.tokenNames.isEmpty() ? QStringLiteral("hydra") : QStringLiteral("YOUR_ACCESS_TOKEN");
}

QString tokenNote(const ConnectValues &values)
{
    if (!values.token.isEmpty() || values.tokenNames.isEmpty())
        return {};
    return ConnectTools::tr("Every request needs one of your access tokens (%1). Hydra keeps only their fingerprints, "
                            "so a token can be copied only when it is created: use the one you saved, or create "
                            "another in Settings → Access tokens.")
        .arg(values.tokenNames.join(QStringLiteral(", ")));
}

QList<ToolGuide> toolGuides(const ConnectValues &values)
{
    const QString key = apiKeyFor(values);
    const bool keyKnown = !values.token.isEmpty() || values.tokenNames.isEmpty();
    const QString keyLabel = !values.token.isEmpty() ? ConnectTools::tr("API key (your access token)")
                             : keyKnown             ? ConnectTools::tr("API key (any non-empty text)")
                                                    : ConnectTools::tr("API key (one of your access tokens)");
    const ToolField keyField{keyLabel, key, false, keyKnown};
    const QString &local = values.localBaseUrl;
    QList<ToolGuide> guides;

    guides.append({ConnectTools::tr("Cline / Roo Code"),
                   ConnectTools::tr("Settings → API Provider: \"OpenAI Compatible\", then fill in:"),
                   {{ConnectTools::tr("Base URL"), local}, keyField, {ConnectTools::tr("Model ID"), values.model}},
                   {},
                   true});
    guides.append({ConnectTools::tr("Continue"),
                   ConnectTools::tr("Add this model to ~/.continue/config.yaml:"),
                   {{ConnectTools::tr("config.yaml"), continueSnippet(local, key, values.model), true}},
                   {},
                   true});

    ToolGuide cursor{ConnectTools::tr("Cursor"),
                     ConnectTools::tr("Settings → Models: turn on \"Override OpenAI Base URL\", enter the URL and key, and add the "
                        "model as a custom model:"),
                     {},
                     ConnectTools::tr("Cursor sends requests from its own servers, which cannot reach your computer's localhost: "
                        "it needs the public URL (Expose publicly in the tray menu)."),
                     !values.publicBaseUrl.isEmpty()};
    if (cursor.available)
        cursor.fields = {{ConnectTools::tr("Base URL"), values.publicBaseUrl}, keyField, {ConnectTools::tr("Model"), values.model}};
    guides.append(cursor);

    guides.append({ConnectTools::tr("OpenAI SDK for Python"),
                   ConnectTools::tr("pip install openai, then:"),
                   {{ConnectTools::tr("Python"), pythonSnippet(local, key, values.model), true}},
                   {},
                   true});
    guides.append({ConnectTools::tr("OpenAI SDK for Node.js"),
                   ConnectTools::tr("npm install openai, then (in an ES module):"),
                   {{ConnectTools::tr("JavaScript"), nodeSnippet(local, key, values.model), true}},
                   {},
                   true});
    guides.append({ConnectTools::tr("LangChain"),
                   ConnectTools::tr("pip install langchain-openai, then:"),
                   {{ConnectTools::tr("Python"), langChainSnippet(local, key, values.model), true}},
                   {},
                   true});
    return guides;
}

} // namespace hydra::app
