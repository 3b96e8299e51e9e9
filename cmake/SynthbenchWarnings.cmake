# Warning flags and sanitizers for synthbench's own targets (tests, examples, tools,
# benchmarks). Never applied to the INTERFACE targets users link: their flags are theirs.

option(SYNTHBENCH_WERROR "Treat warnings as errors in synthbench's own targets" ${SYNTHBENCH_IS_TOP_LEVEL})
set(SYNTHBENCH_SANITIZE "" CACHE STRING
    "Sanitizers for synthbench's own targets, e.g. address,undefined (empty: none)")

function(synthbench_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion)
    if(SYNTHBENCH_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(SYNTHBENCH_SANITIZE)
      target_compile_options(${target} PRIVATE
        -fsanitize=${SYNTHBENCH_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
      target_link_options(${target} PRIVATE -fsanitize=${SYNTHBENCH_SANITIZE})
    endif()
  elseif(MSVC)
    target_compile_options(${target} PRIVATE /W4 $<$<BOOL:${SYNTHBENCH_WERROR}>:/WX>)
  endif()
endfunction()
