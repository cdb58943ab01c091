// "Connect your tools": the exact values each tool needs, and the dialog's Copy buttons.

#include "app/shell/connect_tools.h"
#include "app/shell/connect_tools_widget.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace hydra::app;

namespace {

const ToolGuide &guide(const QList<ToolGuide> &guides, const QString &tool)
{
    for (const ToolGuide &g : guides)
        if (g.tool == tool)
            return g;
    qFatal("no guide for %s", qPrintable(tool));
}

QString field(const ToolGuide &g, const QString &labelStart)
{
    for (const ToolField &f : g.fields)
        if (f.label.startsWith(labelStart))
            return f.value;
    return QStringLiteral("<missing>");
}

} // namespace

class TstConnectTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyToolInOrder()
    {
        QStringList tools;
        for (const ToolGuide &g : toolGuides({QStringLiteral("http://127.0.0.1:8000/v1"), {}, {}}))
            tools << g.tool;
        QCOMPARE(tools, (QStringList{"Cline / Roo Code", "Continue", "Cursor", "OpenAI SDK for Python",
                                     "OpenAI SDK for Node.js", "LangChain"}));
    }

    void localValuesWithoutTokens()
    {
        const ConnectValues values{QStringLiteral("http://127.0.0.1:8123/v1"), {}, {}};
        const auto guides = toolGuides(values);
        const ToolGuide cline = guide(guides, QStringLiteral("Cline / Roo Code")); // a copy: GCC 14 warns of a dangling reference
        QCOMPARE(field(cline, QStringLiteral("Base URL")), QStringLiteral("http://127.0.0.1:8123/v1"));
        QCOMPARE(field(cline, QStringLiteral("API key (any non-empty text)")), QStringLiteral("hydra"));
        QCOMPARE(field(cline, QStringLiteral("Model ID")), QStringLiteral("gemini-2.5-flash"));

        const QString python = field(guide(guides, QStringLiteral("OpenAI SDK for Python")), QStringLiteral("Python"));
        QVERIFY(python.contains(QStringLiteral("OpenAI(base_url=\"http://127.0.0.1:8123/v1\", api_key=\"hydra\")")));
        QVERIFY(python.contains(QStringLiteral("model=\"gemini-2.5-flash\"")));
        const QString node = field(guide(guides, QStringLiteral("OpenAI SDK for Node.js")), QStringLiteral("JavaScript"));
        QVERIFY(node.contains(QStringLiteral("new OpenAI({ baseURL: \"http://127.0.0.1:8123/v1\", apiKey: \"hydra\" })")));
        const QString continueYaml = field(guide(guides, QStringLiteral("Continue")), QStringLiteral("config.yaml"));
        QVERIFY(continueYaml.contains(QStringLiteral("    apiBase: http://127.0.0.1:8123/v1\n")));
        QVERIFY(continueYaml.contains(QStringLiteral("    provider: openai\n")));
        const QString langChain = field(guide(guides, QStringLiteral("LangChain")), QStringLiteral("Python"));
        QVERIFY(langChain.contains(
            QStringLiteral("ChatOpenAI(base_url=\"http://127.0.0.1:8123/v1\", api_key=\"hydra\", model=\"gemini-2.5-flash\")")));
    }

    // Tokens exist but none was created now: Hydra cannot show one (it keeps only digests), so
    // the guides name them and leave a placeholder nobody can copy by mistake.
    void existingTokensAreNamedNotShown()
    {
        ConnectValues values{QStringLiteral("http://127.0.0.1:8000/v1"), {}, {}};
        values.tokenNames = QStringList{QStringLiteral("cursor"), QStringLiteral("cline")};
        QVERIFY(tokenNote(values).contains(QStringLiteral("cursor, cline")));
        const ToolGuide cline = guide(toolGuides(values), QStringLiteral("Cline / Roo Code"));
        QCOMPARE(field(cline, QStringLiteral("API key (one of your access tokens)")), QStringLiteral("YOUR_ACCESS_TOKEN"));
        for (const ToolField &f : cline.fields)
            QCOMPARE(f.copyable, !f.label.startsWith(QStringLiteral("API key")));

        ConnectToolsWidget widget;
        widget.setValues(values);
        auto *note = widget.findChild<QLabel *>(QStringLiteral("tokenNote"));
        QVERIFY(note && !note->isHidden() && note->text() == tokenNote(values));
        for (QPushButton *button : widget.findChildren<QPushButton *>())
            QVERIFY(button->property("copyValue").toString() != QStringLiteral("YOUR_ACCESS_TOKEN"));

        values.token = QStringLiteral("hydra-created-now"); // created in this session: shown and copyable
        QVERIFY(tokenNote(values).isEmpty());
        QCOMPARE(field(guide(toolGuides(values), QStringLiteral("Cline / Roo Code")), QStringLiteral("API key")),
                 QStringLiteral("hydra-created-now"));
    }

    void cursorNeedsThePublicUrl()
    {
        ConnectValues values{QStringLiteral("http://127.0.0.1:8000/v1"), {}, {}};
        const ToolGuide noTunnel = guide(toolGuides(values), QStringLiteral("Cursor"));
        QVERIFY(!noTunnel.available);
        QVERIFY(noTunnel.fields.isEmpty());
        QVERIFY(noTunnel.note.contains(QStringLiteral("public URL")));

        values.publicBaseUrl = QStringLiteral("https://calm-river.trycloudflare.com/v1");
        values.token = QStringLiteral("hyd_secret");
        const ToolGuide exposed = guide(toolGuides(values), QStringLiteral("Cursor"));
        QVERIFY(exposed.available);
        QCOMPARE(field(exposed, QStringLiteral("Base URL")), values.publicBaseUrl);
        QCOMPARE(field(exposed, QStringLiteral("API key (your access token)")), QStringLiteral("hyd_secret"));
        // The local tools keep the local URL, with the token.
        const ToolGuide cline = guide(toolGuides(values), QStringLiteral("Cline / Roo Code"));
        QCOMPARE(field(cline, QStringLiteral("Base URL")), values.localBaseUrl);
        QCOMPARE(field(cline, QStringLiteral("API key")), QStringLiteral("hyd_secret"));
    }

    void copyButtonsPutTheExactValueOnTheClipboard()
    {
        ConnectToolsWidget widget;
        widget.setValues({QStringLiteral("http://127.0.0.1:8555/v1"), {}, {}});
        widget.show();
        QPushButton *copyBaseUrl = nullptr;
        for (QPushButton *button : widget.findChildren<QPushButton *>())
            if (button->property("copyValue").toString() == QStringLiteral("http://127.0.0.1:8555/v1"))
                copyBaseUrl = button;
        QVERIFY(copyBaseUrl);
        QApplication::clipboard()->clear();
        QTest::mouseClick(copyBaseUrl, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("http://127.0.0.1:8555/v1"));

        // New values rebuild the page (no stale URL left behind).
        widget.setValues({QStringLiteral("http://127.0.0.1:9000/v1"), {}, {}});
        for (QPushButton *button : widget.findChildren<QPushButton *>())
            QVERIFY(!button->property("copyValue").toString().contains(QStringLiteral("8555")));
    }
};

QTEST_MAIN(TstConnectTools)
#include "tst_connect_tools.moc"
