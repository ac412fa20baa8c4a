package resolve

import (
	"strings"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/extract/lexicon"
)

// interview links first-person pronouns of an interview's answers to the
// people interviewed. An interview is a document whose headline (its
// first sentence) has the word "interview" followed by the names of the
// people interviewed ("Wikinews interviews A and B of C", "An interview
// with A"). The answers are the paragraphs that do not end in a question
// (those are the interviewer's); in them, outside quotation marks:
//
//   - "I", "me", "myself" are the paragraph's speaker, when it is known:
//     the only person interviewed; the one the paragraph introduces ("I'm
//     A"); or, of two people interviewed, the one the paragraph does not
//     name when it names the other ("I wanted to work with B" is A
//     speaking). A paragraph that names both, or that calls its speaker
//     "he" or "she", has no known speaker.
//   - "we", "us" stand for all the people interviewed, when there are
//     two or more ("we met in high school").
//
// Turns are not carried across paragraphs: speakers alternate without
// being marked, so each answer is judged on its own.
func (r *Result) interview(d *doc.Document) {
	if len(d.Sentences) < 2 {
		return
	}
	who := r.interviewees(&d.Sentences[0])
	if len(who) == 0 {
		return
	}
	for _, para := range paragraphs(d) {
		last := &d.Sentences[para[len(para)-1]]
		if endsWith(last, "?") {
			continue // the interviewer's question
		}
		speaker := r.paragraphSpeaker(d, para, who)
		if len(who) == 2 && speaker >= 0 {
			other := who[0]
			if other == speaker {
				other = who[1]
			}
			r.otherInterviewee(d, para, other)
		}
		quoted := quotedTokens(d, para)
		for _, si := range para {
			s := &d.Sentences[si]
			for k, t := range s.Tokens {
				if quoted[[2]int{si, k}] || t.UPOS != "PRON" || r.At(si, k) >= 0 {
					continue
				}
				sp := doc.Span{Start: k, End: k + 1}
				switch strings.ToLower(t.Text) {
				case "i", "me", "myself":
					if speaker >= 0 {
						r.Link(speaker, si, sp, t.Text, "pronoun")
					}
				case "we", "us":
					if len(who) >= 2 {
						if r.groups == nil {
							r.groups = map[[2]int][]int{}
						}
						r.groups[[2]int{si, k}] = who
						for _, e := range who {
							r.Entities[e].Mentions = append(r.Entities[e].Mentions, fact.Mention{Sent: si, Span: sp, Text: t.Text, Kind: "pronoun"})
						}
					}
				}
			}
		}
	}
}

// otherInterviewee links the "he" or "she" pronouns that the resolver
// left open in an answer of one of two people interviewed to the other
// one, when the answer already calls the other so and calls no one else
// by a pronoun of that gender: an interviewee speaks of the partner
// beside them ("she came up with a few projects … She had several
// ideas", where a list of other names in between left "She" open).
// Only pronouns after the first linked one are taken.
func (r *Result) otherInterviewee(d *doc.Document, para []int, other int) {
	var g byte
	first := [2]int{-1, -1}
	for e := range r.Entities {
		for _, m := range r.Entities[e].Mentions {
			pg := pronounGender(m.Text)
			if m.Kind != "pronoun" || pg == 0 || !contains(para, m.Sent) {
				continue
			}
			if e != other || g != 0 && pg != g {
				return // someone else is "he" or "she" here, or both are the partner
			}
			g = pg
			if first[0] < 0 || m.Sent < first[0] || m.Sent == first[0] && m.Span.Start < first[1] {
				first = [2]int{m.Sent, m.Span.Start}
			}
		}
	}
	if g == 0 {
		return
	}
	// A pronoun is taken while the partner is the last one it could
	// mean: a singular person noun ("my mother", not a predicate: "I
	// was a writer") or a name of that gender after the partner's last
	// pronoun may be what it means.
	quoted, open := quotedTokens(d, para), false
	for _, si := range para {
		s := &d.Sentences[si]
		for k, t := range s.Tokens {
			if quoted[[2]int{si, k}] {
				continue
			}
			if e := r.At(si, k); e >= 0 {
				if e == other && pronounGender(t.Text) == g {
					open = true
				} else if e != other && r.Entities[e].Type == fact.Person && t.UPOS == "PROPN" && firstNameGender(r.Entities[e].Name) == g {
					open = false
				}
				continue
			}
			if t.UPOS == "NOUN" && t.XPOS != "NNS" && !predicate(s, k) {
				if typ, share, ok := lexicon.NounType(strings.ToLower(t.Lemma)); ok && typ == fact.Person && share >= 0.9 {
					open = false
				}
			}
			if !open || t.UPOS != "PRON" || pronounGender(t.Text) != g {
				continue
			}
			r.Link(other, si, doc.Span{Start: k, End: k + 1}, t.Text, "pronoun")
		}
	}
}

// predicate reports whether noun k is the predicate of a copula ("I was
// a writer"): it says what the subject is and brings in no one new.
func predicate(s *doc.Sentence, k int) bool {
	for _, t := range s.Tokens {
		if t.Head-1 == k && t.DepRel == "cop" {
			return true
		}
	}
	return false
}

// firstNameGender is the gender GUM knows for the first of a name's
// words, or 0.
func firstNameGender(name string) byte {
	if w := strings.Fields(name); len(w) > 0 {
		if g, ok := lexicon.Gender(w[0]); ok {
			return g
		}
	}
	return 0
}

// interviewees returns the people named after the word "interview" in a
// headline, in order, or nil when it has no such word.
func (r *Result) interviewees(s *doc.Sentence) []int {
	at := -1
	for k, t := range s.Tokens {
		if strings.ToLower(t.Lemma) == "interview" || strings.HasPrefix(strings.ToLower(t.Text), "interview") {
			at = k
			break
		}
	}
	if at < 0 {
		return nil
	}
	var out []int
	seen := map[int]bool{}
	for k := range s.Tokens {
		e := r.At(0, k)
		if e < 0 {
			e = r.Owner(0, k)
		}
		if e < 0 || seen[e] || r.Entities[e].Type != fact.Person {
			continue
		}
		if k > at && interviewed(s, at, k) || k < at && interviewedBefore(s, at, k) {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// interviewedBefore reports whether token k, before the interview word
// at, belongs to a name the headline gives as the one interviewed: the
// subject of a passive "interviewed by" ("A, founder of B, interviewed
// by C"), or the name the interview phrase is set beside ("A: An
// interview with the poet").
func interviewedBefore(s *doc.Sentence, at, k int) bool {
	h := k
	for hop := 0; hop < 8 && h >= 0; hop++ {
		switch s.Tokens[h].DepRel {
		case "flat", "conj", "compound":
			h = s.Tokens[h].Head - 1
			continue
		}
		break
	}
	if h < 0 {
		return false
	}
	w := s.Tokens[at]
	switch {
	case w.Head-1 == h && (w.DepRel == "parataxis" || w.DepRel == "appos" || w.DepRel == "list" || w.DepRel == "dep"):
		return true
	case s.Tokens[h].Head-1 == at && strings.HasPrefix(s.Tokens[h].DepRel, "nsubj"):
		if s.Tokens[h].DepRel == "nsubj:pass" {
			return true
		}
		for _, t := range s.Tokens {
			if t.Head-1 == at && t.DepRel == "obl:agent" {
				return true
			}
		}
	}
	return false
}

// interviewed reports whether token k belongs to a phrase that the
// interview word at names as the one interviewed: its object ("interviews
// A and B") or its "with" phrase ("an interview with A"), through names'
// parts and coordination. "interviews experts on Cyclone X" names no one.
func interviewed(s *doc.Sentence, at, k int) bool {
	h := k
	for hop := 0; hop < 8 && h >= 0; hop++ {
		t := &s.Tokens[h]
		switch t.DepRel {
		case "flat", "conj", "appos", "compound":
			h = t.Head - 1
			continue
		case "obj":
			return t.Head-1 == at
		}
		if t.Head-1 != at || !(strings.HasPrefix(t.DepRel, "nmod") || strings.HasPrefix(t.DepRel, "obl")) {
			return false
		}
		for _, u := range s.Tokens {
			if u.Head-1 == h && u.DepRel == "case" && strings.EqualFold(u.Text, "with") {
				return true
			}
		}
		return false
	}
	return false
}

// paragraphSpeaker returns the entity speaking in the answer paragraph
// para (sentence indices), or -1 when the text does not say.
func (r *Result) paragraphSpeaker(d *doc.Document, para []int, who []int) int {
	named := map[int]bool{}
	introduced := -1
	for _, si := range para {
		s := &d.Sentences[si]
		for k := range s.Tokens {
			e := r.Owner(si, k)
			if e < 0 || !contains(who, e) {
				continue
			}
			if selfIntroduced(s, k) {
				if introduced >= 0 && introduced != e {
					return -1
				}
				introduced = e
				continue
			}
			named[e] = true
		}
	}
	speaker := -1
	switch {
	case introduced >= 0:
		speaker = introduced
	case len(who) == 1:
		speaker = who[0]
	case len(who) == 2 && len(named) == 1:
		for _, e := range who {
			if !named[e] {
				speaker = e
			}
		}
	}
	if speaker < 0 {
		return -1
	}
	// A speaker the resolver already found called "he" or "she" in the
	// paragraph is someone spoken about, not the speaker.
	for _, m := range r.Entities[speaker].Mentions {
		if m.Kind == "pronoun" && contains(para, m.Sent) {
			return -1
		}
	}
	return speaker
}

// selfIntroduced reports whether token k is part of a name that the
// sentence gives as "I"'s own ("I'm Isabel Ruiz", "I am A", "my name is
// A").
func selfIntroduced(s *doc.Sentence, k int) bool {
	h := k
	for hop := 0; hop < 4 && h >= 0 && s.Tokens[h].DepRel == "flat"; hop++ {
		h = s.Tokens[h].Head - 1
	}
	if h < 0 {
		return false
	}
	cop, first := false, false
	for j, t := range s.Tokens {
		if t.Head-1 != h {
			continue
		}
		switch l := strings.ToLower(t.Text); {
		case t.DepRel == "cop":
			cop = true
		case strings.HasPrefix(t.DepRel, "nsubj") && l == "i":
			first = true
		case strings.HasPrefix(t.DepRel, "nsubj") && strings.ToLower(t.Lemma) == "name":
			for _, u := range s.Tokens {
				if u.Head-1 == j && strings.EqualFold(u.Text, "my") {
					first = true
				}
			}
		}
	}
	return cop && first
}

// paragraphs groups the document's sentence indices by paragraph: a
// blank line between two sentences starts a new one.
func paragraphs(d *doc.Document) [][]int {
	var out [][]int
	for si := range d.Sentences {
		if si == 0 || blankLineBetween(d, si-1, si) {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], si)
	}
	return out
}

func blankLineBetween(d *doc.Document, a, b int) bool {
	lo, hi := d.Sentences[a].End, d.Sentences[b].Start
	if lo < 0 || hi > len(d.Text) || lo >= hi {
		return false
	}
	return strings.Count(d.Text[lo:hi], "\n") >= 2
}

func endsWith(s *doc.Sentence, p string) bool {
	for k := len(s.Tokens) - 1; k >= 0; k-- {
		switch s.Tokens[k].Text {
		case "\"", "'", "”", "’", "''", ")", "]":
			continue
		}
		return s.Tokens[k].Text == p
	}
	return false
}

func isQuoteMark(w string) bool {
	return w == "\"" || w == "“" || w == "”" || w == "``" || w == "''"
}

// quotedTokens returns the tokens of paragraph para (sentence indices)
// that are quotation marks or inside a quotation: between double marks,
// or between a single mark the tagger tags as an opening quotation mark
// and a later one it tags as a closing one ("said, 'I never met you.'").
// A single opening mark with no closing one after it in the paragraph
// is an apostrophe ("under the 'scopes").
func quotedTokens(d *doc.Document, para []int) map[[2]int]bool {
	type pos struct{ si, k int }
	var toks []pos
	for _, si := range para {
		for k := range d.Sentences[si].Tokens {
			toks = append(toks, pos{si, k})
		}
	}
	single := func(p pos, xpos string) bool {
		t := d.Sentences[p.si].Tokens[p.k]
		return t.UPOS == "PUNCT" && (t.Text == "'" || t.Text == "‘" || t.Text == "’") && t.XPOS == xpos
	}
	out := map[[2]int]bool{}
	double, inSingle := false, false
	for i, p := range toks {
		t := d.Sentences[p.si].Tokens[p.k]
		switch {
		case isQuoteMark(t.Text):
			double = !double
			out[[2]int{p.si, p.k}] = true
			continue
		case !inSingle && single(p, "``"):
			for _, q := range toks[i+1:] {
				if single(q, "''") {
					inSingle = true
					break
				}
			}
		case inSingle && single(p, "''"):
			inSingle = false
			out[[2]int{p.si, p.k}] = true
			continue
		}
		if double || inSingle {
			out[[2]int{p.si, p.k}] = true
		}
	}
	return out
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
