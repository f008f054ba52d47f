"""Processes mcprisk forks (a build's workers, the nightly's crawl) end with the process that started them."""

import ctypes
import os
import signal


def die_with_parent(parent: int) -> None:
    """Pool initializer: SIGKILL reaches only the build's own process, and a worker outliving it would go on
    writing pages and holding the nightly lock (inherited with the fork) while the next run wants both."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG, Linux
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
