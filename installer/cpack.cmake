# CPack: one configuration, three installers. `cpack -G DEB` (Linux), `cpack -G NSIS` (Windows),
# `cpack -G DragNDrop` (macOS), run from a configured and built tree.
# Needs HYDRA_APP_ID, HYDRA_HOMEPAGE, HYDRA_MAINTAINER (installer/packaging.cmake sets them).

set(CPACK_PACKAGE_NAME "Hydra")
set(CPACK_PACKAGE_VENDOR "The Hydra contributors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "OpenAI-compatible gateway that pools Gemini API keys")
set(CPACK_PACKAGE_HOMEPAGE_URL "${HYDRA_HOMEPAGE}")
set(CPACK_PACKAGE_CONTACT "${HYDRA_MAINTAINER}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Hydra")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_OUTPUT_FILE_PREFIX "${PROJECT_BINARY_DIR}/packages")
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_VERBATIM_VARIABLES ON) # values reach CPackConfig.cmake as written (backslashes, newlines)

if(WIN32)
    set(CPACK_GENERATOR NSIS)
    set(CPACK_SYSTEM_NAME windows-x64)
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_SYSTEM_NAME macos)
else()
    set(CPACK_GENERATOR DEB) # named by CPACK_DEBIAN_FILE_NAME below
    set(CPACK_SYSTEM_NAME "${CMAKE_SYSTEM_NAME}")
endif()
set(CPACK_PACKAGE_FILE_NAME "Hydra-${PROJECT_VERSION}-${CPACK_SYSTEM_NAME}")

# --- Debian package ------------------------------------------------------------------------------
set(CPACK_DEBIAN_PACKAGE_NAME "hydra")
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
# hydra_<version>-<release>_debian<N>_<arch>.deb: each Debian release gets a package built against
# its own Qt (Debian 12: 6.4, 13: 6.8), and the two must not share a file name.
set(_hydra_debian_release "")
if(EXISTS /etc/debian_version)
    file(STRINGS /etc/os-release _hydra_os_version REGEX "^VERSION_ID=")
    string(REGEX REPLACE "^VERSION_ID=\"?([0-9]+).*" "_debian\\1" _hydra_debian_release "${_hydra_os_version}")
endif()
execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE _hydra_deb_arch OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET)
if(NOT _hydra_deb_arch)
    set(_hydra_deb_arch amd64)
endif()
set(CPACK_DEBIAN_FILE_NAME
    "hydra_${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}${_hydra_debian_release}_${_hydra_deb_arch}.deb")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${HYDRA_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${HYDRA_HOMEPAGE}")
# The extended description; CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY above it as the synopsis.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Hydra serves the OpenAI API on your machine and answers each request with
Google's Gemini API, using whichever of your Gemini API keys still has free
quota for the model. When a key is rate-limited or dead it retries on another
one, so clients such as Cursor, Cline, Continue, Aider, LangChain or the
OpenAI SDKs never notice. Keys are kept in the system keychain.")
# Dependencies come from the binary's ELF dependencies (dpkg-shlibdeps), not from a hand-made list:
# the Qt Widgets and Charts packages are picked up by themselves.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The one thing an ELF scan cannot see and the app cannot do without: its tray and app icons are
# SVG, drawn by Qt's SVG icon-engine plugin (loaded at run time, so the linker drops Qt6::Svg).
# Which package ships that plugin is asked of dpkg: libqt6svg6 on Debian 12, qt6-svg-plugins on 13
# (without it every tray icon is blank).
set(_hydra_svg_plugin_package libqt6svg6)
file(GLOB _hydra_svg_plugin "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_PLUGINS}/iconengines/*qsvgicon*")
find_program(_hydra_dpkg dpkg)
if(_hydra_dpkg AND _hydra_svg_plugin)
    list(GET _hydra_svg_plugin 0 _hydra_svg_plugin)
    execute_process(COMMAND "${_hydra_dpkg}" -S "${_hydra_svg_plugin}" OUTPUT_VARIABLE _hydra_owner
                    RESULT_VARIABLE _hydra_dpkg_status ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(_hydra_dpkg_status EQUAL 0 AND _hydra_owner MATCHES "^([a-z0-9.+-]+)(:[a-z0-9]+)?: ")
        set(_hydra_svg_plugin_package "${CMAKE_MATCH_1}")
    endif()
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${_hydra_svg_plugin_package}")
# What dpkg-shlibdeps cannot see: TLS to Google verifies against the system's CA certificates, and
# keys live in a Secret Service (libqt6keychain1 recommends one). cloudflared is optional (exposure).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cloudflared")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# --- macOS disk image ------------------------------------------------------------------------------
set(CPACK_DMG_VOLUME_NAME "Hydra")
set(CPACK_DMG_FORMAT UDZO)
if(APPLE)
    set(CPACK_PACKAGE_ICON "${CMAKE_CURRENT_LIST_DIR}/../resources/icons/hydra.icns") # the volume's icon
    # Signs Hydra.app between deployment and the DMG when HYDRA_CODESIGN_IDENTITY is set.
    set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/macos/codesign.cmake")
endif()
# DragNDrop puts an /Applications link next to Hydra.app by default: the drag target.

# --- Windows installer -----------------------------------------------------------------------------
include("${CMAKE_CURRENT_LIST_DIR}/windows/nsis.cmake")

include(CPack)
