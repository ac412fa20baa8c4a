// Package resolve decides who is who within one document: it groups the
// named-entity mentions that name the same thing (Angela Merkel, Merkel,
// Chancellor Merkel, @handle Angela Merkel), splits titles and affiliations off
// names (German Chancellor Angela Merkel → title President, affiliated
// with United States), and links pronouns and definite descriptions (he,
// the Prime Minister, the militant group) to an earlier entity.
//
// It favours precision: a link is made only when exactly one candidate
// fits, because a wrong merge corrupts every fact of both entities, while
// a missed one only loses a few. It reads the tagged, parsed and
// NER-labelled document and produces fact.Entity values; it does not
// extract facts.
package resolve

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/extract/lexicon"
	"github.com/kg-project/kg/extract/ner"
)

// Title is a title or affiliation found on a person's mention.
type Title struct {
	Entity      int    // the person
	Title       string // "President", or "" for an affiliation only
	Affiliation int    // entity index, or -1
	Sent        int
	Span        doc.Span // the tokens that said it
}

// Result is the outcome of resolution.
type Result struct {
	Entities []fact.Entity
	Titles   []Title
	// at maps (sentence, token) to an entity index for every token of every
	// resolved mention.
	at map[[2]int]int
	// spans records each mention's token span by (sentence, head token).
	concepts map[string]int
	// owner maps every token of a named mention's whole recognised span
	// (titles and affiliations included) to the mention's entity.
	owner map[[2]int]int
	// called holds, per entity, the common nouns the text itself calls
	// it ("Greenpeace and other campaign groups" → group; "Acme, a company"
	// → company; "the Labour Party" → party).
	called map[int]map[string]bool
	// groups maps (sentence, token) of a plural first-person pronoun
	// ("we", "us") to the entities it stands for together.
	groups map[[2]int][]int
	// nounLemmas holds the text's common nouns by lemma, filled on first
	// use.
	nounLemmas map[string][]string
}

// Group returns the entities that the plural pronoun at token tok of
// sentence sent stands for together ("we" of two interviewees), or nil.
func (r *Result) Group(sent, tok int) []int {
	return r.groups[[2]int{sent, tok}]
}

func (r *Result) call(e int, lemma string) {
	if r.called == nil {
		r.called = map[int]map[string]bool{}
	}
	if r.called[e] == nil {
		r.called[e] = map[string]bool{}
	}
	r.called[e][strings.ToLower(lemma)] = true
}

// calledBy reports whether the text calls entity e by the noun lemma: in
// a "X and other Ys" list, an apposition, or as the last word of its name.
func (r *Result) calledBy(e int, lemma string) bool {
	if r.called[e][lemma] {
		return true
	}
	for _, n := range append([]string{r.Entities[e].Name}, r.Entities[e].Aliases...) {
		w := strings.Fields(strings.ToLower(n))
		if len(w) > 1 && strings.TrimSuffix(w[len(w)-1], "s") == strings.TrimSuffix(lemma, "s") {
			return true
		}
	}
	return false
}

// Owner returns the entity whose named mention covers token tok of
// sentence sent, titles and affiliation words included ("States" in
// "German Chancellor Angela Merkel" is owned by Angela Merkel), or -1.
func (r *Result) Owner(sent, tok int) int {
	if e, ok := r.owner[[2]int{sent, tok}]; ok {
		return e
	}
	return -1
}

// At returns the entity that token tok of sentence sent belongs to, or -1.
func (r *Result) At(sent, tok int) int {
	if e, ok := r.at[[2]int{sent, tok}]; ok {
		return e
	}
	return -1
}

// Concept returns the entity index of the concept called name (lower
// case), creating it on first use.
func (r *Result) Concept(name string, m fact.Mention) int {
	key := strings.ToLower(strings.TrimSpace(name))
	if i, ok := r.concepts[key]; ok {
		r.Entities[i].Mentions = append(r.Entities[i].Mentions, m)
		return i
	}
	r.Entities = append(r.Entities, fact.Entity{Name: key, Type: fact.Concept, Mentions: []fact.Mention{m}})
	r.concepts[key] = len(r.Entities) - 1
	return len(r.Entities) - 1
}

// Link records that tokens span of sentence sent refer to entity e, as a
// mention of the given kind.
func (r *Result) Link(e, sent int, sp doc.Span, text, kind string) {
	for k := sp.Start; k < sp.End; k++ {
		key := [2]int{sent, k}
		if _, ok := r.at[key]; !ok {
			r.at[key] = e
		}
	}
	r.Entities[e].Mentions = append(r.Entities[e].Mentions, fact.Mention{Sent: sent, Span: sp, Text: text, Kind: kind})
}

type mention struct {
	sent     int
	span     doc.Span // the NER span
	name     []string // name words, titles and handles removed
	handles  []string
	typ      string
	text     string
	entity   int
	headTok  int
	nameSpan doc.Span
}

// Resolve finds and links the entities of a document.
func Resolve(d *doc.Document) *Result {
	r := &Result{at: map[[2]int]int{}, concepts: map[string]int{}, owner: map[[2]int]int{}}
	var ms []*mention
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for _, e := range append(hyphenJoined(s, ner.Spans(s)), titledNames(s)...) {
			e = flatTail(s, e)
			if e = verbTrimmed(s, e); e.End == e.Start {
				continue
			}
			if m := newMention(s, si, e); m != nil {
				ms = append(ms, m)
			}
		}
	}
	r.cluster(ms)
	r.voteTypes(ms)
	for _, m := range ms {
		if m.entity >= 0 {
			r.Link(m.entity, m.sent, m.nameSpan, m.text, kindOf(m, &r.Entities[m.entity]))
			for k := m.span.Start; k < m.span.End; k++ {
				r.owner[[2]int{m.sent, k}] = m.entity
			}
		}
	}
	r.propagate(d)
	r.hearst(d)
	r.appositionNouns(d)
	for _, m := range ms {
		if m.entity >= 0 && r.Entities[m.entity].Type == fact.Person {
			r.titlesOf(d, m)
		}
	}
	r.dropSubTitles()
	r.dropCutAffiliations(d)
	r.descriptions(d)
	r.pronouns(d)
	r.interview(d)
	r.they(d)
	for i := range r.Entities {
		e := &r.Entities[i]
		sort.SliceStable(e.Mentions, func(a, b int) bool {
			if e.Mentions[a].Sent != e.Mentions[b].Sent {
				return e.Mentions[a].Sent < e.Mentions[b].Sent
			}
			return e.Mentions[a].Span.Start < e.Mentions[b].Span.Start
		})
	}
	return r
}

// voteTypes gives each entity the type most of its name mentions were
// recognised as ("Gloria" typed a place once and a person four times is a
// person); on a tie the type it was created with stays.
func (r *Result) voteTypes(ms []*mention) {
	votes := map[int]map[string]int{}
	for _, m := range ms {
		if m.entity < 0 {
			continue
		}
		if votes[m.entity] == nil {
			votes[m.entity] = map[string]int{}
		}
		votes[m.entity][m.typ]++
	}
	for e, v := range votes {
		types := make([]string, 0, len(v))
		for typ := range v {
			types = append(types, typ)
		}
		sort.Strings(types)
		best, n := r.Entities[e].Type, v[r.Entities[e].Type]
		for _, typ := range types {
			if v[typ] > n {
				best, n = typ, v[typ]
			}
		}
		r.Entities[e].Type = best
	}
}

// propagate links the other occurrences of a multi-letter capitalised
// name the recogniser found once ("Oxfam offices" after "by Oxfam"):
// within one article the same name is the same entity.
func (r *Result) propagate(d *doc.Document) {
	type name struct {
		words []string
		e     int
	}
	var names []name
	for i := range r.Entities {
		e := &r.Entities[i]
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			w := strings.Fields(n)
			if len(w) == 0 || !capitalised(w[0]) || len(n) < 3 || lexicon.IsTitle(strings.ToLower(n)) {
				continue
			}
			names = append(names, name{w, i})
		}
	}
	// Longer names first, so "New York City" wins over "New York".
	sort.SliceStable(names, func(a, b int) bool { return len(names[a].words) > len(names[b].words) })
	for si := range d.Sentences {
		toks := d.Sentences[si].Tokens
		for k := 0; k < len(toks); k++ {
			if r.At(si, k) >= 0 || !capitalised(toks[k].Text) {
				continue
			}
			for _, n := range names {
				end := k + len(n.words)
				if end > len(toks) {
					continue
				}
				match := true
				for j, w := range n.words {
					if toks[k+j].Text != w || r.At(si, k+j) >= 0 {
						match = false
						break
					}
				}
				// Not when the match is only part of a longer name.
				if match && end < len(toks) && toks[end].UPOS == "PROPN" {
					match = false
				}
				if match {
					sp := doc.Span{Start: k, End: end}
					r.Link(n.e, si, sp, spanText(&d.Sentences[si], sp), "name")
					k = end - 1
					break
				}
			}
		}
	}
}

// hearst corrects an entity's type from "X and other Ys" ("Oxfam and other
// terrorist groups"): X is a Y. The pattern is read from the words, not
// the tree, because parsers often attach the conjunct elsewhere.
func (r *Result) hearst(d *doc.Document) {
	votes := map[int]string{}
	for si := range d.Sentences {
		toks := d.Sentences[si].Tokens
		for k := 2; k < len(toks)-1; k++ {
			if !strings.EqualFold(toks[k].Text, "other") {
				continue
			}
			cc := strings.ToLower(toks[k-1].Text)
			e := r.At(si, k-2)
			if cc != "and" && cc != "or" || e < 0 || !r.Entities[e].Named() {
				continue
			}
			// The noun the run of modifiers after "other" ends in.
			y := -1
			for j := k + 1; j < len(toks) && j <= k+4; j++ {
				if toks[j].UPOS == "NOUN" {
					y = j
				} else if toks[j].UPOS != "ADJ" {
					break
				}
			}
			if y < 0 {
				continue
			}
			lemma := strings.ToLower(toks[y].Lemma)
			r.call(e, lemma)
			switch {
			case orgNouns[lemma]:
				votes[e] = fact.Organization
			case placeNouns[lemma]:
				votes[e] = fact.Location
			}
		}
	}
	for e, typ := range votes {
		r.Entities[e].Type = typ
	}
}

// appositionNouns records what appositions call named entities ("Acme,
// a company based in …" → company).
func (r *Result) appositionNouns(d *doc.Document) {
	for si := range d.Sentences {
		toks := d.Sentences[si].Tokens
		for _, t := range toks {
			if t.DepRel != "appos" || t.UPOS != "NOUN" || t.Head < 1 {
				continue
			}
			if e := r.At(si, t.Head-1); e >= 0 && r.Entities[e].Named() {
				r.call(e, t.Lemma)
			}
		}
	}
}

func kindOf(m *mention, e *fact.Entity) string {
	if strings.Join(m.name, " ") == e.Name && len(m.handles) == 0 && m.text == e.Name {
		return "name"
	}
	return "alias"
}

// newMention builds a mention from an NER span, separating handles
// (@handle) and the title and affiliation words that news style puts
// before a name ("German Chancellor Angela Merkel") from the name
// proper. A title followed by a name makes the mention a person whatever
// type the recogniser gave the whole span.
func newMention(s *doc.Sentence, si int, e ner.Entity) *mention {
	m := &mention{sent: si, span: doc.Span{Start: e.Start, End: e.End}, typ: mapType(e.Type), entity: -1}
	start := e.Start
	// The last title word that has a capitalised word after it in the span.
	for k := e.End - 2; k >= e.Start; k-- {
		if lexicon.IsTitle(strings.ToLower(s.Tokens[k].Text)) && capitalised(s.Tokens[k+1].Text) {
			if street(s.Tokens, k) {
				break // "Main St. Peter Brown": an address runs on into a name
			}
			if prev := s.Tokens[max(k-1, 0)].Text; k > e.Start && firstNameGender(prev) != 0 && !isAcronym(prev) && !isPlace(prev) {
				continue // "Jimmy Dean Watkins": a name's middle word
			}
			if e.Type != "PERSON" && commonWordIn(s, k+1, e.End) {
				break // "UN General Assembly", "Major League Baseball": a name of a thing
			}
			if k+2 == e.End && (isPlace(s.Tokens[k+1].Text) || functionWord(s.Tokens[k+1].Text)) {
				break // "Captain America", "Doctor Who": a title and a place or a pronoun make one name
			}
			start = k + 1
			m.typ = fact.Person
			break
		}
	}
	// "the State Department Spokesperson": a recogniser often runs an
	// organisation's name on into the title of a person that follows it;
	// the title is no part of the name. What is left must end in a noun
	// that names no person: "Norwegian Foreign Minister" and "Associate
	// Attorney General" are titles whole.
	if m.typ != fact.Person {
		end := m.span.End
		for end-start >= 2 && lexicon.IsTitle(strings.ToLower(s.Tokens[end-1].Text)) {
			prev := s.Tokens[end-2].Text
			if !capitalised(prev) || lexicon.IsTitle(strings.ToLower(prev)) {
				break
			}
			end--
		}
		if last := s.Tokens[end-1]; end < m.span.End && (last.UPOS == "NOUN" || last.UPOS == "PROPN") {
			if typ, share, ok := lexicon.NounType(strings.ToLower(last.Lemma)); !ok || typ != fact.Person || share < 0.5 {
				m.span.End = end
			}
		}
	}
	// "Isabel Ruiz of Heaven Sent Gaming": a person's name ends before
	// "of" (the rest is where the person is from).
	end := m.span.End
	if m.typ == fact.Person {
		for k := start + 1; k < e.End-1; k++ {
			if s.Tokens[k].Text == "of" {
				if k == start+1 && firstNameGender(s.Tokens[start].Text) == 0 {
					break // "Earl of Clare", "Joan of Arc": one word and "of" name someone whole
				}
				end = k
				break
			}
		}
	}
	var nameToks []int
	for k := start; k < end; k++ {
		w := s.Tokens[k].Text
		switch {
		case strings.HasPrefix(w, "@") && len(w) > 1:
			m.handles = append(m.handles, w)
		case w == "'s" || w == "’s" || w == "'" || isPunct(w) && w != "." && w != "&" && w != "-":
		default:
			nameToks = append(nameToks, k)
		}
	}
	m.nameSpan = doc.Span{Start: start, End: end}
	if len(nameToks) == 0 {
		if len(m.handles) == 0 {
			return nil
		}
		m.name = []string{m.handles[0]}
	} else {
		first, last := nameToks[0], nameToks[len(nameToks)-1]
		if last-first+1 == len(nameToks) {
			m.name = strings.Fields(spanText(s, doc.Span{Start: first, End: last + 1}))
		} else {
			for _, k := range nameToks {
				m.name = append(m.name, s.Tokens[k].Text)
			}
		}
	}
	// A span of nothing but title words is a description, not a name.
	allTitles := true
	for _, w := range m.name {
		if !lexicon.IsTitle(strings.ToLower(w)) {
			allTitles = false
		}
	}
	if allTitles && len(m.handles) == 0 {
		return nil
	}
	if len(m.name) == 1 && functionWord(m.name[0]) {
		return nil // "(Doctor) Who": a pronoun, not a name
	}
	if len(m.name) == 1 && dateWord(m.name[0], s, e.End) {
		return nil // "Wednesday", "May 12": a date, not an entity
	}
	if len(m.name) == 1 && eraWord(m.name[0]) && e.Start > 0 && (s.Tokens[e.Start-1].UPOS == "NUM" || strings.HasPrefix(strings.ToLower(s.Tokens[e.Start-1].Lemma), "centur") || strings.HasPrefix(strings.ToLower(s.Tokens[e.Start-1].Lemma), "millenni")) {
		return nil // "594 BC", "the 7th century BC": part of a date
	}
	if p, ok := lexicon.Place(m.name[0]); ok && len(m.name) == 1 && !strings.HasSuffix(m.name[0], "s") && m.typ != fact.Person {
		m.name = strings.Fields(p) // "Chilean" → Chile
		m.typ = fact.Location
	}
	if c, ok := lexicon.PlaceName(strings.Join(m.name, " ")); ok && m.typ != fact.Person {
		m.name = strings.Fields(c)
		m.typ = fact.Location
	}
	m.text = spanText(s, m.nameSpan)
	m.headTok = end - 1
	return m
}

// isPlace reports whether w is a place's name or demonym.
func isPlace(w string) bool {
	_, demonym := lexicon.Place(w)
	_, place := lexicon.PlaceName(w)
	return demonym || place
}

// commonWordIn reports whether a token of s in [from, to) is a common
// noun GUM knows as naming no person ("League", "Research").
func commonWordIn(s *doc.Sentence, from, to int) bool {
	for k := from; k < to; k++ {
		if typ, _, ok := lexicon.NounType(strings.ToLower(s.Tokens[k].Text)); ok && typ != fact.Person {
			return true
		}
	}
	return false
}

// titledNames finds person names the recogniser missed right after a
// title ("director General Suleiman al-Amr"): a run of two or more
// capitalised proper nouns, none tagged, none a title, a place or a
// common noun GUM knows, joined in the tree to the title word before
// it, and not running on into a recognised name.
func titledNames(s *doc.Sentence) []ner.Entity {
	toks := s.Tokens
	var out []ner.Entity
	for k := 0; k+2 < len(toks); k++ {
		if !lexicon.IsTitle(strings.ToLower(toks[k].Text)) && !roleNoun(s, k) || toks[k].UPOS != "NOUN" && toks[k].UPOS != "PROPN" {
			continue
		}
		end, words := k+1, 0
		for end < len(toks) && toks[end].Ent == "O" {
			t := toks[end]
			if t.UPOS == "PUNCT" && t.Text == "-" && !t.SpaceAfter && words > 0 {
				end++
				continue
			}
			low := strings.ToLower(t.Text)
			if t.UPOS != "PROPN" || lexicon.IsTitle(low) {
				break
			}
			if _, _, common := lexicon.NounType(low); common || isPlace(t.Text) {
				break
			}
			words++
			end++
		}
		for end > k+1 && toks[end-1].UPOS == "PUNCT" {
			end--
		}
		sp := doc.Span{Start: k + 1, End: end}
		if words < 2 || !capitalised(toks[k+1].Text) || end < len(toks) && toks[end].Ent != "O" && toks[end].UPOS == "PROPN" {
			continue
		}
		// The tree joins name and title: one heads the other, or both
		// hang on the same title word ("director General Suleiman").
		h := s.SpanHead(sp)
		if h < 0 {
			continue
		}
		th, nh := toks[k].Head-1, toks[h].Head-1
		joined := nh == k || th >= sp.Start && th < sp.End
		if th == nh && th >= 0 && lexicon.IsTitle(strings.ToLower(toks[th].Text)) {
			joined = true
		}
		if !joined {
			continue
		}
		out = append(out, ner.Entity{Type: "PERSON", Start: sp.Start, End: sp.End, Text: s.SpanText(sp)})
		k = end - 1
	}
	return out
}

var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}
var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true}

// dateWord reports whether a one-word name is a weekday, or a month
// followed by a number.
func dateWord(w string, s *doc.Sentence, next int) bool {
	l := strings.ToLower(strings.TrimSuffix(w, "."))
	if weekdays[l] {
		return true
	}
	return months[l] && next < len(s.Tokens) && s.Tokens[next].UPOS == "NUM"
}

func capitalised(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

func isPunct(w string) bool {
	for _, r := range w {
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
			return false
		}
	}
	return w != ""
}

func mapType(t string) string {
	switch strings.ToUpper(t) {
	case "PERSON", "PER":
		return fact.Person
	case "ORGANIZATION", "ORG":
		return fact.Organization
	case "LOCATION", "LOC", "GPE", "PLACE":
		return fact.Location
	case "EVENT":
		return fact.Event
	}
	return fact.Organization
}

// cluster groups name mentions into entities. Longer names are placed
// first; a shorter person name joins the one entity whose name it is a
// part of (first or last name), any name joins an identical one.
func (r *Result) cluster(ms []*mention) {
	order := make([]*mention, len(ms))
	copy(order, ms)
	sort.SliceStable(order, func(i, j int) bool { return len(order[i].name) > len(order[j].name) })
	byName := map[string]int{}
	for _, m := range order {
		full := strings.Join(m.name, " ")
		key := strings.ToLower(full)
		if e, ok := byName[key]; ok {
			m.entity = e
			r.addAliases(e, m)
			continue
		}
		// A part of a longer person name.
		if len(m.name) == 1 && m.typ == fact.Person {
			cands := map[int]bool{}
			for k, e := range byName {
				ent := &r.Entities[e]
				if ent.Type != fact.Person {
					continue
				}
				words := strings.Fields(k)
				if len(words) > 1 && (words[len(words)-1] == key || words[0] == key) {
					cands[e] = true
				}
			}
			if len(cands) == 1 {
				for e := range cands {
					m.entity = e
					byName[key] = e
					r.addAliases(e, m)
				}
				continue
			}
		}
		// A short form of an organisation: its acronym (UN, NATO).
		if len(m.name) == 1 && isAcronym(m.name[0]) {
			found := -1
			for k, e := range byName {
				if acronym(k) == strings.ToLower(m.name[0]) {
					if found >= 0 && found != e {
						found = -2
						break
					}
					found = e
				}
			}
			if found >= 0 {
				m.entity = found
				byName[key] = found
				r.addAliases(found, m)
				continue
			}
		}
		r.Entities = append(r.Entities, fact.Entity{Name: full, Type: m.typ})
		m.entity = len(r.Entities) - 1
		byName[key] = m.entity
		r.addAliases(m.entity, m)
	}
}

func (r *Result) addAliases(e int, m *mention) {
	ent := &r.Entities[e]
	add := func(a string) {
		a = strings.TrimSpace(a)
		if a == "" || a == ent.Name {
			return
		}
		for _, x := range ent.Aliases {
			if x == a {
				return
			}
		}
		ent.Aliases = append(ent.Aliases, a)
	}
	add(strings.Join(m.name, " "))
	add(strings.TrimSuffix(strings.TrimSuffix(m.text, "'s"), "’s"))
	for _, h := range m.handles {
		add(h)
	}
}

func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && r != '.' {
			return false
		}
	}
	return true
}

func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if w == "of" || w == "the" || w == "and" || w == "for" {
			continue
		}
		r := []rune(w)
		b.WriteRune(unicode.ToLower(r[0]))
	}
	return b.String()
}

// titlesOf finds the title and affiliation words before a person's name
// in the same noun phrase: "German Chancellor Angela Merkel",
// "French President Emmanuel Macron", and appositions "Macron,
// the president of France,".
func (r *Result) titlesOf(d *doc.Document, m *mention) {
	s := &d.Sentences[m.sent]
	toks := s.Tokens
	in := func(k int) bool { return k >= m.span.Start && k < m.span.End }
	// Tokens left of the name whose head is inside the name or inside the
	// run already collected.
	lo := m.span.Start
	for k := m.span.Start - 1; k >= 0; k-- {
		h := toks[k].Head - 1
		rel := toks[k].DepRel
		if !(in(h) || (h >= k && h < m.nameSpan.End)) {
			break
		}
		if rel != "compound" && rel != "amod" && rel != "flat" && rel != "nmod:poss" && rel != "nmod:desc" && !in(k) {
			break
		}
		lo = k
	}
	// News style stacks affiliation and title words before a name
	// ("German Chancellor Angela Merkel"). Parsers often attach such a
	// run wrongly, so a contiguous run of capitalised words that ends in a
	// title is taken as the person's whatever the tree says.
	run := m.nameSpan.Start
	hasTitle := false
	otherName := -1 // the first name that starts the run, if any
	for k := m.nameSpan.Start - 1; k >= 0; k-- {
		t := &toks[k]
		if joiningHyphen(toks, k) {
			continue // "Secretary-General": one word
		}
		if !capitalised(t.Text) && !lexicon.IsTitle(strings.ToLower(t.Text)) {
			break
		}
		// "However General Barno", "Hi Mr. Katsof", "Greetings Judge
		// Minkin": a sentence adverb, an interjection or the sentence's
		// own root before a title is no part of it.
		switch t.UPOS {
		case "VERB", "AUX", "ADP", "DET", "PRON", "PUNCT", "CCONJ", "SCONJ", "NUM", "INTJ", "ADV":
			k = -1
			continue
		}
		if t.DepRel == "root" || salutation(t.Text) {
			break
		}
		if street(toks, k) {
			break // "Main St. Peter Brown": an address, not a saint's title
		}
		if e := r.At(m.sent, k); e >= 0 && r.Entities[e].Type == fact.Person {
			break
		}
		// "Mark Dean Laurent", "Jeffrey Dasovich Director Ann Lee": a
		// first name before the title words makes them part of another
		// name (a middle name, a sender's signature), not a title.
		if low := strings.ToLower(t.Text); hasTitle && t.UPOS == "PROPN" && !lexicon.IsTitle(low) && firstNameGender(t.Text) != 0 && !isAcronym(t.Text) && !isPlace(t.Text) {
			if _, _, common := lexicon.NounType(low); !common {
				hasTitle, otherName = false, k
				break
			}
		}
		if lexicon.IsTitle(strings.ToLower(t.Text)) {
			hasTitle = true
		}
		run = k
	}
	if hasTitle && run < lo {
		lo = run
	}
	// "the Arts and Humanities Citation Index Professor Chomsky", "Food
	// and Drug Administration Commissioner Ann Lee": words right after a
	// conjunction are the end of a name cut in two, neither title nor
	// affiliation; the title starts at its first title word.
	if hasTitle && lo >= 2 && toks[lo-1].UPOS == "CCONJ" && capitalised(toks[lo-2].Text) {
		for lo < m.nameSpan.Start && !lexicon.IsTitle(strings.ToLower(toks[lo].Text)) {
			lo++
		}
	}
	if hasTitle {
		for k := lo; k < m.nameSpan.Start; k++ {
			r.owner[[2]int{m.sent, k}] = m.entity
		}
	}
	var title []string
	var tspan doc.Span
	aff := -1
	for k := lo; k < m.nameSpan.Start; k++ {
		w := toks[k].Text
		if e := r.At(m.sent, k); e >= 0 && e != m.entity {
			if r.Entities[e].Type != fact.Person {
				aff = e
			}
			continue
		}
		if p, ok := lexicon.Place(w); ok {
			aff = r.place(p, m.sent, doc.Span{Start: k, End: k + 1}, w)
			continue
		}
		// A run of capitalised words naming a known place ("United States").
		if capitalised(w) && !lexicon.IsTitle(strings.ToLower(w)) {
			end := k + 1
			for end < m.nameSpan.Start && capitalised(toks[end].Text) && !lexicon.IsTitle(strings.ToLower(toks[end].Text)) {
				end++
			}
			sp := doc.Span{Start: k, End: end}
			if p, ok := lexicon.PlaceName(spanText(s, sp)); ok {
				aff = r.place(p, m.sent, sp, spanText(s, sp))
				k = end - 1
				continue
			}
		}
		if low := strings.ToLower(w); (low == "of" || low == "for") && len(title) > 0 && lexicon.IsTitle(strings.ToLower(title[len(title)-1])) {
			title = append(title, w) // "Undersecretary for Education": the office's own words
			continue
		}
		if joiningHyphen(toks, k) && len(title) > 0 && k+1 < m.nameSpan.Start {
			title[len(title)-1] += "-" + toks[k+1].Text // "Secretary-General"
			tspan.End = k + 2
			k++
			continue
		}
		if w == "'s" || w == "’s" || toks[k].UPOS == "DET" || toks[k].UPOS == "PUNCT" || toks[k].UPOS == "ADP" {
			continue
		}
		if salutation(w) || toks[k].UPOS == "INTJ" {
			title = nil // "Dear Mr. Smith": a letter's greeting
			continue
		}
		if len(title) > 0 && honorific(w) {
			break // "Undersecretary for Education Mr. Toccafondi": the title ends before the form of address
		}
		if len(title) == 0 {
			tspan.Start = k
		}
		title = append(title, w)
		tspan.End = k + 1
	}
	for len(title) > 0 && (title[len(title)-1] == "of" || title[len(title)-1] == "for") {
		title = title[:len(title)-1]
	}
	if len(title) > 0 && (!titleLike(title) || otherName >= 0 && tspan.Start <= otherName+1) {
		title = nil
	}
	if len(title) > 1 && r.unknownLead(s, m.sent, tspan.Start) {
		title = nil // "Gravity CEO Kim", "Muhammed Sheikh Khalil": an unknown name runs into the title
	}
	// "New Zealand's Prime Minister John Key": the possessor of the
	// title is what the person is affiliated with.
	if len(title) > 0 && aff < 0 {
		for j := 0; j < lo; j++ {
			if toks[j].DepRel != "nmod:poss" {
				continue
			}
			if h := toks[j].Head - 1; h < lo || h >= m.nameSpan.Start {
				continue
			}
			if e := r.At(m.sent, j); e >= 0 && e != m.entity && (r.Entities[e].Type == fact.Location || r.Entities[e].Type == fact.Organization) {
				aff = e
			}
		}
	}
	// Apposition: "Macron, the president of France,"; "Ann Lee, the
	// researcher,".
	for k, t := range toks {
		if t.DepRel == "appos" && in(t.Head-1) && addressed(toks, k) {
			continue // "Senator Hatfield, Mr. President,": a form of address, someone else
		}
		if t.DepRel == "appos" && in(t.Head-1) && (t.UPOS == "NOUN" || t.UPOS == "PROPN") && !in(k) && (roleNoun(s, k) && !r.placed(s, m.sent, k) || r.roleAt(s, m.sent, k)) {
			words, a := r.appositionTitle(s, m.sent, k)
			if len(words) > 0 {
				r.Titles = append(r.Titles, Title{Entity: m.entity, Title: strings.Join(words, " "), Affiliation: a, Sent: m.sent, Span: doc.Span{Start: k, End: k + 1}})
			}
		} else if t.DepRel == "appos" && in(t.Head-1) && t.UPOS == "NOUN" && !in(k) && t.XPOS != "NNS" && personNoun(t.Lemma) {
			// "Ann Lee, a second year Acme art major": no role, but a
			// named organisation compounded onto a person noun is where
			// the person belongs.
			for j, c := range toks {
				if e := r.At(m.sent, j); c.Head-1 == k && c.DepRel == "compound" && e >= 0 && e != m.entity && r.Entities[e].Type == fact.Organization {
					r.Titles = append(r.Titles, Title{Entity: m.entity, Affiliation: e, Sent: m.sent, Span: doc.Span{Start: j, End: j + 1}})
					break
				}
			}
		}
	}
	// "Cres Eastman, Director of the study, and Chairman of the centre":
	// parsers often join a second title of a name as a conjunct. A
	// bare title noun (no determiner) set off by a comma right after
	// the name's phrase is the person's title, not a second person.
	// With a determiner ("Ann Lee, the spokesperson, said") it is the
	// person's title when nothing coordinates (no conjunct of the name
	// has a conjunction) and a comma closes it: an apposition.
	for k, t := range toks {
		if t.DepRel != "conj" || !in(t.Head-1) || in(k) || k == 0 {
			continue
		}
		if (t.UPOS != "NOUN" && t.UPOS != "PROPN") || !lexicon.IsTitle(strings.ToLower(t.Lemma)) || r.At(m.sent, k) >= 0 || addressed(toks, k) {
			continue
		}
		bare, named := true, false
		first := k
		for j := range toks {
			if toks[j].Head-1 != k {
				continue
			}
			switch toks[j].DepRel {
			case "det", "nmod:poss":
				bare = false
			case "flat":
				named = true
			}
			if j < k && toks[j].DepRel != "punct" && toks[j].DepRel != "cc" {
				first = min(first, j)
			}
		}
		if named || bare && toks[k-1].Text != "," || !bare && (first <= m.nameSpan.End || toks[first-1].Text != "," || !appositiveConj(toks, t.Head-1, k)) {
			continue
		}
		if words, a := r.appositionTitle(s, m.sent, k); len(words) > 0 {
			r.Titles = append(r.Titles, Title{Entity: m.entity, Title: strings.Join(words, " "), Affiliation: a, Sent: m.sent, Span: doc.Span{Start: k, End: k + 1}})
		}
	}
	// "the Crown prosecutor, Mark Tedeschi," / "Senior researcher Mu Li":
	// the name is in apposition to a title noun.
	if hd := m.headTok; hd >= 0 && hd < len(toks) {
		for j := m.nameSpan.Start; j < m.nameSpan.End; j++ {
			h := toks[j].Head - 1
			if toks[j].DepRel != "appos" || h < 0 || in(h) || toks[h].UPOS != "NOUN" || !roleNoun(s, h) {
				continue
			}
			if words, a := r.appositionTitle(s, m.sent, h); len(words) > 0 {
				r.Titles = append(r.Titles, Title{Entity: m.entity, Title: strings.Join(words, " "), Affiliation: a, Sent: m.sent, Span: doc.Span{Start: h, End: h + 1}})
			}
			break
		}
	}
	// "the doctors Ann Lee and Bob Cruz": a plural title noun that
	// coordinated names are in apposition to is each one's.
	if h := s.SpanHead(m.nameSpan); h >= 0 && toks[h].DepRel == "conj" {
		if g := toks[h].Head - 1; g >= 0 && !in(g) && toks[g].DepRel == "appos" {
			n := toks[g].Head - 1
			if e := r.At(m.sent, g); n >= 0 && toks[n].UPOS == "NOUN" && toks[n].XPOS == "NNS" && roleNoun(s, n) && e >= 0 && r.Entities[e].Type == fact.Person {
				if words, a := r.appositionTitle(s, m.sent, n); len(words) > 0 {
					r.Titles = append(r.Titles, Title{Entity: m.entity, Title: strings.Join(words, " "), Affiliation: a, Sent: m.sent, Span: doc.Span{Start: n, End: n + 1}})
				}
			}
		}
	}
	// "Malaysia's Prime Minister, Najib Razak said": parsers often make
	// a title and the name after its comma two subjects of one verb;
	// one verb has one subject, so the title is the name's. Likewise
	// "in the words of the chief prosecutor, Ann Lee, QC": a role
	// noun and the name after its comma, set off by a comma in turn,
	// made two dependents of one word in one relation.
	if hd := s.SpanHead(m.nameSpan); hd >= 0 && m.nameSpan.Start >= 2 && toks[m.nameSpan.Start-1].Text == "," {
		k := m.nameSpan.Start - 2
		subj := strings.HasPrefix(toks[hd].DepRel, "nsubj") && lexicon.IsTitle(strings.ToLower(toks[k].Lemma))
		setOff := m.nameSpan.End == len(toks) || isPunct(toks[m.nameSpan.End].Text)
		if tk := toks[k]; (subj || setOff && toks[hd].DepRel != "conj" && roleNoun(s, k)) && tk.DepRel == toks[hd].DepRel && tk.Head == toks[hd].Head &&
			(tk.UPOS == "NOUN" || tk.UPOS == "PROPN") && r.At(m.sent, k) < 0 {
			if words, a := r.appositionTitle(s, m.sent, k); len(words) > 0 {
				r.Titles = append(r.Titles, Title{Entity: m.entity, Title: normTitle(words), Affiliation: a, Sent: m.sent, Span: doc.Span{Start: k, End: k + 1}})
			}
		}
	}
	r.ofAffiliation(s, m)
	r.fromAffiliation(s, m)
	if len(title) == 0 && aff < 0 {
		return
	}
	if len(title) > 0 && tspan.End == m.nameSpan.Start {
		// "Chancellor Merkel": a titled name is a name too.
		r.addAlias(m.entity, spanText(s, doc.Span{Start: tspan.Start, End: m.nameSpan.End}))
	}
	t := Title{Entity: m.entity, Title: normTitle(title), Affiliation: aff, Sent: m.sent, Span: tspan}
	if tspan.Len() == 0 {
		t.Span = doc.Span{Start: lo, End: m.nameSpan.Start}
	}
	r.Titles = append(r.Titles, t)
}

// dropSubTitles drops a title that is part of another title of the same
// person in the same sentence ("director" beside "Director General",
// "Vice" beside "Vice President"), or the same title again: two rules
// read one phrase. An affiliation only the dropped title carries stays.
func (r *Result) dropSubTitles() {
	words := func(t string) []string { return strings.Fields(strings.ToLower(t)) }
	within := func(a, b []string) bool {
		for i := 0; i+len(a) <= len(b); i++ {
			if slices.Equal(a, b[i:i+len(a)]) {
				return true
			}
		}
		return false
	}
	out := r.Titles[:0]
	for i, t := range r.Titles {
		a := words(t.Title)
		for j, u := range r.Titles {
			if i == j || u.Entity != t.Entity || u.Sent != t.Sent || len(a) == 0 {
				continue
			}
			if b := words(u.Title); len(a) < len(b) && within(a, b) || slices.Equal(a, b) && j < i {
				t.Title, a = "", nil
				if t.Affiliation == u.Affiliation {
					t.Affiliation = -1
				}
			}
		}
		if t.Title != "" || t.Affiliation >= 0 {
			out = append(out, t)
		}
	}
	r.Titles = out
}

// salutation reports whether w opens a letter's greeting ("Dear").
func salutation(w string) bool { return strings.EqualFold(w, "dear") }

// appositiveConj reports whether conjunct k of name head h is an
// apposition the parser joined as a conjunct: no conjunct of h has a
// coordinating conjunction, and a comma follows k's phrase.
func appositiveConj(toks []doc.Token, h, k int) bool {
	last := k
	for j := range toks {
		if toks[j].DepRel == "cc" && toks[j].Head >= 1 && toks[toks[j].Head-1].DepRel == "conj" && toks[toks[j].Head-1].Head-1 == h {
			return false
		}
		if inSubtree(toks, j, k) {
			last = max(last, j) // the end of k's phrase: its last descendant
		}
	}
	for last+1 < len(toks) && toks[last].Text == "," && toks[last].Head-1 == k {
		last-- // a comma the parser hung on k itself
	}
	return last+1 < len(toks) && toks[last+1].Text == ","
}

// inSubtree reports whether token j is token h or one of its
// descendants.
func inSubtree(toks []doc.Token, j, h int) bool {
	for a, n := j, 0; a >= 0 && n < len(toks); a, n = toks[a].Head-1, n+1 {
		if a == h {
			return true
		}
	}
	return false
}

// titleLike accepts a run of words as a title when its last word is a
// known title noun ("Minister", "President", "spokesman").
func titleLike(words []string) bool {
	for i, w := range words {
		if l := strings.ToLower(w); (l == "of" || l == "for") && i > 0 {
			return lexicon.IsTitle(strings.ToLower(words[i-1])) // "Minister of Defence"
		}
	}
	last := strings.ToLower(words[len(words)-1])
	if i := strings.LastIndex(last, "-"); i > 0 {
		last = last[i+1:] // "Secretary-General"
	}
	return lexicon.IsTitle(last)
}

// normTitle capitalises a title's words ("prime minister" → "Prime Minister").
func normTitle(words []string) string {
	if len(words) == 0 {
		return ""
	}
	out := make([]string, len(words))
	for i, w := range words {
		r := []rune(w)
		if len(r) > 0 && unicode.IsLower(r[0]) && w != "of" && w != "the" && w != "for" {
			r[0] = unicode.ToUpper(r[0])
		}
		out[i] = string(r)
	}
	return strings.Join(out, " ")
}

// ofAffiliation records, for a person's name the recogniser ran on into
// "of X" ("Isabel Ruiz of Heaven Sent Gaming"), X as the person's
// affiliation: an entity already so named, else a new organisation (or
// place, when X is one).
func (r *Result) ofAffiliation(s *doc.Sentence, m *mention) {
	k := m.nameSpan.End
	if k >= m.span.End || !strings.EqualFold(s.Tokens[k].Text, "of") {
		return
	}
	sp := doc.Span{Start: k + 1, End: m.span.End}
	for sp.Start < sp.End && strings.EqualFold(s.Tokens[sp.Start].Text, "the") {
		sp.Start++
	}
	if sp.Len() == 0 || !capitalised(s.Tokens[sp.Start].Text) {
		return
	}
	var ok bool
	if sp, ok = wholeName(s, sp); !ok {
		return
	}
	name := spanText(s, sp)
	aff := -1
	for i := range r.Entities {
		e := &r.Entities[i]
		if i == m.entity || e.Type == fact.Person {
			continue
		}
		if strings.EqualFold(e.Name, name) || slices.ContainsFunc(e.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
			aff = i
			break
		}
	}
	if aff < 0 {
		typ := fact.Organization
		if p, ok := lexicon.PlaceName(name); ok {
			name, typ = p, fact.Location
		}
		r.Entities = append(r.Entities, fact.Entity{Name: name, Type: typ})
		aff = len(r.Entities) - 1
	}
	r.Entities[aff].Mentions = append(r.Entities[aff].Mentions, fact.Mention{Sent: m.sent, Span: sp, Text: spanText(s, sp), Kind: "name"})
	r.Titles = append(r.Titles, Title{Entity: m.entity, Affiliation: aff, Sent: m.sent, Span: sp})
	r.shareAffiliation(s, m, aff, sp)
}

// shareAffiliation gives the affiliation aff, which a prepositional
// phrase after the name of mention m says, to the person names
// coordinated before it: "Ann Lee and Bob Smith of Acme" are both of
// Acme. Every conjunct must be a person's name, m's the last, and none
// of the others may have a prepositional phrase of its own.
func (r *Result) shareAffiliation(s *doc.Sentence, m *mention, aff int, sp doc.Span) {
	h := s.SpanHead(m.nameSpan)
	if h < 0 || s.Tokens[h].DepRel != "conj" {
		return
	}
	first := s.Tokens[h].Head - 1
	conj := []int{first}
	for j, t := range s.Tokens {
		if t.Head-1 == first && t.DepRel == "conj" {
			conj = append(conj, j)
		}
	}
	if conj[len(conj)-1] != h {
		return
	}
	var people []int
	for _, c := range conj[:len(conj)-1] {
		e := r.At(m.sent, c)
		if e < 0 || e == m.entity || r.Entities[e].Type != fact.Person || s.Tokens[c].XPOS == "NNPS" {
			return
		}
		for j, t := range s.Tokens {
			if t.Head-1 == c && strings.HasPrefix(t.DepRel, "nmod") && t.DepRel != "nmod:poss" && t.DepRel != "nmod:desc" && r.At(m.sent, j) != e {
				return // "Ann Lee of Acme and Bob Smith of Initech"
			}
		}
		people = append(people, e)
	}
	for _, e := range people {
		r.Titles = append(r.Titles, Title{Entity: e, Affiliation: aff, Sent: m.sent, Span: sp})
	}
}

// fromAffiliation records, for a person's name that is the subject of
// its clause, a named organisation the tree attaches to the name with
// "from", "of" or "at" as the person's affiliation: news introduces a
// speaker so ("Ann Lee from Acme said", "Ann Lee at Acme says").
func (r *Result) fromAffiliation(s *doc.Sentence, m *mention) {
	h := s.SpanHead(m.nameSpan)
	if h < 0 || s.Tokens[h].XPOS == "NNPS" {
		return
	}
	// The last of coordinated subjects: "Ann Lee and Bob Smith from
	// Acme said".
	subj := s.Tokens[h]
	if subj.DepRel == "conj" && subj.Head >= 1 {
		subj = s.Tokens[subj.Head-1]
	}
	if !strings.HasPrefix(subj.DepRel, "nsubj") {
		return
	}
	for j, t := range s.Tokens {
		if t.Head-1 != h || t.DepRel != "nmod" || j < m.nameSpan.End {
			continue
		}
		e := r.At(m.sent, j)
		if e < 0 || e == m.entity || r.Entities[e].Type != fact.Organization {
			continue
		}
		for _, c := range s.Tokens {
			if c.Head-1 != j || c.DepRel != "case" {
				continue
			}
			switch strings.ToLower(c.Text) {
			case "from", "of", "at":
				r.Titles = append(r.Titles, Title{Entity: m.entity, Affiliation: e, Sent: m.sent, Span: doc.Span{Start: j, End: j + 1}})
				r.shareAffiliation(s, m, e, doc.Span{Start: j, End: j + 1})
				return
			}
		}
	}
}

// roleNoun reports whether the common noun k, in apposition to a
// person's name, names the person's role: a title ("the president,
// Ann Lee"), or a singular noun that GUM's mentions nearly always type
// as a person ("Senior researcher Ann Lee", "the researcher, Ann Lee")
// made definite by "the" or by no determiner. A title word that GUM
// often reads otherwise ("major", "general") written lowercase is no
// title with a compound that names a field or a time ("a second year
// art major" is a student). An indefinite or possessed person noun ("a
// friend", "his wife") describes rather than entitles.
func roleNoun(s *doc.Sentence, k int) bool {
	t := s.Tokens[k]
	lemma := strings.ToLower(t.Lemma)
	typ, share, known := lexicon.NounType(lemma)
	if lexicon.IsTitle(lemma) {
		if !known || typ == fact.Person && share >= 0.9 || capitalised(t.Text) {
			return true
		}
		// "art major", "year": a compound naming a field or a time
		// gives the word its other sense; "army general" keeps it.
		for _, c := range s.Tokens {
			if c.Head-1 == k && c.DepRel == "compound" && c.UPOS == "NOUN" {
				if ct, _, ok := lexicon.NounType(strings.ToLower(c.Lemma)); ok && ct != fact.Person && ct != fact.Organization && ct != fact.Location {
					return false
				}
			}
		}
		return true
	}
	if t.UPOS != "NOUN" || t.XPOS != "NN" || !personNoun(lemma) || descriptiveNouns[lemma] {
		return false
	}
	for _, c := range s.Tokens {
		if c.Head-1 != k {
			continue
		}
		if c.DepRel == "nmod:poss" || c.DepRel == "det" && !strings.EqualFold(c.Text, "the") {
			return false
		}
	}
	return true
}

// personNoun reports whether a common noun lemma names a person: a
// title word, a noun GUM's mentions nearly always type as a person, or
// an agent noun GUM does not know ("prosecutor", "strategist").
func personNoun(lemma string) bool {
	lemma = strings.ToLower(lemma)
	typ, share, known := lexicon.NounType(lemma)
	return lexicon.IsTitle(lemma) || known && typ == fact.Person && share >= 0.9 || !known && agentNoun(lemma)
}

// agentNoun reports whether a noun ends like an English agent noun:
// -or, -ist, -ian ("prosecutor", "analyst", "historian"); not -er, which
// as often names a doer of one deed ("forger", "record holder").
func agentNoun(lemma string) bool {
	if len(lemma) < 6 {
		return false
	}
	for _, suf := range []string{"or", "ist", "ian"} {
		if strings.HasSuffix(lemma, suf) {
			return true
		}
	}
	return false
}

// descriptiveNouns are person nouns of general English that say what or
// whose someone is, not what post they hold: kinship, age and sex, and
// company ("the daughter, Marie", "the guy, Ahmed").
var descriptiveNouns = map[string]bool{
	"man": true, "woman": true, "guy": true, "girl": true, "boy": true, "child": true, "kid": true, "baby": true,
	"person": true, "people": true, "individual": true, "gentleman": true, "friend": true, "neighbor": true, "neighbour": true,
	"son": true, "daughter": true, "mother": true, "father": true, "mom": true, "mum": true, "dad": true, "parent": true,
	"wife": true, "husband": true, "brother": true, "sister": true, "sibling": true, "cousin": true, "uncle": true, "aunt": true,
	"grandfather": true, "grandmother": true, "grandson": true, "granddaughter": true, "nephew": true, "niece": true,
	"boyfriend": true, "girlfriend": true, "fiance": true, "fiancee": true, "partner": true, "victim": true, "fan": true,
}

// titleModifiers are the adjectives of general English that belong to a
// post ("former editor", "senior researcher"); other lowercase
// adjectives before a person noun describe the person ("proud owner",
// "reclusive leader") and are no part of the title.
var titleModifiers = map[string]bool{
	"former": true, "acting": true, "interim": true, "deputy": true, "senior": true, "junior": true, "chief": true,
	"assistant": true, "associate": true, "vice": true, "executive": true, "principal": true, "managing": true, "general": true,
	"head": true, "lead": true, "presidential": true, "emeritus": true,
}

// placed reports whether the person noun k, not a title and without a
// determiner, has a prepositional phrase that names no organisation
// ("editor at Jeddah", "father of three"): that describes the person
// (roleAt takes the noun with an organisation).
func (r *Result) placed(s *doc.Sentence, si, k int) bool {
	if lexicon.IsTitle(strings.ToLower(s.Tokens[k].Lemma)) {
		return false
	}
	nmod := false
	for j, t := range s.Tokens {
		if t.Head-1 != k {
			continue
		}
		switch {
		case t.DepRel == "det":
			return false
		case strings.HasPrefix(t.DepRel, "nmod") && t.DepRel != "nmod:poss":
			if e := r.At(si, j); e < 0 || r.Entities[e].Type != fact.Organization {
				nmod = true
			}
		}
	}
	return nmod
}

// roleAt reports whether noun k is a person noun without determiner
// that names an organisation it belongs to ("editor at large at the
// Saudi Gazette", "researcher at the University of X"): a role held at
// the organisation, which news style writes as a title. A person noun
// with an article ("a practising homeopath") or without an organisation
// ("father of three") describes rather than entitles.
func (r *Result) roleAt(s *doc.Sentence, si, k int) bool {
	typ, share, ok := lexicon.NounType(strings.ToLower(s.Tokens[k].Lemma))
	if !ok || typ != fact.Person || share < 0.9 || s.Tokens[k].XPOS != "NN" {
		return false
	}
	org := false
	for j, t := range s.Tokens {
		if t.Head-1 != k {
			continue
		}
		switch {
		case t.DepRel == "det" || t.DepRel == "nmod:poss":
			return false
		case strings.HasPrefix(t.DepRel, "nmod"):
			if e := r.At(si, j); e >= 0 && r.Entities[e].Type == fact.Organization {
				org = true
			}
		}
	}
	return org
}

func (r *Result) appositionTitle(s *doc.Sentence, si, k int) ([]string, int) {
	var words []string
	aff := -1
	// Only a title, or a role at an organisation, keeps every adjective.
	described := !lexicon.IsTitle(strings.ToLower(s.Tokens[k].Lemma)) && !r.roleAt(s, si, k)
	for j := 0; j < len(s.Tokens); j++ {
		t := s.Tokens[j]
		if j == k || (t.Head-1 == k && (t.DepRel == "compound" || t.DepRel == "amod")) {
			if j != k && t.DepRel == "amod" && described && !capitalised(t.Text) && !titleModifiers[strings.ToLower(t.Lemma)] {
				continue // "the proud owner": a description
			}
			if p, ok := lexicon.Place(t.Text); ok {
				aff = r.place(p, si, doc.Span{Start: j, End: j + 1}, t.Text)
				continue
			}
			// "the State Department spokesperson": a named organisation
			// or place before the title noun is the affiliation.
			if e := r.At(si, j); j != k && e >= 0 && (r.Entities[e].Type == fact.Organization || r.Entities[e].Type == fact.Location) {
				aff = e
				continue
			}
			w := t.Text
			if j == k && t.XPOS == "NNS" && t.Lemma != "" && !capitalised(w) {
				w = t.Lemma // "the doctors A and B": each is a doctor
			}
			words = append(words, w)
		}
		if t.Head-1 == k && t.DepRel == "nmod" {
			if e := r.At(si, j); e >= 0 && (!described || r.Entities[e].Type == fact.Organization || r.Entities[e].Type == fact.Location) {
				aff = e // not the work a person noun is "of" ("curator of Andy Warhol")
			} else if c := r.nationalOrg(s, si, j); c >= 0 && aff < 0 {
				aff = c
			}
		}
		// "Malaysia's Prime Minister": a place or organisation that
		// owns the title.
		if t.Head-1 == k && t.DepRel == "nmod:poss" {
			if e := r.At(si, j); e >= 0 && (r.Entities[e].Type == fact.Location || r.Entities[e].Type == fact.Organization) {
				aff = e
			}
		}
	}
	return words, aff
}

// nationalOrg returns the concept named by the common noun phrase headed
// by token j when it names a nation's organisation, such as a title's
// "for the Indonesian military" or "of the Iraqi government": an
// organisation noun (as GUM types it, nearly always) introduced by a
// preposition of membership and modified by a demonym or a place's
// name. That is as specific as a name; a bare "the company" is not. It
// returns -1 otherwise.
func (r *Result) nationalOrg(s *doc.Sentence, si, j int) int {
	t := s.Tokens[j]
	if t.UPOS != "NOUN" {
		return -1
	}
	if typ, share, ok := lexicon.NounType(strings.ToLower(t.Lemma)); !ok || typ != fact.Organization || share < 0.8 {
		return -1
	}
	member, national := false, false
	start := j
	for i, c := range s.Tokens {
		if c.Head-1 != j {
			continue
		}
		switch c.DepRel {
		case "case":
			switch strings.ToLower(c.Text) {
			case "for", "of", "at", "with", "from":
				member = true
			}
		case "amod", "compound":
			if i > j {
				continue
			}
			_, demonym := lexicon.Place(c.Text)
			_, named := lexicon.PlaceName(c.Text)
			if demonym || named {
				national = true
			}
			start = min(start, i)
		}
	}
	if !member || !national {
		return -1
	}
	sp := doc.Span{Start: start, End: j + 1}
	text := spanText(s, sp)
	return r.Concept(text, fact.Mention{Sent: si, Span: sp, Text: text, Kind: "concept"})
}

// place returns the location entity called name, creating it if needed,
// and records a demonym mention of it.
func (r *Result) place(name string, sent int, sp doc.Span, text string) int {
	for i := range r.Entities {
		e := &r.Entities[i]
		if e.Type == fact.Location && strings.EqualFold(e.Name, name) {
			r.Link(i, sent, sp, text, "demonym")
			return i
		}
	}
	r.Entities = append(r.Entities, fact.Entity{Name: name, Type: fact.Location})
	e := len(r.Entities) - 1
	r.Link(e, sent, sp, text, "demonym")
	return e
}

// personTitles maps a lower-cased title (and its acronym) to the persons
// holding it.
func (r *Result) personTitles() map[string]map[int]bool {
	out := map[string]map[int]bool{}
	add := func(k string, e int) {
		if out[k] == nil {
			out[k] = map[int]bool{}
		}
		out[k][e] = true
	}
	for _, t := range r.Titles {
		if t.Title == "" {
			continue
		}
		k := strings.ToLower(t.Title)
		add(k, t.Entity)
		if a := acronym(k); len(a) > 1 {
			add(a, t.Entity)
		}
	}
	return out
}

// descriptions links definite descriptions: "the Prime Minister" (a
// title held by exactly one person so far), "PM of Spain" (a title's
// acronym, with a matching affiliation), and "the militant group" (a noun
// whose usual type matches exactly one recent named entity).
func (r *Result) descriptions(d *doc.Document) {
	titles := r.personTitles()
	affOf := map[int]map[int]bool{}
	for _, t := range r.Titles {
		if t.Affiliation >= 0 {
			if affOf[t.Entity] == nil {
				affOf[t.Entity] = map[int]bool{}
			}
			affOf[t.Entity][t.Affiliation] = true
		}
	}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		kids := s.Children()
		for h, t := range s.Tokens {
			if r.At(si, h) >= 0 || !(t.UPOS == "NOUN" || t.UPOS == "PROPN") {
				continue
			}
			if h+1 < len(s.Tokens) && s.Tokens[h+1].Head-1 == h && (s.Tokens[h+1].DepRel == "compound" || s.Tokens[h+1].DepRel == "flat") {
				continue // not the head of its phrase
			}
			// The phrase: determiners, compounds, adjectives before h.
			lo := h
			def := false
			var words []string
			for _, c := range kids[h] {
				if c > h {
					continue
				}
				switch s.Tokens[c].DepRel {
				case "det":
					l := strings.ToLower(s.Tokens[c].Text)
					if l == "the" {
						def = true
					}
					lo = min(lo, c)
				case "compound", "amod", "flat":
					lo = min(lo, c)
				}
			}
			for k := lo; k <= h; k++ {
				if s.Tokens[k].UPOS != "DET" {
					words = append(words, s.Tokens[k].Text)
				}
			}
			var ofEnt = -1
			for _, c := range kids[h] {
				if c > h && strings.HasPrefix(s.Tokens[c].DepRel, "nmod") {
					if e := r.At(si, c); e >= 0 {
						ofEnt = e
					}
				}
			}
			key := strings.ToLower(strings.Join(words, " "))
			// A title held by one person: "the Prime Minister", "PM of Spain".
			if holders := titles[key]; len(holders) > 0 && (def || ofEnt >= 0 || t.UPOS == "PROPN") {
				cand := -1
				n := 0
				for e := range holders {
					if ofEnt >= 0 && !affOf[e][ofEnt] {
						continue
					}
					cand = e
					n++
				}
				if n == 1 {
					end := h + 1
					for _, c := range kids[h] {
						if c > h && strings.HasPrefix(s.Tokens[c].DepRel, "nmod") && r.At(si, c) == ofEnt {
							end = max(end, c+1)
						}
					}
					sp := doc.Span{Start: lo, End: end}
					r.Link(cand, si, sp, spanText(s, sp), "description")
					continue
				}
			}
			// "The Islamic militant group": a definite singular noun whose
			// usual type has exactly one recent named entity.
			if !def || t.XPOS == "NNS" || t.UPOS != "NOUN" {
				continue
			}
			if h+2 < len(s.Tokens) && strings.EqualFold(s.Tokens[h+1].Text, "of") && relativeWord(s.Tokens[h+2].Text) {
				continue // "a city, the population of which is …": the relative says whose; wherever the parser hung it
			}
			lemma := strings.ToLower(t.Lemma)
			typ, share, ok := lexicon.NounType(lemma)
			if orgNouns[lemma] {
				typ, share, ok = fact.Organization, 1, true
			}
			if typ == fact.Location && !placeNouns[lemma] {
				continue // "the south", "the world" name no earlier place
			}
			if typ == fact.Organization && !orgNouns[lemma] {
				continue // "the court" after "the Crown": not the same body
			}
			if !ok || share < 0.6 || (typ != fact.Organization && typ != fact.Location && typ != fact.Person) {
				continue
			}
			if typ == fact.Person && modified(s, kids, h) {
				continue // "the next generation of children" is no one person
			}
			if typ == fact.Person && lexicon.IsTitle(lemma) {
				continue // "the mayor": only a holder of the title (above) is meant, not whoever was named last
			}
			cand := r.recent(si, lo, typ, 2)
			if cand >= 0 && typ == fact.Organization && !r.calledBy(cand, lemma) {
				// "the government" after a news agency's name: only a
				// noun the text has called the organisation links to it.
				cand = -1
			}
			if cand >= 0 {
				sp := doc.Span{Start: lo, End: h + 1}
				r.Link(cand, si, sp, spanText(s, sp), "description")
			}
		}
	}
}

func (r *Result) addAlias(e int, a string) {
	ent := &r.Entities[e]
	if a == "" || a == ent.Name {
		return
	}
	for _, x := range ent.Aliases {
		if x == a {
			return
		}
	}
	ent.Aliases = append(ent.Aliases, a)
}

func firstNonDet(s *doc.Sentence, lo, hi int) int {
	for lo < hi && s.Tokens[lo].UPOS == "DET" {
		lo++
	}
	return lo
}

// recent returns the single entity of type typ mentioned by name in the
// window sentences before (sent, tok), the nearest sentence first; -1 if
// none or if the nearest sentence with one has several.
func (r *Result) recent(sent, tok int, typ string, window int) int {
	for s := sent; s >= 0 && s >= sent-window; s-- {
		found := map[int]bool{}
		for i := range r.Entities {
			e := &r.Entities[i]
			if e.Type != typ {
				continue
			}
			for _, m := range e.Mentions {
				if m.Sent == s && (s < sent || m.Span.End <= tok) && (m.Kind == "name" || m.Kind == "alias") {
					found[i] = true
				}
			}
		}
		if e, decided := only(found); decided {
			return e
		}
	}
	return -1
}

// only returns the single member of set, or -1 when it has several;
// decided is false when the set is empty, so the search goes on.
func only(set map[int]bool) (e int, decided bool) {
	if len(set) == 0 {
		return -1, false
	}
	if len(set) > 1 {
		return -1, true
	}
	for e := range set {
		return e, true
	}
	return -1, false
}

// orgNouns are nouns that, in a definite description, denote an
// organisation ("the militant group", "the agency"). GUM types many of
// them as groups of people, which is right for its annotation but not for
// linking a description to a named organisation.
var orgNouns = map[string]bool{
	"group": true, "organization": true, "organisation": true, "movement": true, "party": true, "militia": true,
	"faction": true, "company": true, "firm": true, "agency": true, "government": true, "administration": true,
	"ministry": true, "department": true, "union": true, "alliance": true, "coalition": true, "network": true,
	"regime": true, "council": true, "committee": true, "corporation": true, "bank": true, "league": true, "club": true,
}

// placeNouns are the place nouns that, definite, refer back to a named
// place ("the city", "the country").
var placeNouns = map[string]bool{
	"country": true, "nation": true, "city": true, "town": true, "village": true, "state": true, "province": true,
	"region": true, "capital": true, "territory": true, "island": true, "kingdom": true, "republic": true, "enclave": true,
}

var personPronouns = map[string]bool{"he": true, "him": true, "his": true, "himself": true, "she": true, "her": true, "hers": true, "herself": true}

// pronouns links third-person singular personal pronouns to the person
// that is the most salient candidate: the subject of the same or the
// previous sentence when that is a person, else the only person
// mentioned there.
func (r *Result) pronouns(d *doc.Document) {
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for k, t := range s.Tokens {
			if t.UPOS != "PRON" || !personPronouns[strings.ToLower(t.Text)] || r.At(si, k) >= 0 {
				continue
			}
			if l := strings.ToLower(t.Text); l == "himself" || l == "herself" {
				// "Montalvo turned himself in": a reflexive is its own
				// clause's subject, or nobody the text names.
				if e := r.clauseSubject(s, si, k); e >= 0 && r.genderFits(e, t.Text) {
					r.Link(e, si, doc.Span{Start: k, End: k + 1}, t.Text, "pronoun")
				}
				continue
			}
			if e := r.antecedent(d, si, k); e >= 0 && r.genderFits(e, t.Text) && !r.clauseMate(s, si, k, e) {
				r.Link(e, si, doc.Span{Start: k, End: k + 1}, t.Text, "pronoun")
			}
		}
	}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for k, t := range s.Tokens {
			if l := strings.ToLower(t.Text); t.UPOS != "PRON" || (l != "it" && l != "its") || r.At(si, k) >= 0 {
				continue
			}
			if !strings.HasPrefix(t.DepRel, "nsubj") && t.DepRel != "nmod:poss" {
				continue // "make it right": an object "it" is mostly no thing
			}
			if extraposed(s, k) {
				continue // "it is crucial that …": "it" stands for the clause
			}
			if e := r.thingAntecedent(d, si, k); e >= 0 {
				r.Link(e, si, doc.Span{Start: k, End: k + 1}, t.Text, "pronoun")
			}
		}
	}
}

// extraposed reports whether pronoun k is the subject of a predicate
// that has a clause of its own ("it is crucial that …", "it seems to …").
func extraposed(s *doc.Sentence, k int) bool {
	h := s.Tokens[k].Head - 1
	if h < 0 {
		return false
	}
	if strings.EqualFold(s.Tokens[h].Lemma, "time") && copular(s, h) {
		return true // "it is time to go": no thing is meant
	}
	seemVerb := false
	switch strings.ToLower(s.Tokens[h].Lemma) {
	case "seem", "appear", "look", "sound", "feel":
		seemVerb = true
	}
	for ci, t := range s.Tokens {
		if t.Head-1 == h {
			switch t.DepRel {
			case "ccomp", "csubj":
				if t.DepRel == "ccomp" && gerundAfterObject(s, h, ci) {
					continue // "it will contain lots of rain, making floods likely": a participle, not what "it" stands for
				}
				return true
			case "advcl":
				// "it would be better if …", "it looks like X will …";
				// but "once X comes ashore, it will …" is about X.
				if s.Tokens[h].UPOS == "ADJ" || copular(s, h) || seemVerb {
					return true
				}
			case "xcomp":
				// "it seems to …" stands for what follows; "it will
				// begin to lose strength" is the thing itself.
				if l := strings.ToLower(s.Tokens[h].Lemma); l == "seem" || l == "appear" || l == "be" || s.Tokens[h].UPOS == "ADJ" {
					return true
				}
			}
		}
	}
	return false
}

// gerundAfterObject reports whether clause c of verb h is a bare -ing
// form (no subject, no marker) after h's direct object ("it will contain
// lots of rainfall making flooding certain"): a participle phrase the
// parser took for a complement clause; an extraposed clause is a "that"
// or "to" clause.
func gerundAfterObject(s *doc.Sentence, h, ci int) bool {
	if s.Tokens[ci].XPOS != "VBG" || s.Tokens[h].UPOS != "VERB" || copular(s, h) {
		return false
	}
	obj := -1
	for j, t := range s.Tokens {
		if t.Head-1 == h && t.DepRel == "obj" {
			obj = j
		}
	}
	if obj < 0 || ci < obj {
		return false
	}
	for _, t := range s.Tokens {
		if t.Head-1 == ci && (strings.HasPrefix(t.DepRel, "nsubj") || t.DepRel == "mark") {
			return false
		}
	}
	return true
}

// copular reports whether token h has a copula.
func copular(s *doc.Sentence, h int) bool {
	for _, t := range s.Tokens {
		if t.Head-1 == h && t.DepRel == "cop" {
			return true
		}
	}
	return false
}

// thingAntecedent finds what a subject "it" refers to: a named thing
// (organisation, place, event) that is the subject of the same sentence
// before it or of the previous sentence's main clause, when no other
// named thing or common noun subject stands between. -1 otherwise.
func (r *Result) thingAntecedent(d *doc.Document, si, k int) int {
	thing := func(p, j int) (int, bool) {
		e := r.Owner(p, j)
		if e < 0 {
			e = r.At(p, j)
		}
		if e < 0 {
			return -1, false
		}
		t := r.Entities[e].Type
		return e, t == fact.Organization || t == fact.Location || t == fact.Event || r.namedByThingNoun(d, e)
	}
	s := &d.Sentences[si]
	for j := k - 1; j >= 0; j-- {
		if strings.HasPrefix(s.Tokens[j].DepRel, "nsubj") {
			if evaluativeAside(s, j) {
				continue // "and this is important, it will …": "this" is the point made, no thing
			}
			if relativeElsewhere(s, j, k) {
				return -1 // "a piece that the Times quoted, but it is about …": the subject of a relative clause the pronoun is not in
			}
			if e, ok := thing(si, j); ok {
				return e
			}
			return -1 // a nearer subject that is no named thing
		}
	}
	if si == 0 {
		return -1
	}
	if e := r.questionTopic(d, si, thing); e >= 0 {
		return e
	}
	ps := &d.Sentences[si-1]
	for j, t := range ps.Tokens {
		if strings.HasPrefix(t.DepRel, "nsubj") && t.Head > 0 && ps.Tokens[t.Head-1].Head == 0 {
			if e, ok := thing(si-1, j); ok {
				return e
			}
			return -1
		}
	}
	return -1
}

// questionTopic finds what a subject "it" in the first sentence of an
// answer refers to: in questions and answers (interviews, FAQs), an
// answer's paragraph may open with "it" for the thing the question asked
// about ("Will Cyclone X lose strength as it surges over land?" — "Yes,
// it will lose strength …"), even when other answers to the same
// question stand between. The question is the last paragraph before
// sentence si that ends in "?", at most three paragraphs back; its
// subjects must name exactly one thing (organisation, place, event) and
// no other noun. -1 otherwise.
func (r *Result) questionTopic(d *doc.Document, si int, thing func(p, j int) (int, bool)) int {
	if !blankLineBetween(d, si-1, si) {
		return -1 // not the first sentence of its paragraph
	}
	paras := 0
	q := -1
	for k := si - 1; k >= 0 && paras < 3; k-- {
		if k+1 < len(d.Sentences) && (k+1 == si || blankLineBetween(d, k, k+1)) {
			// k ends a paragraph.
			paras++
			if endsWith(&d.Sentences[k], "?") {
				q = k
				break
			}
		}
	}
	if q < 0 || endsWith(lastOfParagraph(d, si), "?") {
		return -1
	}
	qs := &d.Sentences[q]
	found := -1
	for j, t := range qs.Tokens {
		if !strings.HasPrefix(t.DepRel, "nsubj") {
			continue
		}
		e, ok := thing(q, j)
		switch {
		case ok:
			if found >= 0 && found != e {
				return -1
			}
			found = e
		case e >= 0 || t.UPOS == "NOUN" || t.UPOS == "PROPN":
			return -1 // another thing or person asked about
		}
	}
	return found
}

// lastOfParagraph is the last sentence of si's paragraph.
func lastOfParagraph(d *doc.Document, si int) *doc.Sentence {
	for si+1 < len(d.Sentences) && !blankLineBetween(d, si, si+1) {
		si++
	}
	return &d.Sentences[si]
}

// evaluativeAside reports whether subject j is "this" or "that" of an
// adjective with a copula ("this is important", "that is true"): a
// comment on what is said, which names no thing a later "it" could
// mean.
func evaluativeAside(s *doc.Sentence, j int) bool {
	t := s.Tokens[j]
	if t.UPOS != "PRON" {
		return false
	}
	if l := strings.ToLower(t.Text); l != "this" && l != "that" {
		return false
	}
	h := t.Head - 1
	return h >= 0 && s.Tokens[h].UPOS == "ADJ" && copular(s, h)
}

// namedByThingNoun reports whether a name typed a person starts with a
// word that the same text also uses as a common noun and that is no
// title or first name ("Cyclone Phailin" beside "tropical cyclones";
// "Operation X"): the recogniser's person type then is most likely
// wrong (unseen names are typed person), and "it" may refer to it. A
// person the text already calls "he" or "she" never qualifies.
func (r *Result) namedByThingNoun(d *doc.Document, e int) bool {
	en := &r.Entities[e]
	if en.Type != fact.Person {
		return false
	}
	w := strings.Fields(en.Name)
	if len(w) < 2 {
		return false
	}
	first := strings.ToLower(w[0])
	if lexicon.IsTitle(first) {
		return false
	}
	if _, ok := lexicon.Gender(w[0]); ok {
		return false
	}
	for _, m := range en.Mentions {
		if m.Kind == "pronoun" && pronounGender(m.Text) != 0 {
			return false
		}
	}
	if r.nounLemmas == nil {
		// Common nouns of the text, lower-cased lemma → a form seen.
		r.nounLemmas = map[string][]string{}
		for si := range d.Sentences {
			for _, t := range d.Sentences[si].Tokens {
				if t.UPOS == "NOUN" {
					l := strings.ToLower(t.Lemma)
					if len(r.nounLemmas[l]) < 2 && !slices.Contains(r.nounLemmas[l], t.Text) {
						r.nounLemmas[l] = append(r.nounLemmas[l], t.Text)
					}
				}
			}
		}
	}
	for _, form := range r.nounLemmas[first] {
		if form != w[0] {
			return true
		}
	}
	return false
}

// genderWords are titles that say a person's gender.
var genderWords = map[string]byte{
	"mr": 'm', "mr.": 'm', "sir": 'm', "lord": 'm', "king": 'm', "prince": 'm', "duke": 'm', "father": 'm', "brother": 'm',
	"mrs": 'f', "mrs.": 'f', "ms": 'f', "ms.": 'f', "miss": 'f', "lady": 'f', "dame": 'f', "queen": 'f', "princess": 'f',
	"duchess": 'f', "sister": 'f', "mother": 'f',
}

// genderFits reports whether a pronoun can refer to entity e: false only
// when e's first name (as GUM's coreference uses it) or one of its titles
// (Mr, Ms, Queen …) says otherwise.
func (r *Result) genderFits(e int, pronoun string) bool {
	var want byte
	switch strings.ToLower(pronoun) {
	case "he", "him", "his", "himself":
		want = 'm'
	case "she", "her", "hers", "herself":
		want = 'f'
	default:
		return true
	}
	if w := strings.Fields(r.Entities[e].Name); len(w) > 1 {
		if g, ok := lexicon.Gender(w[0]); ok && g != want {
			return false
		}
	}
	for _, t := range r.Titles {
		if t.Entity != e {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(t.Title)) {
			if g, ok := genderWords[w]; ok && g != want {
				return false
			}
		}
	}
	for _, m := range r.Entities[e].Mentions {
		for _, w := range strings.Fields(strings.ToLower(m.Text)) {
			if g, ok := genderWords[w]; ok && g != want {
				return false
			}
		}
		// A person already called "he" is not "she" a few lines on.
		if m.Kind == "pronoun" {
			if g := pronounGender(m.Text); g != 0 && g != want {
				return false
			}
		}
	}
	return true
}

func pronounGender(w string) byte {
	switch strings.ToLower(w) {
	case "he", "him", "his", "himself":
		return 'm'
	case "she", "her", "hers", "herself":
		return 'f'
	}
	return 0
}

// unknownName reports whether sentence si holds, before token k, a
// capitalised proper noun that is no resolved entity (a name the
// recogniser missed): it may well be what a pronoun after it means.
func (r *Result) unknownName(s *doc.Sentence, si, k int) bool {
	for j := 0; j < k && j < len(s.Tokens); j++ {
		t := s.Tokens[j]
		if t.UPOS != "PROPN" || !capitalised(t.Text) || r.At(si, j) >= 0 || r.Owner(si, j) >= 0 {
			continue
		}
		if lexicon.IsTitle(strings.ToLower(t.Text)) || strings.HasPrefix(t.DepRel, "nmod") || t.DepRel == "compound" {
			continue
		}
		switch base, _, _ := strings.Cut(t.DepRel, ":"); base {
		case "nsubj", "dislocated", "appos", "root", "obj", "iobj", "obl", "vocative":
			// "There's Jason, who is our editor, and he's the one who":
			// a name in any argument role may be what "he" means.
			return true
		}
	}
	return false
}

func (r *Result) antecedent(d *doc.Document, si, k int) int {
	// Earlier in the same sentence: a person subject.
	s := &d.Sentences[si]
	if r.unknownName(s, si, k) {
		return -1 // "Josh Kindig, he's coming": a name not recognised
	}
	for j := 0; j < k; j++ {
		if strings.HasPrefix(s.Tokens[j].DepRel, "nsubj") {
			if e := r.Owner(si, j); e >= 0 && r.Entities[e].Type == fact.Person {
				return e
			}
			if e := r.apposedPerson(s, si, j); e >= 0 {
				return e // "His father Ann Lee said he …": the subject is the named person
			}
		}
	}
	// Otherwise a person named earlier in the same sentence ("Josh
	// Kindig, he's coming") is nearer than any before it; two are
	// ambiguous.
	here := map[int]bool{}
	for j := 0; j < k; j++ {
		if e := r.Owner(si, j); e >= 0 && r.Entities[e].Type == fact.Person {
			if m := r.mentionKind(e, si, j); m == "name" || m == "alias" {
				here[e] = true
			}
		}
	}
	// Only a name standing on its own ("Josh Kindig, he …") is taken;
	// a name inside another argument ("things like Karis, she …") is
	// not what the pronoun picks up.
	named := maps.Clone(here)
	for e := range here {
		if !r.detached(s, si, k, e) {
			delete(here, e)
		}
	}
	if e, decided := only(here); decided {
		return e
	}
	if e := r.earlierAntecedent(d, si); len(named) == 0 || named[e] {
		return e
	}
	// "… what made Warhol famous; however, he is …": a person named
	// just before, inside an argument, is no safe antecedent, and no
	// safer is another of an earlier sentence.
	return -1
}

// earlierAntecedent returns the person the sentences before si make the
// likeliest antecedent of a pronoun in si, or -1.
func (r *Result) earlierAntecedent(d *doc.Document, si int) int {
	for p := si - 1; p >= 0 && p >= si-3; p-- {
		ps := &d.Sentences[p]
		if fragment(ps) {
			continue // "Image: Jambula.", "First Corinthians 9:25?": a caption or a heading
		}
		// The main clause subject of the previous sentence. When it is a
		// name the recogniser did not call a person, no guess is made: it
		// may well be the person the pronoun means.
		for j, t := range ps.Tokens {
			if strings.HasPrefix(t.DepRel, "nsubj") && t.Head > 0 && ps.Tokens[t.Head-1].Head == 0 {
				e := r.Owner(p, j)
				if e < 0 {
					e = r.At(p, j)
				}
				if e >= 0 && r.Entities[e].Type == fact.Person {
					return e
				}
				if t.UPOS == "PROPN" && (e < 0 || r.Entities[e].Type != fact.Person) {
					return -1
				}
			}
		}
		// The subject of another clause, when it is a person: "a statement
		// read: 'Merkel condemned …'. He conveyed …".
		for j, t := range ps.Tokens {
			if strings.HasPrefix(t.DepRel, "nsubj") {
				if e := r.Owner(p, j); e >= 0 && r.Entities[e].Type == fact.Person {
					return e
				}
			}
		}
		persons := map[int]bool{}
		for j := range ps.Tokens {
			if e := r.At(p, j); e >= 0 && r.Entities[e].Type == fact.Person {
				persons[e] = true
			}
		}
		if e, decided := only(persons); decided {
			if e >= 0 && r.coArgument(ps, p, e) {
				return -1
			}
			return e
		}
	}
	return -1
}

// detached reports whether some mention of e before token k of sentence
// si heads a phrase outside the arguments of any predicate (a vocative,
// a left-dislocated name, a root or a parenthetical) or is a possessor
// ("Thomas' sister pleaded with him").
func (r *Result) detached(s *doc.Sentence, si, k, e int) bool {
	for _, m := range r.Entities[e].Mentions {
		if m.Sent != si || m.Span.Start >= k {
			continue
		}
		for j := m.Span.Start; j < m.Span.End && j < len(s.Tokens); j++ {
			h := s.Tokens[j].Head - 1
			if h >= m.Span.Start && h < m.Span.End {
				continue // not the mention's head
			}
			switch s.Tokens[j].DepRel {
			case "vocative", "dislocated", "root", "parataxis", "list", "dep", "nmod:poss":
				return true
			}
		}
	}
	return false
}

// relativeWord reports a relative pronoun that can follow "of" ("the
// population of which", "most of whom").
func relativeWord(w string) bool {
	switch strings.ToLower(w) {
	case "which", "whom", "whose":
		return true
	}
	return false
}

// modified reports whether noun h has modifiers beyond determiners
// (adjectives, compounds, prepositional phrases, clauses).
func modified(s *doc.Sentence, kids [][]int, h int) bool {
	for _, c := range kids[h] {
		switch r := s.Tokens[c].DepRel; {
		case r == "amod", r == "compound", r == "acl", r == "acl:relcl", strings.HasPrefix(r, "nmod"), r == "nummod":
			return true
		}
	}
	return false
}

// fragment reports a sentence without any verb: a caption, heading or
// label, which introduces no one a later pronoun picks up.
func fragment(s *doc.Sentence) bool {
	for _, t := range s.Tokens {
		if t.UPOS == "VERB" || t.UPOS == "AUX" {
			return false
		}
	}
	return true
}

// mentionKind returns the kind of e's mention covering token tok of
// sentence sent, or "".
func (r *Result) mentionKind(e, sent, tok int) string {
	for _, m := range r.Entities[e].Mentions {
		if m.Sent == sent && tok >= m.Span.Start && tok < m.Span.End {
			return m.Kind
		}
	}
	return ""
}

func spanText(s *doc.Sentence, sp doc.Span) string { return s.SpanText(sp) }

// functionWords are English closed-class words (pronouns, determiners,
// wh-words) that a capital letter can make look like a name.
var functionWords = map[string]bool{
	"who": true, "whom": true, "what": true, "which": true, "where": true, "when": true, "why": true, "how": true,
	"i": true, "you": true, "he": true, "she": true, "it": true, "we": true, "they": true, "me": true, "him": true, "her": true,
	"us": true, "them": true, "this": true, "that": true, "these": true, "those": true, "the": true, "a": true, "an": true,
	"no": true, "yes": true, "not": true, "all": true, "some": true, "any": true, "none": true,
}

// functionWord reports whether w is a closed-class word, in lower case
// or capitalised; written all in capitals ("US", "WHO", "IT") it is an
// acronym.
func functionWord(w string) bool {
	if len(w) > 1 && strings.ToUpper(w) == w {
		return false
	}
	return functionWords[strings.ToLower(w)]
}

// street reports whether token k is "St." ending a street's name ("Main
// St."): the abbreviation stands for Saint only before a name, with no
// capitalised word before it that is not itself a title.
func street(toks []doc.Token, k int) bool {
	if !strings.EqualFold(strings.TrimSuffix(toks[k].Text, "."), "st") || k == 0 {
		return false
	}
	p := toks[k-1].Text
	return capitalised(p) && !lexicon.IsTitle(strings.ToLower(p)) && toks[k-1].UPOS != "DET" && toks[k-1].UPOS != "ADP"
}

// wholeName checks that span sp, a name the recogniser ended inside a
// person's span, is the whole of its phrase, and extends it over a
// coordinated name that goes on after it ("of The Globe and Mail"). It
// reports false when the phrase's head lies after the span ("of the
// Architectural, Surveying and Planning constituency"): the name was
// cut, and what it is cannot be told.
func wholeName(s *doc.Sentence, sp doc.Span) (doc.Span, bool) {
	toks := s.Tokens
	h := s.SpanHead(sp)
	if h < 0 || toks[h].Head-1 >= sp.End {
		return sp, false
	}
	end := sp.End
	if end+1 < len(toks) && (toks[end].Text == "and" || toks[end].Text == "&") && inSubtree(toks, end+1, h) && capitalised(toks[end+1].Text) && toks[end+1].Ent == "O" {
		end += 2
		for end < len(toks) && inSubtree(toks, end, h) && capitalised(toks[end].Text) && toks[end].Ent == "O" {
			end++
		}
		sp.End = end
	}
	return sp, true
}

// honorific reports the titles of address ("Mr.", "Madam", with or
// without a period) that come before a name or, as in "Mr. President"
// or "Madam Speaker", before a title.
func honorific(w string) bool {
	switch strings.TrimSuffix(strings.ToLower(w), ".") {
	case "mr", "mrs", "ms", "miss", "madam", "madame", "mister":
		return true
	}
	return false
}

// addressed reports whether the title noun k has an honorific before it
// ("Mr. President"): a way to address or name its holder, who is not
// the person named beside it.
func addressed(toks []doc.Token, k int) bool {
	for j := 0; j < k; j++ {
		if toks[j].Head-1 == k && honorific(toks[j].Text) {
			return true
		}
	}
	return false
}

// coArgument reports whether person e is named, in sentence p, inside
// the clause of a subject "he" or "she" left unlinked ("… where he met
// Ann Lee."): the subject is someone else than the person of its own
// clause, and the likelier antecedent of a pronoun that follows, so
// that the one person named is no safe guess.
func (r *Result) coArgument(ps *doc.Sentence, p, e int) bool {
	toks := ps.Tokens
	for j, t := range toks {
		if !strings.HasPrefix(t.DepRel, "nsubj") || t.UPOS != "PRON" || !personPronouns[strings.ToLower(t.Text)] || r.At(p, j) >= 0 {
			continue
		}
		clause := t.Head - 1
		for _, m := range r.Entities[e].Mentions {
			if m.Sent != p {
				continue
			}
			h := ps.SpanHead(m.Span)
			if h < 0 || strings.HasPrefix(toks[h].DepRel, "nsubj") {
				continue
			}
			if inSubtree(toks, h, clause) {
				return true
			}
		}
	}
	return false
}

// clauseMate reports whether entity e is the subject of the predicate
// that the pronoun at token k is an object or oblique of: a plain
// pronoun never means its own clause's subject ("Wolfowitz lied to him":
// him is someone else; that would be "himself").
func (r *Result) clauseMate(s *doc.Sentence, si, k, e int) bool {
	t := s.Tokens[k]
	rel := t.DepRel
	if strings.HasSuffix(strings.ToLower(t.Text), "self") || rel != "obj" && rel != "iobj" && rel != "obl" && !strings.HasPrefix(rel, "obl:") {
		return false
	}
	for j, u := range s.Tokens {
		if j != k && u.Head == t.Head && strings.HasPrefix(u.DepRel, "nsubj") && (r.At(si, j) == e || r.Owner(si, j) == e) {
			return true
		}
	}
	return false
}

// joiningHyphen reports whether token k is a hyphen written without
// spaces between two capitalised words ("Secretary-General"), which the
// tokenizer split.
func joiningHyphen(toks []doc.Token, k int) bool {
	return toks[k].Text == "-" && k > 0 && k+1 < len(toks) && !toks[k-1].SpaceAfter && !toks[k].SpaceAfter &&
		capitalised(toks[k-1].Text) && capitalised(toks[k+1].Text)
}

// flatTail extends a person's name over the capitalised proper nouns
// right after it that the tree joins to the name as parts of it (flat)
// and the recogniser left out: "President George W. Bush" tagged as
// "George W.".
func flatTail(s *doc.Sentence, e ner.Entity) ner.Entity {
	if mapType(e.Type) != fact.Person {
		return e
	}
	end := e.End
	for end < len(s.Tokens) {
		t := s.Tokens[end]
		if t.Ent != "O" || t.UPOS != "PROPN" || t.DepRel != "flat" || !capitalised(t.Text) || t.Head-1 < e.Start || t.Head-1 >= end {
			break
		}
		end++
	}
	if end > e.End {
		e.End = end
		e.Text = s.SpanText(doc.Span{Start: e.Start, End: end})
	}
	return e
}

// dropCutAffiliations drops an affiliation whose name, where the title
// names it, goes on past what the recogniser took: a lower-case "on",
// "for", "of" or "and" and a capitalised word that belongs to no other
// name ("of the Council on American-Islamic Relations" read as
// "Council"). What the organisation is cannot be told from a part.
func (r *Result) dropCutAffiliations(d *doc.Document) {
	out := r.Titles[:0]
	for _, t := range r.Titles {
		if t.Affiliation >= 0 && r.cutName(d, t.Affiliation, t.Sent) {
			t.Affiliation = -1
		}
		if t.Title != "" || t.Affiliation >= 0 {
			out = append(out, t)
		}
	}
	r.Titles = out
}

func (r *Result) cutName(d *doc.Document, e, si int) bool {
	toks := d.Sentences[si].Tokens
	for _, m := range r.Entities[e].Mentions {
		k := m.Span.End
		if m.Sent != si || k+1 >= len(toks) {
			continue
		}
		switch toks[k].Text {
		case "on", "for", "of", "in", "and", "&":
			low := strings.ToLower(strings.TrimSuffix(toks[k+1].Text, "."))
			if n := toks[k+1]; capitalised(n.Text) && (n.UPOS == "PROPN" || n.UPOS == "ADJ") && !weekdays[low] && !months[low] && r.At(si, k+1) < 0 && r.Owner(si, k+1) < 0 {
				return true
			}
		}
	}
	return false
}

// eraWord reports whether w is an era marker written after a year or a
// century ("BC", "A.D.", "BCE", "CE").
func eraWord(w string) bool {
	switch strings.ReplaceAll(strings.ToUpper(w), ".", "") {
	case "BC", "AD", "BCE", "CE":
		return true
	}
	return false
}

// apposedPerson returns the person named in apposition to the noun at
// token j ("his father, Mohamed Ali"), or -1.
func (r *Result) apposedPerson(s *doc.Sentence, si, j int) int {
	if s.Tokens[j].UPOS != "NOUN" {
		return -1
	}
	for c, t := range s.Tokens {
		if t.Head-1 == j && t.DepRel == "appos" {
			if e := r.Owner(si, c); e >= 0 && r.Entities[e].Type == fact.Person {
				return e
			}
		}
	}
	return -1
}

// hyphenJoined joins two names of the same type that a hyphen written
// without spaces separates: the recogniser split "Hwang Hee-Chan's"
// into "Hwang Hee" and "Chan" (the tokenizer splits hyphens).
func hyphenJoined(s *doc.Sentence, es []ner.Entity) []ner.Entity {
	var out []ner.Entity
	for _, e := range es {
		if n := len(out); n > 0 {
			p := &out[n-1]
			if h := p.End; h == e.Start-1 && p.Type == e.Type && joiningHyphen(s.Tokens, h) {
				p.End = e.End
				p.Text = s.SpanText(doc.Span{Start: p.Start, End: p.End})
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// verbTrimmed ends a name before the lower-case verbs the recogniser ran
// it on into ("The Association of Muslim Scholars forbade …"): a name
// does not end in a verb written in lower case.
func verbTrimmed(s *doc.Sentence, e ner.Entity) ner.Entity {
	end := e.End
	for end > e.Start && (s.Tokens[end-1].UPOS == "VERB" || s.Tokens[end-1].UPOS == "AUX") && !capitalised(s.Tokens[end-1].Text) {
		end--
	}
	if end < e.End {
		e.End = end
		e.Text = s.SpanText(doc.Span{Start: e.Start, End: end})
	}
	return e
}

// unknownLead reports whether token k, the first word of a title of
// several, is a proper noun that is no title word, no place, no
// recognised name and no word GUM knows as a common noun, or a number:
// an organisation or a first name the recogniser missed ("Gravity CEO",
// "Muhammed Sheikh"), so the title cannot be told from the name.
func (r *Result) unknownLead(s *doc.Sentence, si, k int) bool {
	t := s.Tokens[k]
	if t.UPOS == "NUM" {
		return true
	}
	low := strings.ToLower(t.Text)
	if t.UPOS != "PROPN" || lexicon.IsTitle(low) || titleModifiers[low] || isPlace(t.Text) || isAcronym(t.Text) || r.At(si, k) >= 0 {
		return false
	}
	_, _, common := lexicon.NounType(low)
	return !common
}

// clauseSubject returns the person that is the subject of the clause of
// token k (a conjoined verb shares its first conjunct's subject), or -1.
func (r *Result) clauseSubject(s *doc.Sentence, si, k int) int {
	h := s.Tokens[k].Head - 1
	for n := 0; h >= 0 && n < len(s.Tokens); n++ {
		for j, t := range s.Tokens {
			if t.Head-1 == h && strings.HasPrefix(t.DepRel, "nsubj") {
				e := r.Owner(si, j)
				if e < 0 {
					e = r.At(si, j)
				}
				if e >= 0 && r.Entities[e].Type == fact.Person {
					return e
				}
				return -1
			}
		}
		if s.Tokens[h].DepRel != "conj" {
			return -1
		}
		h = s.Tokens[h].Head - 1
	}
	return -1
}

// relativeElsewhere reports whether subject j belongs to a relative
// clause and the pronoun at token k is the subject of another clause:
// the subject of a clause that describes a noun is no safe antecedent
// for a pronoun outside it ("a piece that the Times quoted, but it is
// about …", whatever the parser joined the second clause to).
func relativeElsewhere(s *doc.Sentence, j, k int) bool {
	c := s.Tokens[j].Head - 1
	return c >= 0 && s.Tokens[c].DepRel == "acl:relcl" && s.Tokens[k].Head-1 != c
}
