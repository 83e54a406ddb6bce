"""The messages sent to the model for one unit, built from template files.

The packaged templates live in gotui/prompts/ (system.md, user.md, repair.md, retry.md). A folder
given as `prompts_dir` (default `<repo>/.gotui/prompts/` when it exists) overrides them file by file.
Templates use `${name}` placeholders (string.Template; `$$` is a literal dollar); each section
variable is either empty or a complete section with its heading, so a template can place or drop it.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
import re
import io
import math
import tokenize
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from string import Template

from gotui.config import ConfigError
from gotui.golang.names import go_func_name, go_package_name, go_type_name, receiver_name
from gotui.llm.base import TranslationRequest
from gotui.parse.note import Note
from gotui.parse.units import ParsedModule, Unit

TEMPLATE_FILES = ("system.md", "user.md", "repair.md", "retry.md", "module.md", "plan.md")

# The placeholders each template may use; anything else in an override is a mistake worth reporting.
PLACEHOLDERS = {
    "system.md": set(),
    "user.md": {
        "kind", "qualname", "path", "package", "go_name", "source", "own_signature", "evidence", "notes", "ledger",
        "libraries", "context", "instruction", "previous", "callees",
    },
    "module.md": {"path", "package", "plan"},
    "plan.md": {"path", "package", "units", "source"},
    "repair.md": {"errors", "qualname", "round", "rounds"},
    "retry.md": {"problem", "qualname"},
}

# Python module -> how to do it in Go. Keyed by the top-level module (or a dotted one, checked first).
LIBRARY_MAP: dict[str, str] = {
    "json": "encoding/json (json.dumps -> json.Marshal: map keys come out sorted; json.loads -> json.Unmarshal into a struct or map[string]any)",
    "datetime": "time (datetime.now() -> time.Now(); isoformat() -> t.Format(\"2006-01-02T15:04:05.999999\"); timedelta -> time.Duration)",
    "time": "time (time.time() -> time.Now(); time.sleep -> time.Sleep)",
    "re": "regexp (RE2 syntax: no backreferences or lookaround; compile once at package level with regexp.MustCompile)",
    "collections": "built-in maps and slices (defaultdict -> map plus a zero-value check; Counter -> map[K]int; deque -> slice; OrderedDict -> map plus a slice of keys; namedtuple -> struct)",
    "decimal": "integer cents (int64) when amounts are money, or github.com/shopspring/decimal when the precision matters",
    "fractions": "math/big (big.Rat)",
    "requests": "net/http (with a context and a timeout; check resp.StatusCode; close resp.Body)",
    "urllib": "net/url and net/http",
    "http": "net/http",
    "os.path": "path/filepath",
    "os": "os (os.environ -> os.Getenv/os.LookupEnv; os.path -> path/filepath)",
    "pathlib": "path/filepath and os",
    "shutil": "os and io",
    "tempfile": "os.CreateTemp / os.MkdirTemp",
    "sys": "os (sys.argv -> os.Args; sys.exit -> os.Exit; sys.stderr -> os.Stderr)",
    "typing": "no import: Optional[T] -> *T or (T, bool); Any -> any; Union -> an interface or separate functions; Callable -> func types",
    "typing_extensions": "no import (see typing)",
    "dataclasses": "structs with a New... constructor for defaults",
    "enum": "a named integer or string type with constants (iota) and a String method",
    "abc": "interfaces",
    "math": "math (math.floor -> math.Floor returns float64; integer floor division needs a helper for negatives)",
    "random": "math/rand/v2",
    "statistics": "plain loops (no standard Go package)",
    "itertools": "plain loops (slices and maps packages for the simple cases)",
    "functools": "closures; lru_cache -> a map memo guarded by sync.Mutex; reduce -> a loop",
    "operator": "inline expressions or small funcs",
    "copy": "maps.Clone / slices.Clone for shallow copies; deep copies by hand",
    "heapq": "container/heap",
    "bisect": "sort.Search or slices.BinarySearch",
    "string": "strings and unicode",
    "textwrap": "strings",
    "logging": "log/slog",
    "hashlib": "crypto/sha256, crypto/sha1, crypto/md5 with encoding/hex",
    "hmac": "crypto/hmac",
    "base64": "encoding/base64",
    "binascii": "encoding/hex",
    "struct": "encoding/binary",
    "csv": "encoding/csv",
    "io": "io, bytes and strings.Builder",
    "gzip": "compress/gzip",
    "zlib": "compress/zlib",
    "subprocess": "os/exec (exec.CommandContext)",
    "threading": "goroutines, sync.Mutex, sync.WaitGroup",
    "concurrent": "goroutines with sync.WaitGroup or errgroup",
    "asyncio": "goroutines and channels, with context.Context for cancellation",
    "queue": "buffered channels",
    "uuid": "github.com/google/uuid",
    "sqlite3": "database/sql with a SQLite driver",
    "argparse": "flag",
    "contextlib": "defer",
    "unittest": "testing (tests are translated separately)",
    "pytest": "testing (tests are translated separately)",
    "secrets": "crypto/rand",
    "socket": "net",
    "email": "net/mail and mime",
    "html": "html",
    "xml": "encoding/xml",
    "zoneinfo": "time.LoadLocation",
    "calendar": "time",
    "pprint": "fmt with %+v",
    "warnings": "log/slog at warn level",
}

RELATIVE_HINT = "same Go package: call the Go names decided for them (see the signatures above), no import"
RELATIVE_HINT_BARE = "same Go package: no import; call their Go names (exported CamelCase of the Python name)"
MAX_LEDGER = 60
MAX_CONTEXT_LINES = 60
MAX_CONSTANT_CHARS = 240


@dataclass(frozen=True)
class PromptSet:
    system: str
    user: str
    repair: str
    retry: str
    origin: dict[str, str]  # template file -> where it was read from
    module: str = ""  # the stable per-module prefix (the module's plan), appended to the system text
    plan: str = ""  # the one request per module that plans signatures

    @classmethod
    def load(cls, override_dir: Path | None = None) -> "PromptSet":
        """The packaged templates, each replaced by `<override_dir>/<name>` when that file exists."""
        texts: dict[str, str] = {}
        origin: dict[str, str] = {}
        packaged = resources.files("gotui") / "prompts"
        for name in TEMPLATE_FILES:
            override = override_dir / name if override_dir is not None else None
            if override is not None and override.is_file():
                try:
                    text = override.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise ConfigError(f"{override}: cannot read prompt template: {exc}") from None
                _validate(name, text, str(override))
                texts[name], origin[name] = text, str(override)
            else:
                texts[name], origin[name] = (packaged / name).read_text(encoding="utf-8"), f"gotui/prompts/{name}"
        return cls(texts["system.md"], texts["user.md"], texts["repair.md"], texts["retry.md"], origin,
                   texts["module.md"], texts["plan.md"])


def _identifiers(template: Template) -> set[str]:
    found = set()
    for m in template.pattern.finditer(template.template):
        if m.group("invalid") is not None:
            raise ValueError(f"a lone $ at offset {m.start('invalid')} (write $$ for a dollar sign)")
        name = m.group("named") or m.group("braced")
        if name:
            found.add(name)
    return found


def _validate(name: str, text: str, where: str) -> None:
    try:
        used = _identifiers(Template(text))
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    unknown = used - PLACEHOLDERS[name]
    if unknown:
        allowed = ", ".join(sorted(PLACEHOLDERS[name])) or "none"
        raise ConfigError(f"{where}: unknown placeholder ${{{sorted(unknown)[0]}}} (allowed: {allowed})")


def render(template: str, **values: str) -> str:
    return Template(template).safe_substitute(values)


# -- what the unit mentions ------------------------------------------------------------------------


def names_used(source: str) -> set[str]:
    """Identifiers in the code (not in strings or comments); a regex fallback when it does not tokenize."""
    names: set[str] = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.NAME:
                names.add(tok.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        import re

        names.update(re.findall(r"[A-Za-z_]\w*", source))
    return names


def _ledger_qualname(key: str) -> str:
    return key.rsplit("::", 1)[-1]


def relevant_ledger(unit: Unit, ledger: Mapping[str, str]) -> tuple[str | None, list[tuple[str, str]]]:
    """(the unit's own decided signature, [(qualname, signature)] for the names its source mentions)."""
    own: str | None = None
    used = names_used(unit.source)
    picked: list[tuple[str, str]] = []
    for key, signature in ledger.items():
        qual = _ledger_qualname(key)
        if qual == unit.qualname and (key == qual or key.endswith(unit.id) or key.startswith(unit.path)):
            own = signature
            continue
        last = qual.rsplit(".", 1)[-1]
        if last in used or (unit.class_name is not None and qual == unit.class_name):
            picked.append((qual, signature))
    picked.sort(key=lambda kv: kv[0])
    return own, picked[:MAX_LEDGER]


@dataclass(frozen=True)
class ModuleContext:
    imports: list[str]  # import statements, as written
    constants: list[tuple[str, str]]  # (name, "NAME = value" as written, shortened)
    modules: list[str]  # imported module names; "." prefix for relative ones
    bindings: list[tuple[str, str, str]] = ()  # type: ignore[assignment]  # (local name, module, statement)


def _shorten(text: str, limit: int = MAX_CONSTANT_CHARS) -> str:
    one = " ".join(text.split()) if "\n" in text else text
    return one if len(one) <= limit else one[: limit - 4] + " ..."


def _import_bindings(statement: str) -> list[tuple[str, str]]:
    """(local name, module) for each name an import statement binds."""
    try:
        tree = ast.parse(statement)
    except SyntaxError:
        return []
    out: list[tuple[str, str]] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            out.extend(((a.asname or a.name.split(".")[0]), a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = "." * node.level + (node.module or "")
            out.extend(((a.asname or a.name), mod) for a in node.names)
    return out


def _import_modules(statement: str) -> list[str]:
    try:
        tree = ast.parse(statement)
    except SyntaxError:
        return []
    out: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            out.append("." * node.level + (node.module or ""))
    return out


def module_context(module: ParsedModule) -> ModuleContext:
    """Imports and module-level assignments, from the tree-sitter tree (works with syntax errors too)."""
    imports: list[str] = []
    constants: list[tuple[str, str]] = []
    modules: list[str] = []
    bindings: list[tuple[str, str, str]] = []
    if module.tree is None:
        return ModuleContext(imports, constants, modules, bindings)
    for node in module.tree.root_node.named_children:
        text = node.text.decode("utf-8", "replace") if node.text is not None else ""
        if node.type in ("import_statement", "import_from_statement"):
            imports.append(text)
            modules.extend(_import_modules(text))
            bindings.extend((local, mod, text) for local, mod in _import_bindings(text))
        elif node.type == "expression_statement" and node.named_children:
            inner = node.named_children[0]
            if inner.type == "assignment":
                left = inner.child_by_field_name("left")
                if left is not None and left.type == "identifier" and left.text is not None:
                    constants.append((left.text.decode("utf-8"), _shorten(text)))
    return ModuleContext(imports, constants, modules, bindings)


def library_rows(modules: list[str], relative_hint: str = RELATIVE_HINT) -> list[tuple[str, str]]:
    rows: dict[str, str] = {}
    for name in modules:
        if name.startswith("."):
            rows.setdefault(name, relative_hint)
            continue
        if name == "__future__":
            continue
        hint = LIBRARY_MAP.get(name) or LIBRARY_MAP.get(name.split(".")[0])
        rows.setdefault(name, hint or "no usual Go counterpart: use the standard library or ask the reviewer with a TODO(gotui)")
    return list(rows.items())


# -- sections --------------------------------------------------------------------------------------


def _go_name(unit: Unit) -> str:
    if unit.kind == "class":
        t = go_type_name(unit.name)
        return f"type `{t}` (struct) with a constructor `New{t}`"
    if unit.kind == "method" and unit.class_name:
        cls = go_type_name(unit.class_name.rsplit(".", 1)[-1])
        return f"method `{go_func_name(unit.name)}` with receiver `({receiver_name(cls)} *{cls})`"
    return f"`{go_func_name(unit.name)}`"


def _package(unit: Unit) -> str:
    parent = PurePosixPath(unit.path).parent.name
    return go_package_name(parent or "main")


def _note_line(note: Note, unit: Unit) -> str:
    lines = unit.source.split("\n")
    i = note.line - unit.line
    code = lines[i].strip() if 0 <= i < len(lines) else ""
    where = f"line {note.line}" + (f" `{_shorten(code, 100)}`" if code else "")
    return f"- {where} [{note.severity}, {note.rule}]: {note.message} In Go: {note.go_hint}"


def _section(title: str, body: str) -> str:
    return f"\n## {title}\n\n{body.strip()}\n"


_TUPLE_TYPE = re.compile(r"\bTuple([2-8])\[")
TUPLE_NOTE = ("`Tuple2[A, B]`, `Tuple3[A, B, C]`, ... up to `Tuple8[A, ..., H]` are declared in the package "
              "(`struct { F0 A; F1 B; ... }`, Python's tuples): use them, do not declare them.")


def _signatures_block(used: list[tuple[str, str]]) -> str:
    return "```go\n" + "\n".join(f"// {q}\n{sig}" if sig else f"// {q}: its types are not decided yet: choose them, keep its Go name"
                                   for q, sig in used) + "\n```"


def tuple_note(*signatures: str) -> str:
    """The line that tells the model the TupleN helpers exist, when a signature it must use names one."""
    return TUPLE_NOTE if any(_TUPLE_TYPE.search(s or "") for s in signatures) else ""


def used_imports(unit: Unit, ctx: ModuleContext) -> tuple[list[str], list[str]]:
    """(import statements, modules) the unit's source actually uses, in the module's order."""
    mentioned = names_used(unit.source)
    statements: list[str] = []
    modules: list[str] = []
    for local, mod, statement in ctx.bindings:
        if local in mentioned:
            if statement not in statements:
                statements.append(statement)
            if mod not in modules:
                modules.append(mod)
    return statements, modules


def user_sections(request: TranslationRequest) -> dict[str, str]:
    unit = request.unit
    out: dict[str, str] = {
        "kind": unit.kind,
        "qualname": unit.qualname,
        "path": unit.path,
        "package": _package(unit),
        "go_name": request.go_name or _go_name(unit),
        "source": unit.source.rstrip("\n"),
    }
    if request.uses is not None:  # the plan knows exactly what it uses
        own, used = request.own_signature, list(request.uses)
    else:
        own, used = relevant_ledger(unit, request.ledger)
    note = tuple_note(own or "", *(sig for _, sig in used))
    out["own_signature"] = (_section("Its Go signature (already decided: keep it)", f"```go\n{own}\n```" + (f"\n\n{note}" if note and not used else ""))
                            if own else "")
    out["evidence"] = (_section("Types from the evidence (annotation > trace > doctest > callers > usage)",
                                request.evidence_summary.removeprefix("types: ") + "\nUse the Go types these name unless the "
                                "signature above already decides them; `?` is unknown: choose, and say so in a comment.")
                       if request.evidence_summary and unit.kind != "class" else "")
    notes = sorted(request.notes)
    out["notes"] = _section("Hazards in this code", "\n".join(_note_line(n, unit) for n in notes)) if notes else ""
    out["ledger"] = (
        _section("Go signatures already decided for what it uses (use them, do not redeclare)",
                 _signatures_block(used) + (f"\n\n{note}" if note else ""))
        if used
        else ""
    )
    ctx = module_context(request.module)
    mentioned = names_used(unit.source)
    statements, modules = used_imports(unit, ctx)
    rows = library_rows(modules, RELATIVE_HINT if used else RELATIVE_HINT_BARE)
    out["libraries"] = (
        _section("Libraries", "| Python | Go |\n| --- | --- |\n" + "\n".join(f"| {m} | {h} |" for m, h in rows)) if rows else ""
    )
    constants = [c for c in ctx.constants if c[0] in mentioned]
    out["context"] = _context_section(statements, [text for _, text in constants])
    out["instruction"] = _section("The reviewer asks", request.instruction) if request.instruction and request.instruction.strip() else ""
    out["previous"] = (
        _section("Previous attempt (improve on it as the reviewer asks)", f"```go\n{request.previous_go.strip()}\n```")
        if request.previous_go and request.previous_go.strip()
        else ""
    )
    out["callees"] = _callees_section(request.callees_python)
    if request.budget_tokens is not None:
        _fit(out, request, statements, constants)
    return out


def _context_section(statements: list[str], constants: list[str]) -> str:
    lines = statements + constants
    if not lines:
        return ""
    return _section("Module imports and constants it uses (constants are Go constants or package variables)",
                    "```python\n" + "\n".join(lines[:MAX_CONTEXT_LINES]) + "\n```")


def _callees_section(callees: list[tuple[str, str]]) -> str:
    if not callees:
        return ""
    body = "\n\n".join(f"```python\n{src.rstrip()}\n```" for _, src in callees)
    return _section("Python of the short functions it calls (already translated, for their behaviour)", body)


def _fit(out: dict[str, str], request: TranslationRequest, statements: list[str], constants: list[tuple[str, str]]) -> None:
    """Keep the prompt under its token budget: drop callees' Python one by one, then constants.

    The source, the signatures and the hazards always stay: without them the answer cannot be right.
    """
    budget = request.budget_tokens or 0

    def size() -> int:
        return estimate_tokens(request.module_prefix) + sum(estimate_tokens(v) for v in out.values()) + 400  # + templates

    callees = list(request.callees_python)
    while callees and size() > budget:
        callees.pop()
        out["callees"] = _callees_section(callees)
    kept = list(constants)
    while kept and size() > budget:
        kept.pop()
        out["context"] = _context_section(statements, [text for _, text in kept])


def module_sections(path: str, package: str, plan: list[tuple[str, str]]) -> dict[str, str]:
    return {"path": path, "package": package, "plan": _signatures_block(plan) if plan else "(no signatures planned)"}


def render_module_prefix(prompts: PromptSet, path: str, package: str, plan: list[tuple[str, str]]) -> str:
    """The per-module prefix: the same text for every unit of a module, so provider prompt caching applies."""
    return render(prompts.module, **module_sections(path, package, plan)).strip()


Message = dict[str, str]


def build_messages(request: TranslationRequest, prompts: PromptSet) -> list[Message]:
    """The system and user messages for one unit."""
    user = render(prompts.user, **user_sections(request))
    system = render(prompts.system).strip()
    if request.module_prefix:
        system += "\n\n" + request.module_prefix.strip()
    return [{"role": "system", "content": system}, {"role": "user", "content": user.strip() + "\n"}]


def repair_message(prompts: PromptSet, request: TranslationRequest, errors: list[str], round_no: int, rounds: int) -> Message:
    shown = "\n".join(e.rstrip() for e in errors[:30])
    text = render(prompts.repair, errors=shown, qualname=request.unit.qualname, round=str(round_no), rounds=str(rounds))
    return {"role": "user", "content": text.strip() + "\n"}


def retry_message(prompts: PromptSet, request: TranslationRequest, problem: str) -> Message:
    text = render(prompts.retry, problem=problem, qualname=request.unit.qualname)
    return {"role": "user", "content": text.strip() + "\n"}


def estimate_tokens(text: str) -> int:
    """A rough count (about 4 characters a token) for servers that report no usage."""
    return max(1, math.ceil(len(text) / 4)) if text else 0


def estimate_prompt_tokens(messages: list[Message]) -> int:
    return sum(estimate_tokens(m.get("content", "")) + 4 for m in messages) + 2
