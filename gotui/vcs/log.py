"""`gotui log`: the migration branch's commits, with the units each one carried."""

from __future__ import annotations

import re
import subprocess

from gotui.vcs.gitlib import git

from gotui.vcs.branch import BranchError, branch_name, git_command, resolve_commit

_UNIT_LINE = re.compile(r"^- (?P<id>\S.*?::\S+) \((?P<state>[\w-]+)(?:, check (?P<check>[^)]*))?\)\s*$")
_TRAILER = re.compile(r"^(?P<key>Gotui-[\w-]+):\s*(?P<value>.*)$")


def parse_message(message: str) -> tuple[list[dict], dict[str, list[str]]]:
    """(units [{id, state, check}], trailers {Gotui-Key: [values]}) from a gotui commit message."""
    units: list[dict] = []
    trailers: dict[str, list[str]] = {}
    for line in message.splitlines():
        m = _UNIT_LINE.match(line)
        if m:
            units.append({"id": m.group("id"), "state": m.group("state"), "check": m.group("check")})
            continue
        t = _TRAILER.match(line)
        if t:
            trailers.setdefault(t.group("key"), []).append(t.group("value").strip())
    return units, trailers


def commit_log(repo: git.Repo, branch: str, limit: int | None = None) -> list[dict]:
    """The branch's commits since its first gotui commit, newest first (first-parent history).

    Each entry: {commit, author, date (ISO 8601), summary, message, units: [{id, state, check}],
    gotui (whether gotui made it), trailers}. Commits others made on the branch are listed too,
    with no units.
    """
    branch = branch_name(branch)
    tip = resolve_commit(repo, f"refs/heads/{branch}")
    if tip is None:
        raise BranchError(f"no branch {branch} yet: gotui commit creates it")
    cwd = str(repo.working_tree_dir or repo.git_dir)
    ours = subprocess.run(git_command("rev-list", "--first-parent", "--grep=^Gotui-", tip), cwd=cwd, capture_output=True, text=True)
    shas = ours.stdout.split()
    if ours.returncode != 0 or not shas:
        return []
    oldest = shas[-1]
    has_parent = subprocess.run(git_command("rev-parse", "-q", "--verify", f"{oldest}^"), cwd=cwd, capture_output=True).returncode == 0
    span = [f"{oldest}^..{tip}"] if has_parent else [tip]
    args = git_command("log", "--first-parent", "--format=%H%x00%an <%ae>%x00%aI%x00%B%x00%x01")
    if limit is not None:
        args.append(f"-n{int(limit)}")
    proc = subprocess.run(args + span, cwd=cwd, capture_output=True)
    if proc.returncode != 0:
        raise BranchError(f"git log failed: {proc.stderr.decode(errors='replace').strip()}")
    entries = []
    gotui_shas = set(shas)
    for record in proc.stdout.decode("utf-8", "replace").split("\x01"):
        record = record.lstrip("\n")
        if not record:
            continue
        sha, author, date, message = (record.split("\x00") + ["", "", ""])[:4]
        units, trailers = parse_message(message)
        entries.append({
            "commit": sha, "author": author, "date": date, "summary": message.split("\n", 1)[0],
            "message": message.rstrip("\n") + "\n", "units": units, "gotui": sha in gotui_shas, "trailers": trailers,
        })
    return entries
