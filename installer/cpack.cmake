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
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # hydra_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
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
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
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
