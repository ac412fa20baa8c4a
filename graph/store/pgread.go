package store

// A PostgreSQL read path for the lookups DocumentQuads makes.
//
// cayley's SQL backend answers QuadIterator(d, v) with the quads' hashes
// and then turns each hash into a value with its own query (NameOf),
// cached in a 1024-entry LRU: reading a document's quads through shared
// entities costs a query per node of every quad read. pgQuadsWith answers
// the same lookup with two queries, the quads' hashes and then their
// nodes, decoded as NameOf decodes them; pgQuadsWithAny does it for many
// nodes at once, keeping only the quads of some labels, which is how
// DocumentQuads reads a document layer by layer.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
)

// pgValueColumns are the columns NameOf reads, in its order.
const pgValueColumns = "value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time"

// pgQuadsWithSQL finds the hashes of the quads with one of a set of
// nodes in one direction, optionally only those with one of a set of
// labels, in the order they were written; pgNodesSQL then reads their
// nodes. (One query joining the nodes four times is planned with scans of
// nodes when the table's statistics are stale, as they are after a bulk
// load.)
func pgQuadsWithSQL(d quad.Direction, labelled bool) string {
	q := `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads WHERE ` + d.String() + `_hash = ANY($1::bytea[])`
	if labelled {
		q += ` AND label_hash = ANY($2::bytea[])`
	}
	return q + ` ORDER BY horizon`
}

const pgNodesSQL = `SELECT hash, ` + pgValueColumns + ` FROM nodes WHERE hash = ANY($1::bytea[])`

// pgNode holds one node's columns as NameOf scans them.
type pgNode struct {
	data   []byte
	str    sql.NullString
	typ    sql.NullString
	lang   sql.NullString
	iri    sql.NullBool
	bnode  sql.NullBool
	vint   sql.NullInt64
	vbool  sql.NullBool
	vfloat sql.NullFloat64
	vtime  sql.NullTime
}

func (n *pgNode) dest() []any {
	return []any{&n.data, &n.str, &n.typ, &n.lang, &n.iri, &n.bnode, &n.vint, &n.vbool, &n.vfloat, &n.vtime}
}

// value decodes the node as cayley's QuadStore.NameOf does; a node that
// is absent (the label of a quad without one) is nil.
func (n *pgNode) value() (quad.Value, error) {
	switch {
	case n.str.Valid:
		switch {
		case n.iri.Bool:
			return quad.IRI(n.str.String), nil
		case n.bnode.Bool:
			return quad.BNode(n.str.String), nil
		case n.lang.Valid:
			return quad.LangString{Value: quad.String(pgUnescapeNul(n.str.String)), Lang: n.lang.String}, nil
		case n.typ.Valid:
			return quad.TypedString{Value: quad.String(pgUnescapeNul(n.str.String)), Type: quad.IRI(n.typ.String)}, nil
		}
		return quad.String(pgUnescapeNul(n.str.String)), nil
	case n.vint.Valid:
		return quad.Int(n.vint.Int64), nil
	case n.vbool.Valid:
		return quad.Bool(n.vbool.Bool), nil
	case n.vfloat.Valid:
		return quad.Float(n.vfloat.Float64), nil
	case n.vtime.Valid:
		return quad.Time(n.vtime.Time.UTC()), nil
	case n.data == nil:
		return nil, nil
	}
	v, err := pquads.UnmarshalValue(n.data)
	if err != nil {
		return nil, fmt.Errorf("unmarshal value: %w", err)
	}
	return v, nil
}

// pgUnescapeNul undoes cayley's escaping of NUL bytes in strings.
func pgUnescapeNul(s string) string { return strings.ReplaceAll(s, `\x00`, "\x00") }

// pgQuadsWith lists the quads that have v in direction d, with their
// values, in two queries.
func pgQuadsWith(ctx context.Context, db *sql.DB, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	return pgQuadsWithAny(ctx, db, d, []quad.Value{v}, nil)
}

// pgQuadsWithAny lists the quads that have one of vals in direction d and,
// unless labels is nil, one of labels as label, with their values, in two
// queries, in the order they were written.
func pgQuadsWithAny(ctx context.Context, db *sql.DB, d quad.Direction, vals, labels []quad.Value) ([]quad.Quad, error) {
	fail := func(err error) ([]quad.Quad, error) {
		what := fmt.Sprint(vals)
		if len(vals) == 1 {
			what = fmt.Sprint(vals[0])
		}
		return nil, fmt.Errorf("postgres: quads with %s %.200s: %w", d, what, err)
	}
	if len(vals) == 0 || labels != nil && len(labels) == 0 {
		return nil, nil
	}
	hashArray := func(vs []quad.Value) (string, error) {
		a := newPGArray(len(vs))
		for _, v := range vs {
			if err := a.add(csql.HashOf(v).SQLValue()); err != nil {
				return "", err
			}
		}
		return a.String(), nil
	}
	args := make([]any, 1, 2)
	var err error
	if args[0], err = hashArray(vals); err != nil {
		return fail(err)
	}
	if labels != nil {
		la, err := hashArray(labels)
		if err != nil {
			return fail(err)
		}
		args = append(args, la)
	}
	rows, err := db.QueryContext(ctx, pgQuadsWithSQL(d, labels != nil), args...)
	if err != nil {
		return fail(err)
	}
	var hashes [][4]csql.NodeHash
	for rows.Next() {
		var h [4]csql.NodeHash
		if err := rows.Scan(&h[0], &h[1], &h[2], &h[3]); err != nil {
			rows.Close()
			return fail(err)
		}
		hashes = append(hashes, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if len(hashes) == 0 {
		return nil, nil
	}
	values := map[csql.NodeHash]quad.Value{}
	arr := newPGArray(len(hashes) * 4)
	for _, h := range hashes {
		for _, n := range h {
			if _, ok := values[n]; !ok && n.Valid() {
				values[n] = nil
				if err := arr.add(n.SQLValue()); err != nil {
					return fail(err)
				}
			}
		}
	}
	rows, err = db.QueryContext(ctx, pgNodesSQL, arr.String())
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	var (
		h    csql.NodeHash
		node pgNode
		dest = append([]any{&h}, node.dest()...)
	)
	for rows.Next() {
		node = pgNode{}
		if err := rows.Scan(dest...); err != nil {
			return fail(err)
		}
		val, err := node.value()
		if err != nil {
			return fail(err)
		}
		values[h] = val
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	out := make([]quad.Quad, len(hashes))
	for i, h := range hashes {
		for j, dir := range quad.Directions {
			out[i].Set(dir, values[h[j]])
		}
	}
	return out, nil
}
