"""The one HTML sanitiser for every piece of Markdown the portal shows.

Data text (indicator descriptions, methodology notes) and Pelican's pages and
news articles all pass through `html`, so a contributor's Markdown can carry
headings, lists, tables, links and images, but never script, event handlers,
`javascript:` links, frames, objects, forms, styles, SVG, `<meta>` or `<base>`,
nor an image from another host.
nh3 (ammonia) parses the HTML as a browser would and keeps only what is on
the allow-list below; everything else is dropped, and the content of
script and style elements with it.
"""

from __future__ import annotations

import re

import nh3

# nh3's defaults minus image maps, plus heading ids (the table of contents links to them)
TAGS = frozenset(nh3.ALLOWED_TAGS) - {"map", "area"}
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# an image that loads from another host is a request the reader never chose
_ELSEWHERE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.I)


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and _ELSEWHERE.match(value):
        return None
    return value


def html(text: str) -> str:
    """`text` with everything outside the allow-list removed."""
    return nh3.clean(
        text,
        tags=set(TAGS),
        attributes={tag: set(attrs) for tag, attrs in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel="noopener noreferrer",
        attribute_filter=_attribute,
    )
