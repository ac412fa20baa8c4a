// Package query runs Gizmo, GraphQL and MQL queries against a kg store
// through cayley's query sessions, with a time limit and a result limit,
// and formats the results for people (a table) or programs (JSON).
//
// Queries run with kg's namespace prefixes already registered, so a query
// can write g.V(g.IRI("ent:Angela_Merkel")) without declaring them. The
// package does not know which queries are saved; see package queries.
package query

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cquery "github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo"   // registers "gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers "graphql"
	_ "github.com/cayleygraph/cayley/query/mql"     // registers "mql"

	"github.com/kg-project/kg/graph"
)

// Languages lists the query languages kg accepts.
var Languages = []string{"gizmo", "graphql", "mql"}

// Options limit a query run.
type Options struct {
	Lang    string        // "gizmo" when empty
	Limit   int           // maximum results; 0 means no limit
	Timeout time.Duration // 0 means no time limit
}

// Error is a query that failed to compile or run.
type Error struct {
	Lang string
	Err  error
}

func (e *Error) Error() string { return e.Lang + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ErrTimeout is returned (wrapped) when a query exceeds its time limit.
var ErrTimeout = errors.New("query timed out")

// Run executes text and returns its results, collated as JSON values.
func Run(ctx context.Context, qs cgraph.QuadStore, text string, opts Options) ([]interface{}, error) {
	if opts.Lang == "" {
		opts.Lang = "gizmo"
	}
	if cquery.GetLanguage(opts.Lang) == nil {
		return nil, fmt.Errorf("unknown query language %q (want one of %s)", opts.Lang, strings.Join(Languages, ", "))
	}
	if strings.TrimSpace(text) == "" {
		return nil, errors.New("empty query")
	}
	if opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Timeout)
		defer cancel()
	}
	ses := cquery.NewSession(qs, opts.Lang)
	it, err := ses.Execute(ctx, text, cquery.Options{Collation: cquery.JSON, Limit: opts.Limit})
	if err != nil {
		return nil, &Error{opts.Lang, err}
	}
	defer it.Close()
	var out []interface{}
	for it.Next(ctx) {
		out = append(out, it.Result())
		if opts.Limit > 0 && len(out) >= opts.Limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return out, &Error{opts.Lang, fmt.Errorf("%w after %s", ErrTimeout, opts.Timeout)}
		}
		return out, &Error{opts.Lang, err}
	}
	if ctx.Err() == context.DeadlineExceeded {
		return out, &Error{opts.Lang, fmt.Errorf("%w after %s", ErrTimeout, opts.Timeout)}
	}
	return out, nil
}

// WriteJSON writes results as an indented JSON array.
func WriteJSON(w io.Writer, results []interface{}) error {
	if results == nil {
		results = []interface{}{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(results)
}

// WriteTable writes results as an aligned text table, one row a result
// and one column a tag; results that are plain values get one column.
// IRIs are shortened with kg's prefixes.
func WriteTable(w io.Writer, results []interface{}) error {
	var cols []string
	seen := map[string]bool{}
	for _, r := range results {
		if m, ok := r.(map[string]interface{}); ok {
			for k := range m {
				if !seen[k] {
					seen[k] = true
					cols = append(cols, k)
				}
			}
		}
	}
	sort.Slice(cols, func(i, j int) bool {
		return colOrder(cols[i]) < colOrder(cols[j]) || colOrder(cols[i]) == colOrder(cols[j]) && cols[i] < cols[j]
	})
	if len(cols) == 0 {
		cols = []string{"value"}
	}
	rows := [][]string{cols}
	for _, r := range results {
		row := make([]string, len(cols))
		if m, ok := r.(map[string]interface{}); ok {
			for i, c := range cols {
				if v, ok := m[c]; ok {
					row[i] = Short(v)
				}
			}
		} else {
			row[0] = Short(r)
		}
		rows = append(rows, row)
	}
	width := make([]int, len(cols))
	for _, row := range rows {
		for i, c := range row {
			if n := len([]rune(c)); n > width[i] {
				width[i] = min(n, 80)
			}
		}
	}
	var b strings.Builder
	for ri, row := range rows {
		for i, c := range row {
			if r := []rune(c); len(r) > 80 {
				c = string(r[:77]) + "..."
			}
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-len([]rune(c))))
			}
		}
		b.WriteString("\n")
		if ri == 0 {
			for i := range cols {
				if i > 0 {
					b.WriteString("  ")
				}
				b.WriteString(strings.Repeat("-", width[i]))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "(%d results)\n", len(results))
	_, err := io.WriteString(w, b.String())
	return err
}

// colOrder puts the usual tag names first: id, subject, predicate, object.
func colOrder(c string) int {
	switch c {
	case "id":
		return 0
	case "subject", "source":
		return 1
	case "predicate":
		return 2
	case "object", "target":
		return 3
	}
	return 4
}

// Short renders a result value for a table, shortening kg's IRIs to
// prefixed form ("ent:Angela_Merkel").
func Short(v interface{}) string {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case nil:
		return ""
	default:
		b, _ := json.Marshal(x)
		s = string(b)
	}
	// A typed literal ("2021-05-13"^^<…#date>) shows as its value.
	if strings.HasPrefix(s, `"`) {
		if i := strings.LastIndex(s, `"^^<`); i > 0 && strings.HasSuffix(s, ">") {
			return s[1:i]
		}
	}
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		if short := graph.ShortIRI(s[1 : len(s)-1]); short != s[1:len(s)-1] {
			return short
		}
	}
	return s
}
