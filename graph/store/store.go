// Package store opens cayley quad stores for kg and writes documents into
// them so that re-building is idempotent: an unchanged document writes
// nothing, a changed one has its old quads replaced in one transaction
// (two on bolt and leveldb when cayley would otherwise drop nodes; see
// applyDeltas), a removed one leaves no quad behind.
//
// Backends are cayley's own, chosen by name (bolt, leveldb, memstore,
// postgres, cockroach); kg adds no storage engine of its own, only what
// cayley lacks around them: a bulk write path for PostgreSQL (pgbulk.go),
// size estimates and index lookups for the query planner on the key-value
// stores (plan.go, lookup.go), and the release of bolt's mapped pages
// (resident_linux.go; kg opens bolt itself for that, with a memory map that
// writes do not move: boltopen.go). The package does not know how facts are extracted;
// it stores what graph.Quads gives.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"    // registers "bolt"
	_ "github.com/cayleygraph/cayley/graph/kv/leveldb" // registers "leveldb"
	_ "github.com/cayleygraph/cayley/graph/memstore"   // registers "memstore"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/cockroach" // registers "cockroach"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"  // registers "postgres"
	"github.com/cayleygraph/cayley/query/shape"
	_ "github.com/cayleygraph/cayley/writer" // registers the "single" writer
	"github.com/cayleygraph/quad"

	"github.com/boltdb/bolt"

	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/graph"
)

// DefaultBackend and DefaultPath are used when the caller gives none.
const (
	DefaultBackend = "bolt"
	DefaultPath    = "kg.db"
)

// Backends lists the backend names kg accepts.
var Backends = []string{"bolt", "leveldb", "memstore", "postgres", "cockroach"}

// Options configure Open.
type Options struct {
	Backend  string // one of Backends; DefaultBackend when empty
	Path     string // a directory for bolt/leveldb, a URL for SQL; DefaultPath when empty
	ReadOnly bool   // open without creating and refuse writes
	// NoSync trades durability for speed on bolt (no fsync per commit).
	NoSync bool
}

// Store is an open quad store.
type Store struct {
	*cgraph.Handle
	Backend  string
	Path     string
	readOnly bool
	// pg is kg's own pool on a PostgreSQL store, beside cayley's: the bulk
	// write path (pgbulk.go) and document reads (pgread.go) use it.
	pg *sql.DB
	// mapMu keeps ReleaseMapped from running during a write (which may
	// move bolt's memory map); writes share it.
	mapMu sync.RWMutex
}

// OptimizeShape lets a key-value backend optimise a query's shape
// (plannedStore: index lookups, lookup.go). Queries are given the Store,
// which cayley does not unwrap as it does its Handle, so without this
// method they were planned without it.
//
// cayley's SQL optimiser is not asked: its shapes must be built on the SQL
// store itself, and built so from inside a wrapper like this one, saved
// queries returned wrong rows and crashed (queries/plan_test.go). Passing
// the Store's Handle instead lets cayley apply it whole.
func (s *Store) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	if p, ok := s.Handle.QuadStore.(plannedStore); ok {
		return p.OptimizeShape(ctx, sh)
	}
	return sh, false
}

// ApplyTransaction applies tx, as cayley's writer does.
func (s *Store) ApplyTransaction(tx *cgraph.Transaction) error {
	s.mapMu.RLock()
	defer s.mapMu.RUnlock()
	return s.Handle.ApplyTransaction(tx)
}

// Close closes the store.
func (s *Store) Close() error {
	if s.pg != nil {
		s.pg.Close()
	}
	return s.Handle.Close()
}

// Open opens the store described by opts, creating it first when it does
// not exist (unless ReadOnly).
func Open(opts Options) (*Store, error) {
	if opts.Backend == "" {
		opts.Backend = DefaultBackend
	}
	if opts.Path == "" && opts.Backend != "memstore" {
		opts.Path = DefaultPath
	}
	if !cgraph.IsRegistered(opts.Backend) || !known(opts.Backend) {
		return nil, fmt.Errorf("unknown backend %q (want one of %s)", opts.Backend, strings.Join(Backends, ", "))
	}
	copts := cgraph.Options{}
	if opts.NoSync {
		copts["nosync"] = true
	}
	if isFileBackend(opts.Backend) {
		// cayley's key-value stores keep bloom filters sized for 100
		// million quads and nodes, built at every open by reading the
		// whole quad log. Without them a build of 300,000 words peaked at
		// 495 MB RSS instead of 1,106 MB for the same CPU time, and
		// queries start without reading the log first.
		copts["no_bloom"] = true
	}
	if opts.Backend == "postgres" || opts.Backend == "cockroach" {
		// cayley reads a SQL store row by row and keeps a cursor open on a
		// connection of its own for each step of a path, so one query
		// takes several connections at a time and gives them back
		// together. database/sql keeps 2 idle connections by default and
		// closes the rest: a new server process for the next statements
		// (702 connections in one saved query of 127,799 quads).
		copts["maxidleconnections"] = sqlIdleConns
	}
	if cgraph.IsPersistent(opts.Backend) {
		if isFileBackend(opts.Backend) {
			if err := checkDir(opts.Backend, opts.Path, opts.ReadOnly); err != nil {
				return nil, err
			}
		}
		if !opts.ReadOnly {
			var err error
			_, statErr := os.Stat(opts.Path)
			_, boltErr := os.Stat(filepath.Join(opts.Path, "indexes.bolt"))
			switch {
			case isFileBackend(opts.Backend) && os.IsNotExist(statErr):
				err = createAtomically(opts.Backend, opts.Path, copts)
			case opts.Backend == "bolt" && boltErr == nil:
				// It exists. (cayley's Init would open it to find that
				// out, and wait forever if another process held it.)
			default:
				err = cgraph.InitQuadStore(opts.Backend, opts.Path, copts)
			}
			if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
				return nil, fmt.Errorf("create %s store at %s: %w", opts.Backend, opts.Path, err)
			}
		}
	}
	var qs cgraph.QuadStore
	var bdb *bolt.DB
	var bigMap bool
	var err error
	if opts.Backend == "bolt" {
		qs, bdb, bigMap, err = openBolt(opts.Path, copts)
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("store %s is in use by another process (is kg serve running on it?)", opts.Path)
		}
	} else if opts.Backend == "postgres" {
		qs, err = cgraph.NewQuadStore(opts.Backend, pgOneRoundTrip(opts.Path), copts)
	} else {
		qs, err = cgraph.NewQuadStore(opts.Backend, opts.Path, copts)
	}
	if errors.Is(err, cgraph.ErrNotInitialized) && isFileBackend(opts.Backend) {
		return nil, fmt.Errorf("no store at %s: its creation never finished (a kg of before 2026-11-26 was stopped while creating it); remove the directory and build again", opts.Path)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s store at %s: %w", opts.Backend, opts.Path, err)
	}
	// The writer writes through the planned store, which must see every
	// write (plannedStore.ApplyDeltas).
	qs = planned(qs, bdb, bigMap)
	if q, ok := qs.(*csql.QuadStore); ok {
		qs = newSQLStore(q)
	}
	qw, err := cgraph.NewQuadWriter("single", qs, cgraph.Options{"ignore_duplicate": true, "ignore_missing": true})
	if err != nil {
		qs.Close()
		return nil, fmt.Errorf("open writer on %s: %w", opts.Path, err)
	}
	s := &Store{Handle: &cgraph.Handle{QuadStore: qs, QuadWriter: qw}, Backend: opts.Backend, Path: opts.Path, readOnly: opts.ReadOnly}
	if opts.Backend == "postgres" {
		if err := s.openPG(opts); err != nil {
			s.Close()
			return nil, err
		}
	}
	if !opts.ReadOnly {
		if err := s.writeNamespaces(); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// openPG opens kg's own pool on a PostgreSQL store, through the driver
// cayley registers, and gives a writable store the index on quads.label_hash
// that cayley's schema lacks: without it, every node a delete removes made
// the label foreign-key check scan the whole quads table (a changed
// 16-document batch: 19.3 s → 2.9 s).
func (s *Store) openPG(opts Options) error {
	db, err := sql.Open("postgres", opts.Path)
	if err != nil {
		return fmt.Errorf("open postgres store at %s: %w", opts.Path, err)
	}
	s.pg = db
	if !opts.ReadOnly {
		if _, err := db.Exec(`CREATE INDEX IF NOT EXISTS kg_quads_label ON quads (label_hash)`); err != nil {
			return fmt.Errorf("create the label index in %s: %w", opts.Path, err)
		}
	}
	return nil
}

// createAtomically creates a bolt or leveldb store at path so that a
// process killed while creating it leaves either no store or a whole one:
// cayley initialises a store in several transactions, and a store cut
// short between them could never be opened again. The store is created in
// a hidden directory beside path and renamed into place.
func createAtomically(backend, path string, copts cgraph.Options) error {
	parent := filepath.Dir(path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(path)+".creating-")
	if err != nil {
		return err
	}
	if err := cgraph.InitQuadStore(backend, tmp, copts); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.RemoveAll(tmp)
		if _, statErr := os.Stat(path); statErr == nil {
			return nil // another process created it meanwhile
		}
		return err
	}
	return nil
}

func known(b string) bool {
	for _, k := range Backends {
		if k == b {
			return true
		}
	}
	return false
}

func isFileBackend(b string) bool { return b == "bolt" || b == "leveldb" }

// checkDir gives clear errors for the common mistakes with file stores:
// pointing at a file or at a store of another backend. (A bolt store that
// another process holds open is found by openBolt.)
func checkDir(backend, path string, readOnly bool) error {
	fi, err := os.Stat(path)
	if os.IsNotExist(err) {
		if readOnly {
			return fmt.Errorf("no store at %s (run kg build first, or give --db)", path)
		}
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is a file, not a %s store directory", path, backend)
	}
	other := map[string]string{"bolt": "indexes.bolt", "leveldb": "CURRENT"}
	for b, marker := range other {
		if b == backend {
			continue
		}
		if _, err := os.Stat(filepath.Join(path, marker)); err == nil {
			return fmt.Errorf("%s holds a %s store, not %s (use --backend %s)", path, b, backend, b)
		}
	}
	return nil
}

// writeNamespaces stores kg's namespace prefixes in the graph so that
// Gizmo's g.loadNamespaces() makes them available to queries.
func (s *Store) writeNamespaces() error {
	tx := cgraph.NewTransaction()
	for _, n := range graph.Namespaces {
		tx.AddQuad(quad.Quad{Subject: quad.IRI(n.IRI), Predicate: quad.IRI("cayley:prefix"), Object: quad.IRI(n.Prefix)})
		tx.AddQuad(quad.Quad{Subject: quad.IRI(n.IRI), Predicate: graph.RDFType, Object: quad.IRI("cayley:namespace")})
	}
	if err := s.ApplyTransaction(tx); err != nil {
		return fmt.Errorf("write namespaces to %s: %w", s.Path, err)
	}
	return nil
}

// Result says what WriteDocument did.
type Result struct {
	Added, Removed int
	Unchanged      bool // the document was stored already with the same content
}

// WriteDocument stores d's quads. If the store holds the document already
// with the same content hash and quads, nothing is written; otherwise the
// quads that are no longer produced are removed and the new ones added,
// in one transaction.
func (s *Store) WriteDocument(ctx context.Context, d *fact.Document) (Result, error) {
	return s.WriteQuads(ctx, d.ID, graph.Quads(d))
}

// WriteQuads replaces the stored quads of document id with qs (which must
// be that document's quads, labelled as graph.Quads labels them): a batch
// of one document.
func (s *Store) WriteQuads(ctx context.Context, id string, qs []quad.Quad) (Result, error) {
	if s.readOnly {
		return Result{}, errors.New("store is read-only")
	}
	b, err := s.PrepareBatch(ctx, []DocQuads{{ID: id, Quads: qs}})
	if err != nil {
		return Result{}, err
	}
	res, err := s.ApplyBatch(ctx, b)
	if err != nil {
		return Result{}, err
	}
	return res[0], nil
}

// RemoveDocument removes every quad of document id, returning how many.
func (s *Store) RemoveDocument(ctx context.Context, id string) (int, error) {
	if s.readOnly {
		return 0, errors.New("store is read-only")
	}
	old, err := s.DocumentQuads(ctx, id)
	if err != nil {
		return 0, err
	}
	if len(old) == 0 {
		return 0, fmt.Errorf("no document %q in the store", id)
	}
	tx := cgraph.NewTransactionN(len(old))
	for _, q := range old {
		tx.RemoveQuad(q)
	}
	if err := s.ApplyTransaction(tx); err != nil {
		return 0, fmt.Errorf("remove document %s: %w", id, err)
	}
	return len(old), nil
}

// DocumentQuads returns the quads stored for document id: those labelled
// with the document's IRI and those labelled with one of its sentences.
//
// cayley's key-value backends index quads by subject and by object but
// not by label, so a label lookup reads the whole store. The document's
// quads are therefore found from their subjects, which the data model
// makes reachable from the document through indexed lookups: its
// sentences (kg:inDocument), their fact nodes (kg:sentence) and mentioned
// entities (kg:mentionedIn), and the entities and predicates the facts
// name. Only quads carrying one of the document's labels are kept.
func (s *Store) DocumentQuads(ctx context.Context, id string) ([]quad.Quad, error) {
	docIRI := graph.Document(id)
	docOnly, err := s.labelSet([]quad.Value{docIRI})
	if err != nil {
		return nil, err
	}
	// Sentences point at the document.
	back, err := s.quadsWithAny(ctx, quad.Object, docOnly.labels, docOnly)
	if err != nil {
		return nil, err
	}
	labels := []quad.Value{docIRI}
	seen := map[quad.Value]bool{docIRI: true}
	layer := []quad.Value{docIRI}
	add := func(v quad.Value) {
		if _, isIRI := v.(quad.IRI); isIRI && !seen[v] {
			seen[v] = true
			layer = append(layer, v)
		}
	}
	var sentences []quad.Value
	for _, q := range back {
		if q.Predicate == graph.InDocument {
			sentences = append(sentences, q.Subject)
			labels = append(labels, q.Subject)
			add(q.Subject)
		}
	}
	// Fact nodes and mentioned entities point at the sentences.
	pointing, err := s.quadsWithAny(ctx, quad.Object, sentences, docOnly)
	if err != nil {
		return nil, err
	}
	for _, q := range pointing {
		if q.Predicate == graph.Evidence || q.Predicate == graph.MentionedIn {
			add(q.Subject)
		}
	}
	// The quads of those subjects under the document's labels, and then of
	// the nodes a fact node names, layer by layer.
	all, err := s.labelSet(labels)
	if err != nil {
		return nil, err
	}
	var out []quad.Quad
	for len(layer) > 0 {
		qs, err := s.quadsWithAny(ctx, quad.Subject, layer, all)
		if err != nil {
			return nil, err
		}
		layer = nil
		for _, q := range qs {
			out = append(out, q)
			// A fact node names its subject, predicate, object and source.
			switch q.Predicate {
			case graph.Subject, graph.Predicate, graph.Object, graph.AttributeTo:
				add(q.Object)
			}
		}
	}
	return out, nil
}

// labelSet is a set of quad labels, with what each store needs to keep
// only the quads that carry one.
type labelSet struct {
	labels []quad.Value
	want   map[quad.Value]bool
	// keep accepts a quad reference unless it shows another label. On
	// cayley's key-value stores a reference carries its label's node id,
	// so quads of other labels (most quads of an entity that many
	// documents mention) are dropped before their four values are read.
	keep func(refs.Ref) bool
}

// labelSet makes the set of labels, looking their node ids up once.
func (s *Store) labelSet(labels []quad.Value) (*labelSet, error) {
	ls := &labelSet{labels: labels, want: make(map[quad.Value]bool, len(labels))}
	for _, l := range labels {
		ls.want[l] = true
	}
	if s.pg != nil {
		return ls, nil // filtered in SQL
	}
	ids := make(map[uint64]bool, len(labels))
	for _, l := range labels {
		r, err := s.ValueOf(l)
		if err != nil {
			return nil, err
		}
		switch id := r.(type) {
		case nil:
		case ckv.Int64Value:
			ids[uint64(id)] = true
		default:
			return ls, nil // not a key-value store: filtered on values
		}
	}
	ls.keep = func(r refs.Ref) bool {
		p, ok := r.(*cproto.Primitive)
		return !ok || ids[p.Label]
	}
	return ls, nil
}

// quadsWithAny lists the quads that have one of vals in direction d and
// one of ls's labels: on PostgreSQL in one lookup (two queries), on the
// other stores one lookup a value.
func (s *Store) quadsWithAny(ctx context.Context, d quad.Direction, vals []quad.Value, ls *labelSet) ([]quad.Quad, error) {
	if s.pg != nil {
		return pgQuadsWithAny(ctx, s.pg, d, vals, ls.labels)
	}
	var out []quad.Quad
	for _, v := range vals {
		qs, err := s.quadsWithRefs(ctx, d, v, ls.keep)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if ls.want[q.Label] {
				out = append(out, q)
			}
		}
	}
	return out, nil
}

// QuadsWith lists the quads that have v in direction d, through the
// store's index for d (on bolt and leveldb: subject and object; other
// directions scan the store).
func (s *Store) QuadsWith(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	return s.quadsWith(ctx, d, v)
}

// quadsWith lists the quads that have v in direction d.
func (s *Store) quadsWith(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	return s.quadsWithRefs(ctx, d, v, nil)
}

// quadsWithRefs lists the quads that have v in direction d and whose
// reference keep accepts (all if keep is nil; on PostgreSQL keep is not
// asked).
func (s *Store) quadsWithRefs(ctx context.Context, d quad.Direction, v quad.Value, keep func(refs.Ref) bool) ([]quad.Quad, error) {
	if s.pg != nil {
		// One query, where cayley's iterators ask once per node.
		return pgQuadsWith(ctx, s.pg, d, v)
	}
	ref, err := s.ValueOf(v)
	if err != nil {
		return nil, err
	}
	if ref == nil {
		return nil, nil
	}
	// The refs are collected first and resolved after the scan has closed
	// its read transaction. Resolving inside the scan opened a second read
	// transaction while the first was open; on bolt, a writer that must
	// grow the memory map waits for every open read transaction and new
	// ones wait for it, so a build deadlocked when a write grew the map
	// during a concurrent read.
	var found []refs.Ref
	if err := iterator.Iterate(ctx, s.QuadIterator(d, ref)).Each(func(r refs.Ref) error {
		if keep == nil || keep(r) {
			found = append(found, r)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	out := make([]quad.Quad, 0, len(found))
	for _, r := range found {
		q, err := s.Quad(r)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// Extracted reports whether document id is stored with the given content
// hash and extractor fingerprint (graph.ContentHash, graph.Extractor): if
// so, extracting it again would give the quads the store holds, and a
// build can skip it. It reads only the document node's own quads.
func (s *Store) Extracted(ctx context.Context, id, hash, extractor string) (bool, error) {
	qs, err := s.quadsWith(ctx, quad.Subject, graph.Document(id))
	if err != nil {
		return false, err
	}
	var sameHash, sameExtractor bool
	for _, q := range qs {
		switch q.Predicate {
		case graph.ContentHash:
			sameHash = sameHash || quad.ToString(q.Object) == hash
		case graph.Extractor:
			sameExtractor = sameExtractor || quad.ToString(q.Object) == extractor
		}
	}
	return sameHash && sameExtractor, nil
}

// Count returns the number of quads in the store.
func (s *Store) Count(ctx context.Context) (int64, error) {
	// The key-value stores keep an exact quad count, and their exact Stats
	// would only add a walk over every node; SQL stores estimate unless
	// asked for the exact figure.
	st, err := s.Stats(ctx, false)
	if err != nil {
		return 0, err
	}
	if st.Quads.Exact {
		return st.Quads.Value, nil
	}
	if st, err = s.Stats(ctx, true); err != nil {
		return 0, err
	}
	return st.Quads.Value, nil
}
