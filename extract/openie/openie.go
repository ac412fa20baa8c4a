// Package openie renders the propositions of package clause as Open IE
// extractions: a relation phrase and its arguments as they are written in
// the sentence, the shape the CaRB benchmark scores.
//
// Unlike the knowledge-graph facts, extractions keep whole argument
// phrases and are not linked to entities; they exist to measure (and let
// people inspect) what the clause finder sees. Besides the propositions
// of package clause they include relations a noun phrase implies without
// a verb (appositions, a title before a name, a possessor, a named place
// in a named place, a participle modifying a noun), with the relation
// "be" (or "has") since the text states no tense, and at a lower
// confidence; the graph does not store those.
//
// The relation phrase holds what Open IE writes in it: auxiliaries,
// negation, adverbs inside the predicate ("would probably lose"), the
// preposition of the first phrase after a verb without an object
// ("was founded in"), a clause object's "that", and an adjective
// complement with its preposition or verb ("is equal to", "was able to
// start"); a participle without an auxiliary is written with "be" ("be
// making", "be authored by"). Words are written as the text writes them
// (no space inside "G-7"), and kg openie parses a hyphenated word as one
// token.
//
// It must not hold rules for particular sentences or benchmark items:
// everything here is general English over UD trees.
package openie

import (
	"strings"
	"unicode"

	"github.com/kg-project/kg/extract/clause"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/lexicon"
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
	s.Tokens = joinHyphens(line, s.Tokens)
	return s
}

// joinHyphens makes one token of a hyphenated word the text writes
// without spaces ("open-air", "G-7", "Saint-Simon"), which the tokenizer
// splits at its hyphens the way the treebanks do: tagged and parsed
// whole, such a word reads as the one word it is (split, "G - 7
// consists" was read as a noun phrase).
func joinHyphens(line string, toks []doc.Token) []doc.Token {
	glued := func(a, b doc.Token) bool { return a.End == b.Start && a.End > a.Start && b.End > b.Start }
	var out []doc.Token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		for i+2 < len(toks) && toks[i+1].Text == "-" && glued(t, toks[i+1]) && glued(toks[i+1], toks[i+2]) && toks[i+2].End <= len(line) {
			n := toks[i+2]
			t.Text, t.End, t.SpaceAfter = line[t.Start:n.End], n.End, n.SpaceAfter
			i += 2
		}
		out = append(out, t)
	}
	return out
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
		for _, a := range e.Args {
			if !strings.ContainsFunc(a, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
				return // an argument of punctuation alone ("``"): a misread phrase
			}
		}
		seen[k] = true
		out = append(out, e)
	}
	for _, a := range clause.Appositions(s) {
		of, is := a.Of.Span, a.Is.Span
		subj := a.Of.Head
		if s.Tokens[a.Of.Head].UPOS == "NOUN" && s.Tokens[a.Is.Head].UPOS == "PROPN" {
			of, is = is, of // "the keyboardist, Philippe Saisse": the name is what is described
			subj = a.Is.Head
		}
		rel := be(s, subj)
		if place := func(h int) bool { return s.Tokens[h].UPOS == "PROPN" && strings.HasSuffix(s.Tokens[h].Ent, "LOCATION") }; place(a.Of.Head) && place(a.Is.Head) {
			rel = "be in" // "Salt Lake City, Utah": a place in a place
		}
		add(Extraction{Relation: rel, Args: []string{words(s, of), words(s, is)}, Confidence: 0.6})
	}
	kids := s.Children()
	for _, n := range nominals(s, kids) {
		add(n)
	}
	props := clause.Extract(s)
	for _, p := range props {
		if p.Subject == nil {
			continue
		}
		p.Context = append(p.Context, fronted(s, props, p)...)
		rel := relation(s, kids, p)
		subj := piece{sp: p.Subject.Span}
		conf := confidence(s, p)
		var rest []piece
		var sl []slot
		prep := ""
		object := p.Object
		if p.Copula && object != nil && object.Head == p.Verb && s.Tokens[p.Verb].UPOS == "ADJ" {
			if x := adjectiveVerb(s, kids, p.Verb); x > 0 {
				// "was able to start a business": the adjective and the
				// verb it governs are the relation, the verb's objects
				// the arguments.
				rel += " " + adjectivePhrase(s, kids, p, x)
				objs, slots := verbArgs(s, kids, x)
				rest, sl = objs, slots
				object = nil
			} else if object.Span.End == p.Verb+1 && after(s, p) {
				// "are equal to X", "is fairly safe for X": the adjective
				// joins the relation, its phrase's preposition too.
				rel += " " + adjectivePhrase(s, kids, p, p.Verb)
				object = nil
			}
		}
		if object != nil {
			obj := object.Span
			if p.Copula && object.Head == p.Verb && s.Tokens[p.Verb].UPOS == "ADJ" {
				obj.Start = min(obj.Start, degreeAdverbs(s, kids, p)) // "is [too] early"
			}
			if m := obj.Start - 1; object.Clause && m > p.Verb && s.Tokens[m].DepRel == "mark" && s.Tokens[m].Head-1 == object.Head {
				// A clause's "that" is part of the relation ("indicated
				// that | X | Y"); "whether" and "if" are part of the
				// clause's meaning and stay with it.
				if strings.EqualFold(s.Tokens[m].Text, "that") {
					prep = s.Tokens[m].Text
				} else {
					obj.Start = m
				}
			}
			rest = append(rest, piece{sp: obj})
		}
		for _, o := range p.Obliques {
			sl = append(sl, slot{span: argSpan(s, o), bare: o.Span, prep: strings.ReplaceAll(o.Prep, "-", " ")})
		}
		for _, c := range p.Context {
			// "from 1970", "in 2005": with its preposition, as written.
			sp := argSpan(s, clause.Arg{Span: c.Span})
			sl = append(sl, slot{span: sp, bare: c.Span, prep: words(s, doc.Span{Start: sp.Start, End: c.Span.Start})})
		}
		lead := -1
		if object == nil && len(rest) == 0 {
			// "spoke to X", "was founded in 1984": the preposition of
			// the first phrase after the verb belongs to the relation.
			for i, o := range sl {
				if o.prep != "" && o.bare.Start > p.Verb && (lead < 0 || o.bare.Start < sl[lead].bare.Start) {
					lead = i
				}
			}
		}
		if lead >= 0 {
			prep = sl[lead].prep
			rest = append(rest, piece{sp: sl[lead].bare})
		}
		for i, o := range sl {
			if i == lead {
				continue
			}
			pc := piece{sp: o.span}
			if o.prep != "" && o.span.Start == o.bare.Start {
				// "because of": a preposition of two words, which argSpan
				// does not take.
				if n := len(strings.Fields(o.prep)); o.bare.Start >= n && strings.EqualFold(words(s, doc.Span{Start: o.bare.Start - n, End: o.bare.Start}), o.prep) {
					pc.sp.Start -= n
				}
			}
			rest = append(rest, pc)
		}
		// A preposition left without its object ("are referred [to] as
		// judges", "was talked [about]") is part of the verb.
		var kept []piece
		for _, a := range rest {
			if a.text == "" && a.sp.Len() == 1 && a.sp.Start > p.Verb && s.Tokens[a.sp.Start].UPOS == "ADP" {
				rel += " " + s.Tokens[a.sp.Start].Text
				continue
			}
			kept = append(kept, a)
		}
		rest = kept
		if prep != "" {
			rel += " " + prep
		}
		if p.Agent && object != nil && len(rest) > 0 {
			// Written in the passive, read as written: "X was honored by
			// Y" (the graph stores it active).
			rel += " by"
			subj, rest[0] = rest[0], subj
		}
		if len(rest) == 0 {
			// "can be clarified by adding X", "died suddenly": with no
			// argument, a subordinate clause or an adverb completes it.
			for _, c := range completion(s, kids, p) {
				rest = append(rest, piece{text: c})
			}
			if len(rest) > 0 {
				conf *= 0.8
			}
		}
		if len(rest) == 0 {
			// An intransitive predicate: "the lap would be deleted".
			conf *= 0.4
		}
		add(Extraction{Relation: rel, Args: render(s, append([]piece{subj}, rest...)), Confidence: conf})
	}
	for _, e := range inverted(s, kids, props) {
		add(e)
	}
	return out
}

// inverted returns the attributions of quotations whose speaker follows
// the speech verb ("“ X , ” says Mr. Boyd"), which parses often read as
// the verb's object: says | Mr. Boyd | “ X , ”. Verbs the clause finder
// gave a subject are left to it.
func inverted(s *doc.Sentence, kids [][]int, props []clause.Proposition) []Extraction {
	var out []Extraction
	for v, t := range s.Tokens {
		if t.UPOS != "VERB" || !clause.SpeechVerb(strings.ToLower(t.Lemma)) || clause.HasDependent(s, kids, v, "nsubj") {
			continue
		}
		done := false
		for _, p := range props {
			done = done || p.Verb == v && p.Subject != nil
		}
		if done {
			continue
		}
		quote, speaker := -1, -1
		for _, c := range kids[v] {
			switch r := s.Tokens[c].DepRel; {
			case c < v && (r == "ccomp" || r == "parataxis") && quote < 0:
				quote = c
			case c > v && speaker < 0 && (r == "obj" || r == "ccomp" || r == "iobj" || r == "nsubj:outer") && isNoun(s.Tokens[c].UPOS):
				speaker = c
			}
		}
		if quote < 0 || speaker < 0 {
			continue
		}
		who := subtree(s, kids, speaker)
		for k := speaker + 1; k < who.End; k++ {
			if s.Tokens[k].UPOS == "PUNCT" {
				who.End = k // "Mr. Mills , whose firm ...": the name alone
				break
			}
		}
		for who.Start < speaker && s.Tokens[who.Start].UPOS == "PUNCT" {
			who.Start++
		}
		what := subtree(s, kids, quote)
		if what.End > v {
			continue
		}
		var rel []int
		for _, c := range kids[v] {
			if r := s.Tokens[c].DepRel; (r == "aux" || r == "advmod" && negation(s.Tokens[c].Text)) && c < v && c > what.End {
				rel = append(rel, c)
			}
		}
		rel = append(rel, v)
		out = append(out, Extraction{Relation: spell(s, rel), Args: []string{words(s, who), words(s, balanced(s, what))}, Confidence: 0.81})
	}
	return out
}

// fronted returns, for a verb coordinated with an earlier one whose
// subject it shares, the earlier verb's circumstances written before that
// subject: "In 1717 she observed X and attempted Y" → attempted Y in 1717.
// A phrase before the subject covers the whole coordination.
func fronted(s *doc.Sentence, props []clause.Proposition, p clause.Proposition) []clause.Circumstance {
	v := p.Verb
	for i := 0; i < 4 && s.Tokens[v].DepRel == "xcomp" && s.Tokens[v].Head > 0; i++ {
		v = s.Tokens[v].Head - 1 // "attempted to popularize"
	}
	if !p.Inherited || s.Tokens[v].DepRel != "conj" || p.Subject == nil {
		return nil
	}
	h := s.Tokens[v].Head - 1
	for _, q := range props {
		if q.Verb != h || q.Subject == nil || q.Subject.Head != p.Subject.Head {
			continue
		}
		var out []clause.Circumstance
		for _, c := range q.Context {
			if c.Span.End <= q.Subject.Span.Start {
				out = append(out, c)
			}
		}
		for _, o := range q.Obliques {
			if o.Span.End <= q.Subject.Span.Start {
				out = append(out, clause.Circumstance{Role: o.Prep, Span: o.Span})
			}
		}
		return out
	}
	return nil
}

// adjectiveVerb returns the verb an adjective governs with "to" ("able
// [to start]"), or -1.
func adjectiveVerb(s *doc.Sentence, kids [][]int, a int) int {
	for _, c := range kids[a] {
		if c > a && s.Tokens[c].DepRel == "xcomp" && s.Tokens[c].UPOS == "VERB" && clause.HasDependent(s, kids, c, "mark") {
			return c
		}
	}
	return -1
}

// adjectivePhrase spells the adjective p.Verb with the adverbs before it
// that the relation does not already hold, up to token end, and end's
// particle: "considerably larger", "able to more easily control", "able
// to shut out".
func adjectivePhrase(s *doc.Sentence, kids [][]int, p clause.Proposition, end int) string {
	var ks []int
	for k := degreeAdverbs(s, kids, p); k <= end; k++ {
		ks = append(ks, k)
	}
	for _, c := range kids[end] {
		if c > end && s.Tokens[c].DepRel == "compound:prt" {
			ks = append(ks, c)
		}
	}
	return spell(s, ks)
}

// degreeAdverbs returns where the adverbs before the adjective p.Verb
// that modify it begin ("[considerably] larger"): p.Verb when there are
// none. Negation and the adverbs of the relation are not among them.
func degreeAdverbs(s *doc.Sentence, kids [][]int, p clause.Proposition) int {
	lo := p.Verb
	for lo > 0 && s.Tokens[lo-1].DepRel == "advmod" && under(s, lo-1, p.Verb) && !negation(s.Tokens[lo-1].Text) && !innerAdverb(s, kids, p, lo-1) {
		lo--
	}
	return lo
}

// negation reports the adverbs of negation ("not", "n't", "never").
func negation(w string) bool {
	switch strings.ToLower(w) {
	case "not", "n't", "never":
		return true
	}
	return false
}

// under reports whether token k is in the subtree of token h.
func under(s *doc.Sentence, k, h int) bool {
	for i := 0; k >= 0 && i < 50; i++ {
		if k == h {
			return true
		}
		k = s.Tokens[k].Head - 1
	}
	return false
}

// after reports whether a prepositional phrase follows predicate p's
// head among its arguments.
func after(s *doc.Sentence, p clause.Proposition) bool {
	for _, o := range p.Obliques {
		if o.Prep != "" && o.Span.Start > p.Verb {
			return true
		}
	}
	for _, c := range p.Context {
		if sp := argSpan(s, clause.Arg{Span: c.Span}); sp.Start < c.Span.Start && c.Span.Start > p.Verb {
			return true
		}
	}
	return false
}

// verbArgs returns the objects and prepositional phrases of verb x, as
// whole subtrees.
func verbArgs(s *doc.Sentence, kids [][]int, x int) (objs []piece, slots []slot) {
	for _, c := range kids[x] {
		if c < x {
			continue
		}
		sp := subtree(s, kids, c)
		switch rel := s.Tokens[c].DepRel; {
		case rel == "obj" || rel == "iobj" || rel == "ccomp":
			objs = append(objs, piece{sp: sp})
		case rel == "obl" || strings.HasPrefix(rel, "obl:"):
			bare := sp
			for bare.Start < c && (s.Tokens[bare.Start].DepRel == "case" || s.Tokens[bare.Start].DepRel == "fixed") {
				bare.Start++
			}
			slots = append(slots, slot{span: sp, bare: bare, prep: strings.ToLower(words(s, doc.Span{Start: sp.Start, End: bare.Start}))})
		}
	}
	return objs, slots
}

// subtree is the span of c and all its dependents, without punctuation
// at its edges.
func subtree(s *doc.Sentence, kids [][]int, c int) doc.Span {
	lo, hi := c, c
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if depth > 60 {
			return
		}
		for _, k := range kids[i] {
			lo, hi = min(lo, k), max(hi, k)
			walk(k, depth+1)
		}
	}
	walk(c, 0)
	for lo < hi && s.Tokens[lo].UPOS == "PUNCT" {
		lo++
	}
	for hi > lo && s.Tokens[hi].UPOS == "PUNCT" {
		hi--
	}
	return doc.Span{Start: lo, End: hi + 1}
}

// piece is an argument to render: a span of the sentence, or a text.
type piece struct {
	sp   doc.Span
	text string
}

// render spells the arguments of an extraction.
func render(s *doc.Sentence, args []piece) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a.text
		if a.text == "" {
			out[i] = words(s, balanced(s, a.sp))
		}
	}
	return out
}

// balanced extends span sp over the closing quotation mark or bracket
// that follows it when sp opens one it does not close (an argument that
// stopped before a title's closing quotes), and over the opening one
// before it when sp closes one it does not open.
func balanced(s *doc.Sentence, sp doc.Span) doc.Span {
	if sp.Start < 0 || sp.End > len(s.Tokens) || sp.Start >= sp.End {
		return sp
	}
	pairs := [][2]string{{"``", "''"}, {"\"", "\""}, {"(", ")"}, {"-LRB-", "-RRB-"}, {"[", "]"}}
	for _, pr := range pairs {
		open, shut := 0, 0
		for k := sp.Start; k < sp.End; k++ {
			switch s.Tokens[k].Text {
			case pr[0]:
				open++
			case pr[1]:
				shut++
			}
		}
		if pr[0] == pr[1] {
			// Straight quotes: only an argument that starts with one.
			if open%2 == 1 && s.Tokens[sp.Start].Text == pr[0] && sp.End < len(s.Tokens) && s.Tokens[sp.End].Text == pr[1] {
				sp.End++
			}
			continue
		}
		if open > shut {
			sp.End = closer(s, sp.End, pr[1])
		} else if shut > open && sp.Start > 0 && s.Tokens[sp.Start-1].Text == pr[0] {
			sp.Start--
		} else if open == shut && sp.Start > 0 && s.Tokens[sp.Start-1].Text == pr[0] && pr[0] == "``" {
			// A quotation as a whole: "said | X | `` … ''".
			if end := closer(s, sp.End, pr[1]); end > sp.End {
				sp.Start, sp.End = sp.Start-1, end
			}
		}
	}
	return sp
}

// closer returns the end of a span ending at end extended over the
// closing mark shut that follows it, with the sentence punctuation the
// quotation holds before it ("market . ”"); end when none follows.
func closer(s *doc.Sentence, end int, shut string) int {
	k := end
	if k < len(s.Tokens) {
		switch s.Tokens[k].Text {
		case ".", ",", "!", "?", ";":
			k++
		}
	}
	if k < len(s.Tokens) && s.Tokens[k].Text == shut {
		return k + 1
	}
	return end
}

// slot is an argument after the subject: its span with its preposition
// and without.
type slot struct {
	span, bare doc.Span
	prep       string
}

// completion returns, for a predicate without arguments, its adverbial
// clauses (with their subordinator) or else its adverbs, as written.
func completion(s *doc.Sentence, kids [][]int, p clause.Proposition) []string {
	var clauses, advs []string
	for _, c := range kids[p.Verb] {
		t := s.Tokens[c]
		switch t.DepRel {
		case "advcl":
			if c < p.Verb {
				continue
			}
			clauses = append(clauses, words(s, subtree(s, kids, c)))
		case "advmod":
			if negation(t.Text) || len(kids[c]) > 0 || t.XPOS == "WRB" || t.XPOS == "RP" && c <= p.Verb+2 {
				continue
			}
			advs = append(advs, t.Text)
		}
	}
	if len(clauses) > 0 {
		return clauses
	}
	return advs
}

// nominals returns the relations a noun phrase states without a verb, as
// Open IE benchmarks write them: a title before a name ("President Bush"
// → Bush is President), a possessor ("the company's directors" → the
// company has directors) and a named place modifying a name ("Davidson
// Township in Sullivan County" → Davidson Township is in Sullivan County).
// They get a low confidence: the graph does not store them.
func nominals(s *doc.Sentence, kids [][]int) []Extraction {
	var out []Extraction
	for h, t := range s.Tokens {
		rel := t.DepRel
		head := t.Head - 1
		if head < 0 {
			continue
		}
		ht := s.Tokens[head]
		switch {
		case (rel == "compound" || rel == "nmod:desc") && ht.UPOS == "PROPN" && h < head && title(s, h):
			// The title's own modifiers ("Prime Minister", "former U.S.
			// Attorney") come with it; the name is the rest.
			lo := h
			for k := h - 1; k >= 0 && s.Tokens[k].Head-1 >= k && s.Tokens[k].Head-1 <= h && s.Tokens[k].DepRel != "det" && s.Tokens[k].DepRel != "case" && s.Tokens[k].UPOS != "PUNCT"; k-- {
				lo = k
			}
			name := doc.Span{Start: h + 1, End: head + 1}
			for _, c := range kids[head] {
				if c > head && (s.Tokens[c].DepRel == "flat" || s.Tokens[c].DepRel == "flat:name") {
					name.End = max(name.End, c+1)
				}
			}
			if words(s, name) == "" || !upper(s.Tokens[name.Start].Text) || !strings.HasSuffix(ht.Ent, "PERSON") {
				continue
			}
			out = append(out, Extraction{Relation: be(s, head), Args: []string{words(s, name), words(s, doc.Span{Start: lo, End: h + 1})}, Confidence: 0.5})
		case rel == "nmod:poss" && (t.UPOS == "PROPN" || t.UPOS == "NOUN") && h < head && isNoun(ht.UPOS):
			owner := phrase(s, kids, h, head)
			end := owner.End
			for end < head && (s.Tokens[end].DepRel == "case" || s.Tokens[end].UPOS == "PUNCT") {
				end++
			}
			thing := doc.Span{Start: end, End: head + 1}
			for _, c := range kids[head] {
				if c > head && (s.Tokens[c].DepRel == "compound" || s.Tokens[c].DepRel == "flat") {
					thing.End = max(thing.End, c+1)
				}
			}
			if owner.Len() == 0 || thing.Len() == 0 {
				continue
			}
			out = append(out, Extraction{Relation: "has", Args: []string{words(s, owner), words(s, thing)}, Confidence: 0.45})
		case rel == "nmod" && t.UPOS == "PROPN" && ht.UPOS == "PROPN" && head < h:
			prep := ""
			for _, c := range kids[h] {
				if s.Tokens[c].DepRel == "case" && c < h {
					prep = strings.ToLower(s.Tokens[c].Text)
				}
			}
			if prep != "in" && prep != "at" && prep != "near" {
				continue
			}
			place := phrase(s, kids, h, -1)
			name := phrase(s, kids, head, h)
			if name.End > h {
				continue
			}
			out = append(out, Extraction{Relation: "be " + prep, Args: []string{words(s, name), words(s, place)}, Confidence: 0.5})
		}
	}
	return out
}

// be is the relation of an implied "X is Y" (an apposition, a title
// before a name): the text writes no verb, so no tense or number is
// claimed; the lemma stands for whichever form a reader would use.
func be(*doc.Sentence, int) string { return "be" }

// phrase is the span of h's compounds, names, adjectives and determiners
// before it (and flat names after it), stopping at token stop.
func phrase(s *doc.Sentence, kids [][]int, h, stop int) doc.Span {
	sp := doc.Span{Start: h, End: h + 1}
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if depth > 6 {
			return
		}
		for _, c := range kids[i] {
			if c == stop {
				continue
			}
			switch s.Tokens[c].DepRel {
			case "compound", "flat", "flat:name", "amod", "det", "nummod", "nmod:poss", "case":
				if s.Tokens[c].DepRel == "case" && i == h {
					continue
				}
				sp.Start, sp.End = min(sp.Start, c), max(sp.End, c+1)
				walk(c, depth+1)
			}
		}
	}
	walk(h, 0)
	if stop >= 0 && sp.End > stop && stop > h {
		sp.End = stop
	}
	for sp.Start < sp.End && s.Tokens[sp.Start].UPOS == "PUNCT" {
		sp.Start++
	}
	for sp.End > sp.Start && s.Tokens[sp.End-1].UPOS == "PUNCT" {
		sp.End--
	}
	return sp
}

func title(s *doc.Sentence, h int) bool {
	t := s.Tokens[h]
	return (t.UPOS == "NOUN" || t.UPOS == "PROPN") && lexicon.IsTitle(strings.ToLower(t.Lemma)) && !honorific(t.Text)
}

// honorific reports forms of address that are no title ("Mr.").
func honorific(w string) bool {
	switch strings.ToLower(strings.TrimSuffix(w, ".")) {
	case "mr", "mrs", "ms", "miss", "messrs", "mme", "mlle", "sir", "madam", "dr", "st":
		return true
	}
	return false
}

func upper(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

func wh(s *doc.Sentence, i int) bool {
	x := s.Tokens[i].XPOS
	return x == "WDT" || x == "WP" || x == "WP$"
}

func isNoun(upos string) bool { return upos == "NOUN" || upos == "PROPN" }

// relation spells the predicate as written: auxiliaries, negation, the
// verb, particles, and the xcomp chain, in sentence order.
func relation(s *doc.Sentence, kids [][]int, p clause.Proposition) string {
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
			if negation(s.Tokens[c].Text) {
				idx[c] = true
			}
			if s.Tokens[c].XPOS == "RP" && c > p.Verb && c <= p.Verb+2 {
				idx[c] = true // "came [up] with": a particle the parser called an adverb
			}
			if innerAdverb(s, kids, p, c) {
				idx[c] = true
			}
		}
	}
	for _, c := range sharedAux(s, kids, p) {
		idx[c] = true
	}
	if c0 := s.Tokens[p.Verb].Head - 1; s.Tokens[p.Verb].DepRel == "conj" && c0 >= 0 && c0 < p.Verb && s.Tokens[c0].DepRel == "xcomp" && s.Tokens[c0].Head > 0 {
		// "tried to sell X and [buy] Y": the second verb is under the
		// same control: tried to buy.
		h := s.Tokens[c0].Head - 1
		idx[h] = true
		for _, c := range kids[h] {
			switch s.Tokens[c].DepRel {
			case "aux", "aux:pass", "cop":
				idx[c] = true
			case "advmod":
				if negation(s.Tokens[c].Text) {
					idx[c] = true
				}
			}
		}
		if !clause.HasDependent(s, kids, p.Verb, "mark") {
			for _, c := range kids[c0] {
				if s.Tokens[c].DepRel == "mark" {
					idx[c] = true
				}
			}
		}
	}
	if p.Copula {
		// The copula alone is the relation; the complement is an argument.
		delete(idx, p.Verb)
		for _, c := range kids[p.Verb] {
			// "is [to] be fair": a "to" between two copulas.
			if s.Tokens[c].DepRel == "mark" && strings.EqualFold(s.Tokens[c].Text, "to") && idx[c-1] && c+1 < p.Verb && idx[c+1] {
				idx[c] = true
			}
		}
		if p.Object != nil && p.Object.Prep != "" {
			// "is in", "was at": a prepositional complement's preposition.
			for k := p.Object.Span.Start - 1; k >= 0 && k < p.Verb && (s.Tokens[k].DepRel == "case" || s.Tokens[k].DepRel == "fixed"); k-- {
				idx[k] = true
			}
		}
		// "continues to be influential": the controlling verb and "to"
		// belong to the relation.
		if h := s.Tokens[p.Verb].Head - 1; h >= 0 && s.Tokens[p.Verb].DepRel == "xcomp" && h < p.Verb && (s.Tokens[h].UPOS == "VERB") {
			idx[h] = true
			for _, c := range kids[h] {
				switch s.Tokens[c].DepRel {
				case "aux", "aux:pass":
					idx[c] = true
				}
			}
			for _, c := range kids[p.Verb] {
				if s.Tokens[c].DepRel == "mark" {
					idx[c] = true
				}
			}
		}
	}
	var ws []string
	if p.Reduced && p.Passive || participle(s, kids, p) {
		// "a tank founded in 2005": tank was founded; "companies
		// making chips": companies are making chips.
		ws = append(ws, "be") // the text writes no auxiliary: no tense claimed
	}
	var ks []int
	for k := 0; k < len(s.Tokens); k++ {
		if idx[k] {
			ks = append(ks, k)
		}
	}
	if len(ks) > 0 && len(ws) == 0 && ks[0] != p.Verb && strings.EqualFold(s.Tokens[ks[0]].Text, "being") {
		// "being appointed", "being a member": the participle of "be"
		// states no tense either.
		ws = append(ws, "be")
		ks = ks[1:]
	}
	if len(ks) > 0 {
		ws = append(ws, spell(s, ks))
	}
	return strings.Join(ws, " ")
}

// sharedAux returns the auxiliaries a verb coordinated with an earlier
// one shares with it when it has neither auxiliary nor subject of its
// own: "will sell X and [will] close Y", "was founded in 1900 and [was]
// renamed in 1950".
func sharedAux(s *doc.Sentence, kids [][]int, p clause.Proposition) []int {
	t := s.Tokens[p.Verb]
	h := t.Head - 1
	if t.DepRel != "conj" || h < 0 || h > p.Verb || s.Tokens[h].UPOS != "VERB" || p.Copula {
		return nil
	}
	for _, c := range kids[p.Verb] {
		switch s.Tokens[c].DepRel {
		case "aux", "aux:pass", "nsubj", "nsubj:pass", "cop", "mark":
			return nil
		}
	}
	var out []int
	for _, c := range kids[h] {
		if r := s.Tokens[c].DepRel; (r == "aux" || r == "aux:pass") && c < h {
			out = append(out, c)
		}
	}
	return out
}

// participle reports a predicate that is a participle without an
// auxiliary, whose relation is written with "be" as a reduced passive's
// is: a present participle ("firms making chips", "..., killing two") or
// a past participle with no subject of its own ("a draft authored by
// X", "Founded in 1990, the firm ..."). A past participle with its own
// subject, or coordinated with a finite verb, is a past tense the tagger
// misread ("it signed X", "flooded X and damaged Y").
func participle(s *doc.Sentence, kids [][]int, p clause.Proposition) bool {
	t := s.Tokens[p.Verb]
	if p.Copula || t.DepRel == "xcomp" || clause.HasDependent(s, kids, p.Verb, "aux") || clause.HasDependent(s, kids, p.Verb, "aux:pass") || len(sharedAux(s, kids, p)) > 0 {
		return false
	}
	switch t.XPOS {
	case "VBG":
		return true
	case "VBN":
		if clause.HasDependent(s, kids, p.Verb, "nsubj") || clause.HasDependent(s, kids, p.Verb, "nsubj:pass") {
			return false
		}
		if h := t.Head - 1; t.DepRel == "conj" && h >= 0 && s.Tokens[h].XPOS != "VBN" && s.Tokens[h].XPOS != "VBG" {
			return false
		}
		return true
	}
	return false
}

// innerAdverb reports whether adverb c of the predicate belongs to the
// relation phrase, as Open IE relations write it: between the subject
// (or an auxiliary) and the verb ("would [probably] obliterate X", "[also]
// noted that"), or right after the verb and its particle, before its
// arguments ("relies [heavily] on X"). A predicate with no argument keeps
// its adverbs as its completion ("he died suddenly").
func innerAdverb(s *doc.Sentence, kids [][]int, p clause.Proposition, c int) bool {
	t := s.Tokens[c]
	if len(kids[c]) > 0 || t.XPOS == "WRB" || !strings.HasPrefix(t.XPOS, "RB") {
		return false
	}
	if p.Subject == nil || p.Subject.Span.End > c {
		return false // "Later, he left": a sentence adverb
	}
	within := func(sp doc.Span) bool { return c >= sp.Start && c < sp.End }
	after := false // an argument follows the adverb
	if p.Object != nil {
		if within(p.Object.Span) {
			return false
		}
		after = p.Object.Span.Start > c
	}
	for _, o := range p.Obliques {
		if within(o.Span) {
			return false
		}
		after = after || o.Span.Start > c
	}
	for _, x := range p.Context {
		if within(x.Span) {
			return false // "were born [elsewhere]": an argument already
		}
		after = after || x.Span.Start > c
	}
	if !after {
		return false
	}
	if c > p.Verb {
		for k := p.Verb + 1; k < c; k++ {
			if s.Tokens[k].DepRel != "compound:prt" {
				return false
			}
		}
		return c+1 < len(s.Tokens) && s.Tokens[c+1].UPOS != "PUNCT" && s.Tokens[c+1].UPOS != "CCONJ"
	}
	for k := c + 1; k < p.Verb; k++ {
		if s.Tokens[k].UPOS == "PUNCT" {
			return false // "he, however, left"
		}
	}
	if p.Copula && s.Tokens[p.Verb].UPOS == "ADJ" && (c+1 == p.Verb || s.Tokens[c+1].DepRel == "advmod" && !innerAdverb(s, kids, p, c+1)) {
		return false // "is [very] ill": the adverb modifies the adjective
	}
	return true
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
	var idx []int
	for k := sp.Start; k < sp.End; k++ {
		idx = append(idx, k)
	}
	return spell(s, idx)
}

// spell writes tokens idx (ascending) as the sentence writes them:
// separated by a space, except where the text had none between two
// neighbours ("G-7", "RU-486" split by the tokenizer are written whole).
func spell(s *doc.Sentence, idx []int) string {
	var b strings.Builder
	for i, k := range idx {
		if i > 0 && !(k == idx[i-1]+1 && joined(s, k)) {
			b.WriteByte(' ')
		}
		b.WriteString(s.Tokens[k].Text)
	}
	return b.String()
}

// joined reports whether token k follows token k-1 without a space in
// the sentence's text.
func joined(s *doc.Sentence, k int) bool {
	a, b := s.Tokens[k-1], s.Tokens[k]
	if a.End <= a.Start || b.End <= b.Start || a.Start < s.Start || b.End > s.Start+len(s.Text) {
		return false // offsets that do not index the text
	}
	return a.End == b.Start
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
	// A relative or interrogative pronoun left as an argument ("which",
	// "who"): the clause was not tied to the noun it is about.
	if wh(s, p.Subject.Head) {
		c *= 0.9
	}
	return c
}
