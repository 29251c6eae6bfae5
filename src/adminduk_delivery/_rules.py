"""The rule algebra behind every decision: rules, findings, and all / any / not.

A :class:`Rule` checks one thing about a context and explains itself in a :class:`Finding`:
its id, an :class:`Outcome` (passed, failed, or not applicable), a message in Indonesian and
English, and structured ``data`` beside the prose (the missing address fields as a tuple, a
masked NIK), the way resolvelib's failures carry their causes.

Rules compose: ``a & b`` (all must hold), ``a | b`` (one must hold), ``~a`` (must not hold).
A composite evaluates every part and reports every finding, and marks which findings were
**decisive**: the ones its outcome rests on. The invariant, kept at every level of a tree:

- an outcome of FAILED has at least one decisive failed finding, and no decisive passed one;
- an outcome of PASSED has at least one decisive passed finding, and no decisive failed one;
- NOT_APPLICABLE has neither.

So a decision is allowed exactly when no decisive finding failed. ``~`` flips its part's
findings (a finding that passed fails, its id gains a ``~``, its message keeps stating the
fact), which keeps the invariant: ``~nik_active`` on a deactivated NIK passes with the message
"the NIK is deactivated". A rule that does not apply to a context (an address rule on a
request the resident collects) is neither passed nor failed: ``&`` and ``|`` skip it, and a
composite whose parts all do not apply does not apply either.

>>> from adminduk_delivery._rules import Rule
>>> even = Rule("even", lambda n: n % 2 == 0, passed=("genap", "even"), failed=("ganjil", "odd"))
>>> big = Rule("big", lambda n: n > 10, passed=("besar", "big"), failed=("kecil", "small"))
>>> ok, findings = (even & ~big).evaluate(4)
>>> ok, [(f.rule_id, f.outcome.value, f.message_en) for f in findings]
(True, [('even', 'passed', 'even'), ('~big', 'passed', 'small')])
>>> ok, findings = (even | big).evaluate(3)
>>> ok, [(f.rule_id, f.decisive) for f in findings]
(False, [('even', True), ('big', True)])
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Mapping
from typing import Any, Final, Generic, TypeAlias, TypeVar

import attrs

from ._convert import boolean, enum_member, identifier, text
from .errors import InvalidType
from .labels import checked_language

__all__ = ["DataValue", "Finding", "Message", "Outcome", "Rule", "data_mapping"]

C = TypeVar("C")

DataValue: TypeAlias = str | int | bool | tuple[str | int, ...] | None
"""What a finding's ``data`` holds: JSON scalars, or tuples of strings and numbers."""


class Outcome(enum.Enum):
    """A rule's outcome on one context."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"
    """The rule says nothing about this context (neither passed nor failed)."""

    @property
    def flipped(self) -> Outcome:
        """PASSED and FAILED swapped; NOT_APPLICABLE stays."""
        return _FLIP[self]


# Module constants: reading an enum member off its class costs a lookup in the enum machinery
# on every evaluation.
_PASSED: Final = Outcome.PASSED
_FAILED: Final = Outcome.FAILED
_NOT_APPLICABLE: Final = Outcome.NOT_APPLICABLE
_BY_INDEX: Final = (_PASSED, _FAILED, _NOT_APPLICABLE)  # the order of a rule's memos

_FLIP: Final = {
    Outcome.PASSED: Outcome.FAILED,
    Outcome.FAILED: Outcome.PASSED,
    Outcome.NOT_APPLICABLE: Outcome.NOT_APPLICABLE,
}

_MAX_DATA_ITEMS: Final = 64


class FindingData(dict[str, DataValue]):
    """A finding's facts: a dict that cannot be changed (findings are shared between
    decisions), equal to a plain dict with the same items, and picklable."""

    __slots__ = ()

    def _read_only(self, *args: object, **kwargs: object) -> None:
        raise TypeError("a finding's data cannot be changed")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]
    __ior__ = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[object, ...]:
        return (FindingData, (dict(self),))

    def __repr__(self) -> str:
        return repr(dict(self))


def _data_value(key: str, value: object) -> DataValue:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, list | tuple):
        if len(value) > _MAX_DATA_ITEMS or not all(
            isinstance(v, str | int) and not isinstance(v, bool) for v in value
        ):
            raise InvalidType(
                f"data[{key!r}] holds at most {_MAX_DATA_ITEMS} strings or integers",
                field="data",
            )
        return tuple(value)
    raise InvalidType(
        f"data[{key!r}] is a string, integer, boolean, null or a list of those", field="data"
    )


def data_mapping(value: object) -> FindingData:
    """A finding's data, checked and copied (lists become tuples).

    Args:
        value: a mapping of short keys to JSON scalars or sequences of strings and integers.

    Returns:
        A new, read-only dict.

    Raises:
        InvalidType: not a mapping, a key that is not a string, a value of another type, or
            more than 64 entries.
    """
    if not isinstance(value, Mapping):
        raise InvalidType("data is a mapping of strings to values", field="data")
    if len(value) > _MAX_DATA_ITEMS:
        raise InvalidType(f"data has at most {_MAX_DATA_ITEMS} keys", field="data")
    if isinstance(value, FindingData):
        return value
    out: dict[str, DataValue] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise InvalidType("data keys are strings", field="data")
        out[key] = _data_value(key, item)
    return FindingData(out)


def _message_text(value: object) -> str:
    return text(value, field="message")


def _rule_id(value: object) -> str:
    return identifier(value, field="rule_id")


def _outcome(value: object) -> Outcome:
    return enum_member(value, Outcome, field="outcome")


@attrs.frozen(kw_only=True)
class Finding:
    """One evaluated rule: its id, its outcome, why (in two languages), and the facts.

    Attributes:
        rule_id: the rule's id (``~`` in front when a negation flipped it).
        outcome: passed, failed, or not applicable.
        message_id, message_en: the explanation in Indonesian and English.
        decisive: whether the outcome of the decision rests on this finding. An alternative
            of ``|`` that failed while another alternative held is not decisive; neither is a
            part of ``&`` that held while another part failed.
        data: the facts behind the message, as JSON-ready values (e.g. ``{"missing": ("rt",
            "rw")}``), in a read-only dict; never a full NIK.
    """

    rule_id: str = attrs.field(converter=_rule_id)
    outcome: Outcome = attrs.field(converter=_outcome)
    message_id: str = attrs.field(converter=_message_text)
    message_en: str = attrs.field(converter=_message_text)
    decisive: bool = attrs.field(default=True, validator=boolean)
    data: FindingData = attrs.field(factory=FindingData, converter=data_mapping, hash=False)

    @property
    def passed(self) -> bool:
        """The rule held."""
        return self.outcome is Outcome.PASSED

    @property
    def failed(self) -> bool:
        """The rule did not hold."""
        return self.outcome is Outcome.FAILED

    @property
    def applicable(self) -> bool:
        """The rule applied to the context (it passed or failed)."""
        return self.outcome is not Outcome.NOT_APPLICABLE

    def message(self, language: str = "id") -> str:
        """The message in one language.

        Args:
            language: ``"id"`` (Indonesian) or ``"en"`` (English).

        Returns:
            The message.

        Raises:
            ValidationError: another language (code ``choice``).
        """
        return self.message_id if checked_language(language) == "id" else self.message_en

    def mark(self) -> str:
        """The finding's mark in :meth:`~adminduk_delivery.policy.Decision.explain`.

        Returns:
            ``ok`` (passed), ``NO`` (failed, decisive), ``--`` (failed, not decisive) or
            ``n/a``.

        Raises:
            Nothing.
        """
        if self.outcome is Outcome.PASSED:
            return "ok"
        if self.outcome is Outcome.FAILED:
            return "NO" if self.decisive else "--"
        return "n/a"


def _flip(finding: Finding) -> Finding:
    rule_id = finding.rule_id[1:] if finding.rule_id.startswith("~") else "~" + finding.rule_id
    return attrs.evolve(finding, rule_id=rule_id, outcome=finding.outcome.flipped)


def _not_decisive(findings: tuple[Finding, ...], outcome: Outcome) -> tuple[Finding, ...]:
    """The findings with those of ``outcome`` marked as not decisive."""
    if not any(f.outcome is outcome and f.decisive for f in findings):
        return findings
    return tuple(
        attrs.evolve(f, decisive=False) if f.outcome is outcome and f.decisive else f
        for f in findings
    )


Message = tuple[str, str] | Callable[[C], tuple[str, str]]
"""A message: ``(indonesian, english)``, or a function of the context that returns one."""

_NA_MESSAGE: Final = ("tidak berlaku", "not applicable")


def _message(message: Message[C], context: C) -> tuple[str, str]:
    return message if isinstance(message, tuple) else message(context)


def _check_message(message: object, name: str) -> None:
    if isinstance(message, tuple):
        if len(message) != 2 or not all(isinstance(m, str) for m in message):
            raise InvalidType(f"{name} is (indonesian, english) or a function", field=name)
    elif not callable(message):
        raise InvalidType(f"{name} is (indonesian, english) or a function", field=name)


class Rule(Generic[C]):
    """A named check on a context, with messages for each outcome.

    Args:
        rule_id: a stable, readable id (``"document_deliverable"``).
        check: the predicate; truthy means the rule holds.
        passed: the message when it holds: ``(indonesian, english)``, or a function of the
            context returning one.
        failed: the same when it does not hold.
        applies: when given, a predicate: where it is false the rule is not applicable (its
            check is not called).
        not_applicable: the message when it does not apply.
        data: a function of the context returning the finding's facts (see
            :attr:`Finding.data`); called when the rule applies.
        key: when given, the findings depend on the context only through ``key(context)``
            (a hashable value with few distinct values, such as a document kind): they are
            built once per key and outcome and then reused. A rule whose messages are all
            fixed tuples and that has no ``data`` is reused per outcome without a key.

    Raises:
        InvalidType: an argument of the wrong type.
        ValidationError: an empty rule id.

    Rules are immutable; combine them with ``&``, ``|`` and ``~``.
    """

    __slots__ = (
        "_applies",
        "_check",
        "_data",
        "_failed",
        "_fixed",
        "_key",
        "_memo",
        "_not_applicable",
        "_passed",
        "rule_id",
    )

    def __init__(
        self,
        rule_id: str,
        check: Callable[[C], object],
        *,
        passed: Message[C],
        failed: Message[C],
        applies: Callable[[C], object] | None = None,
        not_applicable: Message[C] = _NA_MESSAGE,
        data: Callable[[C], Mapping[str, Any]] | None = None,
        key: Callable[[C], Hashable] | None = None,
    ) -> None:
        self.rule_id = _rule_id(rule_id)
        if not callable(check):
            raise InvalidType("check is a function of the context", field="check")
        for message, name in ((passed, "passed"), (failed, "failed"), (not_applicable, "n/a")):
            _check_message(message, name)
        for function, name in ((applies, "applies"), (data, "data"), (key, "key")):
            if function is not None and not callable(function):
                raise InvalidType(f"{name} is a function of the context", field=name)
        self._check = check
        self._passed = passed
        self._failed = failed
        self._applies = applies
        self._not_applicable = not_applicable
        self._data = data
        fixed = data is None and all(isinstance(m, tuple) for m in (passed, failed, not_applicable))
        self._key = key if key is not None or not fixed else _constant
        # One memo per outcome (an enum's hash is computed in Python: keep it off the path).
        self._memo: tuple[dict[Hashable, tuple[Outcome, tuple[Finding, ...]]], ...] = ({}, {}, {})
        self._fixed: list[tuple[Outcome, tuple[Finding, ...]] | None] = [None, None, None]

    def __repr__(self) -> str:
        return f"Rule({self.rule_id!r})"

    def judge(self, context: C) -> tuple[Outcome, tuple[Finding, ...]]:
        """Evaluate, returning the outcome (passed, failed or not applicable) and the
        findings, with their decisive marks.

        Args:
            context: what the rule looks at.

        Returns:
            ``(outcome, findings)``.

        Raises:
            Exception: what the rule's own functions raise; the library's rules raise nothing
                for the contexts its decisions build.
        """
        if self._applies is not None and not self._applies(context):
            index = 2
        elif self._check(context):
            index = 0
        else:
            index = 1
        key_of = self._key
        if key_of is _constant:
            # Fixed messages and no data: one finding per outcome, without a key to compute.
            judged = self._fixed[index]
            if judged is None:
                outcome = _BY_INDEX[index]
                judged = self._fixed[index] = (outcome, (self._finding(outcome, context),))
            return judged
        if key_of is None:
            outcome = _BY_INDEX[index]
            return outcome, (self._finding(outcome, context),)
        key = key_of(context)
        memo = self._memo[index]
        judged = memo.get(key)
        if judged is None:
            outcome = _BY_INDEX[index]
            judged = memo[key] = (outcome, (self._finding(outcome, context),))
        return judged

    def _finding(self, outcome: Outcome, context: C) -> Finding:
        message = {
            Outcome.PASSED: self._passed,
            Outcome.FAILED: self._failed,
            Outcome.NOT_APPLICABLE: self._not_applicable,
        }[outcome]
        message_id, message_en = _message(message, context)
        data = (
            self._data(context)
            if self._data is not None and outcome is not Outcome.NOT_APPLICABLE
            else {}
        )
        return Finding(
            rule_id=self.rule_id,
            outcome=outcome,
            message_id=message_id,
            message_en=message_en,
            data=data,
        )

    def evaluate(self, context: C) -> tuple[bool, tuple[Finding, ...]]:
        """Evaluate, returning whether the rule allows (it did not fail) and the findings.

        Args:
            context: what the rule looks at.

        Returns:
            ``(ok, findings)``: ``ok`` is false exactly when a decisive finding failed.

        Raises:
            As :meth:`judge`.
        """
        outcome, findings = self.judge(context)
        return outcome is not _FAILED, findings

    def __and__(self, other: Rule[C]) -> Rule[C]:
        return _Composite("all", (self, _rule(other)))

    def __or__(self, other: Rule[C]) -> Rule[C]:
        return _Composite("any", (self, _rule(other)))

    def __invert__(self) -> Rule[C]:
        return _Composite("not", (self,))


def _constant(context: object) -> None:
    return None


def _rule(value: object) -> Rule[Any]:
    if not isinstance(value, Rule):
        raise InvalidType(f"rules combine with rules, not {type(value).__name__}", field="rule")
    return value


class _Composite(Rule[C]):
    """``&``, ``|`` and ``~``: every part is evaluated and reported."""

    __slots__ = ("_combined", "_stable", "mode", "parts")
    mode: str
    parts: tuple[Rule[C], ...]

    def __init__(self, mode: str, parts: tuple[Rule[C], ...]) -> None:
        flat: list[Rule[C]] = []
        for part in parts:
            if isinstance(part, _Composite) and part.mode == mode and mode != "not":
                flat.extend(part.parts)
            else:
                flat.append(part)
        self.mode = mode
        self.parts = tuple(flat)
        joiner = {"all": " & ", "any": " | "}.get(mode, "")
        rule_id = (
            ("~" + flat[0].rule_id)
            if mode == "not"
            else "(" + joiner.join(p.rule_id for p in flat) + ")"
        )
        super().__init__(rule_id, bool, passed=_EMPTY, failed=_EMPTY)
        # When every part returns remembered answers (the same objects for the same facts),
        # the combination of those answers is remembered too, by their identities: they are
        # kept alive by the parts' memos, so an identity is never reused. A decision whose
        # facts were seen before then costs the parts' judgements and one lookup.
        self._stable = all(_remembers(p) for p in self.parts)
        self._combined: dict[tuple[int, ...], tuple[Outcome, tuple[Finding, ...]]] = {}

    def judge(self, context: C) -> tuple[Outcome, tuple[Finding, ...]]:
        judged = [part.judge(context) for part in self.parts]
        if not self._stable:
            return self._combine(judged)
        key = tuple(map(id, judged))
        found = self._combined.get(key)
        if found is None:
            # Kept for good (as the parts' memos keep theirs): an answer given once must stay
            # alive, or its identity could be reused and mistaken for it by a parent.
            found = self._combined[key] = self._combine(judged)
        return found

    def _combine(
        self, judged: list[tuple[Outcome, tuple[Finding, ...]]]
    ) -> tuple[Outcome, tuple[Finding, ...]]:
        if self.mode == "not":
            outcome, findings = judged[0]
            return outcome.flipped, tuple(_flip(f) for f in findings)
        # `all` fails on a failed part, `any` passes on a passed one; the other side's findings
        # then did not decide the outcome.
        first, second = _ORDER[self.mode]
        collected: list[Finding] = []
        seen_first = seen_second = False
        for outcome, findings in judged:
            collected += findings
            if outcome is first:
                seen_first = True
            elif outcome is second:
                seen_second = True
        found = tuple(collected)
        if seen_first:
            return first, _not_decisive(found, second)
        if seen_second:
            return second, found
        return _NOT_APPLICABLE, found


def _remembers(rule: Rule[Any]) -> bool:
    """Whether a rule returns the same answer object for the same facts (a memo), so that
    answers can be told apart by identity."""
    if isinstance(rule, _Composite):
        return rule._stable
    return rule._key is not None


_EMPTY: Final = ("", "")
_ORDER: Final = {
    "all": (Outcome.FAILED, Outcome.PASSED),
    "any": (Outcome.PASSED, Outcome.FAILED),
}
