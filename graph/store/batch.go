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
	res := make([]Result, len(docs))
	tx := cgraph.NewTransaction()
	inTx := make(map[string]bool, len(docs))
	first := 0 // index of the first document in tx
	apply := func(upto int) error {
		if len(tx.Deltas) == 0 {
			return nil
		}
		var err error
		if db := s.pgDB(); db != nil {
			err = s.applyPG(ctx, db, tx.Deltas)
		} else {
			err = s.ApplyTransaction(tx)
		}
		if err != nil {
			ids := ""
			if upto-first == 1 {
				ids = docs[first].ID
			} else {
				ids = fmt.Sprintf("%s … %s (%d documents)", docs[first].ID, docs[upto-1].ID, upto-first)
			}
			return fmt.Errorf("write documents %s: %w", ids, err)
		}
		return nil
	}
	for i, d := range docs {
		if inTx[d.ID] {
			if err := apply(i); err != nil {
				return nil, err
			}
			tx = cgraph.NewTransaction()
			inTx = make(map[string]bool, len(docs)-i)
			first = i
		}
		inTx[d.ID] = true
		r, err := s.diff(ctx, tx, d.ID, d.Quads)
		if err != nil {
			return nil, fmt.Errorf("read document %s: %w", d.ID, err)
		}
		res[i] = r
	}
	if err := apply(len(docs)); err != nil {
		return nil, err
	}
	return res, nil
}

// diff adds to tx the changes that turn the stored quads of document id
// into qs, and says how many.
func (s *Store) diff(ctx context.Context, tx *cgraph.Transaction, id string, qs []quad.Quad) (Result, error) {
	old, err := s.DocumentQuads(ctx, id)
	if err != nil {
		return Result{}, err
	}
	oldSet := make(map[any]bool, len(old))
	for _, q := range old {
		oldSet[quadKey(q)] = true
	}
	var res Result
	newSet := make(map[any]bool, len(qs))
	for _, q := range qs {
		k := quadKey(q)
		if newSet[k] {
			continue
		}
		newSet[k] = true
		if !oldSet[k] {
			tx.AddQuad(q)
			res.Added++
		}
	}
	for _, q := range old {
		if !newSet[quadKey(q)] {
			tx.RemoveQuad(q)
			res.Removed++
		}
	}
	res.Unchanged = res.Added == 0 && res.Removed == 0
	return res, nil
}

// quadKey is a map key equal for equal quads. Most quads are their own key
// (comparable values, far cheaper to hash than N-Quads text); a quad
// holding a time (== compares its location too) or a NaN (never == itself)
// is keyed by its N-Quads text.
func quadKey(q quad.Quad) any {
	for _, v := range [...]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		switch v := v.(type) {
		case quad.Time:
			return q.NQuad()
		case quad.Float:
			if v != v {
				return q.NQuad()
			}
		}
	}
	return q
}
