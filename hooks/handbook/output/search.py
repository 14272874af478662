"""The search index the site ships: Material's, completed from the records.

Material's search plugin writes `search/search_index.json` (one entry per
page and per heading, Chinese segmented by jieba with U+200B). Right after
it, before the writers that read the final files (CSP, sw.js), this stage
adds what the records know and Material cannot:

- **keywords.** Each answer's `keywords` (answers.yml: the words a reader
  types that the answer need not say) go into a field of their own on that
  answer's entry, as strong as the title. Material's worker indexes every
  field of `config.fields` but its results show only the title and the text,
  so the keywords rank the answer and appear nowhere.
- **ranking.** A page's own entry (its title and the lines above its first
  answer) gets a low boost on a page of answers. Material always shows that
  entry as the heading of the page's results; ranked above the page's
  sections it folds them away ("在该页上还有 N 个符合条件的结果"), so the
  answer a query names would not be the first result. Question titles keep
  Material's title boost, far above text, so a title outranks a mention in
  another answer's body.
- **the reader's values.** In an answer's text each profile value is wrapped
  in its page markup (partials/profile-value.html), so profile.js shows what
  the reader filled in (填写我的信息) in result snippets as on the pages.
  The text inside stays Material's escaped text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jieba

from ..model import ProfileValue, Record

INDEX_FILE = "search/search_index.json"
FIELD = "keywords"
PAGE_BOOST = 0.05   # a page's own entry, on a page of answers (Material: 1)
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
ZWSP = "\u200b"


class SearchIndexError(ValueError):
    """Material's index does not hold what the records say the pages show."""


@dataclass(frozen=True)
class Enriched:
    keywords: int   # keywords indexed
    values: int     # profile values wrapped in the snippets' text


def keyword_terms(keyword: str) -> list[str]:
    """The index terms of one keyword: its words of two or more characters
    as jieba cuts the pages' text, so a keyword weighs like the same words in
    a title (a lone character would match far too much); the keyword whole
    only when jieba leaves nothing longer (下家 → 下 + 家). Never the whole
    of a longer keyword: 被优化 would add a match to every query beginning
    with 被 (Material's worker appends a wildcard to every term)."""
    word = keyword.strip().lower()
    pieces = [w.strip() for w in jieba.cut(word) if w.strip()] if HAN.search(word) else [word]
    return list(dict.fromkeys(w for w in pieces if len(w) > 1)) or [word]


def keyword_field(keywords: Iterable[str]) -> str:
    return " ".join(ZWSP.join(keyword_terms(k)) for k in keywords)


def value_pattern(text: str) -> re.Pattern[str]:
    """A value's text as it stands in Material's index: escaped, with U+200B
    wherever jieba cut it."""
    escaped = html.escape(text, quote=False)
    return re.compile(f"{ZWSP}?".join(re.escape(c) for c in escaped))


def wrap_values(texts: list[str], values: Sequence[ProfileValue],
                markup: Callable[[ProfileValue, str], str]) -> tuple[list[str], list[ProfileValue]]:
    """Each value, in reading order, wrapped in `markup` where it first stands
    after the one before (across the entries of one answer); the values not found."""
    out, missing = list(texts), []
    entry, pos = 0, 0
    for value in values:
        pattern = value_pattern(value.text)
        for i in range(entry, len(out)):
            found = pattern.search(out[i], pos if i == entry else 0)
            if found:
                wrapped = markup(value, found.group(0))
                out[i] = out[i][:found.start()] + wrapped + out[i][found.end():]
                entry, pos = i, found.start() + len(wrapped)
                break
        else:
            missing.append(value)
    return out, missing


def enrich(index: dict, records: Sequence[Record], title_boost: float,
           markup: Callable[[ProfileValue, str], str]) -> Enriched:
    """Change Material's index (the parsed JSON) in place."""
    docs = {doc["location"]: doc for doc in index["docs"]}
    index["config"]["fields"][FIELD] = {"boost": title_boost}
    problems: list[str] = []
    keywords = wrapped = 0
    for record in records:
        entry = docs.get(f"{record.url}#{record.id}")
        if entry is None:
            problems.append(f"answer '{record.id}' has no entry {record.url}#{record.id}")
            continue
        page = docs.get(record.url)
        if page is not None:
            page["boost"] = PAGE_BOOST
        if record.answer.keywords:
            entry[FIELD] = keyword_field(record.answer.keywords)
            keywords += len(record.answer.keywords)
        entries = [entry] + [docs[loc] for p in record.answer.requires
                             if (loc := f"{record.url}#{record.answer.part_id(p)}") in docs]
        texts, missing = wrap_values([e["text"] for e in entries], record.values, markup)
        for e, text in zip(entries, texts):
            e["text"] = text
        wrapped += len(record.values) - len(missing)
        problems += [f"answer '{record.id}': profile value {v.key} ({v.text!r}) is not in its entry's text"
                     for v in missing]
    if problems:
        raise SearchIndexError("search index: Material's search/search_index.json does not hold what the "
                               "pages show (did Material change its index format?):\n  - "
                               + "\n  - ".join(problems))
    return Enriched(keywords, wrapped)


def write(site_dir: Path, records: Sequence[Record], markup: Callable[[ProfileValue, str], str]) -> Enriched | None:
    """Complete the index Material wrote; None when the site has no search."""
    path = site_dir / INDEX_FILE
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    title_boost = float(index["config"]["fields"].get("title", {}).get("boost", 1))
    result = enrich(index, records, title_boost, markup)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return result
