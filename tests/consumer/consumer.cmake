# The consumer projects' shared body, included once vigil::vigil exists. It builds main.cpp and
# the machine-code twins of tests/compile_out/asm, switched as CONSUMER_SWITCH says:
#   ""              the package's default
#   property:ON|OFF set_target_properties(... VIGIL_ENABLED ...)
#   definition:0|1  target_compile_definitions(... PRIVATE VIGIL_ENABLED=...)
# and adds the tests CONSUMER_EXPECT (on or off) calls for: an exported span and an evaluated
# argument, or neither and the twins' identical machine code.
set(twins ${CMAKE_CURRENT_LIST_DIR}/../compile_out/asm)
add_executable(consumer ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
add_library(twin_instrumented OBJECT ${twins}/instrumented.cpp)
add_library(twin_bare OBJECT ${twins}/bare.cpp)
foreach(target consumer twin_instrumented twin_bare)
  target_link_libraries(${target} PRIVATE vigil::vigil)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  if(CONSUMER_SWITCH MATCHES "^property:(.*)$")
    set_target_properties(${target} PROPERTIES VIGIL_ENABLED ${CMAKE_MATCH_1})
  elseif(CONSUMER_SWITCH MATCHES "^definition:(.*)$")
    target_compile_definitions(${target} PRIVATE VIGIL_ENABLED=${CMAKE_MATCH_1})
  elseif(NOT CONSUMER_SWITCH STREQUAL "")
    message(FATAL_ERROR "CONSUMER_SWITCH: '${CONSUMER_SWITCH}' is none of property:, definition:")
  endif()
endforeach()
if(TARGET vigil::http)
  target_link_libraries(consumer PRIVATE vigil::http)
  target_compile_definitions(consumer PRIVATE CONSUMER_HTTP)
endif()
if(TARGET vigil::gperftools)
  target_link_libraries(consumer PRIVATE vigil::gperftools)
  target_compile_definitions(consumer PRIVATE CONSUMER_GPERFTOOLS)
endif()
foreach(target twin_instrumented twin_bare)
  target_compile_options(${target} PRIVATE -O2 -g0 -fno-asynchronous-unwind-tables)
endforeach()

enable_testing()
add_test(NAME runs COMMAND consumer)
if(CONSUMER_EXPECT STREQUAL "on")
  set_tests_properties(runs PROPERTIES PASS_REGULAR_EXPRESSION
                                       "spans exported: 1, arguments evaluated: 1")
elseif(CONSUMER_EXPECT STREQUAL "off")
  set_tests_properties(runs PROPERTIES PASS_REGULAR_EXPRESSION
                                       "spans exported: 0, arguments evaluated: 0")
  add_test(NAME same_machine_code
           COMMAND ${twins}/compare.sh $<TARGET_OBJECTS:twin_instrumented>
                   $<TARGET_OBJECTS:twin_bare> weighted_sum count_above threshold_crossings)
else()
  message(FATAL_ERROR "CONSUMER_EXPECT: '${CONSUMER_EXPECT}' is neither on nor off")
endif()
