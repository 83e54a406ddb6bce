// Helpers for int(s) and float(s) of Python text.

package gotuihelpers

import (
	"errors"
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
