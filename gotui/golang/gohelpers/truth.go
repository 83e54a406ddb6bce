// Helpers for `a or b` and Optional values.

package gotuihelpers

import (
	"reflect"
)

// pyOr is `a or b` for numbers and strings: a unless it is zero or empty.
func pyOr[T comparable](a, b T) T {
	var zero T
	if a != zero {
		return a
	}
	return b
}

// pyOrList is `a or b` for lists.
func pyOrList[T any](a, b []T) []T {
	if len(a) > 0 {
		return a
	}
	return b
}

// pyOrMap is `a or b` for dicts and sets.
func pyOrMap[K comparable, V any](a, b map[K]V) map[K]V {
	if len(a) > 0 {
		return a
	}
	return b
}

// pyOrPtr is `a or b` where a is Optional: b when a is None or falsy.
func pyOrPtr[T comparable](a *T, b T) T {
	var zero T
	if a != nil && *a != zero {
		return *a
	}
	return b
}

// pyPtr makes an Optional value (a pointer) from a value.
func pyPtr[T any](v T) *T {
	return &v
}

// pyBoxOpt puts an Optional value into an `any` (a value of several types): nil for None, else the
// value itself. A nil pointer put there as it is would not be nil.
func pyBoxOpt[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// pyBoxRef puts an Optional class instance into an `any`: nil for None, else the pointer.
func pyBoxRef[T any](p *T) any {
	if p == nil {
		return nil
	}
	return p
}

// pyAsInt is isinstance(v, int) of a value held as `any`, with the int. Python's bool is an int too,
// Go's is not: a bool panics rather than take the other branch.
func pyAsInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case bool:
		panic("gotui: isinstance() of a bool against int: Python's bool is an int, Go's is not")
	}
	return 0, false
}

// pyTruthAny is Python's truth value of a value of several types (held as `any`): None, False, 0, 0.0,
// "" and an empty list, dict or set are false; a class instance is false only when its Len() (its
// __len__) is 0; a tuple (Tuple2...) is never empty, so true.
func pyTruthAny(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case int:
		return x != 0
	case float64:
		return x != 0
	case string:
		return x != ""
	case interface{ Len() int }:
		return x.Len() != 0
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Map:
		return rv.Len() > 0
	case reflect.Pointer:
		return !rv.IsNil()
	}
	return true
}

// pyOptEq is `a == b` of two values that may be None (nil): equal when both are None, or both hold
// equal values.
func pyOptEq[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
