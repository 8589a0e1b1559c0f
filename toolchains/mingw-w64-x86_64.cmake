# Cross-compile esent.dll and the Windows test programs with MinGW-w64 (x86_64).
# Test programs run under Wine through the emulator wrapper (see tests/wine-run.sh).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(ESENT_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER   ${ESENT_MINGW_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${ESENT_MINGW_TRIPLE}-g++)
set(CMAKE_RC_COMPILER  ${ESENT_MINGW_TRIPLE}-windres)
set(CMAKE_FIND_ROOT_PATH /usr/${ESENT_MINGW_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../tests/wine-run.sh)
