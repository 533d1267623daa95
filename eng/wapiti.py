#!/usr/bin/python3
"""Debian's wapiti 3.0.4 under Python 3.11: its exclusion patterns (-x) end in the inline flags "(?ms)", which Python 3.11
refuses anywhere but at the start. This runs wapiti with those flags moved to the front (eng/security.sh)."""
import re
import sys
import types

import wapitiCore.net.crawler as crawler


def _compile(pattern, flags=0):
    if isinstance(pattern, str) and pattern.endswith("(?ms)"):
        pattern = "(?ms)" + pattern[: -len("(?ms)")]
    return re.compile(pattern, flags)


crawler.re = types.SimpleNamespace(**{k: getattr(re, k) for k in dir(re) if not k.startswith("__")})
crawler.re.compile = _compile

from importlib.metadata import distribution  # noqa: E402

entry = next(e for e in distribution("wapiti3").entry_points if e.group == "console_scripts" and e.name == "wapiti")
sys.argv[0] = "wapiti"
sys.exit(entry.load()())
