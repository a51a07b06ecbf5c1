//===- ps-compile.cpp - Compile ps kernels ahead of time ------------------===//
//
// Turns a module of ps kernels into an object file, a shared library,
// assembly or LLVM IR for a target (the host by default), and writes a C
// header declaring the kernels, so that C and C++ programs link and call
// them:
//
//   ps-compile kernels.mlir --emit=obj -o kernels.o --header kernels.h
//   ps-compile kernels.mlir --emit=shared -o libkernels.so
//   ps-compile kernels.mlir --emit=asm --triple=aarch64-linux-gnu \
//     --cpu=neoverse-v1
//
// The code generation flags are the options of ps-lower-to-llvm-pipeline.
//
//===----------------------------------------------------------------------===//

#include "../common/CacheFlags.h"
#include "../common/CodegenFlags.h"
#include "Stencil/Compiler/CHeader.h"
#include "Stencil/Compiler/NativeCode.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace {
enum class Emit { Object, Shared, Assembly, LLVMIR };
} // namespace

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input .mlir>"),
                                      cl::init("-"),
    cl::cat(codegen_flags::toolCategory()));
static cl::opt<std::string> outputFile("o",
                                       cl::desc("Output file (default: -, "
                                                "standard output)"),
                                       cl::value_desc("file"), cl::init("-"),
    cl::cat(codegen_flags::toolCategory()));
static cl::opt<Emit>
    emitKind("emit", cl::desc("What to write"), cl::init(Emit::Object),
             cl::values(clEnumValN(Emit::Object, "obj", "an object file"),
                        clEnumValN(Emit::Shared, "shared", "a shared library"),
                        clEnumValN(Emit::Assembly, "asm", "assembly"),
                        clEnumValN(Emit::LLVMIR, "llvm", "LLVM IR")),
    cl::cat(codegen_flags::toolCategory()));
static cl::opt<std::string> headerFile("header",
                                       cl::desc("Also write a C header"),
                                       cl::value_desc("file"),
    cl::cat(codegen_flags::toolCategory()));
static cl::opt<std::string>
    linker("linker",
           cl::desc("Linker for shared libraries (default: ld.bfd, else ld.lld-22)"),
           cl::init(""),
    cl::cat(codegen_flags::toolCategory()));

static int fail(const Twine &message) {
  errs() << "ps-compile: " << message << "\n";
  return 1;
}

/// Writes the C header of `kernels` to --header.
static int writeHeader(llvm::ArrayRef<mlir::ps::runtime::KernelInfo> kernels) {
  if (kernels.empty())
    errs() << "ps-compile: warning: " << inputFile
           << " has no ps.kernel (lowered IR?): the header declares no "
              "kernel\n";
  std::error_code ec;
  raw_fd_ostream out(headerFile, ec, sys::fs::OF_Text);
  if (ec)
    return fail("cannot write " + headerFile + ": " + ec.message());
  std::string guard = "PS_" + sys::path::stem(headerFile).upper() + "_H";
  for (char &c : guard)
    if (!isAlnum(c))
      c = '_';
  mlir::ps::runtime::emitCHeader(kernels, guard, out);
  return 0;
}

/// --cache: the shared library of the cache entry (built if missing),
/// copied to -o.
static int
compileThroughCache(const mlir::ps::runtime::CompileOptions &options) {
  if (emitKind != Emit::Shared)
    return fail("--cache serves shared libraries for this machine: give "
                "--emit=shared");
  if (outputFile == "-")
    return fail("a shared library is written to a file: give -o <file>");
  auto input = MemoryBuffer::getFileOrSTDIN(inputFile);
  if (!input)
    return fail("cannot read " + inputFile + ": " +
                input.getError().message());
  mlir::ps::cache::KernelCache &cache = mlir::ps::cache::KernelCache::global();
  mlir::ps::cache::Outcome outcome;
  auto library =
      cache.getLibraryPath((*input)->getBuffer(), options, &outcome);
  if (!library)
    return fail(toString(library.takeError()));
  cache_flags::printOutcome("ps-compile", outcome);
  if (std::error_code ec = sys::fs::copy_file(*library, outputFile))
    return fail("cannot write " + outputFile + ": " + ec.message());
  if (headerFile.empty())
    return 0;
  auto module = cache.get((*input)->getBuffer(), options);
  if (!module)
    return fail(toString(module.takeError()));
  std::vector<mlir::ps::runtime::KernelInfo> kernels;
  for (const std::string &name : (*module)->getKernelNames())
    kernels.push_back((*module)->lookup(name)->getInfo());
  return writeHeader(kernels);
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  mlir::ps::runtime::CompileOptions &options = codegen_flags::get();
  cache_flags::declare();
  codegen_flags::parse(argc, argv, "ps-compile: ps kernels to native code\n");
  if (cache_flags::enabled())
    return compileThroughCache(options);
  InitializeAllTargetInfos();
  InitializeAllTargets();
  InitializeAllTargetMCs();
  InitializeAllAsmPrinters();

  std::unique_ptr<mlir::MLIRContext> contextOwner =
      mlir::ps::runtime::createCompilerContext();
  mlir::MLIRContext &context = *contextOwner;

  std::string errorMessage;
  auto input = mlir::openInputFile(inputFile, &errorMessage);
  if (!input)
    return fail(errorMessage);
  SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(input), SMLoc());
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;

  // Typify, analyse and simplify; describe the kernels for the header; lower.
  auto kernels = mlir::ps::runtime::prepareAndLower(*module, options);
  if (failed(kernels))
    return 1;
  mlir::ps::runtime::TargetDescription target =
      mlir::ps::runtime::TargetDescription::of(options).resolved();
  unsigned optLevel = options.optLevel;
  auto machine = mlir::ps::runtime::createTargetMachine(target, optLevel);
  if (!machine)
    return fail(toString(machine.takeError()));
  LLVMContext llvmContext;
  auto llvmModule = mlir::ps::runtime::translateAndOptimize(
      *module, *kernels, llvmContext, **machine, optLevel);
  if (!llvmModule)
    return fail(toString(llvmModule.takeError()));

  Error emitted = Error::success();
  switch (emitKind) {
  case Emit::LLVMIR: {
    std::error_code ec;
    raw_fd_ostream out(outputFile, ec, sys::fs::OF_Text);
    if (ec)
      return fail("cannot write " + outputFile + ": " + ec.message());
    (*llvmModule)->print(out, nullptr);
    break;
  }
  case Emit::Assembly:
    emitted = mlir::ps::runtime::emitMachineCode(**llvmModule, **machine,
                                                 outputFile, /*assembly=*/true);
    break;
  case Emit::Object:
    emitted = mlir::ps::runtime::emitMachineCode(
        **llvmModule, **machine, outputFile, /*assembly=*/false);
    break;
  case Emit::Shared: {
    if (outputFile == "-")
      return fail("a shared library is written to a file: give -o <file>");
    // The library links this machine's run-time libraries (OpenMP,
    // compiler-rt's builtins, libm).
    if (!options.triple.empty() &&
        Triple(options.triple).getArch() !=
            Triple(sys::getDefaultTargetTriple()).getArch())
      return fail("--emit=shared links for this machine only; for triple '" +
                  options.triple.getValue() +
                  "' give --emit=obj and link with that target's toolchain");
    SmallString<128> object;
    if (std::error_code ec =
            sys::fs::createTemporaryFile("ps-compile", "o", object))
      return fail("cannot create a temporary file: " + ec.message());
    FileRemover remover(object);
    emitted = mlir::ps::runtime::emitMachineCode(**llvmModule, **machine,
                                                 object, /*assembly=*/false);
    if (!emitted)
      emitted = mlir::ps::runtime::linkSharedLibrary(object, outputFile, linker,
                                                     options.isParallel());
    break;
  }
  }
  if (emitted)
    return fail(toString(std::move(emitted)));

  if (!headerFile.empty())
    return writeHeader(*kernels);
  return 0;
}
