// Package ner scores kg's named-entity recognizer: it reads gold entity
// spans from GUM CoNLL-U files (the Entity= mentions of the MISC column,
// keeping named ones) and from Universal NER IOB2 files, maps their types
// onto kg's (PERSON, ORGANIZATION, LOCATION, EVENT), and computes
// exact-span precision, recall and F1 per type and overall.
//
// It measures only. It must not train or tune models, and nothing in the
// kg binary may depend on it; it holds no rules for particular texts.
package ner

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/lexicon"
	kner "github.com/kg-project/kg/extract/ner"
)

// GUMTypes maps GUM entity types to kg's entity types. Named mentions of
// GUM's other types (works, products, laws, dates, ...) are kept as MISC:
// training on them as a class of their own, rather than as O, keeps them
// from being confused with names of the other types. GUM types missing
// from the map are dropped.
var GUMTypes = map[string]string{
	"person":       "PERSON",
	"organization": "ORGANIZATION",
	"place":        "LOCATION",
	"event":        "EVENT",
	"abstract":     "MISC",
	"object":       "MISC",
	"substance":    "MISC",
	"animal":       "MISC",
	"plant":        "MISC",
	"time":         "MISC",
}

// Mention is one GUM entity mention: a token span [Start, End) of one
// sentence with GUM's entity type, chain id and syntactic head.
type Mention struct {
	ID         string // coreference chain id
	Type       string // GUM type: person, place, organization, ...
	Start, End int    // 0-based token span
	Head       int    // 0-based index of the span's syntactic head
}

// Mentions parses the Entity= annotations of a sentence's MISC column
// (bracket notation: "(12-person-..." opens mention 12, "12)" closes it,
// "(12-person-...)" is a single-token mention; mentions nest). Mentions
// left open at the end of the sentence are dropped; a close without an
// open is an error.
func Mentions(s *doc.Sentence) ([]Mention, error) {
	var out []Mention
	type open struct {
		id, typ string
		start   int
	}
	var stack []open
	for i, t := range s.Tokens {
		v := miscValue(t.Misc, "Entity")
		for p := 0; p < len(v); {
			switch {
			case v[p] == '(':
				q := p + 1
				for q < len(v) && v[q] != '(' && v[q] != ')' {
					q++
				}
				attrs := strings.Split(v[p+1:q], "-")
				if len(attrs) < 2 {
					return nil, fmt.Errorf("token %d: bad entity %q", i+1, v)
				}
				if q < len(v) && v[q] == ')' {
					out = append(out, Mention{ID: attrs[0], Type: attrs[1], Start: i, End: i + 1})
					q++
				} else {
					stack = append(stack, open{attrs[0], attrs[1], i})
				}
				p = q
			case v[p] >= '0' && v[p] <= '9':
				q := p
				for q < len(v) && v[q] != ')' {
					q++
				}
				if q == len(v) {
					return nil, fmt.Errorf("token %d: bad entity close in %q", i+1, v)
				}
				id := v[p:q]
				k := len(stack) - 1
				for k >= 0 && stack[k].id != id {
					k--
				}
				if k < 0 {
					return nil, fmt.Errorf("token %d: entity %s closed but not open", i+1, id)
				}
				o := stack[k]
				stack = append(stack[:k], stack[k+1:]...)
				out = append(out, Mention{ID: o.id, Type: o.typ, Start: o.start, End: i + 1})
				p = q + 1
			default:
				return nil, fmt.Errorf("token %d: unexpected %q in entity %q", i+1, v[p], v)
			}
		}
	}
	for k := range out {
		out[k].Head = spanHead(s, out[k].Start, out[k].End)
	}
	return out, nil
}

// spanHead returns the first token of [start,end) whose head lies outside
// the span (or is the root).
func spanHead(s *doc.Sentence, start, end int) int {
	for i := start; i < end; i++ {
		h := s.Tokens[i].Head - 1
		if h < start || h >= end {
			return i
		}
	}
	return start
}

func miscValue(misc, key string) string {
	for _, f := range strings.Split(misc, "|") {
		if k, v, ok := strings.Cut(f, "="); ok && k == key {
			return v
		}
	}
	return ""
}

// NamedEntities returns the named entities of a GUM sentence: mentions
// whose head is a proper noun (UPOS PROPN), typed through types. Each
// named mention is first cut to a name: it ends before the first
// coordinating conjunction or punctuation mark (other than hyphens,
// periods, slashes, apostrophes and ampersands) after its head ("CNRS,
// France" → "CNRS"; "Douglass North, Ronald Coase and ..." → "Douglass
// North"; "Joshua Norton (1818 – 1880)" → "Joshua Norton"), starts after
// the last such token before its head and after any title attached to the
// head as nmod:desc ("Chancellor Angela Merkel" → "Angela Merkel") and
// after any possessive marker or lower-case content word, pronoun or
// number before its head ("43 million Americans" → "Americans"), ends
// before a lower-case pronoun, verb or adverb after its head
// ("Tagbanuas who belong" → "Tagbanuas", "Coron Island itself"), loses
// leading determiners, pronouns, conjunctions, numbers, punctuation and
// lower-case words that are not proper nouns ("the", "our", "Neither",
// "younger"), and trailing punctuation, possessive markers and function
// words ("the United States 's" → "United States"). Mentions that are
// titles rather than names ("the President", "King of Athens") are left
// out (see titleOnly). Where the cut
// mentions nest, the outermost is kept. Mentions of types missing from
// types are dropped after nesting is resolved, so they still hide the
// named mentions inside them.
func NamedEntities(s *doc.Sentence, types map[string]string) ([]kner.Entity, error) {
	ms, err := Mentions(s)
	if err != nil {
		return nil, err
	}
	type cand struct {
		Mention
		orig int // original length, to order nested candidates
	}
	var named []cand
	for _, m := range ms {
		if s.Tokens[m.Head].UPOS != "PROPN" {
			continue
		}
		c := cand{m, m.End - m.Start}
		// Titles before a name ("President Emmanuel Macron",
		// "German Chancellor Angela Merkel") hang off the name's head
		// as nmod:desc in GUM; the name starts after them.
		for j := c.Start; j < c.Head; j++ {
			if s.Tokens[j].Head-1 == c.Head && s.Tokens[j].DepRel == "nmod:desc" {
				c.Start = max(c.Start, subtreeEnd(s, j))
			}
		}
		for i := m.Head + 1; i < c.End; i++ {
			if cutsName(&s.Tokens[i]) || endsName(&s.Tokens[i]) {
				c.End = i
				break
			}
		}
		for i := m.Head - 1; i >= c.Start; i-- {
			if cutsName(&s.Tokens[i]) || startsName(&s.Tokens[i]) {
				c.Start = i + 1
				break
			}
		}
		for c.Start < c.Head && trimsName(&s.Tokens[c.Start]) {
			c.Start++
		}
		for c.End-1 > c.Head && dropsFromEnd(&s.Tokens[c.End-1]) {
			c.End--
		}
		if titleOnly(s, c.Start, c.End) {
			continue
		}
		named = append(named, c)
	}
	var out []kner.Entity
	for i, m := range named {
		inner := false
		for j, o := range named {
			if j == i || o.Start > m.Start || m.End > o.End {
				continue
			}
			if o.End-o.Start > m.End-m.Start || o.orig > m.orig || (o.orig == m.orig && j < i) {
				inner = true
				break
			}
		}
		typ, ok := types[m.Type]
		if inner || !ok {
			continue
		}
		out = append(out, entity(s, typ, m.Start, m.End))
	}
	sortEntities(out)
	return out, nil
}

// cutsName reports whether a token ends a name when it follows the
// mention's head (or starts it when it precedes the head): a coordinating
// conjunction, or punctuation other than hyphens, slashes, apostrophes,
// ampersands and periods.
func cutsName(t *doc.Token) bool {
	if t.UPOS == "CCONJ" && t.Text != "&" {
		return true
	}
	if t.UPOS == "ADP" && t.Text != "of" && t.Text != "for" && strings.ToLower(t.Text) == t.Text {
		return true
	}
	if t.UPOS != "PUNCT" || t.XPOS == "HYPH" {
		return false
	}
	switch t.Text {
	case ".", "&", "'", "’", "/":
		return false
	}
	return true
}

// endsName reports whether a token after the mention's head ends the
// name: a lower-case pronoun, verb, auxiliary, subordinating conjunction
// or adverb ("Tagbanuas who belong", "Coron Island itself"). Lower-case
// nouns and adjectives stay ("Yellow sea", "school of public health").
func endsName(t *doc.Token) bool {
	switch t.UPOS {
	case "PRON", "VERB", "AUX", "SCONJ", "ADV":
		return !startsUpper(t.Text)
	}
	return false
}

// startsName reports whether a token before the mention's head ends what
// precedes the name: a possessive marker ("camp 's Kwok Ka-ki") or a
// lower-case content word, pronoun or number ("43 million Americans",
// "Many wealthy Tejanos", "first - time President").
func startsName(t *doc.Token) bool {
	if t.XPOS == "POS" {
		return true
	}
	switch t.UPOS {
	case "NOUN", "ADJ", "VERB", "AUX", "ADV", "PRON":
		return !startsUpper(t.Text)
	case "NUM":
		return !startsUpper(t.Text) && !ordinal(t.Text)
	}
	return false
}

// ordinal reports whether w mixes digits and letters ("42nd", "M18").
func ordinal(w string) bool {
	return strings.IndexFunc(w, unicode.IsDigit) >= 0 && strings.IndexFunc(w, unicode.IsLetter) >= 0
}

// dropsFromEnd reports whether a token at the end of a name is dropped:
// punctuation, possessive markers and the function words a cut can leave
// behind ("Latino Senator to" → "Latino Senator").
func dropsFromEnd(t *doc.Token) bool {
	switch t.UPOS {
	case "PUNCT", "ADP", "DET", "CCONJ", "PART":
		return true
	}
	return t.XPOS == "POS"
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// titleOnly reports whether tokens [start,end) are a title rather than a
// name: title words (extract/lexicon's titles, learned from GUM train,
// and common honorifics and offices), optionally followed by an
// "of" phrase ("President", "the Prime Minister", "King of Athens").
// GUM annotates these as named mentions when the title is capitalised;
// they are not names, and a name inside them ("Athens") is kept.
func titleOnly(s *doc.Sentence, start, end int) bool {
	if start >= end {
		return false
	}
	words := make([]string, 0, end-start)
	for i := start; i < end; i++ {
		words = append(words, s.Tokens[i].Text)
	}
	i := 0
	for i < len(words) {
		k := lexicon.TitleWords(words[i:])
		if k == 0 && lexicon.IsTitle(words[i]) {
			k = 1
		}
		if k == 0 {
			break
		}
		i += k
	}
	return i > 0 && (i == len(words) || words[i] == "of")
}

// subtreeEnd returns one past the rightmost token in the subtree of j.
func subtreeEnd(s *doc.Sentence, j int) int {
	end := j + 1
	for i := j + 1; i < len(s.Tokens); i++ {
		// i is in j's subtree if following heads from i reaches j.
		for h, steps := i, 0; h >= 0 && h < len(s.Tokens) && steps < len(s.Tokens); steps++ {
			if h == j {
				end = i + 1
				break
			}
			h = s.Tokens[h].Head - 1
		}
	}
	return end
}

// trimsName reports whether a token before the head is dropped from the
// start of a name: determiners, pronouns, conjunctions, particles,
// numbers (not ordinals such as "42nd"), punctuation, adpositions and
// other lower-case words that are not proper nouns ("the", "our",
// "Neither", "younger").
func trimsName(t *doc.Token) bool {
	switch t.UPOS {
	case "DET", "PRON", "CCONJ", "SCONJ", "PART", "PUNCT", "SYM", "ADP":
		return true
	case "NUM":
		return !ordinal(t.Text)
	}
	if t.UPOS == "PROPN" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsLower(r)
}

func entity(s *doc.Sentence, typ string, start, end int) kner.Entity {
	e := kner.Entity{Type: typ, Start: start, End: end}
	var b strings.Builder
	for i := start; i < end; i++ {
		b.WriteString(s.Tokens[i].Text)
		if i+1 < end && s.Tokens[i].SpaceAfter {
			b.WriteByte(' ')
		}
	}
	e.Text = b.String()
	return e
}

func sortEntities(es []kner.Entity) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Start < es[j-1].Start; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// SetIOB writes es into the tokens' Ent fields as IOB2 tags ("O" elsewhere).
// Overlapping entities keep the first.
func SetIOB(s *doc.Sentence, es []kner.Entity) {
	for i := range s.Tokens {
		s.Tokens[i].Ent = "O"
	}
	for _, e := range es {
		free := true
		for i := e.Start; i < e.End; i++ {
			if s.Tokens[i].Ent != "O" {
				free = false
			}
		}
		if !free {
			continue
		}
		for i := e.Start; i < e.End; i++ {
			p := "I-"
			if i == e.Start {
				p = "B-"
			}
			s.Tokens[i].Ent = p + e.Type
		}
	}
}

// ReadGUM reads a GUM CoNLL-U file and returns its sentences with gold
// named entities written into Token.Ent (IOB2) using types.
func ReadGUM(r io.Reader, name string, types map[string]string) ([]*doc.Sentence, error) {
	cs, err := conllu.ReadAll(r, name)
	if err != nil {
		return nil, err
	}
	out := make([]*doc.Sentence, len(cs))
	for i, c := range cs {
		s := &c.Sentence
		es, err := NamedEntities(s, types)
		if err != nil {
			return nil, fmt.Errorf("%s: sentence %s: %w", name, s.ID, err)
		}
		SetIOB(s, es)
		out[i] = s
	}
	return out, nil
}
