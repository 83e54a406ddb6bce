// Helpers for collections.OrderedDict: a map that keeps its keys in insertion order, which a Go map
// does not, and can move a key to either end (move_to_end) or take the first or last (popitem).

package gotuihelpers

import (
	"iter"
)

// pyODict is a collections.OrderedDict: the map finds a key's node, the ring of nodes keeps the order.
// A nil *pyODict is None; OrderedDict() is pyNewODict.
type pyODict[K comparable, V any] struct {
	nodes map[K]*pyODictNode[K, V]
	ring  pyODictNode[K, V] // its next is the first key, its prev the last
}

// pyODictNode is one key of a pyODict, in its ring.
//
//gotui:with pyODict
type pyODictNode[K comparable, V any] struct {
	key        K
	val        V
	prev, next *pyODictNode[K, V]
}

// pyNewODict is OrderedDict(): an empty one.
func pyNewODict[K comparable, V any]() *pyODict[K, V] {
	d := &pyODict[K, V]{nodes: map[K]*pyODictNode[K, V]{}}
	d.ring.next, d.ring.prev = &d.ring, &d.ring
	return d
}

// Len is len(d).
func (d *pyODict[K, V]) Len() int {
	return len(d.nodes)
}

// Has is `k in d`.
func (d *pyODict[K, V]) Has(k K) bool {
	_, ok := d.nodes[k]
	return ok
}

// Set is d[k] = v: a new key goes last, a key already there keeps its place.
func (d *pyODict[K, V]) Set(k K, v V) {
	if n, ok := d.nodes[k]; ok {
		n.val = v
		return
	}
	n := &pyODictNode[K, V]{key: k, val: v}
	d.nodes[k] = n
	d.link(n, d.ring.prev)
}

// link puts n after at in the ring.
func (d *pyODict[K, V]) link(n, at *pyODictNode[K, V]) {
	n.prev, n.next = at, at.next
	at.next.prev = n
	at.next = n
}

// unlink takes n out of the ring.
func (d *pyODict[K, V]) unlink(n *pyODictNode[K, V]) {
	n.prev.next, n.next.prev = n.next, n.prev
}

// Keys ranges over the keys in order (iter(d), for k in d); the loop must not change d.
func (d *pyODict[K, V]) Keys() iter.Seq[K] {
	return func(yield func(K) bool) {
		for n := d.ring.next; n != &d.ring; n = n.next {
			if !yield(n.key) {
				return
			}
		}
	}
}

// Values ranges over the values in key order (d.values()).
func (d *pyODict[K, V]) Values() iter.Seq[V] {
	return func(yield func(V) bool) {
		for n := d.ring.next; n != &d.ring; n = n.next {
			if !yield(n.val) {
				return
			}
		}
	}
}

// Items ranges over the pairs in order (d.items()).
func (d *pyODict[K, V]) Items() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		for n := d.ring.next; n != &d.ring; n = n.next {
			if !yield(n.key, n.val) {
				return
			}
		}
	}
}

// Clear is d.clear().
func (d *pyODict[K, V]) Clear() {
	clear(d.nodes)
	d.ring.next, d.ring.prev = &d.ring, &d.ring
}

// Copy is d.copy(): a new OrderedDict with the same pairs in the same order.
func (d *pyODict[K, V]) Copy() *pyODict[K, V] {
	out := pyNewODict[K, V]()
	for n := d.ring.next; n != &d.ring; n = n.next {
		out.Set(n.key, n.val)
	}
	return out
}

// Pairs lists the pairs in order (what gotui check compares two OrderedDicts by).
func (d *pyODict[K, V]) Pairs() []Tuple2[K, V] {
	out := make([]Tuple2[K, V], 0, len(d.nodes))
	for n := d.ring.next; n != &d.ring; n = n.next {
		out = append(out, Tuple2[K, V]{n.key, n.val})
	}
	return out
}

// pyODictOf is an OrderedDict of these pairs, in this order (what check rebuilds a traced one from).
func pyODictOf[K comparable, V any](pairs ...Tuple2[K, V]) *pyODict[K, V] {
	d := pyNewODict[K, V]()
	for _, p := range pairs {
		d.Set(p.F0, p.F1)
	}
	return d
}

// pyODKey is d[k] on an OrderedDict: a missing key raises KeyError.
func pyODKey[K comparable, V any](d *pyODict[K, V], k K) V {
	v, err := pyODKeyErr(d, k)
	if err != nil {
		panic(err)
	}
	return v
}

// pyODKeyErr is d[k] inside a try whose handler catches KeyError: the KeyError is the error result.
func pyODKeyErr[K comparable, V any](d *pyODict[K, V], k K) (V, error) {
	n, ok := d.nodes[k]
	if !ok {
		var zero V
		return zero, pyRaise("KeyError", pyRepr(k))
	}
	return n.val, nil
}

// pyODGet is d.get(k, default) on an OrderedDict.
func pyODGet[K comparable, V any](d *pyODict[K, V], k K, def V) V {
	if n, ok := d.nodes[k]; ok {
		return n.val
	}
	return def
}

// pyODDel is del d[k] on an OrderedDict: a missing key raises KeyError.
func pyODDel[K comparable, V any](d *pyODict[K, V], k K) {
	if err := pyODDelErr(d, k); err != nil {
		panic(err)
	}
}

// pyODDelErr is del d[k] inside a try whose handler catches KeyError: the KeyError is the result.
func pyODDelErr[K comparable, V any](d *pyODict[K, V], k K) error {
	n, ok := d.nodes[k]
	if !ok {
		return pyRaise("KeyError", pyRepr(k))
	}
	delete(d.nodes, k)
	d.unlink(n)
	return nil
}

// pyODPop is d.pop(k) on an OrderedDict: a missing key raises KeyError.
func pyODPop[K comparable, V any](d *pyODict[K, V], k K) V {
	v := pyODKey(d, k)
	pyODDel(d, k)
	return v
}

// pyODPopOr is d.pop(k, default) on an OrderedDict: the value taken out, or the default when k is missing.
func pyODPopOr[K comparable, V any](d *pyODict[K, V], k K, def V) V {
	n, ok := d.nodes[k]
	if !ok {
		return def
	}
	delete(d.nodes, k)
	d.unlink(n)
	return n.val
}

// pyODMoveToEnd is d.move_to_end(k, last): the key goes last (or first); a missing key raises KeyError.
func pyODMoveToEnd[K comparable, V any](d *pyODict[K, V], k K, last bool) {
	if err := pyODMoveToEndErr(d, k, last); err != nil {
		panic(err)
	}
}

// pyODMoveToEndErr is d.move_to_end(k, last) inside a try whose handler catches KeyError.
func pyODMoveToEndErr[K comparable, V any](d *pyODict[K, V], k K, last bool) error {
	n, ok := d.nodes[k]
	if !ok {
		return pyRaise("KeyError", pyRepr(k))
	}
	d.unlink(n)
	if last {
		d.link(n, d.ring.prev)
	} else {
		d.link(n, &d.ring)
	}
	return nil
}

// pyODPopItem is d.popitem(last): the last (or first) pair, taken out; an empty one raises KeyError.
func pyODPopItem[K comparable, V any](d *pyODict[K, V], last bool) Tuple2[K, V] {
	p, err := pyODPopItemErr(d, last)
	if err != nil {
		panic(err)
	}
	return p
}

// pyODPopItemErr is d.popitem(last) inside a try whose handler catches KeyError.
func pyODPopItemErr[K comparable, V any](d *pyODict[K, V], last bool) (Tuple2[K, V], error) {
	n := d.ring.next
	if last {
		n = d.ring.prev
	}
	if n == &d.ring {
		return Tuple2[K, V]{}, pyRaise("KeyError", "'dictionary is empty'")
	}
	delete(d.nodes, n.key)
	d.unlink(n)
	return Tuple2[K, V]{n.key, n.val}, nil
}

// pyODFirst is next(iter(d)) on an OrderedDict: its first key; an empty one raises StopIteration.
func pyODFirst[K comparable, V any](d *pyODict[K, V]) (K, error) {
	if d.ring.next == &d.ring {
		var zero K
		return zero, pyRaise("StopIteration", "")
	}
	return d.ring.next.key, nil
}

// pyODFirstOr is next(iter(d), default) on an OrderedDict: its first key, or the default when it is empty.
func pyODFirstOr[K comparable, V any](d *pyODict[K, V], def K) K {
	if d.ring.next == &d.ring {
		return def
	}
	return d.ring.next.key
}
