"""The `backprop` command: parses arguments and prints; the work is in library functions."""
import argparse
import contextlib
import os
import shlex
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from .spec import NoHiddenChecks, SpecError, require_hidden

try:
    from . import catalog, course, paths, report
    from .submission import handed_in, missing_notes
except SpecError as exc:  # an edit of specs/exercises.yaml, read on import: said as one line, not a traceback
    print(f"Error: {exc}", file=sys.stderr)
    sys.exit(2)

USAGE_ERROR = 2


class CommandError(Exception):
    """A problem to report as one line and exit status 2."""


def _file_to_write(text: str) -> str:
    """An output file's path, refused as the command line is read (before any grading) when
    it cannot be written: a folder, or under a file; or is code (`--json ex03.ipynb`)."""
    path = Path(text)
    # never a learner's work written over: nor a file a "Save as" named .py.txt, which check grades as theirs
    if path.is_dir() or Path(path.name.lower().removesuffix(".txt")).suffix in (".py", ".ipynb"):
        what = "a folder" if path.is_dir() else "code, which a report never replaces"
        raise argparse.ArgumentTypeError(f"{text} is {what}: give the name of a file to write, such as report.json")
    blocking = next((parent for parent in path.parents if parent.exists() and not parent.is_dir()), None)
    if blocking is not None:
        raise argparse.ArgumentTypeError(f"{text} cannot be written: {blocking} is a file, not a folder")
    return text


def _folder_to_write(text: str) -> str:
    if Path(text).exists() and not Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a file: give a new or empty folder")
    return text


def _seconds(text: str) -> float:
    with contextlib.suppress(ValueError):  # not a number at all
        if 0 < float(text) < float("inf"):  # not nan
            return float(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _folder(text: str) -> Path:
    folder = Path(text)
    if not folder.is_dir():
        raise CommandError(f"{folder} is not a folder.")
    return folder


def cmd_list(args) -> None:
    for part in catalog.PARTS:
        exercises = catalog.part(part)
        print(f"Part {part}: {int(sum(e.points for e in exercises))} points")
        for e in exercises:
            print(f"  {e.id:<26} {int(e.points):>3} points  {e.title}")
            print(f"  {'':<26} {'':>10}  {', '.join(e.functions)}")


def cmd_start(args) -> int:
    target = Path(args.dir)
    target.mkdir(parents=True, exist_ok=True)
    kept, copied = [], []
    for e in catalog.EXERCISES:
        for name in e.files:
            if os.path.lexists(target / name):  # a link too, even dangling: copyfile would write where it points
                kept.append(name)
            else:
                shutil.copyfile(paths.content("exercises") / name, target / name)
                copied.append(name)
    if kept:
        if copied:  # a file moved away for a fresh copy, as the lines below advise
            print(f"Copied into {target}: {', '.join(copied)}.")
        print(f"Left untouched, as they are already in {target}: {', '.join(kept)}.", file=sys.stderr)
        print("Nothing of yours was overwritten; move those files away to get fresh copies.", file=sys.stderr)
        return USAGE_ERROR
    quoted = f'"{target}"' if " " in str(target) else target  # a cd that works in bash, cmd and PowerShell
    print(f"The exercises are in {target}/. Next:\n  cd {quoted}\n  backprop check")
    return 0


def cmd_check(args) -> int:
    folder = _folder(args.dir)
    named = catalog.select(args.exercises) if args.exercises else ()
    wanted = set(named or catalog.EXERCISES)
    if not wanted & set(handed_in(folder)):
        below = [p for p in sorted(folder.glob("[!._]*/"))  # run from the parent of ./week3/; not .ipynb_checkpoints/
                 if p.is_dir() and os.access(p, os.R_OK) and wanted & set(handed_in(p))]
        again = " ".join(map(shlex.quote, [str(below[0]), *args.exercises])) if len(below) == 1 else ""
        if again or not named:  # else graded as missing, which says where exercise files are
            tip = f": run `backprop check --dir {again}`" if again else missing_notes(folder)[None]
            what = f"no {', '.join(e.id for e in named)} file" if named else "no exercise files"
            raise CommandError(f"{folder} holds {what}{tip or '. Run `backprop start` to get them'}.")
    if args.watch:
        from . import watch
        return watch.watch(folder, named or catalog.EXERCISES, lambda: _check_once(folder, named, args))
    return _check_once(folder, named, args)


def _check_once(folder: Path, named, args) -> int:
    """One run of `backprop check`: the named exercises, or every one with a file in folder (or
    one named after its function only)."""
    from . import grading, plan, render
    exercises = named or (handed_in(folder, misnamed=True) if folder.is_dir() else ())  # hidden_delta.py: ex04 missing
    if not exercises:  # all deleted, or the folder moved away, while --watch waited
        print(f"{render.inert(str(folder))} holds no exercise files now.")
        return 1
    result = grading.grade(folder.resolve(), plan.make("public", "", exercises), label=str(folder))
    print(render.text(result, verbose=args.verbose, colour=_colour()))
    if args.json:
        report.write_json(args.json, report.submission_dict(result))
    return 0 if result.passed else 1


def cmd_explain(args) -> int:
    from . import explanation
    folder = _folder(args.dir)
    try:
        explained = explanation.explain(folder.resolve(), args.exercise, args.function)
    except explanation.NothingToExplain as exc:
        print(exc)
        return 1
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    print(explanation.text(explained, colour=_colour()))
    return 0


def _secret(graded=()) -> str:
    """The course secret, with a warning when it is short enough to guess; refused where the
    hidden checks it draws inputs for are not installed (the learners' release), or found in a
    folder graded (course.secret)."""
    require_hidden(e.id for e in catalog.EXERCISES)
    secret = course.secret(graded=graded)
    if len(secret) < course.SECRET_CHARACTERS:
        print(f"Warning: the course secret has {len(secret)} characters. Hidden inputs are only as hard to "
              f"guess as it is: use {course.SECRET_CHARACTERS} or more random ones (`backprop nbgrader init` "
              "makes such a secret).", file=sys.stderr)
    return secret


def _need_plots() -> None:
    """Refuse, before any work, a class report where its plotting library is not installed."""
    import importlib.util
    if importlib.util.find_spec("matplotlib") is None:
        raise CommandError("the class report draws its plots with matplotlib, which is not installed: "
                           "pip install 'backprop-exercises[report]'")


def cmd_grade(args) -> None:
    from . import batch
    from .render import inert  # folder names, which learners choose (`grade submissions/*`), reach the terminal
    from .execution.client import FOLDER_PREFIX
    if args.html:
        _need_plots()
    if args.upload:
        upload = Path(args.paths[0])
        if len(args.paths) != 1 or not upload.is_dir():
            raise CommandError("--upload grades one learner's upload: name its folder, and only it.")
    else:
        try:
            submissions = batch.discover(args.paths)
        except batch.FolderError as exc:
            raise CommandError(str(exc)) from None
        for path in args.paths:  # a learner's folder may hold a copy that names whom it likes: whose file names them
            if batch.gradescope_names(path):
                print(f"Rows named by {inert(str(Path(path) / 'submission_metadata.yml'))}, as a Gradescope export "
                      "names them.",
                      file=sys.stderr)
    secret = _secret([upload] if args.upload else [folder for _, folder in submissions]) if args.hidden else ""
    required = args.hidden and not args.weak_isolation
    if required:
        from .execution import kernel
        if lacking := kernel.missing():
            raise CommandError(
                "This machine cannot confine learner code as grading for credit needs: it lacks "
                + "; ".join(lacking) + ". Grade where they are (docs/security.md), or pass --weak-isolation "
                "to grade here anyway: every report then says so.")
    if args.upload:
        # named for this process, as a worker's folder is: the next batch removes it if this one is killed
        with tempfile.TemporaryDirectory(prefix=f"{FOLDER_PREFIX}{os.getpid()}-upload-") as files:
            batch.gather(upload.resolve(), Path(files))
            return _grade(args, [(upload.resolve().name, Path(files))], secret, required)
    return _grade(args, submissions, secret, required)


def _grade(args, submissions, secret, required) -> None:
    """Grade [(label, folder)] as the command line says, write its outputs and print."""
    from . import batch, plan, render
    checks = "all" if args.hidden else "public"
    present, mixed = batch.parts_held(submissions)
    parts = (args.part,) if args.part else present
    if args.part and args.part not in present:
        print(f"Warning: no submission holds a file of part {args.part}'s exercises: each is graded as missing.",
              file=sys.stderr)
    if mixed and not args.part:
        print(f"Warning: the submissions hold files of different parts ({mixed}). Each is graded on parts "
              f"{' and '.join(map(str, parts))}, what it lacks counting as missing: grade one part at a time "
              "with --part to grade each out of that part.", file=sys.stderr)
    exercises = tuple(e for e in catalog.EXERCISES if e.part in parts)
    limits = {"call_timeout": args.timeout, "submission_timeout": args.submission_timeout, "require_kernel": required}
    state = batch.state_folder(submissions, f"{checks}, part {parts}", secret, limits)  # a 2 s timeout fails more
    results = batch.grade_many(submissions, plan.make(checks, secret, exercises), jobs=args.jobs, limits=limits,
                               state=state, resume=args.resume)
    dicts = [report.submission_dict(r) for r in results]
    if args.json:
        report.write_json(args.json, dicts[0] if len(dicts) == 1 else {"submissions": dicts})
    if args.csv:
        report.write_whole(args.csv, render.csv_text(results))
    if args.gradescope:
        report.write_json(args.gradescope, render.gradescope(results))
    if args.html:
        from . import classpage
        report.write_whole(args.html, classpage.page(dicts, source=" ".join(args.paths)))
    batch.forget(state, submissions)  # after every report: until then --resume loses nothing
    if len(results) == 1:
        print(render.text(results[0], verbose=args.verbose, colour=_colour()))
    print(render.summary(results))


def cmd_report(args) -> None:
    _need_plots()
    from . import classpage  # after _need_plots: it imports matplotlib
    results = report.read_json(args.report)
    report.write_whole(args.html, classpage.page(results, source=args.report))
    plural = "s" if len(results) != 1 else ""
    print(f"Wrote {args.html}: the class report of {len(results)} submission{plural}. Open it in a browser.")


def cmd_nbgrader_init(args) -> None:
    from . import nbgrader_course
    folders = nbgrader_course.init(args.course_dir, assignment=args.assignment)
    for part, folder in zip(catalog.PARTS, folders):
        print(f"Part {part}: {folder}/, the assignment {folder.name}.")
    print(f"The course secret is in {Path(args.course_dir) / 'backprop-course.yaml'}.")
    print(f"Next: cd {args.course_dir} && " + " && ".join(f"nbgrader generate_assignment {f.name}" for f in folders))


def cmd_release(args) -> None:
    from . import bundle
    out = bundle.release(args.outdir)
    print(f"The learners' bundle is in {out}/: stubs, notebooks, docs and the public checks.")
    # pip reads a bare name as a project on PyPI, not as a folder
    print(f"Learners install it with: pip install {out if out.is_absolute() else f'./{out}'}")


def cmd_gradescope(args) -> None:
    from . import bundle
    out = bundle.gradescope(args.zip, secret=_secret(), part=args.part, weak_isolation=args.weak_isolation)
    print(f"Wrote {out}: upload it as the assignment's autograder on Gradescope.")


def cmd_prairielearn(args) -> None:
    from . import prairielearn
    out = prairielearn.write(args.outdir, secret=_secret(), image=args.image)
    print(f"Wrote {out}/: the questions, the course secret and the grader image's files. "
          f"{out / 'README.md'} says where each goes.")


def cmd_nbgrader_audit(args) -> int:
    from . import nbgrader_course
    from .render import inert, points  # inert: student folders' names, which learners choose
    rows = nbgrader_course.audit(args.course_dir, args.assignment)
    scored = [r for r in rows if r.nbgrader_score is not None]
    flagged = [r for r in scored if r.nbgrader_score > r.sandbox_score + 1e-4]  # code that subverted a test cell
    # lower in nbgrader: a test cell deleted, code resting on a read-only cell nbgrader restored, or a cell
    # that killed nbgrader's kernel where the sandbox refused it and went on
    lower = [r for r in scored if r.nbgrader_score < r.sandbox_score - 1e-4]
    for r in flagged + lower:
        print(f"{inert(r.student):<20} {r.exercise:<26} nbgrader {points(r.nbgrader_score)}, "
              f"sandbox {points(r.sandbox_score)}")
    unscored = len(rows) - len(scored)
    print(f"{len(flagged)} of {len(rows)} notebooks score higher in nbgrader than in the sandbox"
          + (f"; {len(lower)} lower (a test cell deleted? a read-only cell changed? the kernel died on a cell "
             "the sandbox refused?)" if lower else "")
          + (f"; {unscored} not autograded yet." if unscored else "."))
    return 1 if flagged else 0


def cmd_hint(args) -> None:
    from . import hints
    print(hints.hint(catalog.find(args.exercise).id, args.level))


def cmd_build(args) -> int:
    from . import build
    changed = build.build(args.out, check_only=args.check)
    for path in changed:
        print(("differs: " if args.check else "wrote: ") + str(path))
    if args.check and changed:
        out = f" --out {shlex.quote(args.out)}" if args.out else ""  # the folder checked is the one to rebuild
        print(f"The stubs differ from the solutions: run `python -m autograder build{out}`.", file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="backprop", description="Derive backpropagation, and be told what went wrong.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("list", help="the exercises, their points and functions")

    s = sub.add_parser("start", help="copy the exercise stubs and notebooks into DIR")
    s.add_argument("dir", nargs="?", default="backprop-work", metavar="DIR",
                   help="the folder to work in (default: backprop-work)")

    s = sub.add_parser("check", help="check your work with the public checks")
    s.add_argument("exercises", nargs="*", metavar="EXERCISE",
                   help="ids, prefixes or numbers: ex03, ex3 or 3 (default: every file in DIR)")
    s.add_argument("--dir", default=".", help="the folder holding your files (default: here)")
    s.add_argument("--json", metavar="FILE", type=_file_to_write, help="also write the report as JSON")
    s.add_argument("-v", "--verbose", action="store_true", help="show every check, not only the first failure")
    s.add_argument("--watch", action="store_true",
                   help="check again each time an exercise file in DIR is saved, until Ctrl-C")

    s = sub.add_parser("explain", help="run your function line by line and show the shapes each line made")
    s.add_argument("exercise", metavar="EXERCISE", help="its id, prefix or number, such as ex04, ex4 or 4")
    s.add_argument("--dir", default=".", help="the folder holding your files (default: here)")
    s.add_argument("--function", metavar="F", help="the function to explain (default: that of the first failing check)")

    s = sub.add_parser("grade", help="grade one submission, or a folder of them (one folder a student)")
    s.add_argument("paths", nargs="+", metavar="PATH",
                   help="a submission's folder, or a folder holding one folder a student")
    s.add_argument("--hidden", action="store_true", help="run the hidden checks too (needs the course secret)")
    s.add_argument("--upload", action="store_true",
                   help="PATH is one learner's upload (Gradescope's): one submission, its exercise files taken from "
                        "whatever folders they sit in")
    s.add_argument("--part", type=int, choices=catalog.PARTS,
                   help="grade this part's exercises (default: the parts the submissions hold files of)")
    s.add_argument("--json", metavar="FILE", type=_file_to_write, help="write every report as JSON")
    s.add_argument("--csv", metavar="FILE", type=_file_to_write, help="write a row per student: each exercise's score, total")
    s.add_argument("--gradescope", metavar="FILE", type=_file_to_write,
                   help="write Gradescope's results.json (several submissions: {\"submissions\": [...]})")
    s.add_argument("--jobs", type=_count, metavar="N", help="parallel processes (default: the machine's cores)")
    s.add_argument("-v", "--verbose", action="store_true",
                   help="one submission: show every check, not only the first failure")
    s.add_argument("--timeout", type=_seconds, default=10.0, metavar="S", help="seconds a call may take (default 10)")
    s.add_argument("--submission-timeout", type=_seconds, default=120.0, metavar="S",
                   help="seconds all of one submission's calls may take together (default 120)")
    s.add_argument("--weak-isolation", action="store_true",
                   help="with --hidden, grade even where the kernel cannot confine learner code (Landlock, seccomp); "
                        "every report says so")
    s.add_argument("--resume", action="store_true",
                   help=f"after an interrupted batch, grade only the submissions without a result in {paths.GRADE_STATE}/")
    s.add_argument("--html", metavar="FILE", type=_file_to_write,
                   help="write the class report: one HTML page with plots, the checks, mistakes and each learner "
                        "(needs the report extra, matplotlib)")

    s = sub.add_parser("report", help="the class report page (HTML) from a saved --json report, without grading again")
    s.add_argument("report", metavar="REPORT.json", help="a report written by `backprop grade --json`")
    s.add_argument("--html", metavar="FILE", type=_file_to_write, required=True, help="the HTML page to write")

    s = sub.add_parser("release", help="the learners' bundle: stubs, notebooks, docs, public checks")
    s.add_argument("outdir", metavar="OUTDIR", type=_folder_to_write, help="a new or empty folder to write the bundle into")

    s = sub.add_parser("gradescope", help="a Gradescope autograder zip (setup.sh, run_autograder)")
    s.add_argument("zip", metavar="OUT.zip", type=_file_to_write, help="the zip file to write")
    s.add_argument("--part", type=int, choices=catalog.PARTS,
                   help="grade every submission on this part (default: the parts each submission holds files of)")
    s.add_argument("--weak-isolation", action="store_true",
                   help="grade even where Gradescope's machine lacks Landlock or seccomp (every report says so); "
                        "without it such a machine grades nothing, and says why")

    s = sub.add_parser("prairielearn", help="PrairieLearn questions, externally graded, and the grader image's files")
    s.add_argument("outdir", metavar="OUTDIR", type=_folder_to_write, help="a new or empty folder to write them into")
    s.add_argument("--image", default="backprop-exercises-grader", metavar="NAME",
                   help="the grader image's name in the questions' info.json (default: backprop-exercises-grader)")

    s = sub.add_parser("nbgrader", help="make an nbgrader course of the exercises")
    nb = s.add_subparsers(dest="nbgrader_command", required=True, metavar="ACTION")
    n = nb.add_parser("init", help="write COURSE_DIR with nbgrader_config.py and an assignment a part in source/")
    n.add_argument("course_dir", metavar="COURSE_DIR", help="the nbgrader course folder to make")
    n.add_argument("--assignment", default="backprop",
                   help="part 1's assignment name; part 2's adds -2 (default: backprop, backprop-2)")
    n = nb.add_parser("audit", help="list notebooks whose nbgrader score beats the sandboxed grader's")
    n.add_argument("course_dir", metavar="COURSE_DIR", help="the nbgrader course folder")
    n.add_argument("assignment", metavar="ASSIGNMENT", help="the assignment whose submissions to audit")

    s = sub.add_parser("hint", help="hints for an exercise, from a nudge to the full derivation")
    s.add_argument("exercise", metavar="EXERCISE", help="its id, prefix or number, such as ex03, ex3 or 3")
    s.add_argument("--level", type=int, default=1, metavar="N", help="which hint: 1 is a nudge, the last is the full derivation (default 1)")

    s = sub.add_parser("build", help="(maintainers) regenerate the stubs and notebooks from solutions/")
    s.add_argument("--out", metavar="DIR", help="where to write (default: exercises/)")
    s.add_argument("--check", action="store_true", help="only report stubs that differ; exit 1 if any")
    # `backprop NAME` runs cmd_NAME, and `backprop nbgrader NAME` cmd_nbgrader_NAME
    for prefix, commands in (("cmd_", sub), ("cmd_nbgrader_", nb)):
        for name, command in commands.choices.items():
            command.set_defaults(run=globals().get(prefix + name))
    return p


def run() -> None:
    """The `backprop` command: main, then exit without tearing the interpreter down object by
    object. Every file is written and closed, and every child process ended, by then; after a
    batch the teardown alone (a class's results, numpy) takes a tenth of a second."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # a job's kill, as Ctrl-C: ended in order, and said
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a reader that went away, as `backprop ... | head` does
            stream.flush()
    os._exit(code)


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a learner's "ï" shows "?", not a traceback
        if getattr(stream, "errors", "") == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = parser().parse_args(argv)
    try:
        return args.run(args) or 0  # a command that can only succeed returns nothing
    except BrokenPipeError:  # a reader that went away, as `backprop list | head` does
        sys.stdout = open(os.devnull, "w")
        return 0
    # OSError: also a file that could not be written after all (a full disk, permissions)
    except (CommandError, catalog.UnknownExercise, course.NoSecret, NoHiddenChecks, SpecError,
            report.ReportError, OSError) as exc:
        from .render import inert  # folder names, which learners choose, reach it
        print(f"Error: {inert(str(exc))}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        hint = " Finished results are kept: run the same command with --resume." if args.command == "grade" else ""
        print(f"Interrupted.{hint}", file=sys.stderr)
        return 130
