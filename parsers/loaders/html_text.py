"""Render HTML elements as text lines, close to the text a browser saves for a page."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString, PageElement

DROPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "iframe", "svg", "button", "select"}
)
"""Elements whose content is never page text."""

_PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "hr", "dl", "figure"}
)
"""Blocks set off by a blank line before and after, as browsers save paragraphs and headings."""

_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "body", "caption", "center", "details", "dd", "div",
        "dt", "fieldset", "figcaption", "footer", "form", "header", "html", "legend", "li",
        "main", "nav", "ol", "section", "summary", "tr", "ul",
    }
)
"""Blocks that start on a new line without a blank line."""

_CELL_TAGS = ("td", "th")
_SPACE = re.compile(r"\s+")
_BULLET = "•"
_INDENT = "  "


class _LineWriter:
    """Collect text into lines, inserting line breaks lazily so no blank run is doubled."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._current = ""
        self._pending_breaks = 0
        self._indent = ""

    def write(self, text: str) -> None:
        """Append inline text, folding white space the way a browser lays it out."""
        folded = _SPACE.sub(" ", text)
        if not folded.strip():
            if self._current and not self._current.endswith(" "):
                self._current += " "
            return
        self._flush_breaks()
        if not self._current:
            self._current = self._indent
            folded = folded.lstrip()
        elif self._current.endswith(" "):
            folded = folded.lstrip()
        self._current += folded

    def write_raw(self, text: str) -> None:
        """Append preformatted text, keeping its spaces and line breaks."""
        for index, part in enumerate(text.split("\n")):
            if index:
                self._end_line()
            self._flush_breaks()
            self._current += part

    def write_line(self, text: str) -> None:
        """Write `text` as a line of its own, as it is (no white space folding)."""
        self.request_break(1)
        self._flush_breaks()
        self._current = f"{self._indent}{text}"
        self.request_break(1)

    def start_item(self, marker: str) -> None:
        """Start a list item line: the marker, indented by the list's nesting."""
        self.request_break(1)
        self._flush_breaks()
        self._current = f"{self._indent}{marker} "

    def request_break(self, count: int) -> None:
        """Ask for `count` line ends before the next text (1 new line, 2 a blank line)."""
        if self._current.strip() or self.lines:
            self._pending_breaks = max(self._pending_breaks, count)

    def line_break(self) -> None:
        """End the current line now, as `<br>` does, even when the line is empty."""
        self._flush_breaks()
        self._end_line()

    def set_indent(self, indent: str) -> None:
        self._indent = indent

    @property
    def indent(self) -> str:
        return self._indent

    def finish(self) -> list[str]:
        """Return the lines written, without leading or trailing blank lines."""
        if self._current.strip():
            self._end_line()
        while self.lines and not self.lines[-1].strip():
            self.lines.pop()
        while self.lines and not self.lines[0].strip():
            self.lines.pop(0)
        return self.lines

    def _end_line(self) -> None:
        self.lines.append(self._current.rstrip())
        self._current = ""

    def _flush_breaks(self) -> None:
        if not self._pending_breaks:
            return
        blank_lines = self._pending_breaks - 1
        self._pending_breaks = 0
        if self._current.strip():
            self._end_line()
        else:
            self._current = ""
        # Blank lines already written count towards the blank lines a block requests.
        trailing_blanks = 0
        for line in reversed(self.lines):
            if line.strip():
                break
            trailing_blanks += 1
        for _ in range(max(0, blank_lines - trailing_blanks)):
            self.lines.append("")


def render_lines(element: Tag, skip: frozenset[str] = frozenset()) -> list[str]:
    """Render an element's visible text as lines.

    Lists become `  • item` or `  1. item` lines, indented two more spaces per nesting level.
    A table row becomes one line with its cells joined by ` | `, and `<br>` ends a line.
    Elements named in `skip` (such as `nav`) are left out with their content.
    """
    return _lines_of(element, DROPPED_TAGS | skip)


def element_text(element: Tag) -> str:
    """Return an element's visible text on one line, white space folded."""
    return " ".join(line.strip() for line in render_lines(element) if line.strip())


def _lines_of(element: Tag, skip: frozenset[str]) -> list[str]:
    writer = _LineWriter()
    _render(element, writer, skip)
    return writer.finish()


def parse_markup(markup: str) -> BeautifulSoup:
    """Parse HTML with lxml and remove comments, which never carry page text."""
    soup = BeautifulSoup(markup, "lxml")
    for comment in soup.find_all(string=lambda value: isinstance(value, Comment)):
        comment.extract()
    return soup


_Step = PageElement | Callable[[], None]
"""A node still to render, or a writer call that closes an element after its children."""


def _render(root: PageElement, writer: _LineWriter, skip: frozenset[str]) -> None:
    """Render a tree with an explicit stack, so deeply nested markup cannot exhaust recursion."""
    stack: list[_Step] = [root]
    while stack:
        step = stack.pop()
        if isinstance(step, PageElement):
            stack.extend(reversed(_open(step, writer, skip)))
        else:
            step()


def _open(node: PageElement, writer: _LineWriter, skip: frozenset[str]) -> list[_Step]:
    """Write what an element starts with and return its children and closing calls, in order."""
    if isinstance(node, NavigableString):
        if not isinstance(node, Comment):
            writer.write(str(node))
        return []
    if not isinstance(node, Tag) or node.name in skip:
        return []

    name = node.name
    if name == "br":
        writer.line_break()
        return []
    if name == "pre":
        writer.request_break(2)
        writer.write_raw(node.get_text())
        writer.request_break(2)
        return []
    if name == "tr":
        children = node.find_all(_CELL_TAGS, recursive=False)
        cells = [cell for cell in children if isinstance(cell, Tag)]
        if _is_layout_row(cells):
            return _open_layout_row(cells, writer)
        _render_row(cells, writer, skip)
        return []
    if name in ("ul", "ol"):
        return _open_list(node, writer)

    breaks = 0
    if name in _PARAGRAPH_TAGS:
        breaks = 2
    elif name in _BLOCK_TAGS:
        breaks = 1
    if breaks:
        writer.request_break(breaks)
    steps: list[_Step] = list(node.children)
    if breaks:
        steps.append(partial(writer.request_break, breaks))
    return steps


def _open_list(node: Tag, writer: _LineWriter) -> list[_Step]:
    """Start `<ul>`/`<ol>` items one per line, and a nested list one indent level deeper."""
    outer_indent = writer.indent
    breaks = 1 if outer_indent else 2
    writer.request_break(breaks)
    writer.set_indent(outer_indent + _INDENT)

    steps: list[_Step] = []
    number = _list_start(node)
    for child in node.children:
        if not isinstance(child, Tag):
            continue
        if child.name != "li":
            steps.append(child)
            continue
        marker = f"{number}." if node.name == "ol" else _BULLET
        number += 1
        steps.append(partial(writer.start_item, marker))
        steps.extend(child.children)
    steps.append(partial(writer.set_indent, outer_indent))
    steps.append(partial(writer.request_break, breaks))
    return steps


def _list_start(node: Tag) -> int:
    start = node.get("start")
    if isinstance(start, str) and start.strip().lstrip("-").isdigit():
        return int(start)
    return 1


def _is_layout_row(cells: list[Tag]) -> bool:
    """Return whether a row lays out a page (as HTML e-mails do) instead of holding data.

    A row with a single cell, or with a table inside a cell, is layout.
    """
    return len(cells) == 1 or any(cell.find("table") is not None for cell in cells)


def _open_layout_row(cells: list[Tag], writer: _LineWriter) -> list[_Step]:
    """Render each cell of a layout row as a block of its own lines."""
    writer.request_break(1)
    steps: list[_Step] = []
    for cell in cells:
        steps.append(cell)
        steps.append(partial(writer.request_break, 1))
    return steps


def _render_row(cells: list[Tag], writer: _LineWriter, skip: frozenset[str]) -> None:
    """Render a data row as one line of cells joined by ` | `, keeping empty cells as gaps."""
    texts = [
        " ".join(line.strip() for line in _lines_of(cell, skip) if line.strip())
        for cell in cells
    ]
    if not any(texts):
        return
    writer.write_line(" | ".join(texts))
