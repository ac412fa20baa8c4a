package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// A path step such as Gizmo's save("kg:subject", "s") or in("rdf:type")
// becomes the shape "nodes that are the subject (object) of a quad with
// predicate P", checked once per result row. cayley builds it as "has a
// quad in direction d" over every quad of the node, so checking one fact
// node read all its quads (nine or more) from the quad log, and a query
// saving four fields read forty quads a row. On a key-value store whose
// index keys begin with (node, predicate), the same check is one index key
// and the quads under it: quadsLookup gives the shape that Contains.
// Scanning (when the planner drives a query from this shape) is left to
// cayley's own iterator.

// lookupIndexes finds the indexes of a key-value store that begin with
// (subject, predicate) and (object, predicate), asking the store's own
// optimiser which index it would scan for those directions.
func lookupIndexes(ctx context.Context, qs *kv.QuadStore) map[quad.Direction]kv.QuadIndex {
	out := make(map[quad.Direction]kv.QuadIndex)
	probe := func(want []quad.Direction) {
		act := shape.QuadsAction{Result: want[0]}
		for _, d := range want {
			act.SetFilter(d, kv.Int64Value(1))
		}
		sh, ok := qs.OptimizeShape(ctx, act)
		if !ok {
			return
		}
		nf, ok := sh.(shape.NodesFrom)
		if !ok {
			return
		}
		scan, ok := nf.Quads.(kv.IndexScan)
		if !ok || len(scan.Index.Dirs) < 2 || scan.Index.Dirs[0] != want[0] || scan.Index.Dirs[1] != quad.Predicate {
			return
		}
		out[want[0]] = scan.Index
	}
	probe([]quad.Direction{quad.Subject, quad.Predicate})
	probe([]quad.Direction{quad.Object, quad.Predicate, quad.Subject})
	return out
}

// lookupShape returns the shape for act if the store has an index for it:
// act must name its result direction's nodes by a fixed predicate.
func (s plannedStore) lookupShape(act shape.QuadsAction) (shape.Shape, bool) {
	ind, ok := s.indexes[act.Result]
	if !ok {
		return act, false
	}
	pred, ok := act.Filter[quad.Predicate].(kv.Int64Value)
	if !ok {
		return act, false
	}
	if _, ok := act.Filter[act.Result]; ok {
		return act, false // a fixed result: cayley's own index scan serves it
	}
	for _, v := range act.Filter {
		if _, ok := v.(kv.Int64Value); !ok {
			return act, false
		}
	}
	return quadsLookup{act: act, ind: ind, pred: uint64(pred), kqs: s.QuadStore, txs: s.txs, bucket: s.buckets[act.Result]}, true
}

// quadsLookup is a shape.QuadsAction whose iterator checks a node through
// the index (see the comment at the top of this file).
type quadsLookup struct {
	act    shape.QuadsAction
	ind    kv.QuadIndex // its first two directions: act.Result, predicate
	pred   uint64
	kqs    *kv.QuadStore
	txs    *readTxs // kqs's bolt file, read directly when not nil
	bucket []byte   // ind's bucket in the file
}

func (s quadsLookup) BuildIterator(qs cgraph.QuadStore) iterator.Shape {
	return &lookupIterator{Shape: s.act.BuildIterator(qs), s: s}
}

func (s quadsLookup) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return s, false
}

// lookupIterator scans like cayley's iterator for the same shape and
// checks nodes through the index.
type lookupIterator struct {
	iterator.Shape // cayley's: Iterate, Stats, SubIterators
	s              quadsLookup
}

func (it *lookupIterator) Lookup() iterator.Index { return &lookupIndex{s: it.s} }

func (it *lookupIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	if sh, ok := it.Shape.Optimize(ctx); ok {
		it.Shape = sh
	}
	return it, false
}

func (it *lookupIterator) String() string { return "IndexLookup(" + it.Shape.String() + ")" }

// lookupIndex is the Contains side of lookupIterator: for node v, the
// quads under index key (v, predicate) that match the other fixed
// directions; each is one path (NextPath), whose saved directions are
// its tags.
type lookupIndex struct {
	s    quadsLookup
	sc   iterator.Scanner // cayley's index scan, or nil on bolt
	ids  []uint64         // on bolt: quads under the key not yet read
	buf  []*proto.Primitive
	res  refs.Ref
	prim *proto.Primitive
	err  error
}

func (l *lookupIndex) Contains(ctx context.Context, v refs.Ref) bool {
	l.closeScan()
	l.res, l.prim = nil, nil
	id, ok := v.(kv.Int64Value)
	if !ok || l.err != nil {
		return false
	}
	if l.s.txs != nil {
		// The key's quad ids and the first of their quads, in one read
		// transaction: most keys list one.
		l.err = l.s.txs.view(func(t *readTx) error {
			var err error
			if l.ids, err = txIndexIDs(t, l.s.bucket, []uint64{uint64(id), l.s.pred}, l.ids[:0]); err != nil {
				return err
			}
			n := min(len(l.ids), lookupChunk)
			l.buf, err = txPrimitives(t, l.ids[:n], l.buf[:0])
			l.ids = l.ids[n:]
			return err
		})
		if l.err != nil {
			return false
		}
	} else {
		scan := kv.IndexScan{Index: l.s.ind, Values: []uint64{uint64(id), l.s.pred}}
		l.sc = scan.BuildIterator(l.s.kqs).Iterate()
	}
	if !l.advance(ctx) {
		return false
	}
	l.res = v
	return true
}

func (l *lookupIndex) NextPath(ctx context.Context) bool {
	if l.res == nil {
		return false
	}
	return l.advance(ctx)
}

// advance moves to the next quad under the current key that matches every
// fixed direction, and reports whether there was one.
func (l *lookupIndex) advance(ctx context.Context) bool {
	for {
		p, ok := l.next(ctx)
		if !ok {
			break
		}
		if p == nil || p.Deleted {
			continue
		}
		match := true
		for d, v := range l.s.act.Filter {
			if p.GetDirection(d) != uint64(v.(kv.Int64Value)) {
				match = false
				break
			}
		}
		if match {
			l.prim = p
			return true
		}
	}
	if l.sc != nil {
		if err := l.sc.Err(); err != nil && l.err == nil {
			l.err = err
		}
	}
	// The last path stays current: cayley reads the tags of a result
	// after NextPath has said there are no more.
	return false
}

// next reads the next quad under the current key: from bolt's file, a
// few at a time, or from cayley's scan.
func (l *lookupIndex) next(ctx context.Context) (*proto.Primitive, bool) {
	if l.sc != nil {
		if !l.sc.Next(ctx) {
			return nil, false
		}
		p, _ := l.sc.Result().(*proto.Primitive)
		return p, true
	}
	if len(l.buf) == 0 {
		if len(l.ids) == 0 || l.err != nil {
			return nil, false
		}
		n := min(len(l.ids), lookupChunk)
		l.buf, l.err = boltPrimitives(l.s.txs, l.ids[:n], l.buf[:0])
		l.ids = l.ids[n:]
		if l.err != nil {
			return nil, false
		}
	}
	p := l.buf[0]
	l.buf = l.buf[1:]
	return p, true
}

// lookupChunk is how many quads a lookup reads from bolt's log at a time:
// most keys list one or two.
const lookupChunk = 8

func (l *lookupIndex) TagResults(dst map[string]refs.Ref) {
	if l.prim == nil {
		return
	}
	for d, tags := range l.s.act.Save {
		for _, t := range tags {
			dst[t] = kv.Int64Value(l.prim.GetDirection(d))
		}
	}
}

func (l *lookupIndex) Result() refs.Ref { return l.res }

func (l *lookupIndex) Err() error { return l.err }

func (l *lookupIndex) closeScan() {
	if l.sc != nil {
		if err := l.sc.Close(); err != nil && l.err == nil {
			l.err = err
		}
		l.sc = nil
	}
}

func (l *lookupIndex) Close() error {
	l.closeScan()
	return l.err
}

func (l *lookupIndex) String() string {
	return fmt.Sprintf("IndexLookup(%v)", l.s.ind)
}

// txIndexIDs appends to dst the quad ids listed under the keys of an index
// (its bucket) that begin with vals, read from bolt's file within t (the
// layout is described at boltIndexCount).
func txIndexIDs(t *readTx, bucket []byte, vals []uint64, dst []uint64) ([]uint64, error) {
	prefix := keyPrefix(vals)
	_, c := t.bucket(bucket)
	if c == nil {
		return dst, nil
	}
	var err error
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if dst, err = appendIDs(dst, bucket, k, v); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// appendIDs appends to dst the quad ids of v, the uvarint list under key k
// of index bucket.
func appendIDs(dst []uint64, bucket, k, v []byte) ([]uint64, error) {
	for len(v) > 0 {
		id, n := binary.Uvarint(v)
		if n <= 0 {
			return dst, fmt.Errorf("index %s: bad quad list under %x", bucket, k)
		}
		dst = append(dst, id)
		v = v[n:]
	}
	return dst, nil
}

// boltPrimitives appends to dst the quads with ids, read from the log of
// bolt's file (nil for an id not there).
func boltPrimitives(txs *readTxs, ids []uint64, dst []*proto.Primitive) ([]*proto.Primitive, error) {
	err := txs.view(func(t *readTx) error {
		var err error
		dst, err = txPrimitives(t, ids, dst)
		return err
	})
	return dst, err
}

// logBucket is the bucket of cayley's quad log (quads and nodes by id).
var logBucket = []byte("log")

// txPrimitives is boltPrimitives within read transaction t.
func txPrimitives(t *readTx, ids []uint64, dst []*proto.Primitive) ([]*proto.Primitive, error) {
	if len(ids) == 0 {
		return dst, nil
	}
	for _, id := range ids {
		p := new(proto.Primitive)
		found, err := t.logEntry(id, p)
		if err != nil {
			return dst, err
		}
		if !found {
			p = nil
		}
		dst = append(dst, p)
	}
	return dst, nil
}

// indexBucket names the bucket of index ind: its directions' letters
// (plannedStore keeps them, see planned).
func indexBucket(ind kv.QuadIndex) []byte {
	name := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		name[i] = d.Prefix()
	}
	return name
}
