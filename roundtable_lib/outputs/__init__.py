"""What leaves the room: the organisers' review, and the exports.

- ``export``: ``export_all``, every output written into one folder, read through the privacy policy.
- ``document``: the documents' content, built once (``Content``), and the way they word things.
- ``report``, ``joint_recommendations``: the two documents as blocks, one function per section.
- ``report_sections``, ``report_words``: the report's sections written from what was captured, and
  their bilingual wording (with the mark of a missing translation).
- ``emblem``: the funder's emblem, drawn for the report's cover.
- ``word``, ``web``, ``pdf``: the blocks as Word, Markdown/HTML, and PDF (printed by Chromium,
  its contents numbered in two passes).
- ``word_style``: the Word files' fonts and package parts.
- ``libreoffice``: the Word report laid out once by LibreOffice, for the page numbers of its contents.
- ``chart_images``: the documents' charts as PNG (kaleido, with the machine's Chromium).
- ``spreadsheets``: Excel workbooks and CSV files.
- ``carry_forward``: the package that starts the next meeting, and importing it.
- ``dataframes``: the meeting's data as pandas DataFrames.
- ``manifest``: which files an export wrote, so that the next one removes those it no longer writes.
- ``review``: the organisers' review panel (a widget).
- ``review_items``: what the review shows (filters, the table, an item's history in words, links to
  an export's files), as plain functions.
- ``prepublication``: what an organiser checks before a public export (the command and the review show it).
- ``word_scripts``: each script of a Word paragraph in its own font, and Arabic right to left.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store`,
:mod:`roundtable_lib.display`, :mod:`roundtable_lib.exceptions`; pandas, plotly, python-docx,
openpyxl, kaleido; ipywidgets, the chair's keystroke-safe buttons
(:mod:`roundtable_lib.chair.keystrokes`) and the chair screen's language switch, memory and
scroll to the top (:mod:`roundtable_lib.chair.screen`) only in ``review``. Never the chair's
forms, the dashboards or the serving side.
"""
