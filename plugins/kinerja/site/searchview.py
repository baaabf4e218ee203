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


class _Unsure(Exception):
    """The page's structure inside an ignored element is not plain nesting."""


class _View(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.ignored: list[str] = []  # open elements inside an ignored one

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.ignored:
            if tag not in VOID:
                self.ignored.append(tag)
        elif IGNORE in attrs and tag not in VOID:
            self.ignored.append(tag)
            self.parts.append(f"<{tag} {attrs!r} (diabaikan)>")
        else:
            self.parts.append(f"<{tag} {attrs!r}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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

    def handle_comment(self, data: str) -> None:
        self._keep(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._keep(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._keep(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self._keep(f"<![{data}]>")


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
