"""benchmarks/run.py's in-process profile against the engine as it is now.

The benchmark runs by hand, not in the suite; its profile once called an engine method whose
signature had changed, hid the TypeError, and dropped its paragraph from docs/performance.md
for days. This runs the profile on a class of one, so such drift fails here instead.
"""
from conftest import ROOT, load_module


def test_the_profile_runs_against_the_current_engine(tmp_path):
    bench = load_module(ROOT / "benchmarks" / "run.py", "_benchmark_run")
    bench.make_class(tmp_path, 1, part=1)
    found = bench.profile_submission(tmp_path, repeats=1)
    assert found["requests"] >= 2  # a submission's files, then its calls
    assert 0 < found["worker_fork_s"] and 0 < found["grade_in_process_s"] and 0 < found["worker_startup_s"]
    assert found["waiting_s"] > 0
