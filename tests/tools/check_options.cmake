# Issue 24: a tool answers --help and --version with exit code 0 (the usage
# on stdout; its name and Conclave's version) and refuses an unknown option
# with exit code 2 (the problem and the usage on stderr, nothing on stdout).
# With NUMBER_CALL (arguments separated by commas, one of them "x"), a
# number that is not one is refused with exit code 2 as well.
#   cmake -DTOOL=path -DNAME=name -DVERSION=x.y.z [-DNUMBER_CALL=a,x,b] -P check_options.cmake

function(expect_run expected_code expected_out expected_err)
  execute_process(COMMAND "${TOOL}" ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(problems "")
  if(NOT code STREQUAL expected_code)
    string(APPEND problems "exit code ${code}, not ${expected_code}; ")
  endif()
  if(NOT out MATCHES "${expected_out}")
    string(APPEND problems "stdout does not match '${expected_out}'; ")
  endif()
  if(NOT err MATCHES "${expected_err}")
    string(APPEND problems "stderr does not match '${expected_err}'; ")
  endif()
  if(problems)
    message(FATAL_ERROR "${NAME} ${ARGN}: ${problems}\nstdout: ${out}\nstderr: ${err}")
  endif()
endfunction()

expect_run(0 "^usage: ${NAME} .*\n\n." "^$" --help)
string(REPLACE "." "\\." version_pattern "${VERSION}")
expect_run(0 "^${NAME} \\(Conclave\\) ${version_pattern}\n$" "^$" --version)
expect_run(2 "^$" "^${NAME}: unknown option --no-such-option\nusage: ${NAME} " --no-such-option)
if(NUMBER_CALL)
  string(REPLACE "," ";" number_call "${NUMBER_CALL}")
  expect_run(2 "^$" "^${NAME}: not a number: x\nusage: ${NAME} " ${number_call})
endif()
message(STATUS "${NAME}: --help, --version and an unknown option answered")
