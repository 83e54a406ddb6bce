"""Python libraries and what a Go port uses instead.

Each entry: top-level module → (rule id or None, Go package, advice). None means the mapping is
direct enough that a note would be noise (os → os). The import rules say which kind of gap it is:
import-go-stdlib (a Go standard package, with differences), import-go-module (a third-party Go
module), import-no-go-equivalent (a redesign).
"""

from __future__ import annotations

from typing import NamedTuple

STD = "import-go-stdlib"
MOD = "import-go-module"
NONE = "import-no-go-equivalent"


class Library(NamedTuple):
    rule: str | None
    go: str  # Go package(s), or "none"
    advice: str  # what to know when porting; one sentence


LIBRARIES: dict[str, Library] = {
    # standard library with a direct Go counterpart: no note
    "os": Library(None, "os", ""),
    "sys": Library(None, "os", ""),
    "math": Library(None, "math", ""),
    "typing": Library(None, "none needed", ""),
    "__future__": Library(None, "none needed", ""),
    "dataclasses": Library(None, "structs", ""),
    "string": Library(None, "strings", ""),
    "io": Library(None, "io, bytes", ""),
    "time": Library(None, "time", ""),
    "errno": Library(None, "syscall", ""),
    "base64": Library(None, "encoding/base64", ""),
    "hashlib": Library(None, "crypto/sha256, crypto/md5, ...", ""),
    "hmac": Library(None, "crypto/hmac", ""),
    "gzip": Library(None, "compress/gzip", ""),
    "zlib": Library(None, "compress/zlib", ""),
    "html": Library(None, "html", ""),
    "binascii": Library(None, "encoding/hex", ""),
    "platform": Library(None, "runtime", ""),
    # standard library, Go standard package, but behaviour to know
    "json": Library(STD, "encoding/json", "Unmarshal into structs: untyped JSON decodes numbers as float64, and map keys are written sorted."),
    "datetime": Library(STD, "time", "time.Time always has a Location (no naive datetimes), durations are time.Duration, and formats use the 2006-01-02 reference layout."),
    "re": Library(STD, "regexp", "Go's regexp is RE2: no backreferences or lookaround, linear time, and MatchString searches anywhere where re.match anchors at the start."),
    "collections": Library(STD, "maps, slices, container/list", "defaultdict, Counter, OrderedDict and deque have no Go type: plain maps and slices plus explicit code."),
    "logging": Library(STD, "log/slog", "slog has levels and structured attributes but no logger hierarchy, handlers per name or %-style messages."),
    "pathlib": Library(STD, "path/filepath, os", "Paths are plain strings joined with filepath.Join; file operations are functions in os."),
    "os.path": Library(None, "path/filepath", ""),
    "subprocess": Library(STD, "os/exec", "exec.Command never uses a shell; CalledProcessError becomes *exec.ExitError from cmd.Run."),
    "threading": Library(STD, "sync, goroutines", "Threads become goroutines; Lock is sync.Mutex (not reentrant, unlike RLock), Event is a closed channel."),
    "multiprocessing": Library(STD, "goroutines", "Goroutines run in parallel on all cores, so no processes or pickling are needed; share memory behind a mutex or use channels."),
    "concurrent": Library(STD, "goroutines, golang.org/x/sync/errgroup", "An executor becomes goroutines with a WaitGroup or errgroup; futures become channels or results collected after Wait."),
    "asyncio": Library(STD, "goroutines, context", "No event loop: plain blocking functions in goroutines, channels for queues, context.Context for timeouts and cancellation."),
    "queue": Library(STD, "channels", "A buffered channel is the queue; Queue.get(timeout) is a select with time.After."),
    "random": Library(STD, "math/rand/v2", "A different generator: the same seed gives different numbers, so seeded test data changes."),
    "secrets": Library(STD, "crypto/rand", "crypto/rand.Read fills bytes; encode with hex or base64 for tokens."),
    "uuid": Library(MOD, "github.com/google/uuid", "The standard library has no UUID type."),
    "csv": Library(STD, "encoding/csv", "csv.Reader returns []string records; DictReader needs the header row mapped by hand, and there is no dialect sniffing."),
    "sqlite3": Library(MOD, "database/sql + modernc.org/sqlite or github.com/mattn/go-sqlite3", "database/sql is standard but needs a driver module; rows are scanned into typed variables."),
    "pickle": Library(STD, "encoding/gob", "gob is Go-only and not pickle-compatible; data pickled by Python cannot be read without a port."),
    "shelve": Library(NONE, "none", "Nothing reads shelve files in Go; use a real store (SQLite, bbolt) and migrate the data."),
    "copy": Library(STD, "slices.Clone, maps.Clone", "Go has no deepcopy: copy slices with slices.Clone, maps with maps.Clone, and nested data by hand."),
    "itertools": Library(STD, "iter, slices", "No itertools: loops, slices functions, or iter.Seq for lazy chains; groupby only groups adjacent items."),
    "functools": Library(STD, "closures", "partial becomes a closure, reduce a loop, lru_cache a map guarded by a mutex, cached_property sync.Once."),
    "operator": Library(STD, "func literals", "itemgetter/attrgetter become func literals."),
    "heapq": Library(STD, "container/heap", "container/heap needs a type implementing heap.Interface; it is a min-heap like heapq."),
    "bisect": Library(STD, "slices.BinarySearch, sort.Search", "slices.BinarySearch returns the insertion point and a found flag (bisect_left)."),
    "struct": Library(STD, "encoding/binary", "binary.Read/Write on fixed-size structs, byte order given explicitly."),
    "shutil": Library(STD, "os, io", "No copytree/rmtree pair: os.RemoveAll, and io.Copy or os.CopyFS (Go 1.23) for copying."),
    "glob": Library(STD, "path/filepath.Glob, io/fs", "filepath.Glob has no ** recursion; walk with filepath.WalkDir."),
    "fnmatch": Library(STD, "path/filepath.Match", "filepath.Match does not let * cross path separators."),
    "tempfile": Library(STD, "os.CreateTemp, os.MkdirTemp", "Remove the files yourself (defer os.Remove)."),
    "socket": Library(STD, "net", "net.Dial/net.Listen return connections; timeouts are deadlines."),
    "ssl": Library(STD, "crypto/tls", "tls.Config replaces SSLContext."),
    "urllib": Library(STD, "net/url, net/http", "urllib.parse maps to net/url (url.Values for query strings); urllib.request to net/http."),
    "http": Library(STD, "net/http", "http.server handlers become http.HandlerFunc; http.client is http.Client."),
    "email": Library(STD, "net/mail, mime", "Parsing headers and addresses only; building MIME messages needs more code or a module."),
    "smtplib": Library(STD, "net/smtp", "net/smtp is frozen; many ports use a module such as github.com/wneessen/go-mail."),
    "xml": Library(STD, "encoding/xml", "encoding/xml unmarshals into tagged structs; there is no ElementTree-style tree API."),
    "argparse": Library(STD, "flag", "flag has no subcommands, positional parsing or generated usage like argparse; github.com/spf13/cobra for CLIs."),
    "getopt": Library(STD, "flag", "flag takes -x and --x alike but has no combined short flags (-abc) and stops at the first non-flag argument."),
    "unittest": Library(STD, "testing", "Test functions TestXxx(t *testing.T); no classes or setUp, use helpers and t.Cleanup."),
    "abc": Library(STD, "interfaces", "An abstract base class becomes an interface; shared code goes into an embedded struct or functions."),
    "enum": Library(STD, "const + iota", "Enums become typed constants with iota; names for printing need a String method."),
    "contextlib": Library(STD, "defer", "contextmanager becomes a function returning a cleanup func to defer; suppress becomes an ignored error."),
    "statistics": Library(MOD, "gonum.org/v1/gonum/stat", "Mean and friends are a few lines by hand; gonum for more."),
    "fractions": Library(STD, "math/big (big.Rat)", "big.Rat is exact like Fraction, with method calls for arithmetic."),
    "decimal": Library(MOD, "github.com/shopspring/decimal", "No decimal type in the standard library: use integer cents or shopspring/decimal (context, rounding modes and quantize differ)."),
    "inspect": Library(NONE, "reflect (partly)", "Introspecting source, frames or signatures has no Go equivalent."),
    "importlib": Library(NONE, "none", "Go links every package at build time; plugin loading is a redesign."),
    "ctypes": Library(NONE, "cgo", "Calling C from Go needs cgo and a C toolchain."),
    "weakref": Library(STD, "weak (Go 1.24)", "weak.Pointer exists from Go 1.24; caches usually become explicit eviction."),
    "signal": Library(STD, "os/signal", "signal.Notify delivers signals on a channel."),
    "locale": Library(MOD, "golang.org/x/text", "Locale-aware formatting is in golang.org/x/text/message and language."),
    "unicodedata": Library(MOD, "golang.org/x/text/unicode/norm", "Normalization is in x/text; categories are in the standard unicode package."),
    "textwrap": Library(MOD, "github.com/mitchellh/go-wordwrap", "No text wrapping in the standard library: a short function or a module."),
    "difflib": Library(MOD, "github.com/pmezard/go-difflib", "No diffing in the standard library."),
    "zoneinfo": Library(STD, "time.LoadLocation", "Ship tzdata with `import _ \"time/tzdata\"` if hosts may lack it."),
    "warnings": Library(STD, "log/slog", "No warnings machinery: log once, or return an error."),
    "traceback": Library(STD, "runtime/debug", "debug.Stack() gives the goroutine's stack; errors carry no traceback."),
    # third party with a Go standard package
    "requests": Library(STD, "net/http", "http.Client has no default timeout (set one), the body must be closed, and non-2xx responses are not errors (no raise_for_status)."),
    "httpx": Library(STD, "net/http", "http.Client has no default timeout (set one), the body must be closed, and non-2xx responses are not errors."),
    "urllib3": Library(STD, "net/http", "Pooling and retries: the Transport pools; retries are yours to write."),
    "flask": Library(STD, "net/http (+ github.com/go-chi/chi)", "Routes become handlers on a ServeMux (Go 1.22 supports methods and path patterns); no request globals."),
    "fastapi": Library(STD, "net/http", "No automatic validation or OpenAPI: decode and validate request bodies explicitly."),
    "jinja2": Library(STD, "text/template, html/template", "Go templates have a different syntax and far less logic; templates must be rewritten."),
    "pytz": Library(STD, "time.LoadLocation", "No localize()/normalize() dance: time.Date with a *time.Location."),
    "dateutil": Library(STD, "time", "No fuzzy parser or relativedelta: explicit layouts with time.Parse and AddDate."),
    "click": Library(MOD, "github.com/spf13/cobra", "Commands, flags and help are declared differently; the standard flag package for simple tools."),
    "typer": Library(MOD, "github.com/spf13/cobra", "Commands are declared explicitly, not derived from type hints."),
    "pytest": Library(STD, "testing", "Test functions TestXxx(t *testing.T); fixtures become helpers, parametrize becomes table-driven tests."),
    "lxml": Library(STD, "encoding/xml", "No XPath in the standard library: github.com/antchfx/xmlquery if needed."),
    # third party that needs a Go module
    "yaml": Library(MOD, "gopkg.in/yaml.v3", "Decode into structs with yaml tags."),
    "toml": Library(MOD, "github.com/BurntSushi/toml", "Decode into structs with toml tags."),
    "tomllib": Library(MOD, "github.com/BurntSushi/toml", "Decode into structs with toml tags."),
    "attr": Library(None, "structs", ""),
    "attrs": Library(None, "structs", ""),
    "pydantic": Library(MOD, "github.com/go-playground/validator", "Models become structs; validation and coercion must be called explicitly (Go does no type coercion)."),
    "marshmallow": Library(MOD, "github.com/go-playground/validator", "Schemas become structs with json tags plus explicit validation."),
    "sqlalchemy": Library(MOD, "database/sql + github.com/jmoiron/sqlx (or gorm)", "No unit of work or lazy relationships: explicit queries and transactions."),
    "psycopg2": Library(MOD, "github.com/jackc/pgx/v5", "pgx returns errors per call; Postgres types map to Go types explicitly."),
    "psycopg": Library(MOD, "github.com/jackc/pgx/v5", "pgx returns errors per call; Postgres types map to Go types explicitly."),
    "pymysql": Library(MOD, "github.com/go-sql-driver/mysql", "database/sql with the MySQL driver."),
    "redis": Library(MOD, "github.com/redis/go-redis/v9", "Every call takes a context and returns a result with Err()."),
    "boto3": Library(MOD, "github.com/aws/aws-sdk-go-v2", "A typed client per service; no resource layer."),
    "bs4": Library(MOD, "github.com/PuerkitoBio/goquery", "CSS selectors on golang.org/x/net/html; no BeautifulSoup-style tolerant navigation."),
    "jwt": Library(MOD, "github.com/golang-jwt/jwt/v5", "Claims are typed; the key type depends on the algorithm."),
    "cryptography": Library(STD, "crypto/...", "Most primitives are in crypto/*; check padding and key formats."),
    "celery": Library(MOD, "github.com/hibiken/asynq (or a queue client)", "Tasks become handlers of a Go job queue; the broker format is not shared."),
    "grpc": Library(MOD, "google.golang.org/grpc", "Regenerate the stubs with protoc-gen-go."),
    "google.protobuf": Library(MOD, "google.golang.org/protobuf", "Regenerate the message types with protoc-gen-go."),
    "google.cloud": Library(MOD, "cloud.google.com/go", "A typed Go client per service; every call takes a context."),
    "PIL": Library(STD, "image, image/png, image/jpeg", "Decoding and drawing are basic; golang.org/x/image or github.com/disintegration/imaging for resizing."),
    "tqdm": Library(MOD, "github.com/schollz/progressbar/v3", "Progress bars are optional; often dropped."),
    "rich": Library(MOD, "github.com/charmbracelet/lipgloss", "Styling terminal output is a different library with a different model."),
    "dotenv": Library(MOD, "github.com/joho/godotenv", "Loads a .env file into the environment."),
    # no equivalent
    "numpy": Library(NONE, "none (gonum.org/v1/gonum for linear algebra)", "No n-dimensional arrays or broadcasting: explicit loops over slices, gonum/mat for matrices."),
    "pandas": Library(NONE, "none", "No DataFrame: structs in slices and explicit loops for grouping, joining and aggregating."),
    "scipy": Library(NONE, "none (gonum.org/v1/gonum)", "Numeric algorithms must be found in gonum or ported."),
    "sklearn": Library(NONE, "none", "No machine-learning library to match; keep the model in Python behind an API or export it (ONNX)."),
    "torch": Library(NONE, "none", "Keep training and inference in Python behind an API, or export the model (ONNX)."),
    "tensorflow": Library(NONE, "none", "Keep the model in Python behind an API, or export it."),
    "matplotlib": Library(NONE, "none (gonum.org/v1/plot)", "Plotting has to be rewritten with gonum/plot or moved out of the Go code."),
    "django": Library(NONE, "none", "Django's ORM, admin, forms and request cycle have no Go counterpart: a redesign on net/http and database/sql."),
    "sympy": Library(NONE, "none", "Symbolic maths has no Go library of similar scope."),
}


def library_for(module: str) -> tuple[str, Library] | None:
    """The table entry for a dotted module name: the longest listed prefix (os.path before os)."""
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        name = ".".join(parts[:i])
        lib = LIBRARIES.get(name)
        if lib is not None:
            return name, lib
    return None
