// Helpers for Python tuples as generic structs.

package gotuihelpers

// Tuple1 is a Python 1-tuple, as `gotui check` writes one that a value of several types holds (a
// cache key `(1,)`); the translated code does not build one itself.
type Tuple1[A any] struct {
	F0 A
}

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

// Tuple5 is a Python 5-tuple.
type Tuple5[A, B, C, D, E any] struct {
	F0 A
	F1 B
	F2 C
	F3 D
	F4 E
}

// Tuple6 is a Python 6-tuple.
type Tuple6[A, B, C, D, E, F any] struct {
	F0 A
	F1 B
	F2 C
	F3 D
	F4 E
	F5 F
}

// Tuple7 is a Python 7-tuple.
type Tuple7[A, B, C, D, E, F, G any] struct {
	F0 A
	F1 B
	F2 C
	F3 D
	F4 E
	F5 F
	F6 G
}

// Tuple8 is a Python 8-tuple.
type Tuple8[A, B, C, D, E, F, G, H any] struct {
	F0 A
	F1 B
	F2 C
	F3 D
	F4 E
	F5 F
	F6 G
	F7 H
}

// pyCmpFirst is Python's ordering of two tuples from the comparisons of their items in order (each
// -1, 0 or 1): the first that is not equal decides, and equal tuples compare 0.
func pyCmpFirst(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}
