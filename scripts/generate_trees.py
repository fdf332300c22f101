"""Write generated trees into a folder: `python scripts/generate_trees.py OUT COUNT [--size N] [--ladder N]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.synthetic import ladder_tree, mixed_tree


def main() -> None:
    """Write COUNT mixed trees (or one ladder tree) into OUT."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int, nargs="?", default=10)
    parser.add_argument("--size", type=int, default=30, help="nodes per mixed tree (20 to 40 in benchmarks)")
    parser.add_argument("--ladder", type=int, help="write one ladder tree with this many yes/no questions")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.ladder:
        (args.out / "ladder.yaml").write_text(ladder_tree(args.ladder), encoding="utf-8")
        return
    for seed in range(args.count):
        (args.out / f"generated-{seed:04d}.yaml").write_text(mixed_tree(seed, args.size), encoding="utf-8")


if __name__ == "__main__":
    main()
