# cmake -DSERVER=<motcua-server> -DOUTPUT=<file> -DBACKUPS=<folder> -P demo_config.cmake: writes
# the demo centre's configuration, as the server prints it, with daily backups into BACKUPS
# (README "Backups and restore"), to OUTPUT (the packages' sample /etc/motcua/config.json).
execute_process(COMMAND ${SERVER} --print-demo-config OUTPUT_VARIABLE demo RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${SERVER} --print-demo-config failed: ${status}")
endif()
# Added as text before the closing brace: the printed layout, and its Vietnamese letters (which
# string(JSON) would escape), stay as they are for the person who edits the file.
string(REGEX REPLACE "\n}[ \n]*$" ",\n  \"backups\": {\"folder\": \"${BACKUPS}\"}\n}\n" config "${demo}")
if(config STREQUAL demo)
  message(FATAL_ERROR "${SERVER} --print-demo-config: no closing brace on a line of its own")
endif()
file(WRITE ${OUTPUT} "${config}")
