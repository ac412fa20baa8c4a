// Package queries holds kg's saved Gizmo queries, embedded in the binary:
// the questions a reader of a news graph asks most (who spoke to whom,
// what is known about an entity and why, people and their titles, ...).
//
// Each query is a file NAME.js whose first comment line is its
// description. Lines "// @param NAME DEFAULT" declare parameters; the
// query reads them from the object params, which Source defines (JSON
// encoded, so a value can never inject code). The package only stores and
// prepares query text; running it is package graph/query's job.
package queries

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
)

//go:embed *.js
var files embed.FS

// Param is a declared parameter of a saved query.
type Param struct {
	Name, Default string
}

// Query is one saved query.
type Query struct {
	Name        string
	Description string
	Params      []Param
	Text        string // the file's contents
}

var saved = load()

func load() map[string]*Query {
	m := map[string]*Query{}
	ents, err := files.ReadDir(".")
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	for _, e := range ents {
		b, _ := files.ReadFile(e.Name())
		q := &Query{Name: strings.TrimSuffix(e.Name(), path.Ext(e.Name())), Text: string(b)}
		for _, line := range strings.Split(q.Text, "\n") {
			line = strings.TrimSpace(line)
			if !strings.HasPrefix(line, "//") {
				break
			}
			c := strings.TrimSpace(strings.TrimPrefix(line, "//"))
			if rest, ok := strings.CutPrefix(c, "@param "); ok {
				name, def, _ := strings.Cut(strings.TrimSpace(rest), " ")
				q.Params = append(q.Params, Param{name, strings.TrimSpace(def)})
			} else if q.Description == "" {
				q.Description = c
			}
		}
		m[q.Name] = q
	}
	return m
}

// Get returns the saved query called name.
func Get(name string) (*Query, bool) {
	q, ok := saved[name]
	return q, ok
}

// All returns every saved query, sorted by name.
func All() []*Query {
	out := make([]*Query, 0, len(saved))
	for _, q := range saved {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Source returns the query text to run, preceded by a definition of
// params holding the declared parameters' values (the defaults, replaced
// by those given). An unknown parameter is an error.
func (q *Query) Source(given map[string]string) (string, error) {
	vals := map[string]string{}
	for _, p := range q.Params {
		vals[p.Name] = p.Default
	}
	for k, v := range given {
		if _, ok := vals[k]; !ok {
			return "", fmt.Errorf("saved query %s has no parameter %q", q.Name, k)
		}
		vals[k] = v
	}
	b, err := json.Marshal(vals)
	if err != nil {
		return "", err
	}
	return "var params = " + string(b) + ";\n" + q.Text, nil
}
