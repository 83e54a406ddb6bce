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

//gotui:with pyUpper
var pyUpperSpecial = map[rune]string{
	0x00df: "SS",
	0x0149: "ʼN",
	0x01f0: "J̌",
	0x0390: "Ϊ́",
	0x03b0: "Ϋ́",
	0x0587: "ԵՒ",
	0x1e96: "H̱",
	0x1e97: "T̈",
	0x1e98: "W̊",
	0x1e99: "Y̊",
	0x1e9a: "Aʾ",
	0x1f50: "Υ̓",
	0x1f52: "Υ̓̀",
	0x1f54: "Υ̓́",
	0x1f56: "Υ̓͂",
	0x1f80: "ἈΙ",
	0x1f81: "ἉΙ",
	0x1f82: "ἊΙ",
	0x1f83: "ἋΙ",
	0x1f84: "ἌΙ",
	0x1f85: "ἍΙ",
	0x1f86: "ἎΙ",
	0x1f87: "ἏΙ",
	0x1f88: "ἈΙ",
	0x1f89: "ἉΙ",
	0x1f8a: "ἊΙ",
	0x1f8b: "ἋΙ",
	0x1f8c: "ἌΙ",
	0x1f8d: "ἍΙ",
	0x1f8e: "ἎΙ",
	0x1f8f: "ἏΙ",
	0x1f90: "ἨΙ",
	0x1f91: "ἩΙ",
	0x1f92: "ἪΙ",
	0x1f93: "ἫΙ",
	0x1f94: "ἬΙ",
	0x1f95: "ἭΙ",
	0x1f96: "ἮΙ",
	0x1f97: "ἯΙ",
	0x1f98: "ἨΙ",
	0x1f99: "ἩΙ",
	0x1f9a: "ἪΙ",
	0x1f9b: "ἫΙ",
	0x1f9c: "ἬΙ",
	0x1f9d: "ἭΙ",
	0x1f9e: "ἮΙ",
	0x1f9f: "ἯΙ",
	0x1fa0: "ὨΙ",
	0x1fa1: "ὩΙ",
	0x1fa2: "ὪΙ",
	0x1fa3: "ὫΙ",
	0x1fa4: "ὬΙ",
	0x1fa5: "ὭΙ",
	0x1fa6: "ὮΙ",
	0x1fa7: "ὯΙ",
	0x1fa8: "ὨΙ",
	0x1fa9: "ὩΙ",
	0x1faa: "ὪΙ",
	0x1fab: "ὫΙ",
	0x1fac: "ὬΙ",
	0x1fad: "ὭΙ",
	0x1fae: "ὮΙ",
	0x1faf: "ὯΙ",
	0x1fb2: "ᾺΙ",
	0x1fb3: "ΑΙ",
	0x1fb4: "ΆΙ",
	0x1fb6: "Α͂",
	0x1fb7: "Α͂Ι",
	0x1fbc: "ΑΙ",
	0x1fc2: "ῊΙ",
	0x1fc3: "ΗΙ",
	0x1fc4: "ΉΙ",
	0x1fc6: "Η͂",
	0x1fc7: "Η͂Ι",
	0x1fcc: "ΗΙ",
	0x1fd2: "Ϊ̀",
	0x1fd3: "Ϊ́",
	0x1fd6: "Ι͂",
	0x1fd7: "Ϊ͂",
	0x1fe2: "Ϋ̀",
	0x1fe3: "Ϋ́",
	0x1fe4: "Ρ̓",
	0x1fe6: "Υ͂",
	0x1fe7: "Ϋ͂",
	0x1ff2: "ῺΙ",
	0x1ff3: "ΩΙ",
	0x1ff4: "ΏΙ",
	0x1ff6: "Ω͂",
	0x1ff7: "Ω͂Ι",
	0x1ffc: "ΩΙ",
	0xfb00: "FF",
	0xfb01: "FI",
	0xfb02: "FL",
	0xfb03: "FFI",
	0xfb04: "FFL",
	0xfb05: "ST",
	0xfb06: "ST",
	0xfb13: "ՄՆ",
	0xfb14: "ՄԵ",
	0xfb15: "ՄԻ",
	0xfb16: "ՎՆ",
	0xfb17: "ՄԽ",
}

// pyLower is s.lower(), with Python's special cases ("İ" and a word-final "Σ").
func pyLower(s string) string {
	if pyIsASCII(s) {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch {
		case r == 0x130:
			b.WriteString("i̇")
		case r == 0x3a3 && pyFinalSigma(rs, i):
			b.WriteRune(0x3c2)
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
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

// pyCapitalize is s.capitalize(): the first character in title case, the rest lower.
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
