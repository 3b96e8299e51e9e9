# install(): headers, one export set per target (so that a consumer without GoogleTest or
# libcurl can still use the core), a package config and an ARCH_INDEPENDENT version file
# (a header-only package does not depend on the pointer size; nlohmann/json #1697).
include(CMakePackageConfigHelpers)

set(SYNTHBENCH_CONFIG_DIR "${CMAKE_INSTALL_DATADIR}/cmake/synthbench")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/synthbench"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(TARGETS synthbench EXPORT synthbench-targets)
install(EXPORT synthbench-targets NAMESPACE synthbench::
        DESTINATION "${SYNTHBENCH_CONFIG_DIR}")

if(TARGET synthbench_gtest)
  install(TARGETS synthbench_gtest EXPORT synthbench-gtest-targets)
  install(EXPORT synthbench-gtest-targets NAMESPACE synthbench::
          DESTINATION "${SYNTHBENCH_CONFIG_DIR}")
endif()
if(TARGET synthbench_http)
  install(TARGETS synthbench_http EXPORT synthbench-http-targets)
  install(EXPORT synthbench-http-targets NAMESPACE synthbench::
          DESTINATION "${SYNTHBENCH_CONFIG_DIR}")
endif()

# The prompt templates (fixtures/prompts): LLM-backed generators and solvers read them at run
# time; the package config points synthbench_PROMPT_DIR at the installed copy.
set(SYNTHBENCH_PROMPT_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/synthbench/prompts")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/fixtures/prompts/" DESTINATION "${SYNTHBENCH_PROMPT_INSTALL_DIR}"
        FILES_MATCHING PATTERN "*.txt")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/synthbenchConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/synthbenchConfig.cmake"
  INSTALL_DESTINATION "${SYNTHBENCH_CONFIG_DIR}"
  PATH_VARS SYNTHBENCH_PROMPT_INSTALL_DIR)
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/synthbenchConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion
  ARCH_INDEPENDENT)
install(FILES
  "${PROJECT_BINARY_DIR}/synthbenchConfig.cmake"
  "${PROJECT_BINARY_DIR}/synthbenchConfigVersion.cmake"
  DESTINATION "${SYNTHBENCH_CONFIG_DIR}")

# The synthbench program installs itself (tools/synthbench/CMakeLists.txt): this file is
# included before tools/ is added, when its target does not exist yet.
