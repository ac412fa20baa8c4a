// Package openie renders the propositions of package clause as Open IE
// extractions: a relation phrase and its arguments as they are written in
// the sentence, the shape the CaRB benchmark scores.
//
// Unlike the knowledge-graph facts, extractions keep whole argument
// phrases and are not linked to entities; they exist to measure (and let
// people inspect) what the clause finder sees.
package openie

import (
	"strings"

	"github.com/kg-project/kg/extract/clause"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/tokenize"
)

// Extraction is one Open IE tuple.
type Extraction struct {
	Relation   string   `json:"relation"`
	Args       []string `json:"args"` // subject first
	Confidence float64  `json:"confidence"`
}

// Sentence makes one analysable sentence of a line of text, however many
// sentences the splitter would have made of it: Open IE benchmarks give
// one sentence a line and expect one answer a line.
func Sentence(line string) *doc.Sentence {
	d := tokenize.Document(line)
	s := &doc.Sentence{Text: line, Start: 0, End: len(line)}
	for _, sn := range d.Sentences {
		s.Tokens = append(s.Tokens, sn.Tokens...)
	}
	return s
}

// Extract returns the extractions of a tagged and parsed sentence.
func Extract(s *doc.Sentence) []Extraction {
	var out []Extraction
	seen := map[string]bool{}
	add := func(e Extraction) {
		k := e.Relation + "\t" + strings.Join(e.Args, "\t")
		if seen[k] || e.Relation == "" || len(e.Args) < 1 || e.Args[0] == "" {
			return
		}
		seen[k] = true
		out = append(out, e)
	}
	for _, a := range clause.Appositions(s) {
		add(Extraction{Relation: "is", Args: []string{words(s, a.Of.Span), words(s, a.Is.Span)}, Confidence: 0.6})
	}
	for _, p := range clause.Extract(s) {
		if p.Subject == nil {
			continue
		}
		rel := relation(s, p)
		subj := words(s, p.Subject.Span)
		conf := confidence(s, p)
		var rest []string
		prep := ""
		if p.Object != nil {
			rest = append(rest, words(s, p.Object.Span))
		}
		for i, o := range p.Obliques {
			text := words(s, argSpan(s, o))
			if p.Object == nil && i == 0 && o.Prep != "" {
				// "spoke to X": the preposition belongs to the relation.
				prep = strings.ReplaceAll(o.Prep, "-", " ")
				text = words(s, o.Span)
			}
			rest = append(rest, text)
		}
		for _, c := range p.Context {
			rest = append(rest, words(s, c.Span))
		}
		if prep != "" {
			rel += " " + prep
		}
		if len(rest) == 0 {
			// An intransitive predicate: "the lap would be deleted".
			add(Extraction{Relation: rel, Args: []string{subj}, Confidence: conf * 0.4})
			continue
		}
		add(Extraction{Relation: rel, Args: append([]string{subj}, rest...), Confidence: conf})
	}
	return out
}

// relation spells the predicate as written: auxiliaries, negation, the
// verb, particles, and the xcomp chain, in sentence order.
func relation(s *doc.Sentence, p clause.Proposition) string {
	kids := s.Children()
	idx := map[int]bool{}
	for k := p.PredSpan.Start; k < p.PredSpan.End; k++ {
		if k == p.Verb || s.Tokens[k].Head-1 == p.Verb || inChain(s, k, p.Verb) {
			idx[k] = true
		}
	}
	idx[p.Verb] = true
	for _, c := range kids[p.Verb] {
		switch s.Tokens[c].DepRel {
		case "aux", "aux:pass", "cop", "compound:prt":
			idx[c] = true
		case "advmod":
			l := strings.ToLower(s.Tokens[c].Text)
			if l == "not" || l == "n't" || l == "never" {
				idx[c] = true
			}
		}
	}
	if p.Copula {
		// The copula alone is the relation; the complement is an argument.
		delete(idx, p.Verb)
	}
	var ws []string
	for k := 0; k < len(s.Tokens); k++ {
		if idx[k] {
			ws = append(ws, s.Tokens[k].Text)
		}
	}
	return strings.Join(ws, " ")
}

// inChain reports whether token k is in the xcomp chain under v.
func inChain(s *doc.Sentence, k, v int) bool {
	for h, hops := k, 0; h >= 0 && hops < 4; hops++ {
		r := s.Tokens[h].DepRel
		if r != "xcomp" && r != "mark" && r != "compound:prt" {
			return false
		}
		h = s.Tokens[h].Head - 1
		if h == v {
			return true
		}
	}
	return false
}

// argSpan extends an oblique's span leftwards over its preposition.
func argSpan(s *doc.Sentence, a clause.Arg) doc.Span {
	sp := a.Span
	for sp.Start > 0 && (s.Tokens[sp.Start-1].DepRel == "case" || s.Tokens[sp.Start-1].DepRel == "fixed") && s.Tokens[sp.Start-1].Head-1 >= sp.Start && s.Tokens[sp.Start-1].Head-1 < sp.End {
		sp.Start--
	}
	return sp
}

func words(s *doc.Sentence, sp doc.Span) string {
	if sp.Start < 0 || sp.End > len(s.Tokens) || sp.Start >= sp.End {
		return ""
	}
	return strings.Join(s.Words()[sp.Start:sp.End], " ")
}

func confidence(s *doc.Sentence, p clause.Proposition) float64 {
	c := 0.9
	if p.Inherited {
		c *= 0.75
	}
	if p.Object != nil && p.Object.Clause {
		c *= 1.0
	}
	if p.Copula {
		c *= 0.9
	}
	if n := len(s.Tokens); n > 40 {
		c *= 0.9
	}
	d := p.Verb - p.Subject.Head
	if d < 0 {
		d = -d
	}
	if d > 10 {
		c *= 0.9
	}
	return c
}
