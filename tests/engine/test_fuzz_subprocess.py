"""Hostile inputs run in a child process, so an engine crash (SIGSEGV, SIGFPE) fails a test, not the run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.patterns import PatternProblem, translate

ROOT = Path(__file__).resolve().parents[2]

FACTS_FUZZ = """
import math, random, sys
from engine import Evaluator, PolicyError, load_policy_set
rnd = random.Random(int(sys.argv[1]))
ev = Evaluator(load_policy_set('.'))
atoms = [0, -1, 2**63, 2**63 - 1, -2**63, 2**64, 10**30, 1e-05, 1e+16, math.inf, math.nan, 28.9, True, None,
         '', '28.90', '1e5', '-0.01', '99999999999999.99', '\\x00', '\\ud800', '深圳', '%d+', '[一-龥]+', 'L1', 'trial',
         'fresh_fruit', '2026-12-07T00:00:00Z', '2026-13-40', [], {}, [1, 2], {'$gt': 1}]
runs = refused = 0
for policy in ev.policy_set.policies.values():
    names = list(policy.inputs) + ['sid', 'id', '__req', '$s', 'as_of', 'x' * 300]
    for _ in range(300):
        facts = {rnd.choice(names): rnd.choice(atoms) for _ in range(rnd.randint(0, len(names)))}
        try:
            ev.evaluate(policy.id, facts, money_ints_are_fen=rnd.random() < 0.5)
            runs += 1
        except PolicyError:
            refused += 1
print('ok', runs, refused)
"""

PATTERN_FUZZ = """
import random, sys
from engine.patterns import PatternProblem, translate
from engine.runtime import EngineRuntime
rnd = random.Random(int(sys.argv[1]))
alphabet = list('ab.*+?[]()|{}^$%-\\\\09') + ['一', '龥', 'à', '\\\\d', '3']
rt = EngineRuntime()
accepted = 0
for i in range(400):
    pattern = ''.join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 8)))
    try:
        engine_pattern = translate(pattern)
    except PatternProblem:
        continue
    name = f'fuzz@{i}'
    rt.register(name, {'m': {'all': [{'m': {'$and': [{'$mt': {'s': engine_pattern}}, {'$ex': {'__req': 1}}]}}],
                             'pri': 1, 'run': 'm'},
                       'z': {'all': [{'m': {'$ex': {'__req': 1}}}], 'pri': 9, 'run': 'z'}})
    for s in ('ab', 'a', '', '一', 'aaa', '09'):
        rt.fire(name, {'s': s}, 'post')
    rt.drop(name)
    accepted += 1
print('ok', accepted)
"""


def _child(script: str, seed: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script), str(seed)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hostile_facts_are_refused_or_decided_never_crash(seed: int) -> None:
    result = _child(FACTS_FUZZ, seed)
    assert result.returncode == 0, f"child died with {result.returncode}: {result.stderr[-2000:]}"
    _, runs, refused = result.stdout.split()
    assert int(refused) > 0 and int(runs) > 0


@pytest.mark.parametrize("seed", [1, 2])
def test_accepted_patterns_never_crash_the_engine(seed: int) -> None:
    result = _child(PATTERN_FUZZ, seed)
    assert result.returncode == 0, f"child died with {result.returncode}: {result.stderr[-2000:]}"
    assert int(result.stdout.split()[1]) > 0


@pytest.mark.parametrize("pattern", [
    pytest.param("[一-龥]+", id="multibyte-range-segfaults-the-engine"),
    pytest.param("^ab$", id="anchors"),
    pytest.param("\\w+", id="unicode-class"),
    pytest.param("(?i)ab", id="inline-flag"),
    pytest.param("a++", id="double-quantifier"),
    pytest.param("(ab", id="unbalanced"),
])
def test_patterns_the_engine_cannot_take_are_refused(pattern: str) -> None:
    with pytest.raises(PatternProblem):
        translate(pattern)
