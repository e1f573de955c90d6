"""Checks the content against the source text: figures, years and no copied sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from db.models import Content

_NUMBER = re.compile(
    r"(?<![\d,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?"
    r"(?:\s*(тыс\w*|млн|миллион\w*|млрд|миллиард\w*))?",
    re.IGNORECASE,
)
_SCALES = (
    ("миллиард", 10**9),
    ("млрд", 10**9),
    ("миллион", 10**6),
    ("млн", 10**6),
    ("тыс", 10**3),
)
# Small numbers a text may spell out in words ("пятилетний", "на пять лет").
_NUMBER_WORDS = {
    2: r"два|две|двух|двум|двумя|двухлетн\w*",
    3: r"три|трех|трем|тремя|трехлетн\w*",
    4: r"четыре|четырех|четырем|четырьмя|четырехлетн\w*",
    5: r"пять|пяти|пятью|пятилетн\w*",
    6: r"шесть|шести|шестью|шестилетн\w*",
    7: r"семь|семи|семью|семилетн\w*",
    8: r"восемь|восьми|восемью|восьмилетн\w*",
    9: r"девять|девяти|девятью|девятилетн\w*",
    10: r"десять|десяти|десятью|десятилетн\w*",
}
COPY_RUN_WORDS = 6  # this many consecutive words shared with the source count as copying
_WORD = re.compile(r"[0-9a-zа-яё]+", re.IGNORECASE)


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    figures_checked: int = 0
    years_checked: int = 0
    facts_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


STEM = 6  # letters of a term's word that must occur in its paragraph («приволж…»)


def paragraphs_of(source_text: str) -> list[str]:
    """The source's paragraphs: its non-empty lines, numbered from 1 by position."""
    return [line.strip() for line in source_text.splitlines() if line.strip()]


def numbers_in(paragraph: str) -> set[float]:
    values: set[float] = set()
    for match in _NUMBER.finditer(paragraph):
        whole = re.sub(r"\D", "", match.group(1))
        value = Decimal(f"{whole}.{match.group(2) or 0}")
        scale_word = (match.group(3) or "").lower()
        scale = next((f for prefix, f in _SCALES if scale_word.startswith(prefix)), 1)
        values.add(float(value * scale))
    return values


def mentions_number(paragraph: str, number: int) -> bool:
    if number in numbers_in(paragraph):
        return True
    words = _NUMBER_WORDS.get(number)
    lowered = paragraph.lower().replace("ё", "е")
    return words is not None and re.search(rf"\b(?:{words})\b", lowered) is not None


def check_content(content: Content, source_text: str) -> CheckReport:
    paras = paragraphs_of(source_text)
    report = CheckReport()

    def paragraph(where: str, number: int) -> str | None:
        if 1 <= number <= len(paras):
            return paras[number - 1]
        report.problems.append(f"{where}: paragraph {number} does not exist ({len(paras)} in text)")
        return None

    def need_number(where: str, number: int, text: str | None, *, year: bool = False) -> None:
        if text is None:
            return
        if year:
            report.years_checked += 1
        else:
            report.figures_checked += 1
        if not mentions_number(text, number):
            report.problems.append(f"{where}: {number:g} does not occur in its paragraph")

    for fact in content.facts:
        report.facts_checked += 1
        text = paragraph(f"fact {fact.id}", fact.paragraph)
        if text is None:
            continue
        found = numbers_in(text)
        for name, figure in fact.figures.items():
            report.figures_checked += 1
            if figure.value not in found:
                report.problems.append(
                    f"fact {fact.id}: figure {name}={figure.value:g} not in paragraph "
                    f"{fact.paragraph} (numbers there: {sorted(found)})"
                )
        for year in fact.period.years if fact.period else ():
            need_number(f"fact {fact.id} period", year, text, year=True)

    for region in content.regions:
        head_text = paragraph(f"region {region.id} head", region.head.paragraph)
        surname = region.head.name.split()[-1]
        if head_text is not None and surname not in head_text:
            report.problems.append(f"region {region.id}: head {surname} not in its paragraph")
        prev = region.previous_agreement
        if prev is not None:
            where = f"region {region.id} previous agreement"
            need_number(where, prev.year, paragraph(where, prev.paragraph), year=True)

    for agreement in content.agreements:
        where = f"agreement {agreement.id}"
        text = paragraph(where, agreement.paragraph)
        if agreement.term_years is not None:
            need_number(f"{where} term", agreement.term_years, text)

    for term in content.terms:
        where = f"term {term.words[0]}"
        text = paragraph(where, term.paragraph)
        stems = [word.lower()[:STEM] for word in term.words]
        if text is not None and not any(stem in text.lower() for stem in stems):
            report.problems.append(f"{where}: none of {term.words} in paragraph {term.paragraph}")

    report.problems.extend(copied_runs(content, source_text))
    return report


def _own_texts(content: Content) -> list[tuple[str, str]]:
    texts = [(f"fact {f.id}", f.text) for f in content.facts]
    texts += [(f"fact {f.id} about", f.about) for f in content.facts]
    texts += [(f"fact {f.id} note", f.note) for f in content.facts if f.note]
    texts += [(f"agreement {a.id}", a.summary) for a in content.agreements]
    texts += [(f"term {t.words[0]}", t.meaning) for t in content.terms]
    texts += [
        (f"region {r.id} note", r.previous_agreement.note)
        for r in content.regions
        if r.previous_agreement and r.previous_agreement.note
    ]
    return texts


def _words(text: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in _WORD.findall(text)]


def copied_runs(content: Content, source_text: str, run: int = COPY_RUN_WORDS) -> list[str]:
    """Runs of `run` consecutive words that a content text shares with the source."""
    source_words = _words(source_text)
    shingles = {tuple(source_words[i : i + run]) for i in range(len(source_words) - run + 1)}
    problems = []
    for where, text in _own_texts(content):
        words = _words(text)
        for i in range(len(words) - run + 1):
            if tuple(words[i : i + run]) in shingles:
                problems.append(f"{where}: copies the source: «{' '.join(words[i : i + run])}…»")
                break
    return problems


def check_files(content: Content, source_path: Path) -> CheckReport:
    return check_content(content, source_path.read_text(encoding="utf-8"))
