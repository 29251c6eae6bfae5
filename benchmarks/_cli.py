"""What the benchmarks' command lines share: a count of 1 or more, checked by argparse so
that ``--runs 0`` is refused with a message instead of failing after the setup."""

from __future__ import annotations

import argparse


def at_least_one(text: str) -> int:
    """A whole number of 1 or more, as an argparse ``type`` (runs, rounds, sizes, counts).

    Args:
        text: the option's value as given.

    Returns:
        The number.

    Raises:
        argparse.ArgumentTypeError: not a whole number, or less than 1.
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value}: at least 1 is needed")
    return value
