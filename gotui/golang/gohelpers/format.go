// Helpers for str() and repr() of Python values.

package gotuihelpers

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// pyRepr is Python's repr() of a key, for KeyError and ValueError messages.
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

// pyTupleItems is the items of a helper tuple (Tuple1..Tuple4) held as `any`, and whether it is one.
func pyTupleItems(v any) ([]any, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Struct || !strings.HasPrefix(rv.Type().Name(), "Tuple") {
		return nil, false
	}
	items := make([]any, rv.NumField())
	for i := range items {
		items[i] = rv.Field(i).Interface()
	}
	return items, true
}

// pyReprAny is Python's repr() of a value of several types (a key held as `any`), for a KeyError's
// message: None, a bool, an int, a float, a str and a tuple of them (Tuple1..Tuple4) as Python
// writes them; other values in Go's own form, which may read differently.
func pyReprAny(v any) string {
	if v == nil {
		return "None"
	}
	if items, ok := pyTupleItems(v); ok {
		return pyTupleText(items, pyReprAny)
	}
	return pyRepr(v)
}

// pyTupleText writes a tuple's items as Python does, each by `repr`: `(a, b)`, and `(a,)` for one.
func pyTupleText(items []any, repr func(any) string) string {
	parts := make([]string, len(items))
	for i, item := range items {
		parts[i] = repr(item)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)" // Python's 1-tuple
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// pyStrAny is Python's str() of a value of several types (held as `any`): None, a bool, an int, a
// float, a str, a class instance by its String method (its __str__), and a tuple of the scalars
// (Tuple2..Tuple4). Any other value panics: Go does not know how Python would write it.
func pyStrAny(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return x
	case bool:
		return pyBoolStr(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		return pyFloatStr(x)
	case fmt.Stringer:
		return x.String()
	}
	if items, ok := pyTupleItems(v); ok {
		for _, item := range items {
			switch item.(type) {
			case nil, string, bool, int, float64:
			default:
				panic(fmt.Sprintf("gotui: str() of a tuple holding a %T, whose Python form Go does not know", item))
			}
		}
		return pyReprAny(v) // a tuple's str() writes its items' repr()
	}
	panic(fmt.Sprintf("gotui: str() of a %T, whose Python form Go does not know", v))
}

// pyReprOf is Python's repr() of a value of several types (held as `any`) for `!r` and `%r`: None, a
// bool, an int, a float, a str, a class instance by its GoString method (its __repr__), and a tuple of
// them (Tuple1..Tuple4). Any other value panics: Go does not know how Python would write it.
func pyReprOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return pyReprStr(x)
	case bool:
		return pyBoolStr(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		return pyFloatStr(x)
	case fmt.GoStringer:
		return x.GoString()
	}
	if items, ok := pyTupleItems(v); ok {
		return pyTupleText(items, pyReprOf)
	}
	panic(fmt.Sprintf("gotui: repr() of a %T, whose Python form Go does not know", v))
}

// pyReprStr is Python's repr() of a str: single quotes unless the text has ' and no ", backslash
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

// pyBoolStr is str(b).
func pyBoolStr(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// pyFloatStr is str(x) of a float: the shortest repr, "1.0" not "1", "inf", "1e+16".
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

// pyFloatFixed is format(x, ".Nf"): Python prints inf and nan where Go prints +Inf and NaN.
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

// pyFloatExp is format(x, ".Ne").
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

// pyGroup is the `,` or `_` of a format spec ("{n:,}", "{x:,.2f}"): the integer digits of a decimal
// text in groups of three, from the right; a sign, a fraction and inf/nan stay as they are.
func pyGroup(s string, sep string) string {
	start := 0
	if start < len(s) && (s[0] == '-' || s[0] == '+') {
		start = 1
	}
	end := start
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	digits := s[start:end]
	if len(digits) <= 3 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:start])
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteString(sep)
		b.WriteString(digits[i : i+3])
	}
	b.WriteString(s[end:])
	return b.String()
}
