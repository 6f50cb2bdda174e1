"""A group commit by a member of a 1,000-member group, through Python over
the C API and through the C++ API (tools/conclave-capi-peer bench-commit):
the same operation on the same group shape. The creator adds every other
member in one Commit, then makes empty Commits with a path (commit and
merge), each timed in CPU time (so that other load on the machine does not
enter). The two run in alternating rounds; the medians are compared.

    CONCLAVE_LIBRARY=build/release/src/libconclave.so \\
    CONCLAVE_CPP_PEER=build/release/tools/conclave-capi-peer/conclave-capi-peer \\
    /usr/bin/python3 python/bench/commit_bench.py [MEMBERS] [ROUNDS] [COMMITS_PER_ROUND]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from conclave import CommitOptions, Group, KeyPackage

WITH_PATH = CommitOptions(include_received=False, force_path=True)


def group_of(members: int) -> Group:
    """The creator of a `members`-member group, all added in one Commit."""
    packages = [KeyPackage.create(str(i).encode()) for i in range(members)]
    group = Group.create(b"bench", packages[0])
    group.commit(CommitOptions(add=[p.public() for p in packages[1:]], include_received=False, force_path=True))
    group.merge_pending_commit()
    for package in packages:
        package.close()
    return group


def python_commit_ms(group: Group, commits: int) -> list[float]:
    """The CPU milliseconds of each of `commits` empty Commits with a path, created and merged."""
    times = []
    for _ in range(commits):
        start = time.process_time()
        group.commit(WITH_PATH)
        group.merge_pending_commit()
        times.append((time.process_time() - start) * 1000)
    return times


def cpp_commit_ms(peer: str, members: int, commits: int) -> list[float]:
    """The same through the C++ API, in a group of its own."""
    output = subprocess.run([peer, "bench-commit", str(members), str(commits)], capture_output=True, text=True,
                            check=True).stdout
    return [float(line) for line in output.split()]


def main() -> None:
    arguments = [int(a) for a in sys.argv[1:4]]
    members, rounds, per_round = arguments + [1000, 6, 10][len(arguments):]
    peer = os.environ.get("CONCLAVE_CPP_PEER")
    python_times: list[float] = []
    cpp_times: list[float] = []
    with group_of(members) as group:
        for _ in range(rounds):
            python_times += python_commit_ms(group, per_round)
            if peer:
                cpp_times += cpp_commit_ms(peer, members, per_round)
    python_ms = statistics.median(python_times)
    print(f"commit, {members} members, Python over the C API: {python_ms:.2f} ms CPU (median of {len(python_times)})")
    if not peer:
        print("C++ API: not measured (set CONCLAVE_CPP_PEER to tools/conclave-capi-peer)")
        return
    cpp_ms = statistics.median(cpp_times)
    print(f"commit, {members} members, C++ API: {cpp_ms:.2f} ms CPU (median of {len(cpp_times)})")
    print(f"Python / C++: {python_ms / cpp_ms:.3f}")


if __name__ == "__main__":
    main()
