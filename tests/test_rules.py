"""The rule algebra: all / any / not over three outcomes, decisive findings, data."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk_delivery.errors import InvalidType, ValidationError
from adminduk_delivery.policy import Decision, Finding, Outcome, Rule


def leaf(name: str) -> Rule[dict[str, Outcome]]:
    """A rule whose outcome the context names: ``{name: outcome}``."""
    return Rule(
        name,
        lambda c: c[name] is Outcome.PASSED,
        applies=lambda c: c[name] is not Outcome.NOT_APPLICABLE,
        passed=(f"{name} ya", f"{name} yes"),
        failed=(f"{name} tidak", f"{name} no"),
        data=lambda c: {"name": name},
    )


NAMES = ("a", "b", "c", "d")


def trees(depth: int = 3) -> st.SearchStrategy[Rule[dict[str, Outcome]]]:
    """Random rule trees over the leaves a-d."""
    leaves = st.sampled_from(NAMES).map(leaf)
    return st.recursive(
        leaves,
        lambda kids: st.one_of(
            st.tuples(kids, kids).map(lambda p: p[0] & p[1]),
            st.tuples(kids, kids).map(lambda p: p[0] | p[1]),
            kids.map(lambda r: ~r),
        ),
        max_leaves=8,
    )


def truth(rule: Rule[dict[str, Outcome]], context: dict[str, Outcome]) -> Outcome:
    """The outcome by the algebra's definition, computed independently of the findings."""
    mode = getattr(rule, "mode", None)
    if mode is None:
        return context[rule.rule_id]
    outcomes = [truth(part, context) for part in rule.parts]  # type: ignore[attr-defined]
    if mode == "not":
        return outcomes[0].flipped
    first, second = (
        (Outcome.FAILED, Outcome.PASSED) if mode == "all" else (Outcome.PASSED, Outcome.FAILED)
    )
    if first in outcomes:
        return first
    if second in outcomes:
        return second
    return Outcome.NOT_APPLICABLE


contexts = st.fixed_dictionaries({name: st.sampled_from(list(Outcome)) for name in NAMES})


@given(rule=trees(), context=contexts)
def test_allowed_exactly_without_a_decisive_denial(rule, context):
    """Property: over random trees of &, | and ~, a rule allows exactly when no decisive
    finding failed, and the outcome is the three-valued one of the definition."""
    outcome, findings = rule.judge(context)
    assert outcome is truth(rule, context)
    ok, same = rule.evaluate(context)
    assert same == findings
    assert ok == (not any(f.failed and f.decisive for f in findings))
    assert (outcome is Outcome.PASSED) == any(f.passed and f.decisive for f in findings)
    decision = Decision(decision="test", allowed=ok, findings=findings)
    assert decision.allowed == (not decision.denials)
    assert (decision.reason is None) == decision.allowed


def test_not_flips_its_findings():
    """Finding 1: ~rule where the rule fails is allowed with no denial, and the flipped
    finding passes under the negated id with the fact's message."""
    no = Rule("no", lambda c: False, passed=("ya", "yes"), failed=("tidak", "no"))
    ok, findings = (~no).evaluate(None)
    assert ok
    assert [(f.rule_id, f.outcome, f.message_en) for f in findings] == [
        ("~no", Outcome.PASSED, "no")
    ]
    decision = Decision(decision="test", allowed=ok, findings=findings)
    assert decision.denials == ()
    ok, findings = (~~no).evaluate(None)
    assert not ok
    assert [f.rule_id for f in findings] == ["no"]


def test_not_applicable_is_neither():
    """A rule that does not apply neither passes nor fails; & and | skip it."""
    skip = Rule("skip", bool, applies=lambda c: False, passed=("", ""), failed=("", ""))
    no = Rule("no", lambda c: False, passed=("ya", "yes"), failed=("tidak", "no"))
    assert skip.judge(None)[0] is Outcome.NOT_APPLICABLE
    assert skip.evaluate(None)[0] is True
    assert (skip & no).judge(None)[0] is Outcome.FAILED
    assert (skip | no).judge(None)[0] is Outcome.FAILED
    assert (~skip).judge(None)[0] is Outcome.NOT_APPLICABLE
    finding = skip.judge(None)[1][0]
    assert not finding.applicable
    assert finding.mark() == "n/a"
    assert finding.message_en == "not applicable"


def test_findings_carry_data():
    """A rule's data function puts the facts beside the message."""
    missing = Rule(
        "complete",
        lambda c: not c,
        passed=("lengkap", "complete"),
        failed=lambda c: ("kurang: " + ", ".join(c), "lacks: " + ", ".join(c)),
        data=lambda c: {"missing": c},
    )
    (finding,) = missing.evaluate(["rt", "rw"])[1]
    assert finding.data == {"missing": ("rt", "rw")}
    assert finding.message_id == "kurang: rt, rw"


def test_keyed_findings_are_reused():
    """With a key, the finding for one key and outcome is built once."""
    calls = []

    def message(c):
        calls.append(c)
        return (f"jenis {c}", f"kind {c}")

    rule = Rule("kind", lambda c: c == "x", passed=message, failed=message, key=lambda c: c)
    first = rule.evaluate("x")[1][0]
    assert rule.evaluate("x")[1][0] is first
    assert rule.evaluate("y")[1][0].message_en == "kind y"
    assert calls == ["x", "y"]


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: Rule("", bool, passed=("", ""), failed=("", "")), "empty"),
        (lambda: Rule(3, bool, passed=("", ""), failed=("", "")), "type"),
        (lambda: Rule("r", None, passed=("", ""), failed=("", "")), "type"),
        (lambda: Rule("r", bool, passed="ok", failed=("", "")), "type"),
        (lambda: Rule("r", bool, passed=("", ""), failed=("", ""), data=3), "type"),
        (lambda: Rule("r", bool, passed=("", ""), failed=("", "")) & 3, "type"),
        (lambda: Finding(rule_id="r", outcome="maybe", message_id="", message_en=""), "choice"),
        (lambda: Finding(rule_id="r", outcome=1, message_id="", message_en=""), "type"),
        (
            lambda: Finding(
                rule_id="r", outcome=Outcome.PASSED, message_id="", message_en="", data={"x": 1.5}
            ),
            "type",
        ),
    ],
)
def test_bad_rules_and_findings(build, code):
    """Bad arguments raise our errors with their codes."""
    with pytest.raises(ValidationError) as caught:
        build()
    assert caught.value.code == code


def test_outcomes_read_their_json_values():
    """An enum field takes its member's JSON value."""
    finding = Finding(rule_id="r", outcome="passed", message_id="", message_en="")
    assert finding.outcome is Outcome.PASSED


def test_a_decision_must_agree_with_its_findings():
    """A Decision whose answer contradicts its findings (a hand-edited audit) is refused."""
    failed = Finding(rule_id="r", outcome=Outcome.FAILED, message_id="x", message_en="x")
    with pytest.raises(ValidationError) as caught:
        Decision(decision="d", allowed=True, findings=[failed])
    assert caught.value.code == "inconsistent"
    with pytest.raises(ValidationError) as caught:
        Decision(decision="d", allowed=False, findings=[])
    assert caught.value.code == "inconsistent"
    with pytest.raises(InvalidType):
        Decision(decision="d", allowed=True, findings="abc")
    with pytest.raises(ValidationError) as caught:
        failed.message("fr")
    assert caught.value.code == "choice"


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=30))
def test_remembered_combinations_answer_as_fresh_ones(contexts):
    """A composite of remembering rules remembers its combinations by the parts' answers:
    the answers are those of the same rules without any memo, for every context."""

    def build(remember: bool) -> Rule:
        def key(index: int):
            return (lambda c: c[index]) if remember else None

        small = Rule(
            "small",
            lambda c: c[0] < 2,
            passed=("kecil", "small"),
            failed=lambda c: (f"besar {c[0]}", f"big {c[0]}"),
            key=key(0),
        )
        even = Rule("even", lambda c: c[1] % 2 == 0, passed=("genap", "even"),
                    failed=lambda c: (f"ganjil {c[1]}", f"odd {c[1]}"),
                    applies=lambda c: c[0] != 3, key=key(1))  # fmt: skip
        return (small & ~even) | even

    remembered, fresh = build(True), build(False)
    for context in contexts:
        assert remembered.judge(context) == fresh.judge(context)
    # The same facts give the very same answer object.
    assert remembered.judge(contexts[0]) is remembered.judge(contexts[0])
