"""`factcheck claims` and `factcheck facts` tables: every cell is shown as written."""

from __future__ import annotations

import dataclasses

from factcheck.align import align
from factcheck.engine import analyse_documents, documents_from_texts
from factcheck.lexicon import builtin_lexicon
from factcheck.model import Claim, Interval
from factcheck.report.listings import claims_table, facts_table

TEXT = "HONG KONG, Sept 13, 2023 – Visitors per day: 9,904. The expo welcomed 29,712 visitors over three days.\n"


def analysis_quoting_a_bare_number():
    """An analysis with a claim whose quote is a number with a thousands separator and nothing
    else (a stated average often is): tabulate 0.10 read such a wrapped cell as an int and
    crashed on the comma."""
    analysis = analyse_documents(documents_from_texts({"expo": TEXT}), builtin_lexicon())
    start = TEXT.index("9,904")
    claim = Claim("ratio", "expo", start, start + len("9,904"), Interval(9904, 9904), subject="series:en:expo",
                  metric="visitors/per/duration:day", metric_label="visitors per day", scope="edition:2023")
    claims = (*analysis.claims, claim, dataclasses.replace(claim, start=TEXT.index("29,712"), end=TEXT.index("29,712") + 6))
    return dataclasses.replace(analysis, claims=claims, alignment=align(analysis.documents, claims, builtin_lexicon()))


def test_a_quote_that_is_a_bare_number_with_separators_is_shown_as_written() -> None:
    table = claims_table(analysis_quoting_a_bare_number())
    row = next(line for line in table.splitlines() if "9,904" in line and "ratio" in line)
    assert row.rstrip().endswith("9,904")
    assert "9904 " not in row.replace("[9904,9904]", "")


def test_facts_table_shows_the_claims_of_a_bare_number_fact() -> None:
    table = facts_table(analysis_quoting_a_bare_number(), include_single=True)
    assert "9,904" in table and "29,712" in table
