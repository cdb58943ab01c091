#include "app_settings.h"

#include "store/atomic_file.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <cstdint>

using nlohmann::json;

namespace hydra::app {
namespace {

constexpr int formatVersion = 1;

// Reads one field into `out` when it has the right type; otherwise notes why and leaves the default.
template<typename T>
void readField(const json &object, const char *name, T &out, QStringList &problems)
{
    const auto it = object.find(name);
    if (it == object.end())
        return;
    try {
        out = it->get<T>();
    } catch (const json::exception &) {
        problems << AppSettings::tr("\"%1\" has the wrong type").arg(QLatin1String(name));
    }
}

std::optional<qint64> readLimit(const json &row, const char *name, QStringList &problems)
{
    const auto it = row.find(name);
    if (it == row.end() || it->is_null())
        return std::nullopt;
    if (it->is_number_integer() && it->get<qint64>() > 0)
        return it->get<qint64>();
    problems << AppSettings::tr("a model limit's \"%1\" is not a positive whole number").arg(QLatin1String(name));
    return std::nullopt;
}

// A timeout in whole seconds, from 1 s to a day; otherwise the default stays.
void readTimeout(const json &gateway, const char *name, int &seconds, QStringList &problems)
{
    const auto it = gateway.find(name);
    if (it == gateway.end())
        return;
    if (it->is_number_integer() && it->get<std::int64_t>() >= 1 && it->get<std::int64_t>() <= 86'400)
        seconds = it->get<int>();
    else
        problems << AppSettings::tr("\"%1\" is not a number of seconds from 1 to 86400").arg(QLatin1String(name));
}

std::vector<ModelLimitOverride> readModelLimits(const json &gateway, QStringList &problems)
{
    std::vector<ModelLimitOverride> limits;
    const auto it = gateway.find("model_limits");
    if (it == gateway.end())
        return limits;
    if (!it->is_array()) {
        problems << AppSettings::tr("\"model_limits\" is not a list");
        return limits;
    }
    for (const json &row : *it) {
        const auto model = row.is_object() ? row.find("model") : row.end();
        if (!row.is_object() || model == row.end() || !model->is_string() || model->get<std::string>().empty()) {
            problems << AppSettings::tr("a model limit without a model name was left out");
            continue;
        }
        limits.push_back({QString::fromStdString(model->get<std::string>()), readLimit(row, "rpm", problems),
                          readLimit(row, "rpd", problems)});
    }
    return limits;
}

} // namespace

GatewaySettings parseSettings(const QByteArray &text, QString *problem)
{
    GatewaySettings settings;
    QStringList problems;
    const json document = json::parse(text.constBegin(), text.constEnd(), nullptr, false);
    const auto gateway = document.is_object() ? document.find("gateway") : document.end();
    if (document.is_discarded() || !document.is_object()) {
        problems << AppSettings::tr("it is not a JSON object");
    } else if (gateway != document.end() && !gateway->is_object()) {
        problems << AppSettings::tr("\"gateway\" is not an object");
    } else if (gateway != document.end()) {
        std::string bindAddress = settings.bindAddress.toStdString();
        std::string upstream;
        std::string cloudflared;
        int port = settings.port;
        readField(*gateway, "bind_address", bindAddress, problems);
        readField(*gateway, "port", port, problems);
        readField(*gateway, "start_on_launch", settings.startOnLaunch, problems);
        readField(*gateway, "upstream", upstream, problems);
        readField(*gateway, "cloudflared_path", cloudflared, problems);
        settings.bindAddress = QString::fromStdString(bindAddress);
        if (port >= 1 && port <= 65535)
            settings.port = static_cast<quint16>(port);
        else
            problems << AppSettings::tr("the port %1 is out of range").arg(port);
        settings.upstream = QString::fromStdString(upstream);
        settings.cloudflaredPath = QString::fromStdString(cloudflared);
        readTimeout(*gateway, "first_byte_timeout_s", settings.firstByteTimeoutS, problems);
        readTimeout(*gateway, "idle_timeout_s", settings.idleTimeoutS, problems);
        settings.modelLimits = readModelLimits(*gateway, problems);
    }
    if (problem)
        *problem = problems.join(QStringLiteral("; "));
    return settings;
}

QByteArray serializeSettings(const GatewaySettings &settings, const QByteArray &previous)
{
    json document = json::parse(previous.constBegin(), previous.constEnd(), nullptr, false);
    if (!document.is_object())
        document = json::object();
    json limits = json::array();
    for (const ModelLimitOverride &row : settings.modelLimits) {
        json entry = {{"model", row.model.toStdString()}};
        if (row.rpm)
            entry["rpm"] = *row.rpm;
        if (row.rpd)
            entry["rpd"] = *row.rpd;
        limits.push_back(std::move(entry));
    }
    document["version"] = formatVersion;
    document["gateway"] = {
        {"bind_address", settings.bindAddress.toStdString()},
        {"port", settings.port},
        {"start_on_launch", settings.startOnLaunch},
        {"upstream", settings.upstream.toStdString()},
        {"cloudflared_path", settings.cloudflaredPath.toStdString()},
        {"first_byte_timeout_s", settings.firstByteTimeoutS},
        {"idle_timeout_s", settings.idleTimeoutS},
        {"model_limits", std::move(limits)},
    };
    return QByteArray::fromStdString(document.dump(2) + '\n');
}

AppSettings::AppSettings(QString configDir)
    : m_configDir(std::move(configDir))
{
}

QString AppSettings::filePath() const
{
    return QDir(m_configDir).filePath(QLatin1String(fileName));
}

GatewaySettings AppSettings::load(QString *problem) const
{
    if (problem)
        problem->clear();
    QFile file(filePath());
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        if (problem)
            *problem = tr("%1: %2; using the defaults").arg(filePath(), file.errorString());
        return {};
    }
    QString parseProblem;
    GatewaySettings settings = parseSettings(file.readAll(), &parseProblem);
    if (problem && !parseProblem.isEmpty())
        *problem = tr("%1: %2; using the defaults for that").arg(filePath(), parseProblem);
    return settings;
}

bool AppSettings::save(const GatewaySettings &settings, QString *error)
{
    const auto fail = [this, error](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(filePath(), why);
        return false;
    };
    if (!store::makePrivateDirectory(m_configDir))
        return fail(tr("cannot create the folder"));
    QByteArray previous;
    if (QFile file(filePath()); file.open(QIODevice::ReadOnly))
        previous = file.readAll();
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    file.setPermissions(store::ownerOnlyFile);
    file.write(serializeSettings(settings, previous));
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

GatewayConfig AppSettings::toGatewayConfig(const GatewaySettings &settings) const
{
    GatewayConfig config;
    config.configDir = m_configDir;
    config.port = settings.port;
    const QHostAddress host(settings.bindAddress);
    config.host = host.isNull() ? QHostAddress(QHostAddress::LocalHost) : host;
    if (!settings.upstream.isEmpty())
        config.upstream = QUrl(settings.upstream);
    config.upstreamFirstByteTimeoutMs = settings.firstByteTimeoutS * 1000;
    config.upstreamIdleTimeoutMs = settings.idleTimeoutS * 1000;
    if (settings.modelLimits.empty())
        return config; // the engine picks the defaults for the upstream
    const bool google = config.upstream.host().compare(QStringLiteral("generativelanguage.googleapis.com"),
                                                       Qt::CaseInsensitive) == 0;
    pool::LimitsTable table = google ? pool::freeTierDefaults() : pool::LimitsTable{};
    for (const ModelLimitOverride &override : settings.modelLimits) {
        const std::string model = override.model.toStdString();
        // What the override leaves unset keeps the default that applied to this model.
        pool::RequestLimits limits = pool::defaultLimitsFor(table, model);
        if (override.rpm)
            limits.rpm = *override.rpm;
        if (override.rpd)
            limits.rpd = *override.rpd;
        const auto row = std::find_if(table.begin(), table.end(),
                                      [&model](const pool::ModelLimitRow &r) { return r.model == model; });
        if (row != table.end())
            row->limits = limits;
        else
            table.push_back({model, limits});
    }
    config.modelLimits = std::move(table);
    return config;
}

} // namespace hydra::app
