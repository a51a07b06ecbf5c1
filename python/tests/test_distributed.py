"""psmlir.distributed under mpirun: Jacobi sweeps on 1, 2, 3 and 4 ranks,
periodic and fixed, with and without overlap, bit-identical to one block; a process grid that does
not fit is an error on every rank, never a hang."""

import os
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("mpi4py")
MPIRUN = shutil.which("mpirun")
pytestmark = pytest.mark.skipif(MPIRUN is None, reason="no mpirun")
HERE = os.path.dirname(os.path.abspath(__file__))


def mpirun(ranks, *arguments):
    command = [MPIRUN, "--allow-run-as-root", "--oversubscribe", "-np",
               str(ranks), sys.executable, *arguments]
    return subprocess.run(command, capture_output=True, text=True,
                          timeout=180)


@pytest.mark.parametrize("ranks", [1, 2, 3, 4])
@pytest.mark.parametrize("boundary", ["periodic", "fixed"])
def test_jacobi_on_ranks_is_one_block(ranks, boundary):
    run = mpirun(ranks, os.path.join(HERE, "distributed_jacobi.py"),
                 boundary, "3")
    assert run.returncode == 0, run.stderr
    assert "identical to one block" in run.stdout, run.stdout + run.stderr
    if ranks == 4 and boundary == "periodic":  # what docs/Distributed.md shows
        assert run.stdout.strip() == \
            "4 ranks [2, 2], periodic: identical to one block"


@pytest.mark.parametrize("ranks", [1, 2, 4])
@pytest.mark.parametrize("boundary", ["periodic", "fixed"])
def test_overlapped_steps_are_one_block(ranks, boundary):
    run = mpirun(ranks, os.path.join(HERE, "distributed_jacobi.py"),
                 boundary, "3", "overlap")
    assert run.returncode == 0, run.stderr
    assert "overlapped: identical to one block" in run.stdout, \
        run.stdout + run.stderr


def test_a_grid_that_does_not_fit_fails_on_every_rank(tmp_path):
    # Each rank writes what it got to a file of its own (their lines on a
    # shared stdout may interleave).
    code = ("import sys\n"
            "from mpi4py import MPI\n"
            "from psmlir.distributed import Decomposition\n"
            "rank = MPI.COMM_WORLD.Get_rank()\n"
            "try:\n"
            "    Decomposition(MPI.COMM_WORLD, (8, 8), dims=(3, 3))\n"
            "except ValueError as error:\n"
            "    open(f'{sys.argv[1]}/rank{rank}', 'w').write(str(error))\n")
    run = mpirun(4, "-c", code, str(tmp_path))
    assert run.returncode == 0, run.stderr
    for rank in range(4):
        assert (tmp_path / f"rank{rank}").read_text() == \
            "a process grid of [3, 3] does not fit 4 ranks"
