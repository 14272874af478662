"""The answers as Markdown blocks, rendered once into elements and records.

A page writes each answer as a pymdownx block, its id out of the manifest
(data/answers.yml), with its approach boxes and required parts inside:

    /// answer | expected-salary

    /// approach
    先说明自己的全部薪资总包……
    ///

    **说明薪资总包**：……

    ///

    /// approach | 报价公式      (another title for the box)
    /// basis                    (the answer's 依据 list, id <answer>-basis)

The answer becomes elements, not strings: a wrapper, the question as an
<h2 id="<answer id>"> (the title comes from the manifest), the tools bar
(rendered by the pipeline's template) and the body. After the whole page is
parsed, the Answers tree processor makes one Record per answer (spoken text,
approach, parts, its copy for the 全部答案 page) and inserts the page's jump
list under its title, then hands the PageResult to the pipeline.

The class names of these elements are declared once, in CLASSES; the CSS and
the browser scripts use the same names.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from copy import deepcopy
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from markdown import Markdown
from markdown.serializers import to_html_string
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE, AtomicString
from mkdocs.utils import get_relative_url
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_string

from .model import PARTS, Answer, Manifest, ProfileValue, Record

CLASSES = {
    "answer": "answer",              # wrapper: data-answer="<id>"
    "body": "answer-body",           # everything said (and the approach boxes)
    "approach": "admonition tip answer-approach",
    "approach_title": "admonition-title",
    "part": "answer-part",           # a required part, e.g. the 依据 list
}
APPROACH_TITLE = "思路"
# A profile value in the Markdown, as the macros write it: a token the
# renderer hands out (value_token) and this extension turns back into the
# value's markup, kept whole so that its text is known to be a value.
VALUE_TOKEN = "\ue000{}\ue001"
VALUE_PATTERN = r"\ue000(\d+)\ue001"
SKIPPED_TEXT = {"pre", "code", "script", "style"}
BLOCKS = {"p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd",
          "table", "tr", "td", "th", "blockquote", "pre", "figure", "figcaption", "details", "summary"}


@dataclass(frozen=True)
class PageContext:
    """Where the page being rendered lives (set by the pipeline before each page)."""
    src: str                  # src_uri, e.g. "salary.md"
    url: str                  # URL relative to the site root, e.g. "salary/"
    canonical_url: str | None  # absolute address, when site_url is set
    sheet_url: str | None      # URL of the 全部答案 page, for the copies' links


@dataclass
class PageResult:
    page: PageContext
    records: list[Record]
    problems: list[str]        # blocks the page wrote wrongly (unknown id, part outside an answer)
    text: str                  # the page's visible text outside code, for the leftover check
    sheet_html: str = ""       # the page's content for the 全部答案 page: no ids, links resolved


class Renderer:
    """What the pipeline gives the extension: HTML from templates, and the
    profile values the macros wrote into the Markdown as tokens."""

    def value(self, index: int) -> str:  # pragma: no cover - interface
        """The markup of the profile value behind token `index`."""
        raise NotImplementedError

    def answer_tools(self, record: Record, page: PageContext) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def jump_list(self, records: Sequence[Record]) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def value_of(self, raw_html: str) -> ProfileValue | None:
        """The profile value a piece of raw HTML is, if it is one."""
        return None

    def plain_text(self, raw_html: str) -> str:
        """What a reader sees of a piece of raw HTML in the Markdown (a profile
        value the macros wrote, an author's inline tag)."""
        parser = _TextOnly()
        parser.feed(raw_html)
        parser.close()
        return "".join(parser.parts)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@dataclass
class _Found:
    answer: Answer
    element: etree.Element
    body: etree.Element
    approaches: list[etree.Element] = field(default_factory=list)
    parts: dict[str, etree.Element] = field(default_factory=dict)


class _State:
    """Per page (one Markdown instance): the answers found while parsing."""

    def __init__(self) -> None:
        self.found: list[_Found] = []
        self.open: list[_Found] = []
        self.problems: list[str] = []


def _state(md: Markdown) -> _State:
    return md.handbook_answers  # type: ignore[attr-defined]


# -- the blocks ----------------------------------------------------------------

class AnswerBlock(Block):
    NAME = "answer"
    ARGUMENT = True

    def on_create(self, parent: etree.Element) -> etree.Element:
        manifest: Manifest = self.config["manifest"]
        state = _state(self.md)
        answer_id = str(self.argument).strip()
        answer = manifest.find(answer_id)
        if answer is None:
            state.problems.append(f"'/// answer | {answer_id}': no answer with this id in the manifest "
                                  f"(known ids: {', '.join(a.id for a in manifest.answers)})")
            answer = Answer(answer_id, answer_id, "")
        if state.open:
            state.problems.append(f"answer '{answer_id}' is written inside answer "
                                  f"'{state.open[-1].answer.id}': close that block (///) first")
        wrapper = etree.SubElement(parent, "div", {"class": CLASSES["answer"], "data-answer": answer.id})
        heading = etree.SubElement(wrapper, "h2", {"id": answer.id})
        heading.text = AtomicString(answer.title)  # the manifest's text, not Markdown
        body = etree.SubElement(wrapper, "div", {"class": CLASSES["body"]})
        found = _Found(answer, wrapper, body)
        state.found.append(found)
        state.open.append(found)
        return wrapper

    def on_add(self, block: etree.Element) -> etree.Element:
        return block.find(f"div[@class='{CLASSES['body']}']")

    def on_end(self, block: etree.Element) -> None:
        _state(self.md).open.pop()


class _InsideAnswer(Block):
    """A block that belongs to the answer it is written in."""

    def owner(self, name: str) -> _Found | None:
        state = _state(self.md)
        if not state.open:
            state.problems.append(f"'/// {name}' is outside every answer: move it inside "
                                  "a '/// answer | <id>' block")
            return None
        return state.open[-1]


class ApproachBlock(_InsideAnswer):
    """An approach box (思路 by default): notes for the reader, not said aloud."""

    NAME = "approach"
    ARGUMENT = None

    def on_create(self, parent: etree.Element) -> etree.Element:
        box = etree.SubElement(parent, "div", {"class": CLASSES["approach"]})
        title = etree.SubElement(box, "p", {"class": CLASSES["approach_title"]})
        title.text = AtomicString(type_string(self.argument).strip() if self.argument else APPROACH_TITLE)
        owner = self.owner(self.NAME)
        if owner:
            owner.approaches.append(box)
        return box


def _part_block(part: str, label: str) -> type[Block]:
    def on_create(self, parent: etree.Element) -> etree.Element:
        box = etree.SubElement(parent, "div", {"class": CLASSES["part"], "data-part": part})
        heading = etree.SubElement(box, "h3")
        heading.text = label
        owner = self.owner(part)
        if owner:
            heading.set("id", owner.answer.part_id(part))
            if part in owner.parts:
                _state(self.md).problems.append(f"answer '{owner.answer.id}' has two '/// {part}' blocks")
            owner.parts[part] = box
        return box

    return type(f"{part.title()}Block", (_InsideAnswer,), {"NAME": part, "ARGUMENT": False,
                                                          "on_create": on_create})


PART_BLOCKS = tuple(_part_block(part, label) for part, label in PARTS.items())


# -- reading the rendered tree ---------------------------------------------------

class _Text:
    """Visible text of elements, with raw HTML (profile values) as the reader sees it."""

    def __init__(self, md: Markdown, renderer: Renderer) -> None:
        self.stash = md.htmlStash
        self.renderer = renderer

    def resolve(self, text: str) -> str:
        def raw(m: re.Match) -> str:
            index = int(m.group(1))
            block = self.stash.rawHtmlBlocks[index] if index < len(self.stash.rawHtmlBlocks) else ""
            return self.renderer.plain_text(str(block))
        return html.unescape(HTML_PLACEHOLDER_RE.sub(raw, text).replace(AMP_SUBSTITUTE, "&"))

    def of(self, element: etree.Element, skip: Sequence[etree.Element] = ()) -> str:
        """The text of `element` without `skip`: inline text joined as written,
        blocks (paragraphs, list items, headings) apart."""
        parts: list[str] = []

        def walk(el: etree.Element) -> None:
            if el in skip:
                return
            gap = " " if el.tag in BLOCKS else ""
            parts.append(gap + self.resolve(el.text or ""))
            for child in el:
                walk(child)
                parts.append(self.resolve(child.tail or ""))
            parts.append(gap)

        walk(element)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def values(self, element: etree.Element) -> tuple[ProfileValue, ...]:
        """The profile values inside `element`, in reading order."""
        found: list[ProfileValue] = []

        def scan(text: str | None) -> None:
            for m in HTML_PLACEHOLDER_RE.finditer(text or ""):
                index = int(m.group(1))
                if index < len(self.stash.rawHtmlBlocks):
                    value = self.renderer.value_of(str(self.stash.rawHtmlBlocks[index]))
                    if value is not None:
                        found.append(value)

        def walk(el: etree.Element) -> None:
            scan(el.text)
            for child in el:
                walk(child)
                scan(child.tail)

        walk(element)
        return tuple(found)

    def page(self, root: etree.Element) -> str:
        """The page's text outside code, without raw HTML (profile values, templates)."""
        parts: list[str] = []

        def visible(text: str | None) -> str:
            return html.unescape(HTML_PLACEHOLDER_RE.sub(" ", text or "").replace(AMP_SUBSTITUTE, "&"))

        def walk(el: etree.Element) -> None:
            if el.tag in SKIPPED_TEXT:
                return
            parts.append(visible(el.text))
            for child in el:
                walk(child)
                parts.append(visible(child.tail))

        walk(root)
        return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _items(part: etree.Element, text: _Text) -> tuple[str, ...]:
    return tuple(t for li in part.iter("li") if (t := text.of(li)))


def _sheet_copy(element: etree.Element, page: PageContext) -> etree.Element:
    """A copy of a page's content fit for the 全部答案 page: no ids (an
    answer's id stays unique in the site), every link pointing where it
    pointed on its page."""
    copy = deepcopy(element)
    origin = "http://site/"
    for el in copy.iter():
        el.attrib.pop("id", None)
        for attr in ("href", "src"):
            value = el.get(attr)
            if value is None or urlsplit(value).scheme or value.startswith("//"):
                continue
            target = urljoin(origin + page.url, value).removeprefix(origin)
            el.set(attr, get_relative_url(target, page.sheet_url or ""))
    return copy


class ValueProcessor(InlineProcessor):
    """A profile value's token → its markup, stashed whole (one placeholder)."""

    def __init__(self, md: Markdown, renderer: Renderer) -> None:
        super().__init__(VALUE_PATTERN, md)
        self.renderer = renderer

    def handleMatch(self, m: re.Match, data: str):  # type: ignore[override]
        return self.md.htmlStash.store(self.renderer.value(int(m.group(1)))), m.start(0), m.end(0)


class AnswersTreeprocessor(Treeprocessor):
    """Last of all tree processors (after toc and MkDocs' link rewriting):
    records, tools bars, the jump list and the sheet copies."""

    def __init__(self, md: Markdown, extension: "AnswersExtension") -> None:
        super().__init__(md)
        self.extension = extension

    def _placeholder(self, markup: str) -> etree.Element:
        para = etree.Element("p")
        para.text = self.md.htmlStash.store(markup)
        return para

    def run(self, root: etree.Element) -> None:
        ext = self.extension
        page = ext.page
        state = _state(self.md)
        text = _Text(self.md, ext.renderer)
        records: list[Record] = []
        for found in state.found:
            spoken = text.of(found.body, skip=[*found.approaches, *found.parts.values()])  # said aloud: no 思路, no 依据
            approach = tuple(text.of(box, skip=[box[0]]) for box in found.approaches)
            parts = {name: _items(box, text) for name, box in found.parts.items()}
            record = Record(answer=found.answer, page=page.src, url=page.url, spoken=spoken,
                            approach=approach, parts=parts, values=text.values(found.body))
            found.element.insert(1, self._placeholder(ext.renderer.answer_tools(record, page)))
            records.append(record)
        sheet_html = self._sheet_html(root, page) if records and page.sheet_url else ""
        if records:
            nav = self._placeholder(ext.renderer.jump_list(records))
            first = next((i for i, el in enumerate(root) if el.tag == "h1"), -1)
            root.insert(first + 1, nav)
        ext.on_page(PageResult(page, records, list(state.problems), text.page(root), sheet_html))

    def _sheet_html(self, root: etree.Element, page: PageContext) -> str:
        """The page's content (all but its title) as the 全部答案 page shows it."""
        body = etree.Element("div")
        body.extend(child for child in root if child.tag != "h1")
        html_ = "".join(to_html_string(child) for child in _sheet_copy(body, page))
        for postprocessor in self.md.postprocessors:  # raw HTML, entities: as Markdown ends
            html_ = postprocessor.run(html_)
        return html_


class AnswersExtension(BlocksExtension):
    """The answer blocks and their tree processor. One instance serves every
    page of a build; the pipeline sets `page` before each page is rendered."""

    def __init__(self, manifest: Manifest, renderer: Renderer,
                 on_page: Callable[[PageResult], None]) -> None:
        super().__init__()
        self.manifest = manifest
        self.renderer = renderer
        self.on_page = on_page
        self.page = PageContext("", "", None, None)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr) -> None:
        md.handbook_answers = _State()  # type: ignore[attr-defined]
        config = {"manifest": self.manifest}
        for block in (AnswerBlock, ApproachBlock, *PART_BLOCKS):
            block_mgr.register(block, config)
        md.treeprocessors.register(AnswersTreeprocessor(md, self), "handbook_answers", -10)
        # Before every other inline pattern: a value is text, not Markdown.
        md.inlinePatterns.register(ValueProcessor(md, self.renderer), "handbook_value", 200)
