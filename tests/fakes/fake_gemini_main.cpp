// fake_gemini: the fake Gemini API as a process, for the node client tests and the benchmarks.
//
//   fake_gemini [--port N] [--event-delay-ms N] [--chunks N] [--default-behaviour NAME]
//               [--script KEY=Behaviour,Behaviour ...]... [--default-answer NAME]
//               [--script-answers KEY=Answer,Answer ...]... [--retry-delay D]
//               [--fault-rate R [--fault-seed N] [--fault-mix NAME=W,...] [--slow-ms N]
//                [--slow-window-ms N] [--fault-log FILE]] [--call-functions]
//
// Prints exactly one line, FAKE_GEMINI_PORT=<port>, once it listens on 127.0.0.1, and runs
// until SIGTERM or SIGINT (exit 0). Behaviour and answer names are the enumerator names (Ok,
// Stall, ...; Text, FunctionCall, ...).
//
// Random faults (for bench/soak.sh): with --fault-rate R, each generateContent /
// streamGenerateContent request, whatever its key, gets a fault with probability R (drawn from a
// generator seeded by --fault-seed, so a run can be repeated), and its key's behaviour (Ok
// otherwise) is scripted for exactly that request just before the fake answers it. The faults and
// their weights (--fault-mix; the default is below) are Behaviour names, plus "Slow": the event
// delay becomes --slow-ms for --slow-window-ms, so the request's first event (or unary answer)
// comes late, and so does the next event of every stream that sends one in that window. Each
// fault is logged to --fault-log as "<epoch ms> <key> <fault> stream|unary", and the totals are
// printed as one line FAKE_GEMINI_FAULTS={json} at exit. With --call-functions, an Ok answer to a
// request that declares functions and does not end with function responses is a FunctionCall,
// and every other Ok answer is the default answer (--default-answer; answer scripts are replaced).

#include "fake_gemini.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>
#include <random>

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

using hydra::fakes::Behaviour;

// The faults --fault-rate draws from, unless --fault-mix says otherwise. Only failures Google
// really has and a gateway can meet in a long run: quota (as a refusal and as a first event),
// overload, connections dropped before and after the first event, an error event mid-stream, and
// slow events. Stall is left out: it lasts until the gateway's upstream timeout (10 minutes).
const char kDefaultFaultMix[] = "RateLimitPerMinute=1,RateLimitFirstEvent=1,Overloaded=3,DropBeforeFirstEvent=3,"
                                "DropMidStream=2,MidStreamError=2,Slow=3";
const char kSlow[] = "Slow";

struct Fault {
    QString name;
    std::optional<Behaviour> behaviour; // nullopt: Slow
    double weight = 0;
};

// Random faults for --fault-rate, drawn per request as it arrives (see the top of this file).
struct FaultInjector {
    hydra::fakes::FakeGemini *fake = nullptr;
    double rate = 0;
    std::mt19937_64 random;
    QList<Fault> faults;
    double totalWeight = 0;
    int baseDelayMs = 0;
    int slowMs = 2000;
    int slowWindowMs = 300;
    QTimer slowEnds;
    bool callFunctions = false;
    std::unique_ptr<QFile> log;
    QMap<QString, qint64> counts; // per fault name; "Ok" for the others

    // The body declares functions and its last turn is not function responses.
    static bool wantsCall(const QJsonObject &body)
    {
        bool declares = false;
        for (const auto &tool : body.value(QLatin1String("tools")).toArray()) {
            const QJsonObject t = tool.toObject();
            if (!t.value(QLatin1String("functionDeclarations")).toArray().isEmpty()
                || !t.value(QLatin1String("function_declarations")).toArray().isEmpty())
                declares = true;
        }
        if (!declares)
            return false;
        const QJsonArray contents = body.value(QLatin1String("contents")).toArray();
        if (contents.isEmpty())
            return true;
        for (const auto &part : contents.last().toObject().value(QLatin1String("parts")).toArray()) {
            const QJsonObject p = part.toObject();
            if (p.contains(QLatin1String("functionResponse")) || p.contains(QLatin1String("function_response")))
                return false;
        }
        return true;
    }

    // Called from requestReceived: the request is the newest recorded one, and the fake routes it
    // right after this returns.
    void onRequest()
    {
        const QList<hydra::fakes::ReceivedRequest> received = fake->requests();
        fake->clearRequests(); // a long run must not grow
        if (received.isEmpty())
            return;
        const hydra::fakes::ReceivedRequest &r = received.last();
        const bool stream = r.path.endsWith(":streamGenerateContent");
        if (!stream && !r.path.endsWith(":generateContent"))
            return;
        if (callFunctions) {
            const bool call = wantsCall(QJsonDocument::fromJson(r.body).object());
            if (call)
                fake->scriptAnswers(r.key, {hydra::fakes::Answer::FunctionCall});
            else
                fake->scriptAnswers(r.key, {}); // the default answer
        }
        if (rate <= 0)
            return;
        Behaviour behaviour = Behaviour::Ok;
        QString name = QStringLiteral("Ok");
        if (std::uniform_real_distribution<double>(0, 1)(random) < rate) {
            double pick = std::uniform_real_distribution<double>(0, totalWeight)(random);
            const Fault *chosen = &faults.last();
            for (const Fault &f : std::as_const(faults)) {
                if (pick < f.weight) {
                    chosen = &f;
                    break;
                }
                pick -= f.weight;
            }
            name = chosen->name;
            if (chosen->behaviour) {
                behaviour = *chosen->behaviour;
            } else {
                // The delay is the fake's own setting for every answer: slow for a short window,
                // then back (a later Slow in the window extends it).
                fake->setEventDelayMs(slowMs);
                slowEnds.start(slowWindowMs);
            }
            if (log) {
                log->write(QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + ' ' + r.key + ' ' + name.toLatin1()
                           + (stream ? " stream\n" : " unary\n"));
                log->flush();
            }
        }
        ++counts[name];
        fake->script(r.key, {behaviour}); // exactly this request; Ok when no fault
    }

    QByteArray summary() const
    {
        QJsonObject o;
        for (auto it = counts.begin(); it != counts.end(); ++it)
            o.insert(it.key(), double(it.value()));
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
};

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
    const QCommandLineOption retryDelayOption(QStringLiteral("retry-delay"),
                                              QStringLiteral("RetryInfo.retryDelay in 429 bodies (default 57s)."),
                                              QStringLiteral("D"));
    const QCommandLineOption faultRateOption(QStringLiteral("fault-rate"),
                                             QStringLiteral("Probability (0..1) that a generate/stream request gets a "
                                                            "random fault."),
                                             QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption faultSeedOption(QStringLiteral("fault-seed"),
                                             QStringLiteral("Seed of the fault draws (default 1)."),
                                             QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption faultMixOption(QStringLiteral("fault-mix"),
                                            QStringLiteral("Faults and their weights, Behaviour names or Slow (default "
                                                           "%1).").arg(QLatin1String(kDefaultFaultMix)),
                                            QStringLiteral("NAME=W,..."), QLatin1String(kDefaultFaultMix));
    const QCommandLineOption slowOption(QStringLiteral("slow-ms"),
                                        QStringLiteral("Event delay while a Slow fault lasts (default 2000)."),
                                        QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption slowWindowOption(QStringLiteral("slow-window-ms"),
                                              QStringLiteral("How long a Slow fault lasts (default 300)."),
                                              QStringLiteral("N"), QStringLiteral("300"));
    const QCommandLineOption faultLogOption(QStringLiteral("fault-log"),
                                            QStringLiteral("Append one line per injected fault to this file."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption callOption(QStringLiteral("call-functions"),
                                        QStringLiteral("Answer a request that declares functions (and does not end "
                                                       "with function responses) with a FunctionCall."));
    parser.addOptions({portOption, delayOption, chunksOption, defaultOption, scriptOption, defaultAnswerOption,
                       answersOption, retryDelayOption, faultRateOption, faultSeedOption, faultMixOption, slowOption,
                       slowWindowOption, faultLogOption, callOption});
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

    if (parser.isSet(retryDelayOption))
        fake.setRetryDelay(parser.value(retryDelayOption));

    FaultInjector faults;
    faults.fake = &fake;
    faults.baseDelayMs = delay;
    faults.callFunctions = parser.isSet(callOption);
    faults.rate = parser.value(faultRateOption).toDouble(&ok);
    if (!ok || faults.rate < 0 || faults.rate > 1)
        return fail(QStringLiteral("--fault-rate wants a number from 0 to 1"));
    faults.random.seed(parser.value(faultSeedOption).toULongLong(&ok));
    if (!ok)
        return fail(QStringLiteral("--fault-seed wants a number >= 0"));
    faults.slowMs = parser.value(slowOption).toInt(&ok);
    if (!ok || faults.slowMs < 0)
        return fail(QStringLiteral("--slow-ms wants a number >= 0"));
    faults.slowWindowMs = parser.value(slowWindowOption).toInt(&ok);
    if (!ok || faults.slowWindowMs < 0)
        return fail(QStringLiteral("--slow-window-ms wants a number >= 0"));
    for (const QString &item : parser.value(faultMixOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        Fault f;
        f.name = (eq < 0 ? item : item.left(eq)).trimmed();
        f.weight = eq < 0 ? 1 : item.mid(eq + 1).toDouble(&ok);
        if (eq >= 0 && (!ok || f.weight < 0))
            return fail(QStringLiteral("--fault-mix wants NAME=WEIGHT,...: %1").arg(item));
        if (f.name != QLatin1String(kSlow)) {
            f.behaviour = hydra::fakes::behaviourFromName(f.name);
            if (!f.behaviour)
                return fail(QStringLiteral("unknown fault: %1").arg(f.name));
        }
        faults.totalWeight += f.weight;
        faults.faults << f;
    }
    if (faults.rate > 0 && faults.totalWeight <= 0)
        return fail(QStringLiteral("--fault-mix has no fault with a weight"));
    if (parser.isSet(faultLogOption)) {
        faults.log = std::make_unique<QFile>(parser.value(faultLogOption));
        if (!faults.log->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            return fail(QStringLiteral("cannot write %1").arg(parser.value(faultLogOption)));
    }
    faults.slowEnds.setSingleShot(true);
    QObject::connect(&faults.slowEnds, &QTimer::timeout, &app,
                     [&faults] { faults.fake->setEventDelayMs(faults.baseDelayMs); });
    if (faults.rate > 0 || faults.callFunctions) {
        fake.setRecording(true); // how onRequest() sees the request; it clears the record at once
        QObject::connect(&fake, &hydra::fakes::FakeGemini::requestReceived, &app, [&faults] { faults.onRequest(); });
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
    const int result = app.exec();
    if (faults.rate > 0) {
        std::printf("FAKE_GEMINI_FAULTS=%s\n", faults.summary().constData());
        std::fflush(stdout);
    }
    return result;
}
