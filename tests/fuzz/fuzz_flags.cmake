# Included by the top-level CMakeLists.txt when HYDRA_FUZZ is on, before src/: everything
# built after this point (hydra_core and the fuzz targets) carries libFuzzer's coverage
# instrumentation plus AddressSanitizer and UBSan. The fuzz targets add -fsanitize=fuzzer
# themselves (tests/fuzz/CMakeLists.txt), which links libFuzzer's main().
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "HYDRA_FUZZ needs clang (libFuzzer); configure with the \"fuzz\" preset "
                        "or -DCMAKE_CXX_COMPILER=clang++. Found ${CMAKE_CXX_COMPILER_ID}.")
endif()

set(HYDRA_FUZZ_SANITIZERS "address,undefined" CACHE STRING "Sanitizers the fuzzing build adds to libFuzzer")
add_compile_options(
    -fsanitize=fuzzer-no-link,${HYDRA_FUZZ_SANITIZERS}
    -fno-sanitize-recover=all # a UBSan finding is a crash the fuzzer keeps, not a log line
    -fno-omit-frame-pointer)
add_link_options(-fsanitize=${HYDRA_FUZZ_SANITIZERS})
