"""Entry point: `python3 scripts/report_lib ARGS` (scripts/report calls this).

The package directory's parent is put on sys.path so the entry point works
from any working directory without installing anything.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from report_lib.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
