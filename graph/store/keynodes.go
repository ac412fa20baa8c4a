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
)

// A path such as Gizmo's g.V(X).in(P).unique() asks for the distinct
// subjects of the quads with object X and predicate P. cayley reads every
// such quad from the log and drops repeats afterwards; kg stores an
// entity's type and labels once per document that mentions it, so the
// saved query titles read some twenty quads for each person it listed.
// On bolt, the keys of the (object, predicate, subject) index are exactly
// the distinct answers: keyNodes lists them from the keys, reading one
// quad a key only to check that it is not deleted (a deleted quad stays
// listed in the index).

// uniqueShape returns the shape for u if u is "the distinct nodes in
// direction Result of the quads with these fixed directions" and an index
// of the store's begins with the fixed directions followed by Result.
func (s plannedStore) uniqueShape(u shape.Unique) (shape.Shape, bool) {
	l, ok := u.From.(quadsLookup)
	if !ok || s.txs == nil || len(l.act.Save) != 0 {
		return u, false
	}
	for _, ind := range s.indexes {
		// The key must end with the result, so that each key names a
		// different node.
		n := len(l.act.Filter)
		if len(ind.Dirs) != n+1 || ind.Dirs[n] != l.act.Result {
			continue
		}
		vals := make([]uint64, 0, n)
		for _, d := range ind.Dirs[:n] {
			v, ok := l.act.Filter[d].(kv.Int64Value)
			if !ok {
				break
			}
			vals = append(vals, uint64(v))
		}
		if len(vals) == n {
			return keyNodesShape{txs: s.txs, bucket: indexBucket(ind), prefix: vals, total: s.QuadStore.Size()}, true
		}
	}
	return u, false
}

// keyNodesShape is the set of nodes that follow prefix in the keys of an
// index, for which a quad listed under the key is not deleted.
type keyNodesShape struct {
	txs    *readTxs
	bucket []byte
	prefix []uint64
	total  int64 // quads in the store, for size estimates
}

func (k keyNodesShape) BuildIterator(cgraph.QuadStore) iterator.Shape {
	return &keyNodes{s: k, prefix: keyPrefix(k.prefix)}
}

func (k keyNodesShape) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return k, false
}

type keyNodes struct {
	s      keyNodesShape
	prefix []byte
	size   *refs.Size
}

func (it *keyNodes) Iterate() iterator.Scanner { return &keyNodesScan{it: it} }

func (it *keyNodes) Lookup() iterator.Index { return &keyNodesContains{it: it} }

func (it *keyNodes) Stats(ctx context.Context) (iterator.Costs, error) {
	if it.size == nil {
		// Keys, up to keyCountCap (reading keys alone is cheap); some
		// may list only deleted quads, so the count is an estimate
		// unless there are none.
		var n int64
		err := it.s.txs.view(func(t *readTx) error {
			_, c := t.bucket(it.s.bucket)
			if c == nil {
				return nil
			}
			for k, _ := c.Seek(it.prefix); k != nil && bytes.HasPrefix(k, it.prefix) && n < keyCountCap; k, _ = c.Next() {
				n++
			}
			return nil
		})
		if err != nil {
			return iterator.Costs{}, err
		}
		it.size = &refs.Size{Value: n, Exact: n == 0}
		if n >= keyCountCap {
			it.size.Value = max(keyCountCap, it.s.total/4)
		}
	}
	// A node is a key and (usually) one quad read from the log; checking
	// one is a seek and the same read, like a lookup's.
	return iterator.Costs{NextCost: 1, ContainsCost: 2, Size: *it.size}, nil
}

// keyCountCap bounds the keys counted for a keyNodes size estimate:
// counting reads keys only, about 0.1 µs each.
const keyCountCap = 10 * countCap

func (it *keyNodes) Optimize(ctx context.Context) (iterator.Shape, bool) { return it, false }
func (it *keyNodes) SubIterators() []iterator.Shape                      { return nil }
func (it *keyNodes) String() string {
	return fmt.Sprintf("KeyNodes(%s %x)", it.s.bucket, it.prefix)
}

// liveNode returns the node that follows prefix in index key k, if one of
// the quads listed in v (the key's value) is not deleted.
func liveNode(t *readTx, bucket, prefix, k, v []byte) (kv.Int64Value, bool, error) {
	if len(k) < len(prefix)+8 {
		return 0, false, nil
	}
	node := kv.Int64Value(binary.BigEndian.Uint64(k[len(prefix):]))
	var p proto.Primitive
	for len(v) > 0 {
		id, n := binary.Uvarint(v)
		if n <= 0 {
			return 0, false, fmt.Errorf("index %s: bad quad list under %x", bucket, k)
		}
		v = v[n:]
		found, err := t.logEntry(id, &p)
		if err != nil {
			return 0, false, err
		}
		if found && !p.Deleted {
			return node, true, nil
		}
	}
	return 0, false, nil
}

// keyNodesScan lists the nodes a chunk of keys at a time, each chunk in
// one read transaction.
type keyNodesScan struct {
	it    *keyNodes
	last  []byte // the last key read; nil before the first
	done  bool
	nodes []kv.Int64Value
	res   refs.Ref
	err   error
}

// keyChunk is how many index keys a keyNodesScan reads at a time.
const keyChunk = 64

func (s *keyNodesScan) Next(ctx context.Context) bool {
	s.res = nil
	for len(s.nodes) == 0 {
		if s.done || s.err != nil {
			return false
		}
		if s.err = ctx.Err(); s.err != nil {
			return false
		}
		s.err = s.read()
	}
	s.res = s.nodes[0]
	s.nodes = s.nodes[1:]
	return true
}

func (s *keyNodesScan) read() error {
	it := s.it
	return it.s.txs.view(func(t *readTx) error {
		_, c := t.bucket(it.s.bucket)
		if c == nil {
			s.done = true
			return nil
		}
		var k, v []byte
		if s.last == nil {
			k, v = c.Seek(it.prefix)
		} else if k, v = c.Seek(s.last); bytes.Equal(k, s.last) {
			k, v = c.Next()
		}
		read := 0
		for ; k != nil && bytes.HasPrefix(k, it.prefix); k, v = c.Next() {
			// liveNode reads the log through another cursor; k and v
			// stay valid (bolt's map) for the transaction.
			node, ok, err := liveNode(t, it.s.bucket, it.prefix, k, v)
			if err != nil {
				return err
			}
			if ok {
				s.nodes = append(s.nodes, node)
			}
			if read++; read >= keyChunk {
				s.last = append(s.last[:0], k...)
				return nil
			}
		}
		s.done = true
		return nil
	})
}

func (s *keyNodesScan) Result() refs.Ref                   { return s.res }
func (s *keyNodesScan) NextPath(ctx context.Context) bool  { return false }
func (s *keyNodesScan) TagResults(dst map[string]refs.Ref) {}
func (s *keyNodesScan) Err() error                         { return s.err }
func (s *keyNodesScan) Close() error                       { return s.err }
func (s *keyNodesScan) String() string                     { return s.it.String() }

// keyNodesContains checks a node through its index key.
type keyNodesContains struct {
	it  *keyNodes
	key []byte
	res refs.Ref
	err error
}

func (c *keyNodesContains) Contains(ctx context.Context, v refs.Ref) bool {
	c.res = nil
	id, ok := v.(kv.Int64Value)
	if !ok || c.err != nil {
		return false
	}
	c.key = binary.BigEndian.AppendUint64(append(c.key[:0], c.it.prefix...), uint64(id))
	var live bool
	c.err = c.it.s.txs.view(func(t *readTx) error {
		v, ok := t.get(c.it.s.bucket, c.key)
		if !ok || v == nil {
			return nil
		}
		var err error
		_, live, err = liveNode(t, c.it.s.bucket, c.it.prefix, c.key, v)
		return err
	})
	if c.err != nil || !live {
		return false
	}
	c.res = v
	return true
}

func (c *keyNodesContains) Result() refs.Ref                   { return c.res }
func (c *keyNodesContains) NextPath(ctx context.Context) bool  { return false }
func (c *keyNodesContains) TagResults(dst map[string]refs.Ref) {}
func (c *keyNodesContains) Err() error                         { return c.err }
func (c *keyNodesContains) Close() error                       { return c.err }
func (c *keyNodesContains) String() string                     { return "KeyNodesContains" }
