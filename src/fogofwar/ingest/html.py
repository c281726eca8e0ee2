"""HTML -> main text (trafilatura) + comments parsed from their markup (lxml), with segment hints.

trafilatura flattens comments into one text without authors, so comment threads are read here
from the common layouts (WordPress, Disqus, Typepad, then anything whose class/id says
"comment"), removed from the tree, and the rest is left to trafilatura.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import lxml.etree as etree
import lxml.html

from fogofwar.ingest.dates import to_iso_date
from fogofwar.ingest.decode import DecodeError, decode_bytes
from fogofwar.models import Document, InputError, SegmentHint

log = logging.getLogger(__name__)

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas")
_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))
_SCRIPTISH = re.compile(r"<(script|style|noscript|template|iframe|svg|math|object)\b.*?</\1\s*>|<!--.*?-->",
                        re.I | re.S)
_BLOCK_RE = re.compile(r"</?(?:" + "|".join(sorted(_BLOCK_TAGS)) + r")\b[^>]*>", re.I)
_TAG_RE = re.compile(r"<[^>]*>")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_TYPEPAD_FOOTER = re.compile(r"Posted\s+by:?\s*(?P<author>.+?)\s*\|\s*(?P<date>.+?)\s*$", re.I | re.S)
_SAYS = re.compile(r"\s*(says|said|wrote)\s*:?\s*$", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few KB (<meta charset> or http-equiv)."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _normalize(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def flat_text(markup: str) -> str:
    """Text of markup without a parser: the fallback for pages lxml cannot build a tree of."""
    markup = _SCRIPTISH.sub(" ", markup)
    markup = _BLOCK_RE.sub("\n", markup)
    markup = _TAG_RE.sub(" ", markup)
    # A stray "<script" left by broken markup must not survive as text that looks like a tag.
    text = htmllib.unescape(markup)
    text = _SCRIPTISH.sub(" ", text)
    text = _TAG_RE.sub(" ", text) if "<script" in text.lower() else text
    return _normalize(text)


def element_text(el: etree._Element, skip: Sequence[etree._Element] = ()) -> str:
    """Visible text of an element, a line per block, leaving out `skip` subtrees and scripts."""
    parts: list[str] = []
    skipped = set(skip)

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if node in skipped or tag in _DROP_TAGS or not tag:
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    try:
        walk(el)
    except RecursionError:  # absurdly deep markup: lose the line structure, keep the words
        parts = ["\n".join(t for t in el.itertext() if t)]
    return _normalize("".join(parts))


def parse_tree(markup: str) -> lxml.html.HtmlElement | None:
    """An lxml tree, or None when libxml2 gave up part of the page (e.g. nesting too deep)."""
    markup = _XML_DECL.sub("", markup, count=1)  # lxml refuses str input that declares an encoding
    if not markup.strip():
        return None
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError, RecursionError):
        return None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in e.message for e in parser.error_log):
        return None
    etree.strip_elements(tree, *_DROP_TAGS, with_tail=False)
    return tree


# -- comments ---------------------------------------------------------------------------------

def _classes(el: etree._Element) -> list[str]:
    return (el.get("class") or "").split()


def _has_class(el: etree._Element, *names: str) -> bool:
    cls = _classes(el)
    return any(n in cls for n in names)


@dataclass(slots=True)
class RawComment:
    element: etree._Element
    author: str | None = None
    published: str | None = None
    body: str = ""
    parent: int | None = None  # index in the comment list


@dataclass(slots=True)
class Layout:
    """How one comment system marks up a comment."""

    name: str
    is_item: Callable[[etree._Element], bool]
    author: Callable[[etree._Element, Callable[[etree._Element], bool]], str | None]
    date: Callable[[etree._Element, Callable[[etree._Element], bool]], str | None]
    body: Callable[[etree._Element, Callable[[etree._Element], bool]], str]
    containers: tuple[str, ...] = field(default_factory=tuple)


def _own(item: etree._Element, items: set[etree._Element]) -> Callable[[etree._Element], bool]:
    """Whether an element belongs to this comment and not to a reply nested inside it."""

    def check(el: etree._Element) -> bool:
        node = el.getparent() if el is not item else None
        if el is item:
            return True
        while node is not None:
            if node is item:
                return True
            if node in items:
                return False
            node = node.getparent()
        return False

    return check


def _find(item: etree._Element, own: Callable[[etree._Element], bool],
          pred: Callable[[etree._Element], bool]) -> list[etree._Element]:
    return [el for el in item.iterdescendants() if isinstance(el.tag, str) and pred(el) and own(el)]


def _first_text(els: list[etree._Element], limit: int = 120) -> str | None:
    for el in els:
        text = _SAYS.sub("", " ".join(element_text(el).split()))
        if text and len(text) <= limit:
            return text
    return None


def _date_of(els: list[etree._Element]) -> str | None:
    for el in els:
        for attr in ("datetime", "title", "content"):
            iso = to_iso_date(el.get(attr))
            if iso:
                return iso
        iso = to_iso_date(" ".join(element_text(el).split()))
        if iso:
            return iso
    return None


def _body_minus(item: etree._Element, own: Callable[[etree._Element], bool],
                preferred: Callable[[etree._Element], bool], meta: Callable[[etree._Element], bool],
                items: set[etree._Element]) -> str:
    found = _find(item, own, preferred)
    chosen = set(found)
    # "post-body-inner" holds "post-message": read the outer one once, not both
    found = [el for el in found if not any(a in chosen for a in el.iterancestors())]
    if found:
        return "\n".join(t for t in (element_text(el) for el in found) if t)
    skip = [el for el in item.iterdescendants() if isinstance(el.tag, str) and (el in items or meta(el))]
    return element_text(item, skip)


def _wp_item(el: etree._Element) -> bool:
    if el.tag != "li" or not _has_class(el, "comment"):
        return False
    node = el.getparent()
    while node is not None:
        if node.tag in ("ol", "ul") and _has_class(node, "commentlist", "comment-list", "comments-list"):
            return True
        node = node.getparent()
    return False


def _wp_meta(el: etree._Element) -> bool:
    return _has_class(el, "comment-author", "comment-meta", "comment-metadata", "commentmetadata", "reply",
                      "vcard", "comment-awaiting-moderation", "comment-reply-link", "says")


def _disqus_item(el: etree._Element) -> bool:
    if not _has_class(el, "post"):
        return False
    # Blog themes also call an article "post" and give it an author byline: only a list item
    # or a post inside a Disqus thread is a comment.
    if el.tag != "li" and not any(re.search(r"disqus|post-list", _attr_text(a), re.I) for a in el.iterancestors()):
        return False
    return any(_has_class(d, "author", "post-byline") for d in el.iterdescendants() if isinstance(d.tag, str))


def _disqus_meta(el: etree._Element) -> bool:
    return el.tag == "header" or _has_class(el, "post-byline", "post-meta", "author", "post-menu", "post-footer")


def _typepad_item(el: etree._Element) -> bool:
    return _has_class(el, "comment") and any(
        _has_class(d, "comment-footer") for d in el.iterdescendants() if isinstance(d.tag, str))


def _typepad_footer(item: etree._Element, own: Callable[[etree._Element], bool]) -> re.Match[str] | None:
    for el in _find(item, own, lambda e: _has_class(e, "comment-footer")):
        m = _TYPEPAD_FOOTER.search(" ".join(element_text(el).split()))
        if m:
            return m
    return None


_GENERIC_ITEM_CLASS = re.compile(
    r"^(?:comment|comment[-_]?(?:item|entry|wrap|wrapper|container|box|block|single|thread|node|row))$", re.I)
_GENERIC_ITEM_ID = re.compile(r"^(?:li-|div-)?comment[-_]?\d+$", re.I)
_AUTHORISH = re.compile(r"author|user|name|\bfn\b|nick|byline", re.I)
_DATEISH = re.compile(r"date|time|posted|meta|stamp", re.I)
_BODYISH = re.compile(r"content|body|text|message|entry", re.I)


def _generic_signature(el: etree._Element) -> str | None:
    for cls in _classes(el):
        if _GENERIC_ITEM_CLASS.match(cls):
            return f"{el.tag}.{cls.lower()}"
    if _GENERIC_ITEM_ID.match(el.get("id") or ""):
        return f"{el.tag}#comment-N"
    return None


def _attr_text(el: etree._Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"


def _generic_author(el: etree._Element) -> bool:
    return el.tag == "cite" or bool(_AUTHORISH.search(_attr_text(el)))


def _generic_date(el: etree._Element) -> bool:
    return el.tag == "time" or el.get("datetime") is not None or bool(_DATEISH.search(_attr_text(el)))


def _generic_body(el: etree._Element) -> bool:
    attrs = _attr_text(el)
    return bool(_BODYISH.search(attrs)) and not _AUTHORISH.search(attrs) and not _GENERIC_ITEM_CLASS.match(
        el.get("class") or "")


LAYOUTS: tuple[Layout, ...] = (
    Layout(
        name="wordpress",
        is_item=_wp_item,
        author=lambda it, own: _first_text(
            _find(it, own, lambda e: _has_class(e, "fn") and e.getparent() is not None)
            or _find(it, own, lambda e: _has_class(e, "comment-author"))),
        date=lambda it, own: _date_of(
            _find(it, own, lambda e: e.tag == "time")
            + _find(it, own, lambda e: _has_class(e, "comment-metadata", "comment-meta", "commentmetadata"))),
        body=lambda it, own: "",  # filled by _wp_body, which needs the item set
        containers=("commentlist", "comment-list", "comments-list"),
    ),
    Layout(
        name="disqus",
        is_item=_disqus_item,
        author=lambda it, own: _first_text(_find(it, own, lambda e: _has_class(e, "author"))
                                           or _find(it, own, lambda e: _has_class(e, "post-byline"))),
        date=lambda it, own: _date_of(
            _find(it, own, lambda e: e.tag == "time")
            + _find(it, own, lambda e: _has_class(e, "post-meta", "time-ago"))),
        body=lambda it, own: "",
        containers=("post-list",),
    ),
    Layout(
        name="typepad",
        is_item=_typepad_item,
        author=lambda it, own: (m.group("author").strip() if (m := _typepad_footer(it, own)) else None),
        date=lambda it, own: (to_iso_date(m.group("date")) if (m := _typepad_footer(it, own)) else None),
        body=lambda it, own: "",
        containers=("comments-content", "comments"),
    ),
)

_LAYOUT_BODY: dict[str, tuple[Callable[[etree._Element], bool], Callable[[etree._Element], bool]]] = {
    "wordpress": (lambda e: _has_class(e, "comment-content", "comment-text", "comment-body-text"), _wp_meta),
    "disqus": (lambda e: _has_class(e, "post-message", "post-body-inner"), _disqus_meta),
    "typepad": (lambda e: _has_class(e, "comment-content", "comment-body"),
                lambda e: _has_class(e, "comment-footer")),
    "generic": (_generic_body, lambda e: _generic_author(e) or _generic_date(e) or _has_class(e, "reply")),
}


def _collect(items: list[etree._Element], layout: Layout) -> list[RawComment]:
    item_set = set(items)
    index = {el: i for i, el in enumerate(items)}
    preferred, meta = _LAYOUT_BODY[layout.name]
    out: list[RawComment] = []
    for el in items:
        own = _own(el, item_set)
        parent = None
        node = el.getparent()
        while node is not None:
            if node in item_set:
                parent = index[node]
                break
            node = node.getparent()
        out.append(RawComment(
            element=el,
            author=layout.author(el, own),
            published=layout.date(el, own),
            body=_body_minus(el, own, preferred, meta, item_set),
            parent=parent,
        ))
    return out


def _generic_items(tree: etree._Element) -> list[etree._Element]:
    groups: dict[str, list[etree._Element]] = {}
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        sig = _generic_signature(el)
        if sig is not None:
            groups.setdefault(sig, []).append(el)
    if not groups:
        return []
    best = max(groups.values(), key=len)
    return best


_GENERIC = Layout(
    name="generic",
    is_item=lambda el: _generic_signature(el) is not None,
    author=lambda it, own: _first_text(_find(it, own, _generic_author), limit=80),
    date=lambda it, own: _date_of(_find(it, own, _generic_date)),
    body=lambda it, own: "",
)


def _prune_wrappers(items: list[etree._Element], marker: Callable[[etree._Element], bool]) -> list[etree._Element]:
    """Drop candidates whose marker (byline, footer) all belongs to comments nested inside them."""
    item_set = set(items)
    kept = [el for el in items if _find(el, _own(el, item_set), marker)]
    if len(kept) == len(items):
        return kept
    return _prune_wrappers(kept, marker) if kept else kept


def _keep_with_body(comments: list[RawComment]) -> list[RawComment]:
    """Drop empty comments; a reply to a dropped one answers that one's parent."""
    new_index: dict[int, int] = {}
    kept: list[RawComment] = []
    for i, c in enumerate(comments):
        parent = c.parent
        while parent is not None and parent not in new_index:
            parent = comments[parent].parent
        if not c.body:
            continue
        c.parent = new_index[parent] if parent is not None else None
        new_index[i] = len(kept)
        kept.append(c)
    return kept


_MARKERS: dict[str, Callable[[etree._Element], bool]] = {
    "disqus": lambda e: _has_class(e, "author", "post-byline"),
    "typepad": lambda e: _has_class(e, "comment-footer"),
}


def find_comments(tree: etree._Element) -> list[RawComment]:
    """Comments of the page in page order, from the first layout that recognises any."""
    elements = [el for el in tree.iter() if isinstance(el.tag, str)]
    for layout in LAYOUTS:
        items = [el for el in elements if layout.is_item(el)]
        if layout.name in _MARKERS:
            items = _prune_wrappers(items, _MARKERS[layout.name])
        if items:
            return _keep_with_body(_collect(items, layout))
    items = _generic_items(tree)
    return _keep_with_body(_collect(items, _GENERIC)) if items else []


def _drop_comments(comments: list[RawComment]) -> None:
    """Take the thread out of the tree so trafilatura's main text does not repeat it."""
    roots = [c.element for c in comments if c.parent is None]
    containers = set()
    for el in roots:
        parent = el.getparent()
        if parent is not None and re.search(r"comment|disqus|post-list|responses", _attr_text(parent), re.I):
            containers.add(parent)
    for el in roots:
        if el.getparent() is not None:
            el.drop_tree()
    for box in containers:
        if box.getparent() is not None and len(element_text(box)) < 300:
            box.drop_tree()


# -- page ---------------------------------------------------------------------------------------

@dataclass(slots=True)
class HtmlText:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    hints: list[SegmentHint] = field(default_factory=list)


def _trafilatura(tree: etree._Element, url: str | None) -> HtmlText | None:
    import trafilatura

    try:
        res = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, include_formatting=False, deduplicate=False,
            favor_recall=True,
        )
    except (RecursionError, ValueError, TypeError, AttributeError, etree.LxmlError) as exc:
        log.warning("trafilatura failed (%s); using the flat text", exc)
        return None
    if res is None or isinstance(res, dict):
        return None
    return HtmlText(
        text=_normalize(res.text or ""),
        title=res.title or None,
        author=res.author or None,
        published=to_iso_date(res.date),
        outlet=res.sitename or None,
        url=res.url or url,
    )


def _title_of(tree: etree._Element) -> str | None:
    found = tree.find(".//title")
    if found is None:
        return None
    title = " ".join(element_text(found).split())
    return title or None


def extract_html(markup: str, url: str | None = None) -> HtmlText:
    """Main text then each comment, separated by blank lines, with an article hint and comment hints."""
    tree = parse_tree(markup)
    if tree is None:
        return HtmlText(text=flat_text(markup), url=url)
    comments = find_comments(tree)
    if comments:
        _drop_comments(comments)
    page_title = _title_of(tree)
    body = tree.find("body")
    fallback = element_text(body if body is not None else tree)
    main = _trafilatura(tree, url)
    if main is None or not main.text:
        main = HtmlText(text=fallback, title=main.title if main else page_title,
                        author=main.author if main else None, published=main.published if main else None,
                        outlet=main.outlet if main else None, url=url)
    main.title = main.title or page_title
    parts = [main.text] if main.text else []
    hints: list[SegmentHint] = []
    if main.text:
        hints.append(SegmentHint(kind="article", char_start=0, char_end=len(main.text), author=main.author,
                                 published=main.published, title=main.title, outlet=main.outlet))
    offset = len(main.text)
    first_comment = len(hints)
    for c in comments:
        if parts:
            offset += 2
        parts.append(c.body)
        reply = first_comment + c.parent if c.parent is not None else None
        hints.append(SegmentHint(kind="comment", char_start=offset, char_end=offset + len(c.body),
                                 author=c.author, published=c.published, reply_to_index=reply))
        offset += len(c.body)
    main.text = "\n\n".join(parts)
    main.hints = hints
    return main


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment (a feed item's summary): no main-content guessing, just the words."""
    if "<" not in markup:
        return _normalize(htmllib.unescape(markup))
    tree = parse_tree(f"<html><body>{markup}</body></html>")
    if tree is None:
        return flat_text(markup)
    body = tree.find("body")
    return element_text(body if body is not None else tree)


def html_document(markup: str, source: str, *, url: str | None = None, fmt: str = "html",
                  encoding: str | None = None, fallback_date: str | None = None) -> Document | InputError:
    """One document from a page's markup (shared by the HTML and WARC readers)."""
    try:
        page = extract_html(markup, url=url)
    except (RecursionError, ValueError, etree.LxmlError) as exc:  # the flat text never needs a tree
        log.warning("HTML extraction failed on %s (%s); using the flat text", source, exc)
        page = HtmlText(text=flat_text(markup), url=url)
    if not page.text.strip():
        return InputError(path=source, reason="no text in the page",
                          hint="the page has no visible text (scripts only, or a frame); save the article itself")
    published = page.published or fallback_date
    for hint in page.hints:
        if hint.kind == "article" and hint.published is None:
            hint.published = published
    return Document(text=page.text, source_path=source, url=page.url or url, title=page.title,
                    outlet=page.outlet, author=page.author, published=published, format=fmt,
                    encoding=encoding, hints=page.hints)


def read_html_bytes(data: bytes, source: str, *, url: str | None = None, fmt: str = "html",
                    content_type: str | None = None, fallback_date: str | None = None,
                    ) -> Iterator[Document | InputError]:
    declared = _charset_of(content_type) or declared_charset(data)
    try:
        decoded = decode_bytes(data, declared=declared)
    except DecodeError as exc:
        yield exc.to_input_error(source)
        return
    yield html_document(decoded.text, source, url=url, fmt=fmt, encoding=decoded.encoding,
                        fallback_date=fallback_date)


def _charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return m.group(1) if m else None
