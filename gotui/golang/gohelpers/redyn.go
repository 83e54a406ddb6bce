// Helpers for Python's re with a pattern only the run knows (a string built at run time, a rule
// taken from a table): Python's syntax is written in RE2's when the pattern is first used, by the
// rules the translator follows for a literal one (gotui/llm/rules/regex.py).

package gotuihelpers

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// pyRx is re.compile(pattern, flags) of a pattern only the run knows, written in RE2's syntax where
// both mean the same: Python's Unicode \d, \w and \s spelled out (Go's are ASCII), `\Z` as `\z`,
// `{,n}` as `{0,n}`, a verbose pattern's spaces and comments dropped, `$` as `(?m:$)` with the
// subject checked as pyReText does. A construct RE2 lacks or where the two differ (lookarounds,
// backreferences, MULTILINE, LOCALE, scoped flags, possessive and atomic groups; a Unicode `\b` on a
// text that is not ASCII) panics with NotImplementedError, as the translator refuses it in a literal; a pattern
// Python rejects raises re.error. Each pattern is written and compiled once per program.
type pyRx struct {
	search, match, full *regexp.Regexp
	groups              int
	dollar              bool // Python's `$` is in it: a subject with a newline before its end panics (pyReText)
	wordb               bool // a \b or \B without re.ASCII: a subject that is not ASCII panics
	// a pattern `X$` (`(?i)(quiz)$`; its one `$` last, no top-level `|`): search and match take
	// `X(\n?)\z`, exact on any text (the newline in a last group that the match hides,
	// pyReSearchTail); fullmatch is fullmatch of X; re.sub takes this form when X can match neither a
	// newline nor the empty string (then X$ matches once at most), and `$` alone has its own
	tailSearch, tailMatch *regexp.Regexp
	fullExact             bool
	tailSub               bool
	onlyDollar            bool
	// it can match the empty string and something else: re.sub refuses it (Python replaces an empty
	// match right after another match, Go's FindAll skips it); one that only ever matches the empty
	// string (`$`, `^`) has no other match to abut, so both find the same ones
	nullable bool
}

// pyRxCache holds pyReDyn's patterns by flags and text; a sync.Map, so goroutines may share them.
//
//gotui:with pyReDyn
var pyRxCache sync.Map

// pyReDyn is re.compile(pattern, flags) of a pattern only the run knows (pyRx), compiled once.
func pyReDyn(pattern string, flags int) *pyRx {
	key := strconv.Itoa(flags) + "\x00" + pattern
	if r, ok := pyRxCache.Load(key); ok {
		return r.(*pyRx)
	}
	w := &pyRxWriter{src: []rune(pattern), flags: flags}
	w.checkFlags()
	all := w.alternation()
	body, nullable, zero := all.text, all.nullable, all.zero
	if w.pos < len(w.src) {
		panic(pyRaise("error", "unbalanced parenthesis at position "+strconv.Itoa(w.pos)))
	}
	prefix := ""
	if w.flags&2 != 0 {
		prefix += "(?i)"
	}
	if w.flags&16 != 0 {
		prefix += "(?s)"
	}
	compile := func(p string) *regexp.Regexp {
		re, err := regexp.Compile(p)
		if err != nil {
			panic(pyRaise("NotImplementedError", "gotui: Go's regexp cannot take this pattern: "+err.Error()))
		}
		return re
	}
	r := &pyRx{
		search: compile(prefix + body), match: compile(prefix + `\A(?:` + body + `)`), full: compile(prefix + `\A(?:` + body + `)\z`),
		groups: w.groups, dollar: w.dollar, nullable: nullable && !zero, wordb: w.wordb,
	}
	if n := len(w.top); w.branches == 1 && w.dollars == 1 && n > 0 && w.top[n-1].isDollar {
		x, xNullable, free := "", true, true
		for _, it := range w.top[:n-1] {
			x += it.text
			xNullable, free = xNullable && it.nullable, free && !it.newline
		}
		r.full, r.fullExact = compile(prefix+`\A(?:`+x+`)\z`), true
		// one match: X's choices are tried in the same order, the first that ends where `$` holds wins
		r.tailSearch, r.tailMatch = compile(prefix+x+`(\n?)\z`), compile(prefix+`\A(?:`+x+`(\n?)\z)`)
		// every match: after one that ends before the final newline, Python may match X$ again at that
		// newline when X can match it, where Go has taken it into the last group
		r.tailSub = free && !xNullable
		r.onlyDollar = x == ""
	}
	stored, _ := pyRxCache.LoadOrStore(key, r)
	return stored.(*pyRx)
}

// pyRxWriter reads a Python pattern and writes its RE2 form.
//
//gotui:with pyReDyn
type pyRxWriter struct {
	src      []rune
	pos      int
	flags    int
	groups   int
	dollar   bool
	dollars  int        // how many `$`
	wordb    bool       // a Unicode \b or \B (no re.ASCII)
	depth    int        // groups open around what is being read
	branches int        // the top level's alternatives
	top      []pyRxItem // the items of the top level's last alternative
}

// Python's \s for str patterns, the characters of re.match(r"\s", c) (rules/regex.py PY_SPACE).
//
//gotui:with pyReDyn
const pyRxSpace = `\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}`

func (w *pyRxWriter) unsupported(what string) {
	panic(pyRaise("NotImplementedError", "gotui: "+what+" in a regular expression (Go's regexp has none, or means another thing)"))
}

func (w *pyRxWriter) fail(what string) {
	panic(pyRaise("error", what+" at position "+strconv.Itoa(w.pos)))
}

func (w *pyRxWriter) more() bool { return w.pos < len(w.src) }

func (w *pyRxWriter) peek() rune { return w.src[w.pos] }

// skip passes over a verbose pattern's spaces and `#` comments.
func (w *pyRxWriter) skip() {
	if w.flags&64 == 0 {
		return
	}
	for w.more() {
		c := w.peek()
		if c == '#' {
			for w.more() && w.peek() != '\n' {
				w.pos++
			}
		} else if !strings.ContainsRune(" \t\n\r\v\f", c) {
			return
		}
		if w.more() {
			w.pos++
		}
	}
}

// alternation writes `a|b|...` as one item: whether it can match the empty string, whether it only
// ever does (every branch zero-width: anchors), and whether it may match a newline.
func (w *pyRxWriter) alternation() pyRxItem {
	parts := []string{}
	out := pyRxItem{zero: true, repeatable: true}
	for {
		it := w.sequence()
		parts = append(parts, it.text)
		out.nullable, out.zero, out.newline = out.nullable || it.nullable, out.zero && it.zero, out.newline || it.newline
		if w.more() && w.peek() == '|' {
			w.pos++
			continue
		}
		out.text = strings.Join(parts, "|")
		return out
	}
}

// pyRxItem is one item of a sequence: its RE2 text, whether it can match the empty string, whether
// a repeat may follow it (not after an anchor or another repeat), and whether it is zero-width.
//
//gotui:with pyReDyn
type pyRxItem struct {
	text       string
	nullable   bool
	repeatable bool
	repeated   bool
	zero       bool
	newline    bool // it may match a newline
	isDollar   bool // Python's `$`
}

func (w *pyRxWriter) sequence() pyRxItem {
	items := []pyRxItem{}
	for {
		w.skip()
		if !w.more() || w.peek() == '|' || w.peek() == ')' {
			break
		}
		c := w.peek()
		if strings.ContainsRune("*+?{", c) {
			if c == '{' && !w.isRepeat() {
				w.pos++
				items = append(items, pyRxItem{text: `\{`, repeatable: true})
				continue
			}
			if len(items) == 0 || !items[len(items)-1].repeatable {
				if len(items) > 0 && items[len(items)-1].repeated {
					w.fail("multiple repeat")
				}
				w.fail("nothing to repeat")
			}
			last := &items[len(items)-1]
			op, min := w.repeat()
			last.text = "(?:" + last.text + ")" + op
			last.nullable = last.nullable || min == 0
			last.repeatable, last.repeated = false, true
			continue
		}
		items = append(items, w.atom())
	}
	if w.depth == 0 {
		w.branches++
		w.top = items
	}
	var b strings.Builder
	out := pyRxItem{nullable: true, zero: true}
	for _, it := range items {
		b.WriteString(it.text)
		out.nullable, out.zero, out.newline = out.nullable && it.nullable, out.zero && it.zero, out.newline || it.newline
	}
	out.text = b.String()
	return out
}

// isRepeat tells whether the `{` at pos opens a repeat count (`{2}`, `{2,}`, `{,3}`, `{2,3}`); else
// Python takes it as a literal brace.
func (w *pyRxWriter) isRepeat() bool {
	i := w.pos + 1
	for i < len(w.src) && w.src[i] >= '0' && w.src[i] <= '9' {
		i++
	}
	if i < len(w.src) && w.src[i] == ',' {
		i++
		for i < len(w.src) && w.src[i] >= '0' && w.src[i] <= '9' {
			i++
		}
	}
	return i < len(w.src) && w.src[i] == '}' && i > w.pos+1
}

// repeat reads `*`, `+`, `?` or `{m,n}` and a lazy `?` after it: RE2's text and the least count.
func (w *pyRxWriter) repeat() (string, int) {
	c := w.peek()
	w.pos++
	op, min := string(c), 0
	if c == '+' {
		min = 1
	}
	if c == '{' {
		start := w.pos
		for w.peek() != '}' {
			w.pos++
		}
		spec := string(w.src[start:w.pos])
		w.pos++
		lo, hi, comma := spec, spec, strings.Contains(spec, ",")
		if comma {
			lo, hi, _ = strings.Cut(spec, ",")
		}
		if lo == "" {
			lo = "0"
		}
		n, _ := strconv.Atoi(lo)
		if comma && hi == "" {
			op = "{" + lo + ",}"
		} else {
			m, _ := strconv.Atoi(hi)
			if m < n {
				w.fail("min repeat greater than max repeat")
			}
			if m > 1000 {
				w.unsupported("a repeat count over 1000")
			}
			op = "{" + lo + "," + hi + "}"
		}
		if n > 1000 {
			w.unsupported("a repeat count over 1000")
		}
		min = n
	}
	if w.more() && w.peek() == '?' {
		w.pos++
		op += "?"
	} else if w.more() && w.peek() == '+' {
		w.unsupported("a possessive repeat")
	}
	return op, min
}

func (w *pyRxWriter) atom() pyRxItem {
	c := w.peek()
	w.pos++
	switch c {
	case '(':
		return w.group()
	case '[':
		text, newline := w.class()
		return pyRxItem{text: text, repeatable: true, newline: newline}
	case '.':
		return pyRxItem{text: ".", repeatable: true, newline: w.flags&16 != 0}
	case '^':
		return pyRxItem{text: "^", nullable: true, repeatable: false, repeated: false, zero: true}
	case '$':
		w.dollar = true
		w.dollars++
		return pyRxItem{text: "(?m:$)", nullable: true, zero: true, isDollar: true}
	case '\\':
		return w.escape()
	}
	return pyRxItem{text: pyRxLiteral(c, false), repeatable: true, newline: c == '\n'}
}

func (w *pyRxWriter) group() pyRxItem {
	open := "("
	if w.more() && w.peek() == '?' {
		w.pos++
		if !w.more() {
			w.fail("unexpected end of pattern")
		}
		c := w.peek()
		w.pos++
		switch {
		case c == ':':
			open = "(?:"
		case c == 'P' && w.more() && w.peek() == '<':
			w.pos++
			end := w.pos
			for end < len(w.src) && w.src[end] != '>' {
				end++
			}
			name := string(w.src[w.pos:end])
			if end >= len(w.src) || !pyRxName(name) {
				w.fail("bad character in group name")
			}
			w.pos = end + 1
			w.groups++
			open = "(?P<" + name + ">"
		case c == 'P' && w.more() && w.peek() == '=':
			w.unsupported("a backreference")
		case c == '=' || c == '!' || (c == '<' && w.more() && (w.peek() == '=' || w.peek() == '!')):
			w.unsupported("a lookahead or lookbehind")
		case c == '#':
			for w.more() && w.peek() != ')' {
				w.pos++
			}
			if !w.more() {
				w.fail("missing ), unterminated comment")
			}
			w.pos++
			return pyRxItem{text: "", nullable: true, repeatable: false, repeated: false, zero: true}
		case c == '>':
			w.unsupported("an atomic group")
		case c == '(':
			w.unsupported("a conditional group")
		case strings.ContainsRune("aiLmsux-", c):
			return w.inlineFlags(c)
		default:
			w.fail("unknown extension ?" + string(c))
		}
	} else {
		w.groups++
	}
	w.depth++
	inner := w.alternation()
	w.depth--
	if !w.more() || w.peek() != ')' {
		w.fail("missing ), unterminated subpattern")
	}
	w.pos++
	inner.text = open + inner.text + ")"
	return inner
}

// inlineFlags reads `(?ix)` at the start of the pattern (global); flags scoped to a group, MULTILINE
// and LOCALE are refused as the translator refuses them in a literal.
func (w *pyRxWriter) inlineFlags(c rune) pyRxItem {
	bits := map[rune]int{'a': 256, 'i': 2, 'L': 4, 'm': 8, 's': 16, 'u': 32, 'x': 64}
	start := w.pos - 3
	for {
		if c == '-' || c == ':' {
			w.unsupported("flags scoped to a group")
		}
		if c == ')' {
			break
		}
		b, ok := bits[c]
		if !ok {
			w.fail("unknown flag")
		}
		w.flags |= b
		if !w.more() {
			w.fail("missing -, : or )")
		}
		c = w.peek()
		w.pos++
	}
	if start != 0 && strings.Trim(string(w.src[:start]), "()?aiLmsux") != "" {
		w.fail("global flags not at the start of the expression")
	}
	w.checkFlags()
	return pyRxItem{text: "", nullable: true, repeatable: false, repeated: false, zero: true}
}

func (w *pyRxWriter) checkFlags() {
	if w.flags&8 != 0 {
		w.unsupported("MULTILINE")
	}
	if w.flags&4 != 0 {
		w.unsupported("LOCALE")
	}
	if w.flags&2 != 0 && w.flags&256 != 0 {
		w.unsupported("IGNORECASE with ASCII (Python folds ASCII letters only, Go all)")
	}
}

// category is Python's \d, \w or \s (or \D, \W, \S) as the members of an RE2 class: Unicode classes,
// or ASCII ones under re.ASCII; and whether it is negated.
func (w *pyRxWriter) category(c rune) (string, bool) {
	ascii := w.flags&256 != 0
	var members string
	switch unicode.ToLower(c) {
	case 'd':
		members = `\p{Nd}`
		if ascii {
			members = `0-9`
		}
	case 'w':
		members = `\p{L}\p{N}_`
		if ascii {
			members = `0-9A-Za-z_`
		}
	case 's':
		members = pyRxSpace
		if ascii {
			members = `\t-\r `
		}
	}
	return members, unicode.IsUpper(c)
}

// escaped reads the character after a backslash.
func (w *pyRxWriter) escaped() rune {
	if !w.more() {
		w.fail("bad escape (end of pattern)")
	}
	w.pos++
	return w.src[w.pos-1]
}

func (w *pyRxWriter) escape() pyRxItem {
	c := w.escaped()
	switch c {
	case 'A':
		return pyRxItem{text: `\A`, nullable: true, repeatable: false, repeated: false, zero: true}
	case 'Z':
		return pyRxItem{text: `\z`, nullable: true, repeatable: false, repeated: false, zero: true}
	case 'b', 'B':
		// Go's \b is ASCII, Python's Unicode: the same on an ASCII text, which the subject is checked to be
		w.wordb = w.wordb || w.flags&256 == 0
		return pyRxItem{text: `\` + string(c), nullable: true, repeatable: false, repeated: false, zero: true}
	case 'd', 'D', 'w', 'W', 's', 'S':
		members, negated := w.category(c)
		if negated {
			return pyRxItem{text: "[^" + members + "]", repeatable: true, newline: c != 'S'}
		}
		return pyRxItem{text: "[" + members + "]", repeatable: true, newline: c == 's'}
	}
	if c >= '1' && c <= '9' && !w.octal(c) {
		w.unsupported("a backreference")
	}
	ch := w.char(c, false)
	return pyRxItem{text: pyRxLiteral(ch, false), repeatable: true, newline: ch == '\n'}
}

// octal tells whether `\` + c (c a digit from 1) starts a three-digit octal escape, not a group reference.
func (w *pyRxWriter) octal(c rune) bool {
	return c <= '7' && w.pos+1 < len(w.src) && w.src[w.pos] >= '0' && w.src[w.pos] <= '7' && w.src[w.pos+1] >= '0' && w.src[w.pos+1] <= '7'
}

// char is the character an escape `\` + c stands for (its letter read already).
func (w *pyRxWriter) char(c rune, inClass bool) rune {
	hex := func(n int) rune {
		if w.pos+n > len(w.src) {
			w.fail("incomplete escape")
		}
		v, err := strconv.ParseUint(string(w.src[w.pos:w.pos+n]), 16, 32)
		if err != nil || v > unicode.MaxRune {
			w.fail("bad escape")
		}
		w.pos += n
		return rune(v)
	}
	switch c {
	case 'a':
		return '\a'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'v':
		return '\v'
	case 'x':
		return hex(2)
	case 'u':
		return hex(4)
	case 'U':
		return hex(8)
	case 'N':
		w.unsupported(`\N{...} names`)
	}
	if inClass && c == 'b' {
		return '\b'
	}
	if c >= '0' && c <= '7' {
		v := int(c - '0')
		for k := 0; k < 2 && w.more() && w.peek() >= '0' && w.peek() <= '7'; k++ {
			v = v*8 + int(w.peek()-'0')
			w.pos++
		}
		if v > 0o377 {
			w.fail("octal escape value outside of range 0-0o377")
		}
		return rune(v)
	}
	if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
		w.fail(`bad escape \` + string(c))
	}
	return c
}

// class reads a set `[...]` (after its `[`) and writes it with every member escaped, so that RE2
// reads no POSIX class or nested set where Python reads plain characters.
func (w *pyRxWriter) class() (string, bool) {
	var b strings.Builder
	negated := false
	if w.more() && w.peek() == '^' {
		negated = true
		w.pos++
	}
	type member struct {
		text     string
		lo, hi   rune
		isChar   bool
		category bool
		negCat   bool
	}
	members := []member{}
	first := true
	for {
		if !w.more() {
			w.fail("unterminated character set")
		}
		c := w.peek()
		if c == ']' && !first {
			w.pos++
			break
		}
		first = false
		w.pos++
		var m member
		if c == '\\' {
			e := w.escaped()
			if strings.ContainsRune("dDwWsS", e) {
				text, neg := w.category(e)
				m = member{text: text, category: true, negCat: neg}
			} else if strings.ContainsRune("AZB89", e) {
				w.fail(`bad escape \` + string(e))
			} else {
				r := w.char(e, true)
				m = member{text: pyRxLiteral(r, true), lo: r, hi: r, isChar: true}
			}
		} else {
			m = member{text: pyRxLiteral(c, true), lo: c, hi: c, isChar: true}
		}
		// a range `a-z`: a `-` before `]` or at the end is a plain character
		if m.isChar && w.pos+1 < len(w.src) && w.peek() == '-' && w.src[w.pos+1] != ']' {
			w.pos++
			hc := w.peek()
			w.pos++
			hi := hc
			if hc == '\\' {
				e := w.escaped()
				if strings.ContainsRune("dDwWsS", e) {
					w.fail("bad character range")
				}
				hi = w.char(e, true)
			}
			if hi < m.lo {
				w.fail("bad character range")
			}
			m.text, m.hi = m.text+"-"+pyRxLiteral(hi, true), hi
		}
		members = append(members, m)
	}
	for _, m := range members {
		if m.negCat && len(members) > 1 {
			w.unsupported(`\D, \W or \S in a set with other members`)
		}
	}
	if len(members) == 1 && members[0].negCat {
		negated = !negated // [\W] is \W, [^\W] is \w
	}
	newline := negated // a negated set takes a newline unless it names one (read as may)
	for _, m := range members {
		newline = newline || m.category && strings.Contains(m.text, `\t-\r`) || m.isChar && m.lo <= '\n' && m.hi >= '\n'
	}
	b.WriteString("[")
	if negated {
		b.WriteString("^")
	}
	for _, m := range members {
		b.WriteString(m.text)
	}
	b.WriteString("]")
	return b.String(), newline
}

// pyRxLiteral writes one character as RE2 reads it literally (in a set or not).
//
//gotui:with pyReDyn
func pyRxLiteral(c rune, inClass bool) string {
	if c < 0x20 || c == 0x7f || !unicode.IsPrint(c) && c > 0x7f {
		return fmt.Sprintf(`\x{%x}`, c)
	}
	meta := `\.+*?()|[]{}^$`
	if inClass {
		meta = `\[]^-`
	}
	if strings.ContainsRune(meta, c) {
		return `\` + string(c)
	}
	return string(c)
}

// pyRxName tells whether a group name is one Python accepts (an identifier).
//
//gotui:with pyReDyn
func pyRxName(name string) bool {
	if name == "" {
		return false
	}
	for i, r := range name {
		if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}
