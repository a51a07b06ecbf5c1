"""psmlir.distributed under mpirun: Jacobi sweeps on 1, 2, 3 and 4 ranks,
periodic and fixed, with and without overlap, bit-identical to one block; a process grid that does
not fit is an error on every rank, never a hang."""

import json
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


def test_tuned_steps_run_rank_0s_choice_and_later_runs_take_records(
        tmp_path):
    # 3 ranks of a 40-point x extent: blocks of 14, 13 and 13 points, two
    # shapes, two records.
    env = dict(os.environ, PS_CACHE_DIR=str(tmp_path / "cache"))

    def run():
        command = [MPIRUN, "--allow-run-as-root", "--oversubscribe", "-np",
                   "3", sys.executable,
                   os.path.join(HERE, "distributed_tune.py"), "2"]
        done = subprocess.run(command, capture_output=True, text=True,
                              timeout=180, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout.strip()

    assert run() == "tuned on 3 ranks: one choice, timed, identical to one block"
    assert run() == \
        "tuned on 3 ranks: one choice, from records, identical to one block"
    records = sorted((tmp_path / "cache" / "tuning").glob("*.json"))
    assert len(records) == 2
    # Two different choices: ranks 1 and 2 read another than rank 0's.
    for record, options in zip(records, ["vectorize=none", "opt-level=2"]):
        text = json.loads(record.read_text())
        text["options"] = options
        record.write_text(json.dumps(text))
    assert run() == \
        "tuned on 3 ranks: one choice, from records, identical to one block"


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
