"""A running bot's heap: what start-up built (modules, forms, catalogues, SQL and schema
caches: ~356,000 objects) lives as long as the process, and the cyclic garbage collector's full
passes walked all of it again and again: 211 ms each on this machine, a pause in the middle of
someone's answer every few hundred updates in a flood (bench/RESULTS.md, throughput). Frozen
once start-up is done (`gc.freeze`), they are left out of every later collection."""

from __future__ import annotations

import gc


def leave_start_up_out_of_collections() -> None:
    """Collect what start-up threw away, then freeze what is left: later collections walk only
    what was made since. For the processes that run for hours (`antt-bot run`, the scheduler)."""
    gc.collect()
    gc.freeze()
