"""CreateKernelConfig: what to generate, in pystencils' terms, and the
make_slice helper."""

from .dtypes import canonical_dtype
from .options import option_defaults
from .program import Target


class _SliceMaker:
    """make_slice[1:-1, 2:-2:2]: iteration slices as pystencils writes
    them."""

    def __getitem__(self, item):
        return item if isinstance(item, tuple) else (item,)


make_slice = _SliceMaker()

_CONFIG_KEYS = ("target", "function_name", "default_dtype", "ghost_layers",
                "iteration_slice",
                "index_fields", "coordinate_names", "disjoint",
                "cpu_vectorize_info",
                "cpu_openmp", "options", "gpu_indexing", "gpu_block_size",
                "gpu_chip", "gpu_format")


class CreateKernelConfig:
    """What to generate, in pystencils' terms:

    target            Target.CPU (default), Target.CUDA (or GPU), Target.HIP
    function_name     the kernel's name ('kernel')
    default_dtype     the type of untyped symbols (sympy.Symbol: scalar
                      parameters and reduction results), 'float64'
    ghost_layers      int, one per dimension, or (lo, hi) per dimension;
                      None: the largest offset of the accesses
    iteration_slice   make_slice[...] (instead of ghost layers)
    index_fields      [index field]: a sparse kernel over its entries
    coordinate_names  the members of the index array that hold x, y, z
    disjoint          True: no entry of the index list touches what another
                      writes (a wall cell is never fluid), so a sparse
                      kernel may read a field it writes at another, or a
                      data-dependent, location (bounce-back); without it
                      the dialect reports the loop-carried dependence
    cpu_vectorize_info  None (the cost model's choice for the host, as
                      vectorize=auto), False (LLVM's auto-vectorizer
                      alone), True / 'host' / 'avx2' / {'instruction_set':
                      ..., 'assume_aligned': ..., 'nontemporal': ...,
                      'lanes': ..., 'unroll': ...}
    cpu_openmp        True (OMP_NUM_THREADS) or a number of threads
    options           further options of the C++ CompileOptions by name
                      (block_rows, contract, remainder, jam, schedule, ...)
    gpu_indexing      'linear' or 'blockwise'; gpu_block_size, gpu_chip
    """

    def __init__(self, target=Target.CPU, function_name="kernel",
                 default_dtype="float64", ghost_layers=None, iteration_slice=None, index_fields=None,
                 coordinate_names=("x", "y", "z"), disjoint=False,
                 cpu_vectorize_info=None,
                 cpu_openmp=False, options=None, gpu_indexing="linear",
                 gpu_block_size=None, gpu_chip="", gpu_format="", **kwargs):
        self.target = Target.of(target)
        self.function_name = function_name
        self.default_dtype = canonical_dtype(default_dtype)
        self.ghost_layers = ghost_layers
        self.iteration_slice = iteration_slice
        self.index_fields = list(index_fields or [])
        self.coordinate_names = tuple(coordinate_names)
        self.disjoint = bool(disjoint)
        self.cpu_vectorize_info = cpu_vectorize_info
        self.cpu_openmp = cpu_openmp
        self.options = dict(options or {})
        self.options.update(kwargs)
        self.gpu_indexing = gpu_indexing
        self.gpu_block_size = gpu_block_size
        self.gpu_chip = gpu_chip
        self.gpu_format = gpu_format
        if ghost_layers is not None and iteration_slice is not None:
            raise ValueError("give ghost_layers or iteration_slice, not both")
        unknown = sorted(set(self.options) - set(option_defaults()))
        if unknown:
            raise TypeError(
                f"unknown option '{unknown[0]}' of create_kernel; it takes "
                + ", ".join(_CONFIG_KEYS) + " and the code generation "
                "options " + ", ".join(sorted(option_defaults())))
        if self.target is not Target.CPU and self.compile_options():
            raise ValueError(
                f"the CPU code generation options "
                f"{sorted(self.compile_options())} do not apply to the "
                f"{self.target.value} target (it takes gpu_indexing, "
                "gpu_block_size, gpu_chip, gpu_format)")

    def compile_options(self):
        """The C++ code generation options (a dict by Python name)."""
        options = {}
        info = self.cpu_vectorize_info
        # None (the default) leaves the choice to the cost model
        # (vectorize=auto); False asks for LLVM's auto-vectorizer alone.
        if info is False:
            options["vectorize"] = "none"
        elif info is True or isinstance(info, str):
            options["vectorize"] = "host" if info in (True, "best") else info
        elif isinstance(info, dict):
            isa = info.get("instruction_set", "host")
            options["vectorize"] = "host" if isa in (None, "best") else isa
            renames = {"assume_aligned": "aligned",
                       "nontemporal": "nontemporal"}
            for key, value in info.items():
                if key == "instruction_set":
                    continue
                options[renames.get(key, key)] = bool(value) \
                    if key in renames else value
        elif info not in (None, False):
            raise TypeError(f"cpu_vectorize_info: {info!r}; expected True, "
                            "an instruction set name or a dict")
        if self.cpu_openmp is True:
            options["threads"] = 0
        elif self.cpu_openmp not in (False, None):
            options["threads"] = int(self.cpu_openmp)
        options.update(self.options)
        return options

    def gpu_settings(self):
        settings = {"backend": self.target.value, "scheme": self.gpu_indexing}
        if self.gpu_block_size:
            settings["block_size"] = list(self.gpu_block_size)
        if self.gpu_chip:
            settings["chip"] = self.gpu_chip
        if self.gpu_format:
            settings["format"] = self.gpu_format
        return settings
