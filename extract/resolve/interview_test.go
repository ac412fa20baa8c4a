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
