// Helpers for Python's re with a pattern only the run knows, once it is written (redyn.go): its
// matches, substitutions with Python's templates, and re.escape.

package gotuihelpers

import (
	"strconv"
	"strings"
	"unicode"
)

// subject is a text the pattern may read: checked as pyReText does when it holds Python's `$`.
func (r *pyRx) subject(s string) string {
	if r.dollar {
		s = pyReText(s)
	}
	return r.ascii(s)
}

// ascii passes a subject to a pattern with a Unicode \b: Go's ASCII \b means the same on an ASCII
// text only; any other panics rather than answer differently.
func (r *pyRx) ascii(s string) string {
	if r.wordb {
		return pyReASCII(s)
	}
	return s
}

// Find is re.search (how "search"), re.match ("match") or re.fullmatch ("fullmatch"): the match, nil for None.
func (r *pyRx) Find(s, how string) *pyMatch {
	switch {
	case how == "fullmatch" && r.fullExact:
		return pyReSearch(r.full, r.ascii(s))
	case how == "search" && r.tailSearch != nil:
		return pyReSearchTail(r.tailSearch, r.ascii(s))
	case how == "match" && r.tailMatch != nil:
		return pyReSearchTail(r.tailMatch, r.ascii(s))
	}
	re := r.search
	if how == "match" {
		re = r.match
	} else if how == "fullmatch" {
		re = r.full
	}
	return pyReSearch(re, r.subject(s))
}

// Test is whether Find finds a match.
func (r *pyRx) Test(s, how string) bool {
	return r.Find(s, how) != nil
}

// Sub is re.sub(pattern, repl, s) with a replacement string: its template (`\1`, `\g<name>`, escapes)
// read as Python reads it, a group that took no part written as "".
func (r *pyRx) Sub(repl, s string) string {
	return r.Subn(repl, s).F0
}

// Subn is re.subn(pattern, repl, s): Sub and the number of replacements.
func (r *pyRx) Subn(repl, s string) Tuple2[string, int] {
	parts := r.template(repl)
	var locs [][]int
	switch {
	case r.tailSub: // `X$`: one match at most, ending before a final newline, which stays in the text
		s = r.ascii(s)
		for _, loc := range r.tailSearch.FindAllStringSubmatchIndex(s, -1) {
			locs = append(locs, pyReUntail(loc))
		}
	case r.onlyDollar: // `$` alone: before a final newline, and at the end
		s = r.ascii(s)
		if strings.HasSuffix(s, "\n") {
			locs = append(locs, []int{len(s) - 1, len(s) - 1})
		}
		locs = append(locs, []int{len(s), len(s)})
	case r.nullable:
		panic(pyRaise("NotImplementedError", "gotui: re.sub() with a pattern that can match the empty string (Python and Go place empty matches differently)"))
	default:
		s = r.subject(s)
		locs = r.search.FindAllStringSubmatchIndex(s, -1)
	}
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		b.WriteString(s[last:loc[0]])
		for _, p := range parts {
			if p.group < 0 {
				b.WriteString(p.text)
			} else if loc[2*p.group] >= 0 {
				b.WriteString(s[loc[2*p.group]:loc[2*p.group+1]])
			}
		}
		last = loc[1]
	}
	b.WriteString(s[last:])
	return Tuple2[string, int]{b.String(), len(locs)}
}

// pyRxPart is a piece of a replacement template: text, or a group (group >= 0).
//
//gotui:with pyReDyn
type pyRxPart struct {
	text  string
	group int
}

// template reads a replacement as Python's re reads it: `\1`..`\99` and `\g<n>`/`\g<name>` are
// groups, `\n` and the other escapes their characters, `\0` and three-digit octals a character, an
// unknown ASCII letter escape re.error, any other `\x` kept as it is.
func (r *pyRx) template(repl string) []pyRxPart {
	src := []rune(repl)
	parts := []pyRxPart{}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, pyRxPart{lit.String(), -1})
			lit.Reset()
		}
	}
	group := func(k int) {
		if k > r.groups {
			panic(pyRaise("error", "invalid group reference "+strconv.Itoa(k)))
		}
		flush()
		parts = append(parts, pyRxPart{"", k})
	}
	escapes := map[rune]rune{'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v', '\\': '\\'}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c != '\\' || i+1 >= len(src) {
			if c == '\\' {
				panic(pyRaise("error", "bad escape (end of pattern)"))
			}
			lit.WriteRune(c)
			continue
		}
		i++
		e := src[i]
		switch {
		case e == 'g':
			end := i + 1
			for end < len(src) && src[end] != '>' {
				end++
			}
			if i+1 >= len(src) || src[i+1] != '<' || end >= len(src) {
				panic(pyRaise("error", "missing < or > in group reference"))
			}
			name := string(src[i+2 : end])
			i = end
			if k, err := strconv.Atoi(name); err == nil && k >= 0 {
				group(k)
			} else if k := r.search.SubexpIndex(name); k >= 0 {
				group(k)
			} else {
				panic(pyRaise("IndexError", "unknown group name '"+name+"'"))
			}
		case e == '0' || e >= '1' && e <= '7' && i+2 < len(src) && src[i+1] >= '0' && src[i+1] <= '7' && src[i+2] >= '0' && src[i+2] <= '7':
			v, k := 0, 0
			for k < 3 && i < len(src) && src[i] >= '0' && src[i] <= '7' {
				v = v*8 + int(src[i]-'0')
				i++
				k++
			}
			i--
			if v > 0o377 {
				panic(pyRaise("error", "octal escape value outside of range 0-0o377"))
			}
			lit.WriteRune(rune(v))
		case e >= '1' && e <= '9':
			k := int(e - '0')
			if i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9' {
				k = k*10 + int(src[i+1]-'0')
				i++
			}
			group(k)
		default:
			if ch, ok := escapes[e]; ok {
				lit.WriteRune(ch)
			} else if e < 128 && unicode.IsLetter(e) {
				panic(pyRaise("error", `bad escape \`+string(e)))
			} else {
				lit.WriteRune('\\')
				lit.WriteRune(e)
			}
		}
	}
	flush()
	return parts
}

// pyReEscape is re.escape(s): every character of Python's special set escaped with a backslash.
func pyReEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune("()[]{}?*+-|^$\\.&~# \t\n\r\v\f", c) {
			b.WriteRune('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}
