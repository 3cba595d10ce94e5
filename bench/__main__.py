"""`make bench`: every benchmark, printing its figures (record them in bench/RESULTS.md).

`python -m bench [runs]` runs the command line, taps, form steps, intake, broadcast and call-out
benchmarks (as `make bench` does); `python -m bench cli` only the command line's (bench/cli.py,
seconds);
`python -m bench summaries`, or ANTT_BENCH=summaries (`make bench ANTT_BENCH=summaries`), runs the
summaries benchmark instead (bench/summaries.py; ANTT_BENCH_SCALE=0.05 for a quick run);
`python -m bench broadcast` the scheduler's broadcast to 10,000 members (bench/broadcast.py,
about 7 minutes a run: Telegram's limits set the pace; ANTT_BENCH_MEMBERS for fewer);
`python -m bench call-outs [runs]` the time from an officer's confirm to the last of 50 members
alerted, alone and during a 10,000-member broadcast (bench/call_outs.py);
`python -m bench form-steps [runs]` what a member does to complete each form on Telegram (taps,
texts, photos) and on Zalo (messages typed, photos), and the good deed's bound on Zalo
(bench/form_steps.py, issue 17);
`python -m bench chat-claims` how webhook processes hold a chat on PostgreSQL (row lock or
advisory lock; bench/chat_claims.py, needs ANTT_BENCH_DATABASE_URL);
`python -m bench throughput [runs]` long polling against 1, 2 and 4 webhook processes on
PostgreSQL and the aiogram echo bot (bench/throughput.py; `throughput profile` profiles one
webhook process).
Benchmarks are imported when chosen: the summaries' measuring process (spawned, so it imports
this module again) then carries no Telegram library it does not use."""

import os
import sys

if __name__ == "__main__":
    arguments = sys.argv[1:]
    chosen = os.environ.get("ANTT_BENCH", "")
    if arguments and not arguments[0].isdigit():
        chosen = arguments.pop(0)
    if chosen == "cli":
        from bench import cli

        cli.main()
    elif chosen == "summaries":
        from bench import summaries

        summaries.main()
    elif chosen == "chat-claims":
        from bench import chat_claims

        chat_claims.main()
    elif chosen == "broadcast":
        from bench import broadcast

        broadcast.main()
    elif chosen == "form-steps":
        from bench import form_steps

        form_steps.main(int(arguments[0]) if arguments else 3)
    elif chosen == "throughput":
        from bench import throughput

        if arguments and arguments[0] == "profile":
            throughput.profile(
                os.environ.get("ANTT_BENCH_DATABASE_URL", throughput.DEFAULT_PG),
                arguments[1] if len(arguments) > 1 else "py-spy",
            )
        else:
            throughput.main(int(arguments[0]) if arguments else 1)
    elif chosen == "call-outs":
        from bench import call_outs

        call_outs.main(int(arguments[0]) if arguments else 3)
    elif chosen:
        raise SystemExit(
            f"unknown benchmark {chosen!r}: expected cli, summaries, broadcast, call-outs, "
            "form-steps, chat-claims or throughput (or nothing)"
        )
    else:
        from bench import broadcast, call_outs, cli, form_steps, intake, taps, throughput

        cli.main()
        taps.main()
        form_steps.main(int(arguments[0]) if arguments else 3)
        intake.main(runs=int(arguments[0]) if arguments else 3)
        broadcast.main()
        call_outs.main(int(arguments[0]) if arguments else 3)
        throughput.main()
