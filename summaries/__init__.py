"""The summaries service: records read from storage, packages made by reports/, their jobs,
and the roster files."""
