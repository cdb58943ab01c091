# What `cmake --install` puts where, per platform, and the installers CPack makes of it:
#   Linux:   /usr/bin/hydra + desktop entry, icons, AppStream metainfo, man page, Debian copyright;
#            the .deb depends on the distribution's Qt (dependencies computed by dpkg-shlibdeps).
#   Windows: bin/hydra.exe with Qt, its plugins and translations next to it (windeployqt),
#            wrapped in a per-user NSIS installer.
#   macOS:   Hydra.app (tray-only, LSUIElement) made self-contained by macdeployqt, in a DMG.
# Included from the top-level CMakeLists.txt after the `hydra` target exists.

include(GNUInstallDirs)

set(HYDRA_APP_ID "io.github.hydra.Hydra" CACHE STRING "Reverse-DNS application id (desktop entry, metainfo, bundle id)")
set(HYDRA_HOMEPAGE "https://github.com/hydra/hydra" CACHE STRING "Project homepage shown by the installers")
set(HYDRA_MAINTAINER "Hydra maintainers <hydra@users.noreply.github.com>" CACHE STRING "Package maintainer")
set(HYDRA_BUNDLE_CLOUDFLARED "" CACHE FILEPATH
    "cloudflared executable to ship next to hydra (Windows and macOS installers); empty ships none")

set(_hydra_installer_dir "${CMAKE_CURRENT_LIST_DIR}")
set(_hydra_resources_dir "${PROJECT_SOURCE_DIR}/resources")

if(APPLE)
    # A real app bundle: Hydra.app/Contents/{MacOS/Hydra,Info.plist,Resources/hydra.icns}.
    set(_hydra_icns "${_hydra_resources_dir}/icons/hydra.icns")
    target_sources(hydra PRIVATE "${_hydra_icns}")
    set_source_files_properties("${_hydra_icns}" TARGET_DIRECTORY hydra PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    set_target_properties(hydra PROPERTIES
        OUTPUT_NAME Hydra
        MACOSX_BUNDLE TRUE
        MACOSX_BUNDLE_INFO_PLIST "${_hydra_installer_dir}/macos/Info.plist.in"
        MACOSX_BUNDLE_BUNDLE_NAME Hydra
        MACOSX_BUNDLE_GUI_IDENTIFIER "${HYDRA_APP_ID}"
        MACOSX_BUNDLE_ICON_FILE hydra.icns
        MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
        MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
        MACOSX_BUNDLE_COPYRIGHT "The Hydra contributors")
endif()

if(WIN32)
    # No console window behind the tray app; the commands attach to the terminal they were
    # started from (cli::attachToParentConsole).
    set_target_properties(hydra PROPERTIES WIN32_EXECUTABLE TRUE)
endif()

install(TARGETS hydra
    BUNDLE DESTINATION .
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

if(WIN32 OR APPLE)
    # Qt's own deployment (windeployqt / macdeployqt underneath): Qt libraries, the platform, style,
    # TLS and image/icon-engine plugins of the modules hydra links, and Qt's translations. On Linux
    # the .deb uses the distribution's Qt instead.
    if(Qt6_VERSION VERSION_LESS 6.5)
        qt_generate_deploy_app_script(TARGET hydra FILENAME_VARIABLE _hydra_deploy_script)
    else()
        qt_generate_deploy_app_script(TARGET hydra OUTPUT_SCRIPT _hydra_deploy_script)
    endif()
    install(SCRIPT "${_hydra_deploy_script}")

    # QtKeychain is no Qt module, so Qt's deployment leaves it out. The release builds link it
    # statically; a shared build must ship the DLL next to hydra.exe (macdeployqt already copies
    # every non-system dylib into the bundle).
    get_target_property(_hydra_keychain_type Qt6Keychain::Qt6Keychain TYPE)
    if(WIN32 AND _hydra_keychain_type STREQUAL "SHARED_LIBRARY")
        install(IMPORTED_RUNTIME_ARTIFACTS Qt6Keychain::Qt6Keychain
            RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
            LIBRARY DESTINATION "${CMAKE_INSTALL_BINDIR}")
    endif()
endif()

if(HYDRA_BUNDLE_CLOUDFLARED)
    if(NOT (WIN32 OR APPLE))
        message(FATAL_ERROR "HYDRA_BUNDLE_CLOUDFLARED is for the Windows and macOS installers. On Linux "
                            "cloudflared comes from Cloudflare's own package (the .deb suggests it).")
    endif()
    if(NOT EXISTS "${HYDRA_BUNDLE_CLOUDFLARED}")
        message(FATAL_ERROR "HYDRA_BUNDLE_CLOUDFLARED: no such file: ${HYDRA_BUNDLE_CLOUDFLARED}")
    endif()
    if(APPLE)
        set(_hydra_next_to_exe "Hydra.app/Contents/MacOS")
        set(_hydra_licenses_dir "Hydra.app/Contents/Resources/licenses")
    else()
        set(_hydra_next_to_exe "${CMAKE_INSTALL_BINDIR}")
        set(_hydra_licenses_dir "licenses")
    endif()
    # cloudflared is Apache-2.0: redistributing it means shipping its license text along.
    install(PROGRAMS "${HYDRA_BUNDLE_CLOUDFLARED}" DESTINATION "${_hydra_next_to_exe}"
        RENAME "cloudflared${CMAKE_EXECUTABLE_SUFFIX}")
    install(FILES "${_hydra_installer_dir}/licenses/cloudflared-LICENSE.txt" DESTINATION "${_hydra_licenses_dir}")
endif()

if(UNIX AND NOT APPLE)
    include("${_hydra_installer_dir}/linux/install-linux.cmake")
endif()

include("${_hydra_installer_dir}/cpack.cmake")
