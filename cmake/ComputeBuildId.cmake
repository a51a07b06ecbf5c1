# Writes OUTPUT with `#define PS_BUILD_ID "<sha256>"`: a hash of the sources
# listed in SOURCES_FILE (paths relative to ROOT, and contents) and of EXTRA
# (compiler and LLVM versions, build type). The kernel cache signs it, so that
# another build of the project never serves this one's binaries. OUTPUT is
# rewritten only when the hash changes.
file(STRINGS "${SOURCES_FILE}" sources)
set(manifest "${EXTRA}\n")
foreach(source IN LISTS sources)
  file(SHA256 "${source}" hash)
  file(RELATIVE_PATH relative "${ROOT}" "${source}")
  string(APPEND manifest "${relative} ${hash}\n")
endforeach()
string(SHA256 id "${manifest}")
set(text "#define PS_BUILD_ID \"${id}\"\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL text)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${text}")
