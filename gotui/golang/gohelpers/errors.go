// Helpers for Python's built-in exceptions as Go errors: raise, except, unpacking.

package gotuihelpers

import (
	"errors"
	"fmt"
)

// pyException is a Python built-in exception carried as a Go error; Error() is str(exc).
//
//gotui:with pyRaise
type pyException struct {
	kind string
	msg  string
}

func (e *pyException) Error() string {
	return e.msg
}

// pyRaise is `raise kind(msg)` for a built-in exception class.
func pyRaise(kind, msg string) error {
	return &pyException{kind: kind, msg: msg}
}

//gotui:with pyErrorIs
var pyExcParent = map[string]string{
	"Exception": "BaseException", "ArithmeticError": "Exception", "ZeroDivisionError": "ArithmeticError",
	"OverflowError": "ArithmeticError", "LookupError": "Exception", "KeyError": "LookupError",
	"IndexError": "LookupError", "ValueError": "Exception", "UnicodeError": "ValueError", "TypeError": "Exception",
	"RuntimeError": "Exception", "NotImplementedError": "RuntimeError", "AttributeError": "Exception",
	"AssertionError": "Exception", "OSError": "Exception", "StopIteration": "Exception",
}

// pyErrorIs reports whether `except kind` catches err, following Python's class hierarchy.
func pyErrorIs(err error, kind string) bool {
	if err == nil {
		return false
	}
	if kind == "Exception" || kind == "BaseException" {
		return true
	}
	var e *pyException
	if !errors.As(err, &e) {
		return false
	}
	for k := e.kind; k != ""; k = pyExcParent[k] {
		if k == kind {
			return true
		}
	}
	return false
}

// pyCheckUnpack is the ValueError of `a, b = xs` when xs has the wrong length.
func pyCheckUnpack(got, want int) error {
	if got < want {
		return pyRaise("ValueError", fmt.Sprintf("not enough values to unpack (expected %d, got %d)", want, got))
	}
	if got > want {
		return pyRaise("ValueError", fmt.Sprintf("too many values to unpack (expected %d)", want))
	}
	return nil
}

// pyTodo marks a statement of a partly translated function that is still Python: it panics with
// the reason. It is a call, not a `panic` statement, so the Go translated after it still compiles
// and vets (no "unreachable code") and the reviewer sees the whole function.
func pyTodo(reason string) {
	panic("gotui: " + reason)
}
