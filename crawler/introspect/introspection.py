"""One introspection, end to end: install (or find installed), start in the sandbox, ask, and say what happened.

Library errors stay exceptions only where the caller must act (no sandbox here: ConfigError); everything a server
or a package can do wrong is an Outcome with a reason class, so a batch never stops for one bad package.
"""

import copy
import time

import anyio

from catalog.core.settings import Settings
from crawler.introspect import outcome, pythons, sandbox, subcommand
from crawler.introspect.ask import ask
from crawler.introspect.entry import start_command
from crawler.introspect.environment import declared_environment
from crawler.introspect.install import Installed, InstallError, cache_root, install
from crawler.introspect.limits import Limits
from crawler.introspect.named import named_variables
from crawler.introspect.target import Target
from crawler.registries import pypi_url

_HELP_SECONDS = 20.0
_AGAIN = 3
_STOPPED_FOR_SETTINGS = (outcome.NEEDS_CREDENTIALS, outcome.NEEDS_SERVICE, outcome.CRASHED)


def introspect(target: Target, settings: Settings | None = None, *, use_sandbox: bool = True,
               limits: Limits | None = None) -> outcome.Outcome:
    """What ``target`` answers to tools/list in the sandbox, or why it does not. Raises ConfigError when the
    sandbox cannot run here and ``use_sandbox`` is true: it never falls back to running the server unconfined."""
    settings = settings or Settings.from_env()
    limits = limits or Limits.from_settings(settings)
    if use_sandbox:
        sandbox.check_available()
    result = outcome.Outcome(target=target.label, sandboxed=use_sandbox)
    started = time.monotonic()
    try:
        installed = install(target, cache_root(settings), limits, lambda: pypi_url(settings))
    except InstallError as error:
        result.status, result.detail = outcome.INSTALL_FAILED, str(error)
        result.seconds = round(time.monotonic() - started, 2)
        return result
    return run_installed(installed, result, limits, use_sandbox)


def run_installed(installed: Installed, result: outcome.Outcome, limits: Limits, use_sandbox: bool) -> outcome.Outcome:
    result.install_dir = str(installed.root)
    argv = start_command(installed)
    if argv is None:
        result.status, result.detail = outcome.NO_ENTRY, "the package names no command to start (no bin, script)"
        return result
    result.started_with = argv
    extra = declared_environment(installed.target.environment_variables)
    if installed.kind == "python":
        extra.setdefault("PYTHONPATH", f"{installed.root}:{installed.root / 'src'}")
    env = sandbox.base_environment(extra)
    readable = [installed.root, *filter(None, [pythons.venv_prefix(installed.root / "venv")])]

    def started(line: list[str]) -> tuple[list[str], dict[str, str]]:
        """The command line and the environment to start it with: inside the sandbox, the environment travels in
        the sandbox's command (whatever ``env`` holds now) and the child gets none of its own."""
        return (sandbox.command(line, env, readable, limits), {}) if use_sandbox else (line, env)

    blank = copy.deepcopy(result)
    result = anyio.run(ask, *started(argv), sandbox.preexec(limits), limits, result)
    dummies: list[str] = []
    for _again in range(_AGAIN):  # a command of a command (`tool mcp start`), variables named one at a time
        if subcommand.shows_usage(result):
            said = subcommand.help_text(*started([*argv, "--help"]), sandbox.preexec(limits), _HELP_SECONDS)
            verb = subcommand.serving_command(said)
            if verb is None:
                break
            argv = [*argv, verb]
        elif result.status in _STOPPED_FOR_SETTINGS and (names := named_variables(result.stderr_tail, set(env))):
            dummies += names
            env = env | declared_environment([{"name": name} for name in names])
        else:
            break
        result = copy.deepcopy(blank)
        result.started_with = argv
        result = anyio.run(ask, *started(argv), sandbox.preexec(limits), limits, result)
    if dummies and result.answered:
        result.detail = f"answered with dummy values for the variables it named: {', '.join(dummies)}"
    return result
