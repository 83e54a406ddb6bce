// Helpers for int(s) and float(s) of Python text.

package gotuihelpers

import (
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// pyDigitsOnly rewrites Python's numeric text for strconv: Unicode decimal digits to ASCII and
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

// pyParseIntOr is int(s or d) of a str that may be None (a regular expression group that took no
// part): d when s is None or empty, else int(s).
func pyParseIntOr(s *string, d int) (int, error) {
	if s == nil || *s == "" {
		return d, nil
	}
	return pyParseInt(*s)
}

// pyParseInt is int(s): surrounding whitespace, a sign, underscores and Unicode digits allowed.
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

// pyParseIntBase is int(s, base) for a base from 2 to 36: surrounding whitespace, a sign, the
// base's own prefix (0x, 0o, 0b; one underscore may follow it), single underscores between digits,
// letters of either case and Unicode decimal digits, as Python accepts them.
func pyParseIntBase(s string, base int) (int, error) {
	bad := pyRaise("ValueError", "invalid literal for int() with base "+strconv.Itoa(base)+": "+pyRepr(s))
	var b strings.Builder
	for _, r := range strings.TrimFunc(s, pySpace) {
		if r > 127 && unicode.IsDigit(r) {
			start := r
			for unicode.IsDigit(start - 1) {
				start--
			}
			r = '0' + (r-start)%10
		}
		b.WriteRune(r)
	}
	t := b.String()
	neg := strings.HasPrefix(t, "-")
	if neg || strings.HasPrefix(t, "+") {
		t = t[1:]
	}
	prefix := map[int]string{16: "0x", 8: "0o", 2: "0b"}[base]
	if prefix != "" && len(t) >= 2 && strings.ToLower(t[:2]) == prefix {
		t = strings.TrimPrefix(t[2:], "_")
	}
	if t == "" || t[0] == '_' || t[len(t)-1] == '_' || strings.Contains(t, "__") {
		return 0, bad
	}
	n := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		d := 99
		switch {
		case c == '_':
			continue
		case c >= '0' && c <= '9':
			d = int(c - '0')
		case c >= 'a' && c <= 'z':
			d = int(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			d = int(c-'A') + 10
		}
		if d >= base {
			return 0, bad
		}
		if n > (math.MaxInt-d)/base {
			panic(pyRaise("OverflowError", "gotui: "+s+" does not fit in a Go int"))
		}
		n = n*base + d
	}
	if neg {
		n = -n
	}
	return n, nil
}

// pyParseFloat is float(s): whitespace, underscores, inf and nan as Python accepts them; no hex.
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

// pyIntAny is int(x) of a value of several types (held as `any`): an int as it is, a bool as 0 or 1,
// a float truncated toward zero, a str parsed as int() parses it. NaN is a ValueError and an infinity
// an OverflowError, as in Python; any other value a TypeError.
func pyIntAny(v any) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case float64:
		if math.IsNaN(x) {
			return 0, pyRaise("ValueError", "cannot convert float NaN to integer")
		}
		if math.IsInf(x, 0) {
			return 0, pyRaise("OverflowError", "cannot convert float infinity to integer")
		}
		return pyToInt(math.Trunc(x)), nil
	case string:
		return pyParseInt(x)
	}
	return 0, pyRaise("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '"+pyTypeName(v)+"'")
}

// pyFloatAny is float(x) of a value of several types: an int or a bool as a float, a float as it is,
// a str parsed as float() parses it; any other value a TypeError.
func pyFloatAny(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int:
		return float64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case string:
		return pyParseFloat(x)
	}
	return 0, pyRaise("TypeError", "float() argument must be a string or a real number, not '"+pyTypeName(v)+"'")
}

// pyTypeName is the name Python's type(x).__name__ gives for a value the translated code holds in an
// `any`, for messages: NoneType, list, dict, set, tuple, or the Go type's name for a class instance.
func pyTypeName(v any) string {
	if v == nil {
		return "NoneType"
	}
	t := reflect.TypeOf(v)
	switch t.Kind() {
	case reflect.Slice:
		return "list"
	case reflect.Map:
		if t.Elem() == reflect.TypeOf(struct{}{}) {
			return "set"
		}
		return "dict"
	case reflect.Struct:
		if strings.HasPrefix(t.Name(), "Tuple") {
			return "tuple"
		}
	case reflect.Pointer:
		return t.Elem().Name()
	}
	return t.Name()
}

// pyTypeOr is str(type(x)) of an Optional x: Python's text for NoneType when x is None, else name.
func pyTypeOr[T any](x *T, name string) string {
	if x == nil {
		return "<class 'NoneType'>"
	}
	return name
}
