"""The site's own addresses (site_url, repo_url, edit_uri) are clean before any page is built.

Why: they come from the environment (SITE_URL, REPO_URL, EDIT_URI, set by the publish
workflow) and the theme prints them into every page: canonical links, the search scope
script, "Edit this page", "Report an error". A quote, a space or a `javascript:` scheme there
would change every page, so the build stops with one line naming the variable instead.
Accepted: an https:// address (http:// only for this machine: the local `make serve`)
with a valid host and port, and a path of plain URL characters; edit_uri may also be a
relative path. The partials that print them escape them too (overrides/partials/), so a
build without this hook (`zensical build`) prints a bad value as inert text.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

PATH = re.compile(r"[A-Za-z0-9._~/%-]*")
HOST = re.compile(r"(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
LOCAL = {"127.0.0.1", "localhost", "[::1]", "::1"}


def address_problem(value: str, relative_ok: bool = False) -> str | None:
    """Why `value` is not a clean address, or None."""
    if relative_ok and PATH.fullmatch(value) and ".." not in value.split("/"):
        return None
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        return f"is not a valid address ({exc})"
    host = parts.hostname or ""
    if parts.scheme != "https" and not (parts.scheme == "http" and host in LOCAL):
        return "must start with https:// (http:// only for 127.0.0.1 or localhost)"
    if parts.username or parts.password:
        return "must not hold a user name or password"
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        if not HOST.fullmatch(host) or "." not in host and host != "localhost":
            return f"has an invalid host name '{host}'"
    if port is not None and not 0 < port < 65536:
        return "has an invalid port"
    if parts.query or parts.fragment or not PATH.fullmatch(parts.path):
        return "may hold only letters, digits and . _ ~ / % - after the host (no quotes, spaces, ? or #)"
    return None


def on_config(config, **kwargs):
    for key, variable, relative_ok in (("site_url", "SITE_URL", False), ("repo_url", "REPO_URL", False),
                                       ("edit_uri", "EDIT_URI", True)):
        value = config.get(key)
        if not value:
            continue
        problem = address_problem(str(value), relative_ok)
        if problem:
            raise PluginError(f"mkdocs.yml: {key} ({variable}) '{value}' {problem}")
    return config
