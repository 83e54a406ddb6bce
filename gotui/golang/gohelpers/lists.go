// Helpers for list indexing, slicing and methods.

package gotuihelpers

import (
	"cmp"
	"slices"
	"sort"
)

// pySliceBounds clamps Python slice bounds (negative from the end) to [0, n].
func pySliceBounds(n, lo, hi int) (int, int) {
	if lo < 0 {
		lo = max(lo+n, 0)
	} else if lo > n {
		lo = n
	}
	if hi < 0 {
		hi = max(hi+n, 0)
	} else if hi > n {
		hi = n
	}
	if hi < lo {
		hi = lo
	}
	return lo, hi
}

// pySlice is xs[lo:hi]: clamped bounds, negative from the end, and a copy as in Python.
func pySlice[T any](xs []T, lo, hi int) []T {
	lo, hi = pySliceBounds(len(xs), lo, hi)
	return append([]T{}, xs[lo:hi]...)
}

// pySliceFrom is xs[lo:].
func pySliceFrom[T any](xs []T, lo int) []T {
	return pySlice(xs, lo, len(xs))
}

// pyAt is xs[i]: negative i counts from the end; out of range raises IndexError.
func pyAt[T any](xs []T, i int) T {
	return xs[pyIdx(i, len(xs))]
}

// pyAtErr is xs[i] inside a try whose handler catches IndexError: the IndexError is the error result.
func pyAtErr[T any](xs []T, i int) (T, error) {
	if i < 0 {
		i += len(xs)
	}
	if i < 0 || i >= len(xs) {
		var zero T
		return zero, pyRaise("IndexError", "list index out of range")
	}
	return xs[i], nil
}

// pyIdx turns a Python index into a Go one (negative from the end), raising IndexError.
func pyIdx(i, n int) int {
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		panic(pyRaise("IndexError", "list index out of range"))
	}
	return i
}

// pyIdxSet is pyIdx for `xs[i] = v`: Python's IndexError then says "list assignment index".
func pyIdxSet(i, n int) int {
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		panic(pyRaise("IndexError", "list assignment index out of range"))
	}
	return i
}

// pyZipRows is list(zip(*rows)): the transpose, as long as the shortest row (no rows: no items).
func pyZipRows[T any](rows [][]T) [][]T {
	out := [][]T{}
	if len(rows) == 0 {
		return out
	}
	n := len(rows[0])
	for _, r := range rows[1:] {
		n = min(n, len(r))
	}
	for i := 0; i < n; i++ {
		col := make([]T, len(rows))
		for j, r := range rows {
			col[j] = r[i]
		}
		out = append(out, col)
	}
	return out
}

// pyReversed is list(reversed(xs)) (and xs[::-1]): a new list.
func pyReversed[T any](xs []T) []T {
	out := make([]T, len(xs))
	for i, x := range xs {
		out[len(xs)-1-i] = x
	}
	return out
}

// pyRepeat is xs * n: n copies (none when n <= 0).
func pyRepeat[T any](xs []T, n int) []T {
	out := []T{}
	for i := 0; i < n; i++ {
		out = append(out, xs...)
	}
	return out
}

// pyRange is list(range(start, stop, step)).
func pyRange(start, stop, step int) []int {
	if step == 0 {
		panic(pyRaise("ValueError", "range() arg 3 must not be zero"))
	}
	out := []int{}
	for i := start; (step > 0 && i < stop) || (step < 0 && i > stop); i += step {
		out = append(out, i)
	}
	return out
}

// pyPop is xs.pop().
func pyPop[T any](xs *[]T) T {
	if len(*xs) == 0 {
		panic(pyRaise("IndexError", "pop from empty list"))
	}
	x := (*xs)[len(*xs)-1]
	*xs = (*xs)[:len(*xs)-1]
	return x
}

// pyPopAt is xs.pop(i) (and del xs[i]).
func pyPopAt[T any](xs *[]T, i int) T {
	n := len(*xs)
	if n == 0 {
		panic(pyRaise("IndexError", "pop from empty list"))
	}
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		panic(pyRaise("IndexError", "pop index out of range"))
	}
	x := (*xs)[i]
	*xs = append((*xs)[:i], (*xs)[i+1:]...)
	return x
}

// pyInsert is xs.insert(i, x): i is clamped as Python clamps it.
func pyInsert[T any](xs *[]T, i int, x T) {
	n := len(*xs)
	if i < 0 {
		i = max(i+n, 0)
	} else if i > n {
		i = n
	}
	*xs = slices.Insert(*xs, i, x)
}

// pyRemove is xs.remove(x): the first equal item; ValueError when there is none.
func pyRemove[T comparable](xs *[]T, x T) {
	i := slices.Index(*xs, x)
	if i < 0 {
		panic(pyRaise("ValueError", "list.remove(x): x not in list"))
	}
	*xs = slices.Delete(*xs, i, i+1)
}

// pyCount is xs.count(x).
func pyCount[T comparable](xs []T, x T) int {
	n := 0
	for _, v := range xs {
		if v == x {
			n++
		}
	}
	return n
}

// pyIndexOf is xs.index(x), with Python's ValueError.
func pyIndexOf[T comparable](xs []T, x T) (int, error) {
	if i := slices.Index(xs, x); i >= 0 {
		return i, nil
	}
	return 0, pyRaise("ValueError", pyRepr(x)+" is not in list")
}

// pySorted is sorted(xs): a new sorted list.
func pySorted[T cmp.Ordered](xs []T) []T {
	out := append([]T{}, xs...)
	slices.Sort(out)
	return out
}

// pySortedDesc is sorted(xs, reverse=True): stable, as Python's.
func pySortedDesc[T cmp.Ordered](xs []T) []T {
	out := append([]T{}, xs...)
	pySortDesc(out)
	return out
}

// pySortDesc is xs.sort(reverse=True).
func pySortDesc[T cmp.Ordered](xs []T) {
	sort.SliceStable(xs, func(i, j int) bool {
		return xs[j] < xs[i]
	})
}

// pySortedFunc is sorted(xs, key=...): a stable sort by less, on a copy.
func pySortedFunc[T any](xs []T, less func(a, b T) bool) []T {
	out := append([]T{}, xs...)
	pySortFunc(out, less)
	return out
}

// pySortFunc is xs.sort(key=...): stable, in place.
func pySortFunc[T any](xs []T, less func(a, b T) bool) {
	sort.SliceStable(xs, func(i, j int) bool {
		return less(xs[i], xs[j])
	})
}

// pyFirst is next(iter(xs)) on a list: its first item, or StopIteration when it is empty.
func pyFirst[T any](xs []T) (T, error) {
	if len(xs) == 0 {
		var zero T
		return zero, pyRaise("StopIteration", "")
	}
	return xs[0], nil
}

// pyFirstOr is next(iter(xs), d) on a list: its first item, or d when it is empty.
func pyFirstOr[T any](xs []T, d T) T {
	if len(xs) == 0 {
		return d
	}
	return xs[0]
}

// pyBisectLeft is bisect.bisect_left(a, x): where x goes in the sorted a, before any equal item. It is
// Python's own loop with Go's `<`, so a list that is not sorted, or a NaN, gives Python's answer too.
func pyBisectLeft[T cmp.Ordered](a []T, x T) int {
	lo, hi := 0, len(a)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if a[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// pyBisectRight is bisect.bisect_right(a, x) (and bisect.bisect): after any equal item, by Python's loop.
func pyBisectRight[T cmp.Ordered](a []T, x T) int {
	lo, hi := 0, len(a)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if x < a[mid] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}
