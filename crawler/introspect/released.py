"""A PyPI server's direct dependencies as they stood when it was released.

A requirement without an upper bound (`mcp>=1.2`) resolves today to the newest release, which may be a major the
server was never run against (an SDK that moved its modules): the server then crashes on import, and the catalogue
learns nothing of its tools. The JSON API gives each file's upload time, so each direct requirement is capped at
its newest final release uploaded before the server's own files were: the dependencies its author installed. Only
direct requirements are capped (one API request each, at most ``MAX_REQUIREMENTS``); their own bounds hold the rest.
Any answer the API cannot give leaves that requirement as pip would resolve it today.
"""

import json
import urllib.request
from datetime import datetime
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

MAX_REQUIREMENTS = 40


def _json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - the configured index only
        return json.load(response)


def _uploaded(files: list[dict[str, Any]]) -> datetime | None:
    times = [datetime.fromisoformat(f["upload_time_iso_8601"].replace("Z", "+00:00"))
             for f in files if f.get("upload_time_iso_8601") and not f.get("yanked")]
    return min(times) if times else None


def _newest_before(api: str, name: str, released: datetime) -> Version | None:
    try:
        releases = _json(f"{api}/pypi/{name}/json").get("releases", {})
    except (OSError, ValueError, AttributeError):
        return None
    found: list[Version] = []
    for text, files in releases.items():
        try:
            version = Version(text)
        except InvalidVersion:
            continue
        when = _uploaded(files) if isinstance(files, list) else None
        if when is not None and when <= released and not version.is_prerelease:
            found.append(version)
    return max(found, default=None)


def constraints(api: str, name: str, version: str) -> list[str]:
    """pip constraints (`mcp<=1.9.4`) capping ``name==version``'s direct requirements at their newest releases
    before its upload; [] when the API does not say when it was uploaded or what it requires."""
    try:
        release = _json(f"{api}/pypi/{name}/{version}/json")
        released = _uploaded(release.get("urls") or [])
        requires = (release.get("info") or {}).get("requires_dist") or []
    except (OSError, ValueError, AttributeError, KeyError):
        return []
    if released is None:
        return []
    names: list[str] = []
    for line in requires:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if requirement.url or requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue  # an extra's, another platform's, or a direct URL: pip does not resolve it here
        if (canonical := canonicalize_name(requirement.name)) not in names:
            names.append(canonical)
    capped = [(each, _newest_before(api, each, released)) for each in names[:MAX_REQUIREMENTS]]
    return [f"{each}<={newest}" for each, newest in capped if newest is not None]
