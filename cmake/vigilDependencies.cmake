# Finds the libraries of vigil's opt-in targets: the build (CMakeLists.txt) and the installed
# package (vigilConfig.cmake) both call it, so the imported targets the exported ones link are
# the same: PkgConfig::VIGIL_DEP_gperftools and PkgConfig::VIGIL_DEP_http.
macro(vigil_find_dependency piece)
  if(NOT TARGET PkgConfig::VIGIL_DEP_${piece})
    find_package(PkgConfig QUIET)
    if(PkgConfig_FOUND)
      pkg_check_modules(VIGIL_DEP_${piece} QUIET IMPORTED_TARGET ${ARGN})
    endif()
  endif()
endmacro()

macro(vigil_find_gperftools)
  vigil_find_dependency(gperftools libprofiler libtcmalloc)
endmacro()

macro(vigil_find_http)
  vigil_find_dependency(http cpp-httplib)
endmacro()
