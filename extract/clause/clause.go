// Package clause finds propositions in one dependency-parsed sentence, in
// the spirit of ClausIE: for every verb (and every copular predicate) it
// collects the subject, object and prepositional arguments the UD tree
// gives it, passing subjects down coordination, control (xcomp), and
// participial and relative clauses, and keeping negation, modality and
// time/place/manner circumstances as properties rather than dropping them.
//
// It works on token indices of a single sentence and knows nothing of
// entities: deciding who an argument refers to is package resolve's job,
// and turning propositions into facts is package extract's.
package clause

import (
	"strings"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/lexicon"
)

// Arg is a noun-phrase argument.
type Arg struct {
	Head int      // token index of the phrase's head
	Span doc.Span // the whole phrase
	// Core is the phrase without determiners, quantities and clauses:
	// what a node for it would be called ("senior army officers").
	Core doc.Span
	Prep string // the preposition for obl arguments ("to", "with"), else ""
	// Clause is true when the argument is a clause (a ccomp): its span
	// covers the clause, Head is the clause's verb.
	Clause bool
}

// Circumstance is a time, place or manner argument kept as context.
type Circumstance struct {
	Role string // "time", "place", "manner" or the preposition
	Span doc.Span
}

// Proposition is one predicate with its arguments.
type Proposition struct {
	Verb      int      // token index of the main predicate word
	PredSpan  doc.Span // tokens spelling the predicate (verb, particles)
	Predicate string   // "spoke", "set-off", "agreed-to-maintain", "is"
	Lemma     string   // lemma of the verb ("speak"); "be" for copulas
	Subject   *Arg
	Object    *Arg  // direct object, copular complement, or clause
	Obliques  []Arg // prepositional arguments, in sentence order
	Context   []Circumstance
	Negated   bool
	Modality  string // "will", "may", ... or ""
	Passive   bool
	Copula    bool
	// Inherited is true when the subject came from another clause
	// (coordination, control, participle) rather than the verb's own.
	Inherited bool
	// Speaker is the token heading the source a reported clause is
	// attributed to ("Merkel said that ..."), or -1.
	Speaker int
	// Embedded is true when the text does not assert the proposition: it
	// is a condition ("if X"), or the content of a noun ("no evidence that
	// X", "accused of X").
	Embedded bool
	// Reduced is true for a past participle modifying a noun ("a tank
	// founded in 2005" → tank was-founded-in 2005): the text implies the
	// proposition rather than stating it.
	Reduced bool
	// Agent is true when a passive was turned active: the subject is the
	// "by" agent and the object the passive's subject.
	Agent bool
}

// Extract returns the propositions of a parsed sentence.
func Extract(s *doc.Sentence) []Proposition {
	n := len(s.Tokens)
	if n == 0 {
		return nil
	}
	s, kids := repairReducedRelative(s)
	t := &tree{s: s, kids: kids}
	var out []Proposition
	for i := 0; i < n; i++ {
		if p, ok := t.proposition(i); ok {
			out = append(out, t.distribute(p)...)
		}
	}
	// Attribution: clauses under a speech verb are attributed to its
	// subject; so is everything in a sentence whose root is such a verb
	// with a quotation.
	question := t.question()
	for k := range out {
		out[k].Speaker = t.speakerOf(out[k].Verb)
		out[k].Embedded = question >= 0 && out[k].Verb >= question || t.embedded(out[k].Verb)
	}
	return out
}

type tree struct {
	s    *doc.Sentence
	kids [][]int
}

func (t *tree) tok(i int) *doc.Token { return &t.s.Tokens[i] }
func (t *tree) rel(i int) string     { return t.s.Tokens[i].DepRel }
func (t *tree) urel(i int) string {
	r, _, _ := strings.Cut(t.s.Tokens[i].DepRel, ":")
	return r
}
func (t *tree) head(i int) int { return t.s.Tokens[i].Head - 1 }
func (t *tree) lower(i int) string {
	return strings.ToLower(t.s.Tokens[i].Text)
}

func (t *tree) childrenWith(i int, rels ...string) []int {
	var out []int
	for _, c := range t.kids[i] {
		for _, r := range rels {
			if t.rel(c) == r {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func (t *tree) isVerb(i int) bool {
	p := t.tok(i).UPOS
	return p == "VERB" || (p == "AUX" && len(t.childrenWith(i, "nsubj", "obj")) > 0 && !t.hasCop(i)) || verbTaggedNoun(t.s, t.kids, i)
}

// verbTaggedNoun reports a word tagged a noun that heads an adverbial or
// complement clause with a subject and a subordinator ("once a storm
// moves over land" with "moves" a plural noun): in the gold trees of UD
// EWT and GUM train the only nouns with a subject and a subordinator but
// no copula are the absolute "with X in Y" (23 of 2,523 nouns with a
// subject), so the tagger misread a verb.
func verbTaggedNoun(s *doc.Sentence, kids [][]int, i int) bool {
	t := &s.Tokens[i]
	if t.UPOS != "NOUN" || (t.DepRel != "advcl" && t.DepRel != "ccomp") {
		return false
	}
	subj, mark := false, false
	for _, c := range kids[i] {
		switch s.Tokens[c].DepRel {
		case "nsubj":
			subj = true
		case "mark":
			switch strings.ToLower(s.Tokens[c].Text) {
			case "with", "without", "to":
				return false
			}
			mark = true
		case "cop", "det", "amod", "nmod:poss", "case":
			return false
		}
	}
	return subj && mark
}

func (t *tree) hasCop(i int) bool { return len(t.childrenWith(i, "cop")) > 0 }

// proposition builds the proposition headed by token i, if it heads one.
func (t *tree) proposition(i int) (Proposition, bool) {
	p := Proposition{Verb: i, Speaker: -1}
	tk := t.tok(i)
	switch {
	case t.hasCop(i) && tk.UPOS == "VERB":
		return p, false // "X is that Y will happen": Y is its own proposition
	case t.hasCop(i):
		p.Copula = true
		p.Lemma = "be"
	case t.isVerb(i) && t.nounLikeVerb(i):
		// "Israel-Palestine violent clashes escalate": a tensed verb with
		// an adjective or determiner of its own is a noun the tagger
		// misread (never so in the treebanks' gold trees).
		return p, false
	case t.isVerb(i):
		p.Lemma = strings.ToLower(tk.Lemma)
		if p.Lemma == "" || p.Lemma == "_" {
			p.Lemma = t.lower(i)
		}
	default:
		return p, false
	}
	// Verbs in xcomp are folded into their controller's proposition,
	// unless an object of the controller is their subject ("pleaded
	// with him to send X": he is to send X).
	if t.urel(i) == "xcomp" && !p.Copula && t.subject(i) < 0 {
		if h := t.head(i); h >= 0 && (t.isVerb(h) || t.hasCop(h)) && t.objectController(h, i) < 0 && !t.purposeClause(h, i) {
			return p, false
		}
	}
	// Auxiliaries: modality, negation, passive.
	verbWords := []int{}
	reduced := !p.Copula && t.reducedPassive(i)
	if reduced {
		p.Passive = true
		p.Reduced = true
	}
	for _, c := range t.kids[i] {
		switch t.rel(c) {
		case "aux":
			l := t.lower(c)
			if modal(l) {
				p.Modality = normModal(l)
			}
			if (l == "'d" || l == "’d") && t.tok(i).XPOS == "VB" {
				// "she'd draw these characters": before a bare verb "'d"
				// is "would" (before a participle, "had").
				p.Modality = "would"
			}
		case "aux:pass":
			p.Passive = true
			verbWords = append(verbWords, c)
		case "advmod":
			if negation(t.lower(c)) && !t.notOnly(c) {
				p.Negated = true
			}
			if t.particle(c) {
				verbWords = append(verbWords, c)
			}
		case "compound:prt":
			verbWords = append(verbWords, c)
		}
	}
	headline := !p.Copula && !p.Passive && (t.headlinePassive(i) || t.participleReadAsMain(i))
	if headline {
		p.Passive = true
	}
	// The predicate's head word and the chain of xcomp verbs it controls.
	verb := i
	pred := t.predWord(i, p.Copula)
	predToks := append(verbWords, i)
	for _, c := range t.kids[i] {
		if t.particle(c) {
			pred += "-" + t.lower(c)
		}
	}
	if p.Copula {
		cop := t.childrenWith(i, "cop")[0]
		pred = fullBe(t.lower(cop))
		predToks = []int{cop}
		// "has been": the perfect auxiliary stays with the copula.
		for _, c := range t.childrenWith(i, "aux") {
			if l := t.lower(c); c < cop && !modal(l) && (l == "has" || l == "have" || l == "had") {
				pred = l + "-" + pred
				predToks = append(predToks, c)
			}
		}
	} else if p.Passive {
		for _, c := range verbWords {
			if t.rel(c) == "aux:pass" {
				pred = t.lower(c) + "-" + pred
			}
		}
		// "has been described": the perfect auxiliary stays.
		for _, c := range t.childrenWith(i, "aux") {
			if l := t.lower(c); l == "has" || l == "have" || l == "had" {
				pred = l + "-" + pred
				predToks = append(predToks, c)
			}
		}
		if reduced {
			pred = t.beFor(i) + "-" + pred
		}
		if headline {
			be := "was"
			if sb := t.subject(i); sb >= 0 && (t.tok(sb).XPOS == "NNS" || t.tok(sb).XPOS == "NNPS" || t.tok(sb).UPOS == "NUM") {
				be = "were"
			}
			pred = be + "-" + pred
		}
	}
	// Follow xcomp: "agreed to maintain X" → agreed-to-maintain.
	for hop := 0; hop < 3 && !p.Copula; hop++ {
		xs := t.childrenWith(verb, "xcomp")
		if len(xs) == 0 || !t.isVerb(xs[0]) || t.subject(xs[0]) >= 0 {
			break
		}
		x := xs[0]
		objComp := t.objectComplement(verb, x)
		if objComp && causative(strings.ToLower(t.tok(verb).Lemma)) && t.rightAfterObject(verb, x) {
			// "she makes every item fit you", "we had projects going
			// on": without its complement a causative says something
			// else ("makes every item", "had projects").
			return p, false
		}
		if objComp || t.objectController(verb, x) >= 0 || t.purposeClause(verb, x) {
			break
		}
		mark := ""
		for _, c := range t.kids[x] {
			if t.rel(c) == "mark" {
				mark = t.lower(c) + "-"
				predToks = append(predToks, c)
			}
		}
		pred += "-" + mark + t.lower(x)
		predToks = append(predToks, x)
		for _, c := range t.kids[x] {
			if t.rel(c) == "compound:prt" {
				pred += "-" + t.lower(c)
				predToks = append(predToks, c)
			}
		}
		verb = x
	}
	// "wants to take over X and do Y": a verb conjoined to a controlled
	// one is controlled too (wants-to-do), not a plain statement.
	if h := t.head(i); !p.Copula && t.urel(i) == "conj" && t.subject(i) < 0 && h >= 0 && t.urel(h) == "xcomp" && t.subject(h) < 0 {
		if c := t.head(h); c >= 0 && t.isVerb(c) && t.objectController(c, h) < 0 && !t.purposeClause(c, h) {
			prefix := t.lower(c) + "-"
			for _, m := range t.childrenWith(h, "mark") {
				prefix += t.lower(m) + "-"
			}
			pred = prefix + pred
		}
	}
	p.Predicate = pred
	p.PredSpan = spanOf(predToks)

	// Subject: own, or inherited.
	if subj := t.subject(i); subj >= 0 {
		a := t.arg(subj)
		p.Subject = &a
		if t.negDet(subj) {
			p.Negated = true // "no injuries were reported": nothing was
		}
	} else if subj := t.subjectBefore(i); subj >= 0 {
		a := t.arg(subj)
		p.Subject = &a
	} else if subj := t.conjSubject(i); subj >= 0 {
		a := t.arg(subj)
		p.Subject = &a
	} else if subj, ok := t.inheritedSubject(i); ok {
		p.Subject = subj
		p.Inherited = true
	}
	// Arguments from the head and (for xcomp chains) the last verb.
	argHeads := []int{i}
	if verb != i {
		argHeads = append(argHeads, verb)
	}
	for _, v := range argHeads {
		nounVerb := verbTaggedNoun(t.s, t.kids, v)
		for _, c := range t.kids[v] {
			rel := t.rel(c)
			if rel == "nmod" && nounVerb {
				rel = "obl" // a verb tagged a noun: its phrases hang as nmod
			}
			switch rel {
			case "obj", "iobj":
				if isNominal(t.tok(c).UPOS) && t.ownCase(c) && t.prepOf(c) != "" {
					// "had visitors according to Google Analytics": a
					// nominal with its own preposition is an oblique the
					// parser mislabelled; English objects take none.
					t.addOblique(&p, c)
					continue
				}
				if t.rel(c) == "obj" && t.hasCop(c) {
					// "the decline appears to be due to changes" with
					// "changes" an object of "appears": a nominal with its
					// own copula is the predicate of a clause the parser
					// cut, not an object (1 of the 16,025 objects in the
					// gold trees of UD EWT and GUM train has one).
					p.Context = append(p.Context, Circumstance{Role: "other", Span: t.arg(c).Span})
					continue
				}
				if t.unitMeasure(c) || t.degreeObject(c) || t.directionObject(c) {
					// "would not expand one inch", "grew 5 percent", "used
					// to draw a lot": how far or how much, not what.
					p.Context = append(p.Context, Circumstance{Role: "other", Span: t.arg(c).Span})
					continue
				}
				if p.Object == nil || t.rel(c) == "obj" {
					a := t.arg(c)
					p.Object = &a
					if t.negDet(c) {
						p.Negated = true
					}
				}
			case "obl:agent", "obl":
				if t.rel(c) == "obl" && !(p.Passive && t.reducedPassive(i) && t.byAgent(c)) {
					t.addOblique(&p, c)
					continue
				}
				if t.prepOf(c) != "by" {
					// "taken to the hospital": parsers sometimes label
					// any oblique of a passive an agent; only "by" marks one.
					t.addOblique(&p, c)
					continue
				}
				if p.Passive {
					// Active voice: the agent acts on the passive subject.
					a := t.arg(c)
					if p.Subject != nil {
						obj := *p.Subject
						p.Object = &obj
					}
					p.Subject = &a
					p.Predicate = t.predWord(i, false)
					for _, w := range verbWords {
						if t.rel(w) == "compound:prt" {
							p.Predicate += "-" + t.lower(w)
						}
					}
					p.Passive = false
					p.Inherited = false
					p.Agent = true
				}
			case "obl:npmod", "obl:tmod", "obl:unmarked":
				t.addOblique(&p, c)
			case "advcl":
				// "indicated that X could Y": a clause marked by "that"
				// alone completes the verb (parsers often call it advcl).
				if p.Object == nil && t.thatClause(c) {
					a := Arg{Head: c, Span: t.clauseSpan(c), Clause: true}
					a.Core = a.Span
					p.Object = &a
				}
			case "ccomp":
				if p.Object == nil {
					a := Arg{Head: c, Span: t.clauseSpan(c), Clause: true}
					a.Core = a.Span
					p.Object = &a
				}
			case "xcomp":
				if isNominal(t.tok(c).UPOS) && t.ownCase(c) && t.prepOf(c) != "" {
					// "was turned toward Malaysia": a complement with a
					// preposition is an oblique the parser mislabelled.
					t.addOblique(&p, c)
					continue
				}
				// "became president", "grew longer": a nominal or
				// adjectival complement of the verb (verbs in xcomp are
				// folded into the predicate above).
				if p.Object == nil && !p.Copula && t.predicative(c) {
					a := t.arg(c)
					p.Object = &a
				}
			}
		}
	}
	// "buy and sell shares": a verb conjoined right before another
	// shares its object.
	if p.Object == nil && !p.Copula && len(p.Obliques) == 0 {
		for _, c := range t.kids[i] {
			if t.rel(c) == "conj" && c == i+2 && t.rel(i+1) == "cc" && t.tok(c).UPOS == "VERB" {
				if objs := t.childrenWith(c, "obj"); len(objs) > 0 {
					a := t.arg(objs[0])
					p.Object = &a
				}
			}
		}
	}
	// "'X,' said Y": the speech verb hangs on the quotation's verb; the
	// quotation is what was said.
	if p.Object == nil && !p.Copula && SpeechVerb(p.Lemma) && (t.urel(i) == "parataxis" || t.urel(i) == "ccomp") {
		if sp, ok := t.quotedBefore(i); ok {
			p.Object = &Arg{Head: t.head(i), Span: sp, Core: sp, Clause: true}
		}
	}
	// "killed as many as 10 figures": parsers often make the quantifier
	// the object and the noun an "as" oblique; the noun is the object.
	if p.Object != nil && !p.Object.Clause && quantifier(t.lower(p.Object.Head)) {
		for k, o := range p.Obliques {
			if o.Prep == "as" && o.Head > p.Object.Head {
				obj := o
				obj.Prep = ""
				obj.Span.Start = p.Object.Span.Start
				p.Object = &obj
				p.Obliques = append(p.Obliques[:k:k], p.Obliques[k+1:]...)
				break
			}
		}
	}
	if p.Copula {
		// The copula's complement is the predicate nominal/adjective: the
		// head itself, without its subject, copula and clauses.
		a := t.arg(i)
		a.Span = t.complementSpan(i)
		if v, ok := t.progressive(i); ok {
			// "are undergoing trial" read as "are [undergoing trial]":
			// the -ing word is the verb, the noun its object.
			p.Copula = false
			p.Lemma = strings.TrimSuffix(t.lower(v), "ing")
			if l := strings.ToLower(t.tok(v).Lemma); l != "" && l != "_" && !strings.HasSuffix(l, "ing") {
				p.Lemma = l
			}
			p.Predicate += "-" + t.lower(v)
			p.PredSpan = doc.Span{Start: p.PredSpan.Start, End: v + 1}
			a.Span.Start = v + 1
			a.Core.Start = max(a.Core.Start, v+1)
			p.Object = &a
			return p, p.Subject != nil
		}
		// "is in common use", "is for a decline": a prepositional
		// complement; the preposition belongs to the predicate.
		if prep := t.ownPrep(i); prep != "" && t.tok(i).UPOS != "ADJ" {
			a.Prep = prep
			for a.Span.Start < i && (t.rel(a.Span.Start) == "case" || t.rel(a.Span.Start) == "fixed") {
				a.Span.Start++
			}
			p.Predicate += "-" + prep
		}
		if c, ok := t.oneOf(i); ok && a.Prep == "" {
			// "Paris is one of the largest cities": membership in a
			// class; the class is the object ("is-one-of cities"),
			// the phrase as written its span.
			sp := a.Span
			a = t.arg(c)
			a.Span = sp
			p.Predicate += "-one-of"
		}
		p.Object = &a
	}
	return p, p.Subject != nil
}

// oneOf reports a predicate nominal "one of the Ys" (or "among"-less
// "one of Ys"): the word "one" with an "of" phrase on a plural noun,
// which it returns.
func (t *tree) oneOf(i int) (int, bool) {
	if !strings.EqualFold(t.tok(i).Text, "one") {
		return 0, false
	}
	for _, c := range t.kids[i] {
		if t.urel(c) == "nmod" && c > i && t.prepOf(c) == "of" {
			if x := t.tok(c).XPOS; x == "NNS" || x == "NNPS" {
				return c, true
			}
		}
	}
	return 0, false
}

// distribute copies a proposition for each conjunct of its subject and
// object: "Chile and Peru signed X and Y" gives four propositions.
func (t *tree) distribute(p Proposition) []Proposition {
	subjs := []*Arg{p.Subject}
	if p.Subject != nil && !p.Inherited {
		for _, c := range t.conjuncts(p.Subject.Head) {
			a := t.arg(c)
			subjs = append(subjs, &a)
		}
	}
	objs := []*Arg{p.Object}
	if p.Object != nil && !p.Object.Clause && !p.Copula {
		for _, c := range t.conjuncts(p.Object.Head) {
			a := t.arg(c)
			objs = append(objs, &a)
		}
	}
	out := make([]Proposition, 0, len(subjs)*len(objs))
	for _, s := range subjs {
		for _, o := range objs {
			q := p
			q.Subject, q.Object = s, o
			out = append(out, q)
		}
	}
	return out
}

// conjuncts returns the nominal conjuncts of h ("X and Y" → [Y]); of a
// partitive head, also those of what it quantifies ("a number of
// conferences and roadshows" → [roadshows]).
func (t *tree) conjuncts(h int) []int {
	var out []int
	kids := t.kids[h]
	if x, ok := t.partitive(h); ok {
		kids = append(kids[:len(kids):len(kids)], t.kids[x]...)
	}
	for _, c := range kids {
		// A conjunct with a preposition of its own ("attacks by Oxfam,
		// including against Geneva") is no co-argument.
		if t.rel(c) == "conj" && isNominal(t.tok(c).UPOS) && (len(t.childrenWith(c, "case")) == 0 || len(t.childrenWith(h, "case")) > 0) {
			if t.otherCategory(c) {
				continue // "Greenpeace and other groups": a category, not a second argument
			}
			if t.parenthesised(c) {
				continue // "Athens (Greek: Athina)": another name in brackets, not a second argument
			}
			out = append(out, c)
			if len(out) == 4 {
				break
			}
		}
	}
	return out
}

// parenthesised reports a conjunct that opens with a bracket and has
// no coordinating conjunction: a parenthesis the parser joined as a
// conjunct.
func (t *tree) parenthesised(c int) bool {
	if len(t.childrenWith(c, "cc")) > 0 {
		return false
	}
	for _, k := range t.childrenWith(c, "punct") {
		if k < c && (t.tok(k).Text == "(" || t.tok(k).Text == "[") {
			return true
		}
	}
	return false
}

// otherCategory reports a conjunct "other Ys" / "similar Ys" that names
// the class the first conjunct belongs to.
func (t *tree) otherCategory(c int) bool {
	for _, k := range t.childrenWith(c, "amod", "det") {
		switch t.lower(k) {
		case "other", "similar", "such":
			return true
		}
	}
	return false
}

// predWord is the surface form of the predicate word, turned into the
// simple past when the verb is a bare participle (killing → killed) so
// that predicates read like statements.
func (t *tree) predWord(i int, copula bool) string {
	tk := t.tok(i)
	w := strings.ToLower(tk.Text)
	if copula {
		return w
	}
	if tk.XPOS == "VBG" && len(t.childrenWith(i, "aux", "aux:pass")) == 0 && (t.urel(i) == "advcl" || t.urel(i) == "acl" || t.urel(i) == "conj") {
		if l := strings.ToLower(tk.Lemma); l != "" && l != "_" {
			return lexicon.Past(l)
		}
	}
	return w
}

func (t *tree) subject(i int) int {
	for _, c := range t.kids[i] {
		switch t.rel(c) {
		case "nsubj", "nsubj:pass", "csubj", "nsubj:outer":
			return c
		}
	}
	return -1
}

// inheritedSubject finds the subject a subjectless verb shares with
// another clause: a conjoined verb's first conjunct, a controlling verb
// (xcomp), the clause a participle modifies (advcl/acl of a verb), or the
// noun a relative or participial clause modifies.
func (t *tree) inheritedSubject(i int) (*Arg, bool) {
	seen := 0
	for cur := i; seen < 6; seen++ {
		h := t.head(cur)
		if h < 0 {
			return nil, false
		}
		switch t.urel(cur) {
		case "conj", "xcomp":
			if t.urel(cur) == "xcomp" {
				if o := t.objectController(h, cur); o >= 0 {
					a := t.arg(o)
					return &a, true
				}
			}
			if s := t.subject(h); s >= 0 {
				a := t.arg(s)
				return &a, true
			}
			cur = h
			continue
		case "advcl":
			tk := t.tok(cur)
			if tk.XPOS != "VBG" && tk.XPOS != "VBN" && tk.XPOS != "VB" {
				return nil, false
			}
			for _, a := range t.childrenWith(cur, "aux", "aux:pass") {
				if finiteForm(t.tok(a).XPOS) {
					// "revealed [that] many are not getting enough": a
					// tensed clause has a subject of its own; without
					// one the parse has lost it, and the main clause's
					// subject would be a guess.
					return nil, false
				}
			}
			if prepositionalParticiple(strings.ToLower(tk.Lemma)) && len(t.childrenWith(cur, "mark")) == 0 {
				// "Given the costs, the plan is necessary": the participle
				// works as a preposition; the plan gives nothing.
				return nil, false
			}
			if t.hasMark(cur, "for") && len(t.childrenWith(h, "obj")) > 0 {
				// "thanked the firefighters for saving the house": who
				// saved it is the object as often as the subject ("used
				// the money for buying food"); no guess is made.
				return nil, false
			}
			if s := t.subject(h); s >= 0 {
				a := t.arg(s)
				return &a, true
			}
			cur = h
			continue
		case "acl":
			// "showed signs of backing down": a clause complementing an
			// object noun shares the subject of the noun's verb.
			if len(t.childrenWith(cur, "mark")) > 0 {
				if t.urel(h) == "obj" {
					if v := t.head(h); v >= 0 {
						if s := t.subject(v); s >= 0 {
							a := t.arg(s)
							return &a, true
						}
					}
				}
				return nil, false
			}
			// "towers housing facilities": the modified noun is the
			// subject; "a tank founded in 2005": the noun is what the
			// passive participle says was done to.
			if (t.tok(cur).XPOS == "VBG" || t.reducedPassive(cur)) && isNominal(t.tok(h).UPOS) && t.tok(h).UPOS != "PRON" {
				// "X is a tank founded in 2005": on a predicate nominal,
				// the participle describes the copula's subject, X.
				if t.hasCop(h) {
					if s := t.subject(h); s >= 0 && !wh(t.tok(s).XPOS) && t.rel(s) != "expl" {
						a := t.arg(s)
						return &a, true
					}
				}
				a := t.arg(h)
				// The noun without participle clauses: "the case
				// [reviewed by a court]" is the case.
				for _, c := range t.childrenWith(h, "acl") {
					if x := t.tok(c).XPOS; x != "VBN" && x != "VBG" {
						continue
					}
					if lo, _ := t.extent(c, 50, func(int, int) bool { return true }); lo > h && a.Span.End > lo {
						a.Span.End = lo
						for a.Span.End > a.Span.Start+1 && t.tok(a.Span.End-1).UPOS == "PUNCT" {
							a.Span.End--
						}
					}
				}
				return &a, true
			}
			return nil, false
		}
		return nil, false
	}
	return nil, false
}

// reducedPassive reports whether verb i is a past participle modifying
// a noun without auxiliaries: "a think tank founded in 2005".
func (t *tree) reducedPassive(i int) bool {
	tk := t.tok(i)
	return t.rel(i) == "acl" && tk.XPOS == "VBN" && tk.UPOS == "VERB" &&
		len(t.childrenWith(i, "aux", "aux:pass", "nsubj", "nsubj:pass", "mark", "obj")) == 0
}

// participleReadAsMain reports a verb in "-ed" with a subject but no
// auxiliary or object that is followed by a tensed clause the parser
// left without subject or conjunction ("Iodine released from these
// chemicals into milk has been the major source", "The results of the
// study published in the journal this week, revealed"): the risk
// factors orphanClause and asyndeticConjunct explain why the verb is
// most often a participle on its subject, and a past participle on a
// noun without an object is passive: the noun is what was released or
// published.
func (t *tree) participleReadAsMain(i int) bool {
	tk := t.tok(i)
	if tk.UPOS != "VERB" || !strings.HasSuffix(strings.ToLower(tk.Text), "ed") || (tk.XPOS != "VBD" && tk.XPOS != "VBN") {
		return false
	}
	if Intransitive(strings.ToLower(tk.Lemma)) {
		return false
	}
	if len(t.childrenWith(i, "aux", "aux:pass", "cop", "obj", "iobj", "ccomp", "xcomp", "expl")) > 0 || len(t.childrenWith(i, "nsubj")) == 0 {
		return false
	}
	return orphanClause(t.s, t.kids, i) || asyndeticConjunct(t.s, t.kids, i)
}

// headlinePassive reports a headline's main verb that is a past
// participle with a subject, no auxiliary and no object: headlines drop
// "be" and tell past events in the present tense, so "Asylum seekers
// rescued off coast" and "107 killed in collapse" are passives. A
// regular past form counts (the tagger cannot tell it from the
// participle); an irregular one only when tagged a participle, and not
// verbs the treebanks almost never give an object ("hundreds died").
func (t *tree) headlinePassive(i int) bool {
	tk := t.tok(i)
	if t.rel(i) != "root" || tk.UPOS != "VERB" || !heading(t.s) {
		return false
	}
	switch {
	case tk.XPOS == "VBN":
	case tk.XPOS == "VBD" && strings.HasSuffix(strings.ToLower(tk.Text), "ed"):
	default:
		return false
	}
	if Intransitive(strings.ToLower(tk.Lemma)) {
		return false
	}
	if len(t.childrenWith(i, "aux", "aux:pass", "cop", "obj", "iobj", "ccomp", "xcomp", "expl")) > 0 {
		return false
	}
	return len(t.childrenWith(i, "nsubj", "nsubj:pass")) > 0
}

// beFor is the form of "be" a reduced passive i stands for: past when the
// clause around its noun is in the past, plural when the noun is.
func (t *tree) beFor(i int) string {
	n := t.head(i)
	plural := n >= 0 && (t.tok(n).XPOS == "NNS" || t.tok(n).XPOS == "NNPS")
	past := false
	for v, hops := n, 0; v >= 0 && hops < 8; v, hops = t.head(v), hops+1 {
		if tk := t.tok(v); tk.UPOS == "VERB" || tk.UPOS == "AUX" || t.hasCop(v) {
			past = tk.XPOS == "VBD"
			for _, c := range t.childrenWith(v, "aux", "aux:pass", "cop") {
				x := t.tok(c).XPOS
				past = x == "VBD"
				if x == "MD" || x == "VBZ" || x == "VBP" {
					break
				}
			}
			break
		}
	}
	switch {
	case past && plural:
		return "were"
	case past:
		return "was"
	case plural:
		return "are"
	}
	return "is"
}

// ownPrep returns the case marker(s) among h's own dependents before it
// ("is [in] common use"), multiword ones joined ("because-of").
func (t *tree) ownPrep(h int) string {
	var words []string
	for _, c := range t.kids[h] {
		if c > h {
			break
		}
		if t.rel(c) == "case" {
			words = append(words[:0], t.lower(c))
			for _, f := range t.kids[c] {
				if t.rel(f) == "fixed" {
					words = append(words, t.lower(f))
				}
			}
		}
	}
	return strings.Join(words, "-")
}

// conjSubject finds, for a subjectless conjoined verb i, a noun phrase
// standing between the conjunction and the verb that the parser attached
// elsewhere: "X developed eczema and [the parents] were advised" — the
// parents are the subject, not X.
func (t *tree) conjSubject(i int) int {
	if t.urel(i) != "conj" {
		return -1
	}
	k := i - 1
	for k >= 0 && t.head(k) == i {
		switch t.rel(k) {
		case "aux", "aux:pass", "advmod":
			k--
			continue
		}
		break
	}
	if k < 0 || t.head(k) == i || !isNominal(t.tok(k).UPOS) || wh(t.tok(k).XPOS) {
		return -1
	}
	if sp := t.phraseSpan(k); sp.End != k+1 || sp.Start == 0 {
		return -1
	} else if b := t.tok(sp.Start - 1); b.UPOS != "CCONJ" && b.Text != "," && b.Text != ";" {
		return -1
	}
	return k
}

// progressive reports whether copular noun h is really the object of a
// progressive verb the tagger took for an adjective: "are [undergoing]
// trial" — an -ing modifier right after the copula.
func (t *tree) progressive(h int) (int, bool) {
	if t.tok(h).UPOS != "NOUN" {
		return 0, false
	}
	cops := t.childrenWith(h, "cop")
	if len(cops) == 0 {
		return 0, false
	}
	v := cops[0] + 1
	if v >= h || t.head(v) != h || t.rel(v) != "amod" || !strings.HasSuffix(t.lower(v), "ing") || len(t.lower(v)) < 6 {
		return 0, false
	}
	if x := t.tok(v).XPOS; x != "JJ" && x != "VBG" && x != "NN" {
		return 0, false
	}
	// A bare singular noun ("trial", not "an interesting trial" or
	// "interesting people"), and not one of the -ing words English uses
	// as adjectives.
	if t.tok(h).XPOS != "NN" || len(t.childrenWith(h, "det", "nmod:poss", "nummod")) > 0 || ingAdjectives[t.lower(v)] {
		return 0, false
	}
	return v, true
}

// ingAdjectives are -ing words that are adjectives before a noun.
var ingAdjectives = map[string]bool{
	"interesting": true, "amazing": true, "exciting": true, "boring": true, "surprising": true, "annoying": true,
	"fascinating": true, "disappointing": true, "frightening": true, "shocking": true, "terrifying": true,
	"stunning": true, "striking": true, "confusing": true, "tiring": true, "pleasing": true, "charming": true,
	"alarming": true, "worrying": true, "encouraging": true, "promising": true, "compelling": true,
	"convincing": true, "outstanding": true, "leading": true, "growing": true, "increasing": true,
	"decreasing": true, "existing": true, "remaining": true, "following": true, "missing": true, "loving": true,
	"caring": true, "living": true, "working": true, "ongoing": true, "upcoming": true, "incoming": true,
	"outgoing": true, "willing": true, "daring": true, "moving": true, "touching": true, "thrilling": true,
	"rewarding": true, "demanding": true, "challenging": true, "refreshing": true, "relaxing": true,
	"inspiring": true, "embarrassing": true, "depressing": true, "devastating": true, "overwhelming": true,
	"astonishing": true, "intriguing": true, "appealing": true, "entertaining": true, "misleading": true,
	"damaging": true, "threatening": true, "lasting": true, "standing": true, "ruling": true, "governing": true,
	"presiding": true, "trading": true, "boiling": true, "freezing": true, "rising": true, "falling": true,
	"emerging": true, "booming": true, "thriving": true, "flourishing": true, "gripping": true, "satisfying": true,
}

// objectController returns the object of verb v that is the subject of
// its infinitival complement x ("asked [him] to leave", "pleaded with
// [him] to send"), or -1: a nominal obj or iobj, or a "with" oblique,
// before x. "promise" keeps its subject as controller.
func (t *tree) objectController(v, x int) int {
	if strings.ToLower(t.tok(v).Lemma) == "promise" || len(t.childrenWith(x, "mark")) == 0 {
		return -1
	}
	for _, c := range t.kids[v] {
		if c >= x || !isNominal(t.tok(c).UPOS) || wh(t.tok(c).XPOS) {
			continue
		}
		switch t.rel(c) {
		case "obj", "iobj":
			return c
		case "obl":
			if t.prepOf(c) == "with" {
				return c
			}
		}
	}
	return -1
}

// purposeClause reports whether x, a verb the parser put in xcomp of v
// with "to", follows an oblique of v whose preposition v often takes
// (ArgumentPrep: "turned to"), and v's "to" clauses after an argument are
// more often adverbials of purpose than complements in the treebanks'
// training trees (PurposeAfterArgument): "turned to Whitman to find
// comfort" is no "turned-to-find". Such a clause is its own proposition
// with v's subject. After a circumstance the clause may still complete
// the verb ("would have to wait until 2000 to play"); "for X to pay"
// names who pays; after an object, or a "with" oblique, objectController
// decides ("took players to investigate": the players do).
func (t *tree) purposeClause(v, x int) bool {
	if !t.isVerb(v) || !t.hasMark(x, "to") {
		return false
	}
	l := strings.ToLower(t.tok(v).Lemma)
	if !PurposeAfterArgument(l) {
		return false
	}
	arg := false
	for _, c := range t.kids[v] {
		if c <= v || c >= x {
			continue
		}
		if t.rel(c) != "obl" {
			continue
		}
		if p := t.prepOf(c); p == "for" {
			return false
		} else if ArgumentPrep(l, p) {
			arg = true
		}
	}
	return arg
}

// objectComplement reports whether x, a verb in xcomp of v without "to",
// follows an object of v and says what that object does or undergoes
// ("helped her show it", "had projects going on", "had their photo
// taken"): of the 949 bare verbal xcomps in the gold trees of UD EWT
// and GUM train, 609 follow an object of their verb, and in all but one
// or two ("spend a minute concentrating") the object is the
// complement's subject. A predicate chained through such a complement
// gives the subject the object's act: with the complement's own object
// or oblique it also loses v's ("helped-leave the organization" for
// "helped him leave the organization"), and a participle reads as the
// subject's own act ("had-taken their photo", "had-going-on"). A bare
// infinitive without an object or oblique of its own stays chained,
// the object kept ("makes-look him" for "makes him look weak").
func (t *tree) objectComplement(v, x int) bool {
	if len(t.childrenWith(x, "mark")) > 0 {
		return false
	}
	obj := false
	for _, c := range t.kids[v] {
		if c < x && (t.rel(c) == "obj" || t.rel(c) == "iobj") {
			obj = true
		}
	}
	if !obj {
		return false
	}
	if x := t.tok(x).XPOS; x == "VBG" || x == "VBN" {
		return true
	}
	return len(t.childrenWith(x, "obj", "iobj", "ccomp", "obl")) > 0
}

// rightAfterObject reports whether x comes right after the phrase of an
// object of v ("makes [every item] fit"), or right after v when the
// object is a relative pronoun before it ("that we had going on"), not
// after other words ("making this move to counter X using Y").
func (t *tree) rightAfterObject(v, x int) bool {
	for _, c := range t.kids[v] {
		if c >= x || (t.rel(c) != "obj" && t.rel(c) != "iobj") {
			continue
		}
		if c < v && x == v+1 {
			return true // "the projects that we had going on"
		}
		if _, end := t.extent(c, len(t.s.Tokens), func(int, int) bool { return true }); end+1 == x {
			return true
		}
	}
	return false
}

// causative reports verbs whose object complement carries their meaning
// ("make X leave", "let X go", "have X taken", "get X fixed"): 256 + 77
// + 83 + 57 of the 609 bare verbal complements after an object in the
// gold trees of UD EWT and GUM train are theirs.
func causative(lemma string) bool {
	switch lemma {
	case "make", "let", "have", "get":
		return true
	}
	return false
}

// particle reports whether c is a verb particle: labelled so, or a
// particle-tagged adverb right after its verb ("came [up] with").
func (t *tree) particle(c int) bool {
	if t.rel(c) == "compound:prt" {
		return true
	}
	h := t.head(c)
	if t.rel(c) != "advmod" || h < 0 || c <= h {
		return false
	}
	if t.tok(c).XPOS == "RP" && c <= h+2 {
		return true
	}
	// "came [up] with a story" with "up" tagged an adverb: right after
	// its verb and before the preposition of the verb's oblique, "up" is
	// a particle in 107 of 124 such places in the gold trees of UD EWT
	// and GUM train (come up with, end up with, keep up with); so are
	// "off" (18 of 19: "took off from"), "down" (23 of 28: "cut down
	// on") and "out" (56 of 78: "ran out of", "came out against"), not
	// "away" (2 of 18: "walked away from" keeps an adverb).
	if c == h+1 && particleWord(t.lower(c)) && c+1 < len(t.s.Tokens) && t.rel(c+1) == "case" {
		if o := t.head(c + 1); o >= 0 && t.head(o) == h && t.urel(o) == "obl" {
			return true
		}
	}
	return false
}

// particleWord reports the adverbs that, between a verb and its
// oblique's preposition, the treebanks mostly mark as particles.
func particleWord(w string) bool {
	switch w {
	case "up", "out", "down", "off":
		return true
	}
	return false
}

// predicative reports whether xcomp c is a nominal or adjectival
// complement (not a clause of its own).
func (t *tree) predicative(c int) bool {
	switch t.tok(c).UPOS {
	case "NOUN", "PROPN", "ADJ", "NUM":
	default:
		return false
	}
	return len(t.childrenWith(c, "cop", "mark", "nsubj", "aux")) == 0
}

// quotedBefore returns the span of the clause a parenthetical speech verb
// i follows ("'…,' said Y"): the head clause up to i's own words.
func (t *tree) quotedBefore(i int) (doc.Span, bool) {
	h := t.head(i)
	if h < 0 || h > i {
		return doc.Span{}, false
	}
	switch t.tok(h).UPOS {
	case "VERB", "AUX", "ADJ", "NOUN", "PROPN":
	default:
		return doc.Span{}, false
	}
	ilo, _ := t.extent(i, 80, func(int, int) bool { return true })
	lo, _ := t.extent(h, 80, func(int, int) bool { return true })
	hi := ilo - 1
	lo, hi = t.trimPunct(lo, hi)
	if hi <= lo {
		return doc.Span{}, false
	}
	return doc.Span{Start: lo, End: hi + 1}, true
}

// thatClause reports whether clause c is introduced by "that" alone (no
// other subordinator such as "so that" or "now that").
func (t *tree) thatClause(c int) bool {
	marks := t.childrenWith(c, "mark")
	if len(marks) != 1 || t.lower(marks[0]) != "that" || marks[0] > c {
		return false
	}
	if m := marks[0]; m > 0 && (t.lower(m-1) == "so" || t.lower(m-1) == "such" || t.lower(m-1) == "now") {
		return false
	}
	return len(t.childrenWith(c, "nsubj", "nsubj:pass", "expl")) > 0
}

// relativeSubject replaces a relative pronoun subject ("that", "which",
// "who") with the noun the relative clause modifies.
func (t *tree) resolveRelative(a Arg) Arg {
	tk := t.tok(a.Head)
	if tk.XPOS != "WDT" && tk.XPOS != "WP" && !(tk.XPOS == "IN" && t.lower(a.Head) == "that") && t.lower(a.Head) != "that" {
		return a
	}
	v := t.head(a.Head)
	if v >= 0 && t.rel(v) == "acl:relcl" {
		if n := t.head(v); n >= 0 {
			// "X is a form of Y which treats Z": the relative clause on
			// a predicate nominal describes the copula's subject, X.
			if t.hasCop(n) && !t.isVerb(n) {
				if s := t.subject(n); s >= 0 && s != a.Head && !wh(t.tok(s).XPOS) && t.rel(s) != "expl" {
					return t.arg(s)
				}
			}
			if m := t.appositionAnchor(n); m >= 0 {
				return t.arg(m)
			}
			return t.arg(n)
		}
	}
	if n := t.strandedRelative(a.Head); n >= 0 {
		return t.arg(n)
	}
	return a
}

// appositionAnchor returns the noun that nominal n renames when n is a
// description in apposition ("homeopathy, a form of medicine that has
// been described as X": the relative clause on "a form" describes
// homeopathy, which the fact should name), or -1. n must be a common
// noun with "a", "an" or "the" right after a comma. Besides a node
// labelled appos, it takes a plain oblique without a preposition: 15 of
// the 12,390 nominal "obl" in the gold trees of UD EWT and GUM train
// lack one (bare nominals are obl:unmarked or obl:tmod), so in parsed
// text such a node is most often an apposition the parser hung on the
// verb.
func (t *tree) appositionAnchor(n int) int {
	// A description set off by a comma: "X, a Y" or "X, the Y", not a
	// name ("arranger James Mack who ...") nor a list the parser read as
	// apposition ("..., and the Z flag, which ...").
	if t.tok(n).UPOS != "NOUN" || len(t.childrenWith(n, "cc")) > 0 {
		return -1
	}
	first := n
	for _, c := range t.kids[n] {
		if c < first && t.rel(c) != "punct" {
			first = c
		}
	}
	if first < 2 || t.lower(first-1) != "," || t.rel(first) != "det" {
		return -1
	}
	switch t.lower(first) {
	case "a", "an", "the":
	default:
		return -1
	}
	switch t.rel(n) {
	case "appos":
		if h := t.head(n); h >= 0 && h < n && (t.tok(h).UPOS == "NOUN" || t.tok(h).UPOS == "PROPN") && t.rel(h) != "appos" && len(t.childrenWith(h, "cc")) == 0 {
			return h
		}
	case "obl":
		if m := first - 2; len(t.childrenWith(n, "case", "mark")) == 0 && (t.tok(m).UPOS == "NOUN" || t.tok(m).UPOS == "PROPN") && t.head(m) != n && t.rel(m) != "appos" {
			return m
		}
	}
	return -1
}

// strandedRelative returns the antecedent of a subject "who" or "which"
// that follows a comma but whose clause the parser did not attach as a
// relative clause ("There's Jeff, who is behind the camera" with "is
// behind the camera" conjoined to "'s"): the noun or name just before the
// comma, through a bracketed apposition or a flat name. -1 if none.
func (t *tree) strandedRelative(w int) int {
	if l := t.lower(w); l != "who" && l != "which" || !strings.HasPrefix(t.rel(w), "nsubj") {
		return -1
	}
	if v := t.head(w); v < 0 || t.rel(v) == "acl:relcl" || v < w {
		return -1
	}
	k := w - 1
	if k < 1 || t.lower(k) != "," {
		return -1
	}
	k--
	for k >= 0 && (t.lower(k) == "]" || t.lower(k) == ")") {
		k--
	}
	if k < 0 {
		return -1
	}
	if u := t.tok(k).UPOS; u != "NOUN" && u != "PROPN" {
		return -1
	}
	for hop := 0; hop < 4; hop++ {
		switch t.rel(k) {
		case "flat", "flat:name", "compound", "appos":
			if h := t.head(k); h >= 0 && h < k {
				k = h
				continue
			}
		}
		break
	}
	// The verb must agree with the noun in number; "which" may stand for
	// a whole clause ("they have bad teachers, which is a problem"), so
	// it needs a tensed verb that shows the agreement.
	number := ""
	v := t.head(w)
	for _, c := range append([]int{v}, t.childrenWith(v, "aux", "aux:pass", "cop")...) {
		switch t.tok(c).XPOS {
		case "VBZ":
			number = "sg"
		case "VBP":
			number = "pl"
		}
	}
	plural := t.tok(k).XPOS == "NNS" || t.tok(k).XPOS == "NNPS"
	switch {
	case number == "" && t.lower(w) == "which":
		return -1
	case number == "sg" && plural, number == "pl" && !plural:
		return -1
	}
	return k
}

func (t *tree) addOblique(p *Proposition, c int) {
	prep := t.prepOf(c)
	if t.subordinateSubject(c) {
		return // "as Chile launched …": Chile is the next verb's subject
	}
	a := t.arg(c)
	a.Prep = prep
	switch {
	case len(t.childrenWith(c, "nsubj", "nsubj:pass")) > 0:
		// "came from India, where homeopathy is in common use": a
		// nominal with its own subject is a clause the parser hung
		// here, not an argument of the verb.
		p.Context = append(p.Context, Circumstance{Role: "other", Span: a.Span})
	case t.rel(c) == "obl:tmod" || t.isTime(c):
		p.Context = append(p.Context, Circumstance{Role: "time", Span: t.contextSpan(p, c)})
	case prep == "by" && t.tok(c).UPOS == "NOUN" && len(t.childrenWith(c, "det", "nmod:poss")) == 0 && !p.Passive:
		// "travelled by car": the means; on a passive ("driven by warm
		// waters") "by" names the agent.
		p.Context = append(p.Context, Circumstance{Role: "manner", Span: t.contextSpan(p, c)})
	case prep == "on" && strings.EqualFold(t.tok(c).Lemma, "basis"):
		// "require it on a daily basis", "performed on a project basis":
		// how often or how, never what (all 19 "on ... basis" obliques
		// in the gold trees of UD EWT and GUM train).
		p.Context = append(p.Context, Circumstance{Role: "manner", Span: t.contextSpan(p, c)})
	case prep == "" && p.Object == nil && isNominal(t.tok(c).UPOS) && t.tok(c).UPOS != "NUM" && c > p.Verb && !t.measure(c):
		// A bare nominal right after the verb is its object, whatever
		// the parser called it ("thanked Chancellor Merkel").
		a.Prep = ""
		p.Object = &a
	case prep == "":
		p.Context = append(p.Context, Circumstance{Role: "other", Span: a.Span})
	default:
		p.Obliques = append(p.Obliques, a)
	}
}

// contextSpan returns a time or manner phrase's span. Such phrases ("by
// telephone", "on Wednesday") rarely take prepositional modifiers, so a
// prepositional nmod the parser hung on them ("by telephone [with
// Merkel]") is moved to the verb as an oblique of its own.
func (t *tree) contextSpan(p *Proposition, c int) doc.Span {
	sp := t.arg(c).Span
	for _, k := range t.kids[c] {
		if t.urel(k) != "nmod" || k < c {
			continue
		}
		prep := t.prepOf(k)
		if prep == "" || prep == "of" {
			continue
		}
		a := t.arg(k)
		a.Prep = prep
		p.Obliques = append(p.Obliques, a)
		if sp.End > k {
			sp.End = k
			for sp.End > sp.Start+1 && (t.rel(sp.End-1) == "case" || t.tok(sp.End-1).UPOS == "PUNCT") {
				sp.End--
			}
		}
	}
	return sp
}

// subordinators are words that introduce clauses but that parsers often
// read as prepositions before the clause's subject ("as Chile launched").
var subordinators = map[string]bool{"as": true, "after": true, "before": true, "since": true, "until": true, "while": true, "because": true, "once": true, "when": true}

// subordinateSubject reports whether oblique c is really the subject of a
// subjectless verb that follows it directly: "[as Chile] launched".
func (t *tree) subordinateSubject(c int) bool {
	if !subordinators[t.prepOf(c)] {
		return false
	}
	_, hi := t.extent(c, 20, func(int, int) bool { return true })
	v := hi + 1
	return v < len(t.s.Tokens) && t.tok(v).UPOS == "VERB" && t.subject(v) < 0
}

// subjectBefore finds, for a subjectless verb v, a nominal just before it
// that the parser took as an oblique of another verb ("as Chile launched").
func (t *tree) subjectBefore(v int) int {
	if v == 0 {
		return -1
	}
	for c := v - 1; c >= 0 && c >= v-6; c-- {
		if t.urel(c) == "obl" && t.subordinateSubject(c) {
			_, hi := t.extent(c, 20, func(int, int) bool { return true })
			if hi+1 == v {
				return c
			}
		}
	}
	return -1
}

// prepOf returns the preposition(s) marking an oblique or nominal
// modifier, multiword ones joined ("according-to"). The case marker is
// the phrase's first word; in GUM-style trees it may hang on a dependent
// ("to [Prime Minister]nmod:desc Macron"), so the leftmost words of
// the whole phrase are read, not only c's own children.
func (t *tree) prepOf(c int) string {
	lo := c
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if depth > 30 {
			return
		}
		for _, k := range t.kids[i] {
			if k < c && t.rel(k) != "acl:relcl" && t.rel(k) != "punct" {
				lo = min(lo, k)
				walk(k, depth+1)
			}
		}
	}
	walk(c, 0)
	var words []string
	for k := lo; k < c; k++ {
		if len(words) == 0 && t.inMeasure(k, c) {
			continue // "ten days before the beginning": the measure precedes the preposition
		}
		switch rel := t.rel(k); {
		case rel == "case":
			words = append(words, t.lower(k))
		case rel == "mark" && t.lower(k) == "to" && isNominal(t.tok(c).UPOS) && t.tok(c).UPOS != "PRON" && !t.hasCop(c):
			// "went off to college" with "to" tagged an infinitive
			// marker: a noun takes no infinitive, so it is the
			// preposition (unless a copula follows it: "appears to be
			// due to changes").
			words = append(words, "to")
		case rel == "fixed":
			if len(words) > 0 {
				words = append(words, t.lower(k))
			}
		default:
			if len(words) > 0 || t.urel(k) != "advmod" {
				return strings.Join(words, "-")
			}
		}
	}
	return strings.Join(words, "-")
}

// inMeasure reports whether token k lies in a measure phrase of nominal c
// ("ten days" in "ten days before the beginning", "two miles" in "two
// miles from the coast"): a subtree under c whose top is an unmarked
// nominal modifier.
func (t *tree) inMeasure(k, c int) bool {
	for a, hops := k, 0; a >= 0 && hops < 30; a, hops = t.head(a), hops+1 {
		if t.head(a) == c {
			switch t.rel(a) {
			case "obl:unmarked", "obl:npmod", "nmod:npmod", "nmod:unmarked", "obl:tmod", "nmod:tmod":
				return true
			}
			return false
		}
	}
	return false
}

var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"today": true, "yesterday": true, "tomorrow": true, "tonight": true,
	"day": true, "days": true, "night": true, "nights": true, "morning": true, "afternoon": true, "evening": true,
	"week": true, "weeks": true, "month": true, "months": true, "year": true, "years": true, "weekend": true,
	"hour": true, "hours": true, "minute": true, "minutes": true, "decade": true, "decades": true, "century": true,
	"time": true, "moment": true, "period": true, "season": true, "age": true, "while": true, "spring": true, "summer": true, "autumn": true, "winter": true,
}

// IsTime reports whether token c of s is a time word ("year", "Monday",
// "2003") or a name the recogniser typed as a time.
func IsTime(s *doc.Sentence, c int) bool {
	return (&tree{s: s}).isTime(c)
}

func (t *tree) isTime(c int) bool {
	if timeWords[t.lower(c)] {
		return true
	}
	tk := t.tok(c)
	if tk.UPOS == "NUM" && len(tk.Text) == 4 && (strings.HasPrefix(tk.Text, "19") || strings.HasPrefix(tk.Text, "20")) {
		return true
	}
	return strings.HasSuffix(t.tok(c).Ent, "TIME")
}

// byAgent reports whether c, a plain oblique of a passive participle, is
// its agent all the same: a "by" phrase naming someone or something, not
// a time ("an infection caused by severe eczema", not "by the end of the
// year"). Only participles use it: a finite passive keeps its voice.
func (t *tree) byAgent(c int) bool {
	if t.prepOf(c) != "by" || t.isTime(c) {
		return false
	}
	switch tk := t.tok(c); tk.UPOS {
	case "NOUN", "PROPN", "PRON":
		switch strings.ToLower(tk.Lemma) {
		case "end", "beginning", "start", "close", "middle", "way", "far", "percent", "margin":
			return false // "by the end of May", "by far", "by 5 percent"
		}
		return true
	}
	return false
}

// negDet reports a "no" determiner on an object ("showed no signs").
func (t *tree) negDet(c int) bool {
	for _, k := range t.kids[c] {
		if t.rel(k) == "det" && (t.lower(k) == "no") {
			return true
		}
	}
	return false
}

// arg builds the argument headed by token h.
func (t *tree) arg(h int) Arg {
	a := Arg{Head: h, Span: t.phraseSpan(h), Prep: ""}
	a = t.resolveRelativeArg(a)
	a.Core = t.coreSpan(a.Head)
	return a
}

func (t *tree) resolveRelativeArg(a Arg) Arg {
	r := t.resolveRelative(a)
	if r.Head != a.Head {
		return Arg{Head: r.Head, Span: t.phraseSpan(r.Head)}
	}
	return a
}

// excluded lists the dependents that are not part of a noun phrase's
// text: clauses, coordination, appositions and punctuation.
func excludedFromPhrase(rel string) bool {
	switch rel {
	case "acl:relcl", "appos", "conj", "cc", "punct", "advcl", "parataxis", "dep", "discourse", "vocative", "reparandum", "list", "orphan", "case", "mark":
		return true
	}
	return false
}

// clauseFrame lists the dependents a predicate nominal has as the head
// of its clause (its subject, copula, auxiliaries): not part of the noun
// phrase when the nominal is an argument of another predicate.
func clauseFrame(rel string) bool {
	switch rel {
	case "nsubj", "nsubj:pass", "nsubj:outer", "csubj", "cop", "aux", "aux:pass", "expl":
		return true
	}
	return false
}

// phraseSpan is the contiguous span of h's subtree without clauses,
// coordination, appositions and edge punctuation.
func (t *tree) phraseSpan(h int) doc.Span {
	lo, hi := t.extent(h, 50, func(parent, c int) bool {
		if parent == h {
			return !excludedFromPhrase(t.rel(c)) && !clauseFrame(t.rel(c))
		}
		return t.rel(c) != "acl:relcl" && t.rel(c) != "parataxis"
	})
	lo, hi = t.trimPunct(lo, hi)
	// A case marker that hangs on a dependent ("to [Prime Minister]
	// Macron") is the phrase's preposition, not part of the phrase.
	for lo < h && (t.rel(lo) == "case" || t.rel(lo) == "fixed" || t.rel(lo) == "mark") {
		lo++
	}
	return doc.Span{Start: lo, End: hi + 1}
}

// extent returns the first and last token of h's subtree, following only
// the dependents keep accepts, at most maxDepth levels down.
func (t *tree) extent(h, maxDepth int, keep func(parent, child int) bool) (lo, hi int) {
	lo, hi = h, h
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if depth > maxDepth {
			return
		}
		for _, c := range t.kids[i] {
			if !keep(i, c) {
				continue
			}
			lo, hi = min(lo, c), max(hi, c)
			walk(c, depth+1)
		}
	}
	walk(h, 0)
	return lo, hi
}

func (t *tree) trimPunct(lo, hi int) (int, int) {
	for lo < hi && t.tok(lo).UPOS == "PUNCT" {
		lo++
	}
	for hi > lo && t.tok(hi).UPOS == "PUNCT" {
		hi--
	}
	return lo, hi
}

// clauseSpan is the whole subtree of a clause head, without its marker
// ("that") and edge punctuation.
func (t *tree) clauseSpan(h int) doc.Span {
	lo, hi := t.extent(h, 80, func(int, int) bool { return true })
	for _, c := range t.kids[h] {
		if t.rel(c) == "mark" && c == lo {
			lo++
		}
	}
	lo, hi = t.trimPunct(lo, hi)
	return doc.Span{Start: lo, End: hi + 1}
}

// complementSpan is a copular predicate's phrase without its subject,
// copula, auxiliaries and clauses.
func (t *tree) complementSpan(h int) doc.Span {
	lo, hi := h, h
	for _, c := range t.kids[h] {
		if t.rel(c) == "conj" && t.tok(h).UPOS == "ADJ" && t.tok(c).UPOS == "ADJ" && len(t.childrenWith(c, "nsubj", "cop")) == 0 {
			// "rare and endemic": conjoined adjectives are one complement.
			hi = max(hi, t.phraseSpan(c).End-1)
			continue
		}
		switch t.rel(c) {
		case "nsubj", "nsubj:pass", "csubj", "cop", "aux", "aux:pass", "mark", "advmod", "cc", "conj", "punct", "advcl", "parataxis", "obl", "obl:tmod", "ccomp", "discourse", "expl", "acl:relcl", "appos", "dep", "nsubj:outer", "vocative", "reparandum":
			continue
		case "acl":
			if x := t.tok(c).XPOS; x == "VBN" || x == "VBG" {
				continue // "a tank founded in 2005": a proposition of its own
			}
		}
		sp := t.phraseSpan(c)
		if sp.Start < lo {
			lo = sp.Start
		}
		if sp.End-1 > hi {
			hi = sp.End - 1
		}
	}
	lo, hi = t.trimPunct(lo, hi)
	return doc.Span{Start: lo, End: hi + 1}
}

// ownCase reports whether nominal c has a preposition of its own: a
// "case" child that is not a possessive marker, or a "case" word that
// opens the phrase though the parser hung it lower ("released on US$
// 20,000 bail", "on" under "$").
func (t *tree) ownCase(c int) bool {
	possessive := func(k int) bool {
		switch t.lower(k) {
		case "'s", "’s", "'", "’":
			return true
		}
		return false
	}
	for _, k := range t.childrenWith(c, "case") {
		if k < c && !possessive(k) {
			return true
		}
	}
	first := c
	for k := c - 1; k >= 0; k-- {
		if !t.dominates(c, k) {
			break
		}
		first = k
	}
	if first == c || t.rel(first) != "case" || possessive(first) {
		return false
	}
	// The word it hangs on must be part of the name ("$" in "US$
	// 20,000 bail"), not an adverbial ("at least some elements").
	switch h := t.head(first); t.urel(h) {
	case "compound", "flat", "nummod", "amod":
		return t.head(h) == c
	}
	return false
}

// dominates reports whether token k lies in the subtree of h.
func (t *tree) dominates(h, k int) bool {
	for a, hops := k, 0; a >= 0 && hops < 30; a, hops = t.head(a), hops+1 {
		if a == h {
			return true
		}
	}
	return false
}

// unitMeasure reports a nominal headed by a unit of measure and counted
// by a number, without an "of" phrase ("one inch", "5 percent", "ten
// miles"; not "5 percent of the vote").
func (t *tree) unitMeasure(c int) bool {
	switch strings.ToLower(t.tok(c).Lemma) {
	case "inch", "foot", "feet", "yard", "mile", "metre", "meter", "kilometre", "kilometer", "km", "centimetre", "centimeter", "cm", "percent", "%", "degree", "fold":
	default:
		return false
	}
	if len(t.childrenWith(c, "nummod")) == 0 {
		return false
	}
	for _, k := range t.childrenWith(c, "nmod") {
		if t.prepOf(k) == "of" {
			return false
		}
	}
	return true
}

// degreeObject reports an object that is a degree phrase: "a lot", "lots",
// "a bit", "a great deal" with nothing of "of" after it ("she used to draw
// a lot", "it helped a bit"). English uses these as adverbials of degree
// (UD's obl:npmod); with "of X" they quantify X instead.
func (t *tree) degreeObject(c int) bool {
	if !degreeWord(t.lower(c)) {
		return false
	}
	for _, k := range t.kids[c] {
		switch t.rel(k) {
		case "nmod", "acl", "acl:relcl", "amod", "nmod:poss", "compound":
			if t.rel(k) == "amod" && (t.lower(k) == "great" || t.lower(k) == "good" || t.lower(k) == "little") {
				continue // "a great deal", "a good bit", "a little bit"
			}
			return false
		}
	}
	return true
}

// directionObject reports a bare word of place or direction that the
// parser made an object ("has moved inland", "went home", "came
// ashore"): English uses these words as adverbs of where to; with a
// determiner or a modifier ("bought a home") they name a thing.
func (t *tree) directionObject(c int) bool {
	switch t.lower(c) {
	case "home", "abroad", "overseas", "inland", "ashore", "offshore", "onshore", "upstairs", "downstairs",
		"downtown", "uptown", "indoors", "outdoors", "outside", "inside", "away", "north", "south", "east",
		"west", "northward", "southward", "eastward", "westward", "northwards", "southwards", "eastwards", "westwards", "upstream", "downstream":
	default:
		return false
	}
	return len(t.childrenWith(c, "det", "amod", "nmod:poss", "compound", "nummod", "case")) == 0
}

// notOnly reports "not" followed by "only", "just" or "merely" ("not
// only fill the square but also X"): it adds, it does not negate.
func (t *tree) notOnly(c int) bool {
	if c+1 >= len(t.s.Tokens) {
		return false
	}
	switch t.lower(c + 1) {
	case "only", "just", "merely", "simply":
		return true
	}
	return false
}

// measure reports an unmarked nominal modifier counted by a number ("rose
// 5 percent", "increased 18-fold", "ran two miles") or a degree phrase
// ("cheat a little bit", "eat a lot"): how much, not what.
func (t *tree) measure(c int) bool {
	switch t.rel(c) {
	case "obl:unmarked", "obl:npmod", "obl:tmod":
	default:
		return false
	}
	if degreeWord(t.lower(c)) && len(t.childrenWith(c, "nmod")) == 0 {
		return true
	}
	return len(t.childrenWith(c, "nummod")) > 0
}

// degreeWord reports the nouns of the degree phrases "a lot", "lots",
// "a bit" and "a great deal".
func degreeWord(w string) bool {
	switch w {
	case "lot", "lots", "bit", "deal":
		return true
	}
	return false
}

// partitive reports whether h is the quantity in "a pair of X", "hundreds
// of X", "a series of X": then X is what the phrase is about.
func (t *tree) partitive(h int) (int, bool) {
	tk := t.tok(h)
	if tk.UPOS != "NOUN" && tk.UPOS != "NUM" {
		return 0, false
	}
	if personNoun(strings.ToLower(tk.Lemma)) {
		return 0, false // "a member of parties", "a critic of reforms": a person, not a quantity
	}
	for _, c := range t.kids[h] {
		if t.urel(c) != "nmod" || t.prepOf(c) != "of" || c < h {
			continue
		}
		ck := t.tok(c)
		kind := kindNoun(strings.ToLower(tk.Lemma)) && ck.UPOS == "NOUN"
		if ck.XPOS != "NNS" && ck.XPOS != "NNPS" && !kind {
			continue // "a lot of time", "a kind of zone": also a mass or singular noun
		}
		if len(t.childrenWith(c, "det", "nmod:poss")) > 0 && !amountNoun(strings.ToLower(tk.Lemma)) {
			continue
		}
		indefinite := false
		for _, d := range t.childrenWith(h, "det") {
			if l := t.lower(d); l == "a" || l == "an" || l == "any" {
				indefinite = true
			}
		}
		quantity := tk.UPOS == "NUM" || (tk.XPOS == "NNS" && (numberWord(strings.ToLower(tk.Lemma)) || kind)) || (kind && strings.EqualFold(tk.Lemma, "plenty"))
		if indefinite || quantity {
			return c, true
		}
	}
	return 0, false
}

// personNoun reports a noun that names a person: GUM's mentions it heads
// are nearly always (90%) people ("member", "leader", "critic"), or it
// is a long agent noun in -or, -ist or -ian ("guarantor").
func personNoun(l string) bool {
	if typ, share, ok := lexicon.NounType(l); ok {
		return typ == "PERSON" && share >= 0.9
	}
	if len(l) < 6 {
		return false
	}
	return strings.HasSuffix(l, "or") || strings.HasSuffix(l, "ist") || strings.HasSuffix(l, "ian")
}

// kindNoun reports nouns that, indefinite or plural, quantify or classify
// what follows "of" without naming a thing of their own ("a lot of time",
// "lots of money", "a kind of security zone", "a great deal of effort").
func kindNoun(l string) bool {
	switch l {
	case "lot", "lots", "kind", "sort", "type", "deal", "bit", "plenty", "piece":
		return true
	}
	return false
}

// amountNoun reports the kind nouns that only measure an amount ("a lot
// of her money", "a great deal of the work"): what follows "of" is the
// thing meant even when it is definite, unlike "a kind of the X".
func amountNoun(l string) bool { return degreeWord(l) || l == "plenty" }

func numberWord(l string) bool {
	switch l {
	case "dozen", "hundred", "thousand", "million", "billion", "trillion", "score", "ten", "tens":
		return true
	}
	return false
}

// coreSpan is what a node for the phrase headed by h is named: the head
// with its compounds, adjectives, possessives and flat names, without
// determiners, numbers and quantifiers; a partitive head is replaced by
// what it quantifies.
func (t *tree) coreSpan(h int) doc.Span {
	if x, ok := t.partitive(h); ok {
		h = x
	}
	lo, hi := h, h
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if depth > 20 {
			return
		}
		for _, c := range t.kids[i] {
			switch t.rel(c) {
			case "compound", "flat", "flat:name", "fixed":
			case "nmod:poss":
				if t.tok(c).UPOS == "PRON" {
					continue // "his support" is named "support"
				}
			case "amod":
				if t.tok(c).UPOS == "NUM" || quantifier(t.lower(c)) {
					continue
				}
				if c > i && t.adjectiveComplement(c) {
					continue // "areas prone to drought": a reduced relative, not part of the name
				}
			case "case":
				if i == h || (t.lower(c) != "'s" && t.lower(c) != "’s" && t.lower(c) != "'") {
					continue
				}
			default:
				continue
			}
			if c < lo {
				lo = c
			}
			if c > hi {
				hi = c
			}
			walk(c, depth+1)
		}
	}
	walk(h, 0)
	lo, hi = t.trimPunct(lo, hi)
	// Keep the core contiguous: drop words before a gap that holds
	// determiners or numbers ("the 10 towers" → "towers"). A number
	// after a common noun ("police posts 250 and 251", "gate 3") ends
	// the core there: the noun still names the thing; after a proper
	// noun it is part of the name ("Apollo 11").
	for k := hi; k >= lo; k-- {
		if tk := t.tok(k); tk.UPOS == "DET" || tk.UPOS == "NUM" || quantifier(t.lower(k)) {
			if k > h && tk.UPOS == "NUM" && t.tok(h).UPOS == "PROPN" {
				continue
			}
			if k > h && tk.UPOS == "NUM" && len(t.childrenWith(h, "case", "det")) > 0 {
				// Only in a phrase with a preposition or determiner:
				// a bare "gate 7" after a comma is a label the parser
				// hung anywhere.
				hi = k - 1
				continue
			}
			lo = k + 1
			break
		}
	}
	lo, hi = t.trimPunct(lo, hi)
	return doc.Span{Start: lo, End: hi + 1}
}

// adjectiveComplement reports whether adjective a has a complement of
// its own ("prone to drought", "responsible for the attack", "free of
// charge", "eager to help"): after a noun it is then a reduced relative
// clause. A place or time phrase ("offensive in the Strip") is more
// often the noun's, misattached.
func (t *tree) adjectiveComplement(a int) bool {
	for _, c := range t.kids[a] {
		switch t.urel(c) {
		case "xcomp", "ccomp":
			return true
		case "obl", "nmod":
			switch t.prepOf(c) {
			case "to", "for", "of", "with", "from", "about", "than":
				return true
			}
		}
	}
	return false
}

func quantifier(w string) bool {
	switch w {
	case "many", "much", "few", "several", "more", "most", "less", "fewer", "least", "some", "numerous", "countless", "various":
		return true
	}
	return false
}

// speakerOf returns the subject of the speech verb a clause is reported
// under, or -1: "He said that X" → He, for the propositions of X; a
// sentence "X, Y said." likewise.
func (t *tree) speakerOf(v int) int {
	cur := v
	for hop := 0; hop < 8; hop++ {
		h := t.head(cur)
		if h < 0 {
			return -1
		}
		r := t.urel(cur)
		if (r == "ccomp" || r == "parataxis") && SpeechVerb(strings.ToLower(t.tok(h).Lemma)) {
			if s := t.subject(h); s >= 0 {
				return s
			}
		}
		if r != "ccomp" && r != "parataxis" && r != "conj" && r != "xcomp" && r != "advcl" {
			return -1
		}
		cur = h
	}
	return -1
}

// question returns, for a sentence that ends in a question mark, the
// token where the question starts, else -1: the first wh-word opening a
// clause or the first auxiliary inverted before its subject ("…, will it
// lose strength?"); a statement before it ("X has winds, will it …?")
// stays a statement. Without either, the whole sentence asks.
func (t *tree) question() int {
	toks := t.s.Tokens
	asks := false
	for k := len(toks) - 1; k >= 0; k-- {
		w := toks[k].Text
		if w == "\"" || w == "''" || w == "”" || w == "’" || w == ")" || w == "]" {
			continue
		}
		asks = w == "?"
		break
	}
	if !asks {
		return -1
	}
	for k := range toks {
		clauseStart := k == 0 || toks[k-1].UPOS == "PUNCT" || toks[k-1].UPOS == "CCONJ"
		switch x := toks[k].XPOS; {
		case clauseStart && (x == "WDT" || x == "WP" || x == "WRB" || x == "WP$"):
			return k
		case toks[k].UPOS == "AUX" && k+1 < len(toks):
			switch toks[k+1].UPOS {
			case "PRON", "DET", "PROPN", "NOUN":
				if clauseStart || strings.HasPrefix(toks[k+1].DepRel, "nsubj") || toks[k+1].UPOS == "PRON" {
					return k
				}
			}
		}
	}
	return 0
}

// embedded reports whether the clause of v (or of a clause it is
// conjoined with) is a condition or a noun's content.
func (t *tree) embedded(v int) bool {
	cur := v
	for hop := 0; hop < 8; hop++ {
		for _, c := range t.kids[cur] {
			if t.rel(c) == "mark" {
				switch t.lower(c) {
				case "if", "unless", "whether", "lest":
					return true
				}
			}
		}
		h := t.head(cur)
		if h < 0 {
			return false
		}
		switch t.urel(cur) {
		case "conj":
			for _, c := range t.childrenWith(cur, "cc") {
				if l := t.lower(c); l == "rather" || l == "instead" {
					return true // "funny rather than people falling off their chairs": set aside, not stated
				}
			}
			cur = h
			continue
		case "acl", "ccomp", "advcl", "csubj":
			hk := t.tok(h)
			if hk.UPOS == "ADJ" && (t.urel(cur) == "ccomp" || t.urel(cur) == "csubj" || t.hasMark(cur, "that")) {
				// "it is crucial that X", "it is likely that X": an
				// adjective's clause is judged, not asserted.
				return true
			}
			if t.urel(cur) == "ccomp" && mandative(strings.ToLower(hk.Lemma)) {
				return true // "recommends that every country should X": asked for, not done
			}
			if (hk.UPOS == "NOUN" || hk.UPOS == "PROPN") && len(t.childrenWith(cur, "mark")) > 0 && !factiveNoun(strings.ToLower(hk.Lemma)) {
				return true
			}
			if t.urel(cur) == "advcl" && t.tok(cur).XPOS == "VB" && t.hasMark(cur, "to") {
				// "will take time to get right", "went to Paris to meet
				// X": a purpose is intended, not done.
				return true
			}
			if t.urel(cur) == "advcl" && t.futureTime(cur, h) {
				// "once it comes ashore, it will weaken", "when the law
				// takes effect, firms will pay more": English puts a
				// future event in the present tense after a time
				// conjunction; the clause says when, it reports nothing
				// that has happened.
				return true
			}
			if t.urel(cur) == "advcl" && t.tok(cur).XPOS == "VBG" && t.unrealisedGerund(cur) {
				// "compared X to supporting Y", "left without paying",
				// "walked instead of taking the bus": the gerund names
				// an act the subject did not do.
				return true
			}
			if t.urel(cur) == "advcl" && t.tok(cur).XPOS == "VBG" && hk.XPOS == "VBN" && len(t.childrenWith(h, "aux:pass")) > 0 && len(t.childrenWith(cur, "mark")) > 0 {
				return true // "are accused of putting"
			}
			// "accused of taking her on a trip while embarking on X": a
			// subjectless participle shares the status of its clause.
			if t.urel(cur) == "advcl" && t.tok(cur).XPOS == "VBG" && t.subject(cur) < 0 {
				cur = h
				continue
			}
		case "xcomp":
			// "unable to move", "likely to remain": an adjective's
			// complement is not asserted; nor is what someone was asked,
			// urged or helped to do ("pleaded with him to send X").
			if t.tok(h).UPOS == "ADJ" || t.objectController(h, cur) >= 0 && !implicative(strings.ToLower(t.tok(h).Lemma)) {
				return true
			}
			if t.purposeClause(h, cur) {
				// "turned to Whitman to find comfort": a purpose the
				// parser took for a complement is intended, not done,
				// as one it calls an adverbial clause.
				return true
			}
			cur = h
			continue
		}
		return false
	}
	return false
}

// futureTime reports an adverbial clause v, introduced by a time
// conjunction ("once", "when", "after", "until", "before"),
// in the present tense, of a clause h that speaks of the future ("will",
// "shall", "'ll", or a verb controlled by one: "will begin to lose").
func (t *tree) futureTime(v, h int) bool {
	timeMark := false
	for _, c := range t.childrenWith(v, "mark", "advmod") {
		if c > v {
			continue
		}
		switch t.lower(c) {
		case "once", "when", "whenever", "after", "before", "until", "till":
			// UD has "when" as an adverb, the others as markers.
			timeMark = true
		}
	}
	if !timeMark {
		return false
	}
	present := false
	switch t.tok(v).XPOS {
	case "VBZ", "VBP":
		present = true
	}
	for _, c := range t.childrenWith(v, "aux", "aux:pass", "cop") {
		switch t.tok(c).XPOS {
		case "VBZ", "VBP":
			present = true
		case "VBD", "MD":
			return false
		}
	}
	if !present {
		return false
	}
	for hop := 0; hop < 4 && h >= 0; hop++ {
		for _, c := range t.childrenWith(h, "aux") {
			switch t.lower(c) {
			case "will", "shall", "'ll", "’ll", "wo":
				return true
			}
		}
		if t.urel(h) != "xcomp" && t.urel(h) != "conj" {
			break
		}
		h = t.head(h)
	}
	return false
}

// implicative reports verbs whose object does what their complement says
// when the verb itself holds: "caused a crane to fall" (it fell), "forced
// him to resign", "led the crane to fall"; unlike "asked", "urged" or
// "allowed", which do not say it happened.
func implicative(l string) bool {
	switch l {
	case "cause", "force", "compel", "lead", "drive", "oblige":
		return true
	}
	return false
}

// factiveNoun reports nouns whose that-clause the text asserts: "the
// fact that X", "to the point that X", "to the extent that X" (unlike
// "the claim that X" or "no evidence that X").
func factiveNoun(l string) bool {
	switch l {
	case "fact", "point", "extent", "degree":
		return true
	}
	return false
}

// nounLikeVerb reports a tensed verb that has an adjective or determiner
// dependent: in the gold trees of UD EWT and GUM train no tensed verb
// has an amod and 3 of 13,102 have a det, so the word is a noun.
func (t *tree) nounLikeVerb(i int) bool {
	switch t.tok(i).XPOS {
	case "VBZ", "VBD", "VBP":
	default:
		return false
	}
	return len(t.childrenWith(i, "amod", "det")) > 0
}

// unrealisedGerund reports a gerund clause introduced by a word that
// puts its act outside what happened: "to" (compared X to supporting Y,
// objected to paying), "without", "instead of", "rather than",
// "against", "toward" (worked toward restoring calm: a goal).
func (t *tree) unrealisedGerund(v int) bool {
	for _, c := range t.childrenWith(v, "mark") {
		switch t.lower(c) {
		case "to", "without", "instead", "rather", "than", "against", "toward", "towards":
			return true
		}
	}
	return false
}

// hasMark reports whether clause v is introduced by the word w.
func (t *tree) hasMark(v int, w string) bool { return HasDependent(t.s, t.kids, v, "mark", w) }

// HasDependent reports whether token h of s (kids as from s.Children)
// has a dependent with relation rel and, when words are given, one of
// those words (compared in lower case).
func HasDependent(s *doc.Sentence, kids [][]int, h int, rel string, words ...string) bool {
	for _, c := range kids[h] {
		if s.Tokens[c].DepRel != rel {
			continue
		}
		if len(words) == 0 {
			return true
		}
		l := strings.ToLower(s.Tokens[c].Text)
		for _, w := range words {
			if l == w {
				return true
			}
		}
	}
	return false
}

// prepositionalParticiple reports participles that English uses as
// prepositions ("given X", "considering X", "regarding X"): their
// understood subject is not the main clause's.
func prepositionalParticiple(l string) bool {
	switch l {
	case "give", "consider", "regard", "concern", "assume", "grant", "provide", "suppose", "compare", "judge":
		return true
	}
	return false
}

// mandative reports verbs whose that-clause says what someone wants done
// ("recommends that X should Y", "demanded that X resign"), not what is.
func mandative(l string) bool {
	switch l {
	case "recommend", "demand", "urge", "request", "propose", "require", "advise", "order", "prefer":
		return true
	}
	return false
}

// SpeakerOfQuote returns, for a sentence whose root is a speech verb with
// a subject, that subject; quotations in the sentence are attributed to it.
func SpeakerOfQuote(s *doc.Sentence) int {
	for i, tk := range s.Tokens {
		if tk.Head == 0 && SpeechVerb(strings.ToLower(tk.Lemma)) {
			t := &tree{s: s, kids: s.Children()}
			return t.subject(i)
		}
	}
	return -1
}

// SpeechVerb reports verbs of saying ("say", "tell", "write", "announce"),
// by lemma in lower case.
func SpeechVerb(l string) bool {
	switch l {
	case "say", "tell", "add", "state", "announce", "claim", "declare", "report", "write", "tweet", "note",
		"explain", "insist", "warn", "argue", "read", "confirm", "deny", "suggest", "stress", "emphasize", "reply", "respond", "comment", "ask":
		return true
	}
	return false
}

// fullBe spells a contracted form of "be" in full ("'s" → "is").
func fullBe(w string) string {
	switch w {
	case "'s", "’s":
		return "is"
	case "'re", "’re":
		return "are"
	case "'m", "’m":
		return "am"
	}
	return w
}

func modal(l string) bool {
	switch l {
	case "will", "would", "may", "might", "can", "could", "should", "must", "shall", "'ll", "’ll", "ca", "wo":
		return true
	}
	return false
}

func normModal(l string) string {
	switch l {
	case "'ll", "’ll", "wo":
		return "will"
	case "ca":
		return "can"
	}
	return l
}

func negation(l string) bool {
	return l == "not" || l == "n't" || l == "never" || l == "no"
}

func wh(xpos string) bool { return xpos == "WDT" || xpos == "WP" || xpos == "WP$" || xpos == "WRB" }

func isNominal(upos string) bool {
	return upos == "NOUN" || upos == "PROPN" || upos == "PRON" || upos == "NUM"
}

func spanOf(toks []int) doc.Span {
	if len(toks) == 0 {
		return doc.Span{}
	}
	lo, hi := toks[0], toks[0]
	for _, k := range toks {
		lo = min(lo, k)
		hi = max(hi, k)
	}
	return doc.Span{Start: lo, End: hi + 1}
}

// Text returns the text of span sp of s, as it appears in the sentence.
func Text(s *doc.Sentence, sp doc.Span) string { return s.SpanText(sp) }

// Apposition is "X, Y," where Y renames X: Geneva, a city of peace.
type Apposition struct {
	Of, Is Arg
}

// Appositions returns the appositions of a parsed sentence.
func Appositions(s *doc.Sentence) []Apposition {
	t := &tree{s: s, kids: s.Children()}
	var out []Apposition
	for i := range s.Tokens {
		if t.rel(i) != "appos" {
			continue
		}
		h := t.head(i)
		if h < 0 || !isNominal(t.tok(h).UPOS) || !isNominal(t.tok(i).UPOS) || len(t.childrenWith(i, "case", "mark")) > 0 {
			continue // "65 refugees, including 16 children" is no renaming
		}
		if t.conjBetween(h, i) {
			// "Bangladeshis and Rohingya, a stateless minority": after a
			// coordination the apposition may rename the last conjunct
			// or all of them, whatever the parser attached it to.
			continue
		}
		of, is := t.arg(h), t.arg(i)
		// The renamed phrase stops before the apposition.
		if of.Span.End > i {
			of.Span.End = i
			for of.Span.End > of.Span.Start && t.tok(of.Span.End-1).UPOS == "PUNCT" {
				of.Span.End--
			}
		}
		if of.Span.Len() == 0 || is.Span.Len() == 0 {
			continue
		}
		out = append(out, Apposition{Of: of, Is: is})
	}
	return out
}

// conjBetween reports whether h has a conjunct between itself and i.
func (t *tree) conjBetween(h, i int) bool {
	for _, c := range t.childrenWith(h, "conj") {
		if h < c && c < i {
			return true
		}
	}
	return false
}

// CoreText returns the words that name the noun phrase headed by token h
// (as a proposition's argument core: "the two senior army officers" →
// "senior army officers"), so that other stages can name a phrase the
// way the facts do.
func CoreText(s *doc.Sentence, kids [][]int, h int) string {
	if h < 0 || h >= len(s.Tokens) {
		return ""
	}
	t := &tree{s: s, kids: kids}
	return Text(s, t.coreSpan(h))
}
