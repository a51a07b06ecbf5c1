#!/usr/bin/env python3
"""Mutation fuzzer for ps-opt.

Takes seed .mlir files (by default docs/examples/*.mlir and test/**/*.mlir),
mutates them deterministically from --seed, runs ps-opt on every mutant with
several pass pipelines and reports the inputs that crash it: a signal
(SIGSEGV, SIGABRT from an assert, ...), a crash message ("Assertion",
"LLVM ERROR", "PLEASE submit a bug report", "Stack dump") or a timeout. Exit
codes 0 and 1 (success, or a diagnosed error) are fine.

The outputs of the "none", "full" and "roundtrip-generic" pipelines, when they
succeed, are parsed again; an output that does not parse back is reported as
a "roundtrip-error" failure (a printer/parser mismatch).

Failures are saved into --out, deduplicated by their kind plus the first line
of the crash message and the top project stack frame; for each distinct crash
the smallest input seen is kept, as NAME.mlir with NAME.flags (the pipeline)
and NAME.log (ps-opt's output).

  scripts/fuzz-ps-opt.py --seed 3 --seconds 60
  scripts/fuzz-ps-opt.py --minimize /tmp/ps-fuzz-failures/abrt-1234abcd.mlir

--minimize FILE deletes lines (ddmin-style chunks, then single lines), then
list items and tokens inside lines, while the same crash (same key) persists,
and writes FILE.min.mlir. The pipeline comes from
FILE's sibling .flags file or from --pipeline NAME.

Standard library only. Exit status 1 when a failure was found, 0 otherwise.
The last line printed is `fuzz: N passed, M failed` (runs of ps-opt).
"""

import argparse
import glob
import hashlib
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PS_OPT = os.path.join(REPO, "build", "bin", "ps-opt")
TIMEOUT_S = 10

# name -> list of flags. "roundtrip-generic" is special: print generically,
# then parse that output again.
PIPELINES = [
    ("none", []),
    ("analyze", ["--ps-analyze"]),
    ("typify", ["--ps-typify"]),
    ("full", ["--ps-typify", "--ps-analyze", "--ps-eliminate-constants",
              "--ps-hoist-invariants", "--ps-contract", "--canonicalize"]),
    ("typify-f32-i32", ["--ps-typify=default-type=f32 index-type=i32",
                        "--canonicalize"]),
    ("roundtrip-generic", ["-mlir-print-op-generic"]),
    ("accesses", ["--test-ps-accesses"]),
    # The whole CPU lowering with every ps-vectorize path (peeling,
    # non-temporal stores and their fence, row reuse, jammed rows), blocks,
    # fused multiply-adds and OpenMP threads.
    ("lower-simd", ["--ps-lower-to-llvm-pipeline=vectorize=avx512f aligned=true "
                    "nontemporal=true reuse=true unroll=2 jam=2 block-rows=4 "
                    "contract=true threads=2"]),
    ("gpu", ["--ps-typify", "--ps-analyze", "--convert-ps-to-gpu",
             "--gpu-kernel-outlining"]),
]
PIPELINE_FLAGS = dict(PIPELINES)
# pipelines whose output (when they succeed) is parsed again: a printer and
# parser that disagree show up as a "roundtrip-error" failure
REPARSED = {"roundtrip-generic", "none", "full"}

CRASH_MARKERS = ["Assertion", "LLVM ERROR", "PLEASE submit a bug report",
                 "Stack dump"]

# ---------------------------------------------------------------- mutation

EXTREME_INTS = [
    "-9223372036854775808", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "0", "-1", "1", "2", "-2", "3", "7", "19", "64", "255", "256",
    "2147483647", "-2147483648", "2147483648", "4294967295", "4294967296",
    "65535", "65536", "1000000", "99999999999999999999999999999999999999",
    "0x7FFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFF", "00", "-0",
]
EXTREME_FLOATS = [
    "1e400", "-1e400", "1e-400", "1.0e308", "-1.7976931348623157e308",
    "4.9e-324", "0.0", "-0.0", "1.5", "0.25", "65504.0", "65520.0",
    "3.4028235e38", "3.5e38", "0x7FF8000000000000", "0x7FF0000000000000",
    "0xFFF0000000000000", "0x7C00", "0x7FC00000", "1.0e10000000000",
    "1e-45", "2.0",
]
SCALAR_TYPES = ["f16", "bf16", "f32", "f64", "i1", "i8", "i16", "i32", "i64",
                "index", "!ps.untyped", "si32", "ui64", "f8E4M3FN", "i128",
                "tf32", "none", "complex<f32>", "tensor<4xf32>"]
ELEMENT_TYPES = ["f16", "bf16", "f32", "f64", "i1", "i8", "i32", "i64",
                 "index", "!ps.untyped", "si8", "ui32", "i0", "f80"]
LAYOUTS = ["fzyx", "zyxf", "c", "strided", "bogus", ""]
PREDICATES = ["eq", "ne", "lt", "le", "gt", "ge", "xx"]
BINARY_OPS = ["add", "sub", "mul", "div", "rem", "min", "max", "pow", "and",
              "or", "xor"]
UNARY_OPS = ["neg", "abs", "sqrt", "exp", "log", "sin", "cos", "floor",
             "ceil", "not"]
ALL_OPS = (BINARY_OPS + UNARY_OPS +
           ["kernel", "return", "iterate", "iterate_sparse", "yield", "load",
            "store", "constant", "cast", "fma", "select", "cmp"])
SPECIAL_CHARS = list("{}[]()<>:,%!@^#=\"'-?x. \n\t\\*+") + ["\x00", "\xff"]
TOKENS = (["ps.%s" % o for o in ALL_OPS] + SCALAR_TYPES +
          ["!ps.field<?x?xf64>", "!ps.field<?xi64, components [3]>",
           "%a", "%b", "%x", "%y", "@k", "{", "}", "(", ")", "[", "]", ":",
           ",", "->", "=", "in", "ghost", "slice", "components", "layout",
           "to", "0", "1", "-1", "0.5", "\n", "^bb0", "\"ps.load\"()",
           "<{", "}>", "lt", "module", "builtin.module"])

INT_RE = re.compile(r"(?<![%#^@\w.])-?\d+(?![\w.]|\.\d)")
FLOAT_RE = re.compile(r"(?<![%#^@\w])-?\d+\.\d+(?:[eE][-+]?\d+)?")
SCALAR_TYPE_RE = re.compile(
    r"(?<![\w%])(?:bf16|f16|f32|f64|i1|i8|i16|i32|i64|index)(?!\w)|!ps\.untyped")
FIELD_RE = re.compile(r"!ps\.field<[^<>]*>")
GHOST_RE = re.compile(r"ghost\s+-?\d+")
SLICE_RE = re.compile(r"slice\s*\[[^\]]*\]")
COMPONENT_RE = re.compile(r"\]\s*\([^()]*\)")
OFFSETS_RE = re.compile(r"(%[\w$.-]+)\[[^\]]*\]")
COMPONENTS_RE = re.compile(r"components\s*\[[^\]]*\]")
LAYOUT_RE = re.compile(r"layout\s+\w+")
PRED_RE = re.compile(r"(ps\.cmp\s+)(\w+)")
OPNAME_RE = re.compile(r"(?<=(?<![!\w])ps\.)(\w+)")
SSA_RE = re.compile(r"%[A-Za-z_$.][\w$.-]*|%\d+")
COUNTERS_RE = re.compile(r"(ps\.iterate(?:_sparse)?\s*)\(([^()]*)\)")


def rand_int(rng):
    if rng.random() < 0.6:
        return rng.choice(EXTREME_INTS)
    return str(rng.randint(-40, 40))


def rand_field_type(rng):
    rank = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 7])
    dims = "x".join(rng.choice(["?", "?", "?", "4", "0", "-1"])
                    for _ in range(rank))
    shape = (dims + "x" if rank else "") + rng.choice(ELEMENT_TYPES)
    extras = []
    if rng.random() < 0.4:
        n = rng.choice([0, 1, 1, 2, 3])
        extras.append("components [%s]" % ", ".join(rand_int(rng)
                                                   for _ in range(n)))
    if rng.random() < 0.4:
        extras.append("ghost " + rand_int(rng))
    if rng.random() < 0.3:
        extras.append("layout " + rng.choice(LAYOUTS))
    if rng.random() < 0.1:
        rng.shuffle(extras)
    return "!ps.field<%s>" % ", ".join([shape] + extras)


def rand_type(rng):
    if rng.random() < 0.3:
        return rand_field_type(rng)
    return rng.choice(SCALAR_TYPES)


def sub_one(rng, regex, text, repl):
    """Replace one random match of regex in text by repl(match)."""
    ms = list(regex.finditer(text))
    if not ms:
        return None
    m = rng.choice(ms)
    return text[:m.start()] + repl(m) + text[m.end():]


def m_int(rng, t):
    return sub_one(rng, INT_RE, t, lambda m: rand_int(rng))


def m_float(rng, t):
    r = sub_one(rng, FLOAT_RE, t, lambda m: rng.choice(EXTREME_FLOATS))
    if r is None:   # turn an integer into a float literal instead
        r = sub_one(rng, INT_RE, t, lambda m: rng.choice(EXTREME_FLOATS))
    return r


def m_scalar_type(rng, t):
    return sub_one(rng, SCALAR_TYPE_RE, t, lambda m: rand_type(rng))


def m_field_type(rng, t):
    return sub_one(rng, FIELD_RE, t, lambda m: rand_field_type(rng))


def m_field_type_all(rng, t):
    """Replace every occurrence of one field type, keeping it consistent."""
    ms = sorted(set(m.group(0) for m in FIELD_RE.finditer(t)))
    if not ms:
        return None
    old = rng.choice(ms)
    return t.replace(old, rand_field_type(rng))


def m_ghost(rng, t):
    r = sub_one(rng, GHOST_RE, t, lambda m: "ghost " + rand_int(rng))
    if r is None or rng.random() < 0.3:
        # add a ghost clause to an iterate that has none
        r = sub_one(rng, re.compile(r"(ps\.iterate\s*\([^()]*\)\s*in\s*%[\w]+)"),
                    t, lambda m: m.group(0) + " ghost " + rand_int(rng))
    return r


def rand_slice_entry(rng):
    parts = [rand_int(rng) if rng.random() < 0.8 else ""
             for _ in range(rng.choice([1, 2, 3, 3, 3, 4]))]
    return ":".join(parts)


def rand_slice(rng, rank=None):
    if rank is None or rng.random() < 0.2:
        rank = rng.choice([0, 1, 2, 2, 3, 4])
    entries = []
    for _ in range(rank):
        if rng.random() < 0.3:
            entries.append(rand_slice_entry(rng))
        else:   # small, often valid: start:stop:step with parts left out
            start = str(rng.randint(0, 3))
            stop = rng.choice(["", "-1", "-2", "1", "2", "5", "-3", "0"])
            step = rng.choice(["", "", "1", "2", "3", "0", "-1"])
            entries.append(start + ":" + stop + (":" + step if step else ""))
    return "slice [%s]" % ", ".join(entries)


def m_slice(rng, t):
    def repl(m):
        return rand_slice(rng, m.group(0).count(",") + 1)
    r = sub_one(rng, SLICE_RE, t, repl)
    if r is None or rng.random() < 0.3:
        # give a slice to an iterate (dropping its ghost clause)
        def add(m):
            return m.group(1) + " " + rand_slice(rng, m.group(2).count(",") + 1)
        r = sub_one(rng, re.compile(
            r"(ps\.iterate\s*\(([^()]*)\)\s*in\s*%[\w]+)(\s*ghost\s+-?\d+)?"),
            t, add)
    return r


def rand_list(rng, lo=0, hi=5):
    return ", ".join(rand_int(rng) for _ in range(rng.randint(lo, hi)))


def m_component(rng, t):
    r = sub_one(rng, COMPONENT_RE, t, lambda m: "](%s)" % rand_list(rng, 0, 3))
    if r is None:   # add a component index to a load/store
        r = sub_one(rng, OFFSETS_RE, t,
                    lambda m: m.group(0) + "(%s)" % rand_list(rng, 1, 2))
    return r


def m_offsets(rng, t):
    def repl(m):
        if rng.random() < 0.5:
            # change the length of the list, with small values
            n = rng.choice([0, 1, 2, 3, 4, 5, 8])
            vals = ", ".join(str(rng.randint(-2, 2)) for _ in range(n))
        else:
            items = [s.strip() for s in
                     m.group(0)[len(m.group(1)) + 1:-1].split(",")]
            items[rng.randrange(len(items))] = rand_int(rng)
            vals = ", ".join(items)
        return "%s[%s]" % (m.group(1), vals)
    return sub_one(rng, OFFSETS_RE, t, repl)


def m_components(rng, t):
    return sub_one(rng, COMPONENTS_RE, t,
                   lambda m: "components [%s]" % rand_list(rng, 0, 4))


def m_layout(rng, t):
    return sub_one(rng, LAYOUT_RE, t,
                   lambda m: "layout " + rng.choice(LAYOUTS))


def m_predicate(rng, t):
    return sub_one(rng, PRED_RE, t,
                   lambda m: m.group(1) + rng.choice(PREDICATES))


def m_opname(rng, t):
    def repl(m):
        name = m.group(1)
        if name in BINARY_OPS and rng.random() < 0.7:
            return rng.choice(BINARY_OPS)
        if name in UNARY_OPS and rng.random() < 0.7:
            return rng.choice(UNARY_OPS)
        if name in ("iterate", "iterate_sparse") and rng.random() < 0.7:
            return rng.choice(["iterate", "iterate_sparse"])
        if name in ("load", "store") and rng.random() < 0.5:
            return rng.choice(["load", "store"])
        return rng.choice(ALL_OPS)
    return sub_one(rng, OPNAME_RE, t, repl)


def m_ssa(rng, t):
    """Replace a use of an SSA value by another name of the input."""
    names = sorted(set(SSA_RE.findall(t)))
    if len(names) < 2:
        return None
    return sub_one(rng, SSA_RE, t, lambda m: rng.choice(names))


def m_counters(rng, t):
    def repl(m):
        n = rng.choice([0, 1, 2, 3, 4, 5])
        names = ["%%c%d" % i for i in range(n)]
        if rng.random() < 0.3 and n:
            names[-1] = names[0]    # a duplicated counter
        body = ", ".join(names)
        if rng.random() < 0.3:
            body += " : " + rand_type(rng)
        return "%s(%s)" % (m.group(1), body)
    return sub_one(rng, COUNTERS_RE, t, repl)


def m_delete_terminator(rng, t):
    return sub_one(rng, re.compile(r"ps\.(?:return|yield)[^\n]*"), t,
                   lambda m: rng.choice(["", "ps.yield", "ps.return",
                                         "ps.yield %x : !ps.untyped"]))


def m_kernel_sig(rng, t):
    """Change a parameter's type in a kernel signature (one use, not all)."""
    return sub_one(rng, re.compile(r"(?<=: )(!ps\.field<[^<>]*>|[!\w.]+)(?=[,)]|\s*\{)"),
                   t, lambda m: rand_type(rng))


def m_field_tweak(rng, t):
    """Change one parameter of a field type, everywhere it occurs: the
    module stays consistent, so the mutant gets past the parser."""
    ms = sorted(set(m.group(0) for m in FIELD_RE.finditer(t)))
    if not ms:
        return None
    old = rng.choice(ms)
    inner = old[len("!ps.field<"):-1]
    parts = [p.strip() for p in inner.split(",")]
    # the shape and element type, then `key value` clauses (a components
    # list holds commas: glue it back together)
    clauses = []
    for p in parts[1:]:
        if clauses and clauses[-1].startswith("components") and \
                not clauses[-1].endswith("]"):
            clauses[-1] += ", " + p
        else:
            clauses.append(p)
    dims = parts[0].split("x")
    shape, elem = dims[:-1], dims[-1]
    k = rng.randrange(7)
    if k == 0:
        elem = rng.choice(ELEMENT_TYPES)
    elif k == 1:
        clauses = [c for c in clauses if not c.startswith("ghost")]
        clauses.append("ghost " + (rand_int(rng) if rng.random() < 0.3
                                   else str(rng.randint(0, 3))))
    elif k == 2:
        clauses = [c for c in clauses if not c.startswith("components")]
        if rng.random() < 0.8:
            n = rng.choice([1, 1, 2, 3])
            clauses.insert(0, "components [%s]" % ", ".join(
                rand_int(rng) if rng.random() < 0.2 else
                str(rng.randint(1, 20)) for _ in range(n)))
    elif k == 3:
        clauses = [c for c in clauses if not c.startswith("layout") and
                   not c.startswith("strides")]
        if rng.random() < 0.3:
            n = len(shape) + rng.choice([0, 0, 1, 2])
            clauses.append("strides [%s]" % ", ".join(
                rng.choice(["?", "1", "0", "-1", "8", rand_int(rng)])
                for _ in range(n)))
        else:
            clauses.append("layout " + rng.choice(LAYOUTS))
    elif k == 4:
        shape = [rng.choice(["?", "?", "1", "2", "3", "4", "16"])
                 for _ in shape]
    elif k == 5:
        if rng.random() < 0.5 and shape:
            shape = shape[:-1]
        else:
            shape = shape + ["?"]
    else:
        rng.shuffle(clauses)
    new = "!ps.field<%s>" % ", ".join(["x".join(shape + [elem])] + clauses)
    return t.replace(old, new)


def m_type_all(rng, t):
    """Replace one scalar type name everywhere by another."""
    names = sorted(set(m.group(0) for m in SCALAR_TYPE_RE.finditer(t)))
    if not names:
        return None
    old = rng.choice(names)
    new = rng.choice([x for x in SCALAR_TYPES[:11] if x != old])
    if new == "!ps.untyped" and rng.random() < 0.7:
        # fields cannot hold untyped values: leave field element types
        pat = r"(?<![\w%])"
    else:
        pat = r"(?:(?<![\w%])|(?<=\?x)|(?<=\dx))"
    return re.sub(pat + re.escape(old) + r"(?![\w<])", new, t)


def rand_literal(rng, ty):
    if ty == "i1":
        return rng.choice(["true", "false", "0", "1"])
    if ty.startswith("i"):
        w = int(ty[1:])
        lo, hi = -(1 << (w - 1)), (1 << (w - 1)) - 1
        return str(rng.choice([lo, hi, 0, -1, 1, 2, lo + 1, hi - 1,
                               rng.randint(lo, hi),
                               int(rng.choice(EXTREME_INTS[:6]))]))
    choices = ["0.0", "-0.0", "1.0", "-1.0", "0.5", "2.0", "inf", "-inf",
               "nan", "1e400", "1e-400", "65504.0", "65520.0", "3.5e38",
               "1.7976931348623157e308", "4.9e-324", "0.1", "3",
               "-9223372036854775808", "9223372036854775807", "16777217"]
    return rng.choice(choices)


CONST_TYPES = ["f16", "bf16", "f32", "f64", "i1", "i8", "i16", "i32", "i64",
               "!ps.untyped"]


def const_expr_lines(rng):
    """A self-contained expression over constants (valid most of the time):
    what the folders of ps-eliminate-constants and canonicalize work on."""
    ty = rng.choice(CONST_TYPES)
    lit_ty = ty if ty != "!ps.untyped" else rng.choice(["i64", "f64"])
    p = "%%fz%d_" % rng.randrange(10 ** 6)
    lines = ["%sa = ps.constant %s : %s" % (p, rand_literal(rng, lit_ty), ty),
             "%sb = ps.constant %s : %s" % (p, rand_literal(rng, lit_ty), ty),
             "%sc = ps.constant %s : %s" % (p, rand_literal(rng, lit_ty), ty)]
    k = rng.randrange(6)
    if k == 0:
        op = rng.choice(BINARY_OPS)
        lines.append("%sr = ps.%s %sa, %sb : %s" % (p, op, p, p, ty))
    elif k == 1:
        op = rng.choice(UNARY_OPS)
        lines.append("%sr = ps.%s %sa : %s" % (p, op, p, ty))
    elif k == 2:
        lines.append("%sr = ps.fma %sa, %sb, %sc : %s" % (p, p, p, p, ty))
    elif k == 3:
        lines.append("%sr = ps.cmp %s, %sa, %sb : %s" %
                     (p, rng.choice(PREDICATES[:6]), p, p, ty))
    elif k == 4:
        to = rng.choice(CONST_TYPES[:9])
        lines.append("%sr = ps.cast %sa : %s to %s" % (p, p, ty, to))
        if rng.random() < 0.5:
            lines.append("%ss = ps.cast %sr : %s to %s" %
                         (p, p, to, rng.choice([ty] + CONST_TYPES[:9])))
    else:
        op = rng.choice(BINARY_OPS)
        lines.append("%sn = ps.neg %sa : %s" % (p, p, ty))
        lines.append("%sr = ps.%s %sn, %sa : %s" % (p, op, p, p, ty))
        lines.append("%ss = ps.sub %sr, %sr : %s" % (p, p, p, ty))
    return lines


def body_positions(ls):
    """Lines after which an op may go: inside a kernel or iterate body."""
    return [i + 1 for i, l in enumerate(ls)
            if l.rstrip().endswith("{") or
            re.match(r"\s*(%[\w.$-]+\s*=\s*)?\"?ps\.(?!kernel|iterate|return|"
                     r"yield)", l)]


def m_insert_const_expr(rng, t):
    ls = lines_of(t)
    pos = body_positions(ls)
    if not pos:
        return None
    i = rng.choice(pos)
    ls[i:i] = ["    " + l for l in const_expr_lines(rng)]
    return "\n".join(ls)


def m_insert_op(rng, t):
    """Insert an op over values of the input (often ill-typed)."""
    ls = lines_of(t)
    pos = body_positions(ls)
    names = sorted(set(SSA_RE.findall(t)))
    if not pos or not names:
        return None
    i = rng.choice(pos)
    a, b, c = (rng.choice(names) for _ in range(3))
    ty = rng.choice(CONST_TYPES)
    ty2 = rng.choice(CONST_TYPES)
    r = "%%fz%d" % rng.randrange(10 ** 6)
    op = rng.choice([
        "%s = ps.%s %s, %s : %s" % (r, rng.choice(BINARY_OPS), a, b, ty),
        "%s = ps.%s %s, %s : (%s, %s) -> %s" % (r, rng.choice(BINARY_OPS),
                                              a, b, ty, ty2, ty),
        "%s = ps.%s %s : %s" % (r, rng.choice(UNARY_OPS), a, ty),
        "%s = ps.cast %s : %s to %s" % (r, a, ty, ty2),
        "%s = ps.cmp %s, %s, %s : %s" % (r, rng.choice(PREDICATES), a, b, ty),
        "%s = ps.select %s, %s, %s : %s" % (r, a, b, c, ty),
        "%s = ps.fma %s, %s, %s : %s" % (r, a, b, c, ty),
        "%s = ps.constant %s : %s" % (r, rand_literal(rng, "f64"), ty),
        "ps.store %s, %s[%s] : %s" % (a, b, rand_list(rng, 1, 3),
                                      rand_field_type(rng)),
        "%s = ps.load %s[%s] : %s" % (r, a, rand_list(rng, 1, 3),
                                      rand_field_type(rng)),
        "ps.iterate (%%i, %%j) in %s ghost %s : %s {\n}" %
        (a, rand_int(rng), rand_field_type(rng)),
        "ps.iterate_sparse (%%i) in %s : %s {\n}" % (a, rand_field_type(rng)),
        "ps.yield", "ps.return",
    ])
    ls[i:i] = ["    " + op]
    return "\n".join(ls)


def m_constant(rng, t):
    """Change the value and/or type of a ps.constant."""
    def repl(m):
        ty = m.group(2).strip()
        if rng.random() < 0.4:
            ty = rng.choice(CONST_TYPES)
        lit_ty = ty if ty in CONST_TYPES[:9] else rng.choice(["i64", "f64"])
        return "ps.constant %s : %s" % (rand_literal(rng, lit_ty), ty)
    return sub_one(rng, re.compile(r"ps\.constant\s+([^:\n]+):\s*([^\s,)]+)"),
                   t, repl)


INT_ATTR_TYPES = ["i1", "i8", "i32", "i64", "i65", "i128", "i256", "index",
                  "si64", "ui64", "f32", "f64"]


def rand_attr_value(rng):
    ty = rng.choice(INT_ATTR_TYPES)
    if ty.startswith("f"):
        return "%s : %s" % (rng.choice(EXTREME_FLOATS[:12]), ty)
    if ty == "i1":
        return rng.choice(["true", "false", "1 : i1"])
    r = rng.random()
    if r < 0.3:
        v = str(1 << rng.choice([0, 1, 6, 12, 31, 32, 62, 63, 64, 65, 100, 127]))
    elif r < 0.4:
        v = "-" + str(1 << rng.choice([0, 6, 63, 64, 127]))
    else:
        v = rand_int(rng)
    if rng.random() < 0.1:
        return rng.choice(['"64"', "unit", "[64]", "array<i64: 64>",
                           "dense<64> : tensor<1xi64>", "64", "@sym",
                           "{a = 1}", "#ps<layout fzyx>", "affine_map<() -> ()>"])
    return "%s : %s" % (v, ty)


def rand_arg_attrs(rng):
    attrs = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        k = rng.random()
        if k < 0.25:
            attrs.append("ps.alignment = " + rand_attr_value(rng))
        elif k < 0.5:
            # powers of two of every width, in types of every width
            v = 1 << rng.randrange(0, 130)
            if rng.random() < 0.1:
                v = -v
            attrs.append("ps.alignment = %d : %s" % (v, rng.choice(
                ["i64", "i64", "i32", "i8", "i65", "i128", "i256", "index",
                 "si64", "ui64", "ui128"])))
        elif k < 0.8:
            attrs.append(rng.choice(["ps.contiguous", "ps.contiguous = " +
                                     rand_attr_value(rng)]))
        else:
            attrs.append(rng.choice(["ps.bogus", "ps.bogus = 1 : i64",
                                     "foo.bar = 1", "ps = 1", "ps. = 1",
                                     "ps.alignment", "llvm.noalias"]))
    return "{%s}" % ", ".join(attrs)


def m_arg_attr(rng, t):
    """Give a kernel parameter an attribute dictionary (ps.alignment,
    ps.contiguous, unknown ones), or replace the one it has."""
    r = sub_one(rng, re.compile(r"(?<=>)\s*\{ps\.[^{}]*\}"), t,
                lambda m: " " + rand_arg_attrs(rng))
    if r is None or rng.random() < 0.5:
        # after a parameter type inside a kernel signature
        sig = re.search(r"ps\.kernel\s+@[\w$.]+\s*\(", t)
        if not sig:
            return r
        depth, i, ends = 1, sig.end(), []
        while i < len(t) and depth:
            c = t[i]
            if c in "(<[":
                depth += 1
            elif c in ")>]":
                depth -= 1
                if depth == 0:
                    ends.append(i)
            elif c == "," and depth == 1:
                ends.append(i)
            elif c == "{" and depth == 1:   # skip an existing dictionary
                j = t.find("}", i)
                i = j if j > 0 else i
            i += 1
        if not ends:
            return r
        e = rng.choice(ends)
        r = t[:e] + " " + rand_arg_attrs(rng) + t[e:]
    return r


def m_attr_int(rng, t):
    """Change a typed integer in an attribute: value and width."""
    return sub_one(rng, re.compile(r"(?<![\w%])-?\d+\s*:\s*(?:i\d+|index)\b"),
                   t, lambda m: rand_attr_value(rng))


def m_wrap_if(rng, t):
    """Put a run of lines of a body under scf.if (with or without results):
    ps-analyze reasons about mutually exclusive branches and ps-typify
    unifies through scf.yield."""
    ls = lines_of(t)
    pos = body_positions(ls)
    if not pos:
        return None
    i = rng.choice(pos)
    j = min(len(ls), i + rng.choice([0, 1, 2, 3, 5]))
    inner = ls[i:j]
    defined = [d for l in inner for d in re.findall(r"(%[\w$.-]+)\s*=", l)]
    later = "\n".join(ls[j:])
    if any(re.search(r"ps\.(return|yield|kernel|iterate)|^\s*\}", l)
           for l in inner) or \
            any(re.search(re.escape(d) + r"(?![\w$.-])", later)
                for d in defined):
        inner = []
        j = i
    cond = "%%fzc%d" % rng.randrange(10 ** 6)
    head = ["    %s = ps.constant %s : i1" % (cond, rng.choice(["true",
                                                             "false"]))]
    if rng.random() < 0.1:
        names = sorted(set(SSA_RE.findall(t))) or ["%x"]
        cond = rng.choice(names)
        head = []
    body = ["  " + l for l in inner]
    if rng.random() < 0.5:
        tail = ["    } else {"] + \
            (["  " + l for l in inner] if rng.random() < 0.5 else []) + \
            ["    }"]
    else:
        tail = ["    }"]
    if rng.random() < 0.3:
        # with a result, yielding an untyped constant or an existing value
        ty = rng.choice(["!ps.untyped", "!ps.untyped", "f64", "f32", "i32",
                         "i64", "i16"])
        r = "%%fzr%d" % rng.randrange(10 ** 6)
        v = "%%fzv%d" % rng.randrange(10 ** 6)
        lit = rand_literal(rng, "i64")
        return "\n".join(ls[:i] + head + [
            "    %s = scf.if %s -> (%s) {" % (r, cond, ty),
            "      %s = ps.constant %s : %s" % (v, lit, ty)] + body +
            ["      scf.yield %s : %s" % (v, ty), "    } else {",
             "      %s_e = ps.constant %s : %s" % (v, lit, ty),
             "      scf.yield %s_e : %s" % (v, ty), "    }"] +
            (["    %%fzs%d = ps.add %s, %s : %s" %
              (rng.randrange(10 ** 6), r, r, ty)] if rng.random() < 0.5
             else []) + ls[j:])
    return "\n".join(ls[:i] + head + ["    scf.if %s {" % cond] + body +
                     tail + ls[j:])


# -- line level

def lines_of(t):
    return t.split("\n")


def m_truncate_byte(rng, t):
    return t[:rng.randrange(len(t) + 1)] if t else None


def m_truncate_line(rng, t):
    ls = lines_of(t)
    return "\n".join(ls[:rng.randrange(len(ls) + 1)])


def m_delete_lines(rng, t):
    ls = lines_of(t)
    if not ls:
        return None
    for _ in range(rng.choice([1, 1, 1, 2, 3, 5])):
        if ls:
            del ls[rng.randrange(len(ls))]
    return "\n".join(ls)


def m_duplicate_lines(rng, t):
    ls = lines_of(t)
    i = rng.randrange(len(ls))
    j = min(len(ls), i + rng.choice([1, 1, 2, 4]))
    k = rng.randrange(len(ls) + 1)
    ls[k:k] = ls[i:j]
    return "\n".join(ls)


def m_shuffle_lines(rng, t):
    ls = lines_of(t)
    if len(ls) < 2:
        return None
    i = rng.randrange(len(ls))
    j = min(len(ls), i + rng.choice([2, 3, 5, 10, 1000]))
    seg = ls[i:j]
    rng.shuffle(seg)
    ls[i:j] = seg
    return "\n".join(ls)


def m_move_line(rng, t):
    ls = lines_of(t)
    if len(ls) < 2:
        return None
    line = ls.pop(rng.randrange(len(ls)))
    ls.insert(rng.randrange(len(ls) + 1), line)
    return "\n".join(ls)


# -- byte level

def m_byte_flip(rng, t):
    if not t:
        return None
    b = bytearray(t.encode("utf-8", "surrogateescape"))
    for _ in range(rng.choice([1, 1, 2, 4])):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return b.decode("utf-8", "surrogateescape")


def m_byte_insert(rng, t):
    i = rng.randrange(len(t) + 1)
    r = rng.random()
    if r < 0.5:
        s = rng.choice(SPECIAL_CHARS)
    elif r < 0.8:
        s = rng.choice(TOKENS)
        s = " " + s + " "
    else:
        s = chr(rng.randrange(32, 127))
    return t[:i] + s + t[i:]


def m_byte_delete(rng, t):
    if not t:
        return None
    i = rng.randrange(len(t))
    return t[:i] + t[i + rng.choice([1, 1, 2, 5, 20]):]


def m_splice(rng, t, seeds):
    other = lines_of(rng.choice(seeds)[1])
    ls = lines_of(t)
    i = rng.randrange(len(other))
    j = min(len(other), i + rng.choice([1, 2, 4, 8]))
    k = rng.randrange(len(ls) + 1)
    ls[k:k] = other[i:j]
    return "\n".join(ls)


TOKEN_MUTATORS = [m_int, m_int, m_float, m_scalar_type, m_scalar_type,
                  m_field_type, m_field_type_all, m_field_tweak, m_field_tweak,
                  m_field_tweak, m_type_all, m_type_all, m_insert_const_expr,
                  m_insert_const_expr, m_insert_const_expr, m_insert_op,
                  m_insert_op, m_constant, m_constant, m_ghost,
                  m_arg_attr, m_arg_attr, m_arg_attr, m_attr_int, m_wrap_if, m_wrap_if,
                  m_slice, m_slice, m_component, m_offsets, m_offsets,
                  m_components, m_layout, m_predicate, m_opname, m_opname,
                  m_ssa, m_ssa, m_counters, m_delete_terminator, m_kernel_sig]
LINE_MUTATORS = [m_truncate_byte, m_truncate_line, m_delete_lines,
                 m_delete_lines, m_duplicate_lines, m_shuffle_lines,
                 m_move_line]
BYTE_MUTATORS = [m_byte_flip, m_byte_insert, m_byte_insert, m_byte_delete]


def random_input(rng):
    if rng.random() < 0.4:
        n = rng.randrange(0, 400)
        return "".join(chr(rng.randrange(32, 127)) if rng.random() < 0.93
                       else rng.choice("\n\t") for _ in range(n))
    # a soup of dialect tokens: gets further into the parser
    return " ".join(rng.choice(TOKENS) for _ in range(rng.randrange(1, 80)))


def make_input(rng, seeds):
    """Return (description, text) of one mutant."""
    r = rng.random()
    if r < 0.05:
        return "random", random_input(rng)
    name, text = rng.choice(seeds)
    applied = []
    n = rng.choice([1, 1, 1, 1, 2, 2, 3, 5])
    for _ in range(n):
        k = rng.random()
        if k < 0.65:
            mut = rng.choice(TOKEN_MUTATORS)
        elif k < 0.85:
            mut = rng.choice(LINE_MUTATORS)
        elif k < 0.95:
            mut = rng.choice(BYTE_MUTATORS)
        else:
            mut = None
        if mut is None:
            res = m_splice(rng, text, seeds)
            mname = "splice"
        else:
            res = mut(rng, text)
            mname = mut.__name__[2:]
        if res is not None:
            text = res
            applied.append(mname)
    return "%s[%s]" % (os.path.basename(name), ",".join(applied)), text


# ---------------------------------------------------------------- running

FRAME_RE = re.compile(r"^\s*#(\d+)\s+0x[0-9a-fA-F]+\s+(.*)$")
SKIP_FRAME_RE = re.compile(
    r"llvm::sys::|SignalHandler|PrintStackTrace|RunSignalHandlers|"
    r"__restore_rt|libc\.so|\babort\b|__assert_fail|__assert_fail_base|"
    r"\braise\b|pthread_kill|gsignal|llvm::report_fatal_error|"
    r"llvm::llvm_unreachable_internal|libpthread|__libc_start|_start\b|"
    r"\(/lib/|\(/usr/lib/x86_64-linux-gnu/libc|\s\./\S+:\d+")


def signal_name(rc):
    try:
        return signal.Signals(-rc).name
    except ValueError:
        return "SIG%d" % -rc


def run_ps_opt(ps_opt, flags, path, stdin_data=None):
    """Run ps-opt; return (rc or None on timeout, stdout, stderr)."""
    cmd = [ps_opt] + flags + [path]
    for attempt in range(5):
        try:
            p = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin_data
                                 else subprocess.DEVNULL,
                                 stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE,
                                 start_new_session=True)
            break
        except OSError:
            # the binary is being relinked by a concurrent build: wait
            if attempt == 4:
                raise
            time.sleep(2)
    try:
        out, err = p.communicate(stdin_data, timeout=TIMEOUT_S)
        return p.returncode, out, err
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = p.communicate()
        return None, out, err


def top_frames(text, n=3):
    """The first frames of the stack dump below the crash machinery (signal
    handler, abort, assert), preferring named frames."""
    raw = []
    for line in text.splitlines():
        m = FRAME_RE.match(line)
        if m:
            raw.append(m.group(2))
    # a signal: the frames up to the libc trampoline are the handler's
    for i, f in enumerate(raw[:8]):
        if "libc.so" in f or "__restore_rt" in f:
            raw = raw[i + 1:]
            break
    frames = [f for f in raw if not SKIP_FRAME_RE.search(f)]
    named = [f for f in frames if not f.startswith("(")]
    return (named or frames)[:n]


def normalize_frame(f):
    f = re.sub(r"\(anonymous namespace\)", "anon", f)
    if f.startswith("("):   # unsymbolized: (binary+offset) is stable
        return f.strip()
    f = re.sub(r"\s+\(/[^()]*\+0x[0-9a-f]+\)$", "", f)   # (lib+offset)
    f = re.sub(r"\s+/\S+:\d+(:\d+)?$", "", f)           # file:line
    return f.strip()


CHECK_DIAGNOSTICS = False
# Crashes in upstream MLIR 22 that this project cannot fix, by a stack frame:
# the parser segfaults on a dense array of a non-int/float element type
# (`array<index: 1>`; Debian's mlir-opt crashes the same way). Counted and
# reported, not failures.
KNOWN_UPSTREAM_CRASHES = ["Parser::parseDenseArrayAttr"]
KNOWN_UPSTREAM_HITS = [0]
ERROR_RE = re.compile(r"^\S*:\d+:\d+: error: .*$|^<unknown>:0: error: .*$",
                      re.M)


def classify(rc, out, err):
    """None when fine, else (kind, message, key, frames, log)."""
    text = (err or b"").decode("utf-8", "replace") + "\n" + \
        (out or b"").decode("utf-8", "replace")
    marker = next((m for m in CRASH_MARKERS if m in text), None)
    if CHECK_DIAGNOSTICS and rc == 0 and not marker:
        # (MLIR reports expected-* annotations of lit tests it did not
        # see as errors even without -verify-diagnostics: not ps-opt's)
        m = next((m for m in ERROR_RE.finditer(
            (err or b"").decode("utf-8", "replace"))
            if not re.search(r"error: expected (error|warning|note|remark) "
                             r"\".*\" was not produced", m.group(0))), None)
        if m:
            # an error was reported, yet ps-opt succeeded
            msg = re.sub(r"^\S+:\d+:\d+: ", "", m.group(0))
            msg = re.sub(r"'[^']*'", "'_'", re.sub(r"-?\d+", "N", msg))
            return ("error-exit0", m.group(0), "error-exit0|" + msg, [], text)
    if any(f in text for f in KNOWN_UPSTREAM_CRASHES):
        KNOWN_UPSTREAM_HITS[0] += 1
        return None
    if rc is None:
        kind = "timeout"
    elif rc < 0:
        kind = signal_name(rc).lower()
    elif marker:
        kind = "crash-message"
    elif rc not in (0, 1):
        kind = "exit%d" % rc
    else:
        return None
    # the crash's own message: an assertion, a fatal error
    message = ""
    for line in text.splitlines():
        if "Assertion" in line or "LLVM ERROR" in line or \
                "UNREACHABLE" in line:
            message = line.strip()
            break
    frames = top_frames(text)
    # the key: what the crash is, not where in the input it happened. Input
    # diagnostics printed before a crash vary with the input: they are only
    # used when there is neither a crash message nor a stack.
    key_msg = re.sub(r"^\S*ps-opt\S*: ", "", message)
    key_msg = re.sub(r"0x[0-9a-fA-F]+", "0x?", key_msg)
    key_frame = " < ".join(normalize_frame(f) for f in frames[:2])
    if not message:
        for line in text.splitlines():
            if line.strip() and not line.startswith("PLEASE submit") and \
                    not line.startswith("Stack dump") and \
                    not FRAME_RE.match(line) and \
                    not re.match(r"\d+\.\s", line):
                message = line.strip()
                break
        if not key_frame and kind not in ("timeout",):
            key_msg = re.sub(r"^\S+\.mlir:\d+:\d+: ", "", message)
            key_msg = re.sub(r"-?\d+", "N", key_msg)
    if not message:
        message = "(no message)"
    key = "%s|%s|%s" % (kind, key_msg, key_frame)
    return kind, message, key, frames, text


def run_pipeline(ps_opt, pname, path):
    """Run one pipeline on a file. Return list of (flags, result)."""
    flags = PIPELINE_FLAGS[pname]
    rc, out, err = run_ps_opt(ps_opt, flags, path)
    res = classify(rc, out, err)
    if res is not None or pname not in REPARSED or rc != 0:
        return flags, res
    # parse the output again: what ps-opt prints it must read back
    with tempfile.NamedTemporaryFile("wb", suffix=".mlir", delete=False) as f:
        f.write(out)
        gen = f.name
    try:
        rc2, out2, err2 = run_ps_opt(ps_opt, [], gen)
    finally:
        os.unlink(gen)
    res = classify(rc2, out2, err2)
    if res is None and rc2 != 0:
        # the output of a successful run must parse again
        text = err2.decode("utf-8", "replace")
        first = text.splitlines()[0] if text else ""
        msg = re.sub(r"^\S+:\d+:\d+: ", "", first)
        msg = re.sub(r"-?\d+", "N", msg)
        res = ("roundtrip-error", first, "roundtrip-error|" + msg, [], text)
    return flags + ["| ps-opt (reparse)"], res


# ---------------------------------------------------------------- main

def load_seeds(paths):
    """Seed texts; lit tests written for -split-input-file are split at
    their `// -----` lines into one seed per part."""
    seeds = []
    for p in paths:
        with open(p, "rb") as f:
            text = f.read().decode("utf-8", "surrogateescape")
        parts = re.split(r"(?m)^// -----\s*$", text)
        for i, part in enumerate(parts):
            if part.strip():
                seeds.append((p if len(parts) == 1 else "%s#%d" % (p, i),
                              part))
    return seeds


def derived_seeds(ps_opt, seeds):
    """Other forms of the seeds: generic, typified and fully optimized
    prints, so that mutants also start from typed and generic IR."""
    extra = []
    for name, text in seeds:
        with tempfile.NamedTemporaryFile("wb", suffix=".mlir",
                                         delete=False) as f:
            f.write(text.encode("utf-8", "surrogateescape"))
            path = f.name
        try:
            for tag, flags in (("generic", ["-mlir-print-op-generic"]),
                               ("typified", ["--ps-typify"]),
                               ("full", PIPELINE_FLAGS["full"]),
                               ("typified-generic", ["--ps-typify",
                                                     "-mlir-print-op-generic"])):
                rc, out, _ = run_ps_opt(ps_opt, flags, path)
                if rc == 0 and out:
                    extra.append(("%s:%s" % (name, tag),
                                  out.decode("utf-8", "surrogateescape")))
        finally:
            os.unlink(path)
    return extra


def default_seed_files():
    files = sorted(glob.glob(os.path.join(REPO, "docs", "examples", "*.mlir")))
    files += sorted(glob.glob(os.path.join(REPO, "test", "**", "*.mlir"),
                              recursive=True))
    return files


def save_failure(outdir, saved, kind, key, pname, flags, data, log):
    os.makedirs(outdir, exist_ok=True)
    h = hashlib.sha1(key.encode()).hexdigest()[:8]
    base = os.path.join(outdir, "%s-%s" % (kind, h))
    prev = saved.get(key)
    if prev is not None and len(data) >= prev[1]:
        return None
    with open(base + ".mlir", "wb") as f:
        f.write(data)
    with open(base + ".flags", "w") as f:
        f.write("pipeline: %s\nflags: %s\nkey: %s\n" %
                (pname, " ".join(shlex.quote(x) for x in flags), key))
    with open(base + ".log", "w") as f:
        f.write(log)
    saved[key] = (base + ".mlir", len(data))
    return base + ".mlir"


def crashes(ps_opt, pname, data, key=None):
    """Does data crash pipeline pname (with this key, when given)?"""
    with tempfile.NamedTemporaryFile("wb", suffix=".mlir", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        _, res = run_pipeline(ps_opt, pname, path)
    finally:
        os.unlink(path)
    if res is None:
        return False
    return key is None or res[2] == key


def minimize(args):
    path = args.minimize
    pname = args.pipeline
    key = None
    flags_file = os.path.splitext(path)[0] + ".flags"
    if os.path.exists(flags_file):
        with open(flags_file) as f:
            for line in f:
                if line.startswith("pipeline: ") and not pname:
                    pname = line.split(": ", 1)[1].strip()
                if line.startswith("key: "):
                    key = line.split(": ", 1)[1].rstrip("\n")
    pname = pname or "none"
    if pname not in PIPELINE_FLAGS:
        sys.exit("unknown pipeline %r; known: %s" %
                 (pname, ", ".join(PIPELINE_FLAGS)))
    with open(path, "rb") as f:
        data = f.read()
    # find the key from a fresh run (the binary may have changed)
    with tempfile.NamedTemporaryFile("wb", suffix=".mlir", delete=False) as f:
        f.write(data)
        tmp = f.name
    _, res = run_pipeline(args.ps_opt, pname, tmp)
    os.unlink(tmp)
    if res is None:
        print("minimize: %s does not fail with pipeline %s" % (path, pname))
        return 2
    if key != res[2]:
        key = res[2]
    print("minimize: pipeline %s, key %s" % (pname, key))

    def ok(lines):
        return crashes(args.ps_opt, pname, b"\n".join(lines), key)

    lines = data.split(b"\n")
    # line deletion, ddmin-style chunks down to single lines, until fixpoint
    changed = True
    while changed:
        changed = False
        chunk = max(1, len(lines) // 2)
        while chunk >= 1:
            i = 0
            while i < len(lines):
                cand = lines[:i] + lines[i + chunk:]
                if cand != lines and ok(cand):
                    lines = cand
                    changed = True
                else:
                    i += chunk
            chunk //= 2
    # unwrap: delete a line opening a block together with its closing line
    i = 0
    while i < len(lines):
        if lines[i].rstrip().endswith(b"{"):
            depth, j = 0, i
            while j < len(lines):
                depth += lines[j].count(b"{") - lines[j].count(b"}")
                if depth <= 0:
                    break
                j += 1
            if j < len(lines) and j > i:
                cand = lines[:i] + lines[i + 1:j] + lines[j + 1:]
                if ok(cand):
                    lines = cand
                    continue
        i += 1
    # drop comments-only lines and trailing blanks, then shrink inside lines:
    # delete comma-separated items and words while the crash persists
    for i in range(len(lines)):
        s = lines[i].strip()
        if s.startswith(b"//") and ok(lines[:i] + [b""] + lines[i + 1:]):
            lines[i] = b""
    lines = [l for l in lines if l.strip()] if ok(
        [l for l in lines if l.strip()]) else lines
    for i in range(len(lines)):
        stripped = lines[i].strip()
        indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
        if ok(lines[:i] + [indent + stripped] + lines[i + 1:]):
            lines[i] = indent + stripped
    # inside lines: drop list items (", x") and single tokens, to a fixpoint
    changed = True
    while changed:
        changed = False
        for i in range(len(lines)):
            pieces = re.findall(rb",\s*[^,()\[\]{}<>]+|\s+|[^\s,]+|,", lines[i])
            j = 0
            while j < len(pieces):
                if pieces[j].strip():
                    cand = b"".join(pieces[:j] + pieces[j + 1:])
                    if ok(lines[:i] + [cand] + lines[i + 1:]):
                        lines[i] = cand
                        pieces = pieces[:j] + pieces[j + 1:]
                        changed = True
                        continue
                j += 1
    print("minimize: %d lines, %d bytes" % (len(lines), len(b"\n".join(lines))))
    out = os.path.splitext(path)[0] + ".min.mlir"
    with open(out, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")
    print("minimize: wrote %s" % out)
    print("flags: %s" % " ".join(shlex.quote(x) for x in PIPELINE_FLAGS[pname]))
    sys.stdout.write(b"\n".join(lines).decode("utf-8", "replace") + "\n")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seeds", nargs="*", help="seed .mlir files")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--iterations", type=int, default=300,
                    help="mutants to try (0: no limit)")
    ap.add_argument("--seconds", type=float, default=60,
                    help="time budget (0: no limit)")
    ap.add_argument("--out", default="/tmp/ps-fuzz-failures")
    ap.add_argument("--ps-opt", default=DEFAULT_PS_OPT)
    ap.add_argument("--pipelines", default=",".join(p for p, _ in PIPELINES),
                    help="comma-separated subset of: " +
                    ", ".join(p for p, _ in PIPELINES))
    ap.add_argument("--minimize", metavar="FILE",
                    help="minimize a saved failure instead of fuzzing")
    ap.add_argument("--pipeline", help="pipeline for --minimize")
    ap.add_argument("--no-derived", action="store_true",
                    help="do not add the generic/typified prints of the "
                    "seeds to the seed pool")
    ap.add_argument("--check-diagnostics", action="store_true",
                    help="also count as a failure a run that reports an "
                    "error but exits 0")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    global CHECK_DIAGNOSTICS
    CHECK_DIAGNOSTICS = args.check_diagnostics
    if not os.access(args.ps_opt, os.X_OK):
        sys.exit("ps-opt not found at %s (use --ps-opt)" % args.ps_opt)
    if args.minimize:
        return minimize(args)

    seed_files = args.seeds or default_seed_files()
    if not seed_files:
        sys.exit("no seed files")
    seeds = load_seeds(seed_files)
    if not args.no_derived:
        seeds += derived_seeds(args.ps_opt, seeds)
    pipelines = args.pipelines.split(",")
    for p in pipelines:
        if p not in PIPELINE_FLAGS:
            sys.exit("unknown pipeline %r" % p)

    print("fuzz: seed %d, %d seeds, pipelines %s, ps-opt %s" %
          (args.seed, len(seeds), ",".join(pipelines), args.ps_opt))
    start = time.monotonic()
    passed = failed = 0
    kinds = {}
    saved = {}
    keys_seen = {}
    tmpdir = tempfile.mkdtemp(prefix="ps-fuzz-")
    inp = os.path.join(tmpdir, "input.mlir")
    it = 0
    try:
        while True:
            if args.iterations and it >= args.iterations:
                break
            if args.seconds and time.monotonic() - start >= args.seconds:
                break
            # every iteration has its own generator: iteration i of seed s
            # is reproducible without running the ones before it
            rng = random.Random("%d:%d" % (args.seed, it))
            desc, text = make_input(rng, seeds)
            data = text.encode("utf-8", "surrogateescape")
            with open(inp, "wb") as f:
                f.write(data)
            for pname in pipelines:
                flags, res = run_pipeline(args.ps_opt, pname, inp)
                if res is None:
                    passed += 1
                    continue
                failed += 1
                kind, message, key, frames, log = res
                kinds[kind] = kinds.get(kind, 0) + 1
                new = key not in keys_seen
                keys_seen[key] = keys_seen.get(key, 0) + 1
                path = save_failure(args.out, saved, kind, key, pname, flags,
                                    data, "input: %s (iteration %d)\n%s" %
                                    (desc, it, log))
                if new or args.verbose:
                    print("  iter %d %s [%s] %s: %s%s" %
                          (it, desc, pname, kind, message[:160],
                           (" @ " + normalize_frame(frames[0])[:160])
                           if frames else ""))
            it += 1
    except KeyboardInterrupt:
        print("interrupted")
    finally:
        try:
            os.unlink(inp)
        except OSError:
            pass
        os.rmdir(tmpdir)

    elapsed = time.monotonic() - start
    print("fuzz: %d iterations, %d runs of ps-opt in %.1f s" %
          (it, passed + failed, elapsed))
    if kinds:
        print("failures per kind:")
        for k in sorted(kinds):
            print("  %-16s %d" % (k, kinds[k]))
        print("distinct failures (%d):" % len(saved))
        for key in sorted(saved):
            print("  %s  (%d hits)\n    %s" %
                  (saved[key][0], keys_seen[key], key[:240]))
    if KNOWN_UPSTREAM_HITS[0]:
        print("fuzz: %d runs hit a known upstream MLIR crash (%s), not counted"
              % (KNOWN_UPSTREAM_HITS[0], ", ".join(KNOWN_UPSTREAM_CRASHES)))
    print("fuzz: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
