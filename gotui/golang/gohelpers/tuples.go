// Helpers for Python tuples as generic structs.

package gotuihelpers

// Tuple2 is a Python 2-tuple.
type Tuple2[A, B any] struct {
	F0 A
	F1 B
}

// Tuple3 is a Python 3-tuple.
type Tuple3[A, B, C any] struct {
	F0 A
	F1 B
	F2 C
}

// Tuple4 is a Python 4-tuple.
type Tuple4[A, B, C, D any] struct {
	F0 A
	F1 B
	F2 C
	F3 D
}
