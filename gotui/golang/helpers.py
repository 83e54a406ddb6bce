"""Go helper functions that translated code may call (floor division, Python rounding, ...).

They are written once per package into a generated file, only when some unit uses them. Each helper
keeps one piece of Python semantics exactly; where Python raises an exception that the translated code
does not return as an error (KeyError, IndexError, ...), the helper panics with the same exception
(see pyRaise), so nothing goes on silently with a wrong value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class GoHelper:
    name: str
    source: str  # the Go declaration(s)
    imports: tuple[str, ...] = ()
    deps: tuple[str, ...] = field(default_factory=tuple)  # other helpers it calls


_NAME = re.compile(r"\b(py[A-Z]\w*|Tuple[234])\b")

_SOURCES: dict[str, tuple[str, tuple[str, ...]]] = {
    # --- exceptions ---
    "pyRaise": ("""// pyException is a Python built-in exception carried as a Go error; Error() is str(exc).
type pyException struct {
	kind string
	msg  string
}

func (e *pyException) Error() string {
	return e.msg
}

// pyRaise is `raise kind(msg)` for a built-in exception class.
func pyRaise(kind, msg string) error {
	return &pyException{kind: kind, msg: msg}
}
""", ()),
    "pyErrorIs": ("""var pyExcParent = map[string]string{
	"Exception": "BaseException", "ArithmeticError": "Exception", "ZeroDivisionError": "ArithmeticError",
	"OverflowError": "ArithmeticError", "LookupError": "Exception", "KeyError": "LookupError",
	"IndexError": "LookupError", "ValueError": "Exception", "UnicodeError": "ValueError", "TypeError": "Exception",
	"RuntimeError": "Exception", "NotImplementedError": "RuntimeError", "AttributeError": "Exception",
	"AssertionError": "Exception", "OSError": "Exception", "StopIteration": "Exception",
}

// pyErrorIs reports whether `except kind` catches err, following Python's class hierarchy.
func pyErrorIs(err error, kind string) bool {
	if err == nil {
		return false
	}
	if kind == "Exception" || kind == "BaseException" {
		return true
	}
	var e *pyException
	if !errors.As(err, &e) {
		return false
	}
	for k := e.kind; k != ""; k = pyExcParent[k] {
		if k == kind {
			return true
		}
	}
	return false
}
""", ("errors",)),
    "pyCheckUnpack": ("""// pyCheckUnpack is the ValueError of `a, b = xs` when xs has the wrong length.
func pyCheckUnpack(got, want int) error {
	if got < want {
		return pyRaise("ValueError", fmt.Sprintf("not enough values to unpack (expected %d, got %d)", want, got))
	}
	if got > want {
		return pyRaise("ValueError", fmt.Sprintf("too many values to unpack (expected %d)", want))
	}
	return nil
}
""", ("fmt",)),
    "pyRepr": ("""// pyRepr is Python's repr() of a key, for KeyError and ValueError messages.
func pyRepr(v any) string {
	switch x := v.(type) {
	case string:
		return pyReprStr(x)
	case bool:
		return pyBoolStr(x)
	case float64:
		return pyFloatStr(x)
	}
	return fmt.Sprint(v)
}
""", ("fmt",)),
    "pyReprStr": (r"""// pyReprStr is Python's repr() of a str: single quotes unless the text has ' and no ", backslash
// escapes for the quote, backslash, \t \n \r and other control characters, non-printable code points
// as \xhh, \uhhhh or \Uhhhhhhhh, printable non-ASCII text kept as it is.
func pyReprStr(s string) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteRune(quote)
	for _, r := range s {
		switch {
		case r == quote || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f:
			b.WriteRune(r)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteRune(quote)
	return b.String()
}
""", ("fmt", "strings", "unicode")),
    # --- numbers ---
    "pyFloorDiv": ("""// pyFloorDiv is Python's a // b on ints: the quotient rounded toward negative infinity.
func pyFloorDiv(a, b int) int {
	if b == 0 {
		panic(pyRaise("ZeroDivisionError", "integer division or modulo by zero"))
	}
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
""", ()),
    "pyMod": ("""// pyMod is Python's a % b on ints: the result has the sign of b.
func pyMod(a, b int) int {
	if b == 0 {
		panic(pyRaise("ZeroDivisionError", "integer division or modulo by zero"))
	}
	m := a % b
	if m != 0 && (m < 0) != (b < 0) {
		m += b
	}
	return m
}
""", ()),
    "pyModF": ("""// pyModF is Python's a % b on floats (CPython's float_rem).
func pyModF(a, b float64) float64 {
	if b == 0 {
		panic(pyRaise("ZeroDivisionError", "float modulo"))
	}
	m := math.Mod(a, b)
	if m != 0 {
		if (b < 0) != (m < 0) {
			m += b
		}
	} else {
		m = math.Copysign(0, b)
	}
	return m
}
""", ("math",)),
    "pyFloorDivF": ("""// pyFloorDivF is Python's a // b on floats (CPython's float_floor_div).
func pyFloorDivF(a, b float64) float64 {
	if b == 0 {
		panic(pyRaise("ZeroDivisionError", "float floor division by zero"))
	}
	mod := math.Mod(a, b)
	div := (a - mod) / b
	if mod != 0 && (b < 0) != (mod < 0) {
		div -= 1.0
	}
	if div == 0 {
		return math.Copysign(0, a/b)
	}
	floor := math.Floor(div)
	if div-floor > 0.5 {
		floor += 1.0
	}
	return floor
}
""", ("math",)),
    "pyDiv": ("""// pyDiv is Python's true division: division by zero raises instead of giving Inf.
func pyDiv(a, b float64) float64 {
	if b == 0 {
		panic(pyRaise("ZeroDivisionError", "division by zero"))
	}
	return a / b
}
""", ()),
    "pyPowInt": ("""// pyPowInt is Python's a ** b on ints; it panics where Python would give a float or a bigger int.
func pyPowInt(a, b int) int {
	if b < 0 {
		panic(pyRaise("ValueError", "gotui: int ** negative int is a float in Python"))
	}
	r := 1
	for b > 0 {
		if b&1 == 1 {
			r = pyMulChecked(r, a)
		}
		b >>= 1
		if b > 0 {
			a = pyMulChecked(a, a)
		}
	}
	return r
}

func pyMulChecked(x, y int) int {
	if x == 0 || y == 0 {
		return 0
	}
	r := x * y
	if r/y != x || (x == -1 && y == math.MinInt) || (y == -1 && x == math.MinInt) {
		panic(pyRaise("OverflowError", "gotui: the result does not fit in a Go int"))
	}
	return r
}
""", ("math",)),
    "pyPow": ("""// pyPow is Python's a ** b on floats, raising where Python raises.
func pyPow(a, b float64) float64 {
	if a == 0 && b < 0 {
		panic(pyRaise("ZeroDivisionError", "0.0 cannot be raised to a negative power"))
	}
	if a < 0 && b != math.Trunc(b) && !math.IsInf(b, 0) && !math.IsNaN(b) {
		panic(pyRaise("ValueError", "gotui: a negative number to a fractional power is complex in Python"))
	}
	r := math.Pow(a, b)
	if math.IsInf(r, 0) && !math.IsInf(a, 0) && !math.IsInf(b, 0) {
		panic(pyRaise("OverflowError", "(34, 'Numerical result out of range')"))
	}
	return r
}
""", ("math",)),
    "pyAbs": ("""// pyAbs is abs() of an int.
func pyAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
""", ()),
    "pyToInt": ("""// pyToInt converts an integral float to int, raising as Python does for inf, nan and huge values.
func pyToInt(x float64) int {
	if math.IsInf(x, 0) {
		panic(pyRaise("OverflowError", "cannot convert float infinity to integer"))
	}
	if math.IsNaN(x) {
		panic(pyRaise("ValueError", "cannot convert float NaN to integer"))
	}
	if x >= 9.223372036854775807e18 || x < -9.223372036854775808e18 {
		panic(pyRaise("OverflowError", "gotui: the result does not fit in a Go int"))
	}
	return int(x)
}
""", ("math",)),
    "pyRound": ("""// pyRound is round(x) with one argument: half to even, an int.
func pyRound(x float64) int {
	return pyToInt(math.RoundToEven(x))
}
""", ("math",)),
    "pyTrunc": ("""// pyTrunc is int(x) of a float: toward zero.
func pyTrunc(x float64) int {
	return pyToInt(math.Trunc(x))
}
""", ("math",)),
    "pyFloor": ("""// pyFloor is math.floor(x): an int.
func pyFloor(x float64) int {
	return pyToInt(math.Floor(x))
}
""", ("math",)),
    "pyCeil": ("""// pyCeil is math.ceil(x): an int.
func pyCeil(x float64) int {
	return pyToInt(math.Ceil(x))
}
""", ("math",)),
    "pyRoundN": ("""// pyRoundN is round(x, n): the correctly rounded decimal, half to even, as Python computes it.
func pyRoundN(x float64, n int) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', n, 64), 64)
	return v
}
""", ("math", "strconv")),
    "pySqrt": ("""// pySqrt is math.sqrt: negative arguments raise ValueError.
func pySqrt(x float64) float64 {
	if x < 0 {
		panic(pyRaise("ValueError", "math domain error"))
	}
	return math.Sqrt(x)
}
""", ("math",)),
    "pyGcd": ("""// pyGcd is math.gcd of two ints.
func pyGcd(a, b int) int {
	a, b = pyAbs(a), pyAbs(b)
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
""", ()),
    "pyBoolInt": ("""// pyBoolInt is int(b).
func pyBoolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
""", ()),
    "pyBoolStr": ("""// pyBoolStr is str(b).
func pyBoolStr(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
""", ()),
    "pyFloatStr": ("""// pyFloatStr is str(x) of a float: the shortest repr, "1.0" not "1", "inf", "1e+16".
func pyFloatStr(x float64) string {
	switch {
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	case math.IsNaN(x):
		return "nan"
	}
	s := strconv.FormatFloat(x, 'e', -1, 64)
	mant, expText, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(expText)
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(mant, "-")
	digits := strings.Replace(mant, ".", "", 1)
	var out string
	switch {
	case exp < -4 || exp >= 16:
		out = digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		out += fmt.Sprintf("e%s%02d", sign, exp)
	case exp < 0:
		out = "0." + strings.Repeat("0", -exp-1) + digits
	case len(digits) <= exp+1:
		out = digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	default:
		out = digits[:exp+1] + "." + digits[exp+1:]
	}
	if neg {
		out = "-" + out
	}
	return out
}
""", ("fmt", "math", "strconv", "strings")),
    "pyFloatFixed": ("""// pyFloatFixed is format(x, ".Nf"): Python prints inf and nan where Go prints +Inf and NaN.
func pyFloatFixed(x float64, prec int) string {
	switch {
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	case math.IsNaN(x):
		return "nan"
	}
	return strconv.FormatFloat(x, 'f', prec, 64)
}
""", ("math", "strconv")),
    "pyFloatExp": ("""// pyFloatExp is format(x, ".Ne").
func pyFloatExp(x float64, prec int) string {
	switch {
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	case math.IsNaN(x):
		return "nan"
	}
	return strconv.FormatFloat(x, 'e', prec, 64)
}
""", ("math", "strconv")),
    "pyDigitsOnly": ("""// pyDigitsOnly rewrites Python's numeric text for strconv: Unicode decimal digits to ASCII and
// underscores between digits removed; ok is false when an underscore is misplaced.
func pyDigitsOnly(s string) (string, bool) {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '_':
			if i == 0 || i == len(rs)-1 || !unicode.IsDigit(rs[i-1]) || !unicode.IsDigit(rs[i+1]) {
				return "", false
			}
		case r > 127 && unicode.IsDigit(r):
			start := r
			for unicode.IsDigit(start - 1) {
				start--
			}
			b.WriteByte(byte('0' + (r-start)%10))
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), true
}
""", ("strings", "unicode")),
    "pyParseInt": ("""// pyParseInt is int(s): surrounding whitespace, a sign, underscores and Unicode digits allowed.
func pyParseInt(s string) (int, error) {
	bad := pyRaise("ValueError", "invalid literal for int() with base 10: "+pyRepr(s))
	t, ok := pyDigitsOnly(strings.TrimFunc(s, pySpace))
	if !ok || t == "" {
		return 0, bad
	}
	body := strings.TrimLeft(t, "+-")
	if len(t)-len(body) > 1 || body == "" {
		return 0, bad
	}
	for _, r := range body {
		if r < '0' || r > '9' {
			return 0, bad
		}
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		panic(pyRaise("OverflowError", "gotui: "+t+" does not fit in a Go int"))
	}
	return n, nil
}
""", ("strconv", "strings")),
    "pyParseFloat": ("""// pyParseFloat is float(s): whitespace, underscores, inf and nan as Python accepts them; no hex.
func pyParseFloat(s string) (float64, error) {
	bad := pyRaise("ValueError", "could not convert string to float: "+pyRepr(s))
	t, ok := pyDigitsOnly(strings.TrimFunc(s, pySpace))
	if !ok || t == "" || strings.ContainsAny(t, "xXpP") {
		return 0, bad
	}
	low := strings.ToLower(strings.TrimLeft(t, "+-"))
	if len(t)-len(low) > 1 {
		return 0, bad
	}
	if low != "inf" && low != "infinity" && low != "nan" {
		for _, r := range low {
			if !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == '+' || r == '-') {
				return 0, bad
			}
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, bad
	}
	return v, nil
}
""", ("errors", "strconv", "strings")),
    "pyMinF": ("""// pyMinF is min() of floats: the first smallest, with Python's comparisons.
func pyMinF(first float64, rest ...float64) float64 {
	best := first
	for _, x := range rest {
		if x < best {
			best = x
		}
	}
	return best
}
""", ()),
    "pyMaxF": ("""// pyMaxF is max() of floats: the first largest, with Python's comparisons.
func pyMaxF(first float64, rest ...float64) float64 {
	best := first
	for _, x := range rest {
		if x > best {
			best = x
		}
	}
	return best
}
""", ()),
    "pyMinSliceF": ("""// pyMinSliceF is min(xs) of a list of floats.
func pyMinSliceF(xs []float64) float64 {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "min() arg is an empty sequence"))
	}
	return pyMinF(xs[0], xs[1:]...)
}
""", ()),
    "pyMaxSliceF": ("""// pyMaxSliceF is max(xs) of a list of floats.
func pyMaxSliceF(xs []float64) float64 {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "max() arg is an empty sequence"))
	}
	return pyMaxF(xs[0], xs[1:]...)
}
""", ()),
    "pyMin": ("""// pyMin is min(xs) of ints or strings.
func pyMin[T cmp.Ordered](xs []T) T {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "min() arg is an empty sequence"))
	}
	return slices.Min(xs)
}
""", ("cmp", "slices")),
    "pyMax": ("""// pyMax is max(xs) of ints or strings.
func pyMax[T cmp.Ordered](xs []T) T {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "max() arg is an empty sequence"))
	}
	return slices.Max(xs)
}
""", ("cmp", "slices")),
    "pyMinBy": ("""// pyMinBy is min(xs, key=...): the first item no other is less than.
func pyMinBy[T any](xs []T, less func(a, b T) bool) T {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "min() arg is an empty sequence"))
	}
	best := xs[0]
	for _, x := range xs[1:] {
		if less(x, best) {
			best = x
		}
	}
	return best
}
""", ()),
    "pyMaxBy": ("""// pyMaxBy is max(xs, key=...): the first item no other is greater than (greater reports a > b).
func pyMaxBy[T any](xs []T, greater func(a, b T) bool) T {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "max() arg is an empty sequence"))
	}
	best := xs[0]
	for _, x := range xs[1:] {
		if greater(x, best) {
			best = x
		}
	}
	return best
}
""", ()),
    "pySum": ("""// pySum is sum(xs), left to right.
func pySum[T int | float64](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}
""", ()),
    # --- truthiness and Optional ---
    "pyOr": ("""// pyOr is `a or b` for numbers and strings: a unless it is zero or empty.
func pyOr[T comparable](a, b T) T {
	var zero T
	if a != zero {
		return a
	}
	return b
}
""", ()),
    "pyOrList": ("""// pyOrList is `a or b` for lists.
func pyOrList[T any](a, b []T) []T {
	if len(a) > 0 {
		return a
	}
	return b
}
""", ()),
    "pyOrMap": ("""// pyOrMap is `a or b` for dicts and sets.
func pyOrMap[K comparable, V any](a, b map[K]V) map[K]V {
	if len(a) > 0 {
		return a
	}
	return b
}
""", ()),
    "pyOrPtr": ("""// pyOrPtr is `a or b` where a is Optional: b when a is None or falsy.
func pyOrPtr[T comparable](a *T, b T) T {
	var zero T
	if a != nil && *a != zero {
		return *a
	}
	return b
}
""", ()),
    "pyPtr": ("""// pyPtr makes an Optional value (a pointer) from a value.
func pyPtr[T any](v T) *T {
	return &v
}
""", ()),
    # --- sequences ---
    "pySliceBounds": ("""// pySliceBounds clamps Python slice bounds (negative from the end) to [0, n].
func pySliceBounds(n, lo, hi int) (int, int) {
	if lo < 0 {
		lo = max(lo+n, 0)
	} else if lo > n {
		lo = n
	}
	if hi < 0 {
		hi = max(hi+n, 0)
	} else if hi > n {
		hi = n
	}
	if hi < lo {
		hi = lo
	}
	return lo, hi
}
""", ()),
    "pySlice": ("""// pySlice is xs[lo:hi]: clamped bounds, negative from the end, and a copy as in Python.
func pySlice[T any](xs []T, lo, hi int) []T {
	lo, hi = pySliceBounds(len(xs), lo, hi)
	return append([]T{}, xs[lo:hi]...)
}
""", ()),
    "pySliceFrom": ("""// pySliceFrom is xs[lo:].
func pySliceFrom[T any](xs []T, lo int) []T {
	return pySlice(xs, lo, len(xs))
}
""", ()),
    "pyIsASCII": ("""func pyIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
""", ()),
    "pyStrSlice": ("""// pyStrSlice is s[lo:hi] counted in code points, as Python counts.
func pyStrSlice(s string, lo, hi int) string {
	if pyIsASCII(s) {
		lo, hi = pySliceBounds(len(s), lo, hi)
		return s[lo:hi]
	}
	r := []rune(s)
	lo, hi = pySliceBounds(len(r), lo, hi)
	return string(r[lo:hi])
}
""", ()),
    "pyStrSliceFrom": ("""// pyStrSliceFrom is s[lo:].
func pyStrSliceFrom(s string, lo int) string {
	return pyStrSlice(s, lo, utf8.RuneCountInString(s))
}
""", ("unicode/utf8",)),
    "pyAt": ("""// pyAt is xs[i]: negative i counts from the end; out of range raises IndexError.
func pyAt[T any](xs []T, i int) T {
	return xs[pyIdx(i, len(xs))]
}
""", ()),
    "pyIdx": ("""// pyIdx turns a Python index into a Go one (negative from the end), raising IndexError.
func pyIdx(i, n int) int {
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		panic(pyRaise("IndexError", "list index out of range"))
	}
	return i
}
""", ()),
    "pyIdxSet": ("""// pyIdxSet is pyIdx for `xs[i] = v`: Python's IndexError then says "list assignment index".
func pyIdxSet(i, n int) int {
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		panic(pyRaise("IndexError", "list assignment index out of range"))
	}
	return i
}
""", ()),
    "pyStrAt": ("""// pyStrAt is s[i]: one code point, negative i from the end.
func pyStrAt(s string, i int) string {
	if pyIsASCII(s) {
		if i < 0 {
			i += len(s)
		}
		if i < 0 || i >= len(s) {
			panic(pyRaise("IndexError", "string index out of range"))
		}
		return s[i : i+1]
	}
	r := []rune(s)
	if i < 0 {
		i += len(r)
	}
	if i < 0 || i >= len(r) {
		panic(pyRaise("IndexError", "string index out of range"))
	}
	return string(r[i])
}
""", ()),
    "pyChars": ("""// pyChars is list(s): one string per code point.
func pyChars(s string) []string {
	out := []string{}
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}
""", ()),
    "pyZipRows": ("""// pyZipRows is list(zip(*rows)): the transpose, as long as the shortest row (no rows: no items).
func pyZipRows[T any](rows [][]T) [][]T {
	out := [][]T{}
	if len(rows) == 0 {
		return out
	}
	n := len(rows[0])
	for _, r := range rows[1:] {
		n = min(n, len(r))
	}
	for i := 0; i < n; i++ {
		col := make([]T, len(rows))
		for j, r := range rows {
			col[j] = r[i]
		}
		out = append(out, col)
	}
	return out
}
""", ()),
    "pyReversed": ("""// pyReversed is list(reversed(xs)) (and xs[::-1]): a new list.
func pyReversed[T any](xs []T) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		out[len(xs)-1-i] = x
	}
	return out
}
""", ()),
    "pyStrReversed": ("""// pyStrReversed is s[::-1], by code point.
func pyStrReversed(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}
""", ()),
    "pyRepeat": ("""// pyRepeat is xs * n: n copies (none when n <= 0).
func pyRepeat[T any](xs []T, n int) []T {
	out := []T{}
	for i := 0; i < n; i++ {
		out = append(out, xs...)
	}
	return out
}
""", ()),
    "pyRange": ("""// pyRange is list(range(start, stop, step)).
func pyRange(start, stop, step int) []int {
	if step == 0 {
		panic(pyRaise("ValueError", "range() arg 3 must not be zero"))
	}
	out := []int{}
	for i := start; (step > 0 && i < stop) || (step < 0 && i > stop); i += step {
		out = append(out, i)
	}
	return out
}
""", ()),
    "pyPop": ("""// pyPop is xs.pop().
func pyPop[T any](xs *[]T) T {
	if len(*xs) == 0 {
		panic(pyRaise("IndexError", "pop from empty list"))
	}
	x := (*xs)[len(*xs)-1]
	*xs = (*xs)[:len(*xs)-1]
	return x
}
""", ()),
    "pyPopAt": ("""// pyPopAt is xs.pop(i) (and del xs[i]).
func pyPopAt[T any](xs *[]T, i int) T {
	n := len(*xs)
	if n == 0 {
		panic(pyRaise("IndexError", "pop from empty list"))
	}
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		panic(pyRaise("IndexError", "pop index out of range"))
	}
	x := (*xs)[i]
	*xs = append((*xs)[:i], (*xs)[i+1:]...)
	return x
}
""", ()),
    "pyInsert": ("""// pyInsert is xs.insert(i, x): i is clamped as Python clamps it.
func pyInsert[T any](xs *[]T, i int, x T) {
	n := len(*xs)
	if i < 0 {
		i = max(i+n, 0)
	} else if i > n {
		i = n
	}
	*xs = slices.Insert(*xs, i, x)
}
""", ("slices",)),
    "pyRemove": ("""// pyRemove is xs.remove(x): the first equal item; ValueError when there is none.
func pyRemove[T comparable](xs *[]T, x T) {
	i := slices.Index(*xs, x)
	if i < 0 {
		panic(pyRaise("ValueError", "list.remove(x): x not in list"))
	}
	*xs = slices.Delete(*xs, i, i+1)
}
""", ("slices",)),
    "pyCount": ("""// pyCount is xs.count(x).
func pyCount[T comparable](xs []T, x T) int {
	n := 0
	for _, v := range xs {
		if v == x {
			n++
		}
	}
	return n
}
""", ()),
    "pyIndexOf": ("""// pyIndexOf is xs.index(x), with Python's ValueError.
func pyIndexOf[T comparable](xs []T, x T) (int, error) {
	if i := slices.Index(xs, x); i >= 0 {
		return i, nil
	}
	return 0, pyRaise("ValueError", pyRepr(x)+" is not in list")
}
""", ("slices",)),
    "pySorted": ("""// pySorted is sorted(xs): a new sorted list.
func pySorted[T cmp.Ordered](xs []T) []T {
	out := append([]T{}, xs...)
	slices.Sort(out)
	return out
}
""", ("cmp", "slices")),
    "pySortedDesc": ("""// pySortedDesc is sorted(xs, reverse=True): stable, as Python's.
func pySortedDesc[T cmp.Ordered](xs []T) []T {
	out := append([]T{}, xs...)
	pySortDesc(out)
	return out
}
""", ("cmp",)),
    "pySortDesc": ("""// pySortDesc is xs.sort(reverse=True).
func pySortDesc[T cmp.Ordered](xs []T) {
	sort.SliceStable(xs, func(i, j int) bool {
		return xs[j] < xs[i]
	})
}
""", ("cmp", "sort")),
    "pySortedFunc": ("""// pySortedFunc is sorted(xs, key=...): a stable sort by less, on a copy.
func pySortedFunc[T any](xs []T, less func(a, b T) bool) []T {
	out := append([]T{}, xs...)
	pySortFunc(out, less)
	return out
}
""", ()),
    "pySortFunc": ("""// pySortFunc is xs.sort(key=...): stable, in place.
func pySortFunc[T any](xs []T, less func(a, b T) bool) {
	sort.SliceStable(xs, func(i, j int) bool {
		return less(xs[i], xs[j])
	})
}
""", ("sort",)),
    # --- dicts and sets ---
    "pyKey": ("""// pyKey is d[k]: a missing key raises KeyError instead of giving the zero value.
func pyKey[K comparable, V any](m map[K]V, k K) V {
	v, ok := m[k]
	if !ok {
		panic(pyRaise("KeyError", pyRepr(k)))
	}
	return v
}
""", ()),
    "pyHas": ("""// pyHas is `k in d` for dicts and sets.
func pyHas[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
""", ()),
    "pyGet": ("""// pyGet is d.get(k, default).
func pyGet[K comparable, V any](m map[K]V, k K, def V) V {
	if v, ok := m[k]; ok {
		return v
	}
	return def
}
""", ()),
    "pyGetOpt": ("""// pyGetOpt is d.get(k): nil for None.
func pyGetOpt[K comparable, V any](m map[K]V, k K) *V {
	if v, ok := m[k]; ok {
		return &v
	}
	return nil
}
""", ()),
    "pySetDefault": ("""// pySetDefault is d.setdefault(k, v).
func pySetDefault[K comparable, V any](m map[K]V, k K, v V) V {
	if old, ok := m[k]; ok {
		return old
	}
	m[k] = v
	return v
}
""", ()),
    "pyDefault": ("""// pyDefault is d[k] on a defaultdict: a missing key is inserted with the factory's value.
func pyDefault[K comparable, V any](m map[K]V, k K, v V) V {
	return pySetDefault(m, k, v)
}
""", ()),
    "pyPopKey": ("""// pyPopKey is d.pop(k), raising KeyError when k is missing.
func pyPopKey[K comparable, V any](m map[K]V, k K) V {
	v := pyKey(m, k)
	delete(m, k)
	return v
}
""", ()),
    "pyPopKeyOr": ("""// pyPopKeyOr is d.pop(k, default).
func pyPopKeyOr[K comparable, V any](m map[K]V, k K, def V) V {
	v, ok := m[k]
	if !ok {
		return def
	}
	delete(m, k)
	return v
}
""", ()),
    "pyDelKey": ("""// pyDelKey is del d[k] (and s.remove(k)): a missing key raises KeyError.
func pyDelKey[K comparable, V any](m map[K]V, k K) {
	if _, ok := m[k]; !ok {
		panic(pyRaise("KeyError", pyRepr(k)))
	}
	delete(m, k)
}
""", ()),
    "pyAdd": ("""// pyAdd is s.add(x).
func pyAdd[K comparable](s map[K]struct{}, k K) {
	s[k] = struct{}{}
}
""", ()),
    "pyKeys": ("""// pyKeys lists a map's keys, in no particular order (used only where order cannot matter).
func pyKeys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
""", ()),
    "pyValues": ("""// pyValues lists a map's values, in no particular order (used only where order cannot matter).
func pyValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
""", ()),
    "pyItems": ("""// pyItems lists a map's pairs, in no particular order (used only where order cannot matter).
func pyItems[K comparable, V any](m map[K]V) []Tuple2[K, V] {
	out := make([]Tuple2[K, V], 0, len(m))
	for k, v := range m {
		out = append(out, Tuple2[K, V]{k, v})
	}
	return out
}
""", ()),
    "pyDictZip": ("""// pyDictZip is dict(zip(keys, values)): pairs up to the shorter list, a later key wins.
func pyDictZip[K comparable, V any](keys []K, values []V) map[K]V {
	out := make(map[K]V, len(keys))
	for i := 0; i < len(keys) && i < len(values); i++ {
		out[keys[i]] = values[i]
	}
	return out
}
""", ()),
    "pySortedItems": ("""// pySortedItems is sorted(d.items()): pairs ordered by key (keys are unique).
func pySortedItems[K cmp.Ordered, V any](m map[K]V) []Tuple2[K, V] {
	out := make([]Tuple2[K, V], 0, len(m))
	for k, v := range m {
		out = append(out, Tuple2[K, V]{k, v})
	}
	slices.SortFunc(out, func(a, b Tuple2[K, V]) int {
		return cmp.Compare(a.F0, b.F0)
	})
	return out
}
""", ("cmp", "slices")),
    "pySortedItemsDesc": ("""// pySortedItemsDesc is sorted(d.items(), reverse=True).
func pySortedItemsDesc[K cmp.Ordered, V any](m map[K]V) []Tuple2[K, V] {
	out := pySortedItems(m)
	slices.Reverse(out)
	return out
}
""", ("cmp", "slices")),
    "pySet": ("""// pySet is set(xs).
func pySet[T comparable](xs []T) map[T]struct{} {
	out := make(map[T]struct{}, len(xs))
	for _, x := range xs {
		out[x] = struct{}{}
	}
	return out
}
""", ()),
    "pySetUnion": ("""// pySetUnion is a | b.
func pySetUnion[T comparable](a, b map[T]struct{}) map[T]struct{} {
	out := make(map[T]struct{}, len(a)+len(b))
	for x := range a {
		out[x] = struct{}{}
	}
	for x := range b {
		out[x] = struct{}{}
	}
	return out
}
""", ()),
    "pySetIntersection": ("""// pySetIntersection is a & b.
func pySetIntersection[T comparable](a, b map[T]struct{}) map[T]struct{} {
	out := map[T]struct{}{}
	for x := range a {
		if _, ok := b[x]; ok {
			out[x] = struct{}{}
		}
	}
	return out
}
""", ()),
    "pySetDifference": ("""// pySetDifference is a - b.
func pySetDifference[T comparable](a, b map[T]struct{}) map[T]struct{} {
	out := map[T]struct{}{}
	for x := range a {
		if _, ok := b[x]; !ok {
			out[x] = struct{}{}
		}
	}
	return out
}
""", ()),
    # --- strings ---
    "pySpace": ("""// pySpace is Python's str.isspace() for one code point (Go's unicode.IsSpace lacks U+001C..U+001F).
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}
""", ("unicode",)),
    "pyStrip": ("""// pyStrip is s.strip().
func pyStrip(s string) string {
	return strings.TrimFunc(s, pySpace)
}
""", ("strings",)),
    "pyLStrip": ("""// pyLStrip is s.lstrip().
func pyLStrip(s string) string {
	return strings.TrimLeftFunc(s, pySpace)
}
""", ("strings",)),
    "pyRStrip": ("""// pyRStrip is s.rstrip().
func pyRStrip(s string) string {
	return strings.TrimRightFunc(s, pySpace)
}
""", ("strings",)),
    "pyFields": ("""// pyFields is s.split() with no separator.
func pyFields(s string) []string {
	out := strings.FieldsFunc(s, pySpace)
	if out == nil {
		return []string{}
	}
	return out
}
""", ("strings",)),
    "pySplit": ("""// pySplit is s.split(sep) for a separator that is not a literal: an empty one raises ValueError.
func pySplit(s, sep string) []string {
	if sep == "" {
		panic(pyRaise("ValueError", "empty separator"))
	}
	return strings.Split(s, sep)
}
""", ("strings",)),
    "pyFind": ("""// pyFind is s.find(sub): a code point index, -1 when absent.
func pyFind(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:i])
}
""", ("strings", "unicode/utf8")),
    "pyRFind": ("""// pyRFind is s.rfind(sub).
func pyRFind(s, sub string) int {
	i := strings.LastIndex(s, sub)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:i])
}
""", ("strings", "unicode/utf8")),
    "pyStrIndex": ("""// pyStrIndex is s.index(sub), with Python's ValueError.
func pyStrIndex(s, sub string) (int, error) {
	if i := pyFind(s, sub); i >= 0 {
		return i, nil
	}
	return 0, pyRaise("ValueError", "substring not found")
}
""", ()),
    "pyUpper": ("""// pyUpper is s.upper(), with Python's full case mapping ("ß" -> "SS").
func pyUpper(s string) string {
	if pyIsASCII(s) {
		return strings.ToUpper(s)
	}
	var b strings.Builder
	for _, r := range s {
		if special, ok := pyUpperSpecial[r]; ok {
			b.WriteString(special)
		} else {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

var pyUpperSpecial = map[rune]string{
	0x00df: "SS",
	0x0149: "\u02bcN",
	0x01f0: "J\u030c",
	0x0390: "\u0399\u0308\u0301",
	0x03b0: "\u03a5\u0308\u0301",
	0x0587: "\u0535\u0552",
	0x1e96: "H\u0331",
	0x1e97: "T\u0308",
	0x1e98: "W\u030a",
	0x1e99: "Y\u030a",
	0x1e9a: "A\u02be",
	0x1f50: "\u03a5\u0313",
	0x1f52: "\u03a5\u0313\u0300",
	0x1f54: "\u03a5\u0313\u0301",
	0x1f56: "\u03a5\u0313\u0342",
	0x1f80: "\u1f08\u0399",
	0x1f81: "\u1f09\u0399",
	0x1f82: "\u1f0a\u0399",
	0x1f83: "\u1f0b\u0399",
	0x1f84: "\u1f0c\u0399",
	0x1f85: "\u1f0d\u0399",
	0x1f86: "\u1f0e\u0399",
	0x1f87: "\u1f0f\u0399",
	0x1f88: "\u1f08\u0399",
	0x1f89: "\u1f09\u0399",
	0x1f8a: "\u1f0a\u0399",
	0x1f8b: "\u1f0b\u0399",
	0x1f8c: "\u1f0c\u0399",
	0x1f8d: "\u1f0d\u0399",
	0x1f8e: "\u1f0e\u0399",
	0x1f8f: "\u1f0f\u0399",
	0x1f90: "\u1f28\u0399",
	0x1f91: "\u1f29\u0399",
	0x1f92: "\u1f2a\u0399",
	0x1f93: "\u1f2b\u0399",
	0x1f94: "\u1f2c\u0399",
	0x1f95: "\u1f2d\u0399",
	0x1f96: "\u1f2e\u0399",
	0x1f97: "\u1f2f\u0399",
	0x1f98: "\u1f28\u0399",
	0x1f99: "\u1f29\u0399",
	0x1f9a: "\u1f2a\u0399",
	0x1f9b: "\u1f2b\u0399",
	0x1f9c: "\u1f2c\u0399",
	0x1f9d: "\u1f2d\u0399",
	0x1f9e: "\u1f2e\u0399",
	0x1f9f: "\u1f2f\u0399",
	0x1fa0: "\u1f68\u0399",
	0x1fa1: "\u1f69\u0399",
	0x1fa2: "\u1f6a\u0399",
	0x1fa3: "\u1f6b\u0399",
	0x1fa4: "\u1f6c\u0399",
	0x1fa5: "\u1f6d\u0399",
	0x1fa6: "\u1f6e\u0399",
	0x1fa7: "\u1f6f\u0399",
	0x1fa8: "\u1f68\u0399",
	0x1fa9: "\u1f69\u0399",
	0x1faa: "\u1f6a\u0399",
	0x1fab: "\u1f6b\u0399",
	0x1fac: "\u1f6c\u0399",
	0x1fad: "\u1f6d\u0399",
	0x1fae: "\u1f6e\u0399",
	0x1faf: "\u1f6f\u0399",
	0x1fb2: "\u1fba\u0399",
	0x1fb3: "\u0391\u0399",
	0x1fb4: "\u0386\u0399",
	0x1fb6: "\u0391\u0342",
	0x1fb7: "\u0391\u0342\u0399",
	0x1fbc: "\u0391\u0399",
	0x1fc2: "\u1fca\u0399",
	0x1fc3: "\u0397\u0399",
	0x1fc4: "\u0389\u0399",
	0x1fc6: "\u0397\u0342",
	0x1fc7: "\u0397\u0342\u0399",
	0x1fcc: "\u0397\u0399",
	0x1fd2: "\u0399\u0308\u0300",
	0x1fd3: "\u0399\u0308\u0301",
	0x1fd6: "\u0399\u0342",
	0x1fd7: "\u0399\u0308\u0342",
	0x1fe2: "\u03a5\u0308\u0300",
	0x1fe3: "\u03a5\u0308\u0301",
	0x1fe4: "\u03a1\u0313",
	0x1fe6: "\u03a5\u0342",
	0x1fe7: "\u03a5\u0308\u0342",
	0x1ff2: "\u1ffa\u0399",
	0x1ff3: "\u03a9\u0399",
	0x1ff4: "\u038f\u0399",
	0x1ff6: "\u03a9\u0342",
	0x1ff7: "\u03a9\u0342\u0399",
	0x1ffc: "\u03a9\u0399",
	0xfb00: "FF",
	0xfb01: "FI",
	0xfb02: "FL",
	0xfb03: "FFI",
	0xfb04: "FFL",
	0xfb05: "ST",
	0xfb06: "ST",
	0xfb13: "\u0544\u0546",
	0xfb14: "\u0544\u0535",
	0xfb15: "\u0544\u053b",
	0xfb16: "\u054e\u0546",
	0xfb17: "\u0544\u053d",
}
""", ("strings", "unicode")),
    "pyLower": ("""// pyLower is s.lower(), with Python's special cases ("İ" and a word-final "Σ").
func pyLower(s string) string {
	if pyIsASCII(s) {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch {
		case r == 0x130:
			b.WriteString("i\u0307")
		case r == 0x3a3 && pyFinalSigma(rs, i):
			b.WriteRune(0x3c2)
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func pyCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) || unicode.In(r, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

func pyCaseIgnorable(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) || strings.ContainsRune("'.:^`\u00b7\u2018\u2019\u2024\ufe52\uff07\uff0e", r)
}

func pyFinalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && pyCaseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !pyCased(rs[j]) {
		return false
	}
	k := i + 1
	for k < len(rs) && pyCaseIgnorable(rs[k]) {
		k++
	}
	return k == len(rs) || !pyCased(rs[k])
}
""", ("strings", "unicode")),
    "pyIsDigit": ("""// pyIsDigit is s.isdigit(): decimal digits plus superscripts and other digit characters.
func pyIsDigit(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && !unicode.Is(pyOtherDigits, r) {
			return false
		}
	}
	return true
}

var pyOtherDigits = &unicode.RangeTable{R16: []unicode.Range16{}, R32: []unicode.Range32{}}

func init() {
	for _, p := range [][2]rune{
		{0x00b2, 0x00b3},
		{0x00b9, 0x00b9},
		{0x1369, 0x1371},
		{0x19da, 0x19da},
		{0x2070, 0x2070},
		{0x2074, 0x2079},
		{0x2080, 0x2089},
		{0x2460, 0x2468},
		{0x2474, 0x247c},
		{0x2488, 0x2490},
		{0x24ea, 0x24ea},
		{0x24f5, 0x24fd},
		{0x24ff, 0x24ff},
		{0x2776, 0x277e},
		{0x2780, 0x2788},
		{0x278a, 0x2792},
		{0x10a40, 0x10a43},
		{0x10e60, 0x10e68},
		{0x11052, 0x1105a},
		{0x1f100, 0x1f10a},
	} {
		if p[1] <= 0xffff {
			pyOtherDigits.R16 = append(pyOtherDigits.R16, unicode.Range16{Lo: uint16(p[0]), Hi: uint16(p[1]), Stride: 1})
		} else {
			pyOtherDigits.R32 = append(pyOtherDigits.R32, unicode.Range32{Lo: uint32(p[0]), Hi: uint32(p[1]), Stride: 1})
		}
	}
}
""", ("unicode",)),
    "pyIsDecimal": ("""// pyIsDecimal is s.isdecimal().
func pyIsDecimal(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}
""", ("strings", "unicode")),
    "pyIsAlpha": ("""// pyIsAlpha is s.isalpha().
func pyIsAlpha(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}
""", ("strings", "unicode")),
    "pyIsAlnum": ("""// pyIsAlnum is s.isalnum(): letters and numbers.
func pyIsAlnum(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) < 0
}
""", ("strings", "unicode")),
    "pyIsSpace": ("""// pyIsSpace is s.isspace().
func pyIsSpace(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !pySpace(r) }) < 0
}
""", ("strings",)),
    "pyIsUpper": ("""// pyIsUpper is s.isupper(): some cased character and no lower or title case one.
func pyIsUpper(s string) bool {
	cased := false
	for _, r := range s {
		if unicode.IsLower(r) || unicode.IsTitle(r) || unicode.Is(unicode.Other_Lowercase, r) {
			return false
		}
		if unicode.IsUpper(r) || unicode.Is(unicode.Other_Uppercase, r) {
			cased = true
		}
	}
	return cased
}
""", ("unicode",)),
    "pyIsLower": ("""// pyIsLower is s.islower(): some cased character and no upper or title case one.
func pyIsLower(s string) bool {
	cased := false
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.Is(unicode.Other_Uppercase, r) {
			return false
		}
		if unicode.IsLower(r) || unicode.Is(unicode.Other_Lowercase, r) {
			cased = true
		}
	}
	return cased
}
""", ("unicode",)),
    "pyCapitalize": ("""// pyCapitalize is s.capitalize(): the first character in title case, the rest lower.
func pyCapitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	if _, special := pyUpperSpecial[r]; special {
		panic("gotui: capitalize() of " + string(r) + " needs Python's full title-case mapping")
	}
	return string(unicode.ToTitle(r)) + pyLower(s[size:])
}
""", ("unicode", "unicode/utf8")),
    "pyZfill": ("""// pyZfill is s.zfill(width): zeros after any sign, width in code points.
func pyZfill(s string, width int) string {
	n := utf8.RuneCountInString(s)
	if n >= width {
		return s
	}
	pad := strings.Repeat("0", width-n)
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		return s[:1] + pad + s[1:]
	}
	return pad + s
}
""", ("strings", "unicode/utf8")),
    "pyPad": ("""// pyPad pads s to width code points with fill (one character) on the left and right.
func pyPad(s string, width int, fill string, left bool, right bool) string {
	if utf8.RuneCountInString(fill) != 1 {
		panic(pyRaise("TypeError", "The fill character must be exactly one character long"))
	}
	n := utf8.RuneCountInString(s)
	if n >= width {
		return s
	}
	margin := width - n
	l := 0
	switch {
	case left && right:
		l = margin/2 + (margin & width & 1)
	case left:
		l = margin
	}
	return strings.Repeat(fill, l) + s + strings.Repeat(fill, margin-l)
}
""", ("strings", "unicode/utf8")),
    "pyLJust": ("""// pyLJust is s.ljust(width, fill).
func pyLJust(s string, width int, fill string) string {
	return pyPad(s, width, fill, false, true)
}
""", ()),
    "pyRJust": ("""// pyRJust is s.rjust(width, fill).
func pyRJust(s string, width int, fill string) string {
	return pyPad(s, width, fill, true, false)
}
""", ()),
    "pyCenter": ("""// pyCenter is s.center(width, fill), with Python's placement of an odd margin.
func pyCenter(s string, width int, fill string) string {
	return pyPad(s, width, fill, true, true)
}
""", ()),
    "pyOrd": ("""// pyOrd is ord(c).
func pyOrd(c string) int {
	r, size := utf8.DecodeRuneInString(c)
	if size == 0 || size != len(c) {
		panic(pyRaise("TypeError", fmt.Sprintf("ord() expected a character, but string of length %d found", utf8.RuneCountInString(c))))
	}
	return int(r)
}
""", ("fmt", "unicode/utf8")),
    "pyChr": ("""// pyChr is chr(i).
func pyChr(i int) string {
	if i < 0 || i > 0x10ffff {
		panic(pyRaise("ValueError", "chr() arg not in range(0x110000)"))
	}
	if i >= 0xd800 && i <= 0xdfff {
		panic("gotui: chr() of a surrogate has no Go string")
	}
	return string(rune(i))
}
""", ()),
    # --- tuples ---
    "Tuple2": ("""// Tuple2 is a Python 2-tuple.
type Tuple2[A, B any] struct {
	F0 A
	F1 B
}
""", ()),
    "Tuple3": ("""// Tuple3 is a Python 3-tuple.
type Tuple3[A, B, C any] struct {
	F0 A
	F1 B
	F2 C
}
""", ()),
    "Tuple4": ("""// Tuple4 is a Python 4-tuple.
type Tuple4[A, B, C, D any] struct {
	F0 A
	F1 B
	F2 C
	F3 D
}
""", ()),
}


def _build() -> dict[str, GoHelper]:
    out: dict[str, GoHelper] = {}
    for name, (source, imports) in _SOURCES.items():
        deps = tuple(sorted({m for m in _NAME.findall(source) if m != name and m in _SOURCES}))
        out[name] = GoHelper(name, source, imports, deps)
    return out


HELPERS: dict[str, GoHelper] = _build()

HELPER_FILE = "gotui_helpers.go"


def used_helpers(go_texts: list[str]) -> list[str]:
    """Names of the helpers the texts call, with their dependencies, sorted."""
    wanted: set[str] = set()
    for text in go_texts:
        wanted.update(m for m in _NAME.findall(text) if m in HELPERS)
    todo = list(wanted)
    while todo:
        for dep in HELPERS[todo.pop()].deps:
            if dep not in wanted:
                wanted.add(dep)
                todo.append(dep)
    return sorted(wanted)


def helper_source(package: str, go_texts: list[str]) -> str | None:
    """The helper file for a package, or None when no unit needs a helper."""
    names = used_helpers(go_texts)
    if not names:
        return None
    imports = sorted({imp for n in names for imp in HELPERS[n].imports})
    head = f"// Code generated by gotui. DO NOT EDIT.\n\npackage {package}\n"
    if imports:
        head += "\nimport (\n" + "".join(f'\t"{i}"\n' for i in imports) + ")\n"
    return head + "".join("\n" + HELPERS[n].source for n in names)
