# Issue 24: conclave-vectors --json FILE writes its report as JSON, per file
# and in total, with each failure and the reason of each skip. The fixtures
# in vectors/ give known outcomes: broken.json is not JSON (1 failed),
# tree-math.json has a right case and one with a wrong root (1 passed,
# 1 failed), unknown.json is no kind of vector file (1 skipped).
#   cmake -DTOOL=path/to/conclave-vectors -DVECTORS=dir -DREPORT=file -P check_vectors_json.cmake

file(REMOVE "${REPORT}")
execute_process(COMMAND "${TOOL}" --json "${REPORT}" "${VECTORS}" RESULT_VARIABLE code OUTPUT_QUIET)
if(NOT code EQUAL 1)
  message(FATAL_ERROR "conclave-vectors exited with ${code}, not 1 (a vector failed)")
endif()
file(READ "${REPORT}" report)

# The value (mode GET) or the number of elements (LENGTH) at a path of the report.
function(expect_json expected mode)
  string(JSON actual ERROR_VARIABLE error ${mode} "${report}" ${ARGN})
  if(error OR NOT actual STREQUAL expected)
    message(FATAL_ERROR "${ARGN}: '${actual}', not '${expected}' ${error}\n${report}")
  endif()
endfunction()

expect_json(1 GET totals passed)
expect_json(2 GET totals failed)
expect_json(1 GET totals skipped)
expect_json(3 LENGTH files)
expect_json(broken.json GET files 0 file)
expect_json(1 GET files 0 failed)
expect_json("not valid JSON" GET files 0 failures 0)
expect_json(tree-math.json GET files 1 file)
expect_json(1 GET files 1 passed)
expect_json(1 GET files 1 failed)
expect_json("case 1: root" GET files 1 failures 0)
expect_json(0 LENGTH files 1 skip_reasons)
expect_json(unknown.json GET files 2 file)
expect_json(1 GET files 2 skipped)
expect_json("not a kind of vector file conclave-vectors knows" GET files 2 skip_reasons 0)
message(STATUS "conclave-vectors --json: the report's files and totals are right")
