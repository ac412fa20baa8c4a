package clause

import (
	"strings"

	"github.com/kg-project/kg/extract/doc"
)

// repairReducedRelative undoes the garden path of a reduced relative
// clause: in "Gold mined in the hills was the source of its wealth" or
// "The man arrested in Paris has been charged", a greedy parser takes
// the participle for the main verb (gold mined …) and leaves the real
// predicate, which has a tensed auxiliary or copula but no subject of
// its own, hanging on it (or the participle on it). The evidence is
// grammatical: a tensed "was"/"has" after a noun's participle phrase
// needs a subject, and the noun is the only one there. The noun then
// becomes that predicate's subject and the participle a modifier of the
// noun (a reduced passive: not asserted unless it has a "by" agent).
// It returns s unchanged, or a repaired copy (same tokens, so indices
// stay valid), with the children of each token of what it returns.
func repairReducedRelative(s *doc.Sentence) (*doc.Sentence, [][]int) {
	kids := s.Children()
	var out *doc.Sentence
	for v := range s.Tokens {
		tk := &s.Tokens[v]
		if tk.UPOS != "VERB" || (tk.XPOS != "VBD" && tk.XPOS != "VBN") {
			continue
		}
		n := -1
		ok := true
		for _, c := range kids[v] {
			switch s.Tokens[c].DepRel {
			case "nsubj":
				n = c
			case "aux", "aux:pass", "cop", "obj", "iobj", "ccomp", "xcomp", "nsubj:pass", "mark", "expl", "compound:prt":
				ok = false
			}
		}
		if !ok || n < 0 || n > v {
			continue
		}
		if u := s.Tokens[n].UPOS; u != "NOUN" && u != "PROPN" {
			continue // "he left the house …": a pronoun's verb is its own clause
		}
		// The predicate: the participle's head or a dependent after it.
		p, below := -1, false
		if h := tk.Head - 1; h > v {
			switch tk.DepRel {
			case "advcl", "nsubj", "csubj", "dep", "parataxis":
				p = h
			}
		}
		if p < 0 {
			for _, c := range kids[v] {
				if c > v {
					switch s.Tokens[c].DepRel {
					case "advcl", "conj", "parataxis", "dep":
						if p < 0 {
							p, below = c, true
						}
					}
				}
			}
		}
		if p < 0 || !needsSubject(s, kids, p, v) {
			continue
		}
		if out == nil {
			c := *s
			c.Tokens = append([]doc.Token(nil), s.Tokens...)
			out = &c
		}
		first := firstAux(s, kids, p)
		subjRel := "nsubj"
		if HasDependent(s, kids, p, "aux:pass") {
			subjRel = "nsubj:pass"
		}
		if below {
			out.Tokens[p].Head, out.Tokens[p].DepRel = tk.Head, tk.DepRel
			// What followed the predicate's auxiliary belongs to the
			// predicate ("…, but is now declining", the full stop).
			for _, c := range kids[v] {
				if c > first && c != p {
					out.Tokens[c].Head = p + 1
				}
			}
		}
		out.Tokens[n].Head, out.Tokens[n].DepRel = p+1, subjRel
		out.Tokens[v].Head, out.Tokens[v].DepRel = n+1, "acl"
		out.Tokens[v].XPOS = "VBN"
	}
	if out == nil {
		return s, kids
	}
	return out, out.Children()
}

// needsSubject reports whether predicate p (after participle v) has a
// tensed auxiliary or copula between v and itself, and no subject,
// marker or conjunction of its own, with no punctuation between v and
// that auxiliary.
func needsSubject(s *doc.Sentence, kids [][]int, p, v int) bool {
	if p <= v {
		return false
	}
	first := firstAux(s, kids, p)
	if first < 0 || first < v {
		return false
	}
	switch x := s.Tokens[first].XPOS; x {
	case "VBZ", "VBP", "VBD", "MD":
	default:
		return false
	}
	for _, c := range kids[p] {
		if c == v {
			continue
		}
		switch r := s.Tokens[c].DepRel; {
		case strings.HasPrefix(r, "nsubj"), strings.HasPrefix(r, "csubj"), r == "mark", r == "cc", r == "expl":
			return false
		}
	}
	for k := v + 1; k < first; k++ {
		if s.Tokens[k].UPOS == "PUNCT" || s.Tokens[k].UPOS == "CCONJ" || s.Tokens[k].UPOS == "SCONJ" {
			return false
		}
	}
	return true
}

// firstAux is p's first auxiliary or copula, or -1.
func firstAux(s *doc.Sentence, kids [][]int, p int) int {
	for _, c := range kids[p] {
		switch s.Tokens[c].DepRel {
		case "aux", "aux:pass", "cop":
			return c
		}
	}
	return -1
}
