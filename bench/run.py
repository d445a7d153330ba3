"""`make bench`: run every bench/bench_*.py, each in its own Python process.

Benchmarks print measurements and ratios; none passes or fails on a time.
This runner exits non-zero only if a benchmark crashed."""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names):
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [script for script in scripts if script.stem in names or script.stem.removeprefix("bench_") in names]
    if not scripts:
        print(f"No benchmark matches {names}; have: {[s.stem for s in sorted(HERE.glob('bench_*.py'))]}")
        return 2
    failed = []
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        print(f"--- {script.stem}: {time.perf_counter() - started:.1f} s", flush=True)
        if result.returncode != 0:
            failed.append(script.stem)
    if failed:
        print(f"\nThese benchmarks crashed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
