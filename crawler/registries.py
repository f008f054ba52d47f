"""Where the npm registry and PyPI are: from settings, else from the user's own npm and pip configuration.

The public hosts are never written into this repository: like npm and pip themselves, mcprisk asks the
user's configuration, so mirrors and private registries work unchanged.
"""

import os
import subprocess

from catalog.core.errors import ConfigError
from catalog.core.settings import Settings


def npm_registry_url(settings: Settings) -> str:
    if settings.npm_registry_url:
        return settings.npm_registry_url.rstrip("/")
    for name in ("npm_config_registry", "NPM_CONFIG_REGISTRY"):
        if os.environ.get(name):
            return os.environ[name].rstrip("/")
    try:
        found = subprocess.run(["npm", "config", "get", "registry"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        found = None
    url = found.stdout.strip() if found is not None and found.returncode == 0 else ""
    if not url.startswith(("http://", "https://", "file://")):
        raise ConfigError("no npm registry configured: set MCPRISK_NPM_REGISTRY_URL or configure npm")
    return url.rstrip("/")


def pypi_url(settings: Settings) -> str:
    """PyPI's JSON API base: the setting, else pip's index URL without its ``/simple`` part."""
    if settings.pypi_url:
        return settings.pypi_url.rstrip("/")
    index = os.environ.get("PIP_INDEX_URL", "")
    if not index:
        try:
            found = subprocess.run(
                ["pip", "config", "get", "global.index-url"], capture_output=True, text=True, timeout=30
            )
            index = found.stdout.strip() if found.returncode == 0 else ""
        except (OSError, subprocess.TimeoutExpired):
            index = ""
    if not index.startswith(("http://", "https://")):
        raise ConfigError("no PyPI index configured: set MCPRISK_PYPI_URL or pip's index-url")
    return index.rstrip("/").removesuffix("/simple")
