"""The child side of the Python sandbox: run one module's functions on given inputs, under limits.

Started as `python -I <this file>` in a scratch folder with a JSON job on stdin; answers with JSON
lines on a private copy of stdout. It imports nothing of gotui: it sees the user's code and the
standard library only. Limits: CPU seconds and address space (setrlimit), a wall timer per call,
no file writes, no sockets, no processes (an audit hook plus a patched socket.socket).
"""

import collections
import enum
import io
import importlib
import json
import operator
import os
import resource
import signal
import sys
import time


class SandboxStop(BaseException):
    """A call was stopped by the sandbox. BaseException, so `except Exception` in user code lets it through."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class SandboxViolation(PermissionError):
    pass


_violations = []
_guard = False
_BLOCKED = {
    "socket.__new__": "opens a socket", "socket.connect": "connects to the network", "socket.bind": "binds a socket",
    "socket.getaddrinfo": "resolves a host name", "socket.gethostbyname": "resolves a host name",
    "socket.sendto": "sends on the network", "subprocess.Popen": "starts a process", "os.system": "runs a shell command",
    "os.exec": "replaces the process", "os.posix_spawn": "starts a process", "os.spawn": "starts a process",
    "os.fork": "forks the process", "os.forkpty": "forks the process", "os.kill": "sends a signal", "os.killpg": "sends a signal",
    "os.remove": "deletes a file", "os.rmdir": "deletes a folder", "os.rename": "renames a file", "os.mkdir": "creates a folder",
    "os.chmod": "changes file modes", "os.chown": "changes file owners", "os.truncate": "truncates a file",
    "os.symlink": "creates a link", "os.link": "creates a link", "os.utime": "changes file times", "shutil.rmtree": "deletes a folder",
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _audit(event, args):
    if not _guard:
        return
    reason = None
    if event == "open":
        path, mode, flags = (tuple(args) + (None, None, None))[:3]
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & _WRITE_FLAGS)
        if writes:
            reason = f"writes a file ({path})"
    elif event in _BLOCKED:
        reason = _BLOCKED[event]
    if reason is not None:
        _violations.append(reason)
        raise SandboxViolation(f"gotui sandbox: {reason}")


def _no_network(*args, **kwargs):
    _violations.append("opens a socket")
    raise SandboxViolation("gotui sandbox: opens a socket")


def _block_network():
    import socket

    class _Socket(socket.socket):
        def __init__(self, *args, **kwargs):
            _no_network()

    socket.socket = _Socket
    socket.create_connection = _no_network
    socket.socketpair = _no_network
    socket.fromfd = _no_network


# ---- values: tagged JSON, so tuples, int keys, big ints and nan survive -----------------------


class NotData(Exception):
    pass


class Unset:
    """An attribute the object does not have yet (a slot or attribute only a later method sets): the
    translated struct holds its field's zero value then (the translator's note says so), which is
    what it is compared with."""

    __slots__ = ()

    def __repr__(self):
        return "<unset>"


UNSET = Unset()


class Record(tuple):
    """A NamedTuple's value as the checker makes and writes it (its class's name and its items): the
    child builds the real instance before the call (`instance`), Go writes `NewName(items...)`."""

    def __new__(cls, name, items):
        self = super().__new__(cls, items)
        self.name = name
        return self

    def __repr__(self):
        return f"{self.name}{tuple.__repr__(self)}"

    def __eq__(self, other):
        return isinstance(other, Record) and self.name == other.name and tuple.__eq__(self, other)

    def __hash__(self):
        return hash((self.name, tuple(self)))


# A binary special method is what its operator does: `a < b` tries `b.__gt__(a)` when `a.__lt__(b)` returns
# NotImplemented, then raises TypeError. The translated Go method (`Less`) stands for the operator, so the
# Python side is called through it too, not as `a.__lt__(b)`, whose NotImplemented is no answer.
_OPERATORS = {"__lt__": operator.lt, "__le__": operator.le, "__gt__": operator.gt, "__ge__": operator.ge,
              "__eq__": operator.eq, "__ne__": operator.ne, "__add__": operator.add, "__sub__": operator.sub,
              "__mul__": operator.mul, "__truediv__": operator.truediv, "__floordiv__": operator.floordiv,
              "__mod__": operator.mod, "__pow__": operator.pow, "__and__": operator.and_, "__or__": operator.or_,
              "__xor__": operator.xor, "__lshift__": operator.lshift, "__rshift__": operator.rshift, "__matmul__": operator.matmul}


class Member:
    """An enum member as the checker makes and writes it (its class's name and its own): the child takes
    the real member before the call (`instance`), Go names its package variable."""

    __slots__ = ("cls", "member")

    def __init__(self, cls, member):
        self.cls, self.member = cls, member

    def __repr__(self):
        return f"{self.cls}.{self.member}"

    def __eq__(self, other):
        return isinstance(other, Member) and (self.cls, self.member) == (other.cls, other.member)

    def __hash__(self):
        return hash((self.cls, self.member))

    def __lt__(self, other):  # an order for writing a set or a dict of them deterministically, no more
        return (self.cls, self.member) < (other.cls, other.member)


class Obj:
    """An instance of a class of the package as the checker makes and writes it (its class's name and
    its attributes, from a traced argument's state): the child builds the real object before the call
    (`instance`: the class's `__new__`, then each attribute set), Go writes the struct literal. `go`
    holds what the Go side needs (check.py binds it: the literal's fields); it is not sent to the child."""

    __slots__ = ("cls", "attrs", "go")

    def __init__(self, cls, attrs):
        self.cls, self.attrs, self.go = cls, tuple(sorted(attrs.items())), None

    def __repr__(self):
        return f"{self.cls}({', '.join(f'{k}={v!r}' for k, v in self.attrs)})"

    def __eq__(self, other):
        return isinstance(other, Obj) and (self.cls, self.attrs) == (other.cls, other.attrs)

    def __hash__(self):
        return hash((self.cls, repr(self.attrs)))


def _any_class(c):
    return isinstance(c, type)


def _enum_class(c):
    return isinstance(c, type) and issubclass(c, enum.Enum)


def instance(value, module):
    """A Record as an instance of the NamedTuple class of its name, a Member as the member of the enum of
    its name: the unit's module's, else the only one among the loaded modules of its package; other
    values as they are."""
    if isinstance(value, Member):
        return _package_class(module, value.cls, _enum_class)[value.member]
    if isinstance(value, Obj):  # built as a copy is: no __init__, the traced state set as it was
        cls = _package_class(module, value.cls, _any_class)
        obj = cls.__new__(cls)
        for name, v in value.attrs:
            object.__setattr__(obj, name, instance(v, module))
        return obj
    if isinstance(value, list):  # the members of a list, a tuple, a dict too (`suppress: Iterable[Unit]`)
        return [instance(v, module) for v in value]
    if isinstance(value, tuple) and not isinstance(value, Record):
        return tuple(instance(v, module) for v in value)
    if isinstance(value, dict) and not isinstance(value, collections.OrderedDict):
        return {instance(k, module): instance(v, module) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return {instance(v, module) for v in value}
    if not isinstance(value, Record):
        return value
    return _package_class(module, value.name, _namedtuple_class)(*value)


def _package_class(module, name, kind):
    """The class `name` of that kind: the module's own, else the only one in its package's loaded modules."""
    cls = getattr(module, name, None)
    if not kind(cls):
        top = module.__name__.split(".")[0]
        found = {c for m in list(sys.modules.values()) if getattr(m, "__name__", "").split(".")[0] == top
                 for c in [getattr(m, name, None)] if kind(c)}
        if len(found) != 1:
            raise LookupError(f"no one class {name} of that kind in the package")
        cls = found.pop()
    return cls


def _namedtuple_class(c):
    return isinstance(c, type) and issubclass(c, tuple) and hasattr(c, "_fields")


def encode(v, depth=0):
    if depth > 50:
        raise NotData("nested too deep")
    if v is UNSET:
        return {"unset": ""}
    if isinstance(v, Record):
        return {"record": [v.name, [encode(x, depth + 1) for x in v]]}
    if isinstance(v, Member):
        return {"member": [v.cls, v.member]}
    if isinstance(v, Obj):
        return {"object": [v.cls, [[k, encode(x, depth + 1)] for k, x in v.attrs]]}
    if _enum_class(type(v)) and not isinstance(v, (int, str)):  # a member of a plain Enum: by its class and name
        return {"member": [type(v).__name__, v.name]}
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"int": int.__repr__(v)}  # an IntEnum's own str() would not be digits
    if isinstance(v, float):
        return {"float": float.__repr__(v)}
    if isinstance(v, list):
        return {"list": [encode(x, depth + 1) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [encode(x, depth + 1) for x in v]}
    if isinstance(v, collections.OrderedDict):  # its order is part of it: not a dict's
        return {"odict": [[encode(k, depth + 1), encode(x, depth + 1)] for k, x in v.items()]}
    if isinstance(v, dict):
        return {"dict": [[encode(k, depth + 1), encode(x, depth + 1)] for k, x in v.items()]}
    if isinstance(v, (set, frozenset)):
        return {"set": [encode(x, depth + 1) for x in v]}
    raise NotData(type(v).__name__)


def decode(v):
    if isinstance(v, dict):
        (tag, x), = v.items()
        if tag == "int":
            return int(x)
        if tag == "float":
            return float(x)
        if tag == "list":
            return [decode(i) for i in x]
        if tag == "tuple":
            return tuple(decode(i) for i in x)
        if tag == "dict":
            return {decode(k): decode(i) for k, i in x}
        if tag == "set":
            return {decode(i) for i in x}
        if tag == "odict":
            return collections.OrderedDict((decode(k), decode(i)) for k, i in x)
        if tag == "unset":
            return UNSET
        if tag == "record":
            return Record(x[0], [decode(i) for i in x[1]])
        if tag == "member":
            return Member(x[0], x[1])
        if tag == "object":
            return Obj(x[0], {k: decode(i) for k, i in x[1]})
    return v


# ---- limits ---------------------------------------------------------------------------------


def _cpu_used():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _on_alarm(signum, frame):
    raise SandboxStop("timeout")


def _on_xcpu(signum, frame):
    raise SandboxStop("cpu")


def _set_cpu(seconds, hard):
    soft = min(hard, int(_cpu_used() + seconds) + 1)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass


def _collected(fn):
    def run(*a, **k):
        return list(fn(*a, **k))
    return run


def _rebuilt(cls, attrs):
    """An instance of cls with these attributes, made without running __init__ (slots included)."""
    obj = cls.__new__(cls)
    for name, value in attrs.items():
        object.__setattr__(obj, name, value)
    return obj


class Runner:
    def __init__(self, job, out):
        self.job = job
        self.out = out
        self.timeout = float(job.get("timeout", 2.0))
        self.cpu_hard = int(job.get("cpu_total", 300))
        self.memory_mb = int(job.get("memory_mb", 2048))

    def send(self, **msg):
        self.out.write(json.dumps(msg) + "\n")
        self.out.flush()

    def call(self, fn, args, kwargs, timeout):
        """("ok", value) | ("raise", type, message) | ("stop", reason) for one call under the limits."""
        global _guard
        _violations.clear()
        sys.stdout = io.StringIO()  # print() output is not compared; keep it off the protocol
        try:
            try:
                _set_cpu(timeout, self.cpu_hard)
                signal.setitimer(signal.ITIMER_REAL, timeout)
                _guard = True
                try:
                    result = ("ok", fn(*args, **kwargs))
                finally:
                    _guard = False
                    signal.setitimer(signal.ITIMER_REAL, 0)
            except SandboxStop as stop:
                result = ("stop", f"did not finish within {timeout:g} s" if stop.reason == "timeout" else
                          f"used more than {timeout:g} s of CPU")
            except MemoryError:
                result = ("stop", f"allocates without bound (MemoryError at the {self.memory_mb} MiB limit)")
            except RecursionError:
                result = ("stop", "recursion too deep")
            except SystemExit:
                result = ("stop", "side effects: exits the process (sys.exit)")
            except KeyboardInterrupt:
                result = ("stop", "interrupted")
            except BaseException as exc:  # the function raised: Go must return an error or panic
                result = ("raise", type(exc).__name__, str(exc)[:300])
        except SandboxStop:  # the timer fired between the call's end and its reset
            _guard = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            result = ("stop", f"did not finish within {timeout:g} s")
        if _violations:
            result = ("stop", "side effects: " + _violations[0])
        return result

    def run_unit(self, module, unit):
        uid = unit["id"]
        self.send(event="start", unit=uid)
        fn = fn_owner = module
        try:
            for part in unit["attr"].split("."):
                fn_owner, fn = fn, getattr(fn, part)
        except AttributeError:
            self.send(event="abandon", unit=uid, reason=f"{unit['attr']} is not in the module")
            return
        names, kwonly = unit["names"], set(unit.get("kwonly", []))
        ctor = unit.get("ctor")  # a method: the first `ctor` values build the receiver
        ctor = int(ctor) if ctor is not None else None
        method = unit["attr"].rsplit(".", 1)[-1]
        collect = bool(unit.get("collect"))  # an iterator: its values, run to the end within the time limit
        if collect and ctor is None:
            fn = _collected(fn)
        stops = 0
        raised = 0
        ok_cases = []
        for i, enc in enumerate(unit["cases"]):
            try:
                values = [instance(decode(v), module) for v in enc]
            except LookupError as exc:
                self.send(event="abandon", unit=uid, reason=str(exc))
                return
            call_names, call_values = names[ctor or 0:], values[ctor or 0:]
            args = [v for n, v in zip(call_names, call_values) if n not in kwonly]
            kwargs = {n: v for n, v in zip(call_names, call_values) if n in kwonly}
            if ctor is not None:
                # the receiver: a traced one (the object as it was, rebuilt without running __init__) or
                # one the constructor builds; a @property getter is read on it, a method called
                cls, receiver = fn_owner, values[:ctor]
                state = dict(zip(names[:ctor], receiver)) if unit.get("state") else None
                for name in unit.get("kept") or ():  # a @cached_property not read yet on this receiver
                    if state is not None and state.get(name) is None:
                        del state[name]
                prop, after = unit.get("prop") or "", bool(unit.get("after"))

                def on_receiver(*a, **k):
                    obj = _rebuilt(cls, state) if state is not None else cls(*receiver)
                    if prop == "set":
                        setattr(obj, method, *a)
                    elif method in _OPERATORS and len(a) == 1 and not k and not prop:
                        result = _OPERATORS[method](obj, a[0])
                        if not after:
                            return result
                    else:
                        member = getattr(obj, method)
                        result = member if prop == "get" else member(*a, **k)
                        if not after:
                            return list(result) if collect else result
                    # a method that returns nothing: what it did to the receiver is its result
                    return tuple(getattr(obj, name, UNSET) for name in names[:ctor])

                result = self.call(on_receiver, args, kwargs, self.timeout)
            else:
                result = self.call(fn, args, kwargs, self.timeout)
            attrs = unit.get("attrs")
            if attrs and result[0] == "ok":  # an instance of the package's class: read back as its attributes
                try:
                    values = tuple(getattr(result[1], a, UNSET) for a in attrs)
                    result = ("ok", values if len(values) > 1 else values[0])
                except Exception as exc:  # noqa: BLE001 - an attribute missing: compared as a raise
                    result = ("raise", type(exc).__name__, str(exc)[:200])
            exc_of = unit.get("exc_of")
            if exc_of is not None and result[0] == "ok":  # an exception class: its text and what catches it
                try:
                    catches = "".join(f"{n}," for n in exc_of if isinstance(result[1], getattr(module, n)))
                    result = ("ok", f"{result[1]}|{catches}")
                except Exception as exc:  # noqa: BLE001 - its __str__ raised: compared as a raise
                    result = ("raise", type(exc).__name__, str(exc)[:200])
            if result[0] == "ok":
                try:
                    text = json.dumps(encode(result[1]))
                except NotData as exc:
                    self.send(event="abandon", unit=uid, reason=f"returns {exc}, not data (input #{i})")
                    return
                except (ValueError, RecursionError):
                    text = None
                if text is None or len(text) > 1_000_000:
                    self.send(event="case", unit=uid, i=i, kind="stop", reason="result too large")
                    continue
                self.send(event="case", unit=uid, i=i, kind="ok", value=json.loads(text))
                ok_cases.append((args, kwargs))
            elif result[0] == "raise":
                self.send(event="case", unit=uid, i=i, kind="raise", exc=result[1], msg=result[2])
                raised += 1
            else:
                self.send(event="case", unit=uid, i=i, kind="stop", reason=result[1])
                stops += 1
                hopeless = stops >= 2 and not ok_cases and not raised  # nothing has worked: stop wasting time
                if result[1].startswith("side effects") or hopeless or stops >= int(self.job.get("max_stops", 3)):
                    self.send(event="abandon", unit=uid, reason=result[1])
                    return
        if unit.get("bench") and ok_cases:
            if ctor is None:  # a method's bench would need its receiver: not timed
                self.bench(uid, fn, ok_cases)
        self.send(event="done", unit=uid)

    def bench(self, uid, fn, cases):
        """Nanoseconds for one pass over the cases, timed like timeit: grow the loop until it takes 0.1 s."""
        n = 1
        while True:
            def loop():
                for _ in range(n):
                    for args, kwargs in cases:
                        fn(*args, **kwargs)
                return None

            start = time.perf_counter_ns()
            result = self.call(loop, [], {}, max(self.timeout * 4, 5.0))
            elapsed = time.perf_counter_ns() - start
            if result[0] != "ok":
                return
            if elapsed >= 100_000_000 or n >= 1 << 22:
                self.send(event="bench", unit=uid, ns=elapsed / n)
                return
            n = max(n * 2, int(n * 0.125e9 / max(elapsed, 1)))


def main():
    job = json.loads(sys.stdin.read())
    # the protocol goes to a private copy of stdout; the function's own fd 0/1 lead nowhere
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    runner = Runner(job, out)
    mem = runner.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (runner.cpu_hard, runner.cpu_hard + 5))
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # a write that slips past the hook still fails
    except (ValueError, OSError):
        pass
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.signal(signal.SIGXCPU, _on_xcpu)
    sys.dont_write_bytecode = True
    _block_network()
    sys.addaudithook(_audit)
    sys.path[:0] = job["sys_path"]
    module = _import_fresh(runner, job, first=True)
    if module is None:
        return
    runner.send(event="ready")
    for n, unit in enumerate(job["units"]):
        # every unit after the first gets the module as a fresh import: what one unit's Python put in a
        # module-level list or dict (a registry, a cache) must not change another unit's answers
        if n and module is not None:
            module = _import_fresh(runner, job)
        if module is None:
            runner.send(event="abandon", unit=unit["id"], reason="the module could not be imported again")
            continue
        runner.run_unit(module, unit)
    runner.send(event="end")


def _import_fresh(runner, job, first=False):
    """Import the unit's module; unless `first`, drop every module of the project under test first."""
    global _guard
    if not first:
        roots = tuple(os.path.join(os.path.realpath(p), "") for p in job["sys_path"])
        for name, mod in list(sys.modules.items()):
            where = getattr(mod, "__file__", None)
            if where and os.path.realpath(where).startswith(roots):
                del sys.modules[name]
        importlib.invalidate_caches()
    _guard = True  # importing must not write, connect or start anything either
    try:
        signal.setitimer(signal.ITIMER_REAL, float(job.get("import_timeout", 20)))
        module = importlib.import_module(job["module"])
        signal.setitimer(signal.ITIMER_REAL, 0)
    except BaseException as exc:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _guard = False
        why = ("side effects at import: " + _violations[0]) if _violations else f"{type(exc).__name__}: {exc}"
        if first:
            runner.send(event="import_error", error=why[:500])
        return None
    _guard = False
    return module

if __name__ == "__main__":
    main()
