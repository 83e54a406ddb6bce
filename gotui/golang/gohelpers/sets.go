// Helpers for set construction and operators.

package gotuihelpers

// pyAdd is s.add(x).
func pyAdd[K comparable](s map[K]struct{}, k K) {
	s[k] = struct{}{}
}

// pySet is set(xs).
func pySet[T comparable](xs []T) map[T]struct{} {
	out := make(map[T]struct{}, len(xs))
	for _, x := range xs {
		out[x] = struct{}{}
	}
	return out
}

// pySetUnion is a | b.
func pySetUnion[T comparable](a, b map[T]struct{}) map[T]struct{} {
	out := make(map[T]struct{}, len(a)+len(b))
	for x := range a {
		out[x] = struct{}{}
	}
	for x := range b {
		out[x] = struct{}{}
	}
	return out
}

// pySetIntersection is a & b.
func pySetIntersection[T comparable](a, b map[T]struct{}) map[T]struct{} {
	out := map[T]struct{}{}
	for x := range a {
		if _, ok := b[x]; ok {
			out[x] = struct{}{}
		}
	}
	return out
}

// pySetDifference is a - b.
func pySetDifference[T comparable](a, b map[T]struct{}) map[T]struct{} {
	out := map[T]struct{}{}
	for x := range a {
		if _, ok := b[x]; !ok {
			out[x] = struct{}{}
		}
	}
	return out
}
