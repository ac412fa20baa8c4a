package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph/query"
)

// skewed writes a graph with a predicate shared by many quads and a rare
// one, the shape on which cayley's own estimates mislead its planner.
func skewed(t *testing.T, backend string) *Store {
	t.Helper()
	st, err := Open(Options{Backend: backend, Path: filepath.Join(t.TempDir(), backend)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tx := cgraph.NewTransaction()
	for i := 0; i < 3000; i++ {
		n := quad.IRI(fmt.Sprintf("n%d", i))
		tx.AddQuad(quad.Make(n, quad.IRI("common"), quad.String(fmt.Sprintf("v%d", i%7)), nil))
		tx.AddQuad(quad.Make(n, quad.IRI("kind"), quad.IRI("thing"), nil))
	}
	for _, o := range []string{"r1", "r2", "r3"} {
		tx.AddQuad(quad.Make(quad.IRI("x-"+o), quad.IRI("rare"), quad.String(o), nil))
		tx.AddQuad(quad.Make(quad.IRI("x-"+o), quad.IRI("common"), quad.String("v1"), nil))
	}
	if err := st.ApplyTransaction(tx); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestPlannerSizes(t *testing.T) {
	ctx := context.Background()
	for _, b := range []string{"bolt", "leveldb"} {
		t.Run(b, func(t *testing.T) {
			st := skewed(t, b)
			if _, ok := st.QuadStore.(plannedStore); !ok {
				t.Fatalf("%s store is %T, want plannedStore", b, st.QuadStore)
			}
			size := func(d quad.Direction, v quad.Value) (int64, bool) {
				ref, err := st.ValueOf(v)
				if err != nil || ref == nil {
					t.Fatalf("no node %v: %v", v, err)
				}
				c, err := st.QuadIterator(d, ref).Stats(ctx)
				if err != nil {
					t.Fatal(err)
				}
				sz, err := st.QuadIteratorSize(ctx, d, ref)
				if err != nil || sz != c.Size {
					t.Errorf("QuadIteratorSize(%v) = %v, %v; iterator says %v", v, sz, err, c.Size)
				}
				return c.Size.Value, c.Size.Exact
			}
			// A rare object: counted exactly through the index.
			if n, exact := size(quad.Object, quad.String("r2")); n != 1 || !exact {
				t.Errorf("size of quads with object r2 = %d (exact %v), want exactly 1", n, exact)
			}
			if n, exact := size(quad.Subject, quad.IRI("x-r1")); n != 2 || !exact {
				t.Errorf("size of quads with subject x-r1 = %d (exact %v), want exactly 2", n, exact)
			}
			// A node with more quads than the count cap: estimated, large.
			if n, exact := size(quad.Object, quad.IRI("thing")); exact || n < countCap {
				t.Errorf("size of quads with object thing = %d (exact %v), want an estimate ≥ %d", n, exact, countCap)
			}
		})
	}
}

// TestPlannerAnswers checks that the planned store answers queries as
// cayley's own store does.
func TestPlannerAnswers(t *testing.T) {
	st := skewed(t, "bolt")
	raw := st.QuadStore.(plannedStore).QuadStore
	// A deleted quad stays listed in the index; lookups must skip it.
	if err := st.QuadWriter.RemoveQuad(quad.Make(quad.IRI("x-r1"), quad.IRI("common"), quad.String("v1"), nil)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`g.V("r1", "r2", "r3").in("<rare>").out("<common>").all()`,
		`g.V("r1", "r3").in("<rare>").save("<common>", "c").save("<rare>", "r").all()`,
		`g.V("<thing>").in("<kind>").has("<common>", "v3").count()`,
		`g.V().has("<rare>").tag("x").out("<common>").all()`,
	} {
		got, err := query.Run(context.Background(), st.QuadStore, q, query.Options{})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		want, err := query.Run(context.Background(), raw, q, query.Options{})
		if err != nil {
			t.Fatalf("%s on cayley's store: %v", q, err)
		}
		if len(want) == 0 {
			t.Fatalf("%s: no results on cayley's store; the test graph is wrong", q)
		}
		if !reflect.DeepEqual(sorted(got), sorted(want)) {
			t.Errorf("%s:\nplanned %v\ncayley  %v", q, sorted(got), sorted(want))
		}
	}
}

func sorted(res []interface{}) []string {
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = fmt.Sprint(r)
	}
	sort.Strings(out)
	return out
}

// TestBoltIndexCount counts index entries straight from bolt's file and
// compares them with the quads cayley's iterator reads.
func TestBoltIndexCount(t *testing.T) {
	ctx := context.Background()
	st := skewed(t, "bolt")
	ps := st.QuadStore.(plannedStore)
	if ps.db == nil {
		t.Fatal("bolt store opened without its bolt file")
	}
	for _, c := range []struct {
		d quad.Direction
		v quad.Value
	}{
		{quad.Object, quad.IRI("thing")},
		{quad.Object, quad.String("v1")},
		{quad.Object, quad.String("r2")},
		{quad.Subject, quad.IRI("x-r1")},
		{quad.Subject, quad.IRI("n7")},
	} {
		ref, err := st.ValueOf(c.v)
		if err != nil || ref == nil {
			t.Fatalf("no node %v: %v", c.v, err)
		}
		var n int64
		var want, got []string
		sc := ps.QuadStore.QuadIterator(c.d, ref).Iterate()
		for sc.Next(ctx) {
			n++
			want = append(want, fmt.Sprint(sc.Result()))
		}
		sc.Close()
		bs := ps.QuadIterator(c.d, ref).Iterate()
		if _, ok := bs.(*boltScan); !ok {
			t.Errorf("planned store scans %v %v with %T, want boltScan", c.d, c.v, bs)
		}
		for bs.Next(ctx) {
			got = append(got, fmt.Sprint(bs.Result()))
		}
		if err := bs.Close(); err != nil {
			t.Error(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("boltScan of %v %v reads %d quads, cayley's scan %d (or another order)", c.d, c.v, len(got), len(want))
		}
		if _, ok := ps.buckets[c.d]; !ok {
			t.Fatalf("no index for %v", c.d)
		}
		cnt, err := boltIndexCount(ps.txs, ps.buckets[c.d], []uint64{uint64(ref.(kv.Int64Value))}, 1<<40)
		if err != nil || cnt != n {
			t.Errorf("boltIndexCount(%v %v) = %d, %v; cayley's iterator reads %d quads", c.d, c.v, cnt, err, n)
		}
		if n > 10 {
			if got, _ := boltIndexCount(ps.txs, ps.buckets[c.d], []uint64{uint64(ref.(kv.Int64Value))}, 10); got < 10 || got > 10+8 {
				t.Errorf("boltIndexCount(%v %v) with limit 10 = %d", c.d, c.v, got)
			}
		}
	}
}

// TestBoltValuesOf reads every node of a store straight from bolt's file
// and requires the values cayley's key-value layer gives.
func TestBoltValuesOf(t *testing.T) {
	ctx := context.Background()
	st := skewed(t, "bolt")
	ps := st.QuadStore.(plannedStore)
	var all []cgraph.Ref
	sc := ps.NodesAllIterator().Iterate()
	for sc.Next(ctx) {
		all = append(all, sc.Result())
	}
	sc.Close()
	if len(all) < 3000 {
		t.Fatalf("%d nodes in the test store", len(all))
	}
	all = append(all, nil, kv.Int64Value(0), refs.PreFetched(quad.String("prefetched")))
	got, err := ps.ValuesOf(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ps.QuadStore.ValuesOf(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("value of %v: %#v, cayley says %#v", all[i], got[i], want[i])
			}
		}
	}
	for _, r := range all[:10] {
		v, err := ps.NameOf(r)
		w, _ := ps.QuadStore.NameOf(r)
		if err != nil || v != w {
			t.Errorf("NameOf(%v) = %v, %v; cayley says %v", r, v, err, w)
		}
	}
}

// TestPredShape checks that "subject in a set, predicate P" is read under
// the (node, P) keys on bolt, with the quads cayley's intersection gives.
func TestPredShape(t *testing.T) {
	ctx := context.Background()
	st := skewed(t, "bolt")
	ps := st.QuadStore.(plannedStore)
	ref := func(v quad.Value) cgraph.Ref {
		r, err := st.ValueOf(v)
		if err != nil || r == nil {
			t.Fatalf("no node %v: %v", v, err)
		}
		return r
	}
	for _, pred := range []quad.IRI{"common", "rare", "kind"} {
		q := shape.Quads{
			{Dir: quad.Predicate, Values: shape.Fixed{ref(pred)}},
			{Dir: quad.Subject, Values: shape.Fixed{ref(quad.IRI("x-r1")), ref(quad.IRI("x-r2")), ref(quad.IRI("n5"))}},
		}
		sh, ok := ps.OptimizeShape(ctx, q)
		if _, isPred := sh.(predQuadsShape); !ok || !isPred {
			t.Fatalf("%v: optimised to %T (%v), want predQuadsShape", pred, sh, ok)
		}
		read := func(it iterator.Shape) []string {
			var out []string
			err := iterator.Iterate(ctx, it).Each(func(r refs.Ref) error {
				q, err := st.Quad(r)
				out = append(out, q.NQuad())
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			sort.Strings(out)
			return out
		}
		got, want := read(sh.BuildIterator(ps)), read(q.BuildIterator(ps.QuadStore))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%v: read %v, cayley %v", pred, got, want)
		}
		if len(want) == 0 && pred != "kind" {
			t.Errorf("%v: no quads; the test graph is wrong", pred)
		}
	}
}

// TestReadsBlockWrites: a bolt store kg opens has a map writes do not move,
// so queries need not wait for writes; one mapped the default way does.
func TestReadsBlockWrites(t *testing.T) {
	st := skewed(t, "bolt")
	ps := st.QuadStore.(plannedStore)
	if boltMapSize > 0 && ps.ReadsBlockWrites() {
		t.Errorf("bolt store opened with a %d-byte map: ReadsBlockWrites = true", boltMapSize)
	}
	ps.bigMap = false
	if !ps.ReadsBlockWrites() {
		t.Error("bolt store with bolt's own map: ReadsBlockWrites = false")
	}
	if lv := skewed(t, "leveldb"); lv.QuadStore.(plannedStore).ReadsBlockWrites() {
		t.Error("leveldb: ReadsBlockWrites = true")
	}
}

// TestKeyNodes: distinct subjects read from index keys (keynodes.go) are
// the ones cayley finds, with quads of several labels under one key and
// keys whose quads are all deleted, in scans and in lookups.
func TestKeyNodes(t *testing.T) {
	ctx := context.Background()
	st := skewed(t, "bolt")
	ps := st.QuadStore.(plannedStore)
	tx := cgraph.NewTransaction()
	for i := 0; i < 40; i++ {
		for _, l := range []string{"d1", "d2"} {
			tx.AddQuad(quad.Make(quad.IRI(fmt.Sprintf("m%d", i)), quad.IRI("kind"), quad.IRI("gadget"), quad.IRI(l)))
		}
	}
	if err := st.ApplyTransaction(tx); err != nil {
		t.Fatal(err)
	}
	// m0–m9 lose one of their two quads and stay; m10–m14 lose both.
	tx = cgraph.NewTransaction()
	for i := 0; i < 15; i++ {
		tx.RemoveQuad(quad.Make(quad.IRI(fmt.Sprintf("m%d", i)), quad.IRI("kind"), quad.IRI("gadget"), quad.IRI("d1")))
		if i >= 10 {
			tx.RemoveQuad(quad.Make(quad.IRI(fmt.Sprintf("m%d", i)), quad.IRI("kind"), quad.IRI("gadget"), quad.IRI("d2")))
		}
	}
	if err := st.ApplyTransaction(tx); err != nil {
		t.Fatal(err)
	}
	// The node m12 must still exist for the lookup below to ask about it.
	if err := st.QuadWriter.AddQuad(quad.Make(quad.IRI("m12"), quad.IRI("common"), quad.String("v0"), nil)); err != nil {
		t.Fatal(err)
	}
	kind, gadget := st.mustRef(t, quad.IRI("kind")), st.mustRef(t, quad.IRI("gadget"))
	u := shape.Unique{From: shape.NodesFrom{Dir: quad.Subject, Quads: shape.Quads{
		{Dir: quad.Object, Values: shape.Fixed{gadget}},
		{Dir: quad.Predicate, Values: shape.Fixed{kind}},
	}}}
	opt, _ := shape.Optimize(ctx, u, st)
	if _, ok := opt.(keyNodesShape); !ok {
		t.Fatalf("g.V(gadget).in(kind).unique() planned as %T, want keyNodesShape", opt)
	}
	for _, q := range []string{
		`g.V("<gadget>").in("<kind>").unique().all()`,
		`g.V("<thing>").in("<kind>").unique().all()`,
		`g.V("<m1>", "<m12>", "<m30>", "<n5>").and(g.V("<gadget>").in("<kind>").unique()).all()`,
		`g.V("<gadget>").in("<kind>").unique().out("<common>").all()`,
		`g.V("<nothing-here>").in("<kind>").unique().all()`,
	} {
		got, err := query.Run(ctx, st.QuadStore, q, query.Options{})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		want, err := query.Run(ctx, ps.QuadStore, q, query.Options{})
		if err != nil {
			t.Fatalf("%s on cayley's store: %v", q, err)
		}
		if !reflect.DeepEqual(sorted(got), sorted(want)) {
			t.Errorf("%s:\nplanned %v\ncayley  %v", q, sorted(got), sorted(want))
		}
	}
	if got, err := query.Run(ctx, st.QuadStore, `g.V("<gadget>").in("<kind>").unique().all()`, query.Options{}); err != nil || len(got) != 35 {
		t.Errorf("%d gadgets (%v), want 35 (40 written, 5 with all their quads removed)", len(got), err)
	}
}

func (s *Store) mustRef(t *testing.T, v quad.Value) cgraph.Ref {
	t.Helper()
	r, err := s.ValueOf(v)
	if err != nil || r == nil {
		t.Fatalf("no node %v: %v", v, err)
	}
	return r
}

// TestKeyNodesPlan: when the distinct subjects of a type are fewer than
// the quads of a predicate they are intersected with, the planner iterates the
// subjects and checks the predicate, not the other way round (which reads
// every quad of the predicate: a saved query took 2 s on a 128k-quad
// store when keyNodes claimed cheaper lookups than it has).
func TestKeyNodesPlan(t *testing.T) {
	ctx := context.Background()
	st := skewed(t, "bolt")
	tx := cgraph.NewTransaction()
	for i := 0; i < 3000; i++ {
		tx.AddQuad(quad.Make(quad.IRI(fmt.Sprintf("n%d", i)), quad.IRI("label"), quad.String(fmt.Sprintf("N %d", i)), quad.IRI("d1")))
	}
	// More gadgets than the planner counts exactly through the index.
	const gadgets = 1500
	for i := 0; i < gadgets; i++ {
		m := quad.IRI(fmt.Sprintf("m%d", i))
		tx.AddQuad(quad.Make(m, quad.IRI("kind"), quad.IRI("gadget"), quad.IRI("d1")))
		for _, l := range []string{"d1", "d2", "d3", "d4"} {
			tx.AddQuad(quad.Make(m, quad.IRI("label"), quad.String(fmt.Sprintf("M %d", i)), quad.IRI(l)))
		}
	}
	if err := st.ApplyTransaction(tx); err != nil {
		t.Fatal(err)
	}
	sh := shape.Intersect{
		shape.Unique{From: shape.NodesFrom{Dir: quad.Subject, Quads: shape.Quads{
			{Dir: quad.Object, Values: shape.Fixed{st.mustRef(t, quad.IRI("gadget"))}},
			{Dir: quad.Predicate, Values: shape.Fixed{st.mustRef(t, quad.IRI("kind"))}},
		}}},
		shape.NodesFrom{Dir: quad.Subject, Quads: shape.Quads{
			{Dir: quad.Predicate, Values: shape.Fixed{st.mustRef(t, quad.IRI("label"))}},
		}},
	}
	opt, _ := shape.Optimize(ctx, sh, st)
	it, _ := opt.BuildIterator(st).Optimize(ctx)
	and, ok := it.(*iterator.And)
	if !ok {
		t.Fatalf("planned as %T (%v), want an intersection", it, it)
	}
	if root := and.SubIterators()[0]; !strings.HasPrefix(root.String(), "KeyNodes") {
		t.Errorf("intersection iterates %v first, want the gadgets (KeyNodes)", root)
	}
	seen := map[quad.Value]bool{}
	if err := iterator.Iterate(ctx, it).EachValue(st, func(v quad.Value) error { seen[v] = true; return nil }); err != nil || len(seen) != gadgets {
		t.Errorf("%d distinct results (%v), want %d", len(seen), err, gadgets)
	}
}
