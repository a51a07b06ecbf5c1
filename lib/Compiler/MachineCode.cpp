//===- MachineCode.cpp - LLVM IR, objects and shared libraries ------------===//

#include "Stencil/Compiler/CodeGenSettings.h"
#include "Stencil/Compiler/NativeCode.h"
#include "Stencil/Runtime/KernelInfoJSON.h"
#include "Stencil/Runtime/KernelModule.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Target/TargetMachine.h"


using namespace mlir;
using namespace mlir::ps;
using namespace mlir::ps::runtime;

/// Adds `_ps_packed_<kernel>(void **args)`, which loads each argument from
/// the pointer array and calls the kernel.
static void addPackedEntry(llvm::Module &module, llvm::Function &kernel) {
  llvm::LLVMContext &ctx = module.getContext();
  auto *ptrType = llvm::PointerType::get(ctx, 0);
  auto *type =
      llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptrType}, false);
  auto *entry =
      llvm::Function::Create(type, llvm::Function::ExternalLinkage,
                             getPackedEntryName(kernel.getName()), module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(ctx, "entry", entry));
  llvm::SmallVector<llvm::Value *> args;
  for (llvm::Argument &arg : kernel.args()) {
    llvm::Value *slot =
        builder.CreateConstGEP1_64(ptrType, entry->getArg(0), arg.getArgNo());
    llvm::Value *pointer = builder.CreateLoad(ptrType, slot);
    args.push_back(builder.CreateLoad(arg.getType(), pointer));
  }
  builder.CreateCall(&kernel, args);
  builder.CreateRetVoid();
}

/// Adds the kernels' descriptions as a NUL-terminated JSON string, so that a
/// program loads the library with its argument checks and no compiler.
static void addKernelDescriptions(llvm::Module &module,
                                  llvm::ArrayRef<KernelInfo> kernels) {
  llvm::Constant *text = llvm::ConstantDataArray::getString(
      module.getContext(), writeKernelsJSON(kernels), /*AddNull=*/true);
  new llvm::GlobalVariable(module, text->getType(), /*isConstant=*/true,
                           llvm::GlobalValue::ExternalLinkage, text,
                           getKernelDescriptionsSymbol());
}

void mlir::ps::runtime::addBuildTag(llvm::Module &module, llvm::StringRef tag) {
  llvm::Constant *text = llvm::ConstantDataArray::getString(
      module.getContext(), tag, /*AddNull=*/true);
  new llvm::GlobalVariable(module, text->getType(), /*isConstant=*/true,
                           llvm::GlobalValue::ExternalLinkage, text,
                           getBuildTagSymbol());
}

llvm::Expected<std::unique_ptr<llvm::Module>>
mlir::ps::runtime::translateAndOptimize(ModuleOp module,
                                        llvm::ArrayRef<KernelInfo> kernels,
                                        llvm::LLVMContext &context,
                                        llvm::TargetMachine &machine,
                                        unsigned optLevel) {
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context);
  if (!llvmModule)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "translation to LLVM IR failed");
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());
  for (const KernelInfo &kernel : kernels)
    if (llvm::Function *function = llvmModule->getFunction(kernel.name))
      addPackedEntry(*llvmModule, *function);
  addKernelDescriptions(*llvmModule, kernels);
  if (llvm::Error error =
          makeOptimizingTransformer(optLevel, 0, &machine)(llvmModule.get()))
    return std::move(error);
  return llvmModule;
}

llvm::Error mlir::ps::runtime::emitMachineCode(llvm::Module &module,
                                               llvm::TargetMachine &machine,
                                               llvm::StringRef path,
                                               bool assembly) {
  // Object writers seek back to patch headers: emit into memory, so that
  // `path` may also be a pipe or "-" (standard output).
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream code(buffer);
  CpuCodeGenScope settings;
  llvm::legacy::PassManager pm;
  if (machine.addPassesToEmitFile(pm, code, nullptr,
                                  assembly ? llvm::CodeGenFileType::AssemblyFile
                                           : llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the target cannot emit this file type");
  pm.run(module);
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return llvm::createStringError(ec, "cannot write %s", path.str().c_str());
  out << llvm::StringRef(buffer.data(), buffer.size());
  out.close();
  if (out.has_error()) {
    // Cleared, or the stream's destructor would end the process.
    std::error_code error = out.error();
    out.clear_error();
    return llvm::createStringError(error, "cannot write %s: %s",
                                   path.str().c_str(), error.message().c_str());
  }
  return llvm::Error::success();
}

/// The linker's messages without a crash report (its stack dump and the
/// request to file a bug): at most three lines.
static std::string summarizeLinkerLog(llvm::StringRef log) {
  llvm::SmallVector<llvm::StringRef> lines, kept;
  log.split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef line : lines) {
    llvm::StringRef text = line.trim();
    if (text.starts_with("PLEASE submit") || text.starts_with("Stack dump"))
      break;
    if (kept.size() < 3)
      kept.push_back(text);
  }
  return llvm::join(kept, "; ");
}

/// Runs the linker with its output in a temporary file, so that what it
/// says (or its crash report, on a full disk) reaches the caller in the
/// error instead of the user's terminal.
static llvm::Error runLinker(llvm::StringRef program,
                             llvm::ArrayRef<llvm::StringRef> args,
                             llvm::StringRef output) {
  llvm::SmallString<128> logPath;
  bool haveLog = !llvm::sys::fs::createTemporaryFile("ps-link", "log", logPath);
  std::optional<llvm::StringRef> redirects[] = {
      std::nullopt,
      haveLog ? std::optional<llvm::StringRef>(logPath.str())
              : std::optional<llvm::StringRef>(""),
      haveLog ? std::optional<llvm::StringRef>(logPath.str())
              : std::optional<llvm::StringRef>("")};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(program, args, std::nullopt, redirects,
                                         0, 0, &message);
  std::string log;
  if (haveLog) {
    if (auto buffer = llvm::MemoryBuffer::getFile(logPath))
      log = summarizeLinkerLog((*buffer)->getBuffer());
    (void)llvm::sys::fs::remove(logPath);
  }
  if (status == 0)
    return llvm::Error::success();
  if (message.empty())
    message = "exit status " + std::to_string(status);
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "linking %s failed (%s)%s%s",
                                 output.str().c_str(), message.c_str(),
                                 log.empty() ? "" : ": ", log.c_str());
}

/// The linker `name`, or without a name the first of GNU ld (binutils) and
/// ld.lld-22 that is installed. GNU ld comes first for its start: 5 ms to
/// link a kernel library against 25 ms for ld.lld-22, which loads Debian's
/// shared libLLVM as every LLVM tool does; that was a fifth of a cold
/// compile of jacobi2d to a library.
static llvm::ErrorOr<std::string> findLinker(llvm::StringRef name) {
  if (!name.empty())
    return llvm::sys::findProgramByName(name);
  llvm::ErrorOr<std::string> gnu = llvm::sys::findProgramByName("ld.bfd");
  return gnu ? gnu : llvm::sys::findProgramByName("ld.lld-22");
}

llvm::Error mlir::ps::runtime::linkSharedLibrary(llvm::StringRef object,
                                                 llvm::StringRef output,
                                                 llvm::StringRef linker,
                                                 bool openMP) {
  llvm::ErrorOr<std::string> program = findLinker(linker);
  if (!program)
    return llvm::createStringError(
        program.getError(),
        linker.empty()
            ? "cannot find a linker: neither ld.bfd nor ld.lld-22 (install "
              "binutils or lld-22)"
            : "cannot find the linker '%s'",
        linker.str().c_str());
  llvm::SmallVector<llvm::StringRef> args = {*program, "-shared", "-o", output,
                                             object};
  std::string ompDir =
      llvm::sys::path::parent_path(getOpenMPLibraryPath()).str();
  std::string rpath = "-rpath=" + ompDir, libDir = "-L" + ompDir;
  if (openMP) {
    args.push_back(libDir);
    args.push_back("-lomp");
    args.push_back(rpath);
  }
#ifdef PS_COMPILER_RT_BUILTINS
  // Conversions to f16 and bf16 (__truncdfbf2, ...): only the members the
  // kernels call are linked in.
  args.push_back(PS_COMPILER_RT_BUILTINS);
#endif
#ifdef PS_LIBM_LIBRARY
  // Kernels call sin, exp, ...: the library records libm (only when it
  // uses it), so that a program without -lm can dlopen it.
  args.push_back("--as-needed");
  args.push_back(PS_LIBM_LIBRARY);
#endif
#ifdef PS_LIBMVEC_LIBRARY
  // vector-math=libmvec: glibc's vector functions, recorded the same way.
  args.push_back("--as-needed");
  args.push_back(PS_LIBMVEC_LIBRARY);
#endif
  return runLinker(*program, args, output);
}
