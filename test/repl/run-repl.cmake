# Drives `gene repl` through stdin: definitions persist between lines, a failing line
# reports its error and the session goes on. Usage: cmake -DGENE=… -DDIR=… -P run-repl.cmake
execute_process(COMMAND ${GENE} repl
  INPUT_FILE ${DIR}/session.in
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
file(READ ${DIR}/session.out expected)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gene repl exited with ${status}\n${err}")
endif()
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "stdout differs.\n--- expected\n${expected}--- actual\n${out}")
endif()
foreach(needle "Unsupported first operand for addition: nil" "Gene exception: \"oops\"")
  string(FIND "${err}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "stderr lacks '${needle}':\n${err}")
  endif()
endforeach()
