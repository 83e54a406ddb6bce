"""The tracer `gotui trace` injects into the traced command as `sitecustomize` (standard library only).

It must run in whatever interpreter the project's command uses, so it imports nothing of gotui.
`sys.settrace` gives a `call` event per new frame; only frames whose file lies under
GOTUI_TRACE_ROOT get a local tracer, with line events off, so other code runs almost untraced.
Per function it keeps a call count, the type of every argument and of the result, and a bounded,
de-duplicated sample of real arguments (and `self`'s state), copied at call time and made
JSON-safe. What it has is written to GOTUI_TRACE_OUT every couple of seconds and at exit, so a
command that hangs or is killed keeps the traces gathered so far.
"""

import atexit
import collections
import enum
import itertools
import json
import os
import signal
import sys
import threading

ROOT = os.path.realpath(os.environ.get("GOTUI_TRACE_ROOT", "/nonexistent")) + os.sep  # paths are relative to it
ONLY = os.path.realpath(os.environ.get("GOTUI_TRACE_ONLY", ROOT))  # a file or folder: what is traced
OUT = os.environ.get("GOTUI_TRACE_OUT", "")
MAX_SAMPLES = int(os.environ.get("GOTUI_TRACE_SAMPLES", "20"))
MAX_TYPES = 8
FULL_CALLS = 500  # calls of a function looked at whole before its looks thin out
SAMPLE_CALLS = 200  # calls of a function that each look for a new sample; then every 64th does
MAX_ITEMS = 20  # elements kept of a list, dict or str sample
MAX_RECORD = MAX_ITEMS  # a longer tuple is typed as a sequence, tuple[T, ...], from items spread over it
MAX_DEPTH = 4

_units = {}  # (file, firstline) -> record
# co_filename -> False (nothing in it is traced) or {id(code): record or False}. A code object's
# own hash is not cached and walks its constants (about 0.3 us, on every call of every frame in the
# process); a file name's is cached, and _kept keeps each code alive so its id stays its own.
_files = {}
_kept = []
_lock = threading.Lock()


def _type_name(value, depth=0):
    t = type(value)
    if value is None:
        return "None"
    if t in (bool, int, float, str, bytes):
        return t.__name__
    if depth >= 3:
        return "Any"
    if t in (list, set, frozenset):
        head = "list" if t is list else "set"
        elems = {_type_name(v, depth + 1) for v in _spread(value)}
        return f"{head}[{elems.pop()}]" if len(elems) == 1 else f"{head}[Any]" if elems else f"{head}[?]"
    if t is tuple and len(value) > MAX_RECORD:  # a table (wcwidth's ranges), not a record: its items' one type
        elems = {_type_name(v, depth + 1) for v in _spread(value)}
        return f"tuple[{elems.pop() if len(elems) == 1 else 'Any'}, ...]"
    if t is tuple:
        return "tuple[" + ", ".join(_type_name(v, depth + 1) for v in value) + "]" if value else "tuple[()]"
    if t is dict or t is collections.OrderedDict:  # an OrderedDict by its own name: its order is its point
        head = "dict" if t is dict else "OrderedDict"
        items = list(itertools.islice(value.items(), MAX_ITEMS))
        if not items:
            return f"{head}[?, ?]"
        keys = {_type_name(k, depth + 1) for k, _ in items}
        vals = {_type_name(v, depth + 1) for _, v in items}
        return f"{head}[{keys.pop() if len(keys) == 1 else 'Any'}, {vals.pop() if len(vals) == 1 else 'Any'}]"
    return t.__name__


def _spread(value):
    """At most MAX_ITEMS elements of a list or tuple (spread over all of it: a long table's first rows may
    all have one shape and its last another, as idna's segments do) or of a set, without copying it whole."""
    if type(value) in (list, tuple):
        return value[::max(1, -(-len(value) // MAX_ITEMS))]
    return itertools.islice(value, MAX_ITEMS)


def _utf8(text):
    """Whether a str has a UTF-8 form (not one with a lone surrogate, as `surrogateescape` makes of bad bytes)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _safe(value, depth=0):
    """A JSON-safe copy, or {"__type__": name} for what cannot be copied faithfully."""
    t = type(value)
    if t is str:
        return value[:200] if _utf8(value) else {"__type__": "str"}  # a lone surrogate: no UTF-8 (nor Go) string
    if value is None or t in (bool, int):
        return value
    if t is float:
        return value if value == value and value not in (float("inf"), float("-inf")) else {"__float__": repr(value)}
    if depth >= MAX_DEPTH:
        return {"__type__": _type_name(value)}
    if t in (list, tuple):
        return {"__tuple__": [_safe(v, depth + 1) for v in value[:MAX_ITEMS]]} if t is tuple else [_safe(v, depth + 1) for v in value[:MAX_ITEMS]]
    if isinstance(value, tuple) and isinstance(getattr(t, "_fields", None), tuple) and len(value) <= MAX_ITEMS:
        # a NamedTuple (IntegerRGB(255, 0, 0)): its class's name and its items, whole
        return {"__record__": [t.__name__, [_safe(v, depth + 1) for v in value]]}
    if isinstance(value, enum.Enum) and not isinstance(value, (int, str)):
        # a member of a plain Enum: its class and its name, which name it whole
        return {"__enum__": [t.__name__, value.name]}
    if t is dict and all(type(k) is str and _utf8(k) for k in value):
        return {"__dict__": {k: _safe(v, depth + 1) for k, v in list(value.items())[:MAX_ITEMS]}}
    if t is collections.OrderedDict and len(value) <= MAX_ITEMS and all(type(k) in (str, int, float, bool, tuple) for k in value):
        # its order is part of it (an LRU list): the pairs in order, whole or not at all
        return {"__odict__": [[_safe(k, depth + 1), _safe(v, depth + 1)] for k, v in value.items()]}
    if t is dict and len(value) <= MAX_ITEMS and all(type(k) in (int, float, bool, tuple) for k in value):
        # other keys (ints, tuples): as pairs, so a receiver's table is rebuilt whole (a cut table is not)
        return {"__items__": [[_safe(k, depth + 1), _safe(v, depth + 1)] for k, v in value.items()]}
    return {"__type__": _type_name(value)}


def _state(obj):
    """`self`'s attributes at call time, JSON-safe (slots included)."""
    try:
        attrs = dict(vars(obj))
    except TypeError:
        attrs = {}
    attrs.pop("__orig_class__", None)  # typing's `Cache[int, int](...)` sets it: the alias, no state of the object
    for cls in type(obj).__mro__:
        for name in getattr(cls, "__slots__", ()) if not isinstance(getattr(cls, "__slots__", ()), str) else (cls.__slots__,):
            if name not in attrs and hasattr(obj, name):
                attrs[name] = getattr(obj, name)
    return {"__class__": type(obj).__name__, "attrs": {k: _safe(v, 1) for k, v in list(attrs.items())[:MAX_ITEMS]}}


_OWN_CLASSES = {}


def _own_class(t):
    """Whether `t` is a class defined in what is traced (the package's own): an instance of one passed
    as an argument is copied by its state, as `self` is (the check rebuilds it on both sides)."""
    found = _OWN_CLASSES.get(t)
    if found is None:
        module = sys.modules.get(getattr(t, "__module__", ""), None)
        path = getattr(module, "__file__", None)
        found = bool(path) and _under_only(os.path.realpath(path)) and not issubclass(t, (BaseException, enum.Enum, tuple))
        _OWN_CLASSES[t] = found
    return found


def _arg_safe(value):
    """An argument JSON-safe: `_safe`'s copy, or an instance of the package's own class by its state
    ({"__object__": [class name, attributes]}) where `_safe` keeps only its type."""
    out = _safe(value)
    if isinstance(out, dict) and "__type__" in out and _own_class(type(value)):
        state = _state(value)
        return {"__object__": [state["__class__"], state["attrs"]]}
    return out


def _under_only(path):
    return path == ONLY or path.startswith(ONLY.rstrip(os.sep) + os.sep)


def _record(code):
    key = (code.co_filename, code.co_firstlineno)
    rec = _units.get(key)
    if rec is None:
        rec = _units[key] = {"path": os.path.relpath(os.path.realpath(code.co_filename), ROOT[:-1]),
                             "qualname": getattr(code, "co_qualname", code.co_name), "line": code.co_firstlineno,
                             "calls": 0, "params": {}, "returns": {}, "samples": [], "_seen": set(), "_next": 0}
        rec["_names"] = _arg_names(code)
        # what a skipped call is checked by: per parameter (self's aside), the classes looked at whole
        rec["_checks"] = [(name, set()) for name in rec["_names"]]
    return rec


def _arg_names(code):
    """The parameters a call binds (not *args or **kwargs), without a leading self or cls."""
    names = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
    return names[1:] if names and names[0] in ("self", "cls") else names


def _count(table, name):
    if name in table or len(table) < MAX_TYPES:
        table[name] = table.get(name, 0) + 1


def _local(rec, sample):
    raised = []
    def tracer(frame, event, arg):
        if event == "return":
            # after an exception event, a None return means the exception left the function
            if arg is None and raised:
                if sample is not None:
                    sample["raises"] = raised[-1]
                return tracer
            with _lock:
                _count(rec["returns"], _type_name(arg))
                if sample is not None:
                    sample["result"] = _safe(arg)
        elif event == "exception":
            raised.append(getattr(arg[0], "__name__", "Exception"))
        return tracer
    return tracer


def _file_wanted(filename):
    return not filename.startswith("<") and _under_only(os.path.realpath(filename))


def _code_wanted(code):
    return code.co_name not in ("<module>", "<genexpr>", "<listcomp>", "<dictcomp>", "<setcomp>", "<lambda>")


def _global(frame, event, arg, _get=_files.get, _id=id):
    # The global tracer sees only "call" events. This runs for every frame of the process, so it is
    # lean: a name bound as a default is a local, and nothing but a look calls another function.
    code = frame.f_code
    table = _get(code.co_filename)
    if table is False:
        return None
    if table is None:
        # no lock: a frame of _flush (which holds it) comes here too
        table = _files[code.co_filename] = {} if _file_wanted(code.co_filename) else False
        if table is False:
            return None
    rec = table.get(_id(code))
    if rec is None:
        _kept.append(code)  # alive, so its id is not another code's later
        if not _code_wanted(code):
            rec = table[_id(code)] = False
        else:
            with _lock:
                rec = table[_id(code)] = _record(code)
    if rec is False:
        return None
    n = rec["calls"] = rec["calls"] + 1
    # Every call is counted; the full look at a hot function's calls thins out: all of its first
    # FULL_CALLS calls, then every 2nd, 4th, 8th... (a million calls cost about 3,000 looks).
    # A call skipped is still looked at whole when an argument's class is new for its parameter,
    # so a type seen once in a million calls is never missed.
    if n < rec["_next"]:
        checks = rec["_checks"]
        if not checks:
            return None  # no parameters but self: nothing to look at
        args = frame.f_locals
        try:
            for name, seen in checks:
                if type(args[name]) not in seen:
                    break
            else:
                return None
        except KeyError:  # a generator resumed after it deleted a parameter
            return None
    else:
        if n >= FULL_CALLS:
            rec["_next"] = n + (1 << (n // FULL_CALLS).bit_length())
        args = frame.f_locals
    with _lock:
        for name, seen in rec["_checks"]:
            if name in args:
                value = args[name]
                seen.add(type(value))
                _count(rec["params"].setdefault(name, {}), _type_name(value))
        sample = None
        # a new sample is looked for on each of the first SAMPLE_CALLS looks, then on every 64th: a hot
        # function whose calls repeat (the same key again and again) does not copy its arguments and
        # self's state on every call only to find them seen (types are still read on every look)
        if len(rec["samples"]) < MAX_SAMPLES and (n <= SAMPLE_CALLS or n % 64 == 0):
            try:
                call = {k: _arg_safe(args[k]) for k in rec["_names"] if k in args}
                state = _state(args["self"]) if code.co_argcount and code.co_varnames[0] == "self" and "self" in args else None
                # a method's sample is new when its receiver's state is: `double()` on two objects is two samples
                ident = json.dumps([call, state], sort_keys=True, default=str)
                if ident not in rec["_seen"]:
                    rec["_seen"].add(ident)
                    sample = {"args": call}
                    if state is not None:
                        sample["self"] = state
                    rec["samples"].append(sample)
            except Exception:  # a value whose repr or attributes fail: typed only
                sample = None
    frame.f_trace_lines = False
    return _local(rec, sample)


def _flush():
    if not OUT:
        return
    with _lock:
        data = [{k: v for k, v in rec.items() if not k.startswith("_")} for rec in _units.values()]
        text = json.dumps({"pid": os.getpid(), "units": data}, default=str)
    tmp = f"{OUT}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, f"{OUT}.{os.getpid()}.json")


def _flusher():
    while True:
        threading.Event().wait(2.0)
        try:
            _flush()
        except Exception:
            pass


def _on_term(signum, frame):
    try:
        _flush()
    finally:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)


if OUT:
    if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, _on_term)
    sys.settrace(_global)
    threading.settrace(_global)
    atexit.register(_flush)
    threading.Thread(target=_flusher, name="gotui-trace-flush", daemon=True).start()
