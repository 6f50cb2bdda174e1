"""Where the package loads libconclave.so from (python/README.md), and the
README's example, run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conclave import _loader

README = Path(__file__).resolve().parents[1] / "README.md"


def test_conclave_library_comes_first_and_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCLAVE_LIBRARY", "/some/where/libconclave.so")
    assert _loader.candidates() == ["/some/where/libconclave.so"]


def test_a_conclave_library_that_does_not_load_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCLAVE_LIBRARY", "/nonexistent/libconclave.so")
    with pytest.raises(OSError, match="CONCLAVE_LIBRARY"):
        _loader.load()


def test_without_it_the_system_loader_is_last(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONCLAVE_LIBRARY", raising=False)
    candidates = _loader.candidates()
    assert candidates[-1] == "libconclave.so"
    checkout = [c for c in candidates if "/build/" in c]
    assert all(c.endswith(("build/release/src/libconclave.so", "build/dev/src/libconclave.so")) for c in checkout)


@pytest.mark.skipif(not README.is_file(), reason="python/README.md not found")
def test_readme_example_runs() -> None:
    example = re.search(r"```python\n(.*?)```", README.read_text(), re.S)
    assert example is not None
    exec(compile(example.group(1), str(README), "exec"), {})
