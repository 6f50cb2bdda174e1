# Test and check code is compiled for build time, the library for speed: a
# test's run time is spent in the library it calls, its compile time in its
# own templates and fixtures. Measured on group_validation_test.cpp: g++ -O1
# takes a third less than -O2, and under ASan+UBSan clang -O0 half of -O2;
# on meeting_test.cpp g++ -Og takes a fifth less than -O1 (and less than -O0,
# which emits more code). At -Og g++ 12's maybe-uninitialized analysis reports moves of a
# std::variant member it cannot follow (mls_wire_test.cpp's credentials), so
# that one warning is left to clang (the sanitized tree) and to the
# library's own -O3 build.
function(conclave_compile_for_build_time target)
  if(CONCLAVE_SANITIZE OR CONCLAVE_COVERAGE)
    target_compile_options(${target} PRIVATE -O0)
  else()
    target_compile_options(${target} PRIVATE -Og)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
  endif()
endfunction()
