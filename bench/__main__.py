"""`make bench`: every benchmark, printing its figures (record them in bench/RESULTS.md)."""

import sys

from bench.intake import main

if __name__ == "__main__":
    main(runs=int(sys.argv[1]) if len(sys.argv) > 1 else 3)
