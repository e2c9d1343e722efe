# One `gene check` case: stderr must equal CASE.expected byte for byte and the exit status
# must be STATUS. Usage: cmake -DGENE=… -DDIR=… -DCASE=name [-DFLAGS=--werror] -DSTATUS=0 -P run-case.cmake
execute_process(COMMAND ${GENE} check ${FLAGS} ${CASE}.gene
  WORKING_DIRECTORY ${DIR}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
file(READ ${DIR}/${CASE}.expected expected)
if(NOT status EQUAL STATUS)
  message(FATAL_ERROR "gene check exited with ${status}, expected ${STATUS}\n${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "gene check printed on stdout:\n${out}")
endif()
if(NOT err STREQUAL expected)
  message(FATAL_ERROR "stderr differs.\n--- expected\n${expected}--- actual\n${err}")
endif()
