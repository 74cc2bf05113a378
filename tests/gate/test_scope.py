"""The assumptions that let check read only part of the corpus (factcheck.scope), tested against
the real alignment and check kinds: if a change to align or to a check breaks one, these fail
before check can miss a finding."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from gatekit import CORPUS, ROOT, SEEDS

from factcheck.align import build_entities
from factcheck.engine import analyse_paths, assign_ids, load_ruleset, run_rules
from factcheck.extract import LINK_KINDS
from factcheck.scope import ENTITY_ATTRS, LAYER_KINDS, fact_subjects, has_fact_subject, keep_subjects

sys.path.insert(0, str(ROOT))
from bench import generate  # noqa: E402


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> list[list[Path]]:
    out = tmp_path_factory.mktemp("scope")
    generate.write_corpus(80, 3, out)
    return [[SEEDS], [CORPUS], [SEEDS, CORPUS], [out]]


def test_the_link_layer_is_all_align_links_entities_with(corpora) -> None:
    lexicon = load_ruleset().lexicon
    for paths in corpora:
        claims = analyse_paths(paths).claims
        everything = build_entities(claims, lexicon)
        layer = build_entities([c for c in claims if c.kind in LAYER_KINDS], lexicon)
        assert everything.uf.groups() == layer.uf.groups(), paths


def test_every_finding_comes_from_the_facts_of_its_own_subjects(corpora) -> None:
    ruleset = load_ruleset()
    checked = 0
    for paths in corpora:
        alignment = analyse_paths(paths).alignment
        findings = assign_ids(run_rules(ruleset, alignment))
        for finding in findings:
            for doc in sorted(finding.docs):  # each of its releases in turn as the new one
                narrow = keep_subjects(alignment, [doc])
                again = {f.id: f for f in assign_ids(run_rules(ruleset, narrow))}
                assert again.get(finding.id) == finding, (paths, finding.id, doc)
                checked += 1
    assert checked > 50


class _Spy:
    """A claim that records which of its fields and attributes are read."""

    def __init__(self, claim, read: set[str]) -> None:
        self._claim, self._read = claim, read

    def __getattr__(self, name: str):
        self._read.add(name)
        return getattr(self._claim, name)

    def attr(self, name: str, default=None):
        self._read.add("attr:" + name)
        return self._claim.attr(name, default)


def test_the_entity_graph_reads_only_what_a_corpus_snapshot_keeps(corpora) -> None:
    lexicon = load_ruleset().lexicon
    read: set[str] = set()
    for paths in corpora:
        layer = [c for c in analyse_paths(paths).claims if c.kind in LAYER_KINDS]
        spied = build_entities([_Spy(c, read) for c in layer], lexicon)
        assert spied.uf.groups() == build_entities(layer, lexicon).uf.groups()
    assert read <= {"kind", "doc", "value", "subject", "lang"} | {"attr:" + a for a in ENTITY_ATTRS}, read


def test_a_kept_link_claim_has_one_of_the_subjects_check_looks_for(corpora) -> None:
    for paths in corpora:
        analysis = analyse_paths(paths)
        kept = [c for c in analysis.claims if c.kind not in LINK_KINDS]
        assert len(kept) == len(analysis.alignment.claims)
        for claim, resolved in zip(kept, analysis.alignment.claims):
            if claim.kind in LAYER_KINDS:
                assert resolved.subject in fact_subjects(claim, analysis.alignment.entities), (paths, claim)


def test_has_fact_subject_answers_as_fact_subjects_does(corpora) -> None:
    for paths in corpora:
        analysis = analyse_paths(paths)
        entities = analysis.alignment.entities
        layer = [c for c in analysis.claims if c.kind in LAYER_KINDS and c.kind not in LINK_KINDS]
        every = set().union(*(fact_subjects(c, entities) for c in layer))
        for subjects in [set(), every, *({s} for s in sorted(every)[:40]), {"entity:nothing"}]:
            for claim in layer:
                assert has_fact_subject(claim, entities, subjects) == bool(fact_subjects(claim, entities) & subjects)
