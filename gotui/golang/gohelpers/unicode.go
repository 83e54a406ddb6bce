// Helpers for str case mapping and character classes, with Python's Unicode rules.

package gotuihelpers

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// pyUpper is s.upper(), with Python's full case mapping ("ß" -> "SS").
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

// pyUpperSpecial holds the characters whose str.upper() is several (Python's full case mapping, from
// its unicodedata; Go's unicode.ToUpper maps one to one).
//
//gotui:with pyUpper
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

// pyLower is s.lower(), with Python's special cases ("İ" and a word-final "Σ").
func pyLower(s string) string {
	if pyIsASCII(s) {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i := range rs {
		b.WriteString(pyLowerAt(rs, i))
	}
	return b.String()
}

// pyLowerAt is the lower case of rs[i] in its text: "İ" is "i̇", a word-final "Σ" is "ς".
//
//gotui:with pyLower
func pyLowerAt(rs []rune, i int) string {
	switch r := rs[i]; {
	case r == 0x130:
		return "i̇"
	case r == 0x3a3 && pyFinalSigma(rs, i):
		return "ς"
	default:
		return string(unicode.ToLower(r))
	}
}

//gotui:with pyLower
func pyCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) || unicode.In(r, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

//gotui:with pyLower
func pyCaseIgnorable(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) || strings.ContainsRune("'.:^`·‘’․﹒＇．", r)
}

//gotui:with pyLower
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

// pyCapitalize is s.capitalize(): the first character in title case (Python's full mapping: "ß" is
// "Ss"), the rest lower.
func pyCapitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return pyTitleRune(r) + pyLower(s[size:])
}

// pyTitle is s.title(): each character after one that is not cased in title case, each after a
// cased one lower (Python's full mappings, a word-final sigma included): "they're" is "They'Re".
func pyTitle(s string) string {
	rs := []rune(s)
	var b strings.Builder
	previousCased := false
	for i, r := range rs {
		if previousCased {
			b.WriteString(pyLowerAt(rs, i))
		} else {
			b.WriteString(pyTitleRune(r))
		}
		previousCased = pyCased(r)
	}
	return b.String()
}

// pyTitleRune is one character's title case, with Python's full mapping.
//
//gotui:with pyTitle
func pyTitleRune(r rune) string {
	if special, ok := pyTitleSpecial[r]; ok {
		return special
	}
	return string(unicode.ToTitle(r))
}

// pyTitleSpecial holds the characters whose title case is several (Python's full case mapping, from its
// unicodedata): str.title() and str.capitalize() write them for a word's first letter.
//
//gotui:with pyTitle
var pyTitleSpecial = map[rune]string{
	0x00df: "Ss",
	0x0149: "\u02bcN",
	0x01f0: "J\u030c",
	0x0390: "\u0399\u0308\u0301",
	0x03b0: "\u03a5\u0308\u0301",
	0x0587: "\u0535\u0582",
	0x1e96: "H\u0331",
	0x1e97: "T\u0308",
	0x1e98: "W\u030a",
	0x1e99: "Y\u030a",
	0x1e9a: "A\u02be",
	0x1f50: "\u03a5\u0313",
	0x1f52: "\u03a5\u0313\u0300",
	0x1f54: "\u03a5\u0313\u0301",
	0x1f56: "\u03a5\u0313\u0342",
	0x1fb2: "\u1fba\u0345",
	0x1fb4: "\u0386\u0345",
	0x1fb6: "\u0391\u0342",
	0x1fb7: "\u0391\u0342\u0345",
	0x1fc2: "\u1fca\u0345",
	0x1fc4: "\u0389\u0345",
	0x1fc6: "\u0397\u0342",
	0x1fc7: "\u0397\u0342\u0345",
	0x1fd2: "\u0399\u0308\u0300",
	0x1fd3: "\u0399\u0308\u0301",
	0x1fd6: "\u0399\u0342",
	0x1fd7: "\u0399\u0308\u0342",
	0x1fe2: "\u03a5\u0308\u0300",
	0x1fe3: "\u03a5\u0308\u0301",
	0x1fe4: "\u03a1\u0313",
	0x1fe6: "\u03a5\u0342",
	0x1fe7: "\u03a5\u0308\u0342",
	0x1ff2: "\u1ffa\u0345",
	0x1ff4: "\u038f\u0345",
	0x1ff6: "\u03a9\u0342",
	0x1ff7: "\u03a9\u0342\u0345",
	0xfb00: "Ff",
	0xfb01: "Fi",
	0xfb02: "Fl",
	0xfb03: "Ffi",
	0xfb04: "Ffl",
	0xfb05: "St",
	0xfb06: "St",
	0xfb13: "\u0544\u0576",
	0xfb14: "\u0544\u0565",
	0xfb15: "\u0544\u056b",
	0xfb16: "\u054e\u0576",
	0xfb17: "\u0544\u056d",
}

// pyIsDigit is s.isdigit(): decimal digits plus superscripts and other digit characters.
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

//gotui:with pyIsDigit
var pyOtherDigits = &unicode.RangeTable{R16: []unicode.Range16{}, R32: []unicode.Range32{}}

//gotui:with pyIsDigit
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

// pyIsDecimal is s.isdecimal().
func pyIsDecimal(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// pyIsAlpha is s.isalpha().
func pyIsAlpha(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// pyIsAlnum is s.isalnum(): letters and numbers.
func pyIsAlnum(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) < 0
}

// pyIsSpace is s.isspace().
func pyIsSpace(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !pySpace(r) }) < 0
}

// pyIsUpper is s.isupper(): some cased character and no lower or title case one.
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

// pyIsLower is s.islower(): some cased character and no upper or title case one.
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

// pyUnicodeCategory is unicodedata.category(c): the two-letter general category of one character,
// "Cn" for a code point the tables leave unassigned. Go's tables are Go's Unicode version
// (unicode.Version), Python's unicodedata.unidata_version its own: a code point assigned in between
// has a category in one and "Cn" in the other.
func pyUnicodeCategory(c string) string {
	r, size := utf8.DecodeRuneInString(c)
	if size == 0 || size != len(c) {
		panic(pyRaise("TypeError", "category() argument must be a unicode character, not str"))
	}
	for _, name := range pyCategoryOrder {
		if unicode.Is(unicode.Categories[name], r) {
			return name
		}
	}
	return "Cn"
}

//gotui:with pyUnicodeCategory
var pyCategoryOrder = []string{
	"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
	"Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cs",
}
