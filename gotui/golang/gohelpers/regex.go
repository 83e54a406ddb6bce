// Helpers for Python's re module on Go's regexp, where their behaviour differs.

package gotuihelpers

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// pyRe is a pattern compiled once per program, as Python's re module keeps the patterns it
// compiled: a translated function compiles its pattern on its first call only, where a
// regexp.MustCompile in its body would compile it again on every call (a loop included).
func pyRe(pattern string) *regexp.Regexp {
	if re, ok := pyReCompiled.Load(pattern); ok {
		return re.(*regexp.Regexp)
	}
	re, _ := pyReCompiled.LoadOrStore(pattern, regexp.MustCompile(pattern))
	return re.(*regexp.Regexp)
}

// pyReAnchored is a pattern value's form for re.match ("match": anchored at the start) or
// re.fullmatch ("fullmatch": at both ends), compiled once like any pattern (pyRe). Go's flags
// written first, (?i), stay inside the group and apply to all of it.
func pyReAnchored(re *regexp.Regexp, how string) *regexp.Regexp {
	if how == "fullmatch" {
		return pyRe(`\A(?:` + re.String() + `)\z`)
	}
	return pyRe(`\A(?:` + re.String() + `)`)
}

// pyReCompiled holds pyRe's patterns by their text; a sync.Map, so goroutines may share them.
//
//gotui:with pyRe
var pyReCompiled sync.Map

// pyReText passes a subject to a pattern that uses Python's `$`. Go's `(?m:$)` is the same as
// Python's `$` (end, or before a final newline) only when no newline comes before the last
// character; otherwise it panics rather than give another answer.
func pyReText(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 && i < len(s)-1 {
		panic(pyRaise("NotImplementedError", "gotui: `$` in a translated regular expression on a text with a newline before its end"))
	}
	return s
}

// pyReASCII passes a subject to a pattern with a `\b` Python reads as Unicode: Go's `\b` is ASCII,
// the same as Python's on an ASCII text only; any other panics rather than answer differently.
func pyReASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			panic(pyRaise("NotImplementedError", "gotui: \\b in a regular expression on a text that is not ASCII (Go's \\b is ASCII, Python's Unicode)"))
		}
	}
	return s
}

// pyReSubFunc is re.sub(pattern, function, s): each match is replaced by f of its groups
// (m[0] the whole match, m[i] group i, "" for a group that took no part).
func pyReSubFunc(re *regexp.Regexp, s string, f func(m []string) string) string {
	var b strings.Builder
	last := 0
	for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = s[loc[2*i]:loc[2*i+1]]
			}
		}
		b.WriteString(s[last:loc[0]])
		b.WriteString(f(m))
		last = loc[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// pyReSubn is re.subn(pattern, template, s): the text with each match replaced by the template
// (Go's Expand syntax) and the number of replacements.
func pyReSubn(re *regexp.Regexp, s, tmpl string) Tuple2[string, int] {
	var b []byte
	last, n := 0, 0
	for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
		b = append(b, s[last:loc[0]]...)
		b = re.ExpandString(b, tmpl, s, loc)
		last = loc[1]
		n++
	}
	b = append(b, s[last:]...)
	return Tuple2[string, int]{string(b), n}
}

// pyReSubnFunc is re.subn(pattern, function, s): pyReSubFunc and the number of replacements.
func pyReSubnFunc(re *regexp.Regexp, s string, f func(m []string) string) Tuple2[string, int] {
	n := 0
	out := pyReSubFunc(re, s, func(m []string) string {
		n++
		return f(m)
	})
	return Tuple2[string, int]{out, n}
}

// pyMatch is a match object of Python's re: the subject and each group's byte offsets (-1 for a
// group that took no part). Its positions are counted in characters, as Python counts them.
type pyMatch struct {
	s   string
	loc []int
}

// pyReSearch is re.search(pattern, s) (re.match and re.fullmatch anchor the pattern first): the
// match, or nil for None.
func pyReSearch(re *regexp.Regexp, s string) *pyMatch {
	loc := re.FindStringSubmatchIndex(s)
	if loc == nil {
		return nil
	}
	return &pyMatch{s, loc}
}

// pyReSearchTail is pyReSearch of a pattern `X$` written `X(\n?)\z` (Python's `$` matches at the end
// or before a final newline): the match as Python reports it, group 0 ending before that newline and
// without the extra group that held it.
func pyReSearchTail(re *regexp.Regexp, s string) *pyMatch {
	loc := re.FindStringSubmatchIndex(s)
	if loc == nil {
		return nil
	}
	return &pyMatch{s, pyReUntail(loc)}
}

// pyReUntail is a match of `X(\n?)\z` as Python reports its `X$`: group 0 ends where the last group
// (the final newline, or nothing) begins, and that group is gone.
func pyReUntail(loc []int) []int {
	n := len(loc)
	loc[1] = loc[n-2]
	return loc[:n-2]
}

// Group is m.group(k) of a group that takes part in every match.
func (m *pyMatch) Group(k int) string {
	if m.loc[2*k] < 0 {
		panic(pyRaise("TypeError", "gotui: group took no part in the match (Python gives None)"))
	}
	return m.s[m.loc[2*k]:m.loc[2*k+1]]
}

// GroupOpt is m.group(k) of a group that may take no part: nil for Python's None.
func (m *pyMatch) GroupOpt(k int) *string {
	if m.loc[2*k] < 0 {
		return nil
	}
	g := m.s[m.loc[2*k]:m.loc[2*k+1]]
	return &g
}

// GroupAny is group k as a value of several types, for m.groupdict(): its text, or nil (None)
// when it took no part.
func (m *pyMatch) GroupAny(k int) any {
	if m.loc[2*k] < 0 {
		return nil
	}
	return m.s[m.loc[2*k]:m.loc[2*k+1]]
}

// Start is m.start(k): the group's first character's index, -1 when it took no part.
func (m *pyMatch) Start(k int) int {
	if m.loc[2*k] < 0 {
		return -1
	}
	return utf8.RuneCountInString(m.s[:m.loc[2*k]])
}

// End is m.end(k): the index after the group's last character, -1 when it took no part.
func (m *pyMatch) End(k int) int {
	if m.loc[2*k+1] < 0 {
		return -1
	}
	return utf8.RuneCountInString(m.s[:m.loc[2*k+1]])
}

// Span is m.span(k): (start, end).
func (m *pyMatch) Span(k int) Tuple2[int, int] {
	return Tuple2[int, int]{m.Start(k), m.End(k)}
}

// pyFindAll0 is re.findall(pattern, s) for a pattern without groups: the text of each match.
func pyFindAll0(re *regexp.Regexp, s string) []string {
	out := re.FindAllString(s, -1)
	if out == nil {
		return []string{}
	}
	return out
}

// pyFindAll1 is re.findall with one group: the group's text in each match ("" where it took no part).
func pyFindAll1(re *regexp.Regexp, s string) []string {
	out := []string{}
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// pyFindAll2 is re.findall with two groups: a tuple of their texts for each match.
func pyFindAll2(re *regexp.Regexp, s string) []Tuple2[string, string] {
	out := []Tuple2[string, string]{}
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, Tuple2[string, string]{m[1], m[2]})
	}
	return out
}

// pyFindAll3 is re.findall with three groups: a tuple of their texts for each match.
func pyFindAll3(re *regexp.Regexp, s string) []Tuple3[string, string, string] {
	out := []Tuple3[string, string, string]{}
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, Tuple3[string, string, string]{m[1], m[2], m[3]})
	}
	return out
}
