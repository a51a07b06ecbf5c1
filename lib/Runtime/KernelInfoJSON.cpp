//===- KernelInfoJSON.cpp - Kernel descriptions as JSON -------------------===//

#include "Stencil/Runtime/KernelInfoJSON.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir::ps::runtime;
namespace json = llvm::json;

static json::Array toJSONArray(llvm::ArrayRef<int64_t> values) {
  json::Array array;
  for (int64_t value : values)
    array.push_back(value);
  return array;
}

json::Value mlir::ps::runtime::toJSON(const KernelInfo &kernel) {
  json::Array params;
  for (const ParameterInfo &p : kernel.parameters) {
    json::Array order;
    for (unsigned dim : p.memoryOrder)
      order.push_back(int64_t(dim));
    params.push_back(json::Object{{"name", p.name},
                                  {"field", p.isField},
                                  {"type", int64_t(p.type)},
                                  {"spatial_rank", int64_t(p.spatialRank)},
                                  {"shape", toJSONArray(p.shape)},
                                  {"strides", toJSONArray(p.strides)},
                                  {"memory_order", std::move(order)},
                                  {"alignment", p.alignment},
                                  {"contiguous", p.contiguous},
                                  {"index_list", p.isIndexList},
                                  {"reduction", toString(p.reduction)}});
  }
  json::Array sparse;
  for (const SparseSpaceInfo &space : kernel.sparseSpaces) {
    json::Array accesses;
    for (const SparseAccessRange &range : space.accesses)
      accesses.push_back(json::Object{{"field", int64_t(range.field)},
                                      {"min", toJSONArray(range.minOffsets)},
                                      {"max", toJSONArray(range.maxOffsets)}});
    json::Array records, checks;
    for (unsigned field : space.records)
      records.push_back(int64_t(field));
    for (const RecordCheck &check : space.recordChecks)
      checks.push_back(json::Object{{"field", int64_t(check.field)},
                                    {"components", toJSONArray(check.components)},
                                    {"min", check.min},
                                    {"max", check.max}});
    sparse.push_back(json::Object{{"index_list", int64_t(space.indexList)},
                                  {"rank", int64_t(space.rank)},
                                  {"accesses", std::move(accesses)},
                                  {"records", std::move(records)},
                                  {"record_checks", std::move(checks)}});
  }
  json::Array extents;
  for (const MinimumExtent &m : kernel.minimumExtents)
    extents.push_back(json::Object{
        {"dim", int64_t(m.dim)}, {"extent", m.extent}, {"stop", m.stop}});
  return json::Object{{"name", kernel.name},
                      {"parameters", std::move(params)},
                      {"sparse_spaces", std::move(sparse)},
                      {"minimum_extents", std::move(extents)}};
}

static bool readInts(const json::Object &object, llvm::StringRef key,
                     std::vector<int64_t> &out) {
  const json::Array *array = object.getArray(key);
  if (!array)
    return false;
  for (const json::Value &value : *array) {
    std::optional<int64_t> number = value.getAsInteger();
    if (!number)
      return false;
    out.push_back(*number);
  }
  return true;
}

bool mlir::ps::runtime::fromJSON(const json::Value &value, KernelInfo &kernel) {
  const json::Object *object = value.getAsObject();
  if (!object)
    return false;
  std::optional<llvm::StringRef> name = object->getString("name");
  const json::Array *params = object->getArray("parameters");
  const json::Array *sparse = object->getArray("sparse_spaces");
  const json::Array *extents = object->getArray("minimum_extents");
  if (!name || !params || !sparse || !extents)
    return false;
  kernel.name = name->str();
  for (const json::Value &pv : *params) {
    const json::Object *p = pv.getAsObject();
    if (!p)
      return false;
    ParameterInfo param;
    auto pname = p->getString("name");
    auto isField = p->getBoolean("field");
    auto type = p->getInteger("type");
    auto rank = p->getInteger("spatial_rank");
    auto alignment = p->getInteger("alignment");
    auto contiguous = p->getBoolean("contiguous");
    auto indexList = p->getBoolean("index_list");
    std::vector<int64_t> order;
    if (!pname || !isField || !type || *type < 0 ||
        *type > int64_t(ScalarType::f64) || !rank || !alignment ||
        !contiguous || !indexList || !readInts(*p, "shape", param.shape) ||
        !readInts(*p, "strides", param.strides) ||
        !readInts(*p, "memory_order", order))
      return false;
    param.name = pname->str();
    param.isField = *isField;
    param.type = static_cast<ScalarType>(*type);
    param.spatialRank = *rank;
    param.alignment = *alignment;
    param.contiguous = *contiguous;
    param.isIndexList = *indexList;
    // Descriptions written before reductions existed have no "reduction".
    if (auto reduction = p->getString("reduction")) {
      static constexpr ReductionOp ops[] = {ReductionOp::none, ReductionOp::add,
                                            ReductionOp::mul, ReductionOp::min,
                                            ReductionOp::max};
      const ReductionOp *op = llvm::find_if(
          ops, [&](ReductionOp op) { return *reduction == toString(op); });
      if (op == std::end(ops) || (*op != ReductionOp::none && param.isField))
        return false;
      param.reduction = *op;
    }
    for (int64_t dim : order)
      param.memoryOrder.push_back(dim);
    if (param.strides.size() != param.shape.size() ||
        param.spatialRank > param.shape.size())
      return false;
    kernel.parameters.push_back(std::move(param));
  }
  for (const json::Value &sv : *sparse) {
    const json::Object *s = sv.getAsObject();
    const json::Array *accesses = s ? s->getArray("accesses") : nullptr;
    auto list = s ? s->getInteger("index_list") : std::nullopt;
    auto rank = s ? s->getInteger("rank") : std::nullopt;
    if (!accesses || !list || !rank || *list < 0 ||
        *list >= int64_t(kernel.parameters.size()))
      return false;
    SparseSpaceInfo space{unsigned(*list), unsigned(*rank), {}};
    for (const json::Value &av : *accesses) {
      const json::Object *a = av.getAsObject();
      auto field = a ? a->getInteger("field") : std::nullopt;
      SparseAccessRange range{0, {}, {}};
      if (!field || *field < 0 || *field >= int64_t(kernel.parameters.size()) ||
          !readInts(*a, "min", range.minOffsets) ||
          !readInts(*a, "max", range.maxOffsets))
        return false;
      range.field = *field;
      space.accesses.push_back(std::move(range));
    }
    auto isParameter = [&](std::optional<int64_t> index) {
      return index && *index >= 0 &&
             *index < int64_t(kernel.parameters.size());
    };
    const json::Array *records = s->getArray("records");
    const json::Array *checks = s->getArray("record_checks");
    if (!records || !checks)
      return false;
    for (const json::Value &rv : *records) {
      if (!isParameter(rv.getAsInteger()))
        return false;
      space.records.push_back(unsigned(*rv.getAsInteger()));
    }
    for (const json::Value &cv : *checks) {
      const json::Object *c = cv.getAsObject();
      auto field = c ? c->getInteger("field") : std::nullopt;
      auto min = c ? c->getInteger("min") : std::nullopt;
      auto max = c ? c->getInteger("max") : std::nullopt;
      RecordCheck check{0, {}, 0, 0};
      if (!isParameter(field) || !min || !max ||
          !readInts(*c, "components", check.components))
        return false;
      check.field = unsigned(*field);
      check.min = *min;
      check.max = *max;
      space.recordChecks.push_back(std::move(check));
    }
    kernel.sparseSpaces.push_back(std::move(space));
  }
  for (const json::Value &ev : *extents) {
    const json::Object *e = ev.getAsObject();
    auto dim = e ? e->getInteger("dim") : std::nullopt;
    auto extent = e ? e->getInteger("extent") : std::nullopt;
    auto stop = e ? e->getInteger("stop") : std::nullopt;
    if (!dim || !extent || !stop)
      return false;
    kernel.minimumExtents.push_back({unsigned(*dim), *extent, *stop});
  }
  return true;
}


json::Array mlir::ps::runtime::toJSON(llvm::ArrayRef<KernelInfo> kernels) {
  json::Array array;
  for (const KernelInfo &kernel : kernels)
    array.push_back(toJSON(kernel));
  return array;
}

llvm::Expected<std::vector<KernelInfo>>
mlir::ps::runtime::fromJSON(const json::Array &array) {
  std::vector<KernelInfo> kernels;
  for (const json::Value &value : array) {
    KernelInfo kernel;
    if (!fromJSON(value, kernel))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "kernel description #%zu is malformed", kernels.size());
    kernels.push_back(std::move(kernel));
  }
  return kernels;
}

std::string mlir::ps::runtime::writeKernelsJSON(
    llvm::ArrayRef<KernelInfo> kernels) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << json::Value(toJSON(kernels));
  return text;
}

llvm::Expected<std::vector<KernelInfo>>
mlir::ps::runtime::readKernelsJSON(llvm::StringRef text) {
  llvm::Expected<json::Value> parsed = json::parse(text);
  if (!parsed)
    return parsed.takeError();
  const json::Array *array = parsed->getAsArray();
  if (!array)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "kernel descriptions: not a JSON array");
  return fromJSON(*array);
}
