"""The closing summary of a batch run: counts, the least clear documents, throughput, errors."""
from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Tuple

from ..escape import printable

#: How many of the least clear documents the summary names.
LEAST_CLEAR = 10
#: How many errors the summary lists one by one.
ERRORS_SHOWN = 10


@dataclass
class BatchSummary:
    """Accumulates records as they are written; ``lines()`` is the text for stderr."""

    documents: int = 0
    skipped: int = 0
    units: int = 0
    words: int = 0
    counts: Dict[str, int] = field(default_factory=dict)
    errors: List[Tuple[str, str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    _least: List[Tuple[float, str]] = field(default_factory=list)

    def add(self, record: Dict[str, Any]) -> None:
        if "error" in record:
            self.errors.append((record["path"], record["error"]["code"], record["error"]["message"]))
            return
        self.documents += 1
        self.units += record["units"]
        self.words += record["words"]
        for category, n in record["counts"].items():
            self.counts[category] = self.counts.get(category, 0) + n
        if record["scores"].get("scored_units"):
            item = (-record["scores"]["clarity"], record["path"])  # a max-heap of the lowest clarity
            if len(self._least) < LEAST_CLEAR:
                heapq.heappush(self._least, item)
            else:
                heapq.heappushpop(self._least, item)

    @property
    def records(self) -> int:
        """Records written in this run: documents scored and error records (each is added once written)."""
        return self.documents + len(self.errors)

    def words_per_second(self) -> float:
        return self.words / max(time.monotonic() - self.started, 1e-9)

    def least_clear(self) -> List[Tuple[float, str]]:
        return sorted(((-c, p) for c, p in self._least))

    def lines(self) -> List[str]:
        seconds = max(time.monotonic() - self.started, 1e-9)
        out = [
            f"{self.documents:,} documents scored, {self.skipped:,} unchanged and skipped, "
            f"{len(self.errors):,} failed; {self.units:,} units, {self.words:,} words",
            f"throughput: {self.documents / seconds:,.1f} documents/s, {self.words / seconds:,.0f} words/s "
            f"({seconds:,.1f} s)",
        ]
        if self.counts:
            total = sum(self.counts.values())
            out.append(f"findings: {total:,} (" + ", ".join(f"{c} {n:,}" for c, n in
                                                           sorted(self.counts.items(), key=lambda x: -x[1])) + ")")
        least = self.least_clear()
        if least:
            out.append("least clear documents (clarity):")
            out.extend(f"  {clarity:5.1f}  {printable(path)}" for clarity, path in least)
        if self.errors:
            out.append("errors:")
            out.extend(f"  {printable(path)}: [{code}] {printable(message)}"
                       for path, code, message in self.errors[:ERRORS_SHOWN])
            if len(self.errors) > ERRORS_SHOWN:
                out.append(f"  ... and {len(self.errors) - ERRORS_SHOWN:,} more (see the output file)")
        return out
