import re
from collections import Counter
from dataclasses import dataclass, field

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass
class Counts:
    lines: int = 0
    words: int = 0
    frequent: Counter = field(default_factory=Counter)


def count(text: str) -> Counts:
    result = Counts()
    for line in text.splitlines():
        result.lines += 1
        words = [w.lower() for w in WORD.findall(line)]
        result.words += len(words)
        result.frequent.update(words)
    return result
