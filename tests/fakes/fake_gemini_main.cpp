// fake_gemini: the fake Gemini API as a process, for the node client tests and the benchmarks.
//
//   fake_gemini [--port N] [--event-delay-ms N] [--chunks N] [--default-behaviour NAME]
//               [--script KEY=Behaviour,Behaviour ...]... [--default-answer NAME]
//               [--script-answers KEY=Answer,Answer ...]...
//
// Prints exactly one line, FAKE_GEMINI_PORT=<port>, once it listens on 127.0.0.1, and runs
// until SIGTERM or SIGINT (exit 0). Behaviour and answer names are the enumerator names (Ok,
// Stall, ...; Text, FunctionCall, ...).

#include "fake_gemini.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <csignal>
#include <cstdio>

namespace {

volatile std::sig_atomic_t g_stop = 0;

extern "C" void onSignal(int)
{
    g_stop = 1;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "fake_gemini: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fake_gemini"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A faithful fake of Google's Gemini API (v1beta) on 127.0.0.1."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port to listen on (0 = any free)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption delayOption(QStringLiteral("event-delay-ms"),
                                         QStringLiteral("Delay before each SSE event and before a unary answer."),
                                         QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption chunksOption(QStringLiteral("chunks"),
                                          QStringLiteral("Number of text pieces (SSE events) in an Ok answer."),
                                          QStringLiteral("N"));
    const QCommandLineOption defaultOption(QStringLiteral("default-behaviour"),
                                           QStringLiteral("Behaviour for keys without a script (default Ok)."),
                                           QStringLiteral("NAME"));
    const QCommandLineOption scriptOption(QStringLiteral("script"),
                                          QStringLiteral("Behaviours for one key, used one per request, e.g. "
                                                         "k1=RateLimitPerMinute,Ok. Repeatable."),
                                          QStringLiteral("KEY=Behaviour,..."));
    const QCommandLineOption defaultAnswerOption(QStringLiteral("default-answer"),
                                                 QStringLiteral("What Ok answers contain for keys without an answer "
                                                                "script (default Text)."),
                                                 QStringLiteral("NAME"));
    const QCommandLineOption answersOption(QStringLiteral("script-answers"),
                                           QStringLiteral("Answers for one key, used one per Ok answer, e.g. "
                                                          "k1=FunctionCall,Text. Repeatable."),
                                           QStringLiteral("KEY=Answer,..."));
    parser.addOptions({portOption, delayOption, chunksOption, defaultOption, scriptOption, defaultAnswerOption,
                       answersOption});
    parser.process(app);

    hydra::fakes::FakeGemini fake;
    fake.setRecording(false); // nobody reads them, and a long benchmark must not grow

    bool ok = false;
    const int delay = parser.value(delayOption).toInt(&ok);
    if (!ok || delay < 0)
        return fail(QStringLiteral("--event-delay-ms wants a number >= 0"));
    fake.setEventDelayMs(delay);

    if (parser.isSet(chunksOption)) {
        const int n = parser.value(chunksOption).toInt(&ok);
        if (!ok || n < 1)
            return fail(QStringLiteral("--chunks wants a number >= 1"));
        // The default sentence, repeated as needed, so every count reads the same way.
        const QStringList words = {QStringLiteral("Hello"), QStringLiteral(" from"), QStringLiteral(" fake"),
                                   QStringLiteral(" Gemini.")};
        QStringList texts;
        for (int i = 0; i < n; ++i)
            texts << words[i % words.size()];
        fake.setReplyChunks(texts);
    }

    if (parser.isSet(defaultOption)) {
        const auto b = hydra::fakes::behaviourFromName(parser.value(defaultOption));
        if (!b)
            return fail(QStringLiteral("unknown behaviour: %1").arg(parser.value(defaultOption)));
        fake.setDefaultBehaviour(*b);
    }

    for (const QString &spec : parser.values(scriptOption)) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(QStringLiteral("--script wants KEY=Behaviour,...: %1").arg(spec));
        QList<hydra::fakes::Behaviour> list;
        for (const QString &name : spec.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto b = hydra::fakes::behaviourFromName(name.trimmed());
            if (!b)
                return fail(QStringLiteral("unknown behaviour: %1").arg(name));
            list << *b;
        }
        fake.script(spec.left(eq).toUtf8(), list);
    }

    if (parser.isSet(defaultAnswerOption)) {
        const auto a = hydra::fakes::answerFromName(parser.value(defaultAnswerOption));
        if (!a)
            return fail(QStringLiteral("unknown answer: %1").arg(parser.value(defaultAnswerOption)));
        fake.setDefaultAnswer(*a);
    }

    for (const QString &spec : parser.values(answersOption)) {
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(QStringLiteral("--script-answers wants KEY=Answer,...: %1").arg(spec));
        QList<hydra::fakes::Answer> list;
        for (const QString &name : spec.mid(eq + 1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto a = hydra::fakes::answerFromName(name.trimmed());
            if (!a)
                return fail(QStringLiteral("unknown answer: %1").arg(name));
            list << *a;
        }
        fake.scriptAnswers(spec.left(eq).toUtf8(), list);
    }

    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port wants 0..65535"));
    if (!fake.listen(quint16(port)))
        return fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(port));

    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    // A flag polled from the event loop: the only thing a signal handler may safely do.
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &app, [] {
        if (g_stop)
            QCoreApplication::exit(0);
    });
    stopPoll.start(50);

    std::printf("FAKE_GEMINI_PORT=%u\n", unsigned(fake.port()));
    std::fflush(stdout);
    return app.exec();
}
