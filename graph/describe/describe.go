// Package describe gathers everything a kg graph knows about one entity:
// its names, types, the sentences that mention it and the facts it takes
// part in, each with the sentence and document it came from. It backs
// kg show. It reads through the store's subject and object indexes only
// (never a scan), so it answers as fast on a large store as on a small
// one. It does not extract, write or format anything.
package describe

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/store"
)

// Entity is what the graph knows about one node.
type Entity struct {
	IRI      string   `json:"iri"`
	Name     string   `json:"name"`
	Types    []string `json:"types"`
	Aliases  []string `json:"aliases,omitempty"`
	Mentions int      `json:"mentions"`  // sentences that mention it
	Docs     []string `json:"documents"` // documents that mention it or state a fact about it
	Facts    []Fact   `json:"facts"`     // as subject, then as object, by document and sentence
}

// Fact is one fact the entity takes part in.
type Fact struct {
	IRI          string            `json:"iri"`
	Role         string            `json:"role"` // "subject" or "object"
	Subject      string            `json:"subject"`
	Predicate    string            `json:"predicate"`
	Object       string            `json:"object"`
	Confidence   float64           `json:"confidence"`
	Negated      bool              `json:"negated,omitempty"`
	Modality     string            `json:"modality,omitempty"`
	AttributedTo string            `json:"attributedTo,omitempty"`
	Context      map[string]string `json:"context,omitempty"`
	Sentence     string            `json:"sentence"` // IRI of the sentence
	Index        int               `json:"index"`    // its 1-based position in the document
	Text         string            `json:"text"`
	Document     string            `json:"document"`
}

// Find returns the entity nodes a user means by what: a prefixed or full
// IRI ("ent:Angela_Merkel", "<https://kg.invalid/entity/Angela_Merkel>"), or a name
// or alias exactly as the graph holds it ("Merkel", "Chancellor Merkel"),
// tried as written and then with its words capitalised.
func Find(ctx context.Context, st *store.Store, what string) ([]quad.Value, error) {
	what = strings.TrimSpace(what)
	if what == "" {
		return nil, fmt.Errorf("no entity given")
	}
	if iri, ok := asIRI(what); ok {
		qs, err := st.QuadsWith(ctx, quad.Subject, iri)
		if err != nil || len(qs) > 0 {
			return []quad.Value{iri}, err
		}
		return nil, nil
	}
	seen := map[string]bool{}
	var out []quad.Value
	for _, name := range []string{what, titleCase(what)} {
		qs, err := st.QuadsWith(ctx, quad.Object, quad.String(name))
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			if (q.Predicate == graph.Label || q.Predicate == graph.AltName) && !seen[q.Subject.String()] {
				seen[q.Subject.String()] = true
				out = append(out, q.Subject)
			}
		}
		if len(out) > 0 {
			break
		}
	}
	// Canonical names first, then by IRI, so the output is stable.
	sort.SliceStable(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}

func asIRI(s string) (quad.IRI, bool) {
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		return quad.IRI(s[1 : len(s)-1]), true
	}
	return graph.ExpandIRI(s)
}

func titleCase(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		if x != "" {
			w[i] = strings.ToUpper(x[:1]) + x[1:]
		}
	}
	return strings.Join(w, " ")
}

// Describe gathers what the graph knows about node.
func Describe(ctx context.Context, st *store.Store, node quad.Value) (*Entity, error) {
	e := &Entity{IRI: short(node)}
	out, err := st.QuadsWith(ctx, quad.Subject, node)
	if err != nil {
		return nil, err
	}
	docs := map[string]bool{}
	mentions := map[string]bool{}
	for _, q := range out {
		switch q.Predicate {
		case graph.Label:
			e.Name = quad.ToString(q.Object)
		case graph.RDFType:
			e.Types = appendNew(e.Types, short(q.Object))
		case graph.AltName:
			e.Aliases = appendNew(e.Aliases, quad.ToString(q.Object))
		case graph.MentionedIn:
			mentions[q.Object.String()] = true
			if d, ok := graph.DocumentOf(q.Label); ok {
				docs[d] = true
			}
		}
	}
	e.Mentions = len(mentions)
	in, err := st.QuadsWith(ctx, quad.Object, node)
	if err != nil {
		return nil, err
	}
	sentences := map[quad.Value]sentence{} // facts of one sentence read it once
	for _, role := range []struct {
		name string
		pred quad.IRI
	}{{"subject", graph.Subject}, {"object", graph.Object}} {
		var fs []Fact
		for _, q := range in {
			if q.Predicate != role.pred {
				continue
			}
			f, err := readFact(ctx, st, q.Subject, sentences)
			if err != nil {
				return nil, err
			}
			f.Role = role.name
			docs[f.Document] = true
			fs = append(fs, f)
		}
		sort.Slice(fs, func(i, j int) bool {
			if fs[i].Document != fs[j].Document {
				return fs[i].Document < fs[j].Document
			}
			if fs[i].Index != fs[j].Index {
				return fs[i].Index < fs[j].Index
			}
			return fs[i].IRI < fs[j].IRI
		})
		e.Facts = append(e.Facts, fs...)
	}
	delete(docs, "")
	for d := range docs {
		e.Docs = append(e.Docs, d)
	}
	sort.Strings(e.Docs)
	sort.Strings(e.Aliases)
	return e, nil
}

// sentence is what a Fact shows of its sentence.
type sentence struct {
	text  string
	index int
}

// readFact reads a fact node and its sentence (from seen, or the store).
func readFact(ctx context.Context, st *store.Store, node quad.Value, seen map[quad.Value]sentence) (Fact, error) {
	f := Fact{IRI: short(node)}
	qs, err := st.QuadsWith(ctx, quad.Subject, node)
	if err != nil {
		return f, err
	}
	var sentenceNode quad.Value
	ctxPrefix := string(graph.Context(""))
	for _, q := range qs {
		switch p := q.Predicate.(type) {
		case quad.IRI:
			switch {
			case p == graph.Subject:
				f.Subject = short(q.Object)
			case p == graph.Predicate:
				f.Predicate = short(q.Object)
			case p == graph.Object:
				f.Object = short(q.Object)
			case p == graph.Evidence:
				sentenceNode = q.Object
				f.Sentence = short(q.Object)
			case p == graph.Confidence:
				if v, ok := q.Object.(quad.Float); ok {
					f.Confidence = float64(v)
				}
			case p == graph.Negated:
				f.Negated = true
			case p == graph.Modality:
				f.Modality = quad.ToString(q.Object)
			case p == graph.AttributeTo:
				f.AttributedTo = short(q.Object)
			case strings.HasPrefix(string(p), ctxPrefix):
				if f.Context == nil {
					f.Context = map[string]string{}
				}
				f.Context[strings.TrimPrefix(string(p), ctxPrefix)] = quad.ToString(q.Object)
			}
		}
		if d, ok := graph.DocumentOf(q.Label); ok && f.Document == "" {
			f.Document = d
		}
	}
	if sentenceNode != nil {
		sn, ok := seen[sentenceNode]
		if !ok {
			ss, err := st.QuadsWith(ctx, quad.Subject, sentenceNode)
			if err != nil {
				return f, err
			}
			for _, q := range ss {
				switch q.Predicate {
				case graph.Text:
					sn.text = quad.ToString(q.Object)
				case graph.Index:
					if v, ok := q.Object.(quad.Int); ok {
						sn.index = int(v)
					}
				}
			}
			seen[sentenceNode] = sn
		}
		f.Text, f.Index = sn.text, sn.index
	}
	return f, nil
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// short writes kg's IRIs in prefixed form and literals as their text.
func short(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return graph.ShortIRI(string(iri))
	}
	return quad.ToString(v)
}
