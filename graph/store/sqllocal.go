package store

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"

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
// Sizes for the query planner are kept for sizeTTL: cayley counts them
// exactly (SELECT COUNT(*)) each time the planner asks, and it asked 35
// times for the number of nodes in one saved query.
//
// It declines cayley's SQL shape optimiser, as Store.OptimizeShape does:
// it gave wrong rows and crashed on the saved queries.
type sqlStore struct {
	*csql.QuadStore
	sizes *sizeCache
}

func newSQLStore(qs *csql.QuadStore) sqlStore {
	return sqlStore{QuadStore: qs, sizes: &sizeCache{m: map[sizeKey]sizeEntry{}}}
}

// sizeTTL is how long a size estimate for the planner is kept.
const sizeTTL = 10 * time.Second

// sizeCache keeps the planner's costs of node and quad sets by what the
// set is. A size from the cache is an estimate and says so (Size.Exact is
// false): cayley's count() answers from an exact size without iterating, and
// a stale exact one gave a count from before the last write.
type sizeCache struct {
	mu sync.Mutex
	m  map[sizeKey]sizeEntry
}

// sizeKey names a set: the quads with node h in direction d, or all nodes
// (d is quad.Any, h zero).
type sizeKey struct {
	d quad.Direction
	h csql.NodeHash
}

type sizeEntry struct {
	c  iterator.Costs
	at time.Time
}

// stats returns the costs of set k, from the cache or from it.
func (c *sizeCache) stats(ctx context.Context, k sizeKey, it iterator.Shape) (iterator.Costs, error) {
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if ok && time.Since(e.at) < sizeTTL {
		c := e.c
		c.Size.Exact = false
		return c, nil
	}
	st, err := it.Stats(ctx)
	if err != nil {
		return st, err
	}
	c.mu.Lock()
	if len(c.m) >= maxCachedSizes {
		clear(c.m)
	}
	c.m[k] = sizeEntry{st, time.Now()}
	c.mu.Unlock()
	return st, nil
}

// maxCachedSizes bounds the size cache.
const maxCachedSizes = 1 << 16

func (s sqlStore) NodesAllIterator() iterator.Shape {
	return &sqlSized{Shape: s.QuadStore.NodesAllIterator(), sizes: s.sizes, key: sizeKey{d: quad.Any}}
}

// sqlSized is a cayley SQL iterator whose Stats come through the cache.
type sqlSized struct {
	iterator.Shape
	sizes *sizeCache
	key   sizeKey
}

func (it *sqlSized) Stats(ctx context.Context) (iterator.Costs, error) {
	return it.sizes.stats(ctx, it.key, it.Shape)
}

func (it *sqlSized) Optimize(ctx context.Context) (iterator.Shape, bool) {
	if sh, ok := it.Shape.Optimize(ctx); ok {
		it.Shape = sh
	}
	return it, false
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
	return &sqlQuadIterator{sqlSized: sqlSized{Shape: it, sizes: s.sizes, key: sizeKey{d, h}}, d: d, v: h}
}

// sqlQuadIterator is cayley's iterator of the quads with node v in
// direction d, whose lookups compare hashes.
type sqlQuadIterator struct {
	sqlSized
	d quad.Direction
	v csql.NodeHash
}

func (it *sqlQuadIterator) Lookup() iterator.Index {
	return &sqlQuadContains{it: it, sql: it.Shape.Lookup()}
}

func (it *sqlQuadIterator) Optimize(ctx context.Context) (iterator.Shape, bool) {
	it.sqlSized.Optimize(ctx)
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

// pgOneRoundTrip returns the connection string u of a PostgreSQL store with
// lib/pq's binary_parameters option on, unless u sets it. cayley queries a
// SQL store with one statement per lookup, and without the option lib/pq
// sends each statement with parameters in two round trips (prepare, then
// execute); with it, in one, its []byte parameters (cayley's node hashes
// and values, bytea columns) in binary and the others as text, as before.
// Queries on PostgreSQL wait on those round trips far more than on the
// server (people-graph on 127,799 quads: 4 s of server time in 20 s).
func pgOneRoundTrip(u string) string {
	if strings.Contains(u, "binary_parameters") {
		return u
	}
	if strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://") {
		pu, err := url.Parse(u)
		if err != nil {
			return u // lib/pq reports the error
		}
		q := pu.Query()
		q.Set("binary_parameters", "yes")
		pu.RawQuery = q.Encode()
		return pu.String()
	}
	return strings.TrimSpace(u) + " binary_parameters=yes" // key=value form
}

// sqlIdleConns is how many idle connections kg keeps to a SQL store.
const sqlIdleConns = 16
