# One helper for every Qt Test executable: English locale, no display needed,
# and a deadline so a hang fails the run instead of eating CI's 90 minutes.
#
#   add_hydra_test(name SOURCES ... [LIBS ...] [LABELS ...] [TIMEOUT seconds]
#                  [LAUNCHER command args...])
#
# LAUNCHER runs the test through a command, e.g. the private D-Bus session with an
# unlocked keyring that the keychain tests need:
#   LAUNCHER dbus-run-session -- sh ${HYDRA_TESTS_DIR}/with-keyring.sh
function(add_hydra_test NAME)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;LAUNCHER" ${ARGN})
    add_executable(${NAME} ${ARG_SOURCES})
    target_link_libraries(${NAME} PRIVATE Qt6::Test ${ARG_LIBS})
    target_compile_definitions(${NAME} PRIVATE HYDRA_FIXTURES_DIR="${HYDRA_TESTS_DIR}/fixtures")
    target_include_directories(${NAME} PRIVATE ${HYDRA_TESTS_DIR})
    if(ARG_LAUNCHER)
        add_test(NAME ${NAME} COMMAND ${ARG_LAUNCHER} $<TARGET_FILE:${NAME}>)
    else()
        add_test(NAME ${NAME} COMMAND ${NAME})
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${NAME} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "LANG=C.UTF-8;LC_ALL=C.UTF-8;QT_QPA_PLATFORM=offscreen")
endfunction()
