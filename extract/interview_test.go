package extract_test

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/fact"
)

// handParagraphs is hand for several sentences, each its own paragraph
// (separated by a blank line in the text).
func handParagraphs(t *testing.T, sentences ...string) *fact.Document {
	t.Helper()
	d := &fact.Document{ID: "hand", Doc: &doc.Document{}}
	var text strings.Builder
	for _, rows := range sentences {
		s := handSentence(t, rows)
		if text.Len() > 0 {
			text.WriteString("\n\n")
		}
		s.Start = text.Len()
		text.WriteString(s.Text)
		s.End = text.Len()
		d.Doc.Sentences = append(d.Doc.Sentences, s)
	}
	d.Doc.Text = text.String()
	extract.Facts(d, extract.Options{})
	return d
}

// twoInterviewees is the headline of an interview of Ann Lee and Bob Cruz.
const twoInterviewees = `
Reporter Reporter PROPN NNP 2 nsubj B-ORGANIZATION
interviews interview VERB VBZ 0 root O
Ann Ann PROPN NNP 2 obj B-PERSON
Lee Lee PROPN NNP 3 flat I-PERSON
and and CCONJ CC 6 cc O
Bob Bob PROPN NNP 3 conj B-PERSON
Cruz Cruz PROPN NNP 6 flat I-PERSON`

// In an interview of two people, an answer's "we" is both of them: the
// fact is stored for each, below a fact the text states by name.
func TestInterviewWeIsEachInterviewee(t *testing.T) {
	d := handParagraphs(t, twoInterviewees, `
We we PRON PRP 2 nsubj O
founded found VERB VBD 0 root O
a a DET DT 4 det O
studio studio NOUN NN 2 obj O
. . PUNCT . 2 punct O`)
	var named, we []fact.Fact
	for _, f := range d.Facts {
		switch {
		case f.Predicate == "interviews":
			named = append(named, f)
		case f.Predicate == "founded" && f.Object.Text == "studio":
			we = append(we, f)
		}
	}
	if len(we) != 2 || we[0].Subject.Entity == we[1].Subject.Entity {
		t.Fatalf("'We founded a studio': want one fact for each interviewee, got %q", triples(d))
	}
	for _, f := range we {
		if n := d.Entities[f.Subject.Entity].Name; n != "Ann Lee" && n != "Bob Cruz" {
			t.Errorf("'we' stored as %q", n)
		}
		if len(named) > 0 && f.Confidence >= named[0].Confidence {
			t.Errorf("'we' fact scores %.2f, not below the named fact's %.2f", f.Confidence, named[0].Confidence)
		}
	}
}

// An answer's "us" (two people interviewed) is each of them as object.
func TestInterviewUsIsEachInterviewee(t *testing.T) {
	d := handParagraphs(t, twoInterviewees, `
Jeff Jeff PROPN NNP 2 nsubj B-PERSON
helped help VERB VBD 0 root O
us we PRON PRP 2 obj O
. . PUNCT . 2 punct O`)
	got := map[string]bool{}
	for _, f := range d.Facts {
		if f.Predicate == "helped" && f.Object.Entity >= 0 {
			got[d.Entities[f.Object.Entity].Name] = true
		}
	}
	if !got["Ann Lee"] || !got["Bob Cruz"] || len(got) != 2 {
		t.Errorf("'Jeff helped us': objects %v, want Ann Lee and Bob Cruz; facts %q", got, triples(d))
	}
}

// An answer's "we" may be the speakers, the speaker and the listener or
// people in general: its fact scores below the same fact with "I".
func TestInterviewWeScoresBelowI(t *testing.T) {
	i := confOf(handParagraphs(t, twoInterviewees, `
I I PRON PRP 2 nsubj O
founded found VERB VBD 0 root O
a a DET DT 4 det O
studio studio NOUN NN 2 obj O
with with ADP IN 6 case O
Bob Bob PROPN NNP 2 obl B-PERSON
. . PUNCT . 2 punct O`), "Ann Lee|founded|studio")
	we := confOf(handParagraphs(t, twoInterviewees, `
We we PRON PRP 2 nsubj O
founded found VERB VBD 0 root O
a a DET DT 4 det O
studio studio NOUN NN 2 obj O
. . PUNCT . 2 punct O`), "Ann Lee|founded|studio")
	if i <= 0 || we <= 0 || we >= i {
		t.Errorf("'I founded a studio with Bob' %.3f, 'We founded a studio' %.3f: want both, 'we' below", i, we)
	}
}
