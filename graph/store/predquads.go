package store

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// A path step such as Gizmo's out("kg:sentence") from a set of nodes
// becomes the quads "subject in the set and predicate P". cayley builds it
// as an intersection that reads every quad of each node (nine or more for
// a fact, thousands for a well-known entity) and keeps those with
// predicate P. On bolt, whose index keys begin with (node, predicate),
// predQuads reads only the quads under the key (node, P) instead.

// predShape returns the shape for the quads of q if q is "direction d in
// some set, predicate P" and the store can read (node, P) keys directly.
func (s plannedStore) predShape(q shape.Quads) (shape.Shape, bool) {
	if s.db == nil || len(q) != 2 {
		return q, false
	}
	p, o := q[0], q[1]
	if p.Dir != quad.Predicate {
		p, o = o, p
	}
	if p.Dir != quad.Predicate {
		return q, false
	}
	fixed, ok := p.Values.(shape.Fixed)
	if !ok || len(fixed) != 1 {
		return q, false
	}
	pred, ok := fixed[0].(kv.Int64Value)
	if !ok {
		return q, false
	}
	bucket, ok := s.buckets[o.Dir]
	if !ok {
		return q, false
	}
	return predQuadsShape{from: o.Values, dir: o.Dir, pred: pred, bucket: bucket, s: s}, true
}

// predQuadsShape is the shape of the quads whose direction dir is in from
// and whose predicate is pred.
type predQuadsShape struct {
	from   shape.Shape
	dir    quad.Direction
	pred   kv.Int64Value
	bucket []byte // of the index that begins with dir, predicate
	s      plannedStore
}

func (p predQuadsShape) BuildIterator(qs cgraph.QuadStore) iterator.Shape {
	// cayley's intersection, with the links from the set read through
	// predIndexer: the second branch keeps lookups (Contains) exact.
	return iterator.NewAnd(
		cgraph.NewLinksTo(predIndexer{QuadIndexer: qs, p: p}, p.from.BuildIterator(qs), p.dir),
		cgraph.NewLinksTo(qs, iterator.NewFixed(p.pred), quad.Predicate),
	)
}

func (p predQuadsShape) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	var opt bool
	p.from, opt = p.from.Optimize(ctx, r)
	if p.from == nil {
		return nil, true
	}
	return p, opt
}

// predIndexer gives, for a node in direction p.dir, the quads under its
// (node, predicate) index key; everything else it passes to the store.
type predIndexer struct {
	cgraph.QuadIndexer
	p predQuadsShape
}

func (x predIndexer) QuadIterator(d quad.Direction, v cgraph.Ref) iterator.Shape {
	id, ok := v.(kv.Int64Value)
	if !ok || d != x.p.dir {
		return x.QuadIndexer.QuadIterator(d, v)
	}
	return &predQuads{qs: x.QuadIndexer, p: x.p, node: id}
}

func (x predIndexer) QuadIteratorSize(ctx context.Context, d quad.Direction, v cgraph.Ref) (refs.Size, error) {
	st, err := x.QuadIterator(d, v).Stats(ctx)
	return st.Size, err
}

// predQuads is the iterator of one node's quads with one predicate.
type predQuads struct {
	qs   cgraph.QuadIndexer
	p    predQuadsShape
	node kv.Int64Value
	size *refs.Size
}

func (it *predQuads) vals() []uint64 { return []uint64{uint64(it.node), uint64(it.p.pred)} }

func (it *predQuads) Iterate() iterator.Scanner {
	return newBoltScan(it.p.s.txs, it.p.bucket, it.vals()...)
}

func (it *predQuads) Lookup() iterator.Index { return &predQuadsContains{it: it} }

func (it *predQuads) Stats(ctx context.Context) (iterator.Costs, error) {
	if it.size == nil {
		n, err := boltIndexCount(it.p.s.txs, it.p.bucket, it.vals(), countCap)
		if err != nil {
			return iterator.Costs{}, err
		}
		// Deleted quads stay listed: an estimate, exact only when empty;
		// large sets are estimated as sizedIterator does.
		it.size = &refs.Size{Value: n, Exact: n == 0}
		if n >= countCap {
			it.size.Value = max(countCap, min(it.p.s.QuadStore.Size()/4, 10*countCap))
		}
	}
	return iterator.Costs{NextCost: 1, ContainsCost: 1, Size: *it.size}, nil
}

func (it *predQuads) Optimize(ctx context.Context) (iterator.Shape, bool) { return it, false }
func (it *predQuads) SubIterators() []iterator.Shape                      { return nil }
func (it *predQuads) String() string {
	return fmt.Sprintf("PredQuads(%v %d, predicate %d)", it.p.dir, it.node, it.p.pred)
}

// predQuadsContains checks a quad against the node and the predicate.
type predQuadsContains struct {
	it  *predQuads
	res refs.Ref
	err error
}

func (c *predQuadsContains) Contains(ctx context.Context, v refs.Ref) bool {
	c.res = nil
	if !c.has(v, c.it.p.dir, c.it.node) || !c.has(v, quad.Predicate, c.it.p.pred) {
		return false
	}
	c.res = v
	return true
}

// has reports whether quad v has node want in direction d.
func (c *predQuadsContains) has(v refs.Ref, d quad.Direction, want kv.Int64Value) bool {
	got, err := c.it.qs.QuadDirection(v, d)
	if err != nil {
		c.err = err
		return false
	}
	return got == want
}

func (c *predQuadsContains) Result() refs.Ref                   { return c.res }
func (c *predQuadsContains) NextPath(ctx context.Context) bool  { return false }
func (c *predQuadsContains) TagResults(dst map[string]refs.Ref) {}
func (c *predQuadsContains) Err() error                         { return c.err }
func (c *predQuadsContains) Close() error                       { return c.err }
func (c *predQuadsContains) String() string                     { return "PredQuadsContains" }
