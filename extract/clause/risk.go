package clause

import (
	"strings"

	"github.com/kg-project/kg/extract/doc"
)

// Risk is a factor in (0, 1] that lowers the confidence of a proposition
// whose clause the text states less directly, or whose arguments a parser
// gets wrong more often.
// The factors are hand-set (not fitted to any evaluation set), one for
// each kind of risk:
//
//   - ×0.8 a non-finite verb (a participle or gerund without a finite
//     auxiliary: "restoring a calm", "people living near X"): the text
//     does not assert it, and its subject is inferred from attachment.
//   - ×0.85 a subordinate adverbial clause ("as it moves over land",
//     "once it comes ashore"): background to the main clause, and the
//     attachment of its subject and obliques is less reliable.
//   - ×0.9 a relative clause: its subject is the noun the clause
//     modifies, which the parser must have chosen right.
//   - ×0.9 a pronoun subject: it names what the resolver guessed.
//   - ×0.85 a heading (a line without closing punctuation): headlines
//     drop articles and auxiliaries, and taggers misread their verbs.
//   - ×0.8 an existential clause ("there will be rains along its path").
//   - ×0.8 an object headed by a quantity word ("spent a lot of X"): the
//     thing meant is in a phrase the fact leaves out, or, where a
//     partitive names the object by it (X), rests on where the parser
//     hung "of X".
//   - ×0.6 a verb followed by a tensed adverbial clause without subject
//     or subordinator ("Iodine released from these chemicals into milk
//     has been the major source"): 5 of 4,654 adverbial clauses of verbs
//     in the gold trees of UD EWT and GUM train look so, so the verb is
//     most often a participle the parser took for the main verb, and its
//     subject belongs to the other clause.
//   - ×0.75 a conjoined past participle
//     with an object and no auxiliary in its chain ("seafood, milk and
//     iodised salt"): 3 of 909 past participles with objects in the gold
//     trees of UD EWT and GUM train; most often an adjective.
//   - ×0.6 a bare infinitive conjoined to a tensed verb, without a
//     subject or auxiliary of its own ("he wants to take over X and do
//     Y" parsed with "do" on "wants"): 17 of 1,521 base-form conjuncts
//     in the gold trees of UD EWT and GUM train look so, all of them
//     imperatives ("thank you and please contact me"), whose subject is
//     the listener; in parsed text it is most often an infinitive the
//     parser hung on the wrong verb, which loses "wants to".
//   - ×0.6 a verb with a noun before it labelled a plain oblique but
//     without a preposition ("A survey of 1709 children - aged 8-10
//     years - was carried out": "survey" obl, "years" subject): none of
//     the 15,110 obliques in the gold trees of UD EWT and GUM train
//     looks so, so the parser has lost the clause's subject.
//   - ×0.7 a verb followed by a tensed verb conjoined to it without a
//     conjunction or a subject of its own, not as the last of a list
//     ("The results of the study published in the journal this week,
//     revealed that …"): 21 of 1,484 tensed verb conjuncts in the gold
//     trees of UD EWT and GUM train look so, so the first verb is most
//     often a participle the parser took for the main verb.
//   - ×0.85 a "who" or "which" clause the parser did not attach as a
//     relative clause, whose subject is taken from the noun before the
//     comma (its antecedent is a guess: "which" may stand for a clause).
//   - ×0.7 the main clause of a condition ("X, if given to a healthy
//     person, would cause Y", "if it rains, the match is off"): it holds
//     only if the condition does, which the text does not assert.
//   - ×0.7 an object on a verb that the treebanks' training trees almost
//     never give one (Intransitive: "appear", "happen"): most
//     often a misparse.
func Risk(s *doc.Sentence, p Proposition) float64 {
	c := 1.0
	v := p.Verb
	if v < 0 || v >= len(s.Tokens) {
		return c
	}
	kids := s.Children()
	if !finite(s, kids, v) {
		c *= 0.8
	}
	switch governingClause(s, kids, v) {
	case "advcl":
		c *= 0.85
	case "acl:relcl":
		c *= 0.9
	}
	if orphanClause(s, kids, v) {
		c *= 0.6
	}
	if conjoinedParticipleWithObject(s, kids, v) {
		c *= 0.75
	}
	if bareConjunctOfTensed(s, kids, v) {
		c *= 0.6
	}
	if conditional(s, kids, v) {
		c *= 0.7
	}
	if asyndeticConjunct(s, kids, v) {
		c *= 0.7
	}
	if p.Subject != nil && strandedWhSubject(s, kids, v, p.Subject.Head) {
		c *= 0.85 // "There's Jeff, who is behind the camera" parsed without the relative clause
	}
	if strandedNominal(s, kids, v) {
		c *= 0.6
	}
	if p.Subject != nil && p.Subject.Head >= 0 && p.Subject.Head < len(s.Tokens) && s.Tokens[p.Subject.Head].UPOS == "PRON" {
		c *= 0.9
	}
	if heading(s) {
		c *= 0.85
	}
	for _, k := range kids[v] {
		if s.Tokens[k].DepRel == "expl" {
			c *= 0.8 // "there will be rains along its path": existence, not a relation
			break
		}
	}
	if p.Object != nil && p.Object.Head >= 0 && p.Object.Head < len(s.Tokens) && quantityNoun(strings.ToLower(s.Tokens[p.Object.Head].Lemma)) {
		c *= 0.8
	}
	if p.Object != nil && !p.Agent && p.Object.Head >= 0 && p.Object.Head < len(s.Tokens) && s.Tokens[p.Object.Head].DepRel == "obj" {
		if h := s.Tokens[p.Object.Head].Head - 1; h >= 0 && h < len(s.Tokens) && Intransitive(strings.ToLower(s.Tokens[h].Lemma)) {
			if !HasDependent(s, kids, h, "compound:prt") {
				c *= 0.7 // "the decline appears [to be due to] changes": a verb the treebanks never give an object
			}
		}
	}
	return c
}

// finiteForm reports a verb form that carries tense: past, present or a
// modal.
func finiteForm(xpos string) bool {
	return xpos == "VBD" || xpos == "VBZ" || xpos == "VBP" || xpos == "MD"
}

// finite reports whether the verb at v is tensed: itself or through an
// auxiliary or copula, or through the verb it is conjoined with or the
// verb that controls it ("agreed to maintain"). A heading's root ("X
// suffering from Y") counts as stated, and so does a heading's
// participle on its root noun (the same heading parsed as a noun phrase).
func finite(s *doc.Sentence, kids [][]int, v int) bool {
	for hop := 0; hop < 8 && v >= 0 && v < len(s.Tokens); hop++ {
		t := &s.Tokens[v]
		if finiteForm(t.XPOS) || verbTaggedNoun(s, kids, v) {
			return true
		}
		for _, c := range kids[v] {
			switch s.Tokens[c].DepRel {
			case "aux", "aux:pass", "cop":
				if finiteForm(s.Tokens[c].XPOS) {
					return true
				}
			}
		}
		switch t.DepRel {
		case "root":
			// A heading's participle states ("X suffering from Y"); in a
			// sentence it is a fragment or a misparse.
			return heading(s)
		case "conj", "xcomp":
			v = t.Head - 1
			continue
		case "acl":
			// "Australian children suffering from X": a heading's
			// participle on its root noun states as a root participle
			// does (headlines drop "are"); GUM's gold trees give such
			// headings and captions a noun root with an acl ("Talk
			// delivered by X", "an island called Y"); not after
			// punctuation ("Email: Roving Mouse" is a label).
			if h := t.Head - 1; h >= 0 && h < v && s.Tokens[h].DepRel == "root" && (t.XPOS == "VBG" || t.XPOS == "VBN") && heading(s) && !punctBetween(s, h, v) {
				return true
			}
		}
		return false
	}
	return false
}

// governingClause returns the relation of the nearest adverbial or
// relative clause above v through coordination and control
// ("advcl" only with a subordinating word, "acl:relcl"), or "".
func governingClause(s *doc.Sentence, kids [][]int, v int) string {
	for hop := 0; hop < 8 && v >= 0 && v < len(s.Tokens); hop++ {
		t := &s.Tokens[v]
		switch t.DepRel {
		case "conj", "xcomp":
			v = t.Head - 1
			continue
		case "acl:relcl":
			return t.DepRel
		case "advcl":
			for _, c := range kids[v] {
				if s.Tokens[c].DepRel == "mark" && !strings.EqualFold(s.Tokens[c].Text, "to") {
					return "advcl"
				}
			}
		}
		return ""
	}
	return ""
}

// heading reports a sentence that does not end in closing punctuation:
// a headline or a section title.
func heading(s *doc.Sentence) bool {
	for k := len(s.Tokens) - 1; k >= 0; k-- {
		switch s.Tokens[k].Text {
		case "\"", "'", "”", "’", "''", ")", "]":
			continue
		case ".", "!", "?", ":", ";", "…":
			return false
		}
		return true
	}
	return false
}

// punctBetween reports punctuation between tokens a and b (a < b): "Email:
// Roving Mouse" is a label and its value, not a headline.
func punctBetween(s *doc.Sentence, a, b int) bool {
	for k := a + 1; k < b; k++ {
		if s.Tokens[k].UPOS == "PUNCT" {
			return true
		}
	}
	return false
}

// quantityNoun reports nouns that measure an amount rather than name a
// thing ("a lot of", "the amount of", "the rest of").
func quantityNoun(l string) bool {
	switch l {
	case "lot", "lots", "amount", "number", "plenty", "deal", "bit", "rest", "majority", "minority", "part", "portion", "half", "most", "some", "one":
		return true
	}
	return false
}

// orphanClause reports whether verb v has, after it, an adverbial clause
// that is tensed but has no subject and no subordinating word.
func orphanClause(s *doc.Sentence, kids [][]int, v int) bool {
	for _, c := range kids[v] {
		if c < v || s.Tokens[c].DepRel != "advcl" {
			continue
		}
		fin := finiteForm(s.Tokens[c].XPOS)
		bare := true
		for _, k := range kids[c] {
			switch s.Tokens[k].DepRel {
			case "nsubj", "nsubj:pass", "csubj", "expl", "mark":
				bare = false
			case "aux", "aux:pass", "cop":
				fin = fin || finiteForm(s.Tokens[k].XPOS)
			}
		}
		if fin && bare {
			return true
		}
	}
	return false
}

// conjoinedParticipleWithObject reports a past participle conjoined to
// another verb, with an object but no auxiliary on it or on the verbs it
// is conjoined with or controlled by.
func conjoinedParticipleWithObject(s *doc.Sentence, kids [][]int, v int) bool {
	t := &s.Tokens[v]
	if t.XPOS != "VBN" || t.DepRel != "conj" {
		return false
	}
	if !HasDependent(s, kids, v, "obj") {
		return false
	}
	return !upChain(s, v, func(v int) bool {
		for _, k := range kids[v] {
			switch s.Tokens[k].DepRel {
			case "aux", "aux:pass":
				return true
			}
		}
		return false
	})
}

// bareConjunctOfTensed reports a base-form verb conjoined to a tensed
// verb, with no subject, auxiliary or marker of its own.
func bareConjunctOfTensed(s *doc.Sentence, kids [][]int, v int) bool {
	t := &s.Tokens[v]
	if t.XPOS != "VB" || t.DepRel != "conj" {
		return false
	}
	h := t.Head - 1
	if h < 0 || h >= len(s.Tokens) {
		return false
	}
	switch s.Tokens[h].XPOS {
	case "VBZ", "VBD", "VBP":
	default:
		return false
	}
	for _, k := range kids[v] {
		switch s.Tokens[k].DepRel {
		case "aux", "aux:pass", "mark", "nsubj", "nsubj:pass", "cop", "expl":
			return false
		}
	}
	return true
}

// conditional reports a verb (or the verb it is conjoined with or
// controlled by) with an adverbial clause introduced by "if" or
// "unless".
func conditional(s *doc.Sentence, kids [][]int, v int) bool {
	return upChain(s, v, func(v int) bool {
		for _, c := range kids[v] {
			if s.Tokens[c].DepRel == "advcl" && HasDependent(s, kids, c, "mark", "if", "unless") {
				return true
			}
		}
		return false
	})
}

// upChain reports whether at holds for the verb at v or for a verb it
// is conjoined with or controlled by, following conj and xcomp heads up
// at most 8 steps.
func upChain(s *doc.Sentence, v int, at func(v int) bool) bool {
	for hop := 0; hop < 8 && v >= 0 && v < len(s.Tokens); hop++ {
		if at(v) {
			return true
		}
		switch s.Tokens[v].DepRel {
		case "conj", "xcomp":
			v = s.Tokens[v].Head - 1
			continue
		}
		return false
	}
	return false
}

// strandedWhSubject reports a verb v, not a relative clause, whose
// subject subj was taken from a noun before its own "who" or "which"
// subject (strandedRelative).
func strandedWhSubject(s *doc.Sentence, kids [][]int, v, subj int) bool {
	if subj < 0 || subj >= len(s.Tokens) || wh(s.Tokens[subj].XPOS) || s.Tokens[v].DepRel == "acl:relcl" {
		return false
	}
	for _, k := range kids[v] {
		if strings.HasPrefix(s.Tokens[k].DepRel, "nsubj") && wh(s.Tokens[k].XPOS) && k > subj {
			return true
		}
	}
	return false
}

// strandedNominal reports a noun or name before verb v that the parser
// made v's plain oblique ("obl") without a preposition of its own.
func strandedNominal(s *doc.Sentence, kids [][]int, v int) bool {
	for _, c := range kids[v] {
		if c > v || s.Tokens[c].DepRel != "obl" {
			continue
		}
		if u := s.Tokens[c].UPOS; u != "NOUN" && u != "PROPN" {
			continue
		}
		if !HasDependent(s, kids, c, "case") {
			return true
		}
	}
	return false
}

// asyndeticConjunct reports whether verb v has a tensed verb conjoined to
// it that has no coordinating conjunction and no subject of its own, and
// no other conjunct of v has a conjunction (which would make it a list:
// "came, saw and conquered").
func asyndeticConjunct(s *doc.Sentence, kids [][]int, v int) bool {
	if s.Tokens[v].UPOS != "VERB" {
		return false
	}
	found := false
	for _, c := range kids[v] {
		if s.Tokens[c].DepRel != "conj" {
			continue
		}
		if HasDependent(s, kids, c, "cc") {
			return false
		}
		t := &s.Tokens[c]
		if t.UPOS != "VERB" || !finiteForm(t.XPOS) || t.XPOS == "MD" {
			continue
		}
		own := false
		for _, k := range kids[c] {
			switch s.Tokens[k].DepRel {
			case "nsubj", "nsubj:pass", "expl":
				own = true
			}
		}
		found = found || !own
	}
	return found
}
