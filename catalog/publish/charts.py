"""Inline SVG bar charts made at build time: no script, no external library, readable without colour."""

from html import escape

from markupsafe import Markup

# The badges' colours (site/static/style.css): one per risk level, and a scheme of their own for categories.
COLOURS = {
    "Low": "#2e7d32",
    "Medium": "#ffc107",
    "High": "#bf360c",
    "Critical": "#b00020",
    "Read": "#0b57d0",
    "Write": "#00695c",
    "Execute": "#6d4c41",
    "Destructive": "#455a64",
    "Financial": "#6a1b9a",
}


def bar_chart(title: str, counts: dict[str, int]) -> Markup:
    """A horizontal bar chart with the number written beside each bar (text, not only colour)."""
    total = max(counts.values(), default=0) or 1
    row, width, label_width = 28, 420, 110
    height = row * len(counts) + 10
    parts = [
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" class="chart"><title>{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(counts.items()):
        y = 5 + i * row
        bar = int((width - label_width - 60) * value / total)
        colour = COLOURS.get(label, "#546e7a")
        parts.append(
            f'<text x="0" y="{y + 17}" font-size="14">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{bar}" height="18" fill="{colour}" rx="3"/>'
            f'<text x="{label_width + bar + 6}" y="{y + 17}" font-size="14">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # every text in it was escaped above; labels are ours, never scraped
