// Package extract turns an article into facts: it runs the language
// pipeline (tokenize → tag → parse → entities), finds propositions in each
// sentence (package clause), resolves who is who (package resolve), and
// assembles a fact.Document whose facts point back at their sentences and
// token spans.
//
// It is deterministic and does no I/O: reading inputs is package
// article's job and storing facts is package graph's.
package extract

import (
	"math"
	"strings"
	"sync"
	"unicode"

	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/extract/clause"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/extract/lexicon"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/parser"
	"github.com/kg-project/kg/extract/resolve"
	"github.com/kg-project/kg/extract/tagger"
	"github.com/kg-project/kg/extract/tokenize"
)

// Options tune extraction.
type Options struct {
	// MinConfidence drops facts scored below it (0 keeps all).
	MinConfidence float64
}

// Ready loads the embedded models and reports the first that cannot be
// loaded. Analyze works without calling it, but a broken model then
// yields empty annotations; commands call Ready first to fail loudly.
func Ready() error {
	// The models load in parallel: together they take about as
	// long as the largest alone.
	loads := []func() error{
		func() error { _, err := tagger.Default(); return err },
		func() error { _, err := parser.Default(); return err },
		func() error { _, err := ner.Default(); return err },
		tokenize.LoadBoundaryModel,
	}
	errs := make([]error, len(loads))
	var wg sync.WaitGroup
	for i, load := range loads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = load()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Analyze runs the language pipeline on text: sentences, tokens, tags,
// lemmas, dependency trees and named entities.
func Analyze(text string) *doc.Document {
	d := tokenize.Document(text)
	// One model over the whole document, then the next: each model's most
	// used weights stay in the CPU's caches (+22% tokens/s over tagging,
	// parsing and naming one sentence at a time). The tagger and parser
	// read only their own sentence, so the result is the same; the
	// recogniser then makes the names of the document consistent (one
	// type per name, short forms and acronyms typed as the full name).
	for i := range d.Sentences {
		tagger.Tag(&d.Sentences[i])
	}
	for i := range d.Sentences {
		parser.Parse(&d.Sentences[i])
	}
	ner.TagDocument(d)
	return d
}

// Extract analyses an article and returns its facts.
func Extract(a *article.Article, opts Options) *fact.Document {
	d := Analyze(a.Text)
	out := &fact.Document{ID: a.ID, Title: a.Title, Date: a.Date, Source: a.Source, Hash: a.Hash, Doc: d}
	Facts(out, opts)
	return out
}

// Facts fills in out.Entities and out.Facts from the analysed out.Doc.
func Facts(out *fact.Document, opts Options) {
	d := out.Doc
	res := resolve.Resolve(d)
	quotes := quoteSpeakers(d, res)
	b := builder{d: d, res: res}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for _, p := range clause.Extract(s) {
			b.add(si, s, p, quotes)
		}
		b.appositions(si, s)
	}
	for _, t := range res.Titles {
		if t.Title != "" && !honorific(t.Title) {
			conf := 0.95
			if adjectiveTitle(&d.Sentences[t.Sent], t) {
				conf *= 0.5 // "a major Warhol donor program": an adjective, not a rank
			}
			b.facts = append(b.facts, fact.Fact{
				Kind: fact.Title, Sent: t.Sent, Predicate: "has-title",
				Subject:     fact.Arg{Entity: t.Entity, Text: res.Entities[t.Entity].Name},
				Object:      fact.Arg{Entity: -1, Text: t.Title, Span: t.Span},
				PredSpan:    t.Span,
				Attribution: -1, Confidence: conf,
			})
		}
		if t.Affiliation >= 0 {
			b.facts = append(b.facts, fact.Fact{
				Kind: fact.Affiliation, Sent: t.Sent, Predicate: "affiliated-with",
				Subject:     fact.Arg{Entity: t.Entity, Text: res.Entities[t.Entity].Name},
				Object:      fact.Arg{Entity: t.Affiliation, Text: res.Entities[t.Affiliation].Name},
				PredSpan:    t.Span,
				Attribution: -1, Confidence: 0.9,
			})
		}
	}
	out.Entities = res.Entities
	for _, f := range b.facts {
		if f.Confidence >= opts.MinConfidence {
			out.Facts = append(out.Facts, f)
		}
	}
}

type builder struct {
	d     *doc.Document
	res   *resolve.Result
	facts []fact.Fact
}

// entityOf resolves an argument to an entity: the named entity or
// coreferent its head token belongs to, else a concept named by the
// argument's core words.
func (b *builder) entityOf(si int, s *doc.Sentence, a *clause.Arg, speaker int) (int, string) {
	return b.argOf(si, s, a, speaker, false)
}

type objRef struct {
	e    int
	text string
}

// objectsOf resolves an object: the members of a group ("helping us",
// of two people interviewed), else what argOf gives.
func (b *builder) objectsOf(si int, s *doc.Sentence, a *clause.Arg, speaker int, literal bool) []objRef {
	if g := b.res.Group(si, a.Head); len(g) > 0 && !a.Clause {
		out := make([]objRef, len(g))
		for i, e := range g {
			out[i] = objRef{e, b.res.Entities[e].Name}
		}
		return out
	}
	e, t := b.argOf(si, s, a, speaker, literal)
	return []objRef{{e, t}}
}

// argOf is entityOf; with literal, a bare number is kept as a value
// (a fact's object), not dropped.
func (b *builder) argOf(si int, s *doc.Sentence, a *clause.Arg, speaker int, literal bool) (int, string) {
	if indefiniteName(s, a.Head) {
		// "I'll do a Santorum", "he would make a blue Marilyn": a name
		// with "a" is something named after or like the entity, not
		// the entity; no node stands for it.
		return -1, ""
	}
	if e := b.res.Owner(si, a.Head); e >= 0 {
		return e, b.res.Entities[e].Name
	}
	if e := b.res.At(si, a.Head); e >= 0 {
		return e, b.res.Entities[e].Name
	}
	tk := s.Tokens[a.Head]
	low := strings.ToLower(tk.Text)
	if speaker >= 0 && (low == "i" || low == "me") {
		return speaker, b.res.Entities[speaker].Name
	}
	if tk.UPOS == "NUM" && a.Core.Len() <= 1 && literal && strings.ContainsFunc(tk.Text, unicode.IsDigit) {
		// "killing 107 or more": a count of what the text leaves out is
		// a value, no node.
		return -1, clause.Text(s, a.Span)
	}
	if low == "those" {
		// "those who were wounded", "those killed in the blast": the
		// clause says who; the phrase names them.
		if sp, ok := withClauseModifier(s, a.Head); ok {
			name := clause.Text(s, sp)
			m := fact.Mention{Sent: si, Span: sp, Text: name, Kind: "concept"}
			return b.res.Concept(name, m), name
		}
	}
	if tk.UPOS == "PRON" || tk.UPOS == "DET" || tk.UPOS == "NUM" && a.Core.Len() == 1 {
		return -1, "" // an unresolved pronoun is no node
	}
	switch low {
	case "whatnot", "etc", "etc.", "etcetera":
		// "characters and whatnot": a general extender ends a list; it
		// names nothing.
		return -1, ""
	}
	if (low == "one" || low == "ones") && a.Core.Len() == 1 {
		return -1, "" // "came up with that one": a pro-form for a noun said elsewhere
	}
	switch tk.UPOS {
	case "NOUN", "PROPN", "NUM", "X", "SYM", "ADJ":
	default:
		if !a.Clause {
			return -1, "" // "that", "per": a parse gone wrong, not a thing
		}
	}
	core := clause.Text(s, a.Core)
	if !strings.ContainsFunc(core, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) && !a.Clause {
		return -1, ""
	}
	if core == "" || a.Clause {
		return -1, clause.Text(s, a.Span)
	}
	m := fact.Mention{Sent: si, Span: a.Core, Text: core, Kind: "concept"}
	return b.res.Concept(core, m), core
}

// adjectiveTitle reports a one-word title that the text has as an
// adjective ("a major Warhol donor program", "the general Smith
// family"): a rank's word used as a modifier, most often not a title.
func adjectiveTitle(s *doc.Sentence, t resolve.Title) bool {
	if strings.Contains(t.Title, " ") || t.Span.Start < 0 || t.Span.Start >= len(s.Tokens) {
		return false
	}
	tk := s.Tokens[t.Span.Start]
	return tk.UPOS == "ADJ" && strings.EqualFold(tk.Text, t.Title)
}

// extraposed reports whether predicate nominal h (0-based) has a clause
// marked "to" or "that" (not a relative clause), directly or through a
// "for" phrase ("time for users to move"): the clause a subject "it"
// anticipates.
func extraposed(s *doc.Sentence, h int) bool {
	kids := s.Children()
	marked := func(c int) bool {
		switch s.Tokens[c].DepRel {
		case "acl", "advcl", "ccomp", "csubj", "xcomp":
		default:
			return false
		}
		return clause.HasDependent(s, kids, c, "mark", "to", "that")
	}
	for _, c := range kids[h] {
		if marked(c) {
			return true
		}
		if (strings.HasPrefix(s.Tokens[c].DepRel, "nmod") || s.Tokens[c].DepRel == "obl") && clause.HasDependent(s, kids, c, "case", "for") {
			for _, k := range kids[c] {
				if marked(k) {
					return true
				}
			}
		}
	}
	return false
}

// indefiniteName reports a proper noun headed phrase with the article
// "a" or "an" (0-based token h of s).
func indefiniteName(s *doc.Sentence, h int) bool {
	if h < 0 || h >= len(s.Tokens) || s.Tokens[h].UPOS != "PROPN" {
		return false
	}
	for k := range s.Tokens {
		if s.Tokens[k].Head-1 == h && s.Tokens[k].DepRel == "det" {
			switch strings.ToLower(s.Tokens[k].Text) {
			case "a", "an":
				return true
			}
		}
	}
	return false
}

// withClauseModifier returns the span of token h (0-based) of s with the
// relative or participial clauses (acl, acl:relcl) that modify it, if
// it has any.
func withClauseModifier(s *doc.Sentence, h int) (doc.Span, bool) {
	kids := s.Children()
	end := -1
	var last func(i int) int
	last = func(i int) int {
		m := i
		for _, c := range kids[i] {
			m = max(m, last(c))
		}
		return m
	}
	for _, c := range kids[h] {
		if c > h && (s.Tokens[c].DepRel == "acl:relcl" || s.Tokens[c].DepRel == "acl") {
			end = max(end, last(c))
		}
	}
	if end < 0 {
		return doc.Span{}, false
	}
	for end > h && s.Tokens[end].UPOS == "PUNCT" {
		end--
	}
	return doc.Span{Start: h, End: end + 1}, true
}

func (b *builder) add(si int, s *doc.Sentence, p clause.Proposition, quotes map[[2]int]int) {
	if p.Subject == nil || p.Embedded || p.Reduced && p.Passive {
		// The text does not assert it; a participle with its agent
		// ("an infection caused by eczema") does: eczema caused it.
		return
	}
	if p.Object != nil && p.Object.Clause {
		return // "X said that …": the clause's own facts carry the attribution
	}
	if s.Tokens[p.Subject.Head].DepRel == "csubj" {
		// "Having been a psychologist gives me a leg up", "whether it is
		// appropriate is another thing": the subject is a clause, whose
		// head word names no thing; the clause's own facts stand alone.
		return
	}
	if strings.EqualFold(s.Tokens[p.Subject.Head].Text, "those") {
		if sp, ok := withClauseModifier(s, p.Subject.Head); ok && sp.Start < p.Verb && p.Verb < sp.End {
			return // "those who voted for it": the clause names them, it adds no fact
		}
	}
	if p.Copula && p.Object != nil && s.Tokens[p.Object.Head].UPOS == "ADJ" && !properAdjective(s, p.Object.Head) {
		return // "the issue is complicated": an opinion, not a relation
	}
	if p.Copula && p.Object != nil && strings.EqualFold(s.Tokens[p.Subject.Head].Text, "it") && extraposed(s, p.Object.Head) {
		// "it is time for users to move away": "it" stands for the
		// clause that follows, not for a thing said before.
		return
	}
	if p.Copula && p.Object != nil && p.Object.Prep == "" {
		switch o := s.Tokens[p.Object.Head]; {
		case o.UPOS == "PRON" || o.UPOS == "DET" || o.UPOS == "NUM" || strings.EqualFold(o.Text, "one"):
			return // "he's the one who …": the relative clause says what
		}
	}
	speaker := quotes[[2]int{si, p.Verb}]
	if speaker == 0 {
		speaker = -1
	} else {
		speaker--
	}
	if p.Speaker >= 0 {
		if e := b.res.At(si, p.Speaker); e >= 0 {
			speaker = e
		}
	}
	if g := b.res.Group(si, p.Subject.Head); len(g) > 0 {
		// "we" of several people: the fact holds of each of them.
		for _, e := range g {
			b.addFor(si, s, p, speaker, e, b.res.Entities[e].Name)
		}
		return
	}
	subj, subjText := b.entityOf(si, s, p.Subject, speaker)
	b.addFor(si, s, p, speaker, subj, subjText)
}

// addFor adds the facts of proposition p with subject entity subj.
func (b *builder) addFor(si int, s *doc.Sentence, p clause.Proposition, speaker, subj int, subjText string) {
	if subj < 0 {
		return
	}
	if subj == speaker && thirdPerson(s.Tokens[p.Subject.Head].Text) {
		return // in X's own words "he" or "she" is someone else
	}
	conf := confidence(s, p)
	if b.res.Entities[subj].Type == fact.Concept {
		// A common noun phrase as subject is far more often a parse or
		// scope error than a name is (measured on the gold facts).
		conf *= 0.75
	}
	if firstPerson(s.Tokens[p.Subject.Head].Text) && speaker != subj {
		// "we met in high school" in an interview's answer: who "we" is
		// rests on the genre (who answers), not on a name in the text,
		// and answers are unedited speech.
		conf *= 0.85
		if plural := strings.ToLower(s.Tokens[p.Subject.Head].Text); plural == "we" || plural == "us" {
			// "we" is vaguer still: the speakers, the speaker and the
			// listener, or people in general ("we all know the
			// teenage boy who …"); the text seldom says which.
			conf *= 0.8
		}
	}
	var ctx []fact.Context
	for _, c := range p.Context {
		ctx = append(ctx, fact.Context{Role: c.Role, Text: clause.Text(s, c.Span)})
	}
	base := fact.Fact{
		Kind: fact.Action, Sent: si, Lemma: p.Lemma, PredSpan: p.PredSpan,
		Subject: fact.Arg{Entity: subj, Text: subjText, Span: p.Subject.Span},
		Negated: p.Negated, Modality: p.Modality, Attribution: speaker,
		Context:    ctx,
		Confidence: conf,
	}
	if p.Copula {
		base.Kind = fact.Attribute
	}
	if speaker == subj {
		base.Attribution = -1
	}
	// "had a conversation with X": the event noun of a light verb is
	// part of the relation, whose other party is the oblique.
	event := ""
	if p.Object != nil && !p.Copula && lightVerb(p.Lemma) && eventNoun(s, p.Object) {
		for _, o := range p.Obliques {
			if o.Prep != "" && !temporal(o.Prep) && !attributive(o.Prep) && !exemplifying(o.Prep) {
				event = strings.ToLower(s.Tokens[p.Object.Head].Text)
			}
		}
	}
	if p.Object != nil && event == "" {
		objs := b.objectsOf(si, s, p.Object, speaker, !p.Copula)
		if len(objs) == 1 && (objs[0].text == "" || objs[0].e >= 0 && objs[0].e == subj) {
			return // "I'm Isabel Ruiz": an introduction, no relation
		}
		for _, ob := range objs {
			obj, objText := ob.e, ob.text
			if obj >= 0 && obj == subj {
				continue
			}
			f := base
			f.Predicate = p.Predicate
			f.Object = fact.Arg{Entity: obj, Text: objText, Span: p.Object.Span}
			if obj >= 0 && b.res.Entities[obj].Named() {
				f.Confidence = min(0.95, f.Confidence*1.1) // two names: rarely a parse artefact
			} else if p.Copula && p.Object.Prep != "" {
				// "the forecast is for a decline", "we're in talks",
				// "homeopathy is in common use": "be" with a phrase on a
				// common noun states a condition or an idiom, seldom a
				// relation between two things ("she is in Paris" is one).
				f.Confidence *= 0.85 * 0.8
			}
			if firstPerson(s.Tokens[p.Object.Head].Text) && obj != speaker {
				f.Confidence *= 0.85 // "he's helping us": "us" rests on the genre
			}
			for _, o := range p.Obliques {
				f.Context = append(f.Context, fact.Context{Role: o.Prep, Text: clause.Text(s, o.Span)})
			}
			b.facts = append(b.facts, f)
		}
	}
	for _, o := range p.Obliques {
		if o.Prep == "" || attributive(o.Prep) {
			continue // "according to X" says who said it, not what was done to X
		}
		if temporal(o.Prep) || exemplifying(o.Prep) || contrastive(o.Prep) || reason(o.Prep) {
			// "taken to hospital shortly before her death": when, not
			// what; it stays context.
			continue
		}
		if o.Prep == "at" && atManner(s, o) {
			// "held at an estimated cost of $26 million", "engraved at
			// their option", "sold at a loss": how, at what price or on
			// whose word; no thing the verb relates to.
			continue
		}
		if o.Prep == "in" && !p.Passive && speechOblique(s, o) {
			// "said in remarks to TV", "wrote in a blog post": where
			// or in what form someone said something, not what the
			// saying relates to ("a tool written in HTML" tells what
			// the tool is).
			continue
		}
		if frontedFrame(s, p, o) {
			// "From all reports, the government was prepared", "Back
			// in college, we had met at X", "In the second half, X was
			// booked": a phrase set before the subject with a comma
			// frames the clause (a source, a time, a setting); it is
			// context, no argument of the verb.
			continue
		}
		obj, objText := b.entityOf(si, s, &o, speaker)
		if objText == "" {
			continue
		}
		// With a direct object, only named entities get a fact of their
		// own; other obliques stay context of the main fact.
		if p.Object != nil && event == "" && (obj < 0 || !b.res.Entities[obj].Named()) && !goal(o.Prep) {
			continue
		}
		f := base
		f.Context = append([]fact.Context(nil), base.Context...)
		f.Predicate = p.Predicate + "-" + o.Prep
		if event != "" {
			f.Predicate = p.Predicate + "-" + event + "-" + o.Prep
		}
		f.Object = fact.Arg{Entity: obj, Text: objText, Span: o.Span}
		f.Confidence = conf * 0.95
		if p.Object != nil && event == "" {
			f.Confidence *= 0.9 // the target beside a direct object
		}
		if obj >= 0 && b.res.Entities[obj].Named() {
			f.Confidence = min(0.95, f.Confidence*1.1)
			if rareArgumentPrep(s, o) {
				f.Confidence *= 0.85 // a name, but on a preposition the verb seldom takes
			}
		} else if !argumentPrep(s, o) && !(p.Passive && o.Prep == "by") {
			// A prepositional phrase on a common noun: attachment is the
			// parser's most frequent error, and such a phrase is often a
			// circumstance (where, how) rather than an argument, unless
			// the treebanks show the verb taking the preposition often. A
			// passive's "by" phrase names the agent, an argument.
			f.Confidence *= 0.85
		}
		if p.Copula || p.Lemma == "be" {
			f.Confidence *= 0.85 // "the forecast is for a decline": an idiom more often than a relation
		}
		b.facts = append(b.facts, f)
	}
}

// appositions turns "Thomas Sam, a practising homeopath," into Thomas
// Sam is homeopath, for named entities only (titles of persons are found
// by resolve and stored as has-title).
func (b *builder) appositions(si int, s *doc.Sentence) {
	for _, a := range clause.Appositions(s) {
		named := func(h int) int {
			e := b.res.Owner(si, h)
			if e < 0 {
				e = b.res.At(si, h)
			}
			if e >= 0 && !b.res.Entities[e].Named() {
				return -1
			}
			return e
		}
		if hasConjunction(s, a.Is.Head) {
			continue // "a bridge to Oakland, and a tunnel": a conjunct the parser took for an apposition
		}
		if numbered(s, a.Is.Head) {
			// "Epic Rap Battles, episode 13": a numbered item is a
			// part of the name's thing, not what the thing is.
			continue
		}
		if clause.IsTime(s, a.Is.Head) {
			// "the Union (IUCN), the year 2003 has been bad news": a
			// time beside a name is a misattached phrase, never another
			// name for it.
			continue
		}
		if st := a.Is.Span.Start; st > 0 && s.Tokens[st-1].Text == "<" {
			continue // "Ann Lee" <alee@…>: an address, not what the name is
		}
		if named(a.Of.Head) < 0 && s.Tokens[a.Of.Head].UPOS == "NOUN" && named(a.Is.Head) >= 0 {
			// "their child, Gloria": the name is what the noun describes,
			// when the noun is the kind of thing the name is (a person
			// noun for a person).
			typ, share, ok := lexicon.NounType(strings.ToLower(s.Tokens[a.Of.Head].Lemma))
			if ok && share >= 0.5 && typ == b.res.Entities[named(a.Is.Head)].Type {
				a.Of, a.Is = a.Is, a.Of
			}
		}
		subj := b.res.Owner(si, a.Of.Head)
		if subj < 0 {
			subj = b.res.At(si, a.Of.Head)
		}
		if subj < 0 || !b.res.Entities[subj].Named() {
			continue
		}
		if b.res.At(si, a.Is.Head) == subj || b.res.Owner(si, a.Is.Head) == subj || b.titleAt(si, subj, a.Is.Head) {
			continue // a title or another name of the same entity
		}
		if b.possessedBy(si, s, a.Is.Head, subj) {
			continue // "Hwang Hee-Chan's header" hung on the name: a thing of the entity, not the entity
		}
		if s.Tokens[a.Is.Head].UPOS == "PROPN" {
			continue // "Jeff [Drake]": a name the recogniser missed, no description
		}
		if x := s.Tokens[a.Is.Head].XPOS; x == "NNS" || x == "NNPS" {
			// "councillors Ann Chiang and Bob Lee", "Acme, makers of
			// boats": a plural noun names a group the entity is one of
			// (or a list it heads), not what the entity is.
			continue
		}
		obj, objText := b.entityOf(si, s, &a.Is, -1)
		if objText == "" || obj == subj || obj >= 0 && b.res.Entities[obj].Named() {
			continue // "Lyon, France" locates, it does not rename
		}
		b.facts = append(b.facts, fact.Fact{
			Kind: fact.Attribute, Sent: si, Predicate: "is", Lemma: "be",
			Subject:     fact.Arg{Entity: subj, Text: b.res.Entities[subj].Name, Span: a.Of.Span},
			Object:      fact.Arg{Entity: obj, Text: objText, Span: a.Is.Span},
			PredSpan:    doc.Span{Start: a.Is.Span.Start, End: a.Is.Span.Start + 1},
			Attribution: -1, Confidence: 0.7,
		})
	}
}

// properAdjective reports a capitalised adjective inside the sentence
// ("mainly Buddhist", "French", "Catholic"): a nationality, religion or
// people, which classifies rather than judges ("Myanmar is mainly
// Buddhist" is a fact; "the issue is complicated" an opinion).
func properAdjective(s *doc.Sentence, h int) bool {
	t := s.Tokens[h]
	if h == 0 || t.XPOS != "JJ" {
		return false
	}
	// The lemma keeps the capital only where the word is a proper
	// adjective ("Buddhist"), not where a heading capitalises it
	// ("Hank is Amazing": lemma "amazing").
	r := []rune(t.Text)
	if len(r) < 3 || !unicode.IsUpper(r[0]) || t.Lemma != t.Text {
		return false
	}
	for _, c := range r[1:] {
		if !unicode.IsLower(c) {
			return false // "OK", "UK-based": no proper adjective
		}
	}
	return true
}

// numbered reports whether common noun h has a number after it
// ("episode 13", "gate 4").
func numbered(s *doc.Sentence, h int) bool {
	if s.Tokens[h].UPOS != "NOUN" {
		return false
	}
	for j := h + 1; j < len(s.Tokens); j++ {
		if s.Tokens[j].Head-1 == h && s.Tokens[j].UPOS == "NUM" {
			return true
		}
	}
	return false
}

// frontedFrame reports an oblique o that comes before the clause's own
// subject and is set off from it by a comma.
func frontedFrame(s *doc.Sentence, p clause.Proposition, o clause.Arg) bool {
	if p.Inherited || p.Subject == nil || o.Span.End > p.Subject.Span.Start || o.Span.End > p.Verb {
		return false
	}
	if o.Head < 0 || o.Head >= len(s.Tokens) || s.Tokens[o.Head].Head-1 != p.Verb {
		return false // "the stampede, in which pilgrims were trampled": the relative's antecedent
	}
	for k := o.Span.End; k < p.Subject.Span.Start; k++ {
		if s.Tokens[k].Text == "," {
			return true
		}
	}
	return false
}

// possessedBy reports whether noun h has entity e, named, as its
// possessor.
func (b *builder) possessedBy(si int, s *doc.Sentence, h, e int) bool {
	for j, t := range s.Tokens {
		if t.Head-1 == h && t.DepRel == "nmod:poss" && t.UPOS != "PRON" && (b.res.Owner(si, j) == e || b.res.At(si, j) == e) {
			return true
		}
	}
	return false
}

// hasConjunction reports whether token h has a coordinating conjunction
// of its own ("and a tunnel").
func hasConjunction(s *doc.Sentence, h int) bool {
	for _, t := range s.Tokens {
		if t.Head-1 == h && t.DepRel == "cc" {
			return true
		}
	}
	return false
}

// lightVerb reports verbs that, with an event noun as object, say little
// of their own: the noun carries the relation ("had a conversation
// with", "paid a visit to", "held talks with").
func lightVerb(lemma string) bool {
	switch strings.ToLower(lemma) {
	case "have", "hold", "make", "take", "pay":
		return true
	}
	return false
}

// eventNoun reports an object headed by a noun that GUM's training
// mentions type as an event most of the time ("conversation", "meeting",
// "visit"), without a possessor or a number of its own.
func eventNoun(s *doc.Sentence, a *clause.Arg) bool {
	t := s.Tokens[a.Head]
	if t.UPOS != "NOUN" {
		return false
	}
	typ, share, ok := lexicon.NounType(strings.ToLower(t.Lemma))
	return ok && typ == fact.Event && share >= 0.5
}

// titleAt reports whether resolve found token tok of sentence si to be a
// title of entity e ("Fuad Basya, spokesman for the military": stored as
// has-title, not also as "is spokesman").
func (b *builder) titleAt(si, e, tok int) bool {
	for _, t := range b.res.Titles {
		if t.Entity == e && t.Sent == si && t.Title != "" && tok >= t.Span.Start && tok < t.Span.End {
			return true
		}
	}
	return false
}

// atManner reports an "at" phrase headed by a noun of price, rate or
// discretion ("at a cost of", "at a rate of", "at their option", "at the
// request of", "at risk").
func atManner(s *doc.Sentence, o clause.Arg) bool {
	if o.Head < 0 || o.Head >= len(s.Tokens) {
		return false
	}
	switch strings.ToLower(s.Tokens[o.Head].Lemma) {
	case "cost", "price", "rate", "speed", "pace", "expense", "loss", "profit", "discount", "premium",
		"option", "discretion", "request", "invitation", "behest", "urging", "insistence", "risk", "mercy", "will":
		return true
	}
	return false
}

// speechOblique reports whether oblique o hangs on a verb of saying.
func speechOblique(s *doc.Sentence, o clause.Arg) bool {
	if o.Head < 0 || o.Head >= len(s.Tokens) {
		return false
	}
	v := s.Tokens[o.Head].Head - 1
	return v >= 0 && v < len(s.Tokens) && clause.SpeechVerb(strings.ToLower(s.Tokens[v].Lemma))
}

// argumentPrep reports whether oblique o's verb takes its preposition as
// an argument often (clause.ArgumentPrep: "lead to", "suffer from").
func argumentPrep(s *doc.Sentence, o clause.Arg) bool {
	if o.Head < 0 || o.Head >= len(s.Tokens) {
		return false
	}
	v := s.Tokens[o.Head].Head - 1
	if v < 0 || v >= len(s.Tokens) {
		return false
	}
	return clause.ArgumentPrep(strings.ToLower(s.Tokens[v].Lemma), o.Prep)
}

// rareArgumentPrep reports whether the treebanks show oblique o's verb
// often but seldom with its preposition (clause.RareArgumentPrep).
func rareArgumentPrep(s *doc.Sentence, o clause.Arg) bool {
	if o.Head < 0 || o.Head >= len(s.Tokens) {
		return false
	}
	v := s.Tokens[o.Head].Head - 1
	if v < 0 || v >= len(s.Tokens) {
		return false
	}
	return clause.RareArgumentPrep(strings.ToLower(s.Tokens[v].Lemma), o.Prep)
}

// honorific reports a form of address that is no title ("Mr.", "Ms").
func honorific(title string) bool {
	switch strings.ToLower(strings.TrimSuffix(title, ".")) {
	case "mr", "mrs", "ms", "miss", "messrs", "mx", "sir", "madam":
		return true
	}
	return false
}

// temporal reports prepositions that place an event in time relative to
// another ("before her death", "during the rare times").
func temporal(prep string) bool {
	switch prep {
	case "before", "after", "during", "until", "till", "since", "throughout", "than", "prior-to", "ahead-of":
		return true
	}
	return false
}

// goal reports prepositions that name the target of an action with a
// direct object ("fired rockets at cities", "launched attacks against
// X"): a fact of their own even for common nouns.
func goal(prep string) bool {
	switch prep {
	case "at", "against", "into", "onto", "toward", "towards":
		return true
	}
	return false
}

// exemplifying reports prepositions that list examples or exceptions
// ("injured, including 86 children"): part of the argument, not one.
func exemplifying(prep string) bool {
	switch prep {
	case "including", "such-as", "like", "excluding", "except", "besides":
		return true
	}
	return false
}

// contrastive reports prepositions that set something against the
// clause ("unlike SETI, Stardust relies on people", "chose X instead of
// Y"): what they introduce is what the verb does not relate to.
func contrastive(prep string) bool {
	switch prep {
	case "unlike", "instead-of", "rather-than":
		return true
	}
	return false
}

// reason reports prepositions that give a cause, a concession or a
// condition ("substituted off due to injury", "declined despite an
// increase", "would rise depending on the scenario"): why or in spite of
// what, never what the verb relates to.
func reason(prep string) bool {
	switch prep {
	case "because-of", "due-to", "owing-to", "thanks-to", "despite", "in-spite-of", "depending-on", "regardless-of", "notwithstanding", "following":
		return true
	}
	return false
}

// attributive reports prepositions that name a source, not an argument.
func attributive(prep string) bool {
	switch prep {
	case "according-to", "per", "via":
		return true
	}
	return false
}

func firstPerson(w string) bool {
	switch strings.ToLower(w) {
	case "i", "me", "we", "us":
		return true
	}
	return false
}

func thirdPerson(w string) bool {
	switch strings.ToLower(w) {
	case "he", "she", "him", "her", "his", "hers":
		return true
	}
	return false
}

// confidence scores a proposition from how directly the tree supports it.
func confidence(s *doc.Sentence, p clause.Proposition) float64 {
	c := 0.9
	if p.Inherited {
		c *= 0.85
	}
	if p.Object != nil && p.Object.Clause {
		c *= 0.8
	}
	if n := len(s.Tokens); n > 20 {
		c *= math.Pow(0.9, float64(n-20)/20)
	}
	if p.Subject != nil {
		d := p.Verb - p.Subject.Head
		if d < 0 {
			d = -d
		}
		if d > 10 {
			c *= 0.9
		}
	}
	return c * clause.Risk(s, p)
}

// quoteSpeakers attributes quotations to their speakers: for each token
// inside a pair of quotation marks it records 1 + the entity that the
// speech verb next to the quotation names (in the sentence that opens or
// closes the quote), keyed by (sentence, token).
func quoteSpeakers(d *doc.Document, res *resolve.Result) map[[2]int]int {
	type pos struct{ s, t int }
	var open *pos
	out := map[[2]int]int{}
	var inside []pos
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for ti, t := range s.Tokens {
			if !isQuote(t.Text) {
				if open != nil {
					inside = append(inside, pos{si, ti})
				}
				continue
			}
			if open == nil {
				open = &pos{si, ti}
				inside = inside[:0]
				continue
			}
			sp := speakerNear(d, res, open.s, si)
			if sp >= 0 {
				for _, p := range inside {
					out[[2]int{p.s, p.t}] = sp + 1
				}
			}
			open = nil
		}
	}
	return out
}

func isQuote(w string) bool {
	return w == "\"" || w == "“" || w == "”" || w == "``" || w == "''"
}

// speakerNear finds the subject of a speech verb in the sentence that
// opens or closes a quotation and resolves it to an entity. A subject
// like "a statement of the Kremlin" resolves to the entity it is of.
func speakerNear(d *doc.Document, res *resolve.Result, first, last int) int {
	for _, si := range []int{first, last} {
		s := &d.Sentences[si]
		sub := clause.SpeakerOfQuote(s)
		if sub < 0 {
			continue
		}
		if e := res.At(si, sub); e >= 0 {
			return e
		}
		for _, c := range s.Children()[sub] {
			if strings.HasPrefix(s.Tokens[c].DepRel, "nmod") {
				if e := res.At(si, c); e >= 0 {
					return e
				}
			}
		}
		// "the statement added": the same noun as an earlier speaker.
		lemma := strings.ToLower(s.Tokens[sub].Lemma)
		for p := si - 1; p >= 0 && p >= si-4; p-- {
			ps := &d.Sentences[p]
			q := clause.SpeakerOfQuote(ps)
			if q >= 0 && strings.ToLower(ps.Tokens[q].Lemma) == lemma {
				for _, c := range ps.Children()[q] {
					if strings.HasPrefix(ps.Tokens[c].DepRel, "nmod") {
						if e := res.At(p, c); e >= 0 {
							return e
						}
					}
				}
			}
		}
	}
	return -1
}
