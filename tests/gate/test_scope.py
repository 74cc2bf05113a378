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
from factcheck.scope import LAYER_KINDS, keep_subjects

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
