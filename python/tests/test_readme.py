"""The README's Python example: the file python/examples/readme_example.py,
shown verbatim in the README, runs and exits 0."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "python" / "examples" / "readme_example.py"


def test_readme_shows_the_example() -> None:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert block is not None, "README.md has no ```python block"
    assert block.group(1) == EXAMPLE.read_text()


def test_readme_example_runs() -> None:
    result = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Bob read b'hello, Bob' in epoch 1" in result.stdout
