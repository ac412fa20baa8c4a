package store

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// sqlStore is cayley's SQL quad store (PostgreSQL, CockroachDB) with one
// change: checking whether a quad has node v in direction d compares the
// quad's own hashes instead of asking the database.
//
// cayley answers a Gizmo query on SQL row by row, and every step such as
// out("kg:object") checks each candidate quad with a statement of its own
// ("SELECT … FROM quads WHERE predicate_hash = $1 AND subject_hash = $2 …"):
// 1,652 of the 2,100 statements of one saved query. A quad reference on SQL
// carries its four hashes, so the answer is already known.
//
// It declines cayley's SQL shape optimiser, as Store.OptimizeShape does:
// it gave wrong rows and crashed on the saved queries.
type sqlStore struct {
	*csql.QuadStore
}

func (s sqlStore) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	return sh, false
}

func (s sqlStore) QuadIterator(d quad.Direction, v cgraph.Ref) iterator.Shape {
	it := s.QuadStore.QuadIterator(d, v)
	h, ok := v.(csql.NodeHash)
	if !ok {
		return it
	}
	return &sqlQuadIterator{Shape: it, d: d, v: h}
}

// sqlQuadIterator is cayley's iterator of the quads with node v in
// direction d, whose lookups compare hashes.
type sqlQuadIterator struct {
	iterator.Shape
	d quad.Direction
	v csql.NodeHash
}

func (it *sqlQuadIterator) Lookup() iterator.Index {
	return &sqlQuadContains{it: it, sql: it.Shape.Lookup()}
}

func (it *sqlQuadIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	if sh, ok := it.Shape.Optimize(ctx); ok {
		it.Shape = sh
	}
	return it, false
}

type sqlQuadContains struct {
	it  *sqlQuadIterator
	sql iterator.Index // cayley's, for references that carry no hashes
	res refs.Ref
}

func (c *sqlQuadContains) Contains(ctx context.Context, v refs.Ref) bool {
	q, ok := v.(csql.QuadHashes)
	if !ok {
		c.res = nil
		if c.sql.Contains(ctx, v) {
			c.res = c.sql.Result()
			return true
		}
		return false
	}
	c.res = nil
	if (csql.NodeHash{ValueHash: q.Get(c.it.d)}) != c.it.v {
		return false
	}
	c.res = v
	return true
}

func (c *sqlQuadContains) Result() refs.Ref                   { return c.res }
func (c *sqlQuadContains) NextPath(ctx context.Context) bool  { return false }
func (c *sqlQuadContains) TagResults(dst map[string]refs.Ref) {}
func (c *sqlQuadContains) Err() error                         { return c.sql.Err() }
func (c *sqlQuadContains) Close() error                       { return c.sql.Close() }
func (c *sqlQuadContains) String() string                     { return "SQLQuadContains" }
