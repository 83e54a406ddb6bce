// Helpers for os.path (posixpath) on str paths: Python's rules byte for byte, which
// path/filepath does not keep (filepath.Join cleans ".." away, filepath.Base("a/") is "a").
// '/' and '.' are ASCII, so byte indices are safe on UTF-8 text.

package gotuihelpers

import "strings"

// pyPathJoin is os.path.join(a, *p): an absolute part starts over, nothing is cleaned.
func pyPathJoin(a string, p ...string) string {
	path := a
	for _, b := range p {
		if strings.HasPrefix(b, "/") {
			path = b
		} else if path == "" || strings.HasSuffix(path, "/") {
			path += b
		} else {
			path += "/" + b
		}
	}
	return path
}

// pyPathSplit is os.path.split(p): (head, tail), head without trailing slashes unless all slashes.
func pyPathSplit(p string) Tuple2[string, string] {
	i := strings.LastIndex(p, "/") + 1
	head, tail := p[:i], p[i:]
	if head != "" && head != strings.Repeat("/", len(head)) {
		head = strings.TrimRight(head, "/")
	}
	return Tuple2[string, string]{head, tail}
}

// pyPathBasename is os.path.basename(p): what follows the last slash ("" for "a/").
func pyPathBasename(p string) string {
	return p[strings.LastIndex(p, "/")+1:]
}

// pyPathDirname is os.path.dirname(p): os.path.split(p)[0].
func pyPathDirname(p string) string {
	return pyPathSplit(p).F0
}

// pyPathSplitext is os.path.splitext(p): (root, ext); leading dots of the last part are not an extension.
func pyPathSplitext(p string) Tuple2[string, string] {
	sep := strings.LastIndex(p, "/")
	dot := strings.LastIndex(p, ".")
	if dot > sep {
		for i := sep + 1; i < dot; i++ {
			if p[i] != '.' {
				return Tuple2[string, string]{p[:dot], p[dot:]}
			}
		}
	}
	return Tuple2[string, string]{p, ""}
}

// pyPathNormpath is os.path.normpath(p): "." and ".." folded as text, exactly two leading slashes kept.
func pyPathNormpath(p string) string {
	if p == "" {
		return "."
	}
	initial := 0
	if strings.HasPrefix(p, "/") {
		initial = 1
		if strings.HasPrefix(p, "//") && !strings.HasPrefix(p, "///") {
			initial = 2
		}
	}
	var comps []string
	for _, comp := range strings.Split(p, "/") {
		if comp == "" || comp == "." {
			continue
		}
		if comp != ".." || (initial == 0 && len(comps) == 0) || (len(comps) > 0 && comps[len(comps)-1] == "..") {
			comps = append(comps, comp)
		} else if len(comps) > 0 {
			comps = comps[:len(comps)-1]
		}
	}
	out := strings.Repeat("/", initial) + strings.Join(comps, "/")
	if out == "" {
		return "."
	}
	return out
}
