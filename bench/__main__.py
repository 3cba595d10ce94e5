"""`make bench`: every benchmark, printing its figures (record them in bench/RESULTS.md).

`python -m bench [runs]` runs the taps and intake benchmarks (as `make bench` does);
`python -m bench summaries`, or ANTT_BENCH=summaries (`make bench ANTT_BENCH=summaries`), runs the
summaries benchmark instead (bench/summaries.py; ANTT_BENCH_SCALE=0.05 for a quick run).
Benchmarks are imported when chosen: the summaries' measuring process (spawned, so it imports
this module again) then carries no Telegram library it does not use."""

import os
import sys

if __name__ == "__main__":
    arguments = sys.argv[1:]
    chosen = os.environ.get("ANTT_BENCH", "")
    if arguments and not arguments[0].isdigit():
        chosen = arguments.pop(0)
    if chosen == "summaries":
        from bench import summaries

        summaries.main()
    elif chosen:
        raise SystemExit(f"unknown benchmark {chosen!r}: expected summaries (or nothing)")
    else:
        from bench import intake, taps

        taps.main()
        intake.main(runs=int(arguments[0]) if arguments else 3)
