# Linux install layout (FHS, freedesktop): what the .deb contains besides /usr/bin/hydra.
# Included by installer/packaging.cmake.

set(_hydra_linux_dir "${CMAKE_CURRENT_LIST_DIR}")
set(_hydra_generated "${PROJECT_BINARY_DIR}/installer")
file(MAKE_DIRECTORY "${_hydra_generated}")

install(FILES "${_hydra_resources_dir}/linux/${HYDRA_APP_ID}.desktop"
    DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/applications")
install(FILES "${_hydra_resources_dir}/linux/${HYDRA_APP_ID}.metainfo.xml"
    DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/metainfo")

# Icons in the hicolor theme, named after the app id as the desktop entry's Icon= says.
install(FILES "${_hydra_resources_dir}/icons/hydra.svg"
    DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps" RENAME "${HYDRA_APP_ID}.svg")
foreach(_size 16 22 24 32 48 64 128 256 512)
    install(FILES "${_hydra_resources_dir}/icons/png/hydra-${_size}.png"
        DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${_size}x${_size}/apps" RENAME "${HYDRA_APP_ID}.png")
endforeach()

# Debian wants its docs compressed with gzip -9n (no name, no timestamp: reproducible).
find_program(HYDRA_GZIP gzip REQUIRED)
function(_hydra_gzip source output)
    execute_process(COMMAND "${HYDRA_GZIP}" -9nc "${source}" OUTPUT_FILE "${output}" RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "gzip ${source} failed")
    endif()
endfunction()

_hydra_gzip("${_hydra_linux_dir}/hydra.1" "${_hydra_generated}/hydra.1.gz")
install(FILES "${_hydra_generated}/hydra.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

# The changelog's date follows SOURCE_DATE_EPOCH when set, so a release build is reproducible.
string(TIMESTAMP HYDRA_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(HYDRA_DEB_VERSION "${PROJECT_VERSION}-1")
configure_file("${_hydra_linux_dir}/changelog.Debian.in" "${_hydra_generated}/changelog.Debian" @ONLY)
_hydra_gzip("${_hydra_generated}/changelog.Debian" "${_hydra_generated}/changelog.Debian.gz")
install(FILES "${_hydra_linux_dir}/copyright" "${_hydra_generated}/changelog.Debian.gz"
    DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/hydra")

install(FILES "${_hydra_linux_dir}/lintian-overrides"
    DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides" RENAME hydra)

# Full RELRO, as Debian's own packages are linked (lintian: hardening-no-bindnow).
target_link_options(hydra PRIVATE "LINKER:-z,relro,-z,now")
