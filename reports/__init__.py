"""Summaries, digests and files for the ward police: data in, text and bytes out.

Entry points: `summary.summarise_ward` / `summarise_province` / `summarise_team`,
`digest.ward_digest`, `excel.ward_workbook`, `word.ward_report`, `chart.ward_chart` (and their
province versions); campaigns from `campaigns.load_campaigns`, periods from `periods` and
`phases`. Nothing here imports the messenger, the bot, the handlers or storage.
"""
