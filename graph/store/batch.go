package store

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// DocQuads is one document's quads, as WriteQuads takes them.
type DocQuads struct {
	ID    string
	Quads []quad.Quad
}

// WriteBatch writes several documents with as few transactions as it can:
// each document's quads are diffed against what the store holds for it,
// exactly as WriteQuads does, and the changes of all documents are applied
// in one transaction. A document named twice in docs is diffed against the
// first one's result (the batch is split there). Results are in the order
// of docs. On error nothing of the failed transaction is written; documents
// of earlier transactions (only when an id repeats) stay written.
//
// Batching saves one commit (an fsync on bolt, a round trip and a commit
// on SQL) per document; on the stores it is otherwise equivalent to calling
// WriteQuads for each document in turn.
//
// On PostgreSQL each transaction is written by the bulk path (pgbulk.go):
// one statement per table instead of one per node and quad, leaving the
// same rows cayley's writer leaves; KG_PG_BULK=0 turns it off.
func (s *Store) WriteBatch(ctx context.Context, docs []DocQuads) ([]Result, error) {
	if s.readOnly {
		return nil, errors.New("store is read-only")
	}
	res := make([]Result, 0, len(docs))
	for len(docs) > 0 {
		// The longest prefix with distinct ids is one transaction.
		n, seen := 0, make(map[string]bool, len(docs))
		for n < len(docs) && !seen[docs[n].ID] {
			seen[docs[n].ID] = true
			n++
		}
		b, err := s.PrepareBatch(ctx, docs[:n])
		if err != nil {
			return nil, err
		}
		r, err := s.ApplyBatch(ctx, b)
		if err != nil {
			return nil, err
		}
		res = append(res, r...)
		docs = docs[n:]
	}
	return res, nil
}

// A Batch is the changes that turn the stored quads of some documents into
// new ones, read from the store by PrepareBatch and written by ApplyBatch.
type Batch struct {
	docs   []DocQuads
	res    []Result
	deltas []cgraph.Delta
}

// PrepareBatch diffs each document of docs (ids must be distinct) against
// the store, as WriteBatch does, without writing anything: a caller may
// prepare one batch while the previous one is being applied, so long as
// the two share no document (the diff would read the store from before
// the other batch).
func (s *Store) PrepareBatch(ctx context.Context, docs []DocQuads) (*Batch, error) {
	if s.readOnly {
		return nil, errors.New("store is read-only")
	}
	b := &Batch{docs: docs, res: make([]Result, len(docs))}
	seen := make(map[string]bool, len(docs))
	for i, d := range docs {
		if seen[d.ID] {
			return nil, fmt.Errorf("document %s twice in one batch", d.ID)
		}
		seen[d.ID] = true
		r, err := s.diff(ctx, &b.deltas, d.ID, d.Quads)
		if err != nil {
			return nil, fmt.Errorf("read document %s: %w", d.ID, err)
		}
		b.res[i] = r
	}
	return b, nil
}

// ApplyBatch writes b in one transaction and returns the result of each of
// its documents, in order. On error nothing of b is written.
func (s *Store) ApplyBatch(ctx context.Context, b *Batch) ([]Result, error) {
	if s.readOnly {
		return nil, errors.New("store is read-only")
	}
	if len(b.deltas) == 0 {
		return b.res, nil
	}
	var err error
	if db := s.pgDB(); db != nil {
		err = s.applyPG(ctx, db, b.deltas)
	} else {
		err = s.applyDeltas(b.deltas)
	}
	if err != nil {
		if len(b.docs) == 1 {
			return nil, fmt.Errorf("write document %s: %w", b.docs[0].ID, err)
		}
		return nil, fmt.Errorf("write documents %s … %s (%d documents): %w", b.docs[0].ID, b.docs[len(b.docs)-1].ID, len(b.docs), err)
	}
	return b.res, nil
}

// applyDeltas applies deltas as cayley's writer does (duplicates and
// missing quads ignored), without its Transaction: a Transaction keeps a
// map of its deltas to drop repeats, and a batch's deltas have none (each
// document's diff lists a quad once, and quads of distinct documents
// differ in their label).
//
// cayley's key-value stores lose a direction of an added quad (the quad is
// stored with no subject, say, and the store can no longer be exported)
// when that node's references drop in the same call: they resolve the
// nodes of added quads only among nodes whose count does not fall. A
// changed document does that (its old quads go, new ones name the same
// sentence and entity nodes). Such deltas are applied in two transactions,
// the removals first; the document's content hash is among the additions,
// so a build stopped between the two sees the document as not stored and
// writes it again.
func (s *Store) applyDeltas(deltas []cgraph.Delta) error {
	s.mapMu.RLock()
	defer s.mapMu.RUnlock()
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	if !losesNodes(deltas) {
		return s.Handle.QuadStore.ApplyDeltas(deltas, opts)
	}
	var add, del []cgraph.Delta
	for _, d := range deltas {
		if d.Action == cgraph.Add {
			add = append(add, d)
		} else {
			del = append(del, d)
		}
	}
	if err := s.Handle.QuadStore.ApplyDeltas(del, opts); err != nil {
		return err
	}
	return s.Handle.QuadStore.ApplyDeltas(add, opts)
}

// losesNodes reports whether deltas add a quad naming a node whose
// references fall in all (see applyDeltas).
func losesNodes(deltas []cgraph.Delta) bool {
	hasDel := false
	for _, d := range deltas {
		hasDel = hasDel || d.Action != cgraph.Add
	}
	if !hasDel {
		return false // a build of new documents: no map to make
	}
	net := make(map[any]int)
	for _, d := range deltas {
		n := 1
		if d.Action != cgraph.Add {
			n = -1
		}
		for _, v := range [...]quad.Value{d.Quad.Subject, d.Quad.Predicate, d.Quad.Object, d.Quad.Label} {
			if v != nil {
				net[valueKey(v)] += n
			}
		}
	}
	for _, d := range deltas {
		if d.Action != cgraph.Add {
			continue
		}
		for _, v := range [...]quad.Value{d.Quad.Subject, d.Quad.Predicate, d.Quad.Object, d.Quad.Label} {
			if v != nil && net[valueKey(v)] < 0 {
				return true
			}
		}
	}
	return false
}

// diff appends to deltas the changes that turn the stored quads of
// document id into qs, each quad once, and says how many.
func (s *Store) diff(ctx context.Context, deltas *[]cgraph.Delta, id string, qs []quad.Quad) (Result, error) {
	old, err := s.DocumentQuads(ctx, id)
	if err != nil {
		return Result{}, err
	}
	oldSet := make(map[[4]any]bool, len(old))
	for _, q := range old {
		oldSet[quadKey(q)] = true
	}
	var res Result
	newSet := make(map[[4]any]bool, len(qs))
	for _, q := range qs {
		k := quadKey(q)
		if newSet[k] {
			continue
		}
		newSet[k] = true
		if !oldSet[k] {
			*deltas = append(*deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
			res.Added++
		}
	}
	for _, q := range old {
		if !newSet[quadKey(q)] {
			*deltas = append(*deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			res.Removed++
		}
	}
	res.Unchanged = res.Added == 0 && res.Removed == 0
	return res, nil
}

// quadKey is a map key equal for equal quads: its four values' keys.
func quadKey(q quad.Quad) [4]any {
	return [4]any{valueKey(q.Subject), valueKey(q.Predicate), valueKey(q.Object), valueKey(q.Label)}
}

// valueKey is a map key equal for equal values. Most values are their own
// key (comparable, and far cheaper to hash than N-Quads text); a time
// (== compares its location too) or a NaN (never == itself) is keyed by
// its N-Quads text.
func valueKey(v quad.Value) any {
	type text struct{ s string }
	switch x := v.(type) {
	case quad.Time:
		return text{x.String()}
	case quad.Float:
		if x != x {
			return text{x.String()}
		}
	}
	return v
}
