#!/usr/bin/python3
"""bench/report on a small Google Benchmark JSON: the page, its plots and its floors.

Run by ctest in the release tree (bench/CMakeLists.txt); standard library only.
"""

import html.parser
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

REPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report")


def load_report():
    loader = importlib.machinery.SourceFileLoader("bench_report", REPORT)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("bench_report", loader))
    loader.exec_module(module)
    return module


report = load_report()


def entry(name, cpu_time, unit, **fields):
    return {"name": name, "run_name": name, "run_type": "iteration", "iterations": 10,
            "real_time": cpu_time, "cpu_time": cpu_time, "time_unit": unit, **fields}


# Round prices, so that every floor below is a sum worked out by hand.
PRIMITIVES = [
    entry("x25519_keygen/sodium", 10, "us"),
    entry("ed25519_sign/sodium", 20, "us"),
    entry("ed25519_verify/sodium", 30, "us"),
    entry("hpke_seal/suite:0", 100, "us"),
    entry("hpke_open/suite:0", 80, "us"),
]

GROUP = [
    entry("commit_with_path/members:10", 2, "ms"),
    entry("commit_with_path/members:100", 3, "ms"),
    entry("process_commit/at_root/members:10", 0.5, "ms"),
    entry("add_member/joiner/members:10/iterations:5", 1, "ms"),
    entry("public_group_process/members:10", 0, "ms", error_occurred=True),
    # Repetitions: the median aggregate is the figure, not the mean or a run.
    entry("commit_with_path/members:1000", 9, "ms"),
    {**entry("commit_with_path/members:1000_mean", 7, "ms"), "run_name": "commit_with_path/members:1000",
     "run_type": "aggregate", "aggregate_name": "mean"},
    {**entry("commit_with_path/members:1000_median", 4, "ms"), "run_name": "commit_with_path/members:1000",
     "run_type": "aggregate", "aggregate_name": "median"},
]

CONTEXT = {"date": "2026-12-05T17:00:00+00:00", "host_name": "testhost", "num_cpus": 2, "mhz_per_cpu": 2400,
           "load_avg": [5.5, 4.0, 3.25], "executable": "conclave_bench"}


def run_report(benchmarks, *options):
    """The page bench/report writes for `benchmarks`, and its exit status."""
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "results.json")
        page = os.path.join(folder, "page.html")
        with open(source, "w", encoding="utf-8") as out:
            json.dump({"context": CONTEXT, "benchmarks": benchmarks}, out)
        done = subprocess.run([sys.executable, REPORT, source, "-o", page, *options],
                              capture_output=True, text=True, check=False)
        if not os.path.exists(page):
            return done.returncode, ""
        with open(page, encoding="utf-8") as written:
            return done.returncode, written.read()


class Tables(html.parser.HTMLParser):
    """Every table row's cells, and every <svg> element's source."""

    def __init__(self, text):
        super().__init__()
        self.rows, self.row, self.cell = [], None, None
        self.feed(text)
        self.svgs = [text[start:text.index("</svg>", start) + len("</svg>")]
                     for start in find_all(text, "<svg")]

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.row is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr":
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def figure(self, label, members):
        """The figures table's row for `label` at `members`: [measured, floor, ratio, counts]."""
        for row in self.rows:
            if row[:2] == [label, f"{members:,}"]:
                return row[2:]
        raise AssertionError(f"no row for {label} at {members}")


def find_all(text, needle):
    start = text.find(needle)
    while start >= 0:
        yield start
        start = text.find(needle, start + 1)


class TreeTest(unittest.TestCase):
    def test_filtered_direct_paths_of_the_rfc_example(self):
        # Section 4.1.2's tree: members A, B, E, F, G at leaves 0, 1, 4, 5, 6;
        # levels 1 to 3 are T/V/X/Z, U/Y and W.
        members = {0, 1, 4, 5, 6}
        self.assertEqual(report.filtered_direct_path(0, members, 3), [1, 3])  # T, W
        self.assertEqual(report.filtered_direct_path(4, members, 3), [1, 2, 3])  # X, Y, W
        self.assertEqual(report.filtered_direct_path(6, members, 3), [2, 3])  # Y, W

    def test_the_benchmarks_members_at_ten(self):
        # 16 leaves: committer 4, neighbour 5, receiver 8, last 9.
        self.assertEqual([report.committer(10), report.neighbour(10), report.receiver(10), report.last(10)],
                         [4, 5, 8, 9])
        self.assertEqual(report.steady_path(4, 10), [1, 2, 3, 4])
        self.assertEqual(report.steady_path(9, 10), [1, 4])
        self.assertEqual(report.derived_nodes(4, 8, 10), 1)
        self.assertEqual(report.derived_nodes(4, 5, 10), 4)
        self.assertEqual(report.derived_nodes(9, 8, 10), 2)


class PageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.status, cls.text = run_report(PRIMITIVES + GROUP, "--note", "noisy <load>")
        cls.page = Tables(cls.text)

    def test_it_writes_a_page(self):
        self.assertEqual(self.status, 0)
        self.assertTrue(self.text.startswith("<!DOCTYPE html>"))
        self.assertIn("noisy &lt;load&gt;", self.text)
        self.assertIn("testhost", self.text)
        self.assertIn("5.50, 4.00, 3.25", self.text)

    def test_the_page_needs_nothing_else(self):
        for outside in ("<script", "<link", "<img", "src=", "href=", "url("):
            self.assertNotIn(outside, self.text)

    def test_one_plot_per_kind_of_operation_with_a_dashed_floor_per_curve(self):
        self.assertEqual(len(self.page.svgs), 3)
        for svg in self.page.svgs:
            lines = ElementTree.fromstring(svg).findall("{http://www.w3.org/2000/svg}polyline")
            self.assertEqual(len(lines) % 2, 0)
            self.assertEqual(len([line for line in lines if line.get("stroke-dasharray")]), len(lines) // 2)

    def test_the_commit_curve_has_a_point_per_size(self):
        sending = ElementTree.fromstring(self.page.svgs[0])
        curve = sending.find("{http://www.w3.org/2000/svg}polyline")
        self.assertEqual(len(curve.get("points").split()), 3)

    def test_floors_are_the_counted_primitives(self):
        # 4 seals, 5 key pairs, 2 signatures.
        self.assertEqual(self.page.figure("Commit with a path (committer)", 10),
                         ["2 ms", "490 µs", "4.1", "4 seal, 5 keygen, 2 sign"])
        # 100 members, 128 leaves: the committer's path has all 7 levels.
        self.assertEqual(self.page.figure("Commit with a path (committer)", 100)[1], "820 µs")
        # Reached at the root: 2 verifications, 1 open, 1 key pair.
        self.assertEqual(self.page.figure("Process a commit (member reached at the root)", 10)[1], "150 µs")
        # Every leaf of the 11 and the GroupInfo verified, 1 open.
        self.assertEqual(self.page.figure("Join from a Welcome with the full tree", 10)[1:],
                         ["440 µs", "2.3", "1 open, 12 verify"])

    def test_the_median_aggregate_is_the_figure(self):
        self.assertEqual(self.page.figure("Commit with a path (committer)", 1000)[0], "4 ms")

    def test_a_failed_run_is_left_out(self):
        with self.assertRaises(AssertionError):
            self.page.figure("Process a commit (follower of the public state)", 10)


class MissingInputTest(unittest.TestCase):
    def test_without_a_primitive_there_is_no_floor(self):
        status, text = run_report(PRIMITIVES[:-1] + GROUP)
        self.assertEqual(status, 0)
        self.assertIn("No floor drawn: the run lacks hpke_open/suite:0.", text)
        commit_floor = Tables(text).figure("Commit with a path (committer)", 10)[1]
        self.assertEqual(commit_floor, "490 µs")  # needs no open
        self.assertEqual(Tables(text).figure("Process a commit (member reached at the root)", 10)[1], "–")

    def test_without_group_benchmarks_it_fails(self):
        status, text = run_report(PRIMITIVES)
        self.assertEqual(status, 1)
        self.assertEqual(text, "")


if __name__ == "__main__":
    unittest.main()
