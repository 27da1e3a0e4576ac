# cmake -DSERVER=<motcua-server> -DOUTPUT=<file> -P demo_config.cmake: writes the demo centre's
# configuration, as the server prints it, to OUTPUT (the packages' sample /etc/motcua/config.json).
execute_process(COMMAND ${SERVER} --print-demo-config OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "${SERVER} --print-demo-config failed: ${status}")
endif()
