#!/usr/bin/env python3
"""Compare dondoc with Python's dateparser, the peer a user scripting this might reach for.

1. Speed: over the same notices (500 made by cycling the corpus texts under distinct names),
   time `dateparser.search.search_dates(text, languages=["vi"])` on each whole notice, and the
   `dondoc extract` command on all of them; print both and "dondoc is N× faster".
2. Deadlines found: for each gold task (../shared/corpus/gold/*.json) with a deadline whose
   `due` is set (tasks marked "ambiguous": true are skipped), does dateparser's search_dates on
   the task's text return that date, and does dondoc's extraction of the corpus texts hold a task
   with that due date whose text overlaps the gold task's (token Jaccard >= 0.35, as
   ../shared/tools/score.py pairs tasks)?

dateparser is installed into a venv under target/bench-venv (or, when `python3 -m venv` has no
ensurepip, with `pip install --target target/bench-venv/site`). If pip cannot reach its index
the dateparser half is skipped with a note; the dondoc half still runs.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "bench-venv")
SITE = os.path.join(VENV, "site")
TASK_MATCH = 0.35


# --- text helpers (the same folding as score.py: NFC, casefold, white space) -------------------

def norm(s):
    s = unicodedata.normalize("NFC", str(s or "")).casefold()
    return re.sub(r"\s+", " ", s).strip(" .;,:")


def tokens(s):
    return set(re.findall(r"\w+", norm(s)))


def jaccard(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def gold_deadlines(gold_dir):
    """(file stem, task text, due) for every unambiguous gold task with a due date."""
    out = []
    for path in sorted(glob.glob(os.path.join(gold_dir, "*.json"))):
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            gold = json.load(f)
        for t in gold.get("tasks", []):
            if t.get("ambiguous") is True:
                continue
            dl = t.get("deadline") or {}
            if dl.get("due"):
                out.append((stem, t.get("text") or "", dl["due"]))
    return out


# --- the dateparser worker: runs inside the venv (or with the --target site on the path) -------

def worker(args):
    from dateparser.search import search_dates as _search

    def search_dates(text, **kw):
        try:
            return _search(text, **kw)
        except Exception:  # a peer's crash on one text counts as "found nothing"
            return None

    with open(args.worker_input, encoding="utf-8") as f:
        job = json.load(f)
    # Warm up (dateparser loads its language data on first use).
    search_dates("trước ngày 09/02/2018", languages=["vi"])
    start = time.perf_counter()
    for path in job["files"]:
        with open(path, encoding="utf-8", errors="replace") as f:
            search_dates(f.read(), languages=["vi"])
    seconds = time.perf_counter() - start
    found = []
    for text, due in job["deadlines"]:
        hits = search_dates(text, languages=["vi"]) or []
        found.append(any(dt.date().isoformat() == due for _, dt in hits))
    try:
        from importlib.metadata import version

        dp_version = version("dateparser")
    except Exception:
        dp_version = "?"
    json.dump({"seconds": seconds, "files": len(job["files"]), "found": found, "version": dp_version}, sys.stdout)


# --- installing dateparser -------------------------------------------------------------------

def note(msg):
    print(f"note: {msg}", flush=True)


def dateparser_python():
    """A (python, env) that can import dateparser, installing it if needed; None on failure."""
    venv_py = os.path.join(VENV, "bin", "python")
    env = dict(os.environ)
    probe = ["-c", "import dateparser"]
    if os.path.exists(venv_py) and subprocess.run([venv_py, *probe], capture_output=True).returncode == 0:
        return venv_py, env
    if os.path.isdir(SITE):
        env_t = dict(env, PYTHONPATH=SITE)
        if subprocess.run([sys.executable, *probe], env=env_t, capture_output=True).returncode == 0:
            return sys.executable, env_t
    os.makedirs(os.path.dirname(VENV), exist_ok=True)
    pip_quiet = ["--disable-pip-version-check", "-q", "--timeout", "20", "--retries", "1"]
    made = subprocess.run([sys.executable, "-m", "venv", VENV], capture_output=True)
    if made.returncode == 0 and os.path.exists(venv_py):
        r = subprocess.run([venv_py, "-m", "pip", "install", *pip_quiet, "dateparser"])
        if r.returncode == 0:
            return venv_py, env
        note("pip could not install dateparser into the venv (no network or no index?)")
        return None
    # No ensurepip: drop the half-made venv and install into a plain directory instead.
    note("python3 -m venv failed (ensurepip missing?); trying pip install --target")
    shutil.rmtree(VENV, ignore_errors=True)
    r = subprocess.run([sys.executable, "-m", "pip", "install", *pip_quiet, "--target", SITE, "dateparser"])
    if r.returncode == 0:
        return sys.executable, dict(env, PYTHONPATH=SITE)
    note("pip install --target failed too (no pip, or its index is unreachable)")
    return None


# --- dondoc ----------------------------------------------------------------------------------

def run_dondoc(bin_path, files):
    """(seconds, exit code, stdout lines) of one `dondoc extract` over the files."""
    start = time.perf_counter()
    p = subprocess.run([bin_path, "extract", *files], capture_output=True)
    seconds = time.perf_counter() - start
    return seconds, p.returncode, p.stdout.decode("utf-8", "replace").splitlines(), p.stderr.decode("utf-8", "replace")


def dondoc_found(bin_path, corpus, deadlines):
    """For each gold deadline: does dondoc's extraction of that text hold it?"""
    texts = sorted(glob.glob(os.path.join(corpus, "*.txt")))
    _, rc, lines, _ = run_dondoc(bin_path, texts)
    tasks_by_stem = {}
    for line in lines:
        try:
            ex = json.loads(line)
        except ValueError:
            continue
        stem = os.path.splitext((ex.get("source") or {}).get("file") or "")[0]
        tasks_by_stem[stem] = ex.get("tasks") or []
    found = []
    for stem, text, due in deadlines:
        gt = tokens(text)
        found.append(any(
            ((t.get("deadline") or {}).get("due") == due) and jaccard(gt, tokens(t.get("text"))) >= TASK_MATCH
            for t in tasks_by_stem.get(stem, [])
        ))
    return found, rc


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "dondoc"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "text"))
    ap.add_argument("--gold", default=None, help="gold dir (default: CORPUS/../gold)")
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--worker-input", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker_input:
        return worker(args)

    gold_dir = args.gold or os.path.join(os.path.dirname(os.path.abspath(args.corpus)), "gold")
    src = sorted(glob.glob(os.path.join(args.corpus, "*.txt")))
    if not src:
        print(f"no corpus texts in {args.corpus}", file=sys.stderr)
        return 2
    if not os.path.exists(args.bin):
        print(f"no dondoc binary at {args.bin}; run scripts/bench.sh or cargo build --release", file=sys.stderr)
        return 2
    deadlines = gold_deadlines(gold_dir)

    with tempfile.TemporaryDirectory() as work:
        # The corpus has few texts: cycle through them under distinct names.
        files = []
        for i in range(args.n):
            dst = os.path.join(work, f"notice_{i:03d}.txt")
            shutil.copyfile(src[i % len(src)], dst)
            files.append(dst)
        size = sum(os.path.getsize(f) for f in files)
        print(f"\n== dondoc vs dateparser on {len(files)} notices ({size / 1e6:.2f} MB)")

        d_secs, rc, _, err = run_dondoc(args.bin, files)
        print(f"dondoc extract (all files, one process): {d_secs:.3f} s" + ("" if rc == 0 else f"  [exit {rc}: {err.splitlines()[0] if err else ''}]"))

        dp = None
        py = dateparser_python()
        if py is None:
            note("dateparser unavailable: speed and deadline comparison with it skipped")
        else:
            job = os.path.join(work, "job.json")
            with open(job, "w", encoding="utf-8") as f:
                json.dump({"files": files, "deadlines": [[t, d] for _, t, d in deadlines]}, f)
            r = subprocess.run([py[0], os.path.abspath(__file__), "--worker-input", job], env=py[1], capture_output=True, text=True)
            if r.returncode != 0:
                note(f"the dateparser worker failed: {r.stderr.strip().splitlines()[-1:]}")
            else:
                dp = json.loads(r.stdout)
                print(
                    f"dateparser {dp['version']} search_dates(languages=['vi']) on the whole text of each of the "
                    f"{dp['files']} notices, one process, imports and language data loaded before timing: {dp['seconds']:.3f} s"
                )
                if d_secs > 0:
                    print(f"dondoc (full extraction, process start included) is {dp['seconds'] / d_secs:.1f}× faster")

    n = len(deadlines)
    d_found, _ = dondoc_found(args.bin, args.corpus, deadlines)
    y = sum(d_found)
    print(
        f"\n== corpus deadlines: {n} gold tasks with a due date (gold tasks marked ambiguous left out, as score.py does)\n"
        "dateparser is given each gold task's own text and counts if any date it returns is the due date;\n"
        "dondoc must find the task in the notice itself (a task with that due date and token Jaccard >= 0.35)"
    )
    if dp is not None:
        x = sum(dp["found"])
        print(f"dateparser finds {x}/{n} corpus deadlines; dondoc finds {y}/{n}")
    else:
        print(f"dateparser finds ?/{n} corpus deadlines (not installed); dondoc finds {y}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main() or 0)
