"""`make bench`: every benchmark, printing its figures (record them in bench/RESULTS.md)."""

from bench.intake import main

if __name__ == "__main__":
    main()
