"""Share a review across machines through git itself: the ref `refs/gotui/review`.

The ref points at a commit whose tree holds one file, `review.json`: every unit's decision (state,
Go, who and when), its attempts and its history of decisions. Nothing is written to the user's
work tree, index or HEAD. `push_review` and `pull_review` move that ref with plain `git push` and
`git fetch`; the remote's copy is kept under `refs/gotui/remotes/<remote>/review`.

Pulling merges into the local session, unit by unit, against the last common review commit:
a unit only one side changed takes that side; a unit both sides changed is a conflict, reported,
and the newer decision (by time) wins. Attempts and history are unioned.

What arrives is untrusted (gotui/vcs/review_doc.py checks it); the merge writes only through the
session's public `transaction()`. Everything taken from a pull is marked with its origin, and
Go that came from a pull is not run by `gotui check` until a person here accepts or names it.
Hazard notes are not shared: they are derived from the Python on each machine.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gotui.vcs.gitlib import git

from gotui.session.store import PENDING, STALE, Session
from gotui.session.transaction import Transaction, attempt_key
from gotui.vcs.branch import MOVED, BranchError, git_command, identity_env, resolve_commit, update_ref
from gotui.vcs.review_doc import (FORMAT, MAX_DOC_BYTES, SHARED_STATES, BadEntry, Entry, ReviewDocError, check_document,
                                  check_entry, parse_document)

__all__ = ["REVIEW_REF", "FORMAT", "SHARED_STATES", "Conflict", "MergeReport", "attempt_key", "export_review",
           "import_review", "pull_review", "push_review", "read_review", "save_review", "tracking_ref"]

REVIEW_REF = "refs/gotui/review"
DOC = "review.json"
LOCAL_ACTIONS = ("stale", "pull")  # history entries about this machine only: not shared
RETRIES = 3


def tracking_ref(remote: str) -> str:
    return f"refs/gotui/remotes/{remote}/review"


# ---- the document ----------------------------------------------------------------------------


def export_review(session: Session) -> dict:
    """Every unit with a decision, attempts or history: {format, exported_by, units: {id: {...}}} (secrets scrubbed)."""
    rows = session.export_rows()
    attempts: dict[str, list[dict]] = {}
    keys: dict[int, str] = {}
    for a in rows["attempts"]:
        key = attempt_key(a["unit_id"], a["created_at"], a["backend"], a["model"], a["go"])
        keys[a["id"]] = key
        entry = {k: v for k, v in a.items() if k not in ("id", "unit_id", "origin")}
        entry["key"] = key
        attempts.setdefault(a["unit_id"], []).append(entry)
    history: dict[str, list[dict]] = {}
    for h in rows["history"]:
        if h["action"] in LOCAL_ACTIONS:
            continue
        entry = {k: v for k, v in h.items() if k not in ("id", "unit_id", "prev_attempt_id", "prev_origin")}
        entry["prev_attempt"] = keys.get(h["prev_attempt_id"]) if h["prev_attempt_id"] is not None else None
        history.setdefault(h["unit_id"], []).append(entry)
    units: dict[str, dict] = {}
    for u in rows["units"]:
        uid = u["id"]
        if u["state"] == PENDING and not u["go"].strip() and uid not in attempts and uid not in history:
            continue
        state = (u["stale_from"] or "converted") if u["state"] == STALE else u["state"]
        units[uid] = {
            "path": u["path"], "qualname": u["qualname"], "kind": u["kind"], "line": u["line"], "end_line": u["end_line"],
            "state": state, "go": u["go"], "backend": u["backend"], "model": u["model"], "status": u["status"],
            "error": u["error"], "attempt": keys.get(u["attempt_id"]) if u["attempt_id"] is not None else None,
            "decided_hash": u["decided_hash"], "decided_source": u["decided_source"],
            "check_status": u["check_status"], "check_detail": u["check_detail"],
            "at": u["updated_at"], "by": u["updated_by"],
            "attempts": attempts.get(uid, []), "history": history.get(uid, []),
        }
    return {"format": FORMAT, "exported_by": session.actor, "units": units}


def _fingerprint(entry: dict | None) -> tuple:
    """What a decision is, regardless of who made it when: (state, Go, the Python it was made on)."""
    if entry is None:
        return (PENDING, "", None)  # a unit not in a document has nothing decided
    return (entry.get("state") or PENDING, entry.get("go") or "", entry.get("decided_hash"))


def _has_decision(fp: tuple) -> bool:
    return fp[0] != PENDING or bool(fp[1].strip())


@dataclass
class Conflict:
    unit_id: str
    local_state: str
    remote_state: str
    local_at: float
    remote_at: float
    local_by: str
    remote_by: str
    winner: str  # "local" or "remote": the newer decision


@dataclass
class MergeReport:
    remote: str | None = None
    commit: str | None = None  # the review commit merged (a pull) or pushed (a push)
    up_to_date: bool = False  # nothing new on the other side
    added: list[str] = field(default_factory=list)  # units this session did not know
    updated: list[str] = field(default_factory=list)  # the other side's decision was taken
    kept: list[str] = field(default_factory=list)  # this session's decision stayed over a change of theirs
    conflicts: list[Conflict] = field(default_factory=list)  # both changed since the last sync
    attempts_added: int = 0
    history_added: int = 0
    pushed: bool = False
    skipped: list[str] = field(default_factory=list)  # entries not understood or not allowed (left out)
    skipped_reasons: dict[str, str] = field(default_factory=dict)  # entry id -> why it was left out
    origin: str | None = None  # what taken decisions are marked with ("pulled:<remote> <ref>@<commit>")
    backup: str | None = None  # the session backup made before merging

    def to_json(self) -> dict:
        return asdict(self)


def _checked(units: dict, root: Path | None, report: MergeReport | None) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for uid, raw in units.items():
        try:
            out[uid] = check_entry(uid, raw, root)
        except BadEntry as exc:
            if report is not None:
                name = uid if isinstance(uid, str) else repr(uid)
                report.skipped.append(name[:300])
                report.skipped_reasons[name[:300]] = str(exc)
    return out


def import_review(session: Session, data: Any, base: Any = None, *, origin: str = "pulled:a review document",
                  root: Path | None = None) -> MergeReport:
    """Merge a review document into the session; `base` is the document both sides last shared.

    Entries that fail the checks of review_doc are skipped with the reason; `root` (the repository)
    also refuses paths that lead outside it through a symlink. Decisions and attempts taken are
    marked with `origin`.
    """
    try:
        check_document(data)
    except ReviewDocError as exc:
        raise BranchError(str(exc)) from None
    report = MergeReport(origin=origin)
    entries = _checked(data["units"], root, report)
    base_entries: dict[str, Entry] = {}
    if isinstance(base, dict) and isinstance(base.get("units"), dict):
        base_entries = _checked(base["units"], root, None)
    with session.transaction() as tx:
        local_doc = export_review(session)["units"]
        local_ids = tx.unit_ids()
        for uid in sorted(entries):
            _merge_unit(tx, entries[uid], local_doc.get(uid), base_entries.get(uid), base is not None,
                        uid not in local_ids, origin, report)
    return report


def _merge_unit(tx: Transaction, remote: Entry, local: dict | None, base: Entry | None, have_base: bool, new: bool,
                origin: str, report: MergeReport) -> None:
    uid = remote.id
    key_to_id = tx.attempt_ids(uid)
    for a in remote.attempts:
        key = attempt_key(uid, a["created_at"], a["backend"], a["model"], a["go"])
        if key not in key_to_id:
            key_to_id[key] = tx.add_attempt(uid, a, origin)
            report.attempts_added += 1
    lf, rf = _fingerprint(local), _fingerprint(remote.decision)
    bf = _fingerprint(base.decision if base else None)
    take = False
    if new:
        tx.add_unit(uid, remote.path, remote.qualname, remote.kind, remote.line, remote.end_line,
                    remote.decision["decided_hash"] or "", remote.decision["decided_source"] or "",
                    remote.decision["at"], remote.decision["by"] or "")
        report.added.append(uid)
        take = _has_decision(rf)
    elif lf != rf:
        local_changed = lf != bf if have_base else _has_decision(lf)
        remote_changed = rf != bf if have_base else _has_decision(rf)
        if remote_changed and local_changed:
            local_at, remote_at = float((local or {}).get("at") or 0), remote.decision["at"]
            newer_remote = remote_at > local_at
            report.conflicts.append(Conflict(
                uid, (local or {}).get("state", PENDING), remote.decision["state"], local_at, remote_at,
                (local or {}).get("by", ""), remote.decision["by"] or "", "remote" if newer_remote else "local"))
            take = newer_remote
        else:
            take = remote_changed
        if take:
            report.updated.append(uid)
        elif remote_changed:
            report.kept.append(uid)
    if take:
        tx.take_decision(uid, remote.decision, key_to_id.get(remote.decision["attempt"] or ""), origin, keep_undo=not new)
    report.history_added += tx.add_history(uid, remote.history, key_to_id, origin, skip_actions=LOCAL_ACTIONS)


# ---- git ---------------------------------------------------------------------------------------


def _run(repo: git.Repo, *args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(git_command(*args), cwd=str(repo.working_tree_dir or repo.git_dir), capture_output=True, input=input,
                          env=env)


def _check(proc: subprocess.CompletedProcess[bytes], what: str) -> str:
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip()
        raise BranchError(f"{what} failed: {err.splitlines()[-1] if err else proc.returncode}")
    return proc.stdout.decode("utf-8", "replace").strip()


def read_review(repo: git.Repo, commit: str | None) -> dict | None:
    """The review document of a review commit (None when it has none), checked as a whole.

    Its size comes from git before a byte of it is read: a huge blob is refused, not loaded.
    """
    if commit is None:
        return None
    where = f"{DOC} in review commit {commit[:10]}"
    spec = f"{commit}:{DOC}"
    kind = _run(repo, "cat-file", "-t", spec)
    if kind.returncode != 0:
        return None
    if kind.stdout.strip() != b"blob":
        raise BranchError(f"{where} is a {kind.stdout.decode(errors='replace').strip()}, not a file: not a gotui review")
    size = int(_check(_run(repo, "cat-file", "-s", spec), "git cat-file -s") or 0)
    if size > MAX_DOC_BYTES:
        raise BranchError(f"{where} is {size} bytes, more than the {MAX_DOC_BYTES} a review may have: not merged")
    data = _run(repo, "cat-file", "blob", spec).stdout
    try:
        return parse_document(data, where)
    except ReviewDocError as exc:
        raise BranchError(str(exc)) from None


def _is_ancestor(repo: git.Repo, a: str, b: str) -> bool:
    return _run(repo, "merge-base", "--is-ancestor", a, b).returncode == 0


def save_review(repo: git.Repo, session: Session, parents: list[str] | None = None) -> str:
    """Record the session as a new commit on refs/gotui/review (unless nothing changed); its sha."""
    local = resolve_commit(repo, REVIEW_REF)
    parents = [p for p in dict.fromkeys(parents if parents is not None else ([local] if local else [])) if p]
    doc = export_review(session)
    payload = (json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    if local is not None and parents == [local] and _run(repo, "cat-file", "blob", f"{local}:{DOC}").stdout == payload:
        return local  # the ref already says this
    env = identity_env(repo)
    blob = _check(_run(repo, "hash-object", "-w", "--stdin", input=payload), "git hash-object")
    tree = _check(_run(repo, "mktree", input=f"100644 blob {blob}\t{DOC}\n".encode()), "git mktree")
    message = f"gotui review: {len(doc['units'])} units ({session.actor})\n"
    args = ["commit-tree", tree, "-F", "-"]
    for p in parents:
        args += ["-p", p]
    commit = _check(_run(repo, *args, input=message.encode("utf-8"), env=env), "git commit-tree")
    update_ref(repo, REVIEW_REF, commit, local, "gotui review")
    return commit


def _require_remote(repo: git.Repo, remote: str) -> None:
    if remote.startswith("-") or _run(repo, "remote", "get-url", remote).returncode != 0:
        raise BranchError(f"no git remote {remote!r}: add one with git remote add {remote} URL, or pass --remote")


def fetch_review(repo: git.Repo, remote: str) -> str | None:
    """Fetch the remote's review ref into refs/gotui/remotes/<remote>/review; its sha, or None if it has none."""
    _require_remote(repo, remote)
    listing = _check(_run(repo, "ls-remote", remote, REVIEW_REF), f"git ls-remote {remote}")
    if not listing:
        return None
    args = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, f"+{REVIEW_REF}:{tracking_ref(remote)}"]
    proc = _run(repo, *args)
    if proc.returncode != 0 and b"no-write-fetch-head" in proc.stderr:  # git older than 2.29
        proc = _run(repo, *[a for a in args if a != "--no-write-fetch-head"])
    _check(proc, f"git fetch {remote}")
    commit = resolve_commit(repo, tracking_ref(remote))
    if commit is None:
        raise BranchError(f"{remote}'s {REVIEW_REF} does not point at a commit: not a gotui review")
    return commit


def _merge_base(repo: git.Repo, ours: str, theirs: str, remote: str) -> str:
    proc = _run(repo, "merge-base", ours, theirs)
    if proc.returncode == 1 and not proc.stdout.strip():
        raise BranchError(
            f"your {REVIEW_REF} and {remote}'s share no history (they were started separately): nothing was merged; "
            f"to start again from theirs, run git update-ref -d {REVIEW_REF} and pull again (your session keeps its decisions)")
    return _check(proc, "git merge-base")


def _base_document(repo: git.Repo, commit: str | None) -> dict | None:
    """The last review both sides had; if it cannot be read, the merge goes on without it (more conflicts, nothing lost)."""
    try:
        return read_review(repo, commit)
    except BranchError:
        return None


def pull_review(repo: git.Repo, session: Session, remote: str = "origin") -> MergeReport:
    """Fetch the remote's review and merge it into the session; records the sync on refs/gotui/review."""
    theirs = fetch_review(repo, remote)
    for attempt in range(RETRIES):
        ours = resolve_commit(repo, REVIEW_REF)
        if theirs is None or (ours is not None and _is_ancestor(repo, theirs, ours)):
            return MergeReport(remote=remote, commit=theirs, up_to_date=True)
        base_commit = _merge_base(repo, ours, theirs, remote) if ours else None
        doc = read_review(repo, theirs)
        if doc is None:
            raise BranchError(f"{remote}'s {REVIEW_REF} has no {DOC}: not a gotui review")
        saved = session.backup("pull") if attempt == 0 else None  # what the session was before anything of theirs
        report = import_review(session, doc, _base_document(repo, base_commit), origin=f"pulled:{remote} {REVIEW_REF}@{theirs[:12]}",
                               root=Path(repo.working_tree_dir) if repo.working_tree_dir else None)
        report.remote, report.commit = remote, theirs
        report.backup = str(saved) if saved else None
        parents = [theirs] if ours is None or _is_ancestor(repo, ours, theirs) else [ours, theirs]
        try:
            save_review(repo, session, parents)
        except BranchError as exc:
            if exc.reason == MOVED and attempt < RETRIES - 1:
                continue  # the pair saved at the same moment: merge again on top of theirs
            raise
        return report
    raise AssertionError("unreachable")


def push_review(repo: git.Repo, session: Session, remote: str = "origin") -> MergeReport:
    """Merge the remote's review first, then push the session's review to it (never a forced push)."""
    session.backup("push-review")
    for attempt in range(RETRIES):
        report = pull_review(repo, session, remote)
        ours = resolve_commit(repo, REVIEW_REF)
        commit = save_review(repo, session, [ours] if ours else [])
        proc = _run(repo, "push", "--quiet", "--porcelain", remote, f"{REVIEW_REF}:{REVIEW_REF}")
        if proc.returncode == 0:
            _run(repo, "update-ref", tracking_ref(remote), commit)
            report.commit, report.pushed = commit, True
            return report
        out = (proc.stdout + proc.stderr).decode(errors="replace")
        if ("rejected" in out or "non-fast-forward" in out or "fetch first" in out) and attempt < RETRIES - 1:
            continue  # someone pushed meanwhile: merge theirs and try again
        _check(proc, f"git push {remote}")
        raise BranchError(f"git push {remote} was rejected: {out.strip().splitlines()[-1] if out.strip() else ''}")
    raise AssertionError("unreachable")
