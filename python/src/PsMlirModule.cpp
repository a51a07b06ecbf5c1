//===- PsMlirModule.cpp - The _psmlir extension module --------------------===//
//
// Compiles ps modules through the kernel cache (or for a GPU, or ahead of
// time) and calls their kernels on NumPy arrays and Python numbers. The
// arguments are checked by the run-time (runtime::checkArguments) before a
// call; this file only turns Python objects into BufferViews and scalars,
// and errors into Python exceptions. Compiled with RTTI (pybind11 needs
// it): it touches no polymorphic class of LLVM or MLIR (see Bridge.h).
//
//===----------------------------------------------------------------------===//

#include "Bridge.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace mlir::ps::runtime;

namespace {

/// Errors of the compiler (diagnostics, with their locations).
PyObject *compileErrorType = nullptr;
/// "no GPU: ..." of the GPU run-time.
PyObject *noGpuErrorType = nullptr;

[[noreturn]] void raise(PyObject *type, const std::string &message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

void check(const psmlir::Status &status, PyObject *type) {
  if (!status.ok)
    raise(type, status.message);
}

/// Argument errors: a wrong kind of value (a missing or unknown argument,
/// an element type, a float for an integer) is a TypeError, a wrong value
/// of the right kind (shape, strides, alignment, overlap, bounds) a
/// ValueError.
[[noreturn]] void raiseArgumentError(const std::string &message) {
  static const char *typeErrors[] = {"missing argument", "unknown argument",
                                     "must be a", "element type",
                                     "expected an integer"};
  for (const char *marker : typeErrors)
    if (message.find(marker) != std::string::npos)
      raise(PyExc_TypeError, message);
  raise(PyExc_ValueError, message);
}

std::optional<ScalarType> toScalarType(const py::dtype &dtype) {
  char kind = dtype.kind();
  size_t size = dtype.itemsize();
  if (kind == 'f')
    switch (size) {
    case 2:
      return ScalarType::f16;
    case 4:
      return ScalarType::f32;
    case 8:
      return ScalarType::f64;
    }
  if (kind == 'i')
    switch (size) {
    case 1:
      return ScalarType::i8;
    case 2:
      return ScalarType::i16;
    case 4:
      return ScalarType::i32;
    case 8:
      return ScalarType::i64;
    }
  if (kind == 'b')
    return ScalarType::i1;
  return std::nullopt;
}

std::string dtypeName(const py::dtype &dtype) {
  return py::str(static_cast<const py::object &>(dtype)).cast<std::string>();
}

/// A NumPy array as a BufferView; an error names the argument.
BufferView toView(const std::string &name, const py::array &array,
                  const ParameterInfo *param, bool mustWrite) {
  py::dtype dtype = array.dtype();
  std::optional<ScalarType> type = toScalarType(dtype);
  const char *expected = param ? toString(param->type) : "a kernel's type";
  if (!type)
    raise(PyExc_TypeError, "argument '" + name + "': element type " +
                               dtypeName(dtype) + " (NumPy), expected " +
                               expected);
  if (dtype.attr("byteorder").cast<std::string>() == ">")
    raise(PyExc_ValueError, "argument '" + name +
                                "': the array is big-endian; kernels take "
                                "the machine's byte order");
  if (mustWrite && !array.writeable())
    raise(PyExc_ValueError, "argument '" + name +
                                "': the kernel writes this field, but the "
                                "array is read-only");
  BufferView view;
  view.data = const_cast<void *>(array.data());
  view.type = *type;
  ssize_t itemsize = array.itemsize();
  for (ssize_t dim = 0; dim < array.ndim(); ++dim) {
    view.shape.push_back(array.shape(dim));
    ssize_t stride = array.strides(dim);
    if (stride % itemsize != 0)
      raise(PyExc_ValueError, "argument '" + name + "': stride of " +
                                  std::to_string(stride) +
                                  " bytes in dimension " + std::to_string(dim) +
                                  " is not a multiple of the element size " +
                                  std::to_string(itemsize));
    view.strides.push_back(stride / itemsize);
  }
  return view;
}

/// True if `value` is a NumPy scalar of the abstract type `kind`
/// (numpy.integer, numpy.floating); the types are looked up once.
bool isNumpy(py::handle value, const char *kind) {
  static py::handle integer =
      py::object(py::module_::import("numpy").attr("integer")).release();
  static py::handle floating =
      py::object(py::module_::import("numpy").attr("floating")).release();
  py::handle type = std::string(kind) == "integer" ? integer : floating;
  return PyObject_IsInstance(value.ptr(), type.ptr()) == 1;
}

/// A compiled kernel and what Python knows of it beyond its description:
/// the fields it writes (a read-only array is refused for them) and the
/// code generation options it was compiled with (a tuner's choice or the
/// program's own).
struct PyKernel {
  std::shared_ptr<KernelModule> module;
  const Kernel *kernel;
  std::vector<std::string> written;
  std::string variantOptions;

  bool writes(const std::string &name) const {
    return std::find(written.begin(), written.end(), name) != written.end();
  }
};

/// The arguments of one call from a dict of arrays and numbers. Index
/// lists that are NumPy structured arrays are converted in Python first.
ArgumentList
toArguments(const py::dict &kwargs, const KernelInfo &info,
            const std::function<bool(const std::string &)> &writes) {
  ArgumentList args;
  for (auto [key, value] : kwargs) {
    std::string name = py::str(key).cast<std::string>();
    const ParameterInfo *param = info.findParameter(name);
    if (py::isinstance<py::array>(value)) {
      args.field(name, toView(name, py::reinterpret_borrow<py::array>(value),
                              param, writes(name)));
      continue;
    }
    PyObject *object = value.ptr();
    if (PyBool_Check(object)) {
      args.scalar(name, int64_t(object == Py_True));
    } else if (PyLong_Check(object) || isNumpy(value, "integer")) {
      int overflow = 0;
      long long integer = PyLong_AsLongLongAndOverflow(
          py::int_(py::reinterpret_borrow<py::object>(value)).ptr(), &overflow);
      if (overflow)
        raise(PyExc_ValueError, "argument '" + name +
                                    "': " + py::str(value).cast<std::string>() +
                                    " does not fit a 64-bit integer");
      args.scalar(name, int64_t(integer));
    } else if (PyFloat_Check(object) || isNumpy(value, "floating")) {
      args.scalar(name, PyFloat_AsDouble(object));
    } else {
      std::string kind = py::str(value.get_type().attr("__name__"));
      raise(PyExc_TypeError, "argument '" + name +
                                 "': expected a NumPy array or a number, got " +
                                 kind);
    }
  }
  return args;
}

py::dict describeParameter(const ParameterInfo &param) {
  py::dict d;
  d["name"] = param.name;
  d["is_field"] = param.isField;
  d["type"] = toString(param.type);
  d["spatial_rank"] = param.spatialRank;
  d["shape"] = param.shape;
  d["strides"] = param.strides;
  d["alignment"] = param.alignment;
  d["contiguous"] = param.contiguous;
  d["is_index_list"] = param.isIndexList;
  d["reduction"] = toString(param.reduction);
  return d;
}

py::list describeKernel(const KernelInfo &info) {
  py::list parameters;
  for (const ParameterInfo &param : info.parameters)
    parameters.append(describeParameter(param));
  return parameters;
}

struct PyGpuProgram {
  std::shared_ptr<psmlir::GpuProgram> program;
};

struct PyGpuKernel {
  std::shared_ptr<psmlir::GpuProgram> program;
  std::string name;
  const KernelInfo *info;
  std::vector<std::string> written;
};

/// The GPU settings of a dict of the Python side (backend, chip, features,
/// format, scheme, block_size; the others keep their defaults).
psmlir::GpuSettings toGpuSettings(const py::dict &d) {
  psmlir::GpuSettings s;
  if (d.contains("backend"))
    s.backend = d["backend"].cast<std::string>();
  if (d.contains("chip"))
    s.chip = d["chip"].cast<std::string>();
  if (d.contains("features"))
    s.features = d["features"].cast<std::string>();
  if (d.contains("format"))
    s.format = d["format"].cast<std::string>();
  if (d.contains("scheme"))
    s.scheme = d["scheme"].cast<std::string>();
  if (d.contains("block_size"))
    s.blockSize = d["block_size"].cast<std::vector<int64_t>>();
  return s;
}

/// A GPU kernel's call: the arguments checked as the CPU run-time checks
/// them, then the arrays copied to the device and back.
void callGpuKernel(const PyGpuKernel &k, const py::dict &kwargs) {
  auto writes = [&](const std::string &name) {
    return std::find(k.written.begin(), k.written.end(), name) !=
           k.written.end();
  };
  ArgumentList all = toArguments(kwargs, *k.info, writes);
  ArgumentList scalars;
  std::vector<psmlir::HostArray> arrays;
  for (const auto &entry : all.values()) {
    const std::string name = entry.getKey().str();
    if (const auto *view = std::get_if<BufferView>(&entry.getValue())) {
      int64_t last = 0;
      for (auto [extent, stride] : llvm::zip(view->shape, view->strides))
        last += extent > 0 && stride > 0 ? (extent - 1) * stride : 0;
      arrays.push_back({name, *view, size_t(last + 1) * getByteSize(view->type),
                        writes(name)});
    } else if (const auto *real = std::get_if<double>(&entry.getValue())) {
      scalars.scalar(name, *real);
    } else {
      scalars.scalar(name, std::get<int64_t>(entry.getValue()));
    }
  }
  // The host arrays are checked as the CPU run-time checks them
  // before anything is copied.
  if (llvm::Error error = checkArguments(*k.info, all))
    raiseArgumentError(llvm::toString(std::move(error)));
  psmlir::Status status;
  {
    py::gil_scoped_release release;
    status = psmlir::launchGpu(*k.program, k.name, arrays, scalars);
  }
  if (!status.ok)
    raise(status.message.rfind("no GPU", 0) == 0 ? noGpuErrorType
                                                 : PyExc_RuntimeError,
          status.message);
}

/// Options, their defaults and the cache directory.
void bindOptions(py::module_ &m) {
  m.def("default_options", &psmlir::getDefaultOptionsText,
        "The code generation options with their defaults, as "
        "{name=value ...}");
  m.def(
      "check_options",
      [](const std::string &text) {
        std::string canonical;
        check(psmlir::checkOptions(text, canonical), PyExc_ValueError);
        return canonical;
      },
      "Parses and checks options; returns them in full");
  m.def("cache_directory", &psmlir::getCacheDirectory);
}

/// CPU kernels: compiled through the kernel cache, called on NumPy arrays.
void bindCpuKernels(py::module_ &m) {
  py::class_<PyKernel>(m, "Kernel")
      .def_property_readonly(
          "name", [](const PyKernel &k) { return k.kernel->getInfo().name; })
      .def_property_readonly(
          "parameters",
          [](const PyKernel &k) { return describeKernel(k.kernel->getInfo()); })
      .def_readwrite("written", &PyKernel::written)
      .def_readwrite("variant_options", &PyKernel::variantOptions)
      .def("__call__", [](const PyKernel &k, const py::dict &kwargs) {
        ArgumentList args = toArguments(
            kwargs, k.kernel->getInfo(),
            [&](const std::string &name) { return k.writes(name); });
        psmlir::Status status;
        {
          py::gil_scoped_release release;
          status = psmlir::callKernel(*k.kernel, args);
        }
        if (!status.ok)
          raiseArgumentError(status.message);
      });

  m.def(
      "compile",
      [](const std::string &source, const std::string &options) {
        psmlir::CachedModule cached;
        psmlir::Status status;
        {
          py::gil_scoped_release release;
          status = psmlir::compileCached(source, options, cached);
        }
        check(status, compileErrorType);
        py::dict kernels;
        for (const std::string &name : cached.module->getKernelNames())
          kernels[py::str(name)] =
              PyKernel{cached.module, cached.module->lookup(name), {}};
        return py::make_tuple(kernels, cached.outcome);
      },
      "Compiles a ps module through the kernel cache; returns ({name: "
      "Kernel}, outcome)");
}

/// The tuner: candidates timed on the caller's shapes, choices recorded.
void bindTuner(py::module_ &m) {
  m.def(
      "tune",
      [](const std::string &source, const std::string &options,
         const std::string &name, const py::dict &kwargs) {
        // The arguments are converted as for a call; the tuner copies the
        // fields, so nothing of the caller's is written.
        psmlir::CachedModule probe;
        psmlir::Status status = psmlir::compileCached(source, options, probe);
        check(status, compileErrorType);
        const auto *kernel = probe.module->lookup(name);
        if (!kernel)
          throw py::value_error("the module has no kernel '" + name + "'");
        ArgumentList args =
            toArguments(kwargs, kernel->getInfo(),
                        [](const std::string &) { return false; });
        psmlir::TunedModule tuned;
        {
          py::gil_scoped_release release;
          status = psmlir::tuneCached(source, options, name, args, tuned);
        }
        if (!status.ok)
          raiseArgumentError(status.message);
        py::dict seconds;
        for (const auto &[candidate, time] : tuned.seconds)
          seconds[py::str(candidate)] = time;
        return py::make_tuple(
            PyKernel{tuned.module, tuned.module->lookup(name), {}},
            tuned.choice, tuned.options, tuned.fromRecord, seconds,
            tuned.rounds, tuned.settled);
      },
      "Times the candidate variants of kernel `name` on copies of the "
      "arguments and returns (Kernel, choice, options, from_record, "
      "{candidate: seconds per call}, rounds, settled)");

  m.def(
      "find_recorded",
      [](const PyKernel &k, const std::string &source,
         const std::string &options, const py::dict &kwargs) -> py::object {
        const std::string &name = k.kernel->getInfo().name;
        ArgumentList args = toArguments(
            kwargs, k.kernel->getInfo(),
            [&](const std::string &field) { return k.writes(field); });
        psmlir::TunedModule recorded;
        bool found = false;
        check(psmlir::findRecordedCached(source, options, name, args, recorded,
                                         found),
              compileErrorType);
        if (!found)
          return py::none();
        return py::make_tuple(
            PyKernel{recorded.module, recorded.module->lookup(name), {}},
            recorded.choice, recorded.options);
      },
      "The variant an earlier tuning recorded for kernel k's name and the "
      "shapes of these arguments, as (Kernel, choice, options), or None; "
      "times nothing");
}

/// The code of each stage, and ahead-of-time objects and headers.
void bindCodeViews(py::module_ &m) {
  m.def("show_cpu_stage", [](const std::string &source,
                             const std::string &options,
                             const std::string &stage) {
    std::string text;
    check(psmlir::showCpuStage(source, options, stage, text), compileErrorType);
    return text;
  });
  m.def("compile_aot", [](const std::string &source, const std::string &options,
                          const std::string &kind, const std::string &path,
                          const std::string &header) {
    check(psmlir::compileAheadOfTime(source, options, kind, path, header),
          compileErrorType);
  });
  m.def("show_gpu_code",
        [](const std::string &source, const py::dict &settings) {
          std::string text;
          check(psmlir::showGpuCode(source, toGpuSettings(settings), text),
                compileErrorType);
          return text;
        });
}

/// GPU programs and their kernels.
void bindGpu(py::module_ &m) {
  py::class_<PyGpuKernel>(m, "GpuKernel")
      .def_property_readonly("name",
                             [](const PyGpuKernel &k) { return k.name; })
      .def_property_readonly(
          "parameters",
          [](const PyGpuKernel &k) { return describeKernel(*k.info); })
      .def_readwrite("written", &PyGpuKernel::written)
      .def("__call__", &callGpuKernel);

  m.def("compile_gpu", [](const std::string &source, const py::dict &settings) {
    std::shared_ptr<psmlir::GpuProgram> program;
    psmlir::Status status;
    psmlir::GpuSettings s = toGpuSettings(settings);
    {
      py::gil_scoped_release release;
      status = psmlir::compileGpu(source, s, program);
    }
    check(status, compileErrorType);
    return PyGpuProgram{program};
  });
  py::class_<PyGpuProgram>(m, "GpuProgram")
      .def("kernel", [](const PyGpuProgram &p, const std::string &name) {
        const KernelInfo *info = psmlir::getGpuKernelInfo(*p.program, name);
        if (!info)
          raise(PyExc_KeyError, "no kernel '" + name + "' in the GPU module");
        return PyGpuKernel{p.program, name, info, {}};
      });
}

} // namespace

PYBIND11_MODULE(_psmlir, m) {
  m.doc() = "ps kernels from Python: compile through the kernel cache, call "
            "on NumPy arrays";

  static py::exception<std::runtime_error> compileError(m, "CompileError",
                                                        PyExc_RuntimeError);
  static py::exception<std::runtime_error> noGpuError(m, "NoGpuError",
                                                      PyExc_RuntimeError);
  compileErrorType = compileError.ptr();
  noGpuErrorType = noGpuError.ptr();

  bindOptions(m);
  bindCpuKernels(m);
  bindTuner(m);
  bindCodeViews(m);
  bindGpu(m);
}
