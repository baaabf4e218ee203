"""Link the first use of each glossary term on a page to /istilah/#kode.

Works on finished HTML: only text outside links, code, headings, scripts and
charts is touched, each term is linked once per page, and a longer phrase
("predikat kinerja organisasi") wins over a shorter one at the same place
("predikat kinerja").
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

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


def _alternative(phrase: str) -> str:
    """Acronyms and mixed-case names match exactly; ordinary words in any case."""
    exact = phrase[1:] != phrase[1:].lower()
    return re.escape(phrase) if exact else f"(?i:{re.escape(phrase)})"


class Linker:
    """Links glossary terms in pages. `memo` (key, how to make it) may give a
    page's linked HTML from an earlier build: the key is the digest of the
    terms' pattern and codes, the page's HTML, the glossary's address and the
    terms left out; most pages of a warm build (news, guides, unchanged text)
    are linked exactly as last time."""

    def __init__(
        self, terms: Iterable[Term], memo: Callable[[str, Callable[[], Any]], Any] | None = None
    ) -> None:
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        phrases = []
        for t in terms:
            for phrase in t.phrases:
                if phrase[1:] != phrase[1:].lower():
                    self.exact.setdefault(phrase, t.kode)
                else:
                    self.folded.setdefault(phrase.casefold(), t.kode)
                phrases.append(phrase)
        # one pass over the text; the longest phrase first wins at a position
        phrases.sort(key=lambda p: (-len(p), p))
        body = "|".join(_alternative(p) for p in phrases) or "(?!)"
        self.pattern = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")
        self._seen: dict[str, tuple[tuple[int, int, str, str], ...]] = {}
        self.memo = memo
        spelt = [self.pattern.pattern, sorted(self.exact.items()), sorted(self.folded.items())]
        self._terms = hashlib.sha256(json.dumps(spelt).encode()).digest()

    def _kode(self, found: str) -> str:
        return self.exact.get(found) or self.folded[found.casefold()]

    def _found(self, text: str) -> tuple[tuple[int, int, str, str], ...]:
        """Every term in `text`: (start, end, kode, as written). Pages repeat the
        same text (menus, labels, table headings): each is searched once."""
        found = self._seen.get(text)
        if found is None:
            found = tuple(
                (m.start(), m.end(), self._kode(m.group(0)), m.group(0))
                for m in self.pattern.finditer(text)
            )
            if len(self._seen) < 65536:
                self._seen[text] = found
        return found

    def _text(self, text: str, done: set[str], href: str) -> str:
        out = []
        last = 0
        for start, end, kode, written in self._found(text):
            if kode in done:
                continue
            done.add(kode)
            out.append(text[last:start])
            out.append(f'<a class="istilah" href="{escape(href)}#{escape(kode)}">{written}</a>')
            last = end
        out.append(text[last:])
        return "".join(out)

    def link(self, html: str, href: str, skip: Sequence[str] = ()) -> str:
        """`html` with the first use of every term (except those in `skip`) linked
        to `href`#kode, `href` being the glossary page's address ('/istilah/')."""
        if self.memo is None:
            return self._link(html, href, skip)
        key = hashlib.sha256(self._terms)
        key.update(json.dumps([href, list(skip)]).encode() + b"\0")
        key.update(html.encode("utf-8", "surrogatepass"))
        return str(self.memo(key.hexdigest(), lambda: self._link(html, href, skip)))

    def _link(self, html: str, href: str, skip: Sequence[str]) -> str:
        done = set(skip)
        depth = 0
        parts = _TAG.split(html)
        for i in range(0, len(parts), 2):
            if i:  # the tag or comment before this text
                step = _STEPS.get(parts[i - 1])
                depth = max(depth + (_step(parts[i - 1]) if step is None else step), 0)
            part = parts[i]
            if depth == 0 and self._found(part):  # most text holds no term (numbers)
                parts[i] = self._text(part, done, href)
        return "".join(parts)


# a tag -> how it moves the depth of elements whose text is never linked (-1,
# 0, 1); pages repeat the same few hundred tags (<td>, </tr>) thousands of times
_STEPS: dict[str, int] = {}


def _step(tag: str) -> int:
    name = _NAME.match(tag)
    step = 0
    if name and name.group(1).lower() in _SKIP and not tag.endswith("/>"):
        step = -1 if tag.startswith("</") else 1
    if len(_STEPS) < 4096:
        _STEPS[tag] = step
    return step
