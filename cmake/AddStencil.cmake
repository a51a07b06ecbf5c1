# Libraries of the project, built as MLIR builds its own (add_mlir_library)
# but installed into the project's CMake package (StencilTargets, see
# cmake/StencilConfig.cmake.in) instead of MLIR's export set, so that
# `find_package(Stencil CONFIG)` gives imported targets Stencil::<name>.

# Installs `name` into the Stencil export set, with the installed include
# folder as its interface.
function(stencil_install_library name)
  target_include_directories(${name} INTERFACE
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:include>)
  install(TARGETS ${name}
    EXPORT StencilTargets
    ARCHIVE DESTINATION lib
    LIBRARY DESTINATION lib
    RUNTIME DESTINATION bin)
  set_property(GLOBAL APPEND PROPERTY STENCIL_EXPORTS ${name})
endfunction()

# add_mlir_library, installed as part of the Stencil package.
function(add_stencil_library name)
  add_mlir_library(${name} DISABLE_INSTALL ${ARGN})
  stencil_install_library(${name})
endfunction()
