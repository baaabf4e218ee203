"""Link the first use of each glossary term on a page to /istilah/#kode.

Works on finished HTML: only text outside links, code, headings, scripts and
charts is touched, each term is linked once per page, and a longer phrase
("predikat kinerja organisasi") wins over a shorter one at the same place
("predikat kinerja").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from markupsafe import escape

from kinerja.core.glossary import Term

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
# text inside these elements is never linked
_SKIP = frozenset(
    [
        "a",
        "abbr",
        "button",
        "caption",
        "code",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "kbd",
        "label",
        "nav",
        "option",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "svg",
        "textarea",
        "title",
    ]
)


def _pattern(phrase: str) -> re.Pattern[str]:
    """Acronyms and mixed-case names match exactly; ordinary words in any case."""
    flags = 0 if phrase[1:] != phrase[1:].lower() else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", flags)


class Linker:
    def __init__(self, terms: Iterable[Term]) -> None:
        pairs = [(t.kode, p) for t in terms for p in t.phrases]
        # longest phrase first, so it wins a tie at the same position
        pairs.sort(key=lambda kp: -len(kp[1]))
        self.patterns = [(kode, _pattern(phrase)) for kode, phrase in pairs]

    def _text(self, text: str, done: set[str], href: str) -> str:
        out = []
        while True:
            best = None
            for kode, pattern in self.patterns:
                if kode in done:
                    continue
                m = pattern.search(text)
                if m and (best is None or m.start() < best[1].start()):
                    best = (kode, m)
            if best is None:
                out.append(text)
                return "".join(out)
            kode, m = best
            done.add(kode)
            out.append(text[: m.start()])
            out.append(f'<a class="istilah" href="{escape(href)}#{escape(kode)}">{m.group(0)}</a>')
            text = text[m.end() :]

    def link(self, html: str, href: str, skip: Sequence[str] = ()) -> str:
        """`html` with the first use of every term (except those in `skip`) linked
        to `href`#kode, `href` being the glossary page's address ('/istilah/')."""
        done = set(skip)
        depth = 0
        parts = _TAG.split(html)
        for i, part in enumerate(parts):
            if i % 2:  # a tag or comment
                name = _NAME.match(part)
                if name and name.group(1).lower() in _SKIP and not part.endswith("/>"):
                    depth += -1 if part.startswith("</") else 1
                    depth = max(depth, 0)
                continue
            if depth == 0 and part.strip():
                parts[i] = self._text(part, done, href)
        return "".join(parts)
