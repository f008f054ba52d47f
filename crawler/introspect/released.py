"""A PyPI server's direct dependencies as they stood when it was released.

A requirement without an upper bound (`mcp>=1.2`) resolves today to the newest release, which may be a major the
server was never run against (an SDK that moved its modules): the server then crashes on import, and the catalogue
learns nothing of its tools. The JSON API gives each file's upload time, so each direct requirement (read from the
installed package's own metadata) is capped at its newest final release uploaded before the server's own files
were: the dependencies its author installed. Only the project pages are asked (`/pypi/NAME/json`, one request per
direct requirement, at most ``MAX_REQUIREMENTS``); the requirements' own bounds hold the rest.
Any answer the API cannot give leaves that requirement as pip would resolve it today.
"""

import json
import urllib.request
from datetime import datetime
from importlib.metadata import distributions
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

MAX_REQUIREMENTS = 40
MAX_INSTALLED = 200


def project_releases(api: str, name: str) -> dict[str, Any]:
    """Every release's files, from the project's page (`/pypi/NAME/json`): every index with the JSON API serves it,
    not every one a page per version. OSError or ValueError when the index cannot say."""
    with urllib.request.urlopen(f"{api}/pypi/{name}/json", timeout=60) as response:  # noqa: S310 - the configured index
        releases = json.load(response).get("releases", {})
    return releases if isinstance(releases, dict) else {}


def uploaded(files: list[dict[str, Any]]) -> datetime | None:
    """When the first of a release's files (the JSON API's, not yanked) was uploaded; None when none says."""
    times: list[datetime] = []
    for file in files:
        text = file.get("upload_time_iso_8601") if isinstance(file, dict) and not file.get("yanked") else None
        try:
            times += [datetime.fromisoformat(text.replace("Z", "+00:00"))] if isinstance(text, str) else []
        except ValueError:
            continue  # a malformed time says nothing
    return min(times) if times else None


def requires_python(releases: dict[str, Any], version: str) -> str | None:
    """The ``Requires-Python`` a release's files declare (the JSON API's ``requires_python``); None when none does."""
    files = releases.get(version)
    for file in files if isinstance(files, list) else []:
        declared = file.get("requires_python") if isinstance(file, dict) and not file.get("yanked") else None
        if isinstance(declared, str) and declared.strip():
            return declared.strip()
    return None


def _releases(api: str, name: str) -> dict[str, Any]:
    try:
        return project_releases(api, name)
    except (OSError, ValueError, AttributeError):
        return {}


def published(api: str, name: str, version: str) -> datetime | None:
    """When ``name==version``'s first file was uploaded; None when the API cannot say."""
    files = _releases(api, name).get(version)
    return uploaded(files) if isinstance(files, list) else None


def _newest_before(api: str, name: str, released: datetime) -> Version | None:
    found: list[Version] = []
    for text, files in _releases(api, name).items():
        try:
            version = Version(text)
        except InvalidVersion:
            continue
        when = uploaded(files) if isinstance(files, list) else None
        if when is not None and when <= released and not version.is_prerelease:
            found.append(version)
    return max(found, default=None)


def constraints(
    api: str, name: str, version: str, requires: list[str], page: dict[str, Any] | None = None,
    limit: int = MAX_REQUIREMENTS,
) -> list[str]:
    """pip constraints (`mcp<=1.9.4`) capping ``requires`` (``name==version``'s own metadata's Requires-Dist) at
    their newest releases before its upload; [] when the API does not say when it was uploaded. ``page`` is the
    project's releases (project_releases) when the install has read them already (to fetch an sdist)."""
    files = (_releases(api, name) if page is None else page).get(version)
    released = uploaded(files) if isinstance(files, list) else None
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
    capped = [(each, _newest_before(api, each, released)) for each in names[:limit]]
    return [f"{each}<={newest}" for each, newest in capped if newest is not None]


def newer_than_released(
    api: str, name: str, version: str, site: Path, page: dict[str, Any] | None = None, known: list[str] | None = None
) -> list[str]:
    """Constraints capping every distribution installed in ``site`` (the dependencies' own dependencies too) at its
    newest release before ``name==version``'s; [] when none installed is newer (or the API cannot say). A direct
    requirement capped at its release still takes today's releases of what it requires without an upper bound (an
    SDK of then with today's pydantic, which removed what the SDK imports): the second pass installs those as of
    that day too. ``known``: the constraints the first pass found (its direct requirements'), not asked again."""
    installed: dict[str, str] = {}
    for found in distributions(path=[str(site)]):
        if found.metadata["Name"] and canonicalize_name(found.metadata["Name"]) != canonicalize_name(name):
            installed[canonicalize_name(found.metadata["Name"])] = found.version
    kept = [line for line in known or [] if line.split("<=", 1)[0] in installed]
    asked = sorted(installed.keys() - {line.split("<=", 1)[0] for line in kept})
    capped = kept + constraints(api, name, version, asked, page, limit=MAX_INSTALLED)
    for line in capped:
        each, newest = line.split("<=", 1)
        try:
            if Version(installed[each]) > Version(newest):
                return capped
        except InvalidVersion:
            continue
    return []
