"""The publisher registry (data/publishers.yml) and the footnotes that cite it.

One source of truth for "who published this address, and may the site cite it":
kb/check enforces it on every footnote, kb/render/make_sources.py groups the
Sources page by it. Every problem in the registry is a RegistryError with file and
line, never a traceback.

A host matches its own entry or the entry of the nearest parent domain
(`shape.nato.int` -> `nato.int`); a leading `www.` is ignored. Archive hosts
(the Wayback Machine) are judged by the address they archived. A reprint host (a site that
republishes other publishers' documents) is cited only for a document whose original is not
online, and the footnote names the original publisher and says "reprint". An internal server
name (core-prod.cambridgecore.org) has a `canonical` host readers should see instead
(cambridge.org).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from kb.model.text import addresses
from kb.model.datafile import DataError, compose, mapping_fields

REGISTRY_FILE = Path("data/publishers.yml")

# Tiers, best first. The first three are the site's sources; the others are limited or banned.
TIERS = {
    "official": "NATO and its commands, governments, parliaments, the UN, the EU, courts, official archives",
    "scholarly": "peer-reviewed journals, university presses, established research institutes",
    "press": "news organisations with editorial standards and corrections",
    "state": "state-controlled media: only for what their own government said, and the footnote says so",
    "pointer": "a general encyclopedia (Wikipedia): only beside a better source in the same footnote",
    "archive": "an archive copy (Wayback Machine): judged by the address it archived",
    "reprint": "a site that republishes other publishers' documents: only for a document whose original is not "
               "online, and the footnote names the original publisher and says 'reprint'",
    "never": "never acceptable: wiki mirrors, AI encyclopedias, document dumps, aggregators, blogs",
}
ACCEPTABLE = ("official", "scholarly", "press")
FIELDS = {"host", "name", "tier", "why", "https", "canonical"}
DOMAIN = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")

FOOTNOTE = re.compile(r"^\[\^([^\]]+)\]:[ \t]*(.*)$")
# A state-media footnote must say what it is, e.g. "TASS (Russian state news agency)".
STATE_LABEL = re.compile(r"\bstate(?:-controlled|-owned|-run)?\s+(?:media|news agency|agency|broadcaster|"
                         r"television|newspaper|outlet)\b|\bstate-controlled\b", re.I)


class RegistryError(DataError):
    """A problem in the registry file, with the line it is on."""


@dataclass
class Publisher:
    host: str
    name: str
    tier: str
    why: str = ""
    https: bool = True
    line: int = 0
    canonical: str = ""   # an internal server name: the public host to cite instead


@dataclass
class Footnote:
    label: str
    text: str        # the definition, continuation lines joined
    urls: list[str]
    line: int


def load_registry(path: Path = REGISTRY_FILE) -> dict[str, Publisher]:
    """{host: Publisher}; raise RegistryError on the first problem."""
    root = compose(path, RegistryError, "publisher registry")
    if root is None or not isinstance(root, yaml.SequenceNode):
        raise RegistryError(path, 1, "the registry must be a YAML list of publishers")
    registry: dict[str, Publisher] = {}
    for item in root.value:
        line = item.start_mark.line + 1
        fields = mapping_fields(item, FIELDS, ("host", "tier"), RegistryError, path, "host, name and tier")
        for key, value in fields.items():
            if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
                raise RegistryError(path, value.start_mark.line + 1, f"'{key}' must be non-empty text")
        host = fields["host"].value.strip().lower()
        if not DOMAIN.fullmatch(host) or host.startswith("www."):
            raise RegistryError(path, fields["host"].start_mark.line + 1,
                                f"host '{host}' must be a domain name without www. (e.g. nato.int)")
        tier = fields["tier"].value.strip()
        if tier not in TIERS:
            raise RegistryError(path, fields["tier"].start_mark.line + 1,
                                f"unknown tier '{tier}' (one of: {', '.join(TIERS)})")
        if tier != "never" and "name" not in fields:
            raise RegistryError(path, line, f"'{host}' needs a 'name' (the publisher readers will see)")
        if tier in ("never", "state", "pointer") and "why" not in fields:
            raise RegistryError(path, line, f"'{host}' is '{tier}': say why in a 'why' field")
        https = fields["https"].value.strip().lower() if "https" in fields else "true"
        if https not in ("true", "false"):
            raise RegistryError(path, fields["https"].start_mark.line + 1, "'https' must be true or false")
        canonical = fields["canonical"].value.strip().lower() if "canonical" in fields else ""
        if canonical and (not DOMAIN.fullmatch(canonical) or canonical.startswith("www.") or canonical == host):
            raise RegistryError(path, fields["canonical"].start_mark.line + 1,
                                f"canonical '{canonical}' must be another domain name without www. (e.g. cambridge.org)")
        if host in registry:
            raise RegistryError(path, line, f"duplicate host '{host}' (first on line {registry[host].line})")
        registry[host] = Publisher(host, (fields.get("name") or fields["host"]).value.strip(), tier,
                                   fields["why"].value.strip() if "why" in fields else "", https == "true", line,
                                   canonical)
    return registry


def text_line(path: Path, offset: int) -> int:
    return path.read_bytes()[:offset].count(b"\n") + 1


def host_of(url: str) -> str:
    """The host of an address without `www.`; ValueError when the address is malformed."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        host = ""
    if not host or not re.fullmatch(r"[a-z0-9.-]+", host):
        raise ValueError(f"malformed address '{url}'")
    return host.removeprefix("www.")


def lookup(registry: dict[str, Publisher], url: str) -> Publisher | None:
    """The registry entry for an address (its host or nearest parent domain), or None."""
    host = host_of(url)
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = registry.get(".".join(parts[i:]))
        if found:
            return found
    return None


def archived(url: str) -> str | None:
    """The address an archive copy was made of (…/web/2019…/https://…), or None."""
    match = re.search(r"/((?:https?|ftp)(?::|%3A)/{0,2}.+)$", urlsplit(url).path + (
        "?" + urlsplit(url).query if urlsplit(url).query else ""))
    if not match:
        return None
    inner = match.group(1).replace("%3A", ":")
    inner = re.sub(r"^(https?):/{0,2}", r"\1://", inner)
    return inner


def judge(registry: dict[str, Publisher], url: str) -> tuple[Publisher | None, str]:
    """The publisher an address counts as (archives resolved) and the host that decided it."""
    publisher = lookup(registry, url)
    if publisher and publisher.tier == "archive":
        inner = archived(url)
        if inner:
            return lookup(registry, inner), host_of(inner)
    return publisher, host_of(url)


def read_footnotes(lines: list[tuple[int, str]]) -> list[Footnote]:
    """Footnote definitions in (line number, text) lines, indented continuation lines included."""
    notes: list[Footnote] = []
    current: Footnote | None = None
    for number, line in lines:
        match = FOOTNOTE.match(line)
        if match:
            current = Footnote(match.group(1), match.group(2), [], number)
            notes.append(current)
        elif current is not None and (line.startswith(("    ", "\t")) or not line.strip()):
            current.text += " " + line.strip()
        else:
            current = None
    for note in notes:
        note.text = note.text.strip()
        note.urls = addresses(note.text)
    return notes


def best_tier(registry: dict[str, Publisher], urls: list[str]) -> str | None:
    """The best tier among a footnote's addresses (official > scholarly > press > ...)."""
    order = list(TIERS)
    tiers = []
    for url in urls:
        try:
            publisher, _ = judge(registry, url)
        except ValueError:
            continue
        if publisher:
            tiers.append(publisher.tier)
    return min(tiers, key=order.index) if tiers else None
