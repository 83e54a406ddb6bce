"""Go layout: packages per folder, module path, strip, cross-package imports, stubs, go.mod, removals.

The Go here is written by hand (what a reviewer would accept), so these tests do not depend on
any translator; the module preamble of the rules translator is switched off for the same reason.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import git as gitpython
import pytest

from conftest import git, repo_snapshot
from gotui.golang.assemble import GoUnit, Layout, LayoutError, PythonFiles, assemble_module, python_imports
from gotui.golang.toolchain import find_toolchain
from gotui.llm.base import Translation
from gotui.session.store import Session
from gotui.session.workspace import Workspace
from gotui.vcs import publish as publish_mod
from gotui.vcs.branch import BranchError, commit_files
from gotui.vcs.publish import publish

SHOP_GO = {
    "shop/pricing.py::vat_rate": """var vatRates = map[string]int{"DE": 19, "FR": 20, "NL": 21, "GB": 20}

const defaultVAT = 20

func VatRate(country string) int {
	if r, ok := vatRates[strings.ToUpper(country)]; ok {
		return r
	}
	return defaultVAT
}
""",
    "shop/pricing.py::gross_price": """func GrossPrice(netCents int, country string) int {
	rate := VatRate(country)
	return int(math.Round(float64(netCents*(100+rate)) / 100))
}
""",
    "shop/pricing.py::apply_discount": """func ApplyDiscount(priceCents int, percent int) int {
	if percent < 0 || percent > 100 {
		panic("discount out of range")
	}
	return priceCents - priceCents*percent/100
}
""",
    "shop/pricing.py::split_evenly": """func SplitEvenly(totalCents int, parts int) []int {
	base, rest := totalCents/parts, totalCents%parts
	out := make([]int, parts)
	for i := range out {
		out[i] = base
		if i < rest {
			out[i]++
		}
	}
	return out
}
""",
    "shop/pricing.py::format_price": """func FormatPrice(cents int, currency string) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, cents/100, cents%100, currency)
}
""",
    "shop/pricing.py::bulk_discount": """func BulkDiscount(quantity int) int {
	switch {
	case quantity >= 100:
		return 15
	case quantity >= 20:
		return 10
	case quantity >= 5:
		return 5
	}
	return 0
}
""",
    "shop/cart.py::Cart": """type Cart struct {
	CustomerID string
	Items      map[string]int
	Prices     map[string]int
	Coupon     *string
}

func NewCart(customerID string) *Cart {
	return &Cart{CustomerID: customerID, Items: map[string]int{}, Prices: map[string]int{}}
}
""",
    "shop/cart.py::Cart.add_item": """func (c *Cart) AddItem(sku string, priceCents int, quantity int) error {
	if quantity <= 0 {
		return errors.New("quantity must be positive")
	}
	c.Items[sku] += quantity
	c.Prices[sku] = priceCents
	return nil
}
""",
    "shop/cart.py::Cart.remove_item": """func (c *Cart) RemoveItem(sku string) bool {
	if _, ok := c.Items[sku]; !ok {
		return false
	}
	delete(c.Items, sku)
	delete(c.Prices, sku)
	return true
}
""",
    "shop/cart.py::Cart.quantity": """func (c *Cart) Quantity(sku string) int {
	return c.Items[sku]
}
""",
    "shop/cart.py::Cart.subtotal": """func (c *Cart) Subtotal() int {
	total := 0
	for sku, qty := range c.Items {
		price := ApplyDiscount(c.Prices[sku], BulkDiscount(qty))
		total += price * qty
	}
	return total
}
""",
    "shop/cart.py::Cart.is_empty": """func (c *Cart) IsEmpty() bool {
	return len(c.Items) == 0
}
""",
    "shop/cart.py::merge_carts": """func MergeCarts(a, b map[string]int) map[string]int {
	merged := make(map[string]int, len(a))
	for sku, qty := range a {
		merged[sku] = qty
	}
	for sku, qty := range b {
		merged[sku] += qty
	}
	return merged
}
""",
    "shop/cart.py::most_expensive": """func MostExpensive(prices map[string]int) *string {
	var best *string
	for sku, p := range prices {
		if best == nil || p > prices[*best] {
			s := sku
			best = &s
		}
	}
	return best
}
""",
    "shop/inventory.py::OutOfStock": """type OutOfStock struct {
	SKU string
}

func (e *OutOfStock) Error() string {
	return "out of stock: " + e.SKU
}
""",
    "shop/inventory.py::total_stock": """func TotalStock(levels map[string]int) int {
	total := 0
	for _, n := range levels {
		total += n
	}
	return total
}
""",
    "shop/inventory.py::reserve": """func Reserve(levels map[string]int, sku string, quantity int) (int, error) {
	available := levels[sku]
	if available < quantity {
		return 0, &OutOfStock{SKU: sku}
	}
	levels[sku] = available - quantity
	return levels[sku], nil
}
""",
    "shop/inventory.py::low_stock": """func LowStock(levels map[string]int, threshold int) []string {
	var out []string
	for sku, n := range levels {
		if n < threshold {
			out = append(out, sku)
		}
	}
	sort.Strings(out)
	return out
}
""",
    "shop/inventory.py::restock_plan": """func RestockPlan(levels map[string]int, target int) map[string]int {
	plan := map[string]int{}
	for sku, n := range levels {
		if n < target {
			plan[sku] = target - n
		}
	}
	return plan
}
""",
    "shop/inventory.py::by_warehouse": """func ByWarehouse(rows []StockRow) map[string]map[string]int {
	result := map[string]map[string]int{}
	for _, r := range rows {
		if result[r.Warehouse] == nil {
			result[r.Warehouse] = map[string]int{}
		}
		result[r.Warehouse][r.SKU] = r.N
	}
	return result
}

type StockRow struct {
	Warehouse, SKU string
	N              int
}
""",
    "shop/inventory.py::pick_warehouse": """func PickWarehouse(stock map[string]int, quantity int) (string, bool) {
	for warehouse, n := range stock {
		if n >= quantity {
			return warehouse, true
		}
	}
	return "", false
}
""",
    "shop/orders.py::order_number": """func OrderNumber(year, seq int) string {
	return fmt.Sprintf("SO-%d-%06d", year, seq)
}
""",
    "shop/orders.py::parse_order_number": """func ParseOrderNumber(text string) (int, int, error) {
	parts := strings.Split(text, "-")
	if len(parts) != 3 || parts[0] != "SO" {
		return 0, 0, errors.New("not an order number: " + text)
	}
	year, err := strconv.Atoi(parts[1])
	if err != nil {
		return 0, 0, err
	}
	seq, err := strconv.Atoi(parts[2])
	return year, seq, err
}
""",
    "shop/orders.py::shipping_cost": """const freeShippingCents = 5000

func ShippingCost(subtotalCents int, country string) int {
	if subtotalCents >= freeShippingCents {
		return 0
	}
	switch country {
	case "DE", "NL", "FR":
		return 495
	}
	return 995
}
""",
    "shop/orders.py::order_total": """func OrderTotal(lines [][2]int, country string) int {
	subtotal := 0
	for _, l := range lines {
		subtotal += l[0] * l[1]
	}
	return GrossPrice(subtotal, country) + ShippingCost(subtotal, country)
}
""",
    "shop/orders.py::can_transition": """var statuses = []string{"new", "paid", "shipped", "delivered", "cancelled"}

func CanTransition(current, next string) bool {
	if next == "cancelled" {
		return current == "new" || current == "paid"
	}
	i, j := slices.Index(statuses, next), slices.Index(statuses, current)
	return i >= 0 && j >= 0 && i == j+1
}
""",
    "shop/orders.py::initials": """func Initials(name string) string {
	var b strings.Builder
	for _, part := range strings.Fields(name) {
		b.WriteString(strings.ToUpper(part[:1]))
	}
	return b.String()
}
""",
    "shop/orders.py::summary": """func Summary(order map[string]any) string {
	items, _ := order["items"].([]any)
	text := fmt.Sprintf("%d item(s) for %v", len(items), order["customer"])
	if note, ok := order["note"]; ok && note != nil {
		text += fmt.Sprintf(" (%v)", note)
	}
	return text
}
""",
    "shop/orders.py::to_json": """func ToJSON(order map[string]any) (string, error) {
	out := map[string]any{}
	for k, v := range order {
		out[k] = v
	}
	out["exported_at"] = time.Now().Format(time.RFC3339)
	data, err := json.Marshal(out)
	return string(data), err
}
""",
}


@pytest.fixture(autouse=True)
def _no_preamble(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hand-written Go declares its own constants: no translator preamble beside it."""
    monkeypatch.setattr(publish_mod, "module_preamble_for", lambda root: (lambda path: ""))


def review(repo: Path, go: dict[str, str], accept: set[str] | None = None) -> Session:
    """A session in `repo` where every unit of `go` is translated, and those in `accept` (default all) accepted."""
    _, session = Workspace.open(repo).load()
    for uid, text in go.items():
        session.record_translation(uid, Translation(go=text, status="converted", backend="hand", model="human"))
        if accept is None or uid in accept:
            session.accept(uid)
    return session


def branch_files(repo: Path, branch: str = "gotui/migration") -> dict[str, str]:
    names = git(repo, "ls-tree", "-r", "--name-only", branch).split()
    return {n: git(repo, "show", f"{branch}:{n}") for n in names}


def go_build(repo: Path, dest: Path, branch: str = "gotui/migration", sub: str = "") -> None:
    """`go build ./...` on the branch's tree, unpacked outside the repository."""
    tc = find_toolchain()
    if tc is None:
        pytest.skip("no Go toolchain")
    archive = gitpython.Repo(repo).git.archive(branch, format="tar", stdout_as_string=False)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    proc = tc.run(["build", "./..."], cwd=dest / sub, timeout=240)
    assert proc.returncode == 0, proc.stderr + "\n" + "\n".join(f"--- {p}\n{t}" for p, t in branch_files(repo, branch).items() if p.endswith(".go"))
    vet = tc.run(["vet", "./..."], cwd=dest / sub, timeout=240)
    assert vet.returncode == 0, vet.stderr


def test_the_whole_shop_builds_on_the_branch(shop_repo: Path, tmp_path: Path):
    session = review(shop_repo, SHOP_GO)
    before = repo_snapshot(shop_repo)
    result = publish(gitpython.Repo(shop_repo), shop_repo, session)
    assert repo_snapshot(shop_repo) == before
    assert set(result.added) == {"go.mod", "shop/pricing.go", "shop/cart.go", "shop/inventory.go", "shop/orders.go"}
    assert result.stubs == [] and result.warnings == []
    files = branch_files(shop_repo)
    assert files["go.mod"].startswith("module repo\n")
    assert files["shop/orders.go"].startswith("package shop\n")
    go_build(shop_repo, tmp_path / "out")


def test_partly_accepted_files_get_stubs_and_still_build(shop_repo: Path, tmp_path: Path):
    accepted = {"shop/orders.py::order_total", "shop/pricing.py::vat_rate", "shop/cart.py::Cart.subtotal"}
    session = review(shop_repo, SHOP_GO, accept=accepted)
    result = publish(gitpython.Repo(shop_repo), shop_repo, session)
    files = branch_files(shop_repo)
    # only accepted units in the module files
    assert "func OrderTotal" in files["shop/orders.go"] and "func Initials" not in files["shop/orders.go"]
    assert "func VatRate" in files["shop/pricing.go"] and "func GrossPrice" not in files["shop/pricing.go"]
    # what they call from units not accepted yet is a stub that says so
    stubs = files["shop/gotui_stubs.go"]
    for name in ("func GrossPrice(", "func ShippingCost(", "type Cart struct", "func ApplyDiscount(", "func BulkDiscount("):
        assert name in stubs
    assert 'panic("gotui: shop/pricing.py::gross_price is not accepted yet")' in stubs
    assert "func Initials" not in stubs and "func NewCart" not in stubs
    assert set(result.stubs) >= {"shop/pricing.py::gross_price", "shop/orders.py::shipping_cost", "shop/cart.py::Cart"}
    message = git(shop_repo, "log", "-1", "--format=%B", "gotui/migration")
    assert "- shop/pricing.py::gross_price (stub)" in message
    go_build(shop_repo, tmp_path / "out")


NESTED = {
    "src/shop/__init__.py": "",
    "src/shop/pricing.py": "def gross_price(net, country):\n    return net\n\n\ndef _round_cents(x):\n    return x\n\n\nclass Money:\n    def __init__(self, cents):\n        self.cents = cents\n",
    "src/shop/orders/__init__.py": "",
    "src/shop/orders/api.py": (
        "from ..pricing import gross_price, Money, _round_cents\n"
        "from shop import pricing\n"
        "from .util import double\n\n\n"
        "def total(lines):\n    return gross_price(sum(lines), 'DE') + pricing.gross_price(1, 'x')\n\n\n"
        "def make():\n    return Money(double(5))\n\n\n"
        "def rounded(x):\n    return _round_cents(x)\n"
    ),
    "src/shop/orders/util.py": "def double(x):\n    return 2 * x\n",
}
NESTED_GO = {
    "src/shop/pricing.py::gross_price": "func GrossPrice(net int, country string) int {\n\treturn net\n}\n",
    "src/shop/pricing.py::_round_cents": "func roundCents(x int) int {\n\treturn x\n}\n",
    "src/shop/pricing.py::Money": "type Money struct {\n\tCents int\n}\n\nfunc NewMoney(cents int) *Money {\n\treturn &Money{Cents: cents}\n}\n",
    # translators write calls to other modules as if in the same package, with their own spelling
    "src/shop/orders/api.py::total": "func Total(lines []int) int {\n\ts := 0\n\tfor _, l := range lines {\n\t\ts += l\n\t}\n\treturn grossPrice(s, \"DE\") + pricing.GrossPrice(1, \"x\")\n}\n",
    "src/shop/orders/api.py::make": "func Make() *Money {\n\treturn NewMoney(Double(5))\n}\n",
    "src/shop/orders/api.py::rounded": "func Rounded(x int) int {\n\treturn roundCents(x)\n}\n",
    "src/shop/orders/util.py::double": "func double(x int) int {\n\treturn 2 * x\n}\n",
}
NESTED_LAYOUT = {"out": "go", "strip": "src/", "module": "example.com/shop"}


@pytest.fixture
def nested_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "nested"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for rel, text in NESTED.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "nested")
    return repo


def test_packages_module_and_strip(nested_repo: Path, tmp_path: Path):
    session = review(nested_repo, NESTED_GO)
    before = repo_snapshot(nested_repo)
    result = publish(gitpython.Repo(nested_repo), nested_repo, session, layout=NESTED_LAYOUT)
    assert repo_snapshot(nested_repo) == before
    files = branch_files(nested_repo)
    assert {"go/go.mod", "go/shop/pricing.go", "go/shop/orders/api.go", "go/shop/orders/util.go"} <= set(files)
    assert files["go/go.mod"].startswith("module example.com/shop\n")
    api = files["go/shop/orders/api.go"]
    assert api.startswith("package orders\n")
    assert '"example.com/shop/shop"' in api
    assert "shop.GrossPrice(s, \"DE\") + shop.GrossPrice(1, \"x\")" in api  # bare and module-qualified calls
    assert "*shop.Money" in api and "shop.NewMoney(double(5))" in api  # same package: decided spelling
    assert "shop.RoundCents(x)" in api  # unexported in its package: reached through an exported alias
    assert "var RoundCents = roundCents" in files["go/shop/gotui_exports.go"]
    assert result.warnings == []
    go_build(nested_repo, tmp_path / "out", sub="go")


def test_go_mod_is_created_once_and_then_kept(nested_repo: Path, tmp_path: Path):
    repo = gitpython.Repo(nested_repo)
    session = review(nested_repo, NESTED_GO)
    publish(repo, nested_repo, session, layout=NESTED_LAYOUT)
    # the team renames the module on the branch, by hand
    edited = "module example.com/renamed\n\ngo 1.22\n\n// ours\n"
    commit_files(repo, "gotui/migration", {"go/go.mod": edited}, "rename the module")
    session.edit("src/shop/orders/util.py::double", "func double(x int) int {\n\treturn x + x\n}\n")
    result = publish(repo, nested_repo, session, layout=NESTED_LAYOUT)
    files = branch_files(nested_repo)
    # kept, but for its go line: the generated code needs Go 1.23 (range-over-func), which is said
    assert files["go/go.mod"] == edited.replace("go 1.22", "go 1.23")
    assert '"example.com/renamed/shop"' in files["go/shop/orders/api.go"]
    assert any("go.mod" in w and "go 1.23" in w for w in result.warnings), result.warnings
    go_build(nested_repo, tmp_path / "out", sub="go")
    # a go.mod that asks for enough is kept byte for byte
    newer = "module example.com/renamed\n\ngo 1.24\n\n// ours\n"
    commit_files(repo, "gotui/migration", {"go/go.mod": newer}, "newer Go")
    session.edit("src/shop/orders/util.py::double", "func double(x int) int {\n\treturn 2 * x\n}\n")
    result = publish(repo, nested_repo, session, layout=NESTED_LAYOUT)
    assert branch_files(nested_repo)["go/go.mod"] == newer and "go/go.mod" not in result.files


def test_files_whose_units_are_all_unaccepted_leave_the_branch(shop_repo: Path):
    repo = gitpython.Repo(shop_repo)
    go = {k: v for k, v in SHOP_GO.items() if k.startswith(("shop/pricing.py", "shop/inventory.py"))}
    session = review(shop_repo, go)
    publish(repo, shop_repo, session)
    # someone adds a file of their own on the branch: gotui never removes it
    commit_files(repo, "gotui/migration", {"shop/extra.go": "package shop\n\nfunc Extra() {}\n"}, "by hand")
    for uid in go:
        if uid.startswith("shop/inventory.py"):
            session.reject(uid)
    before = repo_snapshot(shop_repo)
    dry = publish(repo, shop_repo, session, dry_run=True)
    assert dry.commit is None and dry.deleted == ["shop/inventory.go"] and dry.added == [] and dry.modified == []
    assert ("D", "shop/inventory.go") in dry.changes()
    tip = git(shop_repo, "rev-parse", "gotui/migration").strip()
    assert repo_snapshot(shop_repo) == before
    result = publish(repo, shop_repo, session)
    assert result.deleted == ["shop/inventory.go"] and result.parent == tip
    files = branch_files(shop_repo)
    assert "shop/inventory.go" not in files and "shop/extra.go" in files and "shop/pricing.go" in files
    assert "go.mod" in files
    assert "Removed (no accepted unit left):\n- shop/inventory.go" in git(shop_repo, "log", "-1", "--format=%B", "gotui/migration")
    # every unit un-accepted: everything gotui wrote goes, the user's files and go.mod stay
    for uid in go:
        if uid.startswith("shop/pricing.py"):
            session.reject(uid)
    result = publish(repo, shop_repo, session)
    assert result.deleted == ["shop/pricing.go"]
    assert {"go.mod", "shop/extra.go"} <= set(branch_files(shop_repo))


def test_dry_run_lists_added_and_modified_without_writing(shop_repo: Path):
    repo = gitpython.Repo(shop_repo)
    session = review(shop_repo, {"shop/pricing.py::vat_rate": SHOP_GO["shop/pricing.py::vat_rate"]})
    dry = publish(repo, shop_repo, session, dry_run=True)
    assert dry.added == ["go.mod", "shop/pricing.go"] and dry.dry_run
    assert git(shop_repo, "branch", "--list", "gotui/migration") == ""
    publish(repo, shop_repo, session)
    session.record_translation("shop/pricing.py::bulk_discount", Translation(go=SHOP_GO["shop/pricing.py::bulk_discount"], status="converted", backend="hand"))
    session.accept("shop/pricing.py::bulk_discount")
    dry = publish(repo, shop_repo, session, dry_run=True)
    assert dry.modified == ["shop/pricing.go"] and dry.added == [] and dry.to_json()["modified"] == ["shop/pricing.go"]


def test_layout_settings_are_checked():
    assert Layout.from_config({"out": "./go/", "strip": "src"}) == Layout(out="go", strip="src")
    for bad in ({"out": "../elsewhere"}, {"out": "/abs"}, {"module": "has space"}, {"outt": "go"}, {"strip": 3}):
        with pytest.raises(LayoutError):
            Layout.from_config(bad)


def test_bad_layout_is_a_branch_error(shop_repo: Path):
    session = review(shop_repo, {"shop/pricing.py::vat_rate": SHOP_GO["shop/pricing.py::vat_rate"]})
    with pytest.raises(BranchError, match=r"\[layout\] out"):
        publish(gitpython.Repo(shop_repo), shop_repo, session, layout={"out": "../x"})


def test_python_imports_resolve_relative_absolute_and_modules(nested_repo: Path):
    files = PythonFiles(nested_repo)
    refs = python_imports("src/shop/orders/api.py", NESTED["src/shop/orders/api.py"], files)
    assert refs["gross_price"].target == "src/shop/pricing.py" and refs["gross_price"].attr == "gross_price"
    assert refs["pricing"].target == "src/shop/pricing.py" and refs["pricing"].attr is None
    assert refs["double"].target == "src/shop/orders/util.py"


def test_layout_mirrors_beside_the_python_by_default():
    layout = Layout()
    assert layout.go_file("shop/orders/api.py") == "shop/orders/api.go"
    assert layout.go_file("shop/__init__.py") == "shop/shop.go"
    assert layout.go_file("tests/cart_test.py") == "tests/cart_test_.go"
    assert Layout(out="go", strip="shop").go_file("shop/orders/api.py") == "go/orders/api.go"
    assert Layout(out="go").import_path("m", "go/shop/orders") == "m/shop/orders"
    assert Layout(out="go").package_name("example.com/my-shop", "go") == "myshop"


def test_a_local_name_never_hides_a_package_alias():
    units = [
        GoUnit("a/x.py::f", "a/x.py", 1, "func F(b int) int {\n\treturn B(b)\n}\n"),
        GoUnit("b/y.py::b", "b/y.py", 1, "func B(x int) int {\n\treturn x\n}\n"),
    ]

    class Files(PythonFiles):
        def read(self, rel: str) -> str | None:
            return "from b.y import b\n" if rel == "a/x.py" else ""

        def is_file(self, rel: str) -> bool:
            return rel in ("a/x.py", "b/y.py")

    out = assemble_module(units, Layout(), "m", python=Files(None)).files
    assert "bpkg.B(b)" in out["a/x.go"] and 'bpkg "m/b"' in out["a/x.go"]


def test_only_references_are_rewritten_not_declarations_fields_or_strings():
    units = [
        GoUnit("a/x.py::f", "a/x.py", 1, 'type Row struct {\n\tTotal int\n}\n\nfunc F(r Row) int {\n\t// Total is b\'s\n\t_ = "Total"\n\treturn Total(r.Total) + len(Row{Total: 1}.String())\n}\n\nfunc (r Row) String() string {\n\treturn ""\n}\n'),
        GoUnit("b/y.py::total", "b/y.py", 1, "func Total(x int) int {\n\treturn x\n}\n"),
    ]

    class Files(PythonFiles):
        def read(self, rel: str) -> str | None:
            return "from b.y import total\n" if rel == "a/x.py" else ""

        def is_file(self, rel: str) -> bool:
            return rel in ("a/x.py", "b/y.py")

    out = assemble_module(units, Layout(), "m", python=Files(None)).files["a/x.go"]
    assert "\tTotal int\n" in out and "// Total is b's" in out and '_ = "Total"' in out
    assert "return b.Total(r.Total) + len(Row{Total: 1}.String())" in out
