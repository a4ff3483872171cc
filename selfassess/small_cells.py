"""Small-cell suppression for anonymous statistics. Pure: no Django.

Counts below the threshold are hidden, and so is the next smallest count in the same row
when exactly one was hidden while the row total is shown: otherwise the hidden count could
be worked out by subtraction.
"""

from collections.abc import Mapping

THRESHOLD = 5


def cells_suppress(counts: Mapping[str, int], threshold: int = THRESHOLD) -> dict[str, int | None]:
    """The counts with suppressed cells as None (shown as "< 5")."""
    shown: dict[str, int | None] = dict(counts)
    hidden = [key for key, count in counts.items() if count < threshold]
    for key in hidden:
        shown[key] = None
    total = sum(counts.values())
    if len(hidden) == 1 and total >= threshold:
        rest = sorted((count, key) for key, count in counts.items() if key not in hidden)
        if rest:
            shown[rest[0][1]] = None
    return shown


def total_suppress(total: int, threshold: int = THRESHOLD) -> int | None:
    return total if total >= threshold else None
