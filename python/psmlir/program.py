"""Programs: a ps module for a target, its arguments and its code.

A program is immutable: bind() and with_transformed_program() return new
ones (as pytato's BoundProgram). It compiles when first called (or by
compile()): for the CPU through the persistent kernel cache, for CUDA and
HIP through the project's GPU run-time.
"""

import enum
import re

import numpy as np

from . import _native, options as _options
from .errors import NoGpuError, kernel_error


class Target(enum.Enum):
    CPU = "cpu"
    CUDA = "cuda"
    HIP = "hip"
    GPU = "cuda"  # pystencils' name: NVIDIA

    @staticmethod
    def of(value):
        if isinstance(value, Target):
            return value
        try:
            return Target(str(value).lower())
        except ValueError:
            if str(value).lower() == "gpu":
                return Target.CUDA
            raise ValueError(f"unknown target {value!r}; expected cpu, cuda "
                             "or hip") from None


# Compiled kernels of this process by module text without locations and
# options: the same kernel made on another line is served from memory (the
# kernel cache's memory level keys the text with its locations).
_COMPILED = {}
_LOCATION = re.compile(r' loc\("(?:[^"\\]|\\.)*":\d+:\d+\)')

_CPU_STAGES = ("ps", "typed", "loops", "llvm", "asm")
_GPU_STAGES = {"ptx": Target.CUDA, "amdgpu": Target.HIP}


class Program:
    """A kernel for one target with its module text, pre-bound arguments
    and compiled code."""

    def __init__(self, source, config, info, bound=None, compiled=None):
        self._source = source
        self._config = config
        self._info = info
        self._bound = dict(bound or {})
        self._compiled = compiled
        self._kernel = compiled[0] if compiled else None
        self.cache_outcome = compiled[1] if compiled else None
        # The tuner's choice that calls run (None: the options as given);
        # a program checks the kernel cache's tuning records at its first
        # call (CPU programs only).
        self._tuned_choice = compiled[2] if compiled and len(compiled) > 2 \
            else None
        self._record_checked = config.target is not Target.CPU or \
            self._tuned_choice is not None
        self._options_text = _options.check(config.compile_options()) \
            if config.target is Target.CPU else ""
        records = getattr(info, "records", [])
        self._converters = {f.name: _index_array_converter(f, records)
                            for f in info.index_fields if f.index_names}

    # -- what it is ----------------------------------------------------
    @property
    def program(self):
        """The ps module, as text."""
        return self._source

    @property
    def target(self):
        return self._config.target

    @property
    def bound_arguments(self):
        return dict(self._bound)

    @property
    def name(self):
        return self._info.name

    @property
    def variant_options(self):
        """The code generation options of the kernel that calls run: the
        program's own, or the variant that tune() chose (CPU programs)."""
        return getattr(self.compile()._kernel, "variant_options", "")

    @property
    def tuned_choice(self):
        """The tuner's candidate that calls run ('simd-nt', ...): chosen
        by tune(), or taken at the first call from the record of an
        earlier tuning for the same kernel and shapes; None while calls
        run the options as given."""
        return self._tuned_choice

    @property
    def parameters(self):
        """The kernel's parameters as the run-time describes them."""
        return self.compile()._kernel.parameters

    # -- new programs --------------------------------------------------
    def bind(self, **arguments):
        """A program with these arguments pre-bound (later calls may
        override them)."""
        bound = dict(self._bound)
        bound.update(arguments)
        return type(self)(self._source, self._config, self._info, bound,
                          self._compiled)

    def with_transformed_program(self, transform):
        """A program whose module is transform(module text); it is compiled
        anew."""
        source = transform(self._source)
        if not isinstance(source, str):
            raise TypeError("with_transformed_program: the transform must "
                            f"return the module as text, got "
                            f"{type(source).__name__}")
        return type(self)(source, self._config, self._info, self._bound)

    # -- code ----------------------------------------------------------
    def show_code(self, stage="ps"):
        """The module at a stage: 'ps' (as generated), 'typed' (after
        ps-typify and ps-analyze), 'loops' (the loop nests), 'llvm' (LLVM
        IR), 'asm' (assembly), 'ptx' (CUDA), 'amdgpu' (HIP)."""
        if stage == "ps":
            return self._source
        try:
            if stage in _CPU_STAGES:
                text = self._options_text if self.target is Target.CPU else ""
                return _native.show_cpu_stage(self._source, text, stage)
            if stage in _GPU_STAGES:
                settings = self._config.gpu_settings()
                settings["backend"] = _GPU_STAGES[stage].value
                return _native.show_gpu_code(self._source, settings)
        except _native.CompileError as error:
            raise kernel_error(str(error)) from None
        raise ValueError(f"unknown stage {stage!r}; expected one of "
                         + ", ".join(_CPU_STAGES + tuple(_GPU_STAGES)))

    def export(self, path, header=None, kind=None):
        """Ahead of time: an object file (.o) or shared library (.so, with
        the kernels' descriptions for KernelModule::loadSharedLibrary), or
        assembly (.s) or LLVM IR (.ll), and optionally a C header."""
        if kind is None:
            suffix = str(path).rsplit(".", 1)[-1]
            kind = {"o": "obj", "so": "shared", "s": "asm", "ll": "llvm"}.get(
                suffix)
            if kind is None:
                raise ValueError(f"export: cannot tell the kind of {path!r}; "
                                 "give kind='obj', 'shared', 'asm' or 'llvm'")
        try:
            _native.compile_aot(self._source, self._options_text, kind,
                                str(path), str(header or ""))
        except _native.CompileError as error:
            raise kernel_error(str(error)) from None

    # -- running -------------------------------------------------------
    def tune(self, **arguments):
        """Times the candidate variants of the kernel (explicit SIMD with 2
        or 4 vectors per iteration, streaming stores, blocking, LLVM's
        vectorizer alone) on copies of these arrays, keeps the fastest for
        later calls and records it in the kernel cache, so that another
        program of the kernel (in this or a later process) runs it from
        its first call on these shapes, untimed. Returns {"choice",
        "options", "from_record", "seconds", "rounds", "settled"}: the
        interleaved rounds timed (3 to 12, until the fastest is apart from
        the rest) and whether it was; where it was not, the choice is the
        first candidate not apart from the fastest (the options as given
        come first).
        The arrays are not written; every variant computes the same bits."""
        if self.target is not Target.CPU:
            raise ValueError("tune: only CPU programs are tuned")
        self.compile()
        arguments = self._prepare(arguments)
        try:
            (kernel, choice, options, from_record, seconds, rounds,
             settled) = _native.tune(
                self._source, self._options_text, self._kernel.name,
                arguments)
        except _native.CompileError as error:
            raise kernel_error(str(error)) from None
        self._adopt(kernel, options, choice)
        return {"choice": choice, "options": options,
                "from_record": from_record, "seconds": seconds,
                "rounds": rounds, "settled": settled}

    def _run_variant(self, options_text, choice=None):
        """Later calls run the kernel compiled with `options_text` (the
        tuner's `choice`, CompileOptions::str()) instead of the program's."""
        try:
            kernels, _ = _native.compile(self._source, options_text)
        except _native.CompileError as error:
            raise kernel_error(str(error)) from None
        self._adopt(_pick(kernels, self._info.name), options_text, choice)

    def _adopt(self, kernel, options_text, choice=None):
        """Later calls (of this program and of its bound copies) run
        `kernel`, compiled with `options_text`: the tuner's `choice`."""
        kernel.written = [f.name for f in self._info.written] + \
            [name for name, _, _ in _reductions(self._info)]
        kernel.variant_options = options_text
        self._kernel = kernel
        self._compiled = (kernel, self.cache_outcome, choice)
        self._tuned_choice = choice
        self._record_checked = True

    def _take_record(self, arguments):
        """Until a call succeeds: an earlier tuning's choice for these
        shapes (this process's or another's, recorded in the kernel cache)
        replaces the options as given, untimed, as `ps-run --cache` takes
        it."""
        try:
            recorded = _native.find_recorded(self._kernel, self._source,
                                             self._options_text, arguments)
        except _native.CompileError:
            return
        if recorded is not None:
            kernel, choice, options = recorded
            self._adopt(kernel, options, choice)

    def compile(self):
        """Compiles now (calls compile on first use); returns self."""
        if self._kernel is None:
            key = (_LOCATION.sub("", self._source), self._options_text)
            if key in _COMPILED:
                kernels, outcome = _COMPILED[key], "memory hit"
            else:
                try:
                    kernels, outcome = _native.compile(self._source,
                                                       self._options_text)
                except _native.CompileError as error:
                    raise kernel_error(str(error)) from None
                _COMPILED[key] = kernels
            kernel = _pick(kernels, self._info.name)
            kernel.written = [f.name for f in self._info.written] + \
                [name for name, _, _ in _reductions(self._info)]
            kernel.variant_options = self._options_text
            self._compiled = (kernel, outcome)
            self._kernel, self.cache_outcome = kernel, outcome
        return self

    def __call__(self, **arguments):
        if self._kernel is None:
            self.compile()
        arguments = self._prepare(arguments)
        if not self._record_checked:
            self._take_record(arguments)
        self._kernel(arguments)
        # Until a call succeeds: a refused call does not use up the check.
        self._record_checked = True
        values = {name: np.asarray(arguments[name]).reshape(-1)[0]
                  for name, _, _ in _reductions(self._info)}
        if not values:
            return None
        return next(iter(values.values())) if len(values) == 1 else values

    def _prepare(self, arguments):
        """The call's arguments with the bound ones, index arrays converted."""
        if self._bound:
            merged = dict(self._bound)
            merged.update(arguments)
            arguments = merged
        for name, convert in self._converters.items():
            if name in arguments:
                arguments.update(convert(arguments[name]))
        # Reduction results: a one-element array the kernel combines into,
        # the caller's (pystencils passes a pointer) or one at the identity.
        for name, kind, dtype in _reductions(self._info):
            if name not in arguments:
                arguments[name] = np.array([_identity(kind, dtype)],
                                           dtype=dtype)
        return arguments

    def __repr__(self):
        return (f"<psmlir.Program {self.name} target={self.target.value} "
                f"bound={sorted(self._bound)}>")


class GpuProgram(Program):
    """A program for CUDA or HIP: arrays are NumPy arrays on the host,
    copied to the device for each call and back after it."""

    def compile(self):
        if self._kernel is None:
            try:
                program = _native.compile_gpu(self._source,
                                              self._config.gpu_settings())
            except _native.CompileError as error:
                raise kernel_error(str(error)) from None
            kernel = program.kernel(self._info.name)
            kernel.written = [f.name for f in self._info.written] + \
                [name for name, _, _ in _reductions(self._info)]
            self._compiled = (kernel, "gpu")
            self._kernel, self.cache_outcome = kernel, None
        return self

    def __call__(self, **arguments):
        try:
            return super().__call__(**arguments)
        except _native.NoGpuError as error:
            raise NoGpuError(str(error)) from None


def _reductions(info):
    """(name, kind, dtype) of each reduction result of the kernel."""
    return getattr(info, "reductions", [])


def _identity(kind, dtype):
    """The value a result starts at, so that the call returns the plain
    reduction of the points."""
    dtype = np.dtype(dtype)
    if kind == "add":
        return -0.0 if dtype.kind == "f" else 0
    if kind == "mul":
        return 1
    if dtype.kind == "f":
        return np.inf if kind == "min" else -np.inf
    info = np.iinfo(dtype)
    return info.max if kind == "min" else info.min


def _pick(kernels, name):
    if name in kernels:
        return kernels[name]
    if len(kernels) == 1:
        return next(iter(kernels.values()))
    raise ValueError(f"the module has no kernel '{name}'; it has "
                     + ", ".join(sorted(kernels)))


def make_program(source, config, info):
    cls = Program if config.target is Target.CPU else GpuProgram
    return cls(source, config, info)


def _index_array_converter(field, records):
    """Structured index arrays (members x, y, dir, ...) as the arguments
    the kernel takes: the (n, k) integer view of the components, and a 1-D
    view (array['ux']) for each record field the kernel reads. The views
    share the caller's array, so the kernel reads what it holds."""
    k = len(field.index_names)
    base = np.dtype(field.dtype)
    dtype = field.records.dtype if field.records else None
    used = [(m, r) for m, r in field.records.fields.items()
            if r in records] if field.records else []

    def convert(array):
        if not isinstance(array, np.ndarray) or array.dtype.names is None:
            return {field.name: array}
        names = array.dtype.names
        expected = dtype.names if dtype is not None else field.index_names
        if names != expected:
            raise TypeError(f"argument '{field.name}': index array members "
                            f"{list(names)}, expected {list(expected)}")
        if dtype is not None and array.dtype != dtype:
            raise TypeError(f"argument '{field.name}': index array type "
                            f"{array.dtype}, expected {dtype} (the members' "
                            "types and byte offsets of the kernel's)")
        for i, member in enumerate(names[:k]):
            member_type, offset = array.dtype.fields[member][:2]
            if member_type != base or offset != i * base.itemsize:
                raise TypeError(f"argument '{field.name}': member "
                                f"'{member}' is {member_type} at byte "
                                f"{offset}, expected {base} at byte "
                                f"{i * base.itemsize}")
        if array.ndim != 1:
            raise ValueError(f"argument '{field.name}': an index array is "
                             f"one-dimensional, got {array.ndim} dimensions")
        if not array.flags.c_contiguous:
            raise ValueError(f"argument '{field.name}': the index array "
                             "must be contiguous")
        views = {field.name: np.ndarray(
            shape=(array.shape[0], k), dtype=base, buffer=array,
            strides=(array.strides[0], base.itemsize))}
        for member, record in used:
            views[record.name] = array[member]
        return views
    return convert
