# flametime: the flame product's steps timed on one profile (bench/README.md, "Flame").
add_executable(flametime ${CMAKE_CURRENT_LIST_DIR}/flametime.c)
target_link_libraries(flametime PRIVATE pvprofile)
