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

	"github.com/boltdb/bolt"
)

// countCap bounds the quads counted for one size estimate; on bolt, sets
// of exactBelow quads or more are estimated from their index entries
// without reading the quads.
const (
	countCap   = 1000
	exactBelow = 64
)

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
// each row of a path step through the index instead (lookup.go), and
// reads a step "node in a set, predicate P" under (node, P) index keys
// (predquads.go).
//
// On bolt it also reads cayley's buckets in bolt's file itself (index
// entries, the quad log, node values), in read transactions lent by txs
// (readtx.go): cayley's key-value layer opens a transaction, finds the
// bucket from the root and copies keys for every quad, several times the
// cost of the read.
// The layout it reads is cayley's own (data version 2); tests compare every
// such read with cayley's.
type plannedStore struct {
	*kv.QuadStore
	indexes map[quad.Direction]kv.QuadIndex // see lookupIndexes
	buckets map[quad.Direction][]byte       // their buckets in bolt's file
	// db is the bolt file under QuadStore, or nil. On bolt, sizes are
	// counted from the index entries alone (boltIndexCount), without
	// reading each quad from the log.
	db     *bolt.DB
	bigMap bool     // db's memory map is boltMapSize
	txs    *readTxs // db's read transactions; nil when db is
}

// planned wraps qs when it is a key-value store; other stores are returned
// as they are. db is qs's bolt file, or nil; bigMap says whether openBolt
// mapped it with boltMapSize.
func planned(qs cgraph.QuadStore, db *bolt.DB, bigMap bool) cgraph.QuadStore {
	if k, ok := qs.(*kv.QuadStore); ok {
		s := plannedStore{QuadStore: k, indexes: lookupIndexes(context.Background(), k), buckets: map[quad.Direction][]byte{}, db: db, bigMap: bigMap}
		if db != nil {
			s.txs = newReadTxs(db, bigMap)
		}
		for d, ind := range s.indexes {
			s.buckets[d] = indexBucket(ind)
		}
		return s
	}
	return qs
}

// ApplyDeltas writes as cayley's store does, then tells the pool of read
// transactions that their view of the store is out of date.
func (s plannedStore) ApplyDeltas(in []cgraph.Delta, opts cgraph.IgnoreOpts) error {
	if s.txs != nil {
		s.txs.writeStarts()
		defer s.txs.writeEnds()
	}
	return s.QuadStore.ApplyDeltas(in, opts)
}

// Close ends the read transactions kept for reuse, then closes the store.
func (s plannedStore) Close() error {
	if s.txs != nil {
		s.txs.close()
	}
	return s.QuadStore.Close()
}

// ReadsBlockWrites reports whether a write may wait for the read
// transactions open at the time, so that a server should not let queries
// run alongside writes: on bolt when its memory map may move (a write
// that grows the file past the map waits until no read transaction is
// open, and under a steady stream of queries that is never). kg maps
// bolt files far larger than they are (boltMapSize), so this is false
// unless the system refused that map or the file nears its end. leveldb
// has no such wait.
func (s plannedStore) ReadsBlockWrites() bool {
	return s.db != nil && !mapFixed(s.db, s.bigMap)
}

func (s plannedStore) QuadIterator(d quad.Direction, v cgraph.Ref) iterator.Shape {
	it := s.QuadStore.QuadIterator(d, v)
	q, ok := it.(*kv.QuadIterator)
	if !ok {
		return it
	}
	si := &sizedIterator{QuadIterator: q, total: s.QuadStore.Size()}
	if id, isID := v.(kv.Int64Value); isID && s.db != nil {
		// cayley's QuadIterator scans the index that begins with d: the
		// one lookupIndexes found.
		if bucket, ok := s.buckets[d]; ok {
			si.count = func() (int64, error) { return boltIndexCount(s.txs, bucket, []uint64{uint64(id)}, countCap) }
			si.scan = func() iterator.Scanner { return newBoltScan(s.txs, bucket, uint64(id)) }
		}
	}
	return si
}

func (s plannedStore) QuadIteratorSize(ctx context.Context, d quad.Direction, v cgraph.Ref) (refs.Size, error) {
	it := s.QuadIterator(d, v)
	st, err := it.Stats(ctx)
	return st.Size, err
}

func (s plannedStore) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	switch sh := sh.(type) {
	case shape.QuadsAction:
		return s.lookupShape(sh)
	case shape.Quads:
		return s.predShape(sh)
	case shape.Unique:
		return s.uniqueShape(sh)
	}
	return sh, false
}

// sizedIterator is an index iterator whose size is counted.
type sizedIterator struct {
	*kv.QuadIterator
	total int64 // quads in the store
	size  *refs.Size
	// count, when set, counts the index entries of the node (up to
	// countCap); they include quads deleted since, so the count is an
	// estimate.
	count func() (int64, error)
	// scan, when set, reads the node's quads from bolt's file directly
	// (boltScan), in the order of cayley's own scan.
	scan func() iterator.Scanner
}

func (it *sizedIterator) Iterate() iterator.Scanner {
	if it.scan != nil {
		return it.scan()
	}
	return it.QuadIterator.Iterate()
}

func (it *sizedIterator) Stats(ctx context.Context) (iterator.Costs, error) {
	c, err := it.QuadIterator.Stats(ctx)
	if err != nil {
		return c, err
	}
	if it.size == nil && it.count != nil {
		// Large sets from the index alone; small ones (cheap to read)
		// exactly, below.
		if n, cerr := it.count(); cerr == nil && n >= exactBelow {
			it.size = &refs.Size{Value: n}
			if n >= countCap {
				it.size.Value = max(countCap, min(it.total/4, 10*countCap))
			}
		}
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

// boltIndexCount counts the quad ids listed under the keys of index ind
// that begin with node id, in bolt's file, stopping at limit. cayley's
// key-value layout: a bucket named by the index's direction letters
// ("sp", "ops"), keys of 8-byte big-endian node ids, values lists of
// uvarint quad ids (a deleted quad stays listed; its log entry is marked).
func boltIndexCount(txs *readTxs, bucket []byte, vals []uint64, limit int64) (int64, error) {
	prefix := keyPrefix(vals)
	var n int64
	err := txs.view(func(t *readTx) error {
		_, c := t.bucket(bucket)
		if c == nil {
			return nil
		}
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && n < limit; k, v = c.Next() {
			for _, x := range v {
				if x < 0x80 { // the last byte of a uvarint
					n++
				}
			}
		}
		return nil
	})
	return n, err
}

// ValuesOf resolves node refs to their values. On bolt it reads the nodes
// from the log in bolt's file directly (query results name four or five
// nodes a row, and cayley's key-value layer costs more than the read),
// through the read transaction's cache of values (readTx.nodeValue);
// elsewhere it is cayley's.
func (s plannedStore) ValuesOf(ctx context.Context, vals []cgraph.Ref) ([]quad.Value, error) {
	if s.db == nil {
		return s.QuadStore.ValuesOf(ctx, vals)
	}
	out := make([]quad.Value, len(vals))
	var ids []uint64
	var at []int
	for i, v := range vals {
		switch v := v.(type) {
		case nil:
		case refs.PreFetchedValue:
			out[i] = v.NameOf()
		case kv.Int64Value:
			if v != 0 {
				ids = append(ids, uint64(v))
				at = append(at, i)
			}
		default:
			return s.QuadStore.ValuesOf(ctx, vals) // cayley's error for a foreign ref
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	var last error
	err := s.txs.view(func(t *readTx) error {
		for i, id := range ids {
			v, err := t.nodeValue(id)
			if err != nil {
				last = err
				continue
			}
			out[at[i]] = v
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	return out, last
}

// NameOf resolves one node ref (see ValuesOf).
func (s plannedStore) NameOf(v cgraph.Ref) (quad.Value, error) {
	if s.db == nil {
		return s.QuadStore.NameOf(v)
	}
	vals, err := s.ValuesOf(context.Background(), []cgraph.Ref{v})
	if err != nil {
		return nil, fmt.Errorf("error getting NameOf %v: %w", v, err)
	}
	return vals[0], nil
}

// boltScan reads the quads listed under the keys of an index that begin
// with one node, from bolt's file: index keys a chunk at a time, each in
// a short read transaction (so that no transaction stays open while the
// query runs), then their quads from the log.
type boltScan struct {
	txs    *readTxs
	bucket []byte
	prefix []byte
	last   []byte // the last index key read; nil before the first
	done   bool   // no more index keys
	ids    []uint64
	buf    []*proto.Primitive
	prim   *proto.Primitive
	err    error
}

// scanChunk is how many quad ids a boltScan reads from the index at a time.
const scanChunk = 256

func newBoltScan(txs *readTxs, bucket []byte, vals ...uint64) *boltScan {
	return &boltScan{txs: txs, bucket: bucket, prefix: keyPrefix(vals)}
}

// keyPrefix is the start of the index keys for vals: 8-byte big-endian
// node ids.
func keyPrefix(vals []uint64) []byte {
	prefix := make([]byte, 8*len(vals))
	for i, v := range vals {
		binary.BigEndian.PutUint64(prefix[8*i:], v)
	}
	return prefix
}

func (s *boltScan) Next(ctx context.Context) bool {
	s.prim = nil
	for s.err == nil {
		for len(s.buf) > 0 {
			p := s.buf[0]
			s.buf = s.buf[1:]
			if p != nil && !p.Deleted {
				s.prim = p
				return true
			}
		}
		if len(s.ids) > 0 {
			n := min(len(s.ids), lookupChunk*8)
			s.buf, s.err = boltPrimitives(s.txs, s.ids[:n], s.buf[:0])
			s.ids = s.ids[n:]
			continue
		}
		if s.done {
			return false
		}
		if err := ctx.Err(); err != nil {
			s.err = err
			return false
		}
		s.err = s.readIDs()
	}
	return false
}

// readIDs reads the quad ids of the index keys after s.last, up to about
// scanChunk of them.
func (s *boltScan) readIDs() error {
	return s.txs.view(func(t *readTx) error {
		_, c := t.bucket(s.bucket)
		if c == nil {
			s.done = true
			return nil
		}
		var k, v []byte
		if s.last == nil {
			k, v = c.Seek(s.prefix)
		} else if k, v = c.Seek(s.last); bytes.Equal(k, s.last) {
			k, v = c.Next()
		}
		for ; k != nil && bytes.HasPrefix(k, s.prefix); k, v = c.Next() {
			var err error
			if s.ids, err = appendIDs(s.ids, s.bucket, k, v); err != nil {
				return err
			}
			if len(s.ids) >= scanChunk {
				s.last = append(s.last[:0], k...)
				return nil
			}
		}
		s.done = true
		return nil
	})
}

func (s *boltScan) Result() refs.Ref {
	if s.prim == nil {
		return nil
	}
	return s.prim
}

func (s *boltScan) NextPath(ctx context.Context) bool  { return false }
func (s *boltScan) TagResults(dst map[string]refs.Ref) {}
func (s *boltScan) Err() error                         { return s.err }
func (s *boltScan) Close() error                       { return s.err }
func (s *boltScan) String() string                     { return fmt.Sprintf("BoltScan(%s %x)", s.bucket, s.prefix) }
