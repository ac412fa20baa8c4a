package resolve

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

// tagged reads hand-annotated sentences with fine tags: rows "form upos
// xpos head deprel ner", sentences separated by blank lines; lemmas are
// the lower-cased forms.
func tagged(t *testing.T, text string) *doc.Document {
	return annotated(t, text, func(f []string) (lemma, upos, xpos, head, deprel, ner string, ok bool) {
		if len(f) != 6 {
			return
		}
		return strings.ToLower(f[0]), f[1], f[2], f[3], f[4], f[5], true
	})
}

func TestTheyForOnePluralSubject(t *testing.T) {
	d := tagged(t, `
The DET DT 2 det O
parents NOUN NNS 3 nsubj O
came VERB VBD 0 root O
from ADP IN 5 case O
India PROPN NNP 3 obl B-LOCATION
. PUNCT . 3 punct O

They PRON PRP 2 nsubj O
returned VERB VBD 0 root O
. PUNCT . 2 punct O`)
	r := Resolve(d)
	e := r.At(1, 0)
	if e < 0 || r.Entities[e].Name != "parents" {
		t.Fatalf("They linked to %d, want the concept 'parents' (entities %v)", e, r.Entities)
	}
}

func TestTheyWithTwoPluralSubjectsStaysUnlinked(t *testing.T) {
	d := tagged(t, `
The DET DT 2 det O
authors NOUN NNS 3 nsubj O
say VERB VBP 0 root O
the DET DT 5 det O
results NOUN NNS 6 nsubj O
confirm VERB VBP 3 ccomp O
it PRON PRP 6 obj O
. PUNCT . 3 punct O

They PRON PRP 2 nsubj O
call VERB VBP 0 root O
for ADP IN 4 case O
action NOUN NN 2 obl O
. PUNCT . 2 punct O`)
	r := Resolve(d)
	if e := r.At(1, 0); e >= 0 {
		t.Errorf("They linked to %q; authors and results are both candidates", r.Entities[e].Name)
	}
}

func TestTheyForAnOrganisationNotItsApposition(t *testing.T) {
	d := tagged(t, `
Smith PROPN NNP 3 nsubj B-PERSON
, PUNCT , 1 punct O
Acme PROPN NNP 1 appos B-ORGANIZATION
said VERB VBD 0 root O
they PRON PRP 6 nsubj O
left VERB VBD 4 ccomp O
. PUNCT . 4 punct O

Jones PROPN NNP 3 nsubj B-PERSON
of ADP IN 3 case O
Acme PROPN NNP 1 nmod B-ORGANIZATION
said VERB VBD 0 root O
they PRON PRP 6 nsubj O
left VERB VBD 4 ccomp O
. PUNCT . 4 punct O`)
	r := Resolve(d)
	if e := r.At(0, 4); e >= 0 {
		t.Errorf("they linked to %q: an apposition renames Smith, it is no antecedent", r.Entities[e].Name)
	}
	if e := r.At(1, 4); e < 0 || r.Entities[e].Name != "Acme" {
		t.Errorf("'Jones of Acme said they left': they linked to %d, want Acme", e)
	}
}

// A name typed a person whose first word the text also uses as a common
// noun ("Cyclone Ana" beside "the cyclone") may be what "it" means; a
// subordinate clause before "it" does not make "it" extraposed.
func TestItForANameStartingWithAThingNoun(t *testing.T) {
	text := `
The DET DT 2 det O
cyclone NOUN NN 3 nsubj O
weakened VERB VBD 0 root O
. PUNCT . 3 punct O

Once SCONJ IN 4 mark O
NAME PROPN NNP 4 nsubj B-PERSON
Ana PROPN NNP 2 flat I-PERSON
lands VERB VBZ 7 advcl O
, PUNCT , 4 punct O
it PRON PRP 7 nsubj O
begins VERB VBZ 0 root O
to PART TO 9 mark O
weaken VERB VB 7 xcomp O
. PUNCT . 7 punct O`
	r := Resolve(tagged(t, strings.ReplaceAll(text, "NAME", "Cyclone")))
	if e := r.At(1, 5); e < 0 || r.Entities[e].Name != "Cyclone Ana" {
		t.Errorf("'Once Cyclone Ana lands, it begins to weaken': it linked to %d, want Cyclone Ana", e)
	}
	r = Resolve(tagged(t, strings.ReplaceAll(text, "NAME", "Mary")))
	if e := r.At(1, 5); e >= 0 {
		t.Errorf("'Once Mary Ana lands, it begins': it linked to person %q", r.Entities[e].Name)
	}
}

// A bare person noun in apposition that names its organisation is a
// title ("Al-Maeena, editor at the Gazette"); with an article, or
// without an organisation, it describes.
func TestRoleAtAnOrganisationIsATitle(t *testing.T) {
	rows := func(det, org string) string {
		return `
Khaled PROPN NNP 9 nsubj B-PERSON
Maeena PROPN NNP 1 flat I-PERSON
, PUNCT , 5 punct O
` + det + `
editor NOUN NN 1 appos O
at ADP IN 8 case O
the DET DT 8 det O
Gazette PROPN NNP 5 nmod ` + org + `
said VERB VBD 0 root O
. PUNCT . 9 punct O`
	}
	title := func(r *Result) string {
		for _, tt := range r.Titles {
			if tt.Title != "" {
				return tt.Title
			}
		}
		return ""
	}
	r := Resolve(tagged(t, rows(", PUNCT , 1 punct O", "B-ORGANIZATION")))
	if got := title(r); got != "editor" {
		t.Errorf("'Khaled Maeena, editor at the Gazette': title %q, want editor", got)
	}
	for _, c := range []struct{ det, org, why string }{
		{"a DET DT 5 det O", "B-ORGANIZATION", "with an article"},
		{", PUNCT , 1 punct O", "B-LOCATION", "at a place, no organisation"},
	} {
		if got := title(Resolve(tagged(t, rows(c.det, c.org)))); got != "" {
			t.Errorf("%s: title %q, want none", c.why, got)
		}
	}
}

// A plural noun in another role, or a named place, is what "they" may
// mean as well: "the bodies of ants after they ate" is no link to the
// previous sentence's subject; a subject still outranks a place beside
// it ("The parents came from India. They returned.").
func TestTheyBlockedByAnotherPluralNoun(t *testing.T) {
	d := tagged(t, `
The DET DT 2 det O
scientists NOUN NNS 3 nsubj O
work VERB VBP 0 root O
. PUNCT . 3 punct O

We PRON PRP 2 nsubj O
weighed VERB VBD 0 root O
the DET DT 4 det O
bodies NOUN NNS 2 obj O
of ADP IN 6 case O
ants NOUN NNS 4 nmod O
after SCONJ IN 9 mark O
they PRON PRP 9 nsubj O
ate VERB VBD 2 advcl O
. PUNCT . 2 punct O`)
	r := Resolve(d)
	if e := r.At(1, 7); e >= 0 {
		t.Errorf("'the bodies of ants after they ate': they linked to %q", r.Entities[e].Name)
	}
}

// "New Zealand's Prime Minister John Key": the title's possessor is the
// person's affiliation.
func TestPossessorOfTitleIsAffiliation(t *testing.T) {
	d := document(t, `
New PROPN 5 nmod:poss B-LOCATION
Zealand PROPN 1 flat I-LOCATION
's PART 1 case O
Prime ADJ 5 amod O prime
Minister PROPN 6 nmod:desc O minister
John PROPN 8 nsubj B-PERSON
Key PROPN 6 flat I-PERSON
spoke VERB 0 root O speak`)
	r := Resolve(d)
	key, nz := find(r, "John Key"), find(r, "New Zealand")
	if key < 0 || nz < 0 {
		t.Fatalf("entities %v", r.Entities)
	}
	found := false
	for _, tt := range r.Titles {
		if tt.Entity == key && tt.Affiliation == nz {
			found = true
		}
	}
	if !found {
		t.Errorf("John Key not affiliated with New Zealand: titles %+v", r.Titles)
	}
}

// "Isabel Ruiz of Acme Games", recognised as one name: the person ends
// before "of", and what follows is her affiliation.
func TestNameOfOrganisationIsAffiliation(t *testing.T) {
	d := document(t, `
Isabel PROPN 6 nsubj B-PERSON
Ruiz PROPN 1 flat I-PERSON
of ADP 5 case I-PERSON
Acme PROPN 5 compound I-PERSON
Games PROPN 1 nmod I-PERSON
spoke VERB 0 root O`)
	r := Resolve(d)
	p, o := find(r, "Isabel Ruiz"), find(r, "Acme Games")
	if p < 0 || o < 0 {
		t.Fatalf("want Isabel Ruiz and Acme Games: %+v", r.Entities)
	}
	found := false
	for _, tt := range r.Titles {
		found = found || tt.Entity == p && tt.Affiliation == o
	}
	if !found || r.Entities[o].Type != "ORGANIZATION" {
		t.Errorf("Isabel Ruiz not affiliated with the organisation Acme Games: %+v, %+v", r.Titles, r.Entities[o])
	}
}
