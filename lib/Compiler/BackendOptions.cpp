//===- BackendOptions.cpp - LLVM's own flags that change code -------------===//

#include "Stencil/Compiler/BackendOptions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir::ps::runtime;

static std::string &backendOptions() {
  static std::string text;
  return text;
}

const std::string &mlir::ps::runtime::getBackendOptions() {
  return backendOptions();
}

/// Whether `option` is one of the tool's own.
static bool
isOwnOption(const llvm::cl::Option &option,
            llvm::ArrayRef<const llvm::cl::OptionCategory *> ownCategories) {
  return llvm::any_of(option.Categories,
                      [&](const llvm::cl::OptionCategory *category) {
                        return llvm::is_contained(ownCategories, category);
                      });
}

void mlir::ps::runtime::recordBackendOptions(
    int argc, const char *const *argv,
    llvm::ArrayRef<const llvm::cl::OptionCategory *> ownCategories) {
  auto &registered =
      llvm::cl::getRegisteredOptions();
  std::string text;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef argument = argv[i];
    if (argument == "--")
      break;
    if (!argument.starts_with("-") || argument == "-")
      continue;
    auto [name, value] = argument.ltrim('-').split('=');
    auto found = registered.find(name);
    // MLIR's printing, timing and pass-manager flags change no code.
    if (found == registered.end() ||
        isOwnOption(*found->second, ownCategories) || name.starts_with("mlir-"))
      continue;
    if (!text.empty())
      text += ' ';
    text += argument.str();
    bool separateValue =
        !argument.contains('=') &&
        found->second->getValueExpectedFlag() == llvm::cl::ValueRequired;
    // `-opt value` is recorded as `-opt=value`: the same option either way.
    if (separateValue && i + 1 < argc)
      text += "=" + std::string(argv[++i]);
  }
  backendOptions() = text;
}
