"""python3 scripts/model_lib ARGS: the same as scripts/model ARGS."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from model_lib.cli import main  # noqa: E402

sys.exit(main(sys.argv[1:]))
