"""What the search indexer can read of a page: its HTML without the parts
marked `data-pagefind-ignore="all"`.

After one record changes, only figures change, and the templates mark the
figure tables (and the data checksum) as not searchable: words find pages,
numbers do not. When what the indexer can read of every page is unchanged,
its index would come out the same, so the last one stands (Pagefind has no
incremental mode; rebuilding it is a fifth of a warm build).

The view is a superset of what Pagefind reads: every tag, attribute, text
and comment outside the ignored elements. Anything this reader cannot be
sure of (an ignored element whose end it cannot match exactly) gives None,
and the index is built again.
"""

from __future__ import annotations

from html.parser import HTMLParser

IGNORE = ("data-pagefind-ignore", "all")
# elements that never have an end tag (HTML's void elements)
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


# elements whose content HTML reads as text but Python's HTMLParser as markup
RAW_TEXT = frozenset(
    ["textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"]
)


class _Unsure(Exception):
    """The page's structure inside an ignored element is not plain nesting."""


class _View(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.ignored: list[str] = []  # open elements inside an ignored one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len({name for name, _ in attrs}) != len(attrs):
            raise _Unsure(tag)  # HTML keeps the first of a repeated attribute
        if self.ignored and tag in RAW_TEXT and not self._foreign():
            raise _Unsure(tag)
        if self.ignored:
            if tag not in VOID:
                self.ignored.append(tag)
        elif IGNORE in attrs and tag not in VOID:
            self.ignored.append(tag)
            self.parts.append(f"<{tag} {attrs!r} (diabaikan)>")
        else:
            self.parts.append(f"<{tag} {attrs!r}>")

    def _foreign(self) -> bool:
        """Inside SVG or MathML, where `<title>` is an element like any other."""
        return (
            any(t in ("svg", "math") for t in self.ignored) and "foreignobject" not in self.ignored
        )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len({name for name, _ in attrs}) != len(attrs):
            raise _Unsure(tag)
        if not self.ignored:
            self.parts.append(f"<{tag} {attrs!r}/>")

    def handle_endtag(self, tag: str) -> None:
        if self.ignored:
            if self.ignored[-1] != tag:
                raise _Unsure(tag)
            self.ignored.pop()
        elif tag not in VOID:
            self.parts.append(f"</{tag}>")

    def _keep(self, text: str) -> None:
        if not self.ignored:
            self.parts.append(text)

    def handle_data(self, data: str) -> None:
        self._keep(data)

    def handle_entityref(self, name: str) -> None:
        self._keep(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._keep(f"&#{name};")

    def _markup(self, text: str) -> None:
        """Comments and declarations end differently for HTML and for Python's
        parser (`<!-->`, `--!>`, CDATA outside SVG): outside an ignored element
        the view keeps them whole; inside one, where they could hide its end,
        the reader is unsure."""
        if self.ignored:
            raise _Unsure(text)
        self.parts.append(text)

    def handle_comment(self, data: str) -> None:
        self._markup(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._markup(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._markup(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._markup(f"<![{data}]>")


def indexed_view(html: bytes) -> str | None:
    """The page as the indexer can read it, or None when unsure."""
    try:
        text = html.decode("utf-8")
    except UnicodeDecodeError:
        return None
    view = _View()
    try:
        view.feed(text)
        view.close()
    except _Unsure:
        return None
    if view.ignored:  # an ignored element never closed
        return None
    return "\0".join(view.parts)
