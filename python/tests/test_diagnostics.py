"""Every located diagnostic: the compiler's errors (typing, dependences,
accesses outside the fields) and the front end's come back as KernelError
at the Python line of the assignment that caused them, with that line."""

import inspect

import pytest
import sympy as sp

import psmlir as ps

a, b = ps.fields("a, b: float64[2D]")
c = ps.fields("c: float32[2D]")


def line_of(marker):
    """The line of this file that holds `marker` (after the marker text)."""
    source = inspect.getsource(inspect.getmodule(line_of)).splitlines()
    return next(i + 1 for i, text in enumerate(source)
                if marker in text and "line_of" not in text)


def compile_fails(assignments, match, marker, **config):
    with pytest.raises(ps.KernelError, match=match) as info:
        ps.create_kernel(assignments, **config).compile()
    line = line_of(marker)
    message = str(info.value)
    assert f"{__file__}:{line}:" in message, message
    assert (__file__, line) in [(f, n) for f, n, _ in info.value.locations]
    # The Python line itself follows the diagnostic.
    assert marker in message
    return message


def test_mixed_float_types():
    assignments = [ps.Assignment(a.center, b.center + c.center)]  # MIX
    compile_fails(assignments, r"'ps.add' op operand and result types must "
                  r"agree \(strict C typing: no implicit casts\), got 'f64' "
                  r"and 'f32'; convert with ps.cast", "# MIX")


def test_store_of_another_type():
    assignments = [ps.Assignment(c.center, b.center)]  # STORE
    compile_fails(assignments, r"stored value has type 'f64' but the field "
                  r"holds 'f32'", "# STORE")


def test_counter_in_float_arithmetic():
    update = ps.Assignment(a.center, ps.x_ * b.center)  # COUNTER
    compile_fails([update], r"'ps.mul' op mixes types 'i64' and 'f64': "
                  r"strict C typing allows no implicit casts", "# COUNTER")


def test_loop_carried_dependence():
    update = ps.Assignment(a.center, a[1, 0] + b.center)  # DEPENDENCE
    message = compile_fails([update], r"loop-carried dependence: parameter "
                            r"'a' is written at offsets \[0, 0\] and "
                            r"read at \[1, 0\]", "# DEPENDENCE")
    assert "see current operation" not in message


def test_dependence_through_a_subexpression():
    t = sp.Symbol("t")
    sub = ps.Assignment(t, a[0, -1] * 2)  # READ
    main = ps.Assignment(a.center, t + b.center)
    compile_fails(ps.AssignmentCollection([main], [sub]),
                  r"loop-carried dependence", "# READ")


def test_access_past_the_ghost_layers():
    update = ps.Assignment(a.center, b[2, 0])  # REACH
    compile_fails([update], r"offset 2 in dimension 0 reaches past parameter "
                  r"'b': the iteration space ends 1 layers below",
                  "# REACH", ghost_layers=1)


def test_sparse_kernel_reads_a_field_it_writes_elsewhere():
    import numpy as np
    entries = np.zeros(2, dtype=[("x", np.int64), ("y", np.int64)])
    index = ps.Field.create_from_numpy_array("idx", entries)
    update = ps.Assignment(a.center, a[1, 0])  # SPARSE
    compile_fails([update], r"loop-carried dependence", "# SPARSE",
                  index_fields=[index])


def test_function_the_dialect_lacks():
    update = ps.Assignment(a.center, sp.erf(b.center))  # ERF
    with pytest.raises(ps.KernelError, match=r"erf \(erf\(b\[0,0\]\)\) is not "
                       r"an operation of the ps dialect") as info:
        ps.create_kernel([update])
    assert f"{__file__}:{line_of('# ERF')}:" in str(info.value)


def test_floored_modulo():
    n = ps.TypedSymbol("n", "int64")
    m = ps.fields("m: int64[2D]")
    update = ps.Assignment(m.center, sp.Mod(ps.x_, n))  # MOD
    with pytest.raises(ps.KernelError, match=r"sympy.Mod is the floored "
                       r"modulo; kernels have C's remainder: use "
                       r"psmlir.int_rem") as info:
        ps.create_kernel([update])
    assert f":{line_of('# MOD')}:" in str(info.value)


def test_piecewise_without_otherwise():
    update = ps.Assignment(a.center, sp.Piecewise((1.0, b.center > 0)))  # PW
    with pytest.raises(ps.KernelError, match=r"Piecewise needs a last piece "
                       r"with the condition True") as info:
        ps.create_kernel([update])
    assert f":{line_of('# PW')}:" in str(info.value)


def test_unknown_symbol_is_a_parameter_but_an_undefined_one_is_not():
    t = sp.Symbol("t")
    kernel = ps.create_kernel([ps.Assignment(a.center, t)])
    assert "%t: !ps.untyped" in kernel.program


def test_component_out_of_range():
    f = ps.fields("f(3): float64[2D]")
    update = ps.Assignment(f.center(3), 1.0)  # COMPONENT
    with pytest.raises(ps.KernelError, match=r"component 3 of field 'f' is "
                       r"out of range \[0, 3\)"):
        ps.create_kernel([update])


def test_missing_component():
    f = ps.fields("f(3): float64[2D]")
    with pytest.raises(ps.KernelError, match=r"names 0 components, the field "
                       r"has 1 index dimensions"):
        ps.create_kernel([ps.Assignment(f.center, 1.0)])


def test_no_store():
    t = sp.Symbol("t")
    with pytest.raises(ps.KernelError, match=r"the kernel stores to no "
                       r"field"):
        ps.create_kernel([ps.Assignment(t, b.center)])


def test_fields_of_different_rank():
    g = ps.fields("g: float64[3D]")
    with pytest.raises(ps.KernelError, match=r"one number of spatial "
                       r"dimensions, got 'a' 2D, 'g' 3D"):
        ps.create_kernel([ps.Assignment(a.center, g.center)])


def test_kernel_without_fields():
    r = ps.TypedSymbol("r", "int64")
    with pytest.raises(ps.KernelError, match=r"test_diagnostics.py:\d+:\d+: "
                       r"error: the kernel accesses no field"):
        ps.create_kernel([ps.AddReductionAssignment(r, 1)])  # NO FIELD


def test_the_location_is_in_the_ir():
    update = ps.Assignment(a.center, b[1, 0])  # IR
    kernel = ps.create_kernel([update])
    assert f'loc("{__file__}":{line_of("# IR")}:' in kernel.program


def test_names_that_could_clash_in_the_ir():
    import numpy as np
    x, v1 = ps.fields("x, v1: float64[2D]")
    kernel = ps.create_kernel(ps.Assignment(x.center, v1[1, 0]))
    out = np.zeros((4, 3))
    kernel(x=out, v1=np.ones((4, 3)))
    assert out[1:-1, 1:-1].tolist() == [[1.0], [1.0]]
    with pytest.raises(ValueError, match="function_name 'my kernel' is not "
                       "an identifier"):
        ps.create_kernel(ps.Assignment(x.center, 1.0),
                         function_name="my kernel")
