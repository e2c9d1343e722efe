# gene check over every conformance program and benchmark. The only warnings allowed are
# the ones a program declares with `# Warning: LINE:COL: message` lines: deliberate
# mistakes that a test of the language needs (an unknown name is nil, a missing argument
# raises). Anything else is a false positive. Usage: cmake -DGENE=… -DROOT=… -P run-suite.cmake
file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/test/conformance/*.gene ${ROOT}/benchmarks/*.gene)
list(SORT files)
list(LENGTH files count)
if(count LESS 100)
  message(FATAL_ERROR "only ${count} programs found under ${ROOT}")
endif()
set(expected "")
foreach(f IN LISTS files)
  file(STRINGS ${ROOT}/${f} declared REGEX "^# Warning: ")
  foreach(line IN LISTS declared)
    string(REGEX REPLACE "^# Warning: " "${f}:" line "${line}")
    string(APPEND expected "${line}\n")
  endforeach()
endforeach()
execute_process(COMMAND ${GENE} check ${files} WORKING_DIRECTORY ${ROOT} ERROR_VARIABLE err OUTPUT_QUIET)
# Programs that test parse errors report them as errors; only the warnings matter here.
string(REGEX MATCHALL "[^\n]*: warning: [^\n]*" warnings "${err}")
set(actual "")
foreach(w IN LISTS warnings)
  string(REPLACE ": warning: " ": " w "${w}")
  string(APPEND actual "${w}\n")
endforeach()
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "gene check warnings differ from the declared ones.\n--- declared\n${expected}--- actual\n${actual}")
endif()
