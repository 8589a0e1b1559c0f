# Test helpers: CUnit for both targets, and Wine for the Windows test programs.
#
# esent_add_cunit_test(NAME <name> SOURCES <files...> [LIBS <targets...>] [ARGS <args...>])
#   builds the program <name> from SOURCES plus the shared runner (tests/common), links CUnit and
#   LIBS, and registers it with ctest. Each program's main() registers its suites and returns
#   esent_test_run(), which prints "N passed, N failed" and sets the exit code.
#   Tests run in their own scratch folder: ${CMAKE_BINARY_DIR}/scratch/<name>.

if(WIN32)
  # Debian has no MinGW CUnit: build the real CUnit from Debian's source package.
  if(NOT ESENT_CUNIT_SOURCE_DIR)
    message(FATAL_ERROR "Windows test build needs -DESENT_CUNIT_SOURCE_DIR=<dir> (see scripts/fetch-cunit-source.sh)")
  endif()
  set(_cu ${ESENT_CUNIT_SOURCE_DIR}/CUnit)
  add_library(esent_cunit STATIC
    ${_cu}/Sources/Framework/CUError.c ${_cu}/Sources/Framework/MyMem.c
    ${_cu}/Sources/Framework/TestDB.c ${_cu}/Sources/Framework/TestRun.c
    ${_cu}/Sources/Framework/Util.c ${_cu}/Sources/Basic/Basic.c)
  target_include_directories(esent_cunit SYSTEM PUBLIC ${_cu}/Headers ${CMAKE_BINARY_DIR}/cunit-include)
  target_compile_options(esent_cunit PRIVATE -w)
  set_target_properties(esent_cunit PROPERTIES C_STANDARD 99 C_EXTENSIONS ON)
  # CUnit's headers are included as <CUnit/Basic.h>: give them that layout.
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/cunit-include)
  file(CREATE_LINK ${_cu}/Headers ${CMAKE_BINARY_DIR}/cunit-include/CUnit SYMBOLIC)
  set(ESENT_WINEPREFIX ${CMAKE_BINARY_DIR}/wineprefix)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(CUNIT REQUIRED IMPORTED_TARGET cunit)
  add_library(esent_cunit INTERFACE)
  target_link_libraries(esent_cunit INTERFACE PkgConfig::CUNIT)
endif()

add_library(esent_testrunner STATIC ${CMAKE_SOURCE_DIR}/tests/common/cu_runner.c ${CMAKE_SOURCE_DIR}/tests/common/test_util.c)
target_include_directories(esent_testrunner PUBLIC ${CMAKE_SOURCE_DIR}/tests/common)
target_link_libraries(esent_testrunner PUBLIC esent_cunit)
if(NOT WIN32)
  find_package(Threads REQUIRED)
  target_link_libraries(esent_testrunner PUBLIC Threads::Threads)
endif()

if(WIN32)
  # One Wine prefix in the build tree, created once before any Windows test runs.
  add_test(NAME wine_prefix COMMAND ${CMAKE_SOURCE_DIR}/tests/wine-run.sh --init)
  set_tests_properties(wine_prefix PROPERTIES FIXTURES_SETUP wine
    ENVIRONMENT "WINEPREFIX=${ESENT_WINEPREFIX}")
endif()

function(esent_add_cunit_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;ARGS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE esent_testrunner ${T_LIBS})
  set(_scratch ${CMAKE_BINARY_DIR}/scratch/${T_NAME})
  file(MAKE_DIRECTORY ${_scratch})
  add_test(NAME ${T_NAME} COMMAND ${T_NAME} ${T_ARGS} WORKING_DIRECTORY ${_scratch})
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT 900)
  if(WIN32)
    set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED wine
      ENVIRONMENT "WINEPREFIX=${ESENT_WINEPREFIX}")
  endif()
endfunction()
