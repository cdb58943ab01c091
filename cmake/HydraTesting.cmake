# One helper for every Qt Test executable: English locale, no display needed,
# and a deadline so a hang fails the run instead of eating CI's 90 minutes.
function(add_hydra_test NAME)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${NAME} ${ARG_SOURCES})
    target_link_libraries(${NAME} PRIVATE Qt6::Test ${ARG_LIBS})
    target_compile_definitions(${NAME} PRIVATE HYDRA_FIXTURES_DIR="${HYDRA_TESTS_DIR}/fixtures")
    target_include_directories(${NAME} PRIVATE ${HYDRA_TESTS_DIR})
    add_test(NAME ${NAME} COMMAND ${NAME})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${NAME} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "LANG=C.UTF-8;LC_ALL=C.UTF-8;QT_QPA_PLATFORM=offscreen")
endfunction()
