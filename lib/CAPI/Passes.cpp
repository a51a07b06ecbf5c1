//===- Passes.cpp - C API of the ps passes --------------------------------===//
//
// mlirRegisterPsPasses and a creator and a registration function per pass,
// generated from Stencil/Transforms/Passes.td so that the C API follows the
// passes as they are added.
//
//===----------------------------------------------------------------------===//

#include "Stencil/Transforms/Passes.h"

// The declarations carry the visibility attributes that export the
// definitions below from libStencilCAPI.so.
#include "Stencil-c/Passes.capi.h.inc"

#include "mlir/CAPI/Pass.h"

// The generated definitions call registerPsPasses, createPsTypify, ...
// unqualified.
using namespace mlir::ps;

extern "C" {
#include "Passes.capi.cpp.inc"
}
