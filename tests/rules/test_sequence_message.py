"""OR01's message quotes releases its evidence lists, so a reviewer can find both sides."""

from __future__ import annotations

from factcheck.engine import check_texts


def release(year: int, edition: int, month: int = 5) -> str:
    return (f"第{edition}屆「智慧城市創新大賽」頒獎典禮\n\n"
            f"香港，{year}年{month}月10日 – 第{edition}屆「智慧城市創新大賽」頒獎典禮今天舉行。")


def test_a_lone_off_by_one_edition_is_compared_with_the_nearest_year_of_the_majority() -> None:
    # 2019, 2020, 2021 are the 1st, 2nd and 3rd editions; the 2023 release says 6th (a series
    # started in 2018), where the others make it the 5th. No other release is of 2023, so the
    # message compares it with 2021, the nearest year the majority gives, which the evidence lists.
    docs = {"y2019": release(2019, 1), "y2020": release(2020, 2), "y2021": release(2021, 3), "y2023": release(2023, 6)}
    (finding,) = check_texts(docs, select=["OR01"])
    assert sorted({(e.doc, e.text) for e in finding.evidence}) == [("y2021", "第3屆"), ("y2023", "第6屆")]
    assert "y2021" in finding.message and "y2023" in finding.message
    assert "y2019" not in finding.message and "y2020" not in finding.message
