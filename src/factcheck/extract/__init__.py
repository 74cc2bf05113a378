"""Claim extraction: one normalised document in, its claims out.

Extraction is a pure function of (document, lexicon): no cross-document work happens here, so
results can be cached by content hash and computed in parallel processes.

Order matters where numbers are shared: ratios and compositions claim their numbers first, so a
stated average ("平均每個項目涉及1.5個專利") or a part of a total is not also read as a plain count.
"""

from __future__ import annotations

from factcheck.extract.awards import find_awards
from factcheck.extract.context import Ctx
from factcheck.extract.editions import find_editions
from factcheck.extract.names import Name, find_names, find_short_forms
from factcheck.extract.quantities import group_by_sentence, interval_of, quantity_claims, read_numbers, span_end
from factcheck.extract.roles import find_roles
from factcheck.extract.structures import duration_claims, find_compositions, find_enumerations, find_ratios, is_average
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Section
from factcheck.normalize import Normalized
from factcheck.numbers import find_quantities

# Bump when extraction changes what it reads: cached claims of older versions are re-extracted.
EXTRACTOR_VERSION = "2"


def extract(norm: Normalized, lexicon: Lexicon) -> tuple[Claim, ...]:
    """Every claim read from one document, in text order."""
    ctx = Ctx(norm, lexicon)
    quantities = find_quantities(norm.text)
    reads = read_numbers(ctx, quantities)
    names = find_names(ctx)

    claims: list[Claim] = []
    compositions, part_labels = find_compositions(ctx, reads)
    claims += compositions
    for comp in compositions:
        claims += comp.parts
    plain = [r for r in reads if id(r) not in part_labels]
    base = quantity_claims(ctx, plain, group_by_sentence(ctx, quantities))
    operands = base + [p for c in compositions for p in c.parts]
    # money totals are quantity claims only where the lexicon names them; ratios also use bare amounts,
    # and durations ("為期3日") for averages per day
    ratios = find_ratios(ctx, plain, operands + money_claims(ctx, plain, base) + duration_claims(ctx, quantities))
    averages = {r.q.start for r in plain if is_average(ctx, r)} | {(r.number.start if r.number else -1) for r in ratios}
    claims += [c for c in base if not (c.number is not None and c.number.start in averages)]
    claims += ratios
    claims += find_enumerations(ctx, quantities)
    claims += find_editions(ctx, quantities)
    claims += alias_claims(ctx, names)
    claims += link_claims(ctx)
    claims.append(profile_claim(ctx, quantities))
    claims += find_roles(ctx)
    claims += find_awards(ctx, names)
    claims.sort(key=lambda c: (c.start, c.end, c.kind))
    return tuple(claims)


_OWN_SECTIONS = frozenset({Section.HEADLINE, Section.BODY, Section.CAPTION})
# Kinds that link names and documents for factcheck.align; they are not facts a person reviews.
LINK_KINDS = frozenset({"name_link", "doc_profile"})


def profile_claim(ctx: Ctx, quantities) -> Claim:
    """The numbers of a release (counts, amounts, percentages of 10 and more): two releases of one
    day that share most of them are versions of one release in two languages or scripts."""
    numbers = sorted({f"{float(q.value):g}" for q in quantities
                      if q.kind in ("cardinal", "money", "percent") and q.value is not None and abs(q.value) >= 10
                      and ctx.section_at(q.start) in _OWN_SECTIONS})  # not the boilerplate every release repeats
    event = f"series:{ctx.event.series}" if ctx.event else ""
    return ctx.claim(
        "doc_profile", 0, 0, tuple(numbers), subject=(event, ctx.event.label if ctx.event else "", "the release", ""),
        metric="numbers", metric_label="numbers of the release",
        attrs=(("issuer", ctx.doc.issuer), ("date", ctx.date.isoformat() if ctx.date else None)),
    )


def money_claims(ctx: Ctx, reads, claims: list[Claim]) -> list[Claim]:
    """Amounts of money the lexicon could not name (so no quantity claim): operands for averages only."""
    have = {c.number.start for c in claims if c.number is not None}
    return [
        ctx.claim("quantity", r.q.start, span_end(r), interval_of(r.q), metric=f"money:{r.q.unit}",
                  metric_label="amount", number=r.q)
        for r in reads if r.q.kind == "money" and r.q.start not in have
    ]


def link_claims(ctx: Ctx) -> list[Claim]:
    """Two names of one organisation defined by the text (a short form in brackets)."""
    out = []
    for full, _full_span, short, short_span in find_short_forms(ctx):
        out.append(ctx.claim(
            "name_link", short_span[0], short_span[1], short, subject=(f"name:{full}", full, "defined in the text", ""),
            metric="short-form", metric_label="short form", attrs=(("full", full),),
        ))
    if ctx.event and ctx.doc.issuer and ctx.date:
        # versions of one release (same event, same day, other languages) share their issuer
        out.append(ctx.claim(
            "name_link", 0, 0, ctx.doc.issuer, subject=(f"series:{ctx.event.series}", ctx.event.label, "issuer", ""),
            metric="issuer", metric_label="issuer", attrs=(("issuer", True), ("date", ctx.date.isoformat())),
        ))
    for zh_key, en_key in ctx.series_links:
        out.append(ctx.claim(
            "name_link", 0, 0, en_key, subject=(f"series:{zh_key}", zh_key, "English name in brackets", ""),
            metric="series-name", metric_label="series name", attrs=(("full", zh_key), ("series", True)),
        ))
    return out


def alias_claims(ctx: Ctx, names: list[Name]) -> list[Claim]:
    """A Chinese name written with its English name: the English name's entity is called so."""
    out = []
    for name in names:
        if not (name.zh and name.en and name.zh_span):
            continue
        subject = (f"name:{name.en.casefold()}", name.en, f"English name beside it ({name.how})", "")
        out.append(ctx.claim(
            "alias", name.zh_span[0], name.zh_span[1], name.zh, subject=subject, metric="zh-name",
            metric_label="Chinese name", attrs=(("en", name.en), ("en_span", ctx.norm.source_span(*name.en_span))),
        ))
    return out
