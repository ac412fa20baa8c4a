package store

// The PostgreSQL bulk write path.
//
// cayley's SQL backend applies a transaction with one INSERT … ON
// CONFLICT statement per node and one per quad, each a round trip to the
// server. applyPG writes the same rows into cayley's own schema with one
// statement per table (the rows passed as arrays and expanded with
// unnest), inside one database transaction, so that the store it leaves
// is row for row the one cayley's writer would leave:
//
//   - nodes: every node of the added quads is upserted with the columns
//     cayley's csql.NodeValues gives its value (IRI, blank node, string,
//     typed and language strings, int, bool, float, time, anything else
//     marshalled into value), and refs raised by the number of added quad
//     directions that name it, net of the removed ones (graphlog.
//     SplitDeltas, as cayley counts them: a duplicate quad still counts);
//   - quads: inserted in the transaction's order with ts = now() and ON
//     CONFLICT DO NOTHING, so horizon values are drawn in the same order
//     (a conflicting row consumes one as well, in both paths);
//   - removals: the quads are deleted, refs of their nodes lowered (a quad
//     that was not there gives its refs back, as cayley's ignore_missing
//     does) and nodes left without refs deleted, as cayley's
//     QuadStore.ApplyDeltas does, in the same transaction.
//
// It does not take over reading, schema creation or any other backend:
// only WriteBatch on the "postgres" backend calls it, and cayley's writer
// stays in use for everything else (WriteQuads, RemoveDocument, the HTTP
// API). It must not be used where the store was opened with other
// ignore options than Open sets (ignore_duplicate and ignore_missing).

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// pgBulkOff disables the bulk path: WriteBatch then applies its
// transactions through cayley's writer on postgres too. KG_PG_BULK=0 in
// the environment sets it; tests and benchmarks switch it to compare.
var pgBulkOff atomic.Bool

func init() {
	if os.Getenv("KG_PG_BULK") == "0" {
		pgBulkOff.Store(true)
	}
}

// pgChunk bounds the rows of one statement, so that a huge batch does not
// become one huge array parameter.
const pgChunk = 20000

// pgDB returns the store's own connection pool to a PostgreSQL store, or
// nil when the store is of another backend or the bulk path is off.
func (s *Store) pgDB() *sql.DB {
	if pgBulkOff.Load() {
		return nil
	}
	return s.pg
}

// applyPG applies deltas to the PostgreSQL database db in one transaction,
// leaving the rows cayley's QuadStore.ApplyDeltas would leave with the
// ignore options Open sets, then tells cayley's store that its cached
// counts are stale.
func (s *Store) applyPG(ctx context.Context, db *sql.DB, deltas []cgraph.Delta) error {
	d := graphlog.SplitDeltas(deltas)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", err)
	}
	if err := pgWrite(ctx, tx, d); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("postgres: commit: %w", err)
	}
	// cayley caches the quad and node counts (Stats) and forgets them in
	// ApplyDeltas; an empty one does just that. It runs after the commit,
	// on another connection of the pool (before it, a pool limited to one
	// connection would wait for ours forever). Its error is not the
	// batch's: the batch is written, and only a broken connection can make
	// an empty transaction fail, leaving the counts stale until the next
	// write.
	_ = s.QuadStore.ApplyDeltas(nil, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	return nil
}

// pgWrite runs the statements of d in tx: nodes, added quads, removed
// quads, node refs, unreferenced nodes — the order of cayley's writer.
func pgWrite(ctx context.Context, tx *sql.Tx, d *graphlog.Deltas) error {
	for i := 0; i < len(d.IncNode); i += pgChunk {
		if err := pgInsertNodes(ctx, tx, d.IncNode[i:min(i+pgChunk, len(d.IncNode))]); err != nil {
			return err
		}
	}
	for i := 0; i < len(d.QuadAdd); i += pgChunk {
		if err := pgInsertQuads(ctx, tx, d.QuadAdd[i:min(i+pgChunk, len(d.QuadAdd))]); err != nil {
			return err
		}
	}
	// A removed quad that is not in the store gives its nodes' refs back.
	fix := make(map[refs.ValueHash]int)
	for i := 0; i < len(d.QuadDel); i += pgChunk {
		if err := pgDeleteQuads(ctx, tx, d.QuadDel[i:min(i+pgChunk, len(d.QuadDel))], fix); err != nil {
			return err
		}
	}
	if len(d.DecNode) == 0 {
		return nil
	}
	var dec []graphlog.NodeUpdate
	for _, n := range d.DecNode {
		n.RefInc += fix[n.Hash]
		if n.RefInc != 0 {
			dec = append(dec, n)
		}
	}
	for i := 0; i < len(dec); i += pgChunk {
		if err := pgUpdateRefs(ctx, tx, dec[i:min(i+pgChunk, len(dec))]); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE refs <= 0`); err != nil {
		return fmt.Errorf("postgres: delete unreferenced nodes: %w", err)
	}
	return nil
}

// pgNodeColumns are the value columns of cayley's nodes table, in the
// order of the arrays pgInsertNodes passes, with their array types.
var pgNodeColumns = []struct{ name, typ string }{
	{"value", "bytea"},
	{"value_string", "text"},
	{"datatype", "text"},
	{"language", "text"},
	{"iri", "boolean"},
	{"bnode", "boolean"},
	{"value_int", "bigint"},
	{"value_bool", "boolean"},
	{"value_float", "double precision"},
	{"value_time", "timestamp with time zone"},
}

var pgNodeColumn = func() map[string]int {
	m := make(map[string]int, len(pgNodeColumns))
	for i, c := range pgNodeColumns {
		m[c.name] = i
	}
	return m
}()

var pgInsertNodesSQL = func() string {
	cols := []string{"refs", "hash"}
	args := []string{"$1::integer[]", "$2::bytea[]"}
	for i, c := range pgNodeColumns {
		cols = append(cols, c.name)
		args = append(args, "$"+strconv.Itoa(i+3)+"::"+c.typ+"[]")
	}
	return `INSERT INTO nodes (` + strings.Join(cols, ", ") + `) SELECT * FROM unnest(` +
		strings.Join(args, ", ") + `) ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`
}()

// pgInsertNodes upserts nodes, raising refs of those that exist.
func pgInsertNodes(ctx context.Context, tx *sql.Tx, nodes []graphlog.NodeUpdate) error {
	if len(nodes) == 0 {
		return nil
	}
	refc := newPGArray(len(nodes))
	hash := newPGArray(len(nodes))
	cols := make([]*pgArray, len(pgNodeColumns))
	for i := range cols {
		cols[i] = newPGArray(len(nodes))
	}
	row := make([]any, len(pgNodeColumns))
	for _, n := range nodes {
		key, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return fmt.Errorf("postgres: node %v: %w", n.Val, err)
		}
		clear(row)
		for i, c := range key.Columns() {
			j, ok := pgNodeColumn[c]
			if !ok || i+1 >= len(vals) {
				return fmt.Errorf("postgres: node %v: unknown column %q in cayley's schema", n.Val, c)
			}
			row[j] = vals[i+1]
		}
		if err := refc.add(int64(n.RefInc)); err != nil {
			return err
		}
		if err := hash.add(vals[0]); err != nil {
			return err
		}
		for j, v := range row {
			if err := cols[j].add(v); err != nil {
				return fmt.Errorf("postgres: node %v: %w", n.Val, err)
			}
		}
	}
	args := []any{refc.String(), hash.String()}
	for _, c := range cols {
		args = append(args, c.String())
	}
	if _, err := tx.ExecContext(ctx, pgInsertNodesSQL, args...); err != nil {
		return fmt.Errorf("postgres: insert %d nodes: %w", len(nodes), err)
	}
	return nil
}

const pgInsertQuadsSQL = `INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts)
SELECT s, p, o, l, now() FROM unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) WITH ORDINALITY AS d(s, p, o, l, i)
ORDER BY i ON CONFLICT DO NOTHING`

// pgInsertQuads inserts quads in order, skipping those that exist.
func pgInsertQuads(ctx context.Context, tx *sql.Tx, quads []graphlog.QuadUpdate) error {
	if len(quads) == 0 {
		return nil
	}
	var dirs [4]*pgArray
	for i := range dirs {
		dirs[i] = newPGArray(len(quads))
	}
	for _, q := range quads {
		for i, d := range quad.Directions {
			if err := dirs[i].add(csql.NodeHash{ValueHash: q.Quad.Get(d)}.SQLValue()); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, pgInsertQuadsSQL, dirs[0].String(), dirs[1].String(), dirs[2].String(), dirs[3].String()); err != nil {
		return fmt.Errorf("postgres: insert %d quads: %w", len(quads), err)
	}
	return nil
}

const (
	pgDeleteQuadsSQL = `DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) WITH ORDINALITY AS d(s, p, o, l, i)
WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o AND q.label_hash = d.l RETURNING d.i`
	pgDeleteTriplesSQL = `DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[]) WITH ORDINALITY AS d(s, p, o, i)
WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o AND q.label_hash IS NULL RETURNING d.i`
)

// pgDeleteQuads deletes quads (those with a label and those without in
// one statement each) and adds to fix, for each quad that was not in the
// store, one ref for each of its nodes.
func pgDeleteQuads(ctx context.Context, tx *sql.Tx, quads []graphlog.QuadUpdate, fix map[refs.ValueHash]int) error {
	var withLabel, noLabel []graphlog.QuadUpdate
	for _, q := range quads {
		if q.Quad.Get(quad.Label).Valid() {
			withLabel = append(withLabel, q)
		} else {
			noLabel = append(noLabel, q)
		}
	}
	for _, part := range []struct {
		quads []graphlog.QuadUpdate
		sql   string
		dirs  int
	}{{withLabel, pgDeleteQuadsSQL, 4}, {noLabel, pgDeleteTriplesSQL, 3}} {
		if len(part.quads) == 0 {
			continue
		}
		args := make([]any, part.dirs)
		for i := range args {
			a := newPGArray(len(part.quads))
			for _, q := range part.quads {
				if err := a.add(csql.NodeHash{ValueHash: q.Quad.Get(quad.Directions[i])}.SQLValue()); err != nil {
					return err
				}
			}
			args[i] = a.String()
		}
		rows, err := tx.QueryContext(ctx, part.sql, args...)
		if err != nil {
			return fmt.Errorf("postgres: delete %d quads: %w", len(part.quads), err)
		}
		deleted := make([]bool, len(part.quads))
		for rows.Next() {
			var i int
			if err := rows.Scan(&i); err != nil {
				rows.Close()
				return fmt.Errorf("postgres: delete quads: %w", err)
			}
			if i >= 1 && i <= len(deleted) {
				deleted[i-1] = true
			}
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("postgres: delete quads: %w", err)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: delete quads: %w", err)
		}
		for i, q := range part.quads {
			if deleted[i] {
				continue
			}
			for _, d := range quad.Directions {
				if h := q.Quad.Get(d); h.Valid() {
					fix[h]++
				}
			}
		}
	}
	return nil
}

const pgUpdateRefsSQL = `UPDATE nodes SET refs = nodes.refs + d.inc
FROM unnest($1::bytea[], $2::integer[]) AS d(hash, inc) WHERE nodes.hash = d.hash`

// pgUpdateRefs adds each node's RefInc to its refs.
func pgUpdateRefs(ctx context.Context, tx *sql.Tx, nodes []graphlog.NodeUpdate) error {
	hash, inc := newPGArray(len(nodes)), newPGArray(len(nodes))
	for _, n := range nodes {
		if err := hash.add(csql.NodeHash{ValueHash: n.Hash}.SQLValue()); err != nil {
			return err
		}
		if err := inc.add(int64(n.RefInc)); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, pgUpdateRefsSQL, hash.String(), inc.String()); err != nil {
		return fmt.Errorf("postgres: update refs of %d nodes: %w", len(nodes), err)
	}
	return nil
}

// pgArray builds the text form of a one-dimensional PostgreSQL array,
// which the statements cast to the column's array type. Elements are
// written as lib/pq writes the same Go values as statement parameters
// (what cayley's writer sends), so the server stores the same values.
type pgArray struct {
	b strings.Builder
	n int
}

func newPGArray(n int) *pgArray {
	a := &pgArray{}
	a.b.Grow(2 + n*8)
	a.b.WriteByte('{')
	return a
}

func (a *pgArray) String() string { return a.b.String() + "}" }

// add appends one element: nil (NULL), []byte (bytea, hex), string,
// int64, float64, bool or time.Time.
func (a *pgArray) add(v any) error {
	if a.n > 0 {
		a.b.WriteByte(',')
	}
	a.n++
	switch v := v.(type) {
	case nil:
		a.b.WriteString("NULL")
	case []byte:
		if v == nil {
			a.b.WriteString("NULL")
			return nil
		}
		a.b.WriteString(`"\\x`)
		a.b.WriteString(hex.EncodeToString(v))
		a.b.WriteByte('"')
	case string:
		a.quoted(v)
	case int64:
		a.b.WriteString(strconv.FormatInt(v, 10))
	case float64:
		// lib/pq's encoding: shortest decimal, and NaN, +Inf, -Inf.
		a.quoted(strconv.FormatFloat(v, 'f', -1, 64))
	case bool:
		a.b.WriteString(strconv.FormatBool(v))
	case time.Time:
		a.quoted(pgTimestamp(v))
	default:
		return fmt.Errorf("postgres: no array encoding for %T", v)
	}
	return nil
}

func (a *pgArray) quoted(s string) {
	a.b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' {
			a.b.WriteByte('\\')
		}
		a.b.WriteByte(s[i])
	}
	a.b.WriteByte('"')
}

// pgTimestamp formats t as lib/pq's FormatTimestamp does for a time.Time
// parameter: ISO date, nanoseconds, offset (with its seconds when it has
// any), and years before 1 AD as "BC".
func pgTimestamp(t time.Time) string {
	bc := false
	if t.Year() <= 0 {
		// flip year sign, and add 1, e.g: "0" will be "1", and "-10" will be "11"
		t = t.AddDate((-t.Year())*2+1, 0, 0)
		bc = true
	}
	b := []byte(t.Format("2006-01-02 15:04:05.999999999Z07:00"))
	_, offset := t.Zone()
	offset %= 60
	if offset != 0 {
		// RFC3339Nano already printed the minus sign
		if offset < 0 {
			offset = -offset
		}
		b = append(b, ':')
		if offset < 10 {
			b = append(b, '0')
		}
		b = strconv.AppendInt(b, int64(offset), 10)
	}
	if bc {
		b = append(b, " BC"...)
	}
	return string(b)
}
