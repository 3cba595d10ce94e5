"""`make bench`: every benchmark, printing its figures (record them in bench/RESULTS.md)."""

import sys

from bench import intake, taps

if __name__ == "__main__":
    taps.main()
    intake.main(runs=int(sys.argv[1]) if len(sys.argv) > 1 else 3)
