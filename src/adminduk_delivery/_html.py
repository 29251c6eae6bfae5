"""HTML tables for notebooks: how results show themselves in Jupyter (``_repr_html_``).

Every cell and heading is escaped: an office id, a column name or a message of the caller's
may hold ``<`` or ``&``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence


def _cell(value: object) -> str:
    return "" if value is None else html.escape(str(value))


def paragraph(text: str) -> str:
    """An HTML paragraph of ``text``, escaped.

    Args:
        text: what the paragraph says.

    Returns:
        The HTML text.

    Raises:
        Nothing.
    """
    return f"<p>{html.escape(text)}</p>"


def table(
    rows: Sequence[Mapping[str, object]],
    *,
    title: str | None = None,
    headers: Sequence[str] | None = None,
) -> str:
    """An HTML table of ``rows``, records with the same keys in the same order.

    Args:
        rows: the records; ``None`` is an empty cell.
        title: a heading above the table, if any.
        headers: the column headings, one per key (default: the first row's keys).

    Returns:
        The HTML text; "(none)" under the title when there are no rows.

    Raises:
        Nothing: any value is shown as its ``str``.
    """
    head = "" if title is None else f"<h4>{html.escape(title)}</h4>"
    if not rows:
        return f"{head}<p>(none)</p>"
    names = list(rows[0]) if headers is None else list(headers)
    heading = "".join(f"<th>{html.escape(name)}</th>" for name in names)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row.values()) + "</tr>" for row in rows
    )
    return f"{head}<table><tr>{heading}</tr>{body}</table>"
