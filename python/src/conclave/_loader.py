"""Finds and loads libconclave.so.

The first of these that exists is loaded:

1. ``CONCLAVE_LIBRARY``: a path to the shared library. When it is set it is
   the only place looked at, and a path that does not load is an error.
2. The build tree of the checkout this package runs from (``python/src``
   inside a Conclave checkout): ``build/release/src`` then ``build/dev/src``.
3. The system loader: ``ctypes.util.find_library("conclave")`` (the
   ldconfig cache, so an installed prefix such as ``/usr/local/lib``), then
   ``libconclave.so`` on the loader's path (``LD_LIBRARY_PATH``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from pathlib import Path

ENVIRONMENT_VARIABLE = "CONCLAVE_LIBRARY"
_BUILD_DIRS = ("build/release/src", "build/dev/src")
_FILE_NAME = "libconclave.so"


def _checkout_candidates() -> list[str]:
    root = Path(__file__).resolve().parents[3]
    if not (root / "include" / "conclave.h").is_file():
        return []
    return [str(root / d / _FILE_NAME) for d in _BUILD_DIRS if (root / d / _FILE_NAME).is_file()]


def candidates() -> list[str]:
    """The libraries load() tries, in order."""
    explicit = os.environ.get(ENVIRONMENT_VARIABLE)
    if explicit:
        return [explicit]
    found = ctypes.util.find_library("conclave")
    return _checkout_candidates() + ([found] if found else []) + [_FILE_NAME]


def load() -> ctypes.CDLL:
    """The first library of candidates() that loads; OSError names them all."""
    errors = []
    for candidate in candidates():
        try:
            return ctypes.CDLL(candidate)
        except OSError as error:
            errors.append(f"{candidate}: {error}")
    raise OSError(f"conclave: cannot load libconclave.so (set {ENVIRONMENT_VARIABLE} to its path): "
                  + "; ".join(errors))
