"""Runs first inside the jail (gotui's own interpreter, `-I -S`), then becomes the jailed program.

    python -I -S _jail_init.py SPEC_JSON -- PROGRAM [ARG...]

SPEC: {"env": {...}, "rlimits": {"RLIMIT_AS": [soft, hard], ...}, "cwd": "...",
       "mounts": {"writable": [...], "readable": [...], "private": ["/tmp", "/run"]} or null}.
With "mounts" (the `unshare` mode, where no tool sets up the file system), each private folder
gets an empty tmpfs (the writable and readable folders inside it are bound back from file
descriptors opened before), then every mount is remounted read-only except the writable folders,
each bound onto itself first. Any failure there ends the run with exit 125 (fail closed), never a
program running with more access than asked. Standard library only: it runs before anything else.
"""

import ctypes
import json
import os
import resource
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC = 32, 4096, 16384
MS_NOATIME, MS_NODIRATIME, MS_RELATIME, MS_STRICTATIME = 1024, 2048, 1 << 21, 1 << 24
# flags the kernel locks on mounts inherited into a user namespace: a remount must keep them
_KEEP = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC, "noatime": MS_NOATIME,
         "nodiratime": MS_NODIRATIME, "relatime": MS_RELATIME, "strictatime": MS_STRICTATIME}


def _fail(what):
    sys.stderr.write(f"gotui jail: {what}\n")
    os._exit(125)


def _unescape(path):
    return path.encode().decode("unicode_escape")  # mountinfo writes space as \040


def _mount(libc, src, target, flags):
    if libc.mount(src.encode(), target.encode(), None, flags, None) != 0:
        return os.strerror(ctypes.get_errno())
    return None


def _private(libc, private, needed):
    """An empty tmpfs on each private folder; the `needed` folders inside come back as they were."""
    for top in private:
        if not os.path.isdir(top) or os.path.islink(top):
            continue
        inside = sorted({p for p in needed if p == top or p.startswith(top.rstrip("/") + "/")}, key=len)
        # a folder inside another needed one comes back with it: binding it separately could leave a
        # mount shadowed by its parent's bind, which then cannot be made read-only (a clone under /tmp)
        inside = [p for p in inside if not any(q != p and p.startswith(q.rstrip("/") + "/") for q in inside)]
        fds = {p: os.open(p, os.O_PATH | os.O_DIRECTORY) for p in inside}
        if libc.mount(b"tmpfs", top.encode(), b"tmpfs", 0, b"mode=0755") != 0:
            _fail(f"cannot hide {top}: {os.strerror(ctypes.get_errno())}")
        for p, fd in fds.items():
            os.makedirs(p, exist_ok=True)
            err = _mount(libc, f"/proc/self/fd/{fd}", p, MS_BIND | MS_REC)
            if err:
                _fail(f"cannot bind {p} back: {err}")
            os.close(fd)


def _read_only_except(mounts):
    libc = ctypes.CDLL(None, use_errno=True)
    writable = mounts["writable"]
    _private(libc, mounts.get("private", []), [*writable, *mounts.get("readable", [])])
    for folder in writable:
        err = _mount(libc, folder, folder, MS_BIND | MS_REC)
        if err:
            _fail(f"cannot bind {folder}: {err}")
    keep = set(writable)
    with open("/proc/self/mountinfo") as fh:
        mounts = [line.split() for line in fh]
    for fields in mounts:
        point, options = _unescape(fields[4]), fields[5].split(",")
        if point in keep or any(point.startswith(w.rstrip("/") + "/") for w in keep):
            continue
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY
        for opt in options:
            flags |= _KEEP.get(opt, 0)
        err = _mount(libc, "none", point, flags)
        # pseudo file systems below /proc and /sys may refuse; anything else must be read-only
        if err and not point.startswith(("/proc/", "/sys/")):
            _fail(f"cannot make {point} read-only: {err}")


PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 24, 38, 47, 4


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _drop_privileges(strict):
    """No capabilities now or after exec, no setuid gains: the program cannot undo the mounts
    (remount read-write) or use root's powers, even when gotui runs as root. `strict` (the
    unshare mode, where nothing else drops them): refuse to run when any remain."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    for cap in range(64):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() == 22:  # EINVAL: past the last
            break
    no_new_privs = libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
    dropped = libc.capset(ctypes.byref(_CapHeader(0x20080522, 0)), (_CapData * 2)()) == 0  # version 3: all zero
    if not strict:
        return
    if not (no_new_privs and dropped):
        _fail("cannot drop capabilities")
    with open("/proc/self/status") as fh:
        status = dict(line.split(":", 1) for line in fh if ":" in line)
    caps = {k: int(status.get(k, "0").strip() or "0", 16) for k in ("CapEff", "CapPrm", "CapBnd")}
    if caps["CapEff"] or caps["CapPrm"] or (os.geteuid() == 0 and caps["CapBnd"]):
        _fail("capabilities remain: " + ", ".join(f"{k}={v:x}" for k, v in caps.items()))


def main():
    spec = json.loads(sys.argv[1])
    argv = sys.argv[3:]
    if spec.get("mounts") is not None:
        _read_only_except(spec["mounts"])
    if sys.platform.startswith("linux"):  # the `none` mode also runs on macOS: no prctl there
        _drop_privileges(strict=spec.get("mounts") is not None)
    for name, (soft, hard) in spec.get("rlimits", {}).items():
        which = getattr(resource, name)
        _, cur_hard = resource.getrlimit(which)
        if cur_hard != resource.RLIM_INFINITY:  # never above what gotui itself was given
            hard = cur_hard if hard < 0 else min(hard, cur_hard)
            soft = hard if soft < 0 else min(soft, hard)
        try:
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError) as exc:
            _fail(f"cannot set {name}: {exc}")
    if spec.get("cwd"):
        os.chdir(spec["cwd"])
    try:
        os.execve(argv[0], argv, spec.get("env", {}))
    except OSError as exc:
        _fail(f"cannot run {argv[0]}: {exc.strerror}")


if __name__ == "__main__":
    main()
