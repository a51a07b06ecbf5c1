"""Program.tune: the candidate variants timed on copies of the caller's
arrays (which stay unwritten), the fastest kept, bit-identical to the
untuned kernel, and recorded so that a second process takes it untimed,
and that a program called on the tuned shapes runs it."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import psmlir as ps

SCRIPT = """
import json, numpy as np, psmlir as ps
src, dst = ps.fields("src, dst: float64[2D]")
update = ps.Assignment(dst.center,
                       (src[1, 0] + src[-1, 0] + src[0, 1] + src[0, -1]) / 4)
a = np.arange(96.0 * 80).reshape(96, 80) / 7
info = ps.create_kernel(update).tune(src=a, dst=np.zeros_like(a))
print(json.dumps({"choice": info["choice"], "record": info["from_record"],
                  "timed": sorted(info["seconds"])}))
"""


CALL_SCRIPT = """
import json, numpy as np, psmlir as ps
src, dst = ps.fields("src, dst: float64[2D]")
update = ps.Assignment(dst.center,
                       (src[1, 0] + src[-1, 0] + src[0, 1] + src[0, -1]) / 4)
a = np.arange(96.0 * 80).reshape(96, 80) / 7
kernel = ps.create_kernel(update).compile()
before = kernel.tuned_choice
kernel(src=a, dst=np.zeros_like(a))
print(json.dumps({"before": before, "after": kernel.tuned_choice}))
"""


def jacobi():
    src, dst = ps.fields("src, dst: float64[2D]")
    return ps.Assignment(dst.center, (src[1, 0] + src[-1, 0] + src[0, 1]
                                      + src[0, -1]) / 4)


def test_tuning_writes_nothing_and_keeps_the_bits():
    update = jacobi()
    a = np.random.default_rng(1).random((64, 48))
    b = np.full_like(a, 7.0)
    a0, b0 = a.copy(), b.copy()
    tuned = ps.create_kernel(update)
    info = tuned.tune(src=a, dst=b)
    assert np.array_equal(a, a0) and np.array_equal(b, b0)
    assert info["choice"] in info["seconds"] or info["from_record"]
    if not info["from_record"]:
        assert 3 <= info["rounds"] <= 12
        # Fewer than the most rounds only once the fastest stands apart.
        assert info["settled"] or info["rounds"] == 12
    # Later calls run the choice, and say so; a bound copy keeps it.
    assert tuned.variant_options == info["options"]
    assert tuned.bind(src=a).variant_options == info["options"]
    assert tuned.tuned_choice == info["choice"]
    plain = ps.create_kernel(update).compile()
    assert plain.variant_options == "" and plain.tuned_choice is None
    unrolled = ps.create_kernel(update, config=ps.CreateKernelConfig(
        options={"vectorize": "host", "unroll": 3})).compile()
    assert unrolled.variant_options == "unroll=3 vectorize=host"
    expected = np.zeros_like(a)
    untuned = ps.create_kernel(update, config=ps.CreateKernelConfig(
        options={"vectorize": "avx2", "unroll": 1})).compile()
    untuned(src=a, dst=expected)
    got = np.zeros_like(a)
    tuned(src=a, dst=got)
    assert np.array_equal(got, expected)
    # A new program of the same kernel takes the record at its first call
    # on the tuned shapes; on other shapes it keeps the options as given.
    with pytest.raises(TypeError, match="element type f32"):
        plain(src=a.astype(np.float32), dst=got)
    plain(src=a, dst=got)
    assert plain.tuned_choice == info["choice"]
    assert plain.variant_options == info["options"]
    other = ps.create_kernel(update)
    other(src=a[:40], dst=got[:40])
    assert other.tuned_choice is None and other.variant_options == ""


def test_a_second_process_takes_the_record(tmp_path):
    env = dict(os.environ, PS_CACHE_DIR=str(tmp_path))
    runs = [subprocess.run([sys.executable, "-c", script], env=env,
                           capture_output=True, text=True, timeout=300)
            for script in (SCRIPT, SCRIPT, CALL_SCRIPT)]
    for run in runs:
        assert run.returncode == 0, run.stderr
    first, second, called = (json.loads(r.stdout) for r in runs)
    assert not first["record"]
    assert first["timed"] == ["as-given", "auto-no-prefetch",
                              "auto-no-streaming", "auto-reuse", "auto-u1",
                              "llvm", "simd", "simd-nt", "simd-u4"]
    assert second == {"choice": first["choice"], "record": True, "timed": []}
    # A process that only calls the kernel runs the recorded choice.
    assert called == {"before": None, "after": first["choice"]}


def test_wrong_arguments_are_refused_before_timing():
    a = np.zeros((8, 8), dtype=np.float32)
    with pytest.raises(TypeError, match="element type f32, expected f64"):
        ps.create_kernel(jacobi()).tune(src=a, dst=a.copy())
