"""Plain data text placed into generated Markdown, and the addresses a source text cites: each
rule stated once, for every renderer and check.

md_inline: a data value (a definition, an event, a footnote's description, a table cell) becomes
inline Markdown that shows exactly its words: no HTML (& < > as entities), no link or footnote
brackets ([ ] as parentheses), no emphasis marks or code spans (* dropped, ` as '); in a table cell
(table=True) no pipe either (as &#124;, which would end the cell). Data files hold plain text (kb/model/datafile.py refuses markup), so for valid data this
changes nothing a reader sees; it keeps a stray character from turning into markup.

addresses: the http(s) and ftp addresses a text cites, with trailing sentence punctuation removed,
whether written bare or in <angle brackets>.
"""

from __future__ import annotations

import re

URL = re.compile(r"""(?:https?|ftp)://[^\s<>()\[\]"'`]+""")
_INLINE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "(", "]": ")", "*": "", "`": "'"}
_PLAIN, _CELL = str.maketrans(_INLINE), str.maketrans({**_INLINE, "|": "&#124;"})


def md_inline(text: str, table: bool = False) -> str:
    return str(text).translate(_CELL if table else _PLAIN)


def addresses(text: str) -> list[str]:
    return [u.rstrip(".,;:") for u in URL.findall(text)]
