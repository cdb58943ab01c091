#include "atomic_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace hydra::store {

bool makePrivateDirectory(const QString &path)
{
    const QString absolute = QDir(path).absolutePath();
    if (!QFileInfo::exists(absolute)) {
        QDir().mkpath(QFileInfo(absolute).absolutePath());
        // Created owner-only, so there is no moment when others could look in. Another
        // process may create it at the same time: it is checked below either way.
        QDir().mkdir(absolute, ownerOnlyFolder);
    }
    if (!QFileInfo(absolute).isDir())
        return false;
    if ((QFileInfo(absolute).permissions() & ~(ownerOnlyFolder | QFileDevice::ReadUser | QFileDevice::WriteUser |
                                               QFileDevice::ExeUser)) != 0)
        QFile::setPermissions(absolute, ownerOnlyFolder); // an older version's, or a folder the user named
    return true;
}

std::optional<QString> replaceFileContent(const QString &path, const std::string &bytes)
{
    makePrivateDirectory(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    // QSaveFile gives the new file the old one's permissions; nothing is written before they are set.
    file.setPermissions(ownerOnlyFile);
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) ||
        !file.commit())
        return file.errorString();
    return std::nullopt;
}

} // namespace hydra::store
