#include "atomic_file.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace hydra::store {

std::optional<QString> replaceFileContent(const QString &path, const std::string &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) ||
        !file.commit())
        return file.errorString();
    return std::nullopt;
}

} // namespace hydra::store
