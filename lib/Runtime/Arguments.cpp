//===- Arguments.cpp - Check and pack the arguments of a kernel call ------===//

#include "Stencil/Runtime/Arguments.h"
#include "Stencil/Runtime/Elements.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <cstdio>
#include <cstring>

using namespace mlir::ps::runtime;
using llvm::StringRef;

ArgumentList &ArgumentList::field(StringRef name, BufferView view) {
  entries.insert_or_assign(name, Value(std::move(view)));
  return *this;
}

ArgumentList &ArgumentList::scalar(StringRef name, double value) {
  entries.insert_or_assign(name, Value(value));
  return *this;
}

ArgumentList &ArgumentList::scalar(StringRef name, int64_t value) {
  entries.insert_or_assign(name, Value(value));
  return *this;
}

ArgumentList &ArgumentList::result(StringRef name, void *data,
                                   ScalarType type) {
  entries.insert_or_assign(name, Value(BufferView{data, type, {1}, {1}}));
  return *this;
}

namespace {

template <typename... Ts> llvm::Error fail(const char *format, Ts &&...values) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      llvm::formatv(format, std::forward<Ts>(values)...).str());
}

std::string formatList(llvm::ArrayRef<int64_t> values) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(values, os);
  os << "]";
  return text;
}

std::string describe(const ParameterInfo &param) {
  if (param.isReduction())
    return llvm::formatv("a reduction result ({0}): a pointer to one {1}",
                         toString(param.reduction), toString(param.type))
        .str();
  if (!param.isField)
    return llvm::formatv("a scalar of type {0}", toString(param.type)).str();
  return llvm::formatv("a field of {0} with {1} spatial and {2} index "
                       "dimensions",
                       toString(param.type), param.spatialRank,
                       param.shape.size() - param.spatialRank)
      .str();
}

llvm::Error checkField(const ParameterInfo &param, const BufferView &view) {
  const std::string &name = param.name;
  if (!view.data)
    return fail("argument '{0}': the data pointer is null", name);
  if (view.type != param.type)
    return fail("argument '{0}': element type {1}, expected {2}", name,
                toString(view.type), toString(param.type));
  if (view.shape.size() != param.shape.size())
    return fail("argument '{0}': {1} dimensions, expected {2} ({3} spatial "
                "and {4} index)",
                name, view.shape.size(), param.shape.size(), param.spatialRank,
                param.shape.size() - param.spatialRank);
  if (view.strides.size() != view.shape.size())
    return fail("argument '{0}': {1} extents but {2} strides", name,
                view.shape.size(), view.strides.size());
  for (auto [dim, extent] : llvm::enumerate(view.shape)) {
    if (extent < 0)
      return fail("argument '{0}': negative extent {1} in dimension {2}", name,
                  extent, dim);
    if (param.shape[dim] != kDynamic && param.shape[dim] != extent)
      return fail("argument '{0}': extent {1} in dimension {2}, expected {3}",
                  name, extent, dim, param.shape[dim]);
  }
  for (auto [dim, stride] : llvm::enumerate(view.strides)) {
    if (stride <= 0)
      return fail("argument '{0}': stride {1} in dimension {2}; strides "
                  "must be positive",
                  name, stride, dim);
    if (param.strides[dim] != kDynamic && param.strides[dim] != stride)
      return fail("argument '{0}': stride {1} in dimension {2}, expected {3} "
                  "(the field's layout)",
                  name, stride, dim, param.strides[dim]);
  }
  if (param.contiguous && !param.memoryOrder.empty()) {
    int64_t running = 1;
    for (unsigned dim : llvm::reverse(param.memoryOrder)) {
      if (view.strides[dim] != running)
        return fail("argument '{0}': stride {1} in dimension {2}, expected "
                    "{3}: the kernel requires contiguous memory",
                    name, view.strides[dim], dim, running);
      running *= view.shape[dim];
    }
  }
  // Vector code aligns its accesses by whole elements (the peel before
  // streaming stores): a buffer between elements would fault there.
  if (reinterpret_cast<uintptr_t>(view.data) % getByteSize(param.type) != 0)
    return fail("argument '{0}': data pointer {1} is not aligned to its "
                "element size {2}",
                name, view.data, getByteSize(param.type));
  if (param.alignment > 0 &&
      reinterpret_cast<uintptr_t>(view.data) % param.alignment != 0)
    return fail("argument '{0}': data pointer {1} is not aligned to {2} "
                "bytes",
                name, view.data, param.alignment);
  return llvm::Error::success();
}

/// A reduction result: one element of the result's type, aligned to it
/// (the kernel loads and stores it as one value).
llvm::Error checkResult(const ParameterInfo &param, const BufferView &view) {
  const std::string &name = param.name;
  if (!view.data)
    return fail("argument '{0}': the result pointer is null", name);
  if (view.type != param.type)
    return fail("argument '{0}': element type {1}, expected {2}", name,
                toString(view.type), toString(param.type));
  int64_t elements = 1;
  for (int64_t extent : view.shape)
    elements *= extent;
  if (elements != 1)
    return fail("argument '{0}': {1} elements, expected one (a reduction "
                "result)",
                name, elements);
  if (reinterpret_cast<uintptr_t>(view.data) % getByteSize(param.type) != 0)
    return fail("argument '{0}': result pointer {1} is not aligned to its "
                "element size {2}",
                name, view.data, getByteSize(param.type));
  return llvm::Error::success();
}

llvm::Error checkScalar(const ParameterInfo &param,
                        const ArgumentList::Value &value) {
  if (std::holds_alternative<double>(value) && !isFloat(param.type)) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.17g", std::get<double>(value));
    return fail("argument '{0}': expected an integer for a parameter of type "
                "{1}, got the float {2}",
                param.name, toString(param.type), text);
  }
  if (auto *integer = std::get_if<int64_t>(&value);
      integer && !isFloat(param.type)) {
    unsigned bits =
        param.type == ScalarType::i1 ? 1 : getByteSize(param.type) * 8;
    int64_t lo = bits == 1 ? 0 : -(int64_t(1) << (bits - 1));
    int64_t hi =
        bits == 1 ? 1
                  : (bits == 64 ? INT64_MAX : (int64_t(1) << (bits - 1)) - 1);
    if (*integer < lo || *integer > hi)
      return fail("argument '{0}': {1} does not fit the parameter type {2}",
                  param.name, *integer, toString(param.type));
  }
  // A finite value that the parameter's float type rounds to infinity is
  // refused, not passed as inf.
  if (auto *real = std::get_if<double>(&value);
      real && std::isfinite(*real) && isFloat(param.type) &&
      param.type != ScalarType::f64) {
    const llvm::fltSemantics &semantics =
        param.type == ScalarType::f32    ? llvm::APFloat::IEEEsingle()
        : param.type == ScalarType::f16 ? llvm::APFloat::IEEEhalf()
                                         : llvm::APFloat::BFloat();
    llvm::APFloat rounded(*real);
    bool losesInfo = false;
    rounded.convert(semantics, llvm::APFloat::rmNearestTiesToEven, &losesInfo);
    if (rounded.isInfinity()) {
      char text[32];
      std::snprintf(text, sizeof(text), "%.17g", *real);
      return fail("argument '{0}': {1} is out of the range of the parameter "
                  "type {2}",
                  param.name, text, toString(param.type));
    }
  }
  return llvm::Error::success();
}

/// Checks the records of a sparse space: every record field has an element
/// per entry of the list, and every member that indexes a component or a
/// table lies in its range for every entry.
template <typename ViewOf>
llvm::Error checkRecords(const KernelInfo &info,
                                const SparseSpaceInfo &space, ViewOf viewOf) {
  const ParameterInfo &listParam = info.parameters[space.indexList];
  int64_t entries = viewOf(space.indexList).shape[0];
  for (unsigned field : space.records) {
    int64_t elements = viewOf(field).shape[0];
    if (elements != entries)
      return fail("argument '{0}': it holds a member of the records of index "
                  "list '{1}', so it needs {2} elements, one per entry, but "
                  "has {3}",
                  info.parameters[field].name, listParam.name, entries,
                  elements);
  }
  for (const RecordCheck &check : space.recordChecks) {
    const ParameterInfo &param = info.parameters[check.field];
    const BufferView &view = viewOf(check.field);
    int64_t member = 0;
    for (auto [dim, component] : llvm::enumerate(check.components))
      member += component * view.strides[dim + 1];
    for (int64_t entry = 0; entry < entries; ++entry) {
      int64_t value = readIntegerElement(
          view.data, entry * view.strides[0] + member, param.type);
      if (value < check.min || value > check.max)
        return fail("argument '{0}': entry {1} has {2} in member {3}, which "
                    "the kernel uses as a component or table index: it must "
                    "lie in [{4}, {5}]",
                    param.name, entry, value, formatList(check.components),
                    check.min, check.max);
    }
  }
  return llvm::Error::success();
}

} // namespace

llvm::Error mlir::ps::runtime::checkArguments(const KernelInfo &info,
                                              const ArgumentList &args) {
  for (const auto &entry : args.values())
    if (!info.findParameter(entry.getKey())) {
      std::vector<std::string> names;
      for (const ParameterInfo &param : info.parameters)
        names.push_back(param.name);
      return fail("unknown argument '{0}'; kernel '{1}' takes: {2}",
                  entry.getKey(), info.name, llvm::join(names, ", "));
    }

  const ParameterInfo *shapeSource = nullptr;
  for (const ParameterInfo &param : info.parameters) {
    auto it = args.values().find(param.name);
    if (it == args.values().end())
      return fail("missing argument '{0}' ({1})", param.name, describe(param));
    const ArgumentList::Value &value = it->second;
    const auto *view = std::get_if<BufferView>(&value);
    if (param.isReduction()) {
      if (!view)
        return fail("argument '{0}' must be {1}, got a scalar", param.name,
                    describe(param));
      if (llvm::Error error = checkResult(param, *view))
        return error;
      continue;
    }
    if (param.isField != (view != nullptr))
      return fail("argument '{0}' must be {1}, got {2}", param.name,
                  describe(param), view ? "a field" : "a scalar");
    if (!view) {
      if (llvm::Error error = checkScalar(param, value))
        return error;
      continue;
    }
    if (llvm::Error error = checkField(param, *view))
      return error;
    if (param.isIndexList)
      continue;
    if (!shapeSource) {
      shapeSource = &param;
      continue;
    }
    const auto &first =
        std::get<BufferView>(args.values().find(shapeSource->name)->second);
    llvm::ArrayRef<int64_t> spatial(view->shape.data(), param.spatialRank);
    llvm::ArrayRef<int64_t> expected(first.shape.data(),
                                     shapeSource->spatialRank);
    if (spatial != expected)
      return fail("argument '{0}': spatial shape {1} differs from {2} of "
                  "argument '{3}'; the fields of a kernel share one shape",
                  param.name, formatList(spatial), formatList(expected),
                  shapeSource->name);
  }

  // Fields never alias (the generated code is compiled on that promise):
  // the byte ranges of any two arrays must be disjoint, except for index
  // lists and record fields, which are only read (the members of one NumPy
  // structured array are views of one buffer).
  struct Range {
    uintptr_t begin, end;
    const std::string *name;
    bool onlyRead;
  };
  std::vector<Range> ranges;
  for (const ParameterInfo &param : info.parameters) {
    if (!param.isField && !param.isReduction())
      continue;
    const auto &view =
        std::get<BufferView>(args.values().find(param.name)->second);
    if (llvm::is_contained(view.shape, 0))
      continue;
    uintptr_t begin = reinterpret_cast<uintptr_t>(view.data);
    uintptr_t last = 0;
    for (auto [extent, stride] : llvm::zip(view.shape, view.strides))
      last += (extent - 1) * stride;
    ranges.push_back({begin, begin + (last + 1) * getByteSize(param.type),
                      &param.name, param.isIndexList});
  }
  llvm::sort(ranges,
             [](const Range &a, const Range &b) { return a.begin < b.begin; });
  for (size_t i = 1; i < ranges.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (ranges[i].begin < ranges[j].end &&
          !(ranges[i].onlyRead && ranges[j].onlyRead))
        return fail("arguments '{0}' and '{1}' overlap in memory; the fields "
                    "of a kernel must not alias",
                    *ranges[j].name, *ranges[i].name);

  auto viewOf = [&](unsigned index) -> const BufferView & {
    return std::get<BufferView>(
        args.values().find(info.parameters[index].name)->second);
  };
  for (const MinimumExtent &minimum : info.minimumExtents) {
    if (!shapeSource)
      break;
    int64_t extent =
        std::get<BufferView>(args.values().find(shapeSource->name)->second)
            .shape[minimum.dim];
    if (extent < minimum.extent)
      return fail("argument '{0}': extent {1} in dimension {2} is too small: "
                  "a slice stops at {3} and its accesses reach {4} beyond, so "
                  "at least {5} are needed",
                  shapeSource->name, extent, minimum.dim, minimum.stop,
                  minimum.extent - minimum.stop, minimum.extent);
  }
  for (const SparseSpaceInfo &space : info.sparseSpaces) {
    const ParameterInfo &listParam = info.parameters[space.indexList];
    const BufferView &list = viewOf(space.indexList);
    if (llvm::Error error = checkRecords(info, space, viewOf))
      return error;
    for (int64_t entry = 0; entry < list.shape[0]; ++entry) {
      for (unsigned d = 0; d < space.rank; ++d) {
        int64_t coordinate = readIntegerElement(
            list.data, entry * list.strides[0] + d * list.strides[1],
            listParam.type);
        for (const SparseAccessRange &range : space.accesses) {
          const BufferView &field = viewOf(range.field);
          int64_t lo = coordinate + range.minOffsets[d];
          int64_t hi = coordinate + range.maxOffsets[d];
          if (lo < 0 || hi >= field.shape[d])
            return fail("argument '{0}': entry {1} has coordinate {2} in "
                        "dimension {3}; with the kernel's offsets {4} to {5} "
                        "there into argument '{6}' it reaches outside [0, {7})",
                        listParam.name, entry, coordinate, d,
                        range.minOffsets[d], range.maxOffsets[d],
                        info.parameters[range.field].name, field.shape[d]);
        }
      }
    }
  }
  return llvm::Error::success();
}

PackedArguments mlir::ps::runtime::packArguments(const KernelInfo &info,
                                                 const ArgumentList &args) {
  PackedArguments packed;
  size_t words = 0;
  for (const ParameterInfo &param : info.parameters)
    words += param.isField       ? 3 + 2 * param.shape.size()
             : param.isReduction() ? 3
                                   : 1;
  // Pointers into `words` stay valid: it is never resized after this.
  packed.words.reserve(words);
  auto push = [&](int64_t word) {
    packed.words.push_back(word);
    packed.pointers.push_back(&packed.words.back());
  };
  for (const ParameterInfo &param : info.parameters) {
    const ArgumentList::Value &value = args.values().find(param.name)->second;
    if (const auto *view = std::get_if<BufferView>(&value)) {
      auto pointer =
          static_cast<int64_t>(reinterpret_cast<uintptr_t>(view->data));
      push(pointer); // allocated
      push(pointer); // aligned
      push(0);       // offset
      if (param.isReduction())
        continue; // A 0-d memref.
      for (int64_t extent : view->shape)
        push(extent);
      for (int64_t stride : view->strides)
        push(stride);
      continue;
    }
    int64_t word = 0;
    double floatValue = std::holds_alternative<double>(value)
                            ? std::get<double>(value)
                            : static_cast<double>(std::get<int64_t>(value));
    switch (param.type) {
    case ScalarType::f64:
      std::memcpy(&word, &floatValue, sizeof(double));
      break;
    case ScalarType::f32: {
      float f = static_cast<float>(floatValue);
      std::memcpy(&word, &f, sizeof(float));
      break;
    }
    case ScalarType::f16:
    case ScalarType::bf16: {
      llvm::APFloat half(floatValue);
      bool losesInfo;
      half.convert(param.type == ScalarType::f16 ? llvm::APFloat::IEEEhalf()
                                                 : llvm::APFloat::BFloat(),
                   llvm::APFloat::rmNearestTiesToEven, &losesInfo);
      uint16_t bits = half.bitcastToAPInt().getZExtValue();
      std::memcpy(&word, &bits, sizeof(bits));
      break;
    }
    default: {
      int64_t integer = std::get<int64_t>(value);
      std::memcpy(&word, &integer, sizeof(int64_t));
      break;
    }
    }
    push(word);
  }
  return packed;
}
