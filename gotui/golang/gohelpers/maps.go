// Helpers for dict access and methods.

package gotuihelpers

import (
	"cmp"
	"slices"
)

// pyKey is d[k]: a missing key raises KeyError instead of giving the zero value.
func pyKey[K comparable, V any](m map[K]V, k K) V {
	v, ok := m[k]
	if !ok {
		panic(pyRaise("KeyError", pyRepr(k)))
	}
	return v
}

// pyKeyErr is d[k] inside a try whose handler catches KeyError: the KeyError is the error result.
func pyKeyErr[K comparable, V any](m map[K]V, k K) (V, error) {
	v, ok := m[k]
	if !ok {
		return v, pyRaise("KeyError", pyRepr(k))
	}
	return v, nil
}

// pyHas is `k in d` for dicts and sets.
func pyHas[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// pyGet is d.get(k, default).
func pyGet[K comparable, V any](m map[K]V, k K, def V) V {
	if v, ok := m[k]; ok {
		return v
	}
	return def
}

// pyGetOpt is d.get(k): nil for None.
func pyGetOpt[K comparable, V any](m map[K]V, k K) *V {
	if v, ok := m[k]; ok {
		return &v
	}
	return nil
}

// pySetDefault is d.setdefault(k, v).
func pySetDefault[K comparable, V any](m map[K]V, k K, v V) V {
	if old, ok := m[k]; ok {
		return old
	}
	m[k] = v
	return v
}

// pyDefault is d[k] on a defaultdict: a missing key is inserted with the factory's value.
func pyDefault[K comparable, V any](m map[K]V, k K, v V) V {
	return pySetDefault(m, k, v)
}

// pyPopKey is d.pop(k), raising KeyError when k is missing.
func pyPopKey[K comparable, V any](m map[K]V, k K) V {
	v := pyKey(m, k)
	delete(m, k)
	return v
}

// pyPopKeyOr is d.pop(k, default).
func pyPopKeyOr[K comparable, V any](m map[K]V, k K, def V) V {
	v, ok := m[k]
	if !ok {
		return def
	}
	delete(m, k)
	return v
}

// pyDelKey is del d[k] (and s.remove(k)): a missing key raises KeyError.
func pyDelKey[K comparable, V any](m map[K]V, k K) {
	if _, ok := m[k]; !ok {
		panic(pyRaise("KeyError", pyRepr(k)))
	}
	delete(m, k)
}

// pyDelKeyErr is del d[k] inside a try whose handler catches KeyError: the KeyError is the result.
func pyDelKeyErr[K comparable, V any](m map[K]V, k K) error {
	if _, ok := m[k]; !ok {
		return pyRaise("KeyError", pyRepr(k))
	}
	delete(m, k)
	return nil
}

// pyKeys lists a map's keys, in no particular order (used only where order cannot matter).
func pyKeys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// pyValues lists a map's values, in no particular order (used only where order cannot matter).
func pyValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// pyItems lists a map's pairs, in no particular order (used only where order cannot matter).
func pyItems[K comparable, V any](m map[K]V) []Tuple2[K, V] {
	out := make([]Tuple2[K, V], 0, len(m))
	for k, v := range m {
		out = append(out, Tuple2[K, V]{k, v})
	}
	return out
}

// pyDictZip is dict(zip(keys, values)): pairs up to the shorter list, a later key wins.
func pyDictZip[K comparable, V any](keys []K, values []V) map[K]V {
	out := make(map[K]V, len(keys))
	for i := 0; i < len(keys) && i < len(values); i++ {
		out[keys[i]] = values[i]
	}
	return out
}

// pySortedItems is sorted(d.items()): pairs ordered by key (keys are unique).
func pySortedItems[K cmp.Ordered, V any](m map[K]V) []Tuple2[K, V] {
	out := make([]Tuple2[K, V], 0, len(m))
	for k, v := range m {
		out = append(out, Tuple2[K, V]{k, v})
	}
	slices.SortFunc(out, func(a, b Tuple2[K, V]) int {
		return cmp.Compare(a.F0, b.F0)
	})
	return out
}

// pySortedItemsDesc is sorted(d.items(), reverse=True).
func pySortedItemsDesc[K cmp.Ordered, V any](m map[K]V) []Tuple2[K, V] {
	out := pySortedItems(m)
	slices.Reverse(out)
	return out
}

// pyEnumNamed is Enum[name]: the member whose name is key, KeyError (a panic, as an uncaught d[k]) if none.
func pyEnumNamed[T any](members []T, name func(T) string, key string) T {
	for _, m := range members {
		if name(m) == key {
			return m
		}
	}
	panic(pyRaise("KeyError", pyRepr(key)))
}
