// Package ner is kg's named-entity recognizer. A left-to-right tagger
// over IOB2 classes (I-X may only follow B-X or I-X), decoded with a small
// beam, finds the names; a span typer then gives each name its type from
// the whole span and its context. Both are averaged perceptrons (extract/perceptron) over
// hashed features: words, lower-case forms, shapes, affixes, learned
// capitalisation classes and title words, part-of-speech tags (UPOS/XPOS
// from the tagger) of a ±2 window, previous labels, and a gazetteer of the
// training names. The span typer also reads word clusters (clusters.go),
// learned from unlabeled text, of the name's words and their neighbours,
// and learns what context says about a type from all mentions of the
// training text ("the town", "she"), not only from names; it has a class
// for capitalised words that are not names, and a span it puts there is
// left untagged. It writes IOB2 tags such as "B-PERSON", "I-ORGANIZATION"
// and "O" into doc.Token.Ent; Spans reads them back as entities.
//
// The shipped model (model/ner.gz, embedded, loaded once on first use) is
// trained by `go run ./cmd/kgtrain ner` on the named mentions of GUM train
// (corpora/gum, CC BY texts; see eval/ner for how mentions become names),
// with capitalisation statistics, title words and word clusters from GUM
// and UD English EWT train, and the context of GUM train's other
// mentions. Types: PERSON, ORGANIZATION, LOCATION (GPE and LOC together),
// EVENT and MISC (other named things: works, products, laws, dates...).
//
// Beyond the learned model it uses general knowledge only: the place
// names and demonyms of extract/lexicon's gazetteer (as features), and two
// conventions GUM is too small to teach: a social-media handle just before
// a name belongs to it ("@NWSChief Ken Graham"), and a lone singular demonym
// before a capitalised word is a place ("Danish Prime Minister").
// TagSentences (and TagDocument) also use the whole document: all
// mentions of one name take one type (the span typer's probabilities
// summed over them), a short form or acronym takes the type of the longer
// name it stands for, and a name found once is tagged where it recurs.
//
// The package labels tokens only. It must not tokenize, tag or parse (it
// reads the tags set by the tagger), must not read corpora at run time,
// and holds no lists or rules for particular names or texts.
package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/lexicon"
	"github.com/kg-project/kg/extract/perceptron"
)

// Model is a trained recognizer. It is safe for concurrent use.
type Model struct {
	types  []string          // entity types, e.g. PERSON
	labels []label           // IOB2 classes; index 0 is O
	caps   map[string]uint8  // lower-cased word -> capitalisation class
	gaz    map[uint64]uint8  // hash of lower-cased name tokens -> type index + 1
	pm     *perceptron.Model // weights of the tagger (IOB2 classes)
	typer  *perceptron.Model // weights of the span typer (one class a type)
	loc    int               // index of LOCATION in types, or -1
	person int               // index of PERSON in types, or -1
	// shortens[t]: a one-word short form of a name of type t has the
	// name's type (PERSON, ORGANIZATION, LOCATION; see TagSentences).
	shortens []bool
	cl       *clusterTable // word clusters, or nil
}

// label is one IOB2 class: prefix is 'O', 'B' or 'I'.
type label struct {
	prefix byte
	typ    int // index into types; -1 for O
}

func (m *Model) init() {
	m.loc, m.person = -1, -1
	m.shortens = make([]bool, len(m.types))
	for t, name := range m.types {
		switch name {
		case "LOCATION":
			m.loc = t
		case "PERSON":
			m.person = t
		}
		m.shortens[t] = name == "PERSON" || name == "ORGANIZATION" || name == "LOCATION"
	}
	m.labels = []label{{'O', -1}}
	for t := range m.types {
		m.labels = append(m.labels, label{'B', t}, label{'I', t})
	}
}

// allowed reports whether class c may follow class prev (-1 at the
// start; -2 allows everything): I-X only continues B-X or I-X.
func (m *Model) allowed(prev, c int) bool {
	if prev == -2 {
		return true // unconstrained
	}
	l := m.labels[c]
	return l.prefix != 'I' || (prev >= 0 && m.labels[prev].typ == l.typ)
}

// Tag labels the sentence's tokens with the default model, writing IOB2
// tags into Token.Ent. It does nothing if the default model cannot be
// loaded (see Default for the error).
func Tag(s *doc.Sentence) {
	m, err := Default()
	if err != nil {
		return
	}
	m.Tag(s)
}

//go:embed model/ner.gz
var defaultModel []byte

// Default returns the embedded model, loading it on first use.
var Default = sync.OnceValues(func() (*Model, error) {
	m, err := Load(bytes.NewReader(defaultModel))
	if err != nil {
		return nil, fmt.Errorf("ner: embedded model/ner.gz: %w", err)
	}
	return m, nil
})

// Types returns the entity types the model predicts.
func (m *Model) Types() []string { return append([]string(nil), m.types...) }

// Tag labels the sentence's tokens, writing IOB2 tags into Token.Ent.
func (m *Model) Tag(s *doc.Sentence) { m.tag(s, nil) }

// TagDocument labels the sentences of d as Tag does, then makes the
// document's names consistent (see TagSentences).
// It does nothing if the default model cannot be loaded.
func TagDocument(d *doc.Document) {
	m, err := Default()
	if err != nil || d == nil {
		return
	}
	ss := make([]*doc.Sentence, len(d.Sentences))
	for i := range d.Sentences {
		ss[i] = &d.Sentences[i]
	}
	m.TagSentences(ss)
}

// TagSentences labels the sentences of one document as Tag does, then
// makes the types of its names consistent: all mentions of the same name
// (the same words, ignoring case) take the type whose probabilities (a
// softmax of the span typer's scores), summed over the mentions, are
// highest. A name is usually typed more
// surely in some contexts ("in Coron") than in others ("Coron has").
// A one-word name that is the short form of longer names of the
// document, all of one type, takes that type ("Ann Moss" ... "Moss",
// "Tolliver Group" ... "Tolliver"): a longer name carries more evidence of
// its type than the short form alone. The short forms of a person's name
// are its first and last words; of other names, the first word, unless it
// is a known place and the name not a place's. A name seen only without
// context (a heading, a caption) lends no type. Only names
// of people, organisations and places lend their type so: events and
// other things are often named after them ("the Iraq War" ... "Iraq"),
// and a demonym is no short form ("Greek State" ... "Greek"). Last, the
// words of a person's, organisation's or place's name found in the
// document are that name wherever else they recur spelt alike and the
// tagger left them untagged, unless they are part of a longer capitalised
// run, or open a sentence and are usually lower-case words.
func (m *Model) TagSentences(ss []*doc.Sentence) {
	var names []named
	for _, s := range ss {
		if s != nil {
			m.tag(s, &names)
		}
	}
	if len(names) < 2 || m.typer == nil {
		return
	}
	sum := map[string][]float32{}
	for _, nm := range names {
		v := sum[nm.key]
		if v == nil {
			v = make([]float32, len(m.types))
			sum[nm.key] = v
		}
		addVote(v, nm.scores)
	}
	typeOf := make(map[string]int, len(sum))
	for key, v := range sum {
		best := 0
		for t := range v {
			if v[t] > v[best] {
				best = t
			}
		}
		typeOf[key] = best
	}
	// The types of the longer names each word begins or ends (-2 when
	// they disagree).
	// Names seen only without context (a heading, a caption: no word of
	// their sentences outside them) have only their own words as
	// evidence, no more than their short forms: they lend no type.
	inContext := map[string]bool{}
	for _, nm := range names {
		if !inContext[nm.key] {
			inContext[nm.key] = hasContext(nm.s, nm.a, nm.b)
		}
	}
	long := map[string]int{}
	for key, t := range typeOf {
		first, _, multi := strings.Cut(key, " ")
		if !multi || !m.shortens[t] || !inContext[key] {
			continue
		}
		// A person's short form is the first or the last name; another
		// name's is its first word ("Coron Island" ... "Coron"), unless
		// that is a known place an organisation is named after ("Sydney
		// Morning Herald"); its last word often names something else
		// ("National Library of the Netherlands").
		ws := []string{first, key[strings.LastIndexByte(key, ' ')+1:]}
		if t != m.person {
			ws = ws[:1]
			if _, place := lexicon.PlaceName(first); place && t != m.loc {
				ws = nil
			}
		}
		for _, w := range ws {
			if u, ok := long[w]; ok && u != t {
				long[w] = -2
			} else {
				long[w] = t
			}
		}
	}
	// Acronyms: "World Health Organisation" ... "WHO".
	acr := map[string]int{}
	for key, t := range typeOf {
		if a := initials(strings.Fields(key)); a != "" && m.shortens[t] {
			if u, ok := acr[a]; ok && u != t {
				acr[a] = -2
			} else {
				acr[a] = t
			}
		}
	}
	for a, t := range acr {
		if u, ok := long[a]; ok && u != t {
			t = -2
		}
		long[a] = t
	}
	for key := range typeOf {
		if _, dem := lexicon.Place(key); dem {
			continue // "Dutch" of "Dutch Librarians" is no short form
		}
		if t, ok := long[key]; ok && t >= 0 {
			typeOf[key] = t
		}
	}
	for _, nm := range names {
		m.setSpan(nm.s, nm.a, nm.b, typeOf[nm.key])
	}
	// A name found in one sentence is the same name where its words
	// recur, spelt alike, elsewhere in the document, and not part of a
	// longer capitalised run.
	type surface struct {
		words []string
		typ   int
	}
	found := map[string][]surface{} // by first word
	seen := map[string]bool{}
	for _, nm := range names {
		t := typeOf[nm.key]
		if _, dem := lexicon.Place(nm.key); dem || !m.shortens[t] {
			continue
		}
		var ws []string
		for i := nm.a; i < nm.b; i++ {
			ws = append(ws, nm.s.Tokens[i].Text)
		}
		k := strings.Join(ws, " ")
		if seen[k] {
			continue
		}
		seen[k] = true
		found[ws[0]] = append(found[ws[0]], surface{ws, t})
		if a := strings.ToUpper(initials(ws)); a != "" && long[strings.ToLower(a)] == t && !seen[a] {
			seen[a] = true
			found[a] = append(found[a], surface{[]string{a}, t})
		}
	}
	for _, s := range ss {
		if s == nil {
			continue
		}
		toks := s.Tokens
	next:
		for a := range toks {
			for _, f := range found[toks[a].Text] {
				b := a + len(f.words)
				if b > len(toks) || (a > 0 && capitalised(toks[a-1], a == 1)) || (b < len(toks) && upperInitial(toks[b].Text)) {
					continue
				}
				if c := m.caps[strings.ToLower(f.words[0])] & 0xf; a == 0 && (c == capLower || c == capMixed) {
					continue // "Iodine deficiency ...": a common word opening the sentence
				}
				match := true
				for i, w := range f.words {
					if toks[a+i].Text != w || (toks[a+i].Ent != "O" && toks[a+i].Ent != "") {
						match = false
						break
					}
				}
				if match {
					m.setSpan(s, a, b, f.typ)
					continue next
				}
			}
		}
	}
}

// hasContext reports whether a word (a token with a letter) of s lies
// outside tokens [a, b).
func hasContext(s *doc.Sentence, a, b int) bool {
	for i, t := range s.Tokens {
		if (i < a || i >= b) && strings.IndexFunc(t.Text, unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

// initials returns the lower-case initials of a name's words, skipping
// "of", "the", "and", "for" and "&" ("World Health Organisation" -> "who"),
// or "" if fewer than two remain or one does not start with a letter.
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		switch strings.ToLower(w) {
		case "of", "the", "and", "for", "&":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			return ""
		}
		b.WriteRune(unicode.ToLower(r))
	}
	if utf8.RuneCountInString(b.String()) < 2 {
		return ""
	}
	return b.String()
}

// capitalised reports whether t is a capitalised word that may belong to
// a name: not a function word capitalised because it opens the sentence
// ("The", "In").
func capitalised(t doc.Token, first bool) bool {
	if !upperInitial(t.Text) {
		return false
	}
	switch t.UPOS {
	case "DET", "ADP", "PRON", "CCONJ", "SCONJ", "AUX", "PART", "ADV", "INTJ":
		return !first
	}
	return true
}

// addVote adds to v a mention's vote on its name's type: the types'
// probabilities, a softmax of the span typer's scores times docTemp, so
// that a few mentions with extreme scores do not outvote the rest.
func addVote(v, scores []float32) {
	mx := scores[0]
	for _, x := range scores {
		mx = max(mx, x)
	}
	var z float64
	for _, x := range scores {
		z += math.Exp(float64((x - mx) * docTemp))
	}
	for t, x := range scores {
		v[t] += float32(math.Exp(float64((x-mx)*docTemp)) / z)
	}
}

// setSpan tags tokens [a, b) of s as a name of type t.
func (m *Model) setSpan(s *doc.Sentence, a, b, t int) {
	for i := a; i < b; i++ {
		p := "I-"
		if i == a {
			p = "B-"
		}
		s.Tokens[i].Ent = p + m.types[t]
	}
}

// named is one name found by tag, with the span typer's scores.
type named struct {
	s      *doc.Sentence
	a, b   int
	key    string // lower-cased words
	scores []float32
}

// tag labels s; if out is not nil, it appends the names it found.
func (m *Model) tag(s *doc.Sentence, out *[]named) {
	n := len(s.Tokens)
	if n == 0 {
		return
	}
	sc := scratchPool.Get().(*scratch).reset(m, s, m.gaz)
	defer scratchPool.Put(sc)
	nl := len(m.labels)
	cls, tok := m.decode(sc, beamWidth)
	// A social-media handle just before a name belongs to it ("@NWSChief
	// Ken Graham"), whether tagged O or a name of its own: GUM and EWT have
	// too few handles to learn this, and kg's resolver reads the handle as
	// an alias.
	for i := 0; i+1 < n; i++ {
		if next := m.labels[cls[i+1]]; next.prefix == 'B' && m.labels[cls[i]].prefix != 'I' && isHandle(s.Tokens[i].Text) {
			cls[i], cls[i+1] = 1+2*next.typ, 2+2*next.typ
		}
	}
	// An e-mail address or a web address is never part of a name
	// ("Michiel Cock m.p.cock@vu.nl Vrije Universiteit Amsterdam"): a span
	// through one is cut there, and the typer types each part.
	for i := 0; i < n; i++ {
		if cls[i] == 0 || !isAddress(s.Tokens[i].Text) {
			continue
		}
		cls[i] = 0
		if i+1 < n {
			if next := m.labels[cls[i+1]]; next.prefix == 'I' {
				cls[i+1] = 1 + 2*next.typ
			}
		}
	}
	// The tagger finds the spans; the span typer, which sees the whole
	// name and its context, gives each its type.
	for a := 0; a < n; {
		if m.labels[cls[a]].prefix == 'O' {
			s.Tokens[a].Ent = "O"
			a++
			continue
		}
		b := a + 1
		for b < n && m.labels[cls[b]].prefix == 'I' {
			b++
		}
		typ := m.labels[cls[a]].typ
		if m.typer != nil {
			ts := sc.tscores
			for k := range ts {
				ts[k] = 0
			}
			m.typer.Scores(sc.spanFeatures(a, b, false), ts)
			// The tagger's own type evidence for the span (its B-X and
			// I-X scores, averaged over the tokens) is added to the
			// typer's: the two models see the name differently.
			for t := range m.types {
				e := tok[a*nl+1+2*t]
				for i := a + 1; i < b; i++ {
					e += tok[i*nl+2+2*t]
				}
				ts[t] += e / float32(b-a)
			}
			if len(ts) > len(m.types) {
				// The typer's "not a name" class: the tagger's evidence
				// for it is its O score.
				var e float32
				for i := a; i < b; i++ {
					e += tok[i*nl]
				}
				ts[len(m.types)] += e / float32(b-a)
			}
			typ = 0
			for k := range ts {
				if ts[k] > ts[typ] {
					typ = k
				}
			}
			// A lone singular demonym before a capitalised word
			// ("Danish Prime Minister", "American Airlines") is an
			// adjective naming its place: GUM leaves these unnamed, so
			// the typer has not learned them.
			if b == a+1 && b < n && m.loc >= 0 && demonym(s.Tokens[a].Text) && upperInitial(s.Tokens[b].Text) {
				typ = m.loc
				for k := range ts {
					ts[k] = 0
				}
				ts[typ] = 1
			}
			if typ == len(m.types) {
				for i := a; i < b; i++ {
					s.Tokens[i].Ent = "O"
				}
				a = b
				continue
			}
			if out != nil {
				*out = append(*out, named{s, a, b, strings.Join(sc.lower[a+2:b+2], " "), append([]float32(nil), ts[:len(m.types)]...)})
			}
		}
		for i := a; i < b; i++ {
			p := "I-"
			if i == a {
				p = "B-"
			}
			s.Tokens[i].Ent = p + m.types[typ]
		}
		a = b
	}
}

// hyp is one partial labelling of the beam decoder: its last two
// classes, its score, and the hypothesis of the previous token it extends
// (an index into that token's beam).
type hyp struct {
	prev, prev2 int
	score       float64
	back        int
}

// The decoder keeps the beamWidth best partial labellings; a class's
// score is its log-probability under a softmax of the tagger's scores
// times decodeTemp (the perceptron's raw scores are far too peaked for
// the beam to ever change the greedy choice).
const (
	beamWidth  = 2
	decodeTemp = 0.1
)

// docTemp scales the span typer's scores into the probabilities with
// which TagSentences lets a document's mentions of a name vote on its
// type (measured on GUM dev by document, five trainings: 0.05 and 0.2
// both gain 0.5 on average over summing the raw scores).
const docTemp = 0.05

// decode labels the tokens of sc with a beam search over the tagger's
// classes (I-X may only follow B-X or I-X), keeping the beam best partial
// labellings by the sum of their classes' log-probabilities, at most one
// for each pair of last two classes. It returns the classes and, for each
// token, the tagger's class scores under the chosen labelling
// (n × len(labels)). A beam of 1 is the greedy left-to-right decoder.
func (m *Model) decode(sc *scratch, beam int) ([]int, []float32) {
	n, nl := sc.n, len(m.labels)
	beam = max(beam, 1)
	cls := make([]int, n)
	tok := make([]float32, n*nl)
	static := grow(sc.dstatic, nl)
	hist := grow(sc.hist, n*beam) // the beam of token i at [i*beam, i*beam+size[i])
	size := grow(sc.size, n)
	hs := grow(sc.hs, n*beam*nl) // class scores of hypothesis k of token i's predecessors
	cand := sc.cand[:0]
	start := [1]hyp{{prev: -1, prev2: -1}}
	cur := start[:]
	for i := 0; i < n; i++ {
		for k := range static {
			static[k] = 0
		}
		m.pm.Scores(sc.static[i], static)
		cand = cand[:0]
		for hi, h := range cur {
			sv := hs[(i*beam+hi)*nl : (i*beam+hi+1)*nl]
			copy(sv, static)
			m.pm.Scores(sc.dynamicFeatures(i, h.prev, h.prev2), sv)
			if beam == 1 {
				// Greedy: the best allowed class, no probabilities.
				cand = append(cand, hyp{prev: m.best(sv, h.prev), prev2: h.prev, back: hi})
				continue
			}
			mx := float32(0)
			first := true
			for c, v := range sv {
				if m.allowed(h.prev, c) && (first || v > mx) {
					mx, first = v, false
				}
			}
			var z float64
			for c, v := range sv {
				if m.allowed(h.prev, c) {
					z += math.Exp(float64((v - mx) * decodeTemp))
				}
			}
			lz := float64(mx*decodeTemp) + math.Log(z)
			for c, v := range sv {
				if m.allowed(h.prev, c) {
					cand = append(cand, hyp{prev: c, prev2: h.prev, score: h.score + float64(v*decodeTemp) - lz, back: hi})
				}
			}
		}
		// The best candidates, at most one for each pair of last two
		// classes, kept sorted (the earlier candidate wins a tie).
		next := hist[i*beam : i*beam : (i+1)*beam]
		for _, c := range cand {
			k := 0
			for k < len(next) && (next[k].prev != c.prev || next[k].prev2 != c.prev2) {
				k++
			}
			if k < len(next) {
				if next[k].score >= c.score {
					continue
				}
				next = append(next[:k], next[k+1:]...)
			}
			if len(next) == beam {
				if next[beam-1].score >= c.score {
					continue
				}
				next = next[:beam-1]
			}
			k = len(next)
			next = append(next, c)
			for k > 0 && next[k-1].score < next[k].score {
				next[k-1], next[k] = next[k], next[k-1]
				k--
			}
		}
		size[i], cur = len(next), next
	}
	h := hist[(n-1)*beam]
	for i := n - 1; i >= 0; i-- {
		cls[i] = h.prev
		copy(tok[i*nl:(i+1)*nl], hs[(i*beam+h.back)*nl:])
		if i > 0 {
			h = hist[(i-1)*beam+h.back]
		}
	}
	sc.dstatic, sc.hist, sc.size, sc.hs, sc.cand = static, hist, size, hs, cand
	return cls, tok
}

// isHandle reports whether w is a social-media handle: "@" and a letter.
func isHandle(w string) bool {
	return len(w) > 1 && w[0] == '@' && ('a' <= w[1]|0x20 && w[1]|0x20 <= 'z')
}

// isAddress reports whether w is an e-mail address ("a.b@c.nl") or a web
// address ("http://…", "www.…").
func isAddress(w string) bool {
	if at := strings.IndexByte(w, '@'); at > 0 && strings.IndexByte(w[at:], '.') > 0 {
		return true
	}
	l := strings.ToLower(w)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")
}

// demonym reports whether w is a capitalised singular demonym or
// nationality adjective that extract/lexicon's gazetteer knows.
func demonym(w string) bool {
	if !upperInitial(w) || strings.HasSuffix(w, "s") {
		return false
	}
	_, ok := lexicon.Place(w)
	return ok
}

func (m *Model) iob(c int) string {
	l := m.labels[c]
	if l.prefix == 'O' {
		return "O"
	}
	return string(l.prefix) + "-" + m.types[l.typ]
}

func (m *Model) predict(feats []uint64, prev int, scores []float32) int {
	for k := range scores {
		scores[k] = 0
	}
	m.pm.Scores(feats, scores)
	return m.best(scores, prev)
}

func (m *Model) best(scores []float32, prev int) int {
	best := 0
	var bs float32
	first := true
	for c, v := range scores {
		if !m.allowed(prev, c) {
			continue
		}
		if first || v > bs {
			best, bs, first = c, v, false
		}
	}
	return best
}

// Options control training.
type Options struct {
	Epochs int   // passes over the data; 0 means 20
	Seed   int64 // shuffling seed
	// Unlabeled sentences (no entity tags needed) supply the
	// capitalisation statistics; the training sentences are always used.
	Unlabeled []*doc.Sentence
	// Prune drops features whose averaged weights are all at most this.
	Prune float32
	// Gazetteer adds features for names seen in the training data.
	Gazetteer bool
	// Unseen is the share of training names the span typer sees without
	// their own words, as names it has never seen (0: none).
	Unseen float64
	// Clusters are the numbers of word classes to learn from the
	// unlabeled and training sentences, one clustering a number (see
	// ClusterOptions); none: no cluster features.
	Clusters []int
	// Mentions are more spans of the training sentences to teach the
	// span typer what context says about types: mentions of any kind
	// ("the town", "she"), of which the typer sees only the context
	// words, with a bias of their own. Spans equal to a name are skipped.
	Mentions []Mention
	// NotNames gives the span typer a class for spans that are not names,
	// learned from capitalised words outside the names ("Iodine
	// deficiency"): a found span the typer puts there is left untagged.
	NotNames bool
	// Log, if set, receives one line of progress per epoch.
	Log io.Writer
}

// Mention is a typed span [Start, End) of one training sentence.
type Mention struct {
	Sentence   *doc.Sentence
	Start, End int
	Type       string
}

// Train learns a model from sentences whose Token.Ent hold gold IOB2 tags
// and whose UPOS/XPOS are set. Types are taken from the tags, sorted.
func Train(sents []*doc.Sentence, opt Options) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 20
	}
	typeSet := map[string]bool{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			if len(t.Ent) > 2 && t.Ent[1] == '-' {
				typeSet[t.Ent[2:]] = true
			}
		}
	}
	if len(typeSet) == 0 {
		return nil, errors.New("ner: training data has no entities")
	}
	m := &Model{}
	for t := range typeSet {
		m.types = append(m.types, t)
	}
	sort.Strings(m.types)
	m.init()
	text := append(append([]*doc.Sentence(nil), sents...), opt.Unlabeled...)
	m.caps = capTable(text)
	if len(opt.Clusters) > 0 {
		m.cl = trainClusters(text, ClusterOptions{Sizes: opt.Clusters})
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "ner: %d words clustered (%s)\n", len(m.cl.IDs), strings.Join(m.cl.Names, " "))
		}
	}

	// Gold BILOU classes and static features, computed once.
	type inst struct {
		s    *doc.Sentence
		gold []int
		sc   *scratch
	}
	typeIndex := map[string]int{}
	for i, t := range m.types {
		typeIndex[t] = i
	}
	// Gazetteer features of training sentences come from a gazetteer built
	// on the other folds, so that the model learns how far to trust a
	// match on unseen text; the saved model keeps the full gazetteer.
	var kept []*doc.Sentence
	for _, s := range sents {
		if len(s.Tokens) > 0 {
			kept = append(kept, s)
		}
	}
	const folds = 5
	var data []inst
	if opt.Gazetteer {
		m.gaz = m.gazetteer(kept, typeIndex, -1, folds)
	}
	for k := 0; k < folds; k++ {
		var gaz map[uint64]uint8
		if opt.Gazetteer {
			gaz = m.gazetteer(kept, typeIndex, k, folds)
		}
		for i := k * len(kept) / folds; i < (k+1)*len(kept)/folds; i++ {
			s := kept[i]
			data = append(data, inst{s, m.classes(s, typeIndex), newScratch(m, s, gaz)})
		}
	}
	tr := perceptron.NewTrainer(len(m.labels))
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, len(m.labels))
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var errs, total int
		for _, k := range order {
			d := data[k]
			n := len(d.gold)
			prev, prev2 := -1, -1
			for i := 0; i < n; i++ {
				feats := d.sc.features(i, prev, prev2)
				for c := range scores {
					scores[c] = 0
				}
				tr.Scores(feats, scores)
				// Unconstrained during training: a class that the
				// constraints hide (I-X after O) must still be penalised
				// when it scores high, or it grows without bound and
				// wins wherever it is allowed.
				guess := m.best(scores, -2)
				tr.Tick()
				if guess != d.gold[i] {
					tr.Update(feats, d.gold[i], guess)
					errs++
				}
				total++
				prev2, prev = prev, guess
			}
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "ner: epoch %d: %d/%d token errors (%.2f%%)\n", ep+1, errs, total, 100*float64(errs)/float64(max(total, 1)))
		}
	}
	m.pm = tr.Average(opt.Prune)

	// The span typer learns from the gold spans.
	type span struct {
		d, a, b, typ int
		mention      bool
	}
	var spans []span
	index := make(map[*doc.Sentence]int, len(data))
	for k, d := range data {
		index[d.s] = k
	}
	for _, mn := range opt.Mentions {
		k, ok := index[mn.Sentence]
		t, ok2 := typeIndex[mn.Type]
		if !ok || !ok2 || mn.Start < 0 || mn.End > len(data[k].gold) || mn.Start >= mn.End {
			continue
		}
		if g := data[k].gold; m.labels[g[mn.Start]].prefix == 'B' && (mn.End == len(g) || m.labels[g[mn.End]].prefix != 'I') {
			continue // the name itself
		}
		spans = append(spans, span{k, mn.Start, mn.End, t, true})
	}
	for k, d := range data {
		for a := 0; a < len(d.gold); a++ {
			if m.labels[d.gold[a]].prefix != 'B' {
				continue
			}
			b := a + 1
			for b < len(d.gold) && m.labels[d.gold[b]].prefix == 'I' {
				b++
			}
			spans = append(spans, span{k, a, b, m.labels[d.gold[a]].typ, false})
		}
	}
	ntc := len(m.types)
	if opt.NotNames {
		// Capitalised runs that are not names (and overlap none) teach
		// the typer its "not a name" class, the last.
		for k, d := range data {
			toks := d.s.Tokens
			for a := 0; a < len(toks); {
				if !upperInitial(toks[a].Text) || d.gold[a] != 0 {
					a++
					continue
				}
				b := a + 1
				for b < len(toks) && upperInitial(toks[b].Text) && d.gold[b] == 0 {
					b++
				}
				spans = append(spans, span{k, a, b, len(m.types), false})
				a = b
			}
		}
		ntc++
	}
	ttr := perceptron.NewTrainer(ntc)
	tscores := make([]float32, ntc)
	for ep := 0; ep < opt.Epochs; ep++ {
		rng.Shuffle(len(spans), func(i, j int) { spans[i], spans[j] = spans[j], spans[i] })
		errs := 0
		for _, sp := range spans {
			var feats []uint64
			if sp.mention {
				feats = data[sp.d].sc.contextFeatures(sp.a, sp.b)
			} else {
				feats = data[sp.d].sc.spanFeatures(sp.a, sp.b, opt.Unseen > 0 && rng.Float64() < opt.Unseen)
			}
			guess := ttr.Predict(feats, nil, tscores)
			ttr.Tick()
			if guess != sp.typ {
				ttr.Update(feats, sp.typ, guess)
				errs++
			}
		}
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "ner: typer epoch %d: %d/%d span errors\n", ep+1, errs, len(spans))
		}
	}
	m.typer = ttr.Average(opt.Prune)
	return m, nil
}

// maxGaz is the longest name, in tokens, looked up in the gazetteer.
const maxGaz = 6

// gazetteer maps each lower-cased entity name of sents (except those in
// fold skip of folds contiguous blocks) to its most frequent type.
func (m *Model) gazetteer(sents []*doc.Sentence, typeIndex map[string]int, skip, folds int) map[uint64]uint8 {
	counts := map[uint64][]int{}
	var keys []uint64
	for i, s := range sents {
		if skip >= 0 && i >= skip*len(sents)/folds && i < (skip+1)*len(sents)/folds {
			continue
		}
		for _, e := range Spans(s) {
			t, ok := typeIndex[e.Type]
			if !ok || e.End-e.Start > maxGaz {
				continue
			}
			lw := make([]string, 0, e.End-e.Start)
			for j := e.Start; j < e.End; j++ {
				lw = append(lw, strings.ToLower(s.Tokens[j].Text))
			}
			k := perceptron.Hash(gazSeed, lw...)
			c := counts[k]
			if c == nil {
				c = make([]int, len(m.types))
				counts[k] = c
				keys = append(keys, k)
			}
			c[t]++
		}
	}
	gaz := make(map[uint64]uint8, len(keys))
	for _, k := range keys {
		best := 0
		for t, n := range counts[k] {
			if n > counts[k][best] {
				best = t
			}
		}
		gaz[k] = uint8(best + 1)
	}
	return gaz
}

// classes converts the IOB2 tags of s into class indices.
func (m *Model) classes(s *doc.Sentence, typeIndex map[string]int) []int {
	out := make([]int, len(s.Tokens))
	for _, e := range Spans(s) {
		t, ok := typeIndex[e.Type]
		if !ok {
			continue
		}
		out[e.Start] = 1 + 2*t
		for i := e.Start + 1; i < e.End; i++ {
			out[i] = 2 + 2*t
		}
	}
	return out
}

// Capitalisation classes of a word, from how often it is capitalised when
// not sentence-initial in the statistics corpus.
const (
	capUnknown = iota
	capLower   // almost always lower case
	capMixed   // both
	capUpper   // almost always capitalised
	capAll     // usually all capitals

	capTitle = 0x10 // flag: seen as a title before a name
)

func capTable(sents []*doc.Sentence) map[string]uint8 {
	type cnt struct{ n, up, all int }
	c := map[string]*cnt{}
	for _, s := range sents {
		for i := 1; i < len(s.Tokens); i++ {
			w := s.Tokens[i].Text
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsLetter(r) {
				continue
			}
			l := strings.ToLower(w)
			x := c[l]
			if x == nil {
				x = &cnt{}
				c[l] = x
			}
			x.n++
			if unicode.IsUpper(r) {
				x.up++
				if len(w) > 1 && strings.ToUpper(w) == w {
					x.all++
				}
			}
		}
	}
	out := map[string]uint8{}
	for w, x := range c {
		if x.n < 2 {
			continue
		}
		switch {
		case x.all*2 > x.n:
			out[w] = capAll
		case x.up*10 >= x.n*9:
			out[w] = capUpper
		case x.up*10 <= x.n:
			out[w] = capLower
		default:
			out[w] = capMixed
		}
	}
	// Titles: words attached as nmod:desc to a later head ("President"
	// in "Chancellor Angela Merkel", "Dr." in "Dr. Bailey"), as GUM annotates
	// them.
	for _, s := range sents {
		for i, t := range s.Tokens {
			if t.DepRel == "nmod:desc" && t.Head-1 > i {
				out[strings.ToLower(t.Text)] |= capTitle
			}
		}
	}
	return out
}

// Save writes the model (gzip-compressed).
func (m *Model) Save(w io.Writer) error {
	var pm, typer bytes.Buffer
	if err := m.pm.Save(&pm); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	if err := m.typer.Save(&typer); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	putString := func(s string) {
		var b [binary.MaxVarintLen64]byte
		bw.Write(b[:binary.PutUvarint(b[:], uint64(len(s)))])
		bw.WriteString(s)
	}
	putString(strings.Join(m.types, "\t"))
	words := make([]string, 0, len(m.caps))
	for w := range m.caps {
		words = append(words, w)
	}
	sort.Strings(words)
	putString(fmt.Sprint(len(words)))
	for _, w := range words {
		putString(w)
		bw.WriteByte(m.caps[w])
	}
	gk := make([]uint64, 0, len(m.gaz))
	for k := range m.gaz {
		gk = append(gk, k)
	}
	sort.Slice(gk, func(i, j int) bool { return gk[i] < gk[j] })
	putString(fmt.Sprint(len(gk)))
	for _, k := range gk {
		var b [9]byte
		binary.LittleEndian.PutUint64(b[:], k)
		b[8] = m.gaz[k]
		bw.Write(b[:])
	}
	putString(pm.String())
	putString(typer.String())
	// Word clusters: the granularities, then each word and its ids.
	var names []string
	if m.cl != nil {
		names = m.cl.Names
		words = words[:0]
		for w := range m.cl.IDs {
			words = append(words, w)
		}
		sort.Strings(words)
	} else {
		words = nil
	}
	putString(strings.Join(names, " "))
	putString(fmt.Sprint(len(words)))
	for _, w := range words {
		putString(w)
		for _, id := range m.cl.IDs[w] {
			var b [2]byte
			binary.LittleEndian.PutUint16(b[:], id)
			bw.Write(b[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: save: %w", err)
	}
	return nil
}

// magic opens a model; models of format 5 (magic5) have no word clusters.
const (
	magic  = "kgner6"
	magic5 = "kgner5"
)

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	hdr := make([]byte, len(magic))
	if _, err := io.ReadFull(br, hdr); err != nil || (string(hdr) != magic && string(hdr) != magic5) {
		return nil, errors.New("ner: load: not a NER model")
	}
	getString := func(limit uint64) (string, error) {
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return "", err
		}
		if n > limit {
			return "", fmt.Errorf("string of %d bytes exceeds %d", n, limit)
		}
		// Copy rather than allocate n bytes up front, so that a corrupt
		// length cannot make Load allocate more than the input holds.
		var b strings.Builder
		if _, err := io.CopyN(&b, br, int64(n)); err != nil {
			return "", fmt.Errorf("string of %d bytes: %w", n, err)
		}
		return b.String(), nil
	}
	m := &Model{}
	types, err := getString(1 << 12)
	if err != nil {
		return nil, fmt.Errorf("ner: load types: %w", err)
	}
	m.types = strings.Split(types, "\t")
	m.init()
	ns, err := getString(20)
	if err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	var nw int
	if _, err := fmt.Sscan(ns, &nw); err != nil || nw < 0 || nw > 1<<24 {
		return nil, fmt.Errorf("ner: load: bad word count %q", ns)
	}
	m.caps = make(map[string]uint8, nw)
	for i := 0; i < nw; i++ {
		w, err := getString(1 << 10)
		if err != nil {
			return nil, fmt.Errorf("ner: load word %d: %w", i, err)
		}
		c, err := br.ReadByte()
		if err != nil {
			return nil, fmt.Errorf("ner: load word %d: %w", i, err)
		}
		m.caps[w] = c
	}
	if ns, err = getString(20); err != nil {
		return nil, fmt.Errorf("ner: load: %w", err)
	}
	if _, err := fmt.Sscan(ns, &nw); err != nil || nw < 0 || nw > 1<<24 {
		return nil, fmt.Errorf("ner: load: bad gazetteer size %q", ns)
	}
	m.gaz = make(map[uint64]uint8, nw)
	for i := 0; i < nw; i++ {
		var b [9]byte
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return nil, fmt.Errorf("ner: load gazetteer entry %d: %w", i, err)
		}
		if int(b[8]) > len(m.types) {
			return nil, fmt.Errorf("ner: load gazetteer entry %d: bad type %d", i, b[8])
		}
		m.gaz[binary.LittleEndian.Uint64(b[:])] = b[8]
	}
	pm, err := getString(1 << 31)
	if err != nil {
		return nil, fmt.Errorf("ner: load weights: %w", err)
	}
	if m.pm, err = perceptron.Load(strings.NewReader(pm)); err != nil {
		return nil, fmt.Errorf("ner: load weights: %w", err)
	}
	if m.pm.NClasses != len(m.labels) {
		return nil, fmt.Errorf("ner: load: %d classes in weights, want %d", m.pm.NClasses, len(m.labels))
	}
	typer, err := getString(1 << 31)
	if err != nil {
		return nil, fmt.Errorf("ner: load typer: %w", err)
	}
	if m.typer, err = perceptron.Load(strings.NewReader(typer)); err != nil {
		return nil, fmt.Errorf("ner: load typer: %w", err)
	}
	if m.typer.NClasses != len(m.types) && m.typer.NClasses != len(m.types)+1 {
		return nil, fmt.Errorf("ner: load: %d classes in typer, want %d or %d", m.typer.NClasses, len(m.types), len(m.types)+1)
	}
	if string(hdr) == magic5 {
		return m, nil
	}
	names, err := getString(1 << 10)
	if err != nil {
		return nil, fmt.Errorf("ner: load clusters: %w", err)
	}
	if ns, err = getString(20); err != nil {
		return nil, fmt.Errorf("ner: load clusters: %w", err)
	}
	if _, err := fmt.Sscan(ns, &nw); err != nil || nw < 0 || nw > 1<<24 {
		return nil, fmt.Errorf("ner: load: bad cluster word count %q", ns)
	}
	if names == "" {
		return m, nil
	}
	cl := &clusterTable{Names: strings.Fields(names), IDs: make(map[string][]uint16, min(nw, 1<<16))}
	k := len(cl.Names)
	if k > 16 {
		return nil, fmt.Errorf("ner: load: %d cluster granularities, at most 16", k)
	}
	var all []uint16 // allocated a block at a time, as words are read
	b := make([]byte, 2*k)
	for i := 0; i < nw; i++ {
		w, err := getString(1 << 10)
		if err != nil {
			return nil, fmt.Errorf("ner: load cluster word %d: %w", i, err)
		}
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("ner: load cluster word %d: %w", i, err)
		}
		if len(all) < k {
			all = make([]uint16, 4096*k)
		}
		ids := all[:k:k]
		all = all[k:]
		for j := range ids {
			ids[j] = binary.LittleEndian.Uint16(b[2*j:])
			if ids[j] >= maxClusters {
				return nil, fmt.Errorf("ner: load cluster word %d: class %d out of range", i, ids[j])
			}
		}
		cl.IDs[w] = ids
	}
	m.cl = cl
	return m, nil
}
