"""Share a review across machines through git itself: the ref `refs/gotui/review`.

The ref points at a commit whose tree holds one file, `review.json`: every unit's decision (state,
Go, who and when), its attempts and its history of decisions. Nothing is written to the user's
work tree, index or HEAD. `push_review` and `pull_review` move that ref with plain `git push` and
`git fetch`; the remote's copy is kept under `refs/gotui/remotes/<remote>/review`.

Pulling merges into the local session, unit by unit, against the last common review commit:
a unit only one side changed takes that side; a unit both sides changed is a conflict, reported,
and the newer decision (by time) wins. Attempts and history are unioned.

The session has no public API for writing someone else's decisions, so the merge writes the
session's tables directly inside one `Session._write()` transaction (see MergeReport for what
happened). Hazard notes are not shared: they are derived from the Python on each machine.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import git

from gotui.session.store import DECIDED, PENDING, STALE, Session, insert_attempt, push_history

SHARED_STATES = (PENDING, *DECIDED)  # a stale unit travels as the decision it holds
from gotui.vcs.branch import MOVED, BranchError, file_at, identity_env, resolve_commit, update_ref

REVIEW_REF = "refs/gotui/review"
FORMAT = "gotui-review/1"
DOC = "review.json"
LOCAL_ACTIONS = ("stale", "pull")  # history entries about this machine only: not shared
RETRIES = 3

_UNIT_COLS = ("id", "path", "qualname", "kind", "line", "end_line", "source_hash", "state", "go", "backend", "model",
              "status", "error", "attempt_id", "decided_hash", "decided_source", "stale_from", "check_status",
              "check_detail", "updated_at", "updated_by")
_ATTEMPT_COLS = ("id", "unit_id", "go", "status", "backend", "model", "error", "instruction", "source_hash",
                 "prompt_tokens", "completion_tokens", "cost", "repair_rounds", "cached", "created_at")
_HISTORY_COLS = ("id", "unit_id", "action", "prev_state", "prev_go", "prev_attempt_id", "prev_decided_hash",
                 "prev_decided_source", "prev_stale_from", "at", "actor")


def tracking_ref(remote: str) -> str:
    return f"refs/gotui/remotes/{remote}/review"


# ---- the document ----------------------------------------------------------------------------


def attempt_key(unit_id: str, created_at: float, backend: str, model: str, go: str) -> str:
    """The same attempt has the same key on every machine (local ids differ)."""
    raw = json.dumps([unit_id, repr(float(created_at)), backend, model, go])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _rows(session: Session, table: str, cols: tuple[str, ...], order: str) -> list[dict[str, Any]]:
    return [dict(zip(cols, r)) for r in session._query(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}")]


def export_review(session: Session) -> dict:
    """Every unit with a decision, attempts or history: {format, exported_by, units: {id: {...}}}."""
    attempts: dict[str, list[dict]] = {}
    keys: dict[int, str] = {}
    for a in _rows(session, "attempts", _ATTEMPT_COLS, "id"):
        key = attempt_key(a["unit_id"], a["created_at"], a["backend"], a["model"], a["go"])
        keys[a["id"]] = key
        entry = {k: a[k] for k in _ATTEMPT_COLS if k not in ("id", "unit_id")}
        entry["key"] = key
        attempts.setdefault(a["unit_id"], []).append(entry)
    history: dict[str, list[dict]] = {}
    for h in _rows(session, "history", _HISTORY_COLS, "id"):
        if h["action"] in LOCAL_ACTIONS:
            continue
        entry = {k: h[k] for k in _HISTORY_COLS if k not in ("id", "unit_id", "prev_attempt_id")}
        entry["prev_attempt"] = keys.get(h["prev_attempt_id"]) if h["prev_attempt_id"] is not None else None
        history.setdefault(h["unit_id"], []).append(entry)
    units: dict[str, dict] = {}
    for u in _rows(session, "units", _UNIT_COLS, "path, line"):
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
    skipped: list[str] = field(default_factory=list)  # entries not understood (left out)

    def to_json(self) -> dict:
        return asdict(self)


def import_review(session: Session, data: dict, base: dict | None = None) -> MergeReport:
    """Merge a review document into the session; `base` is the document both sides last shared."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("units"), dict):
        raise BranchError(f"not a gotui review (expected format {FORMAT})")
    base_units = (base or {}).get("units", {}) if isinstance(base, dict) else {}
    report = MergeReport()
    with session._write() as db:
        local_doc = export_review(session)["units"]
        local_ids = {r[0] for r in db.execute("SELECT id FROM units")}
        for uid, remote in sorted(data["units"].items()):
            if not isinstance(remote, dict) or "::" not in uid or (remote.get("state") or PENDING) not in SHARED_STATES:
                report.skipped.append(uid)  # a newer format or a damaged entry: never guess
                continue
            key_to_id = _merge_attempts(db, uid, remote.get("attempts") or [], report)
            local = local_doc.get(uid)
            lf, rf, bf = _fingerprint(local), _fingerprint(remote), _fingerprint(base_units.get(uid))
            take, new = False, uid not in local_ids
            if new:
                _insert_unit(db, uid, remote)
                report.added.append(uid)
                take = _has_decision(rf)
            elif lf != rf:
                local_changed = lf != bf if base is not None else _has_decision(lf)
                remote_changed = rf != bf if base is not None else _has_decision(rf)
                if remote_changed and local_changed:
                    newer_remote = float(remote.get("at") or 0) > float((local or {}).get("at") or 0)
                    report.conflicts.append(Conflict(
                        uid, (local or {}).get("state", PENDING), remote.get("state", PENDING),
                        float((local or {}).get("at") or 0), float(remote.get("at") or 0),
                        (local or {}).get("by", ""), remote.get("by", ""), "remote" if newer_remote else "local"))
                    take = newer_remote
                else:
                    take = remote_changed
                if take:
                    report.updated.append(uid)
                elif remote_changed:
                    report.kept.append(uid)
            if take:
                if not new:
                    push_history(db, uid, "pull", session.actor)  # undo brings the local decision back
                _apply_decision(db, uid, remote, key_to_id)
            _merge_history(db, uid, remote.get("history") or [], key_to_id, report)
    return report


def _merge_attempts(db: Any, uid: str, attempts: list[dict], report: MergeReport) -> dict[str, int]:
    """Insert the attempts this session lacks; key -> local attempt id for all of the unit's attempts."""
    have: dict[str, int] = {}
    for row in db.execute(f"SELECT {', '.join(_ATTEMPT_COLS)} FROM attempts WHERE unit_id=?", (uid,)).fetchall():
        a = dict(zip(_ATTEMPT_COLS, row))
        have[attempt_key(uid, a["created_at"], a["backend"], a["model"], a["go"])] = a["id"]
    for a in attempts:
        key = attempt_key(uid, a.get("created_at", 0), a.get("backend", ""), a.get("model", ""), a.get("go", ""))
        if key in have:
            continue
        have[key] = insert_attempt(db, uid, dict(
            go=a.get("go", ""), status=a.get("status", ""), backend=a.get("backend", ""), model=a.get("model", ""),
            error=a.get("error"), instruction=a.get("instruction"), source_hash=a.get("source_hash", ""),
            prompt_tokens=int(a.get("prompt_tokens") or 0), completion_tokens=int(a.get("completion_tokens") or 0),
            cost=float(a.get("cost") or 0), repair_rounds=int(a.get("repair_rounds") or 0),
            cached=int(a.get("cached") or 0), created_at=float(a.get("created_at") or 0)))
        report.attempts_added += 1
    return have


def _insert_unit(db: Any, uid: str, remote: dict) -> None:
    """A unit this session never scanned: absent until a scan finds its Python (then it may go stale)."""
    path, _, qualname = uid.partition("::")
    source_hash = remote.get("decided_hash") or ""
    db.execute(
        "INSERT INTO units (id, path, qualname, kind, line, end_line, source_hash, source, updated_at, updated_by, present) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,0)",
        (uid, remote.get("path") or path, remote.get("qualname") or qualname, remote.get("kind") or "function",
         int(remote.get("line") or 1), int(remote.get("end_line") or 1), source_hash, remote.get("decided_source") or "",
         float(remote.get("at") or 0), remote.get("by") or ""))


def _apply_decision(db: Any, uid: str, remote: dict, key_to_id: dict[str, int]) -> None:
    source_hash = db.execute("SELECT source_hash FROM units WHERE id=?", (uid,)).fetchone()[0]
    state = remote.get("state") or PENDING
    decided_hash = remote.get("decided_hash")
    stale_from = None
    if state in DECIDED and decided_hash is not None and decided_hash != source_hash:
        # decided on other Python than this machine has: the decision is kept, marked stale
        state, stale_from = STALE, state
    db.execute(
        "UPDATE units SET state=?, go=?, backend=?, model=?, status=?, error=?, attempt_id=?, decided_hash=?, decided_source=?, "
        "stale_from=?, check_status=?, check_detail=?, updated_at=?, updated_by=? WHERE id=?",
        (state, remote.get("go") or "", remote.get("backend") or "", remote.get("model") or "", remote.get("status") or "",
         remote.get("error"), key_to_id.get(remote.get("attempt") or ""), decided_hash, remote.get("decided_source"),
         stale_from, remote.get("check_status"), remote.get("check_detail"), float(remote.get("at") or time.time()),
         remote.get("by") or "", uid))


def _merge_history(db: Any, uid: str, entries: list[dict], key_to_id: dict[str, int], report: MergeReport) -> None:
    cols = ", ".join(_HISTORY_COLS[1:])
    rows = [dict(zip(_HISTORY_COLS, r)) for r in db.execute(f"SELECT {', '.join(_HISTORY_COLS)} FROM history WHERE unit_id=? ORDER BY id", (uid,))]
    seen = {(repr(float(r["at"])), r["actor"], r["action"]) for r in rows}
    new = []
    for e in entries:
        key = (repr(float(e.get("at") or 0)), e.get("actor", ""), e.get("action", ""))
        if key in seen or e.get("action") in LOCAL_ACTIONS:
            continue
        seen.add(key)
        new.append({"unit_id": uid, "action": e.get("action", ""), "prev_state": e.get("prev_state") or PENDING,
                    "prev_go": e.get("prev_go") or "", "prev_attempt_id": key_to_id.get(e.get("prev_attempt") or ""),
                    "prev_decided_hash": e.get("prev_decided_hash"), "prev_decided_source": e.get("prev_decided_source"),
                    "prev_stale_from": e.get("prev_stale_from"), "at": float(e.get("at") or 0), "actor": e.get("actor", "")})
    if not new:
        return
    report.history_added += len(new)
    # the unit's history in time order (ids are only an order): undo walks back the latest first
    merged = sorted(rows + new, key=lambda r: (float(r["at"]), r.get("id") or 0))
    db.execute("DELETE FROM history WHERE unit_id=?", (uid,))
    for r in merged:
        db.execute(f"INSERT INTO history ({cols}) VALUES ({', '.join('?' for _ in _HISTORY_COLS[1:])})",
                   tuple(r[c] for c in _HISTORY_COLS[1:]))


# ---- git ---------------------------------------------------------------------------------------


def _run(repo: git.Repo, *args: str, input: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=str(repo.working_tree_dir or repo.git_dir), capture_output=True, input=input, env=env)


def _check(proc: subprocess.CompletedProcess[bytes], what: str) -> str:
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip()
        raise BranchError(f"{what} failed: {err.splitlines()[-1] if err else proc.returncode}")
    return proc.stdout.decode("utf-8", "replace").strip()


def read_review(repo: git.Repo, commit: str | None) -> dict | None:
    data = file_at(repo, commit, DOC)
    if data is None:
        return None
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BranchError(f"{DOC} in review commit {commit[:10] if commit else ''} is not valid JSON") from None
    return doc if isinstance(doc, dict) else None


def _is_ancestor(repo: git.Repo, a: str, b: str) -> bool:
    return _run(repo, "merge-base", "--is-ancestor", a, b).returncode == 0


def save_review(repo: git.Repo, session: Session, parents: list[str] | None = None) -> str:
    """Record the session as a new commit on refs/gotui/review (unless nothing changed); its sha."""
    local = resolve_commit(repo, REVIEW_REF)
    parents = [p for p in dict.fromkeys(parents if parents is not None else ([local] if local else [])) if p]
    doc = export_review(session)
    payload = (json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    if local is not None and parents == [local] and file_at(repo, local, DOC) == payload:
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
    return resolve_commit(repo, tracking_ref(remote))


def pull_review(repo: git.Repo, session: Session, remote: str = "origin") -> MergeReport:
    """Fetch the remote's review and merge it into the session; records the sync on refs/gotui/review."""
    theirs = fetch_review(repo, remote)
    for attempt in range(RETRIES):
        ours = resolve_commit(repo, REVIEW_REF)
        if theirs is None or (ours is not None and _is_ancestor(repo, theirs, ours)):
            return MergeReport(remote=remote, commit=theirs, up_to_date=True)
        base_commit = _check(_run(repo, "merge-base", ours, theirs), "git merge-base") if ours else None
        doc = read_review(repo, theirs)
        if doc is None:
            raise BranchError(f"{remote}'s {REVIEW_REF} has no {DOC}: not a gotui review")
        report = import_review(session, doc, read_review(repo, base_commit) if base_commit else None)
        report.remote, report.commit = remote, theirs
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
