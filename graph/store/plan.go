package store

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// countCap bounds the quads counted for one size estimate.
const countCap = 1000

// plannedStore is a cayley key-value quad store with size estimates the
// query planner can use.
//
// cayley's kv stores index quads by (subject, predicate) and (object,
// predicate, subject), and estimate the quads of any one node as half the
// store, because their index keys hold more than one direction. The
// planner, which orders the branches of an intersection by these sizes,
// then scans the whole store for a predicate rather than follow the index
// from a handful of nodes: the saved query spoke-to took 0.6 s on a
// 200,000-quad store and grew with the store. plannedStore counts the
// quads of a node through the index instead, up to countCap, so small sets
// are known exactly and large ones are estimated as large (but smaller
// than a scan, which is what they are cheaper than).
//
// It declines cayley's kv shape optimisation (an index scan for exactly
// matching directions), whose iterator insists on the unwrapped store;
// with exact sizes the planner finds the same plans without it. It checks
// each row of a path step through the index instead (lookup.go).
type plannedStore struct {
	*kv.QuadStore
	indexes map[quad.Direction]kv.QuadIndex // see lookupIndexes
}

// planned wraps qs when it is a key-value store; other stores are returned
// as they are.
func planned(qs cgraph.QuadStore) cgraph.QuadStore {
	if k, ok := qs.(*kv.QuadStore); ok {
		return plannedStore{QuadStore: k, indexes: lookupIndexes(context.Background(), k)}
	}
	return qs
}

func (s plannedStore) QuadIterator(d quad.Direction, v cgraph.Ref) iterator.Shape {
	it := s.QuadStore.QuadIterator(d, v)
	if q, ok := it.(*kv.QuadIterator); ok {
		return &sizedIterator{QuadIterator: q, total: s.QuadStore.Size()}
	}
	return it
}

func (s plannedStore) QuadIteratorSize(ctx context.Context, d quad.Direction, v cgraph.Ref) (refs.Size, error) {
	it := s.QuadIterator(d, v)
	st, err := it.Stats(ctx)
	return st.Size, err
}

func (s plannedStore) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	if act, ok := sh.(shape.QuadsAction); ok {
		return s.lookupShape(act)
	}
	return sh, false
}

// sizedIterator is an index iterator whose size is counted.
type sizedIterator struct {
	*kv.QuadIterator
	total int64 // quads in the store
	size  *refs.Size
}

func (it *sizedIterator) Stats(ctx context.Context) (iterator.Costs, error) {
	c, err := it.QuadIterator.Stats(ctx)
	if err != nil {
		return c, err
	}
	if it.size == nil {
		it.size = &refs.Size{}
		sc := it.QuadIterator.Iterate()
		n := int64(0)
		for n < countCap && sc.Next(ctx) {
			n++
		}
		err = sc.Err()
		sc.Close()
		if n < countCap {
			*it.size = refs.Size{Value: n, Exact: err == nil}
		} else {
			// Large: more than countCap. An index-backed set is at most
			// the store, and reading it costs no more than the scans it
			// competes with, so a moderate estimate is the safe side.
			*it.size = refs.Size{Value: max(countCap, min(it.total/4, 10*countCap))}
		}
	}
	c.Size = *it.size
	return c, err
}

func (it *sizedIterator) Optimize(ctx context.Context) (iterator.Shape, bool) { return it, false }

func (it *sizedIterator) String() string { return "Sized" + it.QuadIterator.String() }
