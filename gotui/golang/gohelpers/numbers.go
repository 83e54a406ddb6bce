// Helpers for Python arithmetic on ints and floats, rounding, min, max and sum.

package gotuihelpers

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// pyFloorDiv is Python's a // b on ints: the quotient rounded toward negative infinity.
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

// pyMod is Python's a % b on ints: the result has the sign of b.
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

// pyModF is Python's a % b on floats (CPython's float_rem).
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

// pyFloorDivF is Python's a // b on floats (CPython's float_floor_div).
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

// pyDiv is Python's true division: division by zero raises instead of giving Inf.
func pyDiv(a, b float64) float64 {
	if b == 0 {
		panic(pyRaise("ZeroDivisionError", "division by zero"))
	}
	return a / b
}

// pyPowInt is Python's a ** b on ints; it panics where Python would give a float or a bigger int.
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

//gotui:with pyPowInt
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

// pyPow is Python's a ** b on floats, raising where Python raises.
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

// pyAbs is abs() of an int.
func pyAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// pyToInt converts an integral float to int, raising as Python does for inf, nan and huge values.
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

// pyRound is round(x) with one argument: half to even, an int.
func pyRound(x float64) int {
	return pyToInt(math.RoundToEven(x))
}

// pyTrunc is int(x) of a float: toward zero.
func pyTrunc(x float64) int {
	return pyToInt(math.Trunc(x))
}

// pyFloor is math.floor(x): an int.
func pyFloor(x float64) int {
	return pyToInt(math.Floor(x))
}

// pyCeil is math.ceil(x): an int.
func pyCeil(x float64) int {
	return pyToInt(math.Ceil(x))
}

// pyRoundN is round(x, n): the correctly rounded decimal, half to even, as Python computes it.
func pyRoundN(x float64, n int) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', n, 64), 64)
	return v
}

// pySqrt is math.sqrt: negative arguments raise ValueError.
func pySqrt(x float64) float64 {
	if x < 0 {
		panic(pyRaise("ValueError", "math domain error"))
	}
	return math.Sqrt(x)
}

// pyLogOf is a logarithm as Python's math module takes it: ValueError for x <= 0 (Go's math.Log and
// its kin return -Inf or NaN there).
func pyLogOf(x float64, log func(float64) float64) float64 {
	if x <= 0 {
		panic(pyRaise("ValueError", "math domain error"))
	}
	return log(x)
}

// pyLog is math.log(x).
func pyLog(x float64) float64 {
	return pyLogOf(x, math.Log)
}

// pyLog10 is math.log10(x).
func pyLog10(x float64) float64 {
	return pyLogOf(x, math.Log10)
}

// pyLog2 is math.log2(x).
func pyLog2(x float64) float64 {
	return pyLogOf(x, math.Log2)
}

// pyLogBase is math.log(x, base), computed as Python does, log(x) / log(base): ValueError for x or
// base <= 0, ZeroDivisionError for base 1.
func pyLogBase(x, base float64) float64 {
	num, den := pyLog(x), pyLog(base)
	if den == 0 {
		panic(pyRaise("ZeroDivisionError", "float division by zero"))
	}
	return num / den
}

// pyIsFinite is math.isfinite(x).
func pyIsFinite(x float64) bool {
	return !math.IsInf(x, 0) && !math.IsNaN(x)
}

// pyGcd is math.gcd of two ints.
func pyGcd(a, b int) int {
	a, b = pyAbs(a), pyAbs(b)
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// pyBoolInt is int(b).
func pyBoolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pyMinF is min() of floats: the first smallest, with Python's comparisons.
func pyMinF(first float64, rest ...float64) float64 {
	best := first
	for _, x := range rest {
		if x < best {
			best = x
		}
	}
	return best
}

// pyMaxF is max() of floats: the first largest, with Python's comparisons.
func pyMaxF(first float64, rest ...float64) float64 {
	best := first
	for _, x := range rest {
		if x > best {
			best = x
		}
	}
	return best
}

// pyMinSliceF is min(xs) of a list of floats.
func pyMinSliceF(xs []float64) float64 {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "min() arg is an empty sequence"))
	}
	return pyMinF(xs[0], xs[1:]...)
}

// pyMaxSliceF is max(xs) of a list of floats.
func pyMaxSliceF(xs []float64) float64 {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "max() arg is an empty sequence"))
	}
	return pyMaxF(xs[0], xs[1:]...)
}

// pyMin is min(xs) of ints or strings.
func pyMin[T cmp.Ordered](xs []T) T {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "min() arg is an empty sequence"))
	}
	return slices.Min(xs)
}

// pyMax is max(xs) of ints or strings.
func pyMax[T cmp.Ordered](xs []T) T {
	if len(xs) == 0 {
		panic(pyRaise("ValueError", "max() arg is an empty sequence"))
	}
	return slices.Max(xs)
}

// pyMinBy is min(xs, key=...): the first item no other is less than.
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

// pyMaxBy is max(xs, key=...): the first item no other is greater than (greater reports a > b).
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

// pySum is sum(xs), left to right.
func pySum[T int | float64](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

// pyCmpOp is `a < b` (op "<", "<=", ">" or ">=") of two values held as `any`, as Python orders them:
// numbers (bool, int, float) by value, strs by code point, tuples and lists item by item. Where Python
// raises TypeError (None, a str against a number, a dict) it panics with it; a NaN makes every
// ordering false, as in Python.
func pyCmpOp(a, b any, op string) bool {
	c, ordered := pyOrderAny(a, b, op)
	if !ordered {
		return false
	}
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

// pyOrderAny is -1, 0 or 1 as Python orders a and b, and false where a NaN leaves them unordered.
func pyOrderAny(a, b any, op string) (int, bool) {
	a, b = pyDerefAny(a), pyDerefAny(b)
	if x, ok := pyNumberOf(a); ok {
		if y, ok := pyNumberOf(b); ok {
			return x.order(y)
		}
	}
	if x, ok := a.(string); ok {
		if y, ok := b.(string); ok {
			return strings.Compare(x, y), true // UTF-8 byte order is code point order
		}
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if pyIsSequence(va) && pyIsSequence(vb) && pyTypeName(a) == pyTypeName(b) {
		n, m := pySeqLen(va), pySeqLen(vb)
		for i := 0; i < n && i < m; i++ {
			x, y := pySeqAt(va, i), pySeqAt(vb, i)
			if !pyEqualAny(x, y) {
				return pyOrderAny(x, y, op)
			}
		}
		return cmp.Compare(n, m), true
	}
	for _, v := range []reflect.Value{va, vb} {
		if v.Kind() == reflect.Pointer {
			panic(pyRaise("NotImplementedError", fmt.Sprintf("ordering a %s: its comparison methods are not reached from a value held as any", pyTypeName(v.Interface()))))
		}
	}
	panic(pyRaise("TypeError", fmt.Sprintf("'%s' not supported between instances of '%s' and '%s'", op, pyTypeName(a), pyTypeName(b))))
}

// pyDerefAny is the value an Optional (a pointer to a str, an int, ...) held as `any` points to, nil
// for None; any other value as it is (a class instance stays its pointer).
func pyDerefAny(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() == reflect.Struct {
		return v
	}
	if rv.IsNil() {
		return nil
	}
	return rv.Elem().Interface()
}

// pyNumber is a bool, int or float held as `any`: an int (a bool is 0 or 1) or a float.
type pyNumber struct {
	i       int
	f       float64
	isFloat bool
}

func pyNumberOf(v any) (pyNumber, bool) {
	switch x := v.(type) {
	case bool:
		return pyNumber{i: pyBoolInt(x)}, true
	case int:
		return pyNumber{i: x}, true
	case float64:
		return pyNumber{f: x, isFloat: true}, true
	}
	return pyNumber{}, false
}

// order compares exactly, as Python does an int with a float (no rounding of a large int); false
// with a NaN.
func (x pyNumber) order(y pyNumber) (int, bool) {
	if !x.isFloat && !y.isFloat {
		return cmp.Compare(x.i, y.i), true
	}
	if x.isFloat && y.isFloat {
		if math.IsNaN(x.f) || math.IsNaN(y.f) {
			return 0, false
		}
		return cmp.Compare(x.f, y.f), true
	}
	if x.isFloat {
		c, ok := y.order(x)
		return -c, ok
	}
	// an int x against a float y
	if math.IsNaN(y.f) {
		return 0, false
	}
	if math.IsInf(y.f, 0) || y.f >= 0x1p63 || y.f < -0x1p63 {
		return cmp.Compare(0.0, y.f), true // every int64 is between
	}
	t := math.Trunc(y.f)
	if c := cmp.Compare(x.i, int(t)); c != 0 {
		return c, true
	}
	return cmp.Compare(0.0, y.f-t), true // equal integer parts: the fraction decides
}

// pyEqualAny is Python's `==` of two values held as `any`, for numbers, strs, None, tuples and lists;
// other values are equal when Go's `==` finds them so.
func pyEqualAny(a, b any) bool {
	a, b = pyDerefAny(a), pyDerefAny(b)
	if x, ok := pyNumberOf(a); ok {
		if y, ok := pyNumberOf(b); ok {
			c, ordered := x.order(y)
			return ordered && c == 0
		}
		return false
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if pyIsSequence(va) && pyIsSequence(vb) {
		if pyTypeName(a) != pyTypeName(b) || pySeqLen(va) != pySeqLen(vb) {
			return false
		}
		for i := 0; i < pySeqLen(va); i++ {
			if !pyEqualAny(pySeqAt(va, i), pySeqAt(vb, i)) {
				return false
			}
		}
		return true
	}
	if va.IsValid() && vb.IsValid() && va.Type() == vb.Type() && va.Type().Comparable() {
		return a == b
	}
	return a == nil && b == nil
}

// pyIsSequence is whether v is a Go tuple (a TupleN struct) or a list (a slice).
func pyIsSequence(v reflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	return v.Kind() == reflect.Slice || v.Kind() == reflect.Struct && strings.HasPrefix(v.Type().Name(), "Tuple")
}

func pySeqLen(v reflect.Value) int {
	if v.Kind() == reflect.Slice {
		return v.Len()
	}
	return v.NumField()
}

func pySeqAt(v reflect.Value, i int) any {
	if v.Kind() == reflect.Slice {
		return v.Index(i).Interface()
	}
	return v.Field(i).Interface()
}
