# CPack NSIS settings for Hydra's per-user Windows installer. CPack fills NSIS.template.in (next to
# this file, found through CPACK_MODULE_PATH) with CPACK_* variables, then runs makensis on it.
# installer/test-nsis.sh includes this file in a tiny project with a dummy payload and runs
# `cpack -G NSIS` on Linux, so the template is compiled by makensis here too.

set(_hydra_nsis_dir "${CMAKE_CURRENT_LIST_DIR}")
list(PREPEND CPACK_MODULE_PATH "${_hydra_nsis_dir}" ${CMAKE_MODULE_PATH})

# Paths handed to makensis: native separators on a Windows host; forward slashes work elsewhere.
function(_hydra_nsis_path out path)
    if(CMAKE_HOST_WIN32)
        file(TO_NATIVE_PATH "${path}" path)
    endif()
    set(${out} "${path}" PARENT_SCOPE)
endfunction()

get_filename_component(_hydra_icon "${_hydra_nsis_dir}/../../resources/icons/hydra.ico" ABSOLUTE)
_hydra_nsis_path(CPACK_HYDRA_NSIS_ICON "${_hydra_icon}")
# Where the executable lands under the install dir (GNUInstallDirs layout, as Qt's deployment expects).
set(CPACK_HYDRA_NSIS_EXE "bin\\hydra.exe")
set(CPACK_HYDRA_NSIS_PUBLISHER "${CPACK_PACKAGE_VENDOR}")
set(CPACK_HYDRA_NSIS_URL "${CPACK_PACKAGE_HOMEPAGE_URL}")
# Windows wants four numeric fields in an executable's version resource: 0.1.0 -> 0.1.0.0.
string(REGEX MATCH "^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+" CPACK_HYDRA_NSIS_FILE_VERSION "${PROJECT_VERSION}.0.0.0")
