"""The ``wizard`` command: check, test, run and analyse trees, and write pages for a site generator."""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime
import gc
import itertools
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from wizard import graph, routes, sources
from wizard.compiler import CompileResult
from wizard.core import vocabulary
from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.diagnostics import Diagnostic, sort_diagnostics
from wizard.examples import run_examples
from wizard.pipeline import FEW_COLLECTIONS, build_file
from wizard.project import Project, projects_of
from wizard.sources import display_name

DEFAULT_TREES = Path("trees")
PARALLEL_FROM = 64  # below this many files, starting worker processes costs more than it saves


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 fine, 1 problems found, 2 wrong usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except BrokenPipeError:  # `wizard check | head` must not end in a traceback
        return 0
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wizard", description=__doc__)
    sub = parser.add_subparsers(metavar="COMMAND")

    check = sub.add_parser("check", help="check tree files and report every problem as FILE:LINE:COL")
    check.add_argument("paths", nargs="*", type=Path, help="files or folders (default: trees/)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("gnu", "github"), default="gnu",
                       help="gnu: FILE:LINE:COL lines; github: GitHub Actions annotations")
    check.add_argument("--today", type=_date, help="check freshness as of this date (YYYY-MM-DD)")
    check.set_defaults(handler=_check)

    test = sub.add_parser("test", help="run every tree's examples")
    test.add_argument("paths", nargs="*", type=Path, help="files or folders (default: trees/)")
    test.add_argument("-v", "--verbose", action="store_true", help="also list the examples that pass")
    test.set_defaults(handler=_test)

    run = sub.add_parser("run", help="walk through a tree in the terminal, or print one step as JSON")
    run.add_argument("tree", type=Path)
    run.add_argument("--answer", action="append", default=[], metavar="NODE=VALUE", help="an answer (repeatable)")
    run.add_argument("--today", type=_date, help="pretend today is this date (YYYY-MM-DD)")
    run.add_argument("--json", action="store_true", help="print the current step as one JSON object")
    run.add_argument("--language", default=SOURCE_LANGUAGE, metavar="CODE",
                     help="walk the tree in this language, from its <slug>.<CODE>.yaml texts (default: en)")
    run.set_defaults(handler=_run)

    paths = sub.add_parser("paths", help="count the ways through a tree and the longest one")
    paths.add_argument("tree", type=Path)
    paths.set_defaults(handler=_paths)

    compile_ = sub.add_parser("compile", help="print the compiled tree (JSON) that the browser loads")
    compile_.add_argument("tree", type=Path)
    compile_.set_defaults(handler=_compile)

    new = sub.add_parser("new", help="start a new tree from a template with every field explained")
    new.add_argument("slug", help="the page address, like can-i-get-a-refund")
    new.add_argument("--dir", type=Path, default=DEFAULT_TREES, help="where to write it (default: trees/)")
    new.add_argument("--audience", default="consumers", help="consumers or sellers (default: consumers)")
    new.set_defaults(handler=_new)

    diff = sub.add_parser("diff", help="what a change to a tree does to its outcomes (exit 1 if any change)")
    diff.add_argument("files", nargs="*", type=Path, metavar="OLD NEW", help="the old and the new tree file")
    diff.add_argument("--git", metavar="REF", help="compare trees/ with this git revision instead")
    diff.add_argument("--trees", type=Path, default=DEFAULT_TREES, help="the trees folder for --git")
    diff.add_argument("--format", choices=("text", "markdown"), default="text")
    diff.set_defaults(handler=_diff)

    schema_ = sub.add_parser("schema", help="print the JSON Schema of tree files (or check the kept copy)")
    schema_.add_argument("--check", type=Path, metavar="FILE", help="exit 1 if FILE differs from the schema")
    schema_.add_argument("--translation", action="store_true",
                         help="the schema of translation files (<slug>.<language>.yaml) instead")
    schema_.set_defaults(handler=_schema)

    translate = sub.add_parser("translate", help="write or update a tree's translation file, keeping what is done")
    translate.add_argument("tree", type=Path)
    translate.add_argument("--language", default=None,
                           help="the language code (default: the first language trees are translated into)")
    action = translate.add_mutually_exclusive_group()
    action.add_argument("--status", action="store_true",
                        help="list the stale texts (old and new English) and those not translated yet; write nothing")
    action.add_argument("--export-po", type=Path, metavar="FILE",
                        help="write the texts as a PO file for translation tools (Poedit, Weblate, Crowdin)")
    action.add_argument("--import-po", type=Path, metavar="FILE",
                        help="take the translations of a PO file into the translation file")
    translate.set_defaults(handler=_translate)

    pages = sub.add_parser("pages", help="write the generated Markdown pages and JSON for any site generator",
                           description="Without --config: each tree's page and JSON, and the wizard's files. With "
                           "--config: every edition of the site as a docs folder and a flat configuration in "
                           "<out>/<language>/ (see docs/architecture.md); with --finish too, after the generator "
                           "built each <out>/<language>/site: the whole site, searchable and offline.")
    pages.add_argument("--trees", type=Path, default=DEFAULT_TREES, help="the trees folder (default: trees/)")
    pages.add_argument("--out", type=Path, required=True, help="where to write them")
    pages.add_argument("--config", type=Path, help="the site's configuration (mkdocs.yml): write the whole site")
    pages.add_argument("--strict", action="store_true", help="with --config: fail on warnings too")
    pages.add_argument("--finish", type=Path, metavar="SITE",
                       help="with --config: put the built editions together in SITE and add the wizard's files, "
                            "the search index and the offline worker")
    pages.set_defaults(handler=_pages)
    return parser


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date like 2026-11-22") from None


def _files(paths: list[Path]) -> sources.Found | None:
    """The tree files that the paths name, and the paths refused (``wizard.sources``); None (after a message)
    when a path does not exist or a folder holds nothing named like a tree file."""
    found = sources.find_trees(paths or [DEFAULT_TREES])
    for path in found.missing:
        print(f"wizard: {path}: no such file or folder", file=sys.stderr)
    for folder in found.empty:
        print(f"wizard: {folder}: no tree files (*.yaml) in this folder; nothing was checked", file=sys.stderr)
    return None if found.missing or found.empty else found


def _compile_one(path: Path) -> CompileResult | None:
    if not os.path.lexists(path):
        print(f"wizard: {path}: no such file", file=sys.stderr)
        return None
    refused = sources.refusal(path, path.parent)
    if refused is not None:
        print(refused.format(), file=sys.stderr)
        return None
    result = build_file(path)
    if result.errors:
        for diagnostic in sort_diagnostics(result.diagnostics):
            print(diagnostic.format(), file=sys.stderr)
        return None
    return result


def _check(args: argparse.Namespace) -> int:
    given = _files(args.paths)
    if given is None:
        return 2
    files = given.files
    errors = warnings = 0
    for found_in_file in itertools.chain([given.problems], check_many(files, args.today)):
        for found in sort_diagnostics(found_in_file):
            diagnostic = found.as_warning_error() if args.strict and not found.is_error else found
            # A line that counts the repeats of a problem stands for all of them.
            errors += diagnostic.count if diagnostic.is_error else 0
            warnings += 0 if diagnostic.is_error else diagnostic.count
            print(diagnostic.format_github() if args.format == "github" else diagnostic.format())
    refused = f", {len(given.problems)} path(s) refused" if given.problems else ""
    print(f"checked {len(files)} file(s){refused}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def _diagnostics_of(path: Path, project: Project, today: datetime.date | None) -> list[Diagnostic]:
    return build_file(path, project, today=today).diagnostics


def _few_collections() -> None:
    """Collect garbage rarely: checking builds many small objects that die with their file and form almost no
    cycles, so the default collector mostly rescans what is still alive (about a tenth of the time)."""
    gc.freeze()
    gc.set_threshold(*FEW_COLLECTIONS)


def check_many(files: list[Path], today: datetime.date | None) -> Iterator[list[Diagnostic]]:
    """The diagnostics of each file, in order; many files are checked on every core at once."""
    workers = min(os.cpu_count() or 1, 8)
    projects = projects_of(files)  # content.toml and its glossaries read once, not once per file
    if len(files) < PARALLEL_FROM or workers < 2:
        _few_collections()
        yield from (_diagnostics_of(path, project, today) for path, project in zip(files, projects, strict=True))
        return
    # Each file is independent; only its diagnostics (small, picklable) come back from the workers. A worker
    # takes the next chunk when it is done with one, so the run ends at most one chunk after the other worker:
    # small chunks (about 30 files of 1,000 on 2 cores) keep that wait short; each costs one message.
    with concurrent.futures.ProcessPoolExecutor(workers, initializer=_few_collections) as pool:
        yield from pool.map(_diagnostics_of, files, projects, [today] * len(files),
                            chunksize=max(1, len(files) // (workers * 16)))


def _test(args: argparse.Namespace) -> int:
    found = _files(args.paths)
    if found is None:
        return 2
    passed = failed = 0
    for problem in found.problems:
        failed += 1
        print(problem.format())
    for path, project in zip(found.files, projects_of(found.files), strict=True):
        result = build_file(path, project)
        if result.checked is None or not result.checked.ok:  # examples run on the English tree: translations wait
            failed += 1
            print(f"{result.errors[0].file}: cannot run the examples: the tree has errors (run `wizard check`)")
            continue
        for example in run_examples(result):
            if example.passed:
                passed += 1
                if args.verbose:
                    print(example.format())
            else:
                failed += 1
                print(example.format())
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def _run(args: argparse.Namespace) -> int:
    from wizard.core.engine import step  # keep start-up light for the other commands

    result = _compile_one(args.tree)
    if result is None or result.tree is None:
        return 1
    tree = result.tree if args.language == SOURCE_LANGUAGE else result.translations.get(args.language)
    if tree is None:
        print(f"wizard: {args.tree} has no {args.language} translation ({args.tree.stem}.{args.language}.yaml)",
              file=sys.stderr)
        return 2
    answers: dict[str, str] = {}
    for item in args.answer:
        node, sep, value = item.partition("=")
        if not sep or not node:
            print(f"wizard: --answer `{item}`: write it as NODE=VALUE", file=sys.stderr)
            return 2
        answers[node.strip()] = value.strip()
    if args.json:
        print(json.dumps(step(tree, answers, args.today), ensure_ascii=False, indent=2))
        return 0
    from wizard.terminal import describe_step, interactive

    if sys.stdin.isatty() and sys.stdout.isatty():
        return interactive(tree, answers, args.today)
    print(describe_step(step(tree, answers, args.today)))
    return 0


def _paths(args: argparse.Namespace) -> int:
    result = _compile_one(args.tree)
    if result is None or result.tree is None:
        return 1
    links = graph.all_links(result.tree["nodes"])
    start = result.tree["start"]
    counted = routes.count_routes(result.tree)
    print(f"routes a reader can take: {counted.routes}{'' if counted.complete else ' or more'}")
    print(f"routes if every rule could go every way: {graph.count_paths(start, links)}")
    print(f"longest path: {graph.longest_path_nodes(start, links)} nodes, "
          f"{result.tree['longest'][start]} questions")
    return 0


def _compile(args: argparse.Namespace) -> int:
    result = _compile_one(args.tree)
    if result is None:
        return 1
    print(json.dumps(result.tree, ensure_ascii=False, indent=2))
    return 0


def _pages(args: argparse.Namespace) -> int:
    if args.config is not None:
        from wizard.site.export_cli import export_command, finish_command

        if args.finish is not None:
            return finish_command(args.config, args.out, args.finish)
        return export_command(args.config, args.out, strict=args.strict)
    if args.finish is not None or args.strict:
        print("wizard: --finish and --strict go with --config (the site's configuration)", file=sys.stderr)
        return 2
    try:
        from wizard.site.pages import write_pages  # the site needs Markdown; load it on demand
    except ImportError as exc:
        print(f"wizard: the site generator is not available: {exc}", file=sys.stderr)
        return 2
    diagnostics = write_pages(args.trees, args.out, Path("node_modules") if Path("node_modules").is_dir() else None)
    for diagnostic in sort_diagnostics(diagnostics):
        print(diagnostic.format(), file=sys.stderr)
    return 1 if any(d.is_error for d in diagnostics) else 0


def _new(args: argparse.Namespace) -> int:
    from wizard.scaffold import ScaffoldError, new_translations, new_tree

    try:
        path = new_tree(args.slug, args.dir, args.audience)
    except ScaffoldError as exc:
        print(f"wizard: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path.as_posix()}: fill it in, then run `wizard check {path.as_posix()}` and "
          f"`wizard test {path.as_posix()}`")
    for other in new_translations(path):
        print(f"wrote {other.as_posix()}: its texts to translate (`wizard translate {path.as_posix()}` keeps it up "
              "to date as you edit the tree)")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from wizard import semdiff
    from wizard.review import ReviewError, diff_against_git, diff_files

    try:
        if args.git:
            if args.files:
                print("wizard: give either --git REF or two files, not both", file=sys.stderr)
                return 2
            diffs = diff_against_git(args.git, args.trees)
        elif len(args.files) == 2:
            for path in args.files:
                if not path.is_file():
                    print(f"wizard: {path}: no such file", file=sys.stderr)
                    return 2
            diffs = [diff_files(args.files[0], args.files[1])]
        else:
            print("wizard: diff needs two files (OLD NEW) or --git REF", file=sys.stderr)
            return 2
    except ReviewError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        print(f"wizard: {exc}", file=sys.stderr)
        return 2
    # The errors are in the report too; on stderr as well, so that an editor's terminal links them to the line.
    for diff in diffs:
        for error in diff.errors:
            print(error, file=sys.stderr)
    report = semdiff.format_markdown(diffs) if args.format == "markdown" else semdiff.format_text(diffs) + "\n"
    print(report, end="")
    # 1: outcomes change, or a version has errors (its comparison may be partial): for the reviewer to read.
    return 1 if any(d.needs_review for d in diffs) else 0


def _schema(args: argparse.Namespace) -> int:
    from wizard.editor_schema import schema_text, translation_schema_text

    text = translation_schema_text() if args.translation else schema_text()
    if args.check is None:
        print(text, end="")
        return 0
    if not args.check.is_file() or args.check.read_text(encoding="utf-8") != text:
        command = "wizard schema --translation" if args.translation else "wizard schema"
        print(f"wizard: {args.check} is out of date; regenerate it with `{command} > {args.check}`",
              file=sys.stderr)
        return 1
    return 0


def _translate(args: argparse.Namespace) -> int:
    from wizard import po_files, translation, translation_update
    from wizard.loader import load_tree

    project = Project.find(args.tree)
    loaded = load_tree(args.tree, display_name(args.tree))
    if loaded.data is None or any(d.is_error for d in loaded.diagnostics):
        print(f"wizard: {args.tree} has errors; run `wizard check` first", file=sys.stderr)
        return 1
    args.language = args.language or next(iter(vocabulary.translations()), SOURCE_LANGUAGE)
    if args.language not in vocabulary.translations():
        print(f"wizard: no language `{args.language}` to translate into: trees are translated into "
              f"{', '.join(vocabulary.translations()) or 'no language yet'}; a language is declared by its "
              f"vocabulary, wizard/core/languages/{args.language}.toml (docs/authoring.md#adding-a-language)",
              file=sys.stderr)
        return 2
    target = translation.translation_path(args.tree, args.language)
    if args.status or args.export_po:
        existing = translation_update.read_existing(args.tree, display_name(target), args.language, loaded,
                                                      project)
        if existing is not None and not existing.ok:
            return _refuse(existing.diagnostics, target)
        if args.export_po:
            try:
                args.export_po.write_bytes(po_files.export_po(existing, loaded, args.language))
            except OSError as exc:
                print(f"wizard: cannot write {args.export_po}: {exc.strerror}", file=sys.stderr)
                return 2
            print(f"wrote {args.export_po.as_posix()}: {len(translation.tree_texts(loaded))} texts")
        else:
            print("\n".join(translation_update.status_lines(existing, loaded, args.language, project)))
        return 0
    incoming, incoming_left_over = None, []
    if args.import_po:
        if not args.import_po.is_file():
            print(f"wizard: {args.import_po}: no such file", file=sys.stderr)
            return 2
        read = po_files.import_po(args.import_po, display_name(args.import_po), args.language, loaded)
        if read.errors:
            return _refuse(read.errors, args.import_po)
        incoming, incoming_left_over = read.entries, read.left_over
    done = translation_update.update(args.tree, display_name(target), args.language, loaded, project,
                                     incoming, incoming_left_over)
    if done.errors:
        return _refuse(done.errors, target)
    print(done.summary())
    return 0


def _refuse(diagnostics: list[Diagnostic], path: Path) -> int:
    for diagnostic in sort_diagnostics(d for d in diagnostics if d.is_error):
        print(diagnostic.format(), file=sys.stderr)
    print(f"wizard: {path.as_posix()} has errors; fix them first (nothing was written)", file=sys.stderr)
    return 1
