# Runs inside `cpack -G DragNDrop` (CPACK_PRE_BUILD_SCRIPTS): Hydra.app is installed and made
# self-contained by macdeployqt in the staging directory, and the DMG is not made yet. With
# HYDRA_CODESIGN_IDENTITY set in the environment (a "Developer ID Application: ..." identity in
# the keychain), every piece of code in the bundle is signed with the hardened runtime and a
# timestamp, innermost first, as notarisation requires. Without it the bundle keeps
# macdeployqt's ad-hoc signature: fine for local builds, and Gatekeeper will warn.

set(identity "$ENV{HYDRA_CODESIGN_IDENTITY}")
if(identity STREQUAL "")
    message(STATUS "HYDRA_CODESIGN_IDENTITY is not set: Hydra.app is not signed with a Developer ID")
    return()
endif()

set(app "${CPACK_TEMPORARY_DIRECTORY}/Hydra.app")
if(NOT IS_DIRECTORY "${app}")
    message(FATAL_ERROR "codesign: no ${app} in the staging directory")
endif()

function(sign path)
    execute_process(
        COMMAND codesign --force --timestamp --options runtime --sign "${identity}" "${path}"
        RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "codesign failed for ${path}")
    endif()
endfunction()

file(GLOB_RECURSE dylibs "${app}/Contents/Frameworks/*.dylib" "${app}/Contents/PlugIns/*.dylib")
file(GLOB frameworks LIST_DIRECTORIES true "${app}/Contents/Frameworks/*.framework")
foreach(code IN LISTS dylibs frameworks)
    sign("${code}")
endforeach()
if(EXISTS "${app}/Contents/MacOS/cloudflared")
    sign("${app}/Contents/MacOS/cloudflared")
endif()
sign("${app}")

execute_process(COMMAND codesign --verify --deep --strict --verbose=2 "${app}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "codesign --verify failed for ${app}")
endif()
