"""A self-contained HTML report: every document with its flagged words highlighted, charts, filters.

One file, no network requests (a Content-Security-Policy forbids them): inline CSS, inline JS, inline SVG charts.
Every piece of document text, path, message and suggestion is escaped; the JSON copy of the data is embedded
with ``<``, ``>`` and ``&`` escaped so it cannot close its ``<script>``. The template is package data
(``output/templates/report.html``).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from html import escape
from importlib import resources
from string import Template
from typing import Callable, Dict, Iterable, List, Tuple

from ..about import OUTPUT_SCHEMA_VERSION, __version__
from ..rules.loader import CATEGORIES
from ..types import Finding, Report
from .summary import Summary

#: One colour per category (background of the highlight), readable with dark text.
PALETTE = ("#ffd8a8", "#ffc9c9", "#d0bfff", "#a5d8ff", "#b2f2bb", "#ffec99", "#fcc2d7", "#99e9f2", "#c0eb75",
           "#e599f7", "#ced4da", "#ffa8a8", "#91a7ff", "#63e6be", "#fab005")
COLOURS = dict(zip(CATEGORIES, PALETTE))


def _colour(category: str) -> str:
    return COLOURS.get(category, "#dee2e6")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _bar_chart(title: str, values: List[Tuple[str, int, str]]) -> str:
    """A horizontal SVG bar chart; ``values`` are (label, count, colour)."""
    if not values:
        return f'<figure><figcaption>{_e(title)}</figcaption><p class="muted">No findings.</p></figure>'
    width, label_w, row_h = 520, 200, 22
    top = max(v for _, v, _ in values) or 1
    bars = []
    for i, (label, count, colour) in enumerate(values):
        y = i * row_h
        w = max(2, int((width - label_w - 50) * count / top))
        short = label if len(label) <= 30 else "\u2026" + label[-29:]
        bars.append(
            f'<g><title>{_e(label)}: {count}</title>'
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(short)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" fill="{colour}" stroke="#555" '
            f'stroke-width="0.5"></rect><text x="{label_w + w + 5}" y="{y + 15}">{count}</text></g>')
    height = len(values) * row_h
    return (f'<figure><figcaption>{_e(title)}</figcaption><svg role="img" aria-label="{_e(title)}" '
            f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">{"".join(bars)}</svg>'
            f'</figure>')


def _tip(findings: List[Tuple[str, Finding]]) -> str:
    parts = [f'<p data-finding="{fid}"><span class="sev sev-{f.severity}">{_e(f.severity)}</span> '
             f'<b>{_e(f.category)}</b> ({_e(f.rule)}): {_e(f.message)}<br><span class="sugg">Suggestion: '
             f'{_e(f.suggestion)}</span></p>' for fid, f in findings]
    return "".join(parts)


def highlight(text: str, findings: List[Tuple[str, Finding]]) -> str:
    """The escaped text with each stretch covered by findings in a focusable ``<mark>`` with its tooltip.

    Overlapping findings are split at every boundary; a stretch is coloured by its most specific (shortest)
    finding and its tooltip lists all of them. An empty anchor ``<span id=...>`` marks each finding's start.
    """
    bounds = sorted({0, len(text), *(f.start for _, f in findings), *(f.end for _, f in findings)})
    starts: Dict[int, List[str]] = {}
    for fid, f in findings:
        starts.setdefault(f.start, []).append(fid)
    out: List[str] = []
    for a, b in zip(bounds, bounds[1:]):
        out.extend(f'<span class="anchor" id="{fid}"></span>' for fid in starts.get(a, []))
        covering = [(fid, f) for fid, f in findings if f.start <= a and b <= f.end and f.start < f.end]
        chunk = _e(text[a:b])
        if not covering:
            out.append(chunk)
            continue
        main = min(covering, key=lambda p: p[1].end - p[1].start)[1]
        ids = " ".join(fid for fid, _ in covering)
        cats = " ".join(sorted({f.category for _, f in covering}))
        out.append(f'<mark tabindex="0" class="cat-{_e(main.category)}" data-findings="{ids}" '
                   f'data-categories="{_e(cats)}">{chunk}<span class="tip" role="tooltip">{_tip(covering)}</span>'
                   f'</mark>')
    return "".join(out)


def html_report(items: Iterable[Tuple[Report, List[Finding]]], summary: Summary,
                text_of: Callable[[Report], str]) -> str:
    """The whole page. ``text_of`` gives a report's document text (for highlighting)."""
    rows: List[str] = []
    documents: List[str] = []
    per_doc: List[Tuple[str, int, str]] = []
    files = []
    for di, (report, shown) in enumerate(items):
        text = text_of(report)
        ids = [(f"f-{di}-{j}", f) for j, f in enumerate(shown)]
        for fid, f in ids:
            rows.append(
                f'<tr class="finding-row" data-finding="{fid}" data-category="{_e(f.category)}" '
                f'data-severity="{_e(f.severity)}"><td><a href="#{fid}">{_e(f.path)}:{f.line}:{f.column}</a></td>'
                f'<td class="sev sev-{f.severity}">{_e(f.severity)}</td><td><span class="swatch" '
                f'style="background:{_colour(f.category)}"></span>{_e(f.category)}</td><td>{_e(f.text)}</td>'
                f'<td>{_e(f.message)} <span class="muted">{_e(f.suggestion)}</span></td></tr>')
        body = highlight(text, ids) if text else '<span class="muted">(text not available)</span>'
        clarity = report.scores.get("clarity")
        documents.append(
            f'<section class="document" id="doc-{di}"><h3>{_e(report.path)} <span class="muted">'
            f'{len(shown)} finding{"s" if len(shown) != 1 else ""}'
            f'{f", clarity {clarity:.0f}/100" if isinstance(clarity, (int, float)) else ""}</span></h3>'
            f'<div class="doc">{body}</div></section>')
        per_doc.append((report.path, len(shown), "#adb5bd"))
        files.append({"path": report.path, "findings": len(shown), "counts": _counts(shown)})
    by_cat = sorted(summary.by_category.items(), key=lambda kv: (-kv[1], kv[0]))
    charts = _bar_chart("Findings per category", [(c, n, _colour(c)) for c, n in by_cat]) + \
        _bar_chart("Findings per document", sorted(per_doc, key=lambda v: -v[1])[:40])
    present = [c for c in CATEGORIES if c in summary.by_category] + \
        sorted(c for c in summary.by_category if c not in CATEGORIES)
    filters = "".join(
        f'<label><input type="checkbox" checked data-category="{_e(c)}"> <span class="swatch" '
        f'style="background:{_colour(c)}"></span>{_e(c)} ({summary.by_category[c]})</label>' for c in present)
    sev = summary.by_severity
    totals = "".join(f'<li id="total-{k}" data-count="{v}"><b>{v}</b> {k}</li>' for k, v in (
        ("files", summary.files), ("units", summary.units), ("findings", summary.findings),
        ("errors", sev["error"]), ("warnings", sev["warning"]), ("info", sev["info"]),
        ("suppressed", summary.suppressed), ("baselined", summary.baselined)))
    totals += f'<li id="total-clarity"><b>{summary.clarity:.0f}</b>/100 clarity</li>'
    errors = ""
    if summary.errors:
        errors = "<h2>Unreadable</h2><ul>" + "".join(f"<li>{_e(e)}</li>" for e in summary.errors) + "</ul>"
    data = {"schema_version": OUTPUT_SCHEMA_VERSION, "tool": {"name": "ambiguity", "version": __version__},
            "files": files, "summary": summary.to_dict()}
    css = "\n".join(f".cat-{c} {{ background: {_colour(c)}; }}" for c in CATEGORIES)
    template = Template(resources.files("ambiguity.output").joinpath("templates/report.html").read_text("utf-8"))
    return template.substitute(
        category_css=css, generated=_e(f"ambiguity {__version__}, "
                                       f"{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}"),
        totals=totals, charts=charts, finding_count=summary.findings, filters=filters, rows="".join(rows),
        errors=errors, documents="".join(documents), data=_script_json(data))


def _counts(findings: List[Finding]) -> Dict[str, int]:
    out: Dict[str, int] = {}
    for f in findings:
        out[f.category] = out.get(f.category, 0) + 1
    return out


def _script_json(data: object) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` survive literally."""
    return json.dumps(data, ensure_ascii=False).replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
