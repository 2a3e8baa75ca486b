# Synthetic pprof profile generator for the benchmark (see bench/README.md).
add_executable(genprof ${CMAKE_CURRENT_LIST_DIR}/genprof.c)
target_link_libraries(genprof PRIVATE PkgConfig::ZLIB m)
