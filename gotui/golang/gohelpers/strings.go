// Helpers for str indexing, slicing, searching, stripping and padding, counted in code points.

package gotuihelpers

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

func pyIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// pyStrSlice is s[lo:hi] counted in code points, as Python counts.
func pyStrSlice(s string, lo, hi int) string {
	if pyIsASCII(s) {
		lo, hi = pySliceBounds(len(s), lo, hi)
		return s[lo:hi]
	}
	r := []rune(s)
	lo, hi = pySliceBounds(len(r), lo, hi)
	return string(r[lo:hi])
}

// pyStrSliceFrom is s[lo:].
func pyStrSliceFrom(s string, lo int) string {
	return pyStrSlice(s, lo, utf8.RuneCountInString(s))
}

// pyStrAtErr is s[i] inside a try whose handler catches IndexError: the IndexError is the error result.
func pyStrAtErr(s string, i int) (string, error) {
	n := utf8.RuneCountInString(s)
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return "", pyRaise("IndexError", "string index out of range")
	}
	return pyStrAt(s, i), nil
}

// pyStrAt is s[i]: one code point, negative i from the end.
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

// pyChars is list(s): one string per code point.
func pyChars(s string) []string {
	out := []string{}
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// pyStrReversed is s[::-1], by code point.
func pyStrReversed(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// pySpace is Python's str.isspace() for one code point (Go's unicode.IsSpace lacks U+001C..U+001F).
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyStrip is s.strip().
func pyStrip(s string) string {
	return strings.TrimFunc(s, pySpace)
}

// pyLStrip is s.lstrip().
func pyLStrip(s string) string {
	return strings.TrimLeftFunc(s, pySpace)
}

// pyRStrip is s.rstrip().
func pyRStrip(s string) string {
	return strings.TrimRightFunc(s, pySpace)
}

// pyFields is s.split() with no separator.
func pyFields(s string) []string {
	out := strings.FieldsFunc(s, pySpace)
	if out == nil {
		return []string{}
	}
	return out
}

// pySplit is s.split(sep) for a separator that is not a literal: an empty one raises ValueError.
func pySplit(s, sep string) []string {
	if sep == "" {
		panic(pyRaise("ValueError", "empty separator"))
	}
	return strings.Split(s, sep)
}

// pyFind is s.find(sub): a code point index, -1 when absent.
func pyFind(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:i])
}

// pyRFind is s.rfind(sub).
func pyRFind(s, sub string) int {
	i := strings.LastIndex(s, sub)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(s[:i])
}

// pyStrIndex is s.index(sub), with Python's ValueError.
func pyStrIndex(s, sub string) (int, error) {
	if i := pyFind(s, sub); i >= 0 {
		return i, nil
	}
	return 0, pyRaise("ValueError", "substring not found")
}

// pyZfill is s.zfill(width): zeros after any sign, width in code points.
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

// pyPad pads s to width code points with fill (one character) on the left and right.
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

// pyLJust is s.ljust(width, fill).
func pyLJust(s string, width int, fill string) string {
	return pyPad(s, width, fill, false, true)
}

// pyRJust is s.rjust(width, fill).
func pyRJust(s string, width int, fill string) string {
	return pyPad(s, width, fill, true, false)
}

// pyCenter is s.center(width, fill), with Python's placement of an odd margin.
func pyCenter(s string, width int, fill string) string {
	return pyPad(s, width, fill, true, true)
}

// pyOrd is ord(c).
func pyOrd(c string) int {
	r, size := utf8.DecodeRuneInString(c)
	if size == 0 || size != len(c) {
		panic(pyRaise("TypeError", fmt.Sprintf("ord() expected a character, but string of length %d found", utf8.RuneCountInString(c))))
	}
	return int(r)
}

// pyChrErr is chr(i) inside a try whose handler catches its failure: the ValueError (or, past a C
// int, the OverflowError) is the error result.
func pyChrErr(i int) (string, error) {
	if i < math.MinInt32 || i > math.MaxInt32 {
		return "", pyRaise("OverflowError", "Python int too large to convert to C int")
	}
	if i < 0 || i > 0x10ffff {
		return "", pyRaise("ValueError", "chr() arg not in range(0x110000)")
	}
	return pyChr(i), nil
}

// pyChr is chr(i).
func pyChr(i int) string {
	if i < 0 || i > 0x10ffff {
		_, err := pyChrErr(i)
		panic(err)
	}
	if i >= 0xd800 && i <= 0xdfff {
		panic("gotui: chr() of a surrogate has no Go string")
	}
	return string(rune(i))
}

// pyPartition is s.partition(sep): (head, sep, tail) at the first sep, or (s, "", "").
func pyPartition(s, sep string) Tuple3[string, string, string] {
	if sep == "" {
		panic(pyRaise("ValueError", "empty separator"))
	}
	if i := strings.Index(s, sep); i >= 0 {
		return Tuple3[string, string, string]{s[:i], sep, s[i+len(sep):]}
	}
	return Tuple3[string, string, string]{s, "", ""}
}

// pyRPartition is s.rpartition(sep): (head, sep, tail) at the last sep, or ("", "", s).
func pyRPartition(s, sep string) Tuple3[string, string, string] {
	if sep == "" {
		panic(pyRaise("ValueError", "empty separator"))
	}
	if i := strings.LastIndex(s, sep); i >= 0 {
		return Tuple3[string, string, string]{s[:i], sep, s[i+len(sep):]}
	}
	return Tuple3[string, string, string]{"", "", s}
}

// pySplitLines is s.splitlines(): split at Python's line boundaries (\n, \r\n, \r, \v, \f,
// \x1c, \x1d, \x1e, \x85, \u2028, \u2029), the boundaries dropped, no empty last line.
func pySplitLines(s string) []string {
	out := []string{}
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
			out = append(out, s[start:i])
			next := i + size
			if r == '\r' && next < len(s) && s[next] == '\n' {
				next++
			}
			start, i = next, next
		default:
			i += size
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// pyExpandTabs is s.expandtabs(tab): columns count code points and restart after \n and \r; a
// tab size of 0 or less removes the tabs.
func pyExpandTabs(s string, tab int) string {
	var b strings.Builder
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			if tab > 0 {
				n := tab - col%tab
				b.WriteString(strings.Repeat(" ", n))
				col += n
			}
		case '\n', '\r':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}
