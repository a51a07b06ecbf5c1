//===- ps-run.cpp - Run a ps kernel on generated inputs -------------------===//
//
// For lit integration tests of the lowering: compiles a .mlir file with the
// JIT, fills every field with a deterministic pattern of exactly
// representable values, runs one kernel and prints the fields (or a
// checksum), so that FileCheck can compare them.
//
//   ps-run kernel.mlir --kernel jacobi2d --shape 5x4 --scalar w=0.5
//   ps-run sparse.mlir --kernel boundary --shape 6x5 --entries "1,2 3,4"
//
//===----------------------------------------------------------------------===//

#include "../common/CacheFlags.h"
#include "../common/CodegenFlags.h"
#include "Stencil/Compiler/JitModule.h"
#include "Stencil/Runtime/Elements.h"
#include "Stencil/Tuner/KernelTuner.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstring>
#include <limits>
#include <unistd.h>

using namespace llvm;
using namespace mlir::ps::runtime;

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input .mlir>"),
                                      cl::init("-"),
                                      cl::cat(codegen_flags::toolCategory()));
static cl::opt<std::string> kernelName("kernel", cl::desc("Kernel to run"),
                                       cl::Required,
                                       cl::cat(codegen_flags::toolCategory()));
static cl::opt<std::string>
    shapeOption("shape", cl::desc("Spatial shape of the fields, e.g. 5x4"),
                cl::Required, cl::cat(codegen_flags::toolCategory()));
static cl::list<std::string>
    scalarOptions("scalar", cl::desc("A scalar argument, name=value"),
                  cl::cat(codegen_flags::toolCategory()));
static cl::opt<std::string> entriesOption(
    "entries",
    cl::desc("Entries of the index list: coordinates separated by commas, "
             "entries by spaces, e.g. \"1,2 3,4\"; further components are 0"),
    cl::cat(codegen_flags::toolCategory()));
static cl::list<std::string>
    printOptions("print", cl::desc("Print only these fields (default: all)"),
                 cl::cat(codegen_flags::toolCategory()));
static cl::opt<bool>
    checksumOnly("checksum",
                 cl::desc("Print a checksum per field instead of its values"),
                 cl::cat(codegen_flags::toolCategory()));

static cl::opt<bool> tuneOption(
    "tune",
    cl::desc("Time the candidate variants on these shapes, run the fastest "
             "and record the choice in the kernel cache (later runs with "
             "--tune or --cache reuse it)"),
    cl::cat(codegen_flags::toolCategory()));

static cl::opt<bool>
    timeOption("time",
               cl::desc("Print where the time went (compile stages, the "
                        "call) on stderr"),
               cl::cat(codegen_flags::toolCategory()));

namespace {

/// One field's storage: elements as 64-bit words, typed by `type`.
struct FieldStorage {
  const ParameterInfo *param;
  std::vector<int64_t> shape, strides;
  std::vector<uint8_t> bytes;
  /// The first element, 64-byte aligned in `bytes` (moving the storage keeps
  /// the heap buffer, so it stays valid).
  uint8_t *data = nullptr;
};

double readValue(const FieldStorage &field, int64_t element) {
  return readElement(field.data, element, field.param->type);
}

void writeValue(FieldStorage &field, int64_t element, double value) {
  writeElement(field.data, element, field.param->type, value);
}

/// Visits every index of `shape`, the last dimension fastest.
template <typename Fn> void forEachIndex(ArrayRef<int64_t> shape, Fn fn) {
  std::vector<int64_t> index(shape.size(), 0);
  if (llvm::is_contained(shape, 0))
    return;
  while (true) {
    fn(index);
    size_t d = shape.size();
    while (d-- > 0) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
    if (d == size_t(-1))
      return;
  }
}

int64_t elementOf(const FieldStorage &field, ArrayRef<int64_t> index) {
  int64_t element = 0;
  for (size_t d = 0; d < index.size(); ++d)
    element += index[d] * field.strides[d];
  return element;
}

/// The bytes of physical memory, or 0 where the system does not say.
uint64_t physicalMemoryBytes() {
  long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  return pages > 0 && pageSize > 0 ? uint64_t(pages) * uint64_t(pageSize) : 0;
}

/// Lays out a field in its layout's memory order (row-major for explicit
/// strides) with the given spatial shape. A field larger than the machine's
/// memory is refused by name: allocating it would end the process.
Expected<FieldStorage> makeField(const ParameterInfo &param,
                                 ArrayRef<int64_t> spatialShape) {
  FieldStorage field{&param, {}, {}, {}};
  field.shape.assign(spatialShape.begin(), spatialShape.end());
  for (size_t d = param.spatialRank; d < param.shape.size(); ++d)
    field.shape.push_back(param.shape[d]);
  std::vector<unsigned> order = param.memoryOrder;
  if (order.empty())
    for (unsigned d = 0; d < field.shape.size(); ++d)
      order.push_back(d);
  auto tooLarge = [&](StringRef amount) {
    std::vector<std::string> extents;
    for (int64_t extent : field.shape)
      extents.push_back(std::to_string(extent));
    return createStringError(
        inconvertibleErrorCode(), "field '%s' of shape %s needs %s",
        param.name.c_str(), join(extents, "x").c_str(), amount.str().c_str());
  };
  // Dense in the field's memory order; an empty dimension counts as one
  // element, so that the strides stay those of the layout. Strides the type
  // fixes are taken as they are.
  field.strides.assign(field.shape.size(), 0);
  int64_t running = 1;
  for (unsigned dim : llvm::reverse(order)) {
    field.strides[dim] = running;
    if (MulOverflow(running, std::max<int64_t>(field.shape[dim], 1), running))
      return tooLarge("more elements than 64 bits count");
  }
  int64_t elements = 1; // one past the largest offset
  for (size_t d = 0; d < field.strides.size(); ++d) {
    if (d < param.strides.size() && param.strides[d] != kDynamic)
      field.strides[d] = param.strides[d];
    int64_t span;
    if (MulOverflow(std::max<int64_t>(field.shape[d] - 1, 0), field.strides[d],
                    span) ||
        AddOverflow(elements, span, elements))
      return tooLarge("more elements than 64 bits count");
  }
  running = std::max(running, elements);
  int64_t bytes;
  if (MulOverflow(running, int64_t(getByteSize(param.type)), bytes) ||
      AddOverflow(bytes, int64_t(64), bytes))
    return tooLarge("more bytes than 64 bits count");
  // The fields made before this one count: together they must fit.
  static uint64_t madeBytes = 0;
  uint64_t memory = physicalMemoryBytes();
  if (memory && madeBytes + uint64_t(bytes) > memory)
    return tooLarge(
        (Twine(bytes >> 20) + " MiB" +
         (madeBytes
              ? " beside the other fields' " + Twine(madeBytes >> 20) + " MiB"
              : Twine()) +
         ", more than this machine's " + Twine(memory >> 20) + " MiB")
            .str());
  madeBytes += bytes;
  // Over-allocate so the data can start 64-byte aligned.
  field.bytes.assign(bytes, 0);
  uintptr_t address = reinterpret_cast<uintptr_t>(field.bytes.data());
  field.data = field.bytes.data() + ((64 - address % 64) % 64);
  return field;
}

/// Reads an integer element exactly (readValue goes through a double).
int64_t readIntegerValue(const FieldStorage &field, int64_t element) {
  return readIntegerElement(field.data, element, field.param->type);
}

/// A reduction result starts at its operator's identity, so that the kernel
/// leaves the plain reduction of its points in it.
Expected<FieldStorage> makeResult(const ParameterInfo &param) {
  Expected<FieldStorage> made = makeField(param, {1});
  if (!made)
    return made.takeError();
  FieldStorage result = std::move(*made);
  if (isFloat(param.type)) {
    double identity = param.reduction == ReductionOp::add   ? -0.0
                      : param.reduction == ReductionOp::mul ? 1.0
                      : param.reduction == ReductionOp::min
                          ? std::numeric_limits<double>::infinity()
                          : -std::numeric_limits<double>::infinity();
    writeValue(result, 0, identity);
    return result;
  }
  unsigned bits = getByteSize(param.type) * 8;
  int64_t max = bits == 64 ? INT64_MAX : (int64_t(1) << (bits - 1)) - 1;
  int64_t identity = param.reduction == ReductionOp::add   ? 0
                     : param.reduction == ReductionOp::mul ? 1
                     : param.reduction == ReductionOp::min ? max
                                                           : -max - 1;
  std::memcpy(result.data, &identity, getByteSize(param.type));
  return result;
}

/// Options that name nothing of this kernel would do nothing: refused.
Error checkToolOptions(const KernelInfo &info) {
  std::vector<std::string> fields;
  bool hasIndexList = false;
  for (const ParameterInfo &param : info.parameters) {
    if ((param.isField && !param.isIndexList) || param.isReduction())
      fields.push_back(param.name);
    hasIndexList |= param.isIndexList;
  }
  for (const std::string &name : printOptions)
    if (!llvm::is_contained(fields, name))
      return createStringError(inconvertibleErrorCode(),
                               "--print %s: kernel '%s' has no field of that "
                               "name (its fields: %s)",
                               name.c_str(), info.name.c_str(),
                               join(fields, ", ").c_str());
  if (!entriesOption.empty() && !hasIndexList)
    return createStringError(inconvertibleErrorCode(),
                             "--entries: kernel '%s' has no sparse iteration "
                             "space to take an index list",
                             info.name.c_str());
  return Error::success();
}

/// The compiled module: by the JIT, or through the kernel cache (--cache).
Expected<std::shared_ptr<KernelModule>> compileModule(StringRef source) {
  if (cache_flags::enabled()) {
    mlir::ps::cache::Outcome outcome;
    auto module = mlir::ps::cache::KernelCache::global().get(
        source, codegen_flags::get(), &outcome);
    if (module)
      cache_flags::printOutcome("ps-run", outcome);
    return module;
  }
  auto jit = JitModule::compile(source, codegen_flags::get(), inputFile);
  if (!jit)
    return jit.takeError();
  if (timeOption) {
    const CompileTimes &times = (*jit)->getCompileTimes();
    errs() << format("ps-run: time: parse %.2f ms, passes %.2f ms, LLVM "
                     "%.2f ms\n",
                     times.parse * 1e3, times.passes * 1e3,
                     times.codegen * 1e3);
  }
  return std::shared_ptr<KernelModule>(std::move(*jit));
}

/// The spatial extents of --shape ("5x4").
Expected<std::vector<int64_t>> parseShape() {
  SmallVector<StringRef> parts;
  StringRef(shapeOption).split(parts, 'x');
  std::vector<int64_t> shape;
  for (StringRef part : parts) {
    int64_t extent;
    if (part.getAsInteger(10, extent) || extent < 0)
      return createStringError(inconvertibleErrorCode(), "bad --shape '%s'",
                               shapeOption.c_str());
    shape.push_back(extent);
  }
  return shape;
}

/// The index list of --entries: coordinates by commas, entries by spaces.
Expected<FieldStorage> makeIndexList(const ParameterInfo &param) {
  SmallVector<StringRef> entries;
  StringRef(entriesOption).split(entries, ' ', -1, /*KeepEmpty=*/false);
  Expected<FieldStorage> made =
      makeField(param, {static_cast<int64_t>(entries.size())});
  if (!made)
    return made.takeError();
  FieldStorage list = std::move(*made);
  for (auto [e, entry] : llvm::enumerate(entries)) {
    SmallVector<StringRef> coordinates;
    entry.split(coordinates, ',');
    for (auto [d, text] : llvm::enumerate(coordinates)) {
      int64_t value;
      if (text.getAsInteger(10, value) || d >= size_t(list.shape[1]))
        return createStringError(inconvertibleErrorCode(), "bad --entries '%s'",
                                 entriesOption.c_str());
      writeValue(list, elementOf(list, {int64_t(e), int64_t(d)}),
                 double(value));
    }
  }
  return list;
}

/// A field of the spatial shape `shape`, filled with small exact values
/// (integers in [-8, 8], floats in quarters) that differ between fields
/// (`fieldIndex`).
Expected<FieldStorage> makeFilledField(const ParameterInfo &param,
                                       int64_t fieldIndex,
                                       ArrayRef<int64_t> shape) {
  if (shape.size() != param.spatialRank)
    return createStringError(inconvertibleErrorCode(),
                             "--shape has %zu extents; field '%s' has %u "
                             "spatial dimensions",
                             shape.size(), param.name.c_str(),
                             unsigned(param.spatialRank));
  Expected<FieldStorage> made = makeField(param, shape);
  if (!made)
    return made.takeError();
  FieldStorage field = std::move(*made);
  int64_t linear = 0;
  forEachIndex(field.shape, [&](const std::vector<int64_t> &index) {
    double value = double((linear * 31 + fieldIndex * 7) % 17 - 8);
    if (isFloat(param.type))
      value /= 4;
    writeValue(field, elementOf(field, index), value);
    ++linear;
  });
  return field;
}

/// The storage of every field and reduction result of `info`, bound to
/// `args`. `fields` and `results` must not grow after this: `args` points
/// into their buffers.
Error makeArguments(const KernelInfo &info, ArrayRef<int64_t> shape,
                    std::vector<FieldStorage> &fields,
                    std::vector<FieldStorage> &results, ArgumentList &args) {
  fields.reserve(info.parameters.size());
  results.reserve(info.parameters.size());
  for (const ParameterInfo &param : info.parameters) {
    if (!param.isReduction())
      continue;
    Expected<FieldStorage> result = makeResult(param);
    if (!result)
      return result.takeError();
    results.push_back(std::move(*result));
    args.result(param.name, results.back().data, param.type);
  }
  for (auto [index, param] : llvm::enumerate(info.parameters)) {
    if (!param.isField)
      continue;
    Expected<FieldStorage> field = param.isIndexList
                                       ? makeIndexList(param)
                                       : makeFilledField(param, index, shape);
    if (!field)
      return field.takeError();
    fields.push_back(std::move(*field));
    args.field(param.name,
               BufferView{fields.back().data, param.type, fields.back().shape,
                          fields.back().strides});
  }
  return Error::success();
}

/// The values of --scalar (name=value), bound to `args`: integers for
/// integer parameters, else floats.
Error bindScalars(const KernelInfo &info, ArgumentList &args) {
  for (const std::string &option : scalarOptions) {
    auto [name, text] = StringRef(option).split('=');
    const ParameterInfo *param = info.findParameter(name);
    int64_t integer;
    double real;
    if (param && !isFloat(param->type) && !text.getAsInteger(10, integer))
      args.scalar(name, integer);
    else if (!text.getAsDouble(real))
      args.scalar(name, real);
    else
      return createStringError(inconvertibleErrorCode(), "bad --scalar '%s'",
                               option.c_str());
  }
  return Error::success();
}

/// --tune: the fastest variant on these arguments (ps-run's fields are
/// copied for the timing; the call writes them once). Through the cache
/// without --tune, an earlier tuning's choice for these shapes: the record
/// is what later runs are for. Null where neither applies.
Expected<std::shared_ptr<KernelModule>>
findTunedModule(StringRef source, const ArgumentList &args) {
  auto &cache = mlir::ps::cache::KernelCache::global();
  if (!tuneOption) {
    if (!cache_flags::enabled())
      return nullptr;
    auto recorded = mlir::ps::tuner::findRecorded(cache, source, kernelName,
                                                  codegen_flags::get(), args);
    if (!recorded)
      return nullptr;
    errs() << "ps-run: tuned: " << recorded->choice.name << " ("
           << recorded->choice.options
           << "), from the record of an earlier tuning\n";
    return recorded->module;
  }
  auto result = mlir::ps::tuner::tune(cache, source, kernelName,
                                      codegen_flags::get(), args);
  if (!result)
    return result.takeError();
  errs() << "ps-run: tuned: " << result->choice.name << " ("
         << result->choice.options << ")";
  if (result->fromRecord)
    errs() << ", from the record of an earlier tuning";
  else
    errs() << ", " << result->rounds << " rounds"
           << (result->settled ? "" : ", no candidate apart from the rest");
  for (const auto &[name, seconds] : result->seconds)
    errs() << format(", %s %.3f ms", name.c_str(), seconds * 1e3);
  errs() << "\n";
  return result->module;
}

/// Calls `kernel`, timed with --time.
Error callKernel(const Kernel &kernel, ArgumentList &args) {
  auto start = std::chrono::steady_clock::now();
  Error error = kernel(args);
  if (timeOption && !error)
    errs() << format(
        "ps-run: time: call %.3f ms\n",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                .count() *
            1e3);
  return error;
}

bool isPrinted(const ParameterInfo &param) {
  return printOptions.empty() || llvm::is_contained(printOptions, param.name);
}

/// Every value of the printed fields, or with --checksum their count and
/// sum.
void printFields(ArrayRef<FieldStorage> fields) {
  for (const FieldStorage &field : fields) {
    const ParameterInfo &param = *field.param;
    if (param.isIndexList || !isPrinted(param))
      continue;
    double sum = 0;
    int64_t count = 0;
    forEachIndex(field.shape, [&](const std::vector<int64_t> &index) {
      double value = readValue(field, elementOf(field, index));
      sum += value;
      ++count;
      if (checksumOnly)
        return;
      outs() << param.name << "[";
      interleaveComma(index, outs());
      outs() << "] = " << format("%.17g", value) << "\n";
    });
    if (checksumOnly)
      outs() << param.name << ": " << count << " values, sum "
             << format("%.17g", sum) << "\n";
  }
}

/// Reduction results: integers exactly, floats to the last bit.
void printResults(ArrayRef<FieldStorage> results) {
  for (const FieldStorage &result : results) {
    const ParameterInfo &param = *result.param;
    if (!isPrinted(param))
      continue;
    outs() << param.name << " (" << toString(param.reduction) << ") = ";
    if (isFloat(param.type))
      outs() << format("%.17g", readValue(result, 0)) << "\n";
    else
      outs() << readIntegerValue(result, 0) << "\n";
  }
}

int fail(const Twine &message) {
  errs() << "ps-run: " << message << "\n";
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cache_flags::declare();
  codegen_flags::parse(argc, argv, "ps-run: run a ps kernel\n");

  auto buffer = MemoryBuffer::getFileOrSTDIN(inputFile);
  if (!buffer) {
    errs() << "ps-run: cannot read " << inputFile << "\n";
    return 1;
  }
  StringRef source = (*buffer)->getBuffer();
  auto jit = compileModule(source);
  if (!jit)
    return fail(StringRef(toString(jit.takeError())).rtrim());
  const Kernel *kernel = (*jit)->lookup(kernelName);
  if (!kernel) {
    errs() << "ps-run: no kernel '" << kernelName
           << "'; the module has: " << join((*jit)->getKernelNames(), ", ")
           << "\n";
    return 1;
  }
  auto shape = parseShape();
  if (!shape)
    return fail(toString(shape.takeError()));
  const KernelInfo &info = kernel->getInfo();
  if (Error error = checkToolOptions(info))
    return fail(toString(std::move(error)));
  std::vector<FieldStorage> fields, results;
  ArgumentList args;
  if (Error error = makeArguments(info, *shape, fields, results, args))
    return fail(toString(std::move(error)));
  if (Error error = bindScalars(info, args))
    return fail(toString(std::move(error)));
  auto tuned = findTunedModule(source, args);
  if (!tuned)
    return fail(toString(tuned.takeError()));
  if (*tuned)
    kernel = (*tuned)->lookup(kernelName);
  if (Error error = callKernel(*kernel, args))
    return fail(toString(std::move(error)));
  printFields(fields);
  printResults(results);
  return 0;
}
