# A test that README.md shows an example as it is: fails unless the README's
# first ```<LANGUAGE> block is the file EXAMPLE, byte for byte.
# cmake -DREADME=README.md -DLANGUAGE=c -DEXAMPLE=examples/c_api.c -P cmake/readme_block.cmake
file(READ ${README} readme)
set(fence "```${LANGUAGE}\n")
string(FIND "${readme}" "${fence}" start)
if(start EQUAL -1)
  message(FATAL_ERROR "${README} has no ${fence} block")
endif()
string(LENGTH "${fence}" fence_length)
math(EXPR start "${start} + ${fence_length}")
string(SUBSTRING "${readme}" ${start} -1 rest)
string(FIND "${rest}" "```" end)
string(SUBSTRING "${rest}" 0 ${end} block)
file(READ ${EXAMPLE} example)
if(NOT block STREQUAL example)
  message(FATAL_ERROR "${README}'s ${LANGUAGE} block is not ${EXAMPLE}: copy the file into it")
endif()
