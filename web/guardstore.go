package web

import (
	"context"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"net/http"
	"path"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	"github.com/dlclark/regexp2"
)

// ctxStore is the view of the store the query API reads through. Its
// iterators stop (with the context's error) once the context passed to
// Next, NextPath or Contains is done. Gizmo stops its JavaScript VM at the
// query timeout, but cayley's iterators themselves never look at the
// context, so a query language whose evaluation is Go code (MQL walks
// every path of a nested query in one call to Next) would run on for
// hours after its answer was abandoned, holding a CPU.
type ctxStore struct {
	cgraph.QuadStore
}

func (s ctxStore) QuadIterator(d quad.Direction, v cgraph.Ref) iterator.Shape {
	return guardIt(s.QuadStore.QuadIterator(d, v))
}

func (s ctxStore) NodesAllIterator() iterator.Shape {
	return guardIt(s.QuadStore.NodesAllIterator())
}

func (s ctxStore) QuadsAllIterator() iterator.Shape {
	return guardIt(s.QuadStore.QuadsAllIterator())
}

// OptimizeShape lets the underlying store optimize as it would without
// the view. Its shapes may only be built on the store itself, so the
// result is built there and its iterator guarded as a whole.
//
// cayley's SQL optimiser is not asked: built from inside a wrapper like
// this one, its shapes gave wrong rows on the saved queries (verb: 3 rows
// of 8) and crashed in cayley's SQL iterator (people-graph), measured on
// 2026-11-26 against the generic plan; see graph/store's OptimizeShape.
func (s ctxStore) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	if _, isSQL := s.QuadStore.(*csql.QuadStore); isSQL {
		return sh, false
	}
	o, ok := s.QuadStore.(shape.Optimizer)
	if !ok {
		return sh, false
	}
	out, ok := o.OptimizeShape(ctx, sh)
	if !ok {
		return sh, false
	}
	return builtOn{Shape: out, qs: s.QuadStore}, true
}

// builtOn is a shape that must be built on qs.
type builtOn struct {
	shape.Shape
	qs cgraph.QuadStore
}

func (b builtOn) BuildIterator(cgraph.QuadStore) iterator.Shape {
	return guardIt(b.Shape.BuildIterator(b.qs))
}

func (b builtOn) Optimize(ctx context.Context, r shape.Optimizer) (shape.Shape, bool) {
	return b, false
}

// guardIt wraps it so that its scanners and indexes check the context.
// The null iterator stays as it is, so that optimizers still see it.
func guardIt(it iterator.Shape) iterator.Shape {
	if it == nil || iterator.IsNull(it) {
		return it
	}
	if _, ok := it.(*guardShape); ok {
		return it
	}
	return &guardShape{Shape: it}
}

type guardShape struct {
	iterator.Shape
}

func (g *guardShape) Iterate() iterator.Scanner { return &guardScanner{Scanner: g.Shape.Iterate()} }
func (g *guardShape) Lookup() iterator.Index    { return &guardIndex{Index: g.Shape.Lookup()} }

func (g *guardShape) Optimize(ctx context.Context) (iterator.Shape, bool) {
	out, ok := g.Shape.Optimize(ctx)
	if !ok {
		return g, false
	}
	return guardIt(out), true
}

// checkEvery is how many calls pass between two looks at the context.
const checkEvery = 64

// ctxCheck remembers the context's error once seen.
type ctxCheck struct {
	n   int
	err error
}

func (c *ctxCheck) stop(ctx context.Context) bool {
	if c.err != nil {
		return true
	}
	c.n++
	if c.n%checkEvery != 0 || ctx == nil {
		return false
	}
	c.err = ctx.Err()
	return c.err != nil
}

type guardScanner struct {
	iterator.Scanner
	c ctxCheck
}

func (g *guardScanner) Next(ctx context.Context) bool {
	return !g.c.stop(ctx) && g.Scanner.Next(ctx)
}

func (g *guardScanner) NextPath(ctx context.Context) bool {
	return !g.c.stop(ctx) && g.Scanner.NextPath(ctx)
}

func (g *guardScanner) Err() error {
	if g.c.err != nil {
		return g.c.err
	}
	return g.Scanner.Err()
}

type guardIndex struct {
	iterator.Index
	c ctxCheck
}

func (g *guardIndex) Contains(ctx context.Context, v refs.Ref) bool {
	return !g.c.stop(ctx) && g.Index.Contains(ctx, v)
}

func (g *guardIndex) NextPath(ctx context.Context) bool {
	return !g.c.stop(ctx) && g.Index.NextPath(ctx)
}

func (g *guardIndex) Err() error {
	if g.c.err != nil {
		return g.c.err
	}
	return g.Index.Err()
}

// MaxRegexpMatch bounds one match of a backtracking regular expression
// in a Gizmo query (goja runs those with regexp2, which by default never
// gives up and does not see the VM's interrupt, so /^((a+)+)\1$/ on a
// long string would hold a CPU for hours after the query timed out). A
// match that runs out of time fails as if nothing matched.
const MaxRegexpMatch = time.Second

func init() {
	if regexp2.DefaultMatchTimeout > MaxRegexpMatch {
		regexp2.DefaultMatchTimeout = MaxRegexpMatch
	}
}

// isMemstore reports whether qs is cayley's in-memory store.
func isMemstore(qs cgraph.QuadStore) bool {
	if h, ok := qs.(*cgraph.Handle); ok {
		qs = h.QuadStore
	}
	_, ok := qs.(*memstore.QuadStore)
	return ok
}

// readsStore reports whether r is answered from the store's quads.
func readsStore(r *http.Request) bool {
	p := path.Clean("/" + strings.ToLower(r.URL.Path))
	switch {
	case strings.HasPrefix(p, "/api/v2/"), strings.HasPrefix(p, "/api/v1/shape/"):
		return true
	case p == DocumentsPath || strings.HasPrefix(p, DocumentsPath+"/"):
		return r.Method == http.MethodGet || r.Method == http.MethodHead
	}
	return false
}

// serializeReads reports whether queries should share the write lock:
// on memstore because it has no locking of its own, and on a store that
// says reads can block its writes (kg's bolt store when its memory map may
// move: a writer that must grow the map waits until no read transaction
// is open, which under a steady stream of queries is never, and the server
// stalled under load). With the lock, a waiting write holds back new
// queries until it is done. A cayley bolt store opened without kg (whose
// map moves as the file grows) is serialised too.
func serializeReads(qs cgraph.QuadStore) bool {
	if isMemstore(qs) {
		return true
	}
	if h, ok := qs.(*cgraph.Handle); ok {
		qs = h.QuadStore
	}
	if b, ok := qs.(interface{ ReadsBlockWrites() bool }); ok {
		return b.ReadsBlockWrites()
	}
	_, ok := qs.(*kv.QuadStore)
	return ok
}
