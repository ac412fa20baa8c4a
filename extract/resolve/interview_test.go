package resolve

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

// paragraphed gives a hand-annotated document a text in which the
// sentences listed in breaks start a new paragraph (a blank line before
// them), so that paragraphs can be told apart.
func paragraphed(d *doc.Document, breaks ...int) {
	var b strings.Builder
	for si := range d.Sentences {
		if si > 0 {
			sep := " "
			if contains(breaks, si) {
				sep = "\n\n"
			}
			b.WriteString(sep)
		}
		s := &d.Sentences[si]
		s.Start = b.Len()
		b.WriteString(s.Text)
		s.End = b.Len()
	}
	d.Text = b.String()
}

func TestInterviewFirstPerson(t *testing.T) {
	d := document(t, `
Reporter PROPN 2 nsubj B-ORGANIZATION
interviews VERB 0 root O interview
Ann PROPN 2 obj B-PERSON
Lee PROPN 3 flat I-PERSON
and CCONJ 7 cc O
Bob PROPN 3 conj B-PERSON
Cruz PROPN 6 flat I-PERSON

How ADV 4 advmod O
did AUX 4 aux O
you PRON 4 nsubj O
meet VERB 0 root O
? PUNCT 4 punct O

I PRON 3 nsubj O
'm AUX 3 cop O be
Ann PROPN 0 root B-PERSON
Lee PROPN 3 flat I-PERSON
. PUNCT 3 punct O

I PRON 2 nsubj O
met VERB 0 root O
Bob PROPN 2 obj B-PERSON
. PUNCT 2 punct O

We PRON 2 nsubj O
met VERB 0 root O
in ADP 4 case O
school NOUN 2 obl O
. PUNCT 2 punct O

I PRON 2 nsubj O
know VERB 0 root O
Ann PROPN 2 obj B-PERSON
and CCONJ 5 cc O
Bob PROPN 3 conj B-PERSON
. PUNCT 2 punct O

Did AUX 3 aux O
we PRON 3 nsubj O
meet VERB 0 root O
? PUNCT 3 punct O`)
	paragraphed(d, 1, 2, 4, 5, 6)
	r := Resolve(d)
	ann, bob := find(r, "Ann Lee"), find(r, "Bob Cruz")
	if ann < 0 || bob < 0 {
		t.Fatalf("interviewees not found: %v", r.Entities)
	}
	if e := r.At(2, 0); e != ann {
		t.Errorf("'I'm Ann Lee': I linked to %d, want Ann (%d)", e, ann)
	}
	if e := r.At(3, 0); e != ann {
		t.Errorf("'I met Bob' (Ann's turn: Bob named): I linked to %d, want Ann (%d)", e, ann)
	}
	if g := r.Group(4, 0); len(g) != 2 || !contains(g, ann) || !contains(g, bob) {
		t.Errorf("'We met': group %v, want both interviewees", g)
	}
	if e := r.At(5, 0); e >= 0 {
		t.Errorf("'I know Ann and Bob' (both named): I linked to %q", r.Entities[e].Name)
	}
	if g := r.Group(6, 1); len(g) > 0 {
		t.Errorf("a question's 'we' (the interviewer) linked to %v", g)
	}
}

func TestNoInterviewees(t *testing.T) {
	// "interviews experts on Storm Ann": Ann is the topic, not interviewed.
	d := document(t, `
Reporter PROPN 2 nsubj B-ORGANIZATION
interviews VERB 0 root O interview
experts NOUN 2 obj O
on ADP 5 case O
Ann PROPN 3 nmod B-PERSON

I PRON 2 nsubj O
expect VERB 0 root O
rain NOUN 2 obj O
. PUNCT 2 punct O`)
	paragraphed(d, 1)
	r := Resolve(d)
	if e := r.At(1, 0); e >= 0 {
		t.Errorf("I linked to %q: the headline interviews no one by name", r.Entities[e].Name)
	}
}

// TestInterviewPartnerPronoun: in an answer of one of two people
// interviewed that already calls the other "she", a later "she" the
// resolver left open (other names came between) is the partner too;
// not after a person noun that may be what it means ("my mother"), and a
// predicate noun ("I was a writer") is no such person.
func TestInterviewPartnerPronoun(t *testing.T) {
	rows := func(between string) string {
		return `
Reporter PROPN 2 nsubj B-ORGANIZATION
interviews VERB 0 root O interview
Ann PROPN 2 obj B-PERSON
Lee PROPN 3 flat I-PERSON
and CCONJ 6 cc O
Bob PROPN 3 conj B-PERSON
Cruz PROPN 6 flat I-PERSON

Ann PROPN 4 nsubj B-PERSON
and CCONJ 3 cc O
I PRON 1 conj O
met VERB 0 root O
. PUNCT 4 punct O

She PRON 2 nsubj O
drew VERB 0 root O
. PUNCT 2 punct O

Those PRON 2 nsubj O those
included VERB 0 root O include
Joe PROPN 2 obj B-PERSON
Kim PROPN 3 flat I-PERSON
, PUNCT 6 punct O
Max PROPN 3 conj B-PERSON
Roe PROPN 6 flat I-PERSON
. PUNCT 2 punct O
` + between + `
She PRON 2 nsubj O
had VERB 0 root O have
ideas NOUN 2 obj O idea
. PUNCT 2 punct O`
	}
	for _, tc := range []struct {
		name, between string
		linked        bool
	}{
		{"names between", "", true},
		{"a predicate noun between", `
I PRON 4 nsubj O
was AUX 4 cop O be
a DET 4 det O
writer NOUN 0 root O
. PUNCT 4 punct O
`, true},
		{"a person noun between", `
My PRON 2 nmod:poss O
mother NOUN 3 nsubj O
came VERB 0 root O come
. PUNCT 3 punct O
`, false},
	} {
		d := document(t, rows(tc.between))
		paragraphed(d, 1)
		last := len(d.Sentences) - 1
		r := Resolve(d)
		ann := find(r, "Ann Lee")
		if e := r.At(2, 0); e != ann {
			t.Fatalf("%s: 'She drew' linked to %d, want Ann (%d)", tc.name, e, ann)
		}
		if e := r.At(last, 0); (e == ann) != tc.linked {
			t.Errorf("%s: 'She had ideas' linked to %d, want Ann: %v", tc.name, e, tc.linked)
		}
	}
}

// TestIntervieweeBeforeTheInterviewWord: a headline may name the one
// interviewed before the interview word: the subject of "interviewed
// by" ("A, founder of B, interviewed by C"), or the name an interview
// phrase is set beside ("A: An interview"). A subject
// that interviews is the interviewer.
func TestIntervieweeBeforeTheInterviewWord(t *testing.T) {
	answer := `

I PRON 2 nsubj O
wrote VERB 0 root O write
books NOUN 2 obj O book
. PUNCT 2 punct O`
	tests := []struct {
		name, headline string
		linked         bool
	}{
		{"interviewed by", `
Ann PROPN 3 nsubj B-PERSON
Lee PROPN 1 flat I-PERSON
interviewed VERB 0 root O interview
by ADP 5 case O
Reporter PROPN 3 obl:agent B-ORGANIZATION`, true},
		{"set beside", `
Ann PROPN 0 root B-PERSON
Lee PROPN 1 flat I-PERSON
: PUNCT 5 punct O
An DET 5 det O
Interview NOUN 1 parataxis O interview`, true},
		{"the interviewer", `
Ann PROPN 3 nsubj B-PERSON
Lee PROPN 1 flat I-PERSON
interviews VERB 0 root O interview
experts NOUN 3 obj O expert`, false},
	}
	for _, tc := range tests {
		d := document(t, tc.headline+answer)
		paragraphed(d, 1)
		r := Resolve(d)
		ann := find(r, "Ann Lee")
		if e := r.At(1, 0); (e == ann && ann >= 0) != tc.linked {
			t.Errorf("%s: I linked to %d, Ann Lee is %d, want linked: %v", tc.name, e, ann, tc.linked)
		}
	}
}

// TestInterviewSingleQuotes: an answer's "I" inside single quotation
// marks is someone quoted ("The e-mail said, 'I wish you success.'");
// a single mark with no closing one is an apostrophe ("the 'scopes").
func TestInterviewSingleQuotes(t *testing.T) {
	text := `
Reporter PROPN 2 nsubj B-ORGANIZATION
interviews VERB 0 root O interview
Ann PROPN 2 obj B-PERSON
Lee PROPN 3 flat I-PERSON

It PRON 2 nsubj O
said VERB 0 root O say
, PUNCT 5 punct O
' PUNCT 5 punct O
I PRON 6 nsubj O
wish VERB 2 ccomp O
you PRON 6 iobj O
success NOUN 6 obj O
. PUNCT 6 punct O
' PUNCT 6 punct O

I PRON 2 nsubj O
looked VERB 0 root O look
under ADP 5 case O
the DET 5 det O
' PUNCT 5 punct O
scopes NOUN 2 obl O scope
. PUNCT 2 punct O

I PRON 2 nsubj O
compared VERB 0 root O compare
them PRON 2 obj O
. PUNCT 2 punct O`
	d := document(t, text)
	// The tagger's tags for opening and closing quotation marks.
	d.Sentences[1].Tokens[3].XPOS = "``"
	d.Sentences[1].Tokens[9].XPOS = "''"
	d.Sentences[2].Tokens[4].XPOS = "``"
	paragraphed(d, 1, 2)
	r := Resolve(d)
	ann := find(r, "Ann Lee")
	if e := r.At(1, 4); e >= 0 {
		t.Errorf("a quoted I linked to %d", e)
	}
	if e := r.At(3, 0); e != ann {
		t.Errorf("I after an apostrophe linked to %d, want Ann Lee (%d)", e, ann)
	}
}
