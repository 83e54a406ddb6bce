// Package gotuihelpers holds the Go helpers that code translated by gotui may call: each keeps
// one piece of Python semantics exactly (floor division, rounding, repr, str methods, ...).
// Where Python raises an exception that the translated code does not return as an error, the
// helper panics with that exception (see pyRaise), so nothing goes on with a wrong value.
//
// gotui reads these files (gotui/golang/helpers.py) and writes the helpers a package uses into
// its generated gotui_helpers.go. A helper is a top-level func, type, var or const whose name
// is py + a capital letter (or TupleN), with its doc comment; it takes its imports from its
// file's import block, and the helpers it calls are found in its body. To add one, write it
// into the file of its area and add any import it needs to that file. A declaration that only
// serves one helper (a table, an init, a private func) says so with a last doc line
// `//gotui:with pyName` and is written out with that helper; a method goes with its receiver.
package gotuihelpers
