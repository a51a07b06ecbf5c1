//===- CompilerContext.cpp - The context and diagnostics of a compile -----===//

#include "Stencil/Compiler/DriverHooks.h"
#include "Stencil/Compiler/NativeCode.h"
#include "Stencil/IR/PsDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"

using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

/// `file:line:col` for a file location (the form of compilers and
/// SourceMgr), else MLIR's own printing of the location.
static void printLocation(llvm::raw_ostream &os, Location loc) {
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    os << file.getFilename().getValue() << ':' << file.getLine() << ':'
       << file.getColumn();
    return;
  }
  os << loc;
}

static llvm::StringRef getSeverityName(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Remark:
    return "remark";
  case DiagnosticSeverity::Note:
    return "note";
  }
  return "error";
}

DiagnosticCollector::DiagnosticCollector(MLIRContext &context)
    : context(context) {
  handlerId = context.getDiagEngine().registerHandler([this](Diagnostic &diag) {
    llvm::raw_string_ostream os(text);
    printLocation(os, diag.getLocation());
    os << ": " << getSeverityName(diag.getSeverity()) << ": " << diag << "\n";
    for (Diagnostic &note : diag.getNotes()) {
      printLocation(os, note.getLocation());
      os << ": note: " << note << "\n";
    }
    return success();
  });
}

DiagnosticCollector::~DiagnosticCollector() {
  context.getDiagEngine().eraseHandler(handlerId);
}

llvm::Error DiagnosticCollector::error(llvm::StringRef stage) const {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "%s failed:\n%s", stage.str().c_str(),
                                 text.c_str());
}

std::unique_ptr<MLIRContext> mlir::ps::runtime::createCompilerContext() {
  // The dialects the pipelines start from; each pass loads the ones it
  // makes (its dependent dialects).
  DialectRegistry registry;
  registry.insert<PsDialect, arith::ArithDialect, func::FuncDialect,
                  math::MathDialect, memref::MemRefDialect, scf::SCFDialect>();
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  registerOpenMPDialectTranslation(registry);
  auto context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  // One located line per diagnostic, not followed by an IR dump.
  context->printOpOnDiagnostic(getDriverHooks().printOpOnDiagnostic);
  return context;
}

