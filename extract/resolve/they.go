package resolve

import (
	"strings"

	"github.com/kg-project/kg/extract/clause"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/fact"
)

// they links a subject "they" to a plural antecedent when exactly one
// fits: in the same sentence before it, else in the sentence before, the
// subjects of main and reported clauses that are plural — a plural noun
// ("the parents"), names joined by "and" ("Thomas Sam and his wife Manju
// Sam", linked as a group), a "they" already linked — and, in any role,
// organisations (a named one, or a noun such as "the government"). The
// nearest of the two sentences that has any candidate decides; two
// candidates there leave "they" unlinked ("the authors say the results
// …; they call for …"), and so do plural nouns in other roles and named
// places, which count as candidates but are never linked ("the bodies of
// ants after they …", "a threat to Russia … they").
func (r *Result) they(d *doc.Document) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for k, t := range s.Tokens {
			if t.UPOS != "PRON" || !strings.EqualFold(t.Text, "they") || !strings.HasPrefix(t.DepRel, "nsubj") {
				continue
			}
			if r.At(si, k) >= 0 || r.Group(si, k) != nil {
				continue
			}
			a, ok := r.pluralAntecedent(d, si, k)
			if !ok {
				continue
			}
			sp := doc.Span{Start: k, End: k + 1}
			switch {
			case len(a.group) > 0:
				if r.groups == nil {
					r.groups = map[[2]int][]int{}
				}
				r.groups[[2]int{si, k}] = a.group
				for _, e := range a.group {
					r.Entities[e].Mentions = append(r.Entities[e].Mentions, fact.Mention{Sent: si, Span: sp, Text: t.Text, Kind: "pronoun"})
				}
			case a.entity >= 0:
				r.Link(a.entity, si, sp, t.Text, "pronoun")
			case a.concept != "":
				e := r.Concept(a.concept, fact.Mention{Sent: si, Span: sp, Text: t.Text, Kind: "pronoun"})
				r.at[[2]int{si, k}] = e
			}
		}
	}
}

// antecedent is what a plural pronoun refers to: an entity, a group of
// entities, or a concept by name.
type antecedent struct {
	entity  int
	group   []int
	concept string
	// blocker is a plural noun or a place that "they" may mean but that
	// is not linked (an object, a place name): it only makes the choice
	// ambiguous. at is its token, to tell blockers apart.
	blocker bool
	at      int
	subject bool // found as a subject
}

func (a antecedent) key() string {
	switch {
	case a.blocker:
		return "b" + string(rune('A'+a.at))
	case len(a.group) > 0:
		var b strings.Builder
		for _, e := range a.group {
			b.WriteString(string(rune('A' + e)))
		}
		return "g" + b.String()
	case a.entity >= 0:
		return "e" + string(rune('A'+a.entity))
	}
	return "c" + a.concept
}

func (r *Result) pluralAntecedent(d *doc.Document, si, k int) (antecedent, bool) {
	for p := si; p >= 0 && p >= si-1; p-- {
		s := &d.Sentences[p]
		end := len(s.Tokens)
		if p == si {
			end = k
		}
		kids := s.Children()
		found := map[string]antecedent{}
		blockers := 0
		for j := 0; j < end; j++ {
			if a, ok := r.pluralCandidate(s, kids, p, j, p == si); ok {
				if a.blocker {
					blockers++
					continue
				}
				if old, seen := found[a.key()]; seen && old.subject {
					continue
				}
				found[a.key()] = a
			}
		}
		if len(found) == 1 {
			// One candidate: taken if it is a subject (subjects are
			// what a later "they" picks up first) or nothing else
			// plural stands beside it.
			for _, a := range found {
				return a, a.subject || blockers == 0
			}
		}
		if len(found) > 1 || blockers > 0 {
			return antecedent{}, false
		}
	}
	return antecedent{}, false
}

// pluralCandidate reports whether token j of sentence p (kids its
// children) heads something a later "they" may mean; same says the
// pronoun is in this sentence, where subjects of adverbial clauses count
// too ("as the parents came from India, … they should be …").
func (r *Result) pluralCandidate(s *doc.Sentence, kids [][]int, p, j int, same bool) (antecedent, bool) {
	t := &s.Tokens[j]
	none := antecedent{entity: -1}
	// An organisation, in any role but an apposition (which renames its
	// anchor: "Tom Molomby, SC,"): a name or an organisation noun.
	if e := r.Owner(p, j); e >= 0 && r.Entities[e].Type == fact.Organization && r.headOfMention(s, p, j, e) && t.DepRel != "appos" {
		return antecedent{entity: e, subject: strings.HasPrefix(t.DepRel, "nsubj")}, true
	}
	blocker := antecedent{entity: -1, blocker: true, at: j}
	if !strings.HasPrefix(t.DepRel, "nsubj") {
		if t.UPOS == "NOUN" && orgNouns[strings.ToLower(t.Lemma)] && t.XPOS == "NN" && r.At(p, j) < 0 {
			return antecedent{entity: -1, concept: strings.ToLower(clause.CoreText(s, kids, j))}, true
		}
		// "the bodies of ants after they ingested", "a threat to Russia
		// … they": a plural noun or a named place elsewhere in the
		// sentence may be what "they" means.
		if t.UPOS == "NOUN" && t.XPOS == "NNS" && t.DepRel != "compound" {
			return blocker, true
		}
		if e := r.Owner(p, j); e >= 0 && r.Entities[e].Type == fact.Location && r.headOfMention(s, p, j, e) {
			if m := r.mentionKind(e, p, j); m == "name" || m == "alias" {
				return blocker, true
			}
		}
		return none, false
	}
	if !mainOrReported(s, j, same) {
		if t.UPOS == "NOUN" && t.XPOS == "NNS" {
			return blocker, true
		}
		return none, false
	}
	if t.UPOS == "PRON" {
		if g := r.Group(p, j); len(g) > 0 {
			return antecedent{entity: -1, group: g, subject: true}, true
		}
		if strings.EqualFold(t.Text, "they") {
			if e := r.At(p, j); e >= 0 {
				if r.Entities[e].Type == fact.Concept {
					return antecedent{entity: -1, concept: r.Entities[e].Name, subject: true}, true
				}
				return antecedent{entity: e, subject: true}, true
			}
			return none, false
		}
		return none, false
	}
	// Names joined by "and": each must be a person or organisation.
	if e := r.Owner(p, j); e >= 0 {
		if t.XPOS == "NNPS" && r.Entities[e].Type != fact.Location {
			return antecedent{entity: e, subject: true}, true // "the Sams"
		}
		group := []int{e}
		for _, c := range kids[j] {
			if s.Tokens[c].DepRel != "conj" {
				continue
			}
			ce := r.Owner(p, c)
			if ce < 0 {
				ce = r.At(p, c)
			}
			if ce < 0 || ce == e || !r.Entities[ce].Named() {
				return none, false
			}
			group = append(group, ce)
		}
		if len(group) > 1 {
			return antecedent{entity: -1, group: group, subject: true}, true
		}
		return none, false
	}
	if (t.UPOS == "NOUN" || t.UPOS == "PROPN") && (t.XPOS == "NNS" || t.XPOS == "NNPS") && r.At(p, j) < 0 {
		for _, c := range kids[j] {
			if s.Tokens[c].DepRel == "conj" {
				return none, false // "pebbles and stones": which?
			}
		}
		return antecedent{entity: -1, concept: strings.ToLower(clause.CoreText(s, kids, j)), subject: true}, true
	}
	return none, false
}

// headOfMention reports whether token j is the head token of entity e's
// mention covering it (so that a name of several words counts once).
func (r *Result) headOfMention(s *doc.Sentence, p, j, e int) bool {
	h := s.Tokens[j].Head - 1
	return h < 0 || r.Owner(p, h) != e
}

// mainOrReported reports whether subject j belongs to a main clause, a
// clause conjoined with it, or a clause reported by it ("the authors say
// the results confirm …"), or, with adverbial, an adverbial clause of
// those; not to a relative clause or anything deeper down.
func mainOrReported(s *doc.Sentence, j int, adverbial bool) bool {
	v := s.Tokens[j].Head - 1
	for hop := 0; hop < 4 && v >= 0; hop++ {
		switch s.Tokens[v].DepRel {
		case "root":
			return true
		case "conj", "ccomp", "parataxis":
			v = s.Tokens[v].Head - 1
			continue
		case "advcl":
			if adverbial {
				v = s.Tokens[v].Head - 1
				continue
			}
		}
		return false
	}
	return false
}
