package resolve

import (
	"strconv"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/fact"
)

// document reads hand-annotated sentences: rows "form upos head deprel
// ner [lemma]" separated by spaces (the lemma defaults to the lower-cased
// form), sentences separated by blank lines.
func document(t *testing.T, text string) *doc.Document {
	return annotated(t, text, func(f []string) (lemma, upos, xpos, head, deprel, ner string, ok bool) {
		if len(f) == 5 {
			f = append(f, strings.ToLower(f[0]))
		}
		if len(f) != 6 {
			return
		}
		return f[5], f[1], "_", f[2], f[3], f[4], true
	})
}

// annotated builds a document from hand-annotated sentences separated by
// blank lines: row turns the fields of a line (the form first) into the
// token's lemma, tags, head, relation and NER tag, or says it is bad.
func annotated(t *testing.T, text string, row func(f []string) (lemma, upos, xpos, head, deprel, ner string, ok bool)) *doc.Document {
	t.Helper()
	d := &doc.Document{}
	for _, block := range strings.Split(strings.TrimSpace(text), "\n\n") {
		var b strings.Builder
		var words []string
		for i, line := range strings.Split(strings.TrimSpace(block), "\n") {
			f := strings.Fields(line)
			lemma, upos, xpos, head, deprel, ner, ok := row(f)
			if !ok {
				t.Fatalf("bad row %q", line)
			}
			words = append(words, f[0])
			misc := "_"
			if ner != "O" {
				misc = "NER=" + ner
			}
			b.WriteString(strings.Join([]string{itoa(i + 1), f[0], lemma, upos, xpos, "_", head, deprel, "_", misc}, "\t") + "\n")
		}
		ss, err := conllu.ReadAll(strings.NewReader("# text = "+strings.Join(words, " ")+"\n"+b.String()+"\n"), "t")
		if err != nil {
			t.Fatal(err)
		}
		s := ss[0].Sentence
		for i := range s.Tokens {
			if ner, ok := strings.CutPrefix(s.Tokens[i].Misc, "NER="); ok {
				s.Tokens[i].Ent = ner
			} else {
				s.Tokens[i].Ent = "O"
			}
		}
		d.Sentences = append(d.Sentences, s)
	}
	return d
}

func itoa(i int) string { return strconv.Itoa(i) }

func find(r *Result, name string) int {
	for i, e := range r.Entities {
		if e.Name == name {
			return i
		}
	}
	return -1
}

func TestNamesTitlesPronouns(t *testing.T) {
	d := document(t, `
French PROPN 3 amod B-LOCATION
President PROPN 3 nmod:desc O
Emmanuel PROPN 5 nsubj B-PERSON
Macron PROPN 3 flat I-PERSON
met VERB 0 root O
Chancellor PROPN 7 nmod:desc O
Olaf PROPN 5 obj B-PERSON
Scholz PROPN 7 flat I-PERSON

He PRON 2 nsubj O
thanked VERB 0 root O
Scholz PROPN 2 obj B-PERSON

Macron PROPN 2 nsubj B-PERSON
left VERB 0 root O`)
	r := Resolve(d)
	macron, scholz := find(r, "Emmanuel Macron"), find(r, "Olaf Scholz")
	if macron < 0 || scholz < 0 || macron == scholz {
		t.Fatalf("entities: %+v", r.Entities)
	}
	if r.At(2, 0) != macron {
		t.Errorf("the short name Macron is not linked to Emmanuel Macron")
	}
	if r.At(1, 2) != scholz {
		t.Errorf("Scholz not linked to Olaf Scholz")
	}
	if r.At(1, 0) != macron {
		t.Errorf("He should be Macron (subject of the previous sentence), got %d", r.At(1, 0))
	}
	var titles []string
	for _, ti := range r.Titles {
		titles = append(titles, r.Entities[ti.Entity].Name+"="+ti.Title)
		if ti.Entity == macron && ti.Affiliation >= 0 && r.Entities[ti.Affiliation].Name != "France" {
			t.Errorf("Macron affiliated with %q, want France", r.Entities[ti.Affiliation].Name)
		}
	}
	got := strings.Join(titles, ",")
	if !strings.Contains(got, "Emmanuel Macron=President") || !strings.Contains(got, "Olaf Scholz=Chancellor") {
		t.Errorf("titles %q", got)
	}
	for _, e := range r.Entities {
		if e.Name == "President" || e.Name == "Chancellor" {
			t.Errorf("a title became an entity: %+v", e)
		}
	}
}

func TestAmbiguousPronounStaysUnlinked(t *testing.T) {
	d := document(t, `
Anna PROPN 0 root B-PERSON
and CCONJ 3 cc O
Maria PROPN 1 conj B-PERSON
met VERB 1 dep O

She PRON 2 nsubj O
left VERB 0 root O`)
	r := Resolve(d)
	if e := r.At(1, 0); e >= 0 {
		t.Errorf("She linked to %q although two women are candidates", r.Entities[e].Name)
	}
}

func TestGenderFromTitles(t *testing.T) {
	d := document(t, `
Ms PROPN 2 nmod:desc O
Smith PROPN 3 nsubj B-PERSON
spoke VERB 0 root O

He PRON 2 nsubj O
left VERB 0 root O`)
	r := Resolve(d)
	if e := r.At(1, 0); e >= 0 {
		t.Errorf("He linked to %q, titled Ms", r.Entities[e].Name)
	}
}

func TestDescriptionsAndOrganisations(t *testing.T) {
	d := document(t, `
Biden PROPN 2 nsubj B-PERSON
condemned VERB 0 root O
Hamas PROPN 2 obj B-PERSON
and CCONJ 7 cc O
other ADJ 7 amod O
militant ADJ 7 amod O
groups NOUN 3 conj O group

The DET 2 det O
group NOUN 3 nsubj O
said VERB 0 root O`)
	r := Resolve(d)
	h := find(r, "Hamas")
	if h < 0 || r.Entities[h].Type != fact.Organization {
		t.Fatalf("Hamas should be retyped an organisation by 'and other groups': %+v", r.Entities)
	}
	if r.At(1, 1) != h {
		t.Errorf("'The group' not linked to Hamas")
	}
}

func TestDatesAreNotEntities(t *testing.T) {
	d := document(t, `
Biden PROPN 2 nsubj B-PERSON
spoke VERB 0 root O
on ADP 4 case O
Wednesday PROPN 2 obl B-ORGANIZATION`)
	r := Resolve(d)
	if find(r, "Wednesday") >= 0 {
		t.Errorf("a weekday became an entity: %+v", r.Entities)
	}
}

func TestPronounGenderStaysConsistent(t *testing.T) {
	// Sam is "his" in the first sentence, so "She" is someone else.
	d := document(t, `
Thomas PROPN 3 nsubj B-PERSON
Sam PROPN 1 flat I-PERSON
met VERB 0 root O
his PRON 5 nmod:poss O
wife NOUN 3 obj O

She PRON 2 nsubj O
died VERB 0 root O`)
	r := Resolve(d)
	if r.At(0, 3) != find(r, "Thomas Sam") {
		t.Fatalf("his not linked to Thomas Sam")
	}
	if e := r.At(1, 0); e >= 0 {
		t.Errorf("She linked to %q, who was called his", r.Entities[e].Name)
	}
}

func TestUnrecognisedNameBlocksPronoun(t *testing.T) {
	// The recogniser missed "Josh Kindig"; "he" is him, not Jeff.
	d := document(t, `
Jeff PROPN 2 nsubj B-PERSON
left VERB 0 root O

Josh PROPN 4 dislocated O
Kindig PROPN 1 flat O
he PRON 4 nsubj O
joined VERB 0 root O`)
	r := Resolve(d)
	if e := r.At(1, 2); e >= 0 {
		t.Errorf("he linked to %q past an unrecognised name", r.Entities[e].Name)
	}
}

func TestUnrecognisedNameInAnyRoleBlocksPronoun(t *testing.T) {
	tests := []struct {
		name, second string
		pron         int
		blocked      bool
	}{
		{"name as oblique", `
There PRON 2 expl O
is VERB 0 root O
Jason PROPN 2 obl O
and CCONJ 6 cc O
he PRON 6 nsubj O
writes VERB 2 conj O`, 4, true},
		{"name as object", `
We PRON 2 nsubj O
hired VERB 0 root O
Jason PROPN 2 obj O
and CCONJ 6 cc O
he PRON 6 nsubj O
writes VERB 2 conj O`, 4, true},
		{"only common nouns before", `
There PRON 2 expl O
is VERB 0 root O
news NOUN 2 nsubj O
and CCONJ 6 cc O
he PRON 6 nsubj O
writes VERB 2 conj O`, 4, false},
	}
	for _, tc := range tests {
		d := document(t, `
Josh PROPN 3 nsubj B-PERSON
Kindig PROPN 1 flat I-PERSON
joined VERB 0 root O

`+strings.TrimSpace(tc.second))
		r := Resolve(d)
		e := r.At(1, tc.pron)
		if tc.blocked && e >= 0 {
			t.Errorf("%s: he linked to %q past an unrecognised name", tc.name, r.Entities[e].Name)
		}
		if !tc.blocked && e < 0 {
			t.Errorf("%s: he not linked to the previous sentence's person", tc.name)
		}
	}
}

func TestTypeByMajority(t *testing.T) {
	d := document(t, `
the DET 2 det O
child NOUN 0 root O
Gloria PROPN 2 appos B-LOCATION

Gloria PROPN 2 nsubj B-PERSON
cried VERB 0 root O

Gloria PROPN 2 nsubj B-PERSON
slept VERB 0 root O`)
	r := Resolve(d)
	if g := find(r, "Gloria"); g < 0 || r.Entities[g].Type != fact.Person {
		t.Errorf("Gloria, a person twice and a place once, typed %+v", r.Entities)
	}
}

func TestOrganisationDescriptionNeedsOrganisationNoun(t *testing.T) {
	d := document(t, `
the DET 2 det O
Crown PROPN 3 nsubj B-ORGANIZATION
argued VERB 0 root O

He PRON 2 nsubj O
told VERB 0 root O
the DET 4 det O
court NOUN 2 obj O`)
	r := Resolve(d)
	if e := r.At(1, 3); e >= 0 {
		t.Errorf("'the court' linked to %q", r.Entities[e].Name)
	}
}

func TestPersonNamedEarlierInSentence(t *testing.T) {
	d := document(t, `
Jeff PROPN 2 nsubj B-PERSON
left VERB 0 root O

Josh PROPN 5 vocative B-PERSON
Kindig PROPN 1 flat I-PERSON
, PUNCT 1 punct O
he PRON 5 nsubj O
joined VERB 0 root O`)
	r := Resolve(d)
	if e := r.At(1, 3); e != find(r, "Josh Kindig") {
		t.Errorf("he linked to %d, want Josh Kindig (%d): %+v", e, find(r, "Josh Kindig"), r.Entities)
	}
}

func TestPersonNameEndsBeforeOf(t *testing.T) {
	d := document(t, `
Isabel PROPN 6 nsubj B-PERSON
Ruiz PROPN 1 flat I-PERSON
of ADP 5 case I-PERSON
Acme PROPN 5 compound I-PERSON
Games PROPN 1 nmod I-PERSON
spoke VERB 0 root O`)
	r := Resolve(d)
	if find(r, "Isabel Ruiz") < 0 {
		t.Errorf("want the person Isabel Ruiz: %+v", r.Entities)
	}
}

func TestNameInsideAnArgumentIsNoAntecedent(t *testing.T) {
	d := document(t, `
We PRON 2 nsubj O
made VERB 0 root O
comics NOUN 2 obj O
like ADP 5 case O
Karis PROPN 3 nmod B-PERSON
, PUNCT 8 punct O
she PRON 8 nsubj O
drew VERB 2 conj O`)
	r := Resolve(d)
	if e := r.At(0, 6); e >= 0 {
		t.Errorf("she linked to %q, a name inside an argument", r.Entities[e].Name)
	}
}

func TestTitleInApposition(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"name, Title of X", `
Cres PROPN 7 nsubj B-PERSON
Eastman PROPN 1 flat I-PERSON
, PUNCT 4 punct O
Director PROPN 1 appos O director
of ADP 6 case O
Acme PROPN 4 nmod B-ORGANIZATION
says VERB 0 root O`, "Director"},
		{"title noun, name", `
the DET 3 det O
chief ADJ 3 amod O
spokesman NOUN 7 nsubj O
, PUNCT 5 punct O
Mark PROPN 3 appos B-PERSON
Tedeschi PROPN 5 flat I-PERSON
spoke VERB 0 root O`, "chief spokesman"},
	}
	for _, tc := range tests {
		r := Resolve(document(t, tc.text))
		var got []string
		for _, ti := range r.Titles {
			got = append(got, ti.Title)
		}
		found := false
		for _, g := range got {
			if strings.EqualFold(g, tc.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: titles %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestModifiedPersonNounIsNoDescription(t *testing.T) {
	d := document(t, `
Ms PROPN 2 nmod:desc O
Smith PROPN 3 nsubj B-PERSON
spoke VERB 0 root O

it PRON 2 nsubj O
affects VERB 0 root O
the DET 5 det O
next ADJ 5 amod O
generation NOUN 2 obj O
of ADP 7 case O
children NOUN 5 nmod O`)
	r := Resolve(d)
	if e := r.At(1, 4); e >= 0 {
		t.Errorf("'the next generation of children' linked to %q", r.Entities[e].Name)
	}
}

func TestOrganisationDescriptionNeedsTheTextToCallItSo(t *testing.T) {
	d := document(t, `
the DET 2 det O
BBC PROPN 3 nsubj B-ORGANIZATION
reported VERB 0 root O

the DET 2 det O
government NOUN 3 nsubj O
prepared VERB 0 root O

Acme PROPN 2 nsubj B-ORGANIZATION
grew VERB 0 root O
, PUNCT 5 punct O
a DET 5 det O
company NOUN 1 appos O

the DET 2 det O
company NOUN 3 nsubj O
hired VERB 0 root O`)
	r := Resolve(d)
	if e := r.At(1, 1); e >= 0 {
		t.Errorf("'the government' linked to %q", r.Entities[e].Name)
	}
	if e := r.At(3, 1); e != find(r, "Acme") {
		t.Errorf("'the company' linked to %d, want Acme (%d)", e, find(r, "Acme"))
	}
}

func TestItForANamedThing(t *testing.T) {
	d := document(t, `
Acme PROPN 2 nsubj B-ORGANIZATION
grew VERB 0 root O

It PRON 2 nsubj O
hired VERB 0 root O
staff NOUN 2 obj O

It PRON 3 nsubj O
is AUX 3 cop O
clear ADJ 0 root O
that SCONJ 6 mark O
staff NOUN 6 nsubj O
left VERB 3 ccomp O`)
	r := Resolve(d)
	if e := r.At(1, 0); e != find(r, "Acme") {
		t.Errorf("It (hired) linked to %d, want Acme", e)
	}
	if e := r.At(2, 0); e >= 0 {
		t.Errorf("extraposed It linked to %q", r.Entities[e].Name)
	}
}

func TestCaptionIsNoAntecedent(t *testing.T) {
	d := document(t, `
Image NOUN 0 root O
: PUNCT 3 punct O
Jambula PROPN 1 dep B-PERSON

She PRON 2 nsubj O
cried VERB 0 root O`)
	r := Resolve(d)
	if e := r.At(1, 0); e >= 0 {
		t.Errorf("She linked to %q, named in a caption", r.Entities[e].Name)
	}
}

func TestTitleAsConjunctOfName(t *testing.T) {
	tests := []struct {
		name, rows string
		title      string // "" for none
	}{
		{"bare title after a comma", `
Ann PROPN 7 nsubj B-PERSON
Lee PROPN 1 flat I-PERSON
, PUNCT 4 punct O
Director NOUN 1 conj O Director
of ADP 6 case O
Acme PROPN 4 nmod B-ORGANIZATION
says VERB 0 root O`, "Director"},
		{"a second person with a determiner", `
Ann PROPN 6 nsubj B-PERSON
Lee PROPN 1 flat I-PERSON
, PUNCT 5 punct O
the DET 5 det O
director NOUN 1 conj O director
say VERB 0 root O`, ""},
		{"a determiner, closed by a comma", `
Jeff PROPN 8 nsubj B-PERSON
Rathke PROPN 1 flat I-PERSON
, PUNCT 6 punct O
the DET 6 det O
press NOUN 6 compound O
spokesperson NOUN 1 conj O
, PUNCT 1 punct O
said VERB 0 root O`, "press spokesperson"},
		{"a determiner in a coordination", `
Ann PROPN 10 nsubj B-PERSON
Lee PROPN 1 flat I-PERSON
, PUNCT 5 punct O
the DET 5 det O
director NOUN 1 conj O director
, PUNCT 8 punct O
and CCONJ 8 cc O
Bob PROPN 1 conj B-PERSON
Day PROPN 8 flat I-PERSON
said VERB 0 root O`, ""},
		{"joined without a comma", `
Ann PROPN 5 nsubj B-PERSON
Lee PROPN 1 flat I-PERSON
and CCONJ 4 cc O
director NOUN 1 conj O director
met VERB 0 root O`, ""},
	}
	for _, tc := range tests {
		r := Resolve(document(t, tc.rows))
		var got []string
		for _, ti := range r.Titles {
			if ti.Title != "" {
				got = append(got, ti.Title)
			}
		}
		if tc.title == "" && len(got) > 0 {
			t.Errorf("%s: titles %q, want none", tc.name, got)
		}
		if tc.title != "" && (len(got) != 1 || got[0] != tc.title) {
			t.Errorf("%s: titles %q, want %q", tc.name, got, tc.title)
		}
	}
}

// TestTitleBeforeCommaSubject: "Malaysia's Prime Minister, Najib Razak
// said": the parser made the title and the name two subjects of "said";
// the title is the name's, and the possessor its affiliation. After an
// object ("met the Prime Minister, Ann Lee said") nothing is taken.
func TestTitleBeforeCommaSubject(t *testing.T) {
	r := Resolve(document(t, `
Malaysia PROPN 4 nmod:poss B-LOCATION
's PART 1 case O
Prime ADJ 4 amod O prime
Minister PROPN 8 nsubj O minister
, PUNCT 4 punct O
Najib PROPN 8 nsubj B-PERSON
Razak PROPN 6 flat I-PERSON
said VERB 0 root O`))
	najib := find(r, "Najib Razak")
	var got []string
	for _, ti := range r.Titles {
		if ti.Entity == najib && ti.Title != "" {
			aff := ""
			if ti.Affiliation >= 0 {
				aff = r.Entities[ti.Affiliation].Name
			}
			got = append(got, ti.Title+"@"+aff)
		}
	}
	if len(got) != 1 || got[0] != "Prime Minister@Malaysia" {
		t.Errorf("titles of Najib Razak: %q, want [Prime Minister@Malaysia]", got)
	}

	r = Resolve(document(t, `
He PRON 2 nsubj O
met VERB 0 root O
the DET 5 det O
Prime ADJ 5 amod O prime
Minister PROPN 2 obj O minister
, PUNCT 5 punct O
Ann PROPN 9 nsubj B-PERSON
Lee PROPN 7 flat I-PERSON
said VERB 2 parataxis O`))
	for _, ti := range r.Titles {
		if ti.Title != "" {
			t.Errorf("title %q taken for %q across a clause", ti.Title, r.Entities[ti.Entity].Name)
		}
	}
}

// titleCase is a sentence (rows), an entity it names and the titles
// (joined by spaces) that entity should get.
type titleCase struct{ name, rows, entity, want string }

// checkTitles resolves each case's rows and compares the titles of its
// entity with want.
func checkTitles(t *testing.T, tests []titleCase) {
	t.Helper()
	for _, tc := range tests {
		r := Resolve(tagged(t, tc.rows))
		e := find(r, tc.entity)
		if e < 0 {
			t.Errorf("%s: no entity %q in %v", tc.name, tc.entity, r.Entities)
			continue
		}
		if got := strings.Join(titlesOf(r, e), " "); got != tc.want {
			t.Errorf("%s: titles of %s %q, want %q", tc.name, tc.entity, got, tc.want)
		}
	}
}

// wantTitles stops t if r has no entity named name, and fails it
// unless that entity's titles, joined by spaces, are want.
func wantTitles(t *testing.T, r *Result, name, want string) {
	t.Helper()
	e := find(r, name)
	if e < 0 {
		t.Fatalf("no entity %s in %v", name, r.Entities)
	}
	if got := strings.Join(titlesOf(r, e), " "); got != want {
		t.Errorf("titles of %s %q, want %q", name, got, want)
	}
}

// titlesOf lists an entity's titles as "Title@Affiliation".
func titlesOf(r *Result, e int) []string {
	var got []string
	for _, ti := range r.Titles {
		if ti.Entity != e {
			continue
		}
		aff := ""
		if ti.Affiliation >= 0 {
			aff = r.Entities[ti.Affiliation].Name
		}
		got = append(got, ti.Title+"@"+aff)
	}
	return got
}

// TestOrganisationSpanEndsBeforeTitle: "the State Department
// Spokesperson, …": the recogniser ran the organisation's name on into
// the title; the title is no part of the organisation's name. When what
// is left would not end in a noun ("Norwegian Foreign Minister") or
// would end in a person noun ("Associate Attorney General"), the span is
// kept.
func TestOrganisationSpanEndsBeforeTitle(t *testing.T) {
	tests := []struct{ name, rows, want string }{
		{"organisation, title", `
Jeff PROPN 9 nsubj B-PERSON
Rathke PROPN 1 flat I-PERSON
, PUNCT 7 punct O
the DET 7 det O
State PROPN 7 compound B-ORGANIZATION
Department PROPN 5 flat I-ORGANIZATION
Spokesperson PROPN 1 appos I-ORGANIZATION
, PUNCT 1 punct O
said VERB 0 root O`, "State Department"},
		{"adjective before the title", `
Norwegian ADJ 3 amod B-ORGANIZATION
Foreign ADJ 3 amod I-ORGANIZATION
Minister PROPN 4 compound I-ORGANIZATION
Jan PROPN 6 nsubj B-PERSON
Petersen PROPN 4 flat I-PERSON
arrived VERB 0 root O`, "Norwegian Foreign Minister"},
		{"person noun before the title", `
Associate PROPN 3 compound B-ORGANIZATION
Attorney PROPN 3 compound I-ORGANIZATION
General PROPN 4 compound I-ORGANIZATION
Robert PROPN 6 nsubj B-PERSON
Jones PROPN 4 flat I-PERSON
arrived VERB 0 root O`, "Associate Attorney General"},
	}
	for _, tc := range tests {
		r := Resolve(document(t, tc.rows))
		var names []string
		for _, e := range r.Entities {
			if e.Type != fact.Person {
				names = append(names, e.Name)
			}
		}
		if len(names) != 1 || names[0] != tc.want {
			t.Errorf("%s: entities %q, want [%s]", tc.name, names, tc.want)
		}
	}
}

// TestNamedModifierOfTitleIsAffiliation: "the State Department
// spokesperson": a named organisation compounded onto the title noun is
// the person's affiliation, not a word of the title.
func TestNamedModifierOfTitleIsAffiliation(t *testing.T) {
	r := Resolve(document(t, `
Jeff PROPN 9 nsubj B-PERSON
Rathke PROPN 1 flat I-PERSON
, PUNCT 7 punct O
the DET 7 det O
State PROPN 7 compound B-ORGANIZATION
Department PROPN 5 flat I-ORGANIZATION
spokesperson NOUN 1 appos O
, PUNCT 1 punct O
said VERB 0 root O`))
	got := titlesOf(r, find(r, "Jeff Rathke"))
	if len(got) != 1 || got[0] != "spokesperson@State Department" {
		t.Errorf("titles of Jeff Rathke: %q, want [spokesperson@State Department]", got)
	}
}

// TestNationalOrganisationOfTitle: "spokesman for the Indonesian
// military": an organisation noun a demonym makes specific is the
// affiliation; a bare "the company" is not.
func TestNationalOrganisationOfTitle(t *testing.T) {
	tests := []struct{ name, rows, want string }{
		{"demonym", `
Fuad PROPN 9 nsubj B-PERSON
Basya PROPN 1 flat I-PERSON
, PUNCT 4 punct O
spokesman NOUN 1 appos O
for ADP 8 case O
the DET 8 det O
Indonesian ADJ 8 amod O
military NOUN 4 nmod O
said VERB 0 root O`, "spokesman@indonesian military"},
		{"bare organisation noun", `
Fuad PROPN 8 nsubj B-PERSON
Basya PROPN 1 flat I-PERSON
, PUNCT 4 punct O
spokesman NOUN 1 appos O
for ADP 7 case O
the DET 7 det O
company NOUN 4 nmod O
said VERB 0 root O`, "spokesman@"},
	}
	for _, tc := range tests {
		r := Resolve(document(t, tc.rows))
		got := titlesOf(r, find(r, "Fuad Basya"))
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s: titles %q, want [%s]", tc.name, got, tc.want)
		}
	}
}

// TestNameAfterTitleTheRecogniserMissed: "director General Suleiman
// al-Amr": an untagged run of proper nouns joined in the tree to the
// title before it is a person's name; a run of common nouns ("General
// Hospital Trust") or one the tree does not join to the title is not.
func TestNameAfterTitleTheRecogniserMissed(t *testing.T) {
	tests := []struct{ name, rows, want string }{
		{"title, name", `
Authority PROPN 2 compound B-ORGANIZATION
director NOUN 8 nsubj O
General PROPN 2 flat O general
Suleiman PROPN 2 appos O Suleiman
al PROPN 4 flat O al
- PUNCT 7 punct O
Amr PROPN 5 flat O Amr
said VERB 0 root O`, "Suleiman: Director General@Authority"},
		{"common nouns", `
General PROPN 3 compound O general
Hospital PROPN 3 compound O Hospital
Trust PROPN 4 nsubj O Trust
said VERB 0 root O`, ""},
		{"not joined to the title", `
They PRON 2 nsubj O
met VERB 0 root O
the DET 4 det O
General PROPN 2 obj O general
Bob PROPN 7 nsubj O Bob
Kowalski PROPN 5 flat O Kowalski
left VERB 2 parataxis O`, ""},
	}
	for _, tc := range tests {
		d := document(t, tc.rows)
		// The hand-written rows mark no spaces; "al-Amr" is one word.
		for i, tk := range d.Sentences[0].Tokens {
			if tk.Text == "-" {
				d.Sentences[0].Tokens[i-1].SpaceAfter = false
				d.Sentences[0].Tokens[i].SpaceAfter = false
			}
		}
		r := Resolve(d)
		got := ""
		for i, e := range r.Entities {
			if e.Type == fact.Person {
				got = strings.Fields(e.Name)[0] + ": " + strings.Join(titlesOf(r, i), " ")
			}
		}
		if got != tc.want {
			t.Errorf("%s: person %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestAffiliationOfSpeakerFromOrganisation: "Ann Lee from Acme said": a
// named organisation attached to a subject's name by "from", "of" or
// "at" is the person's affiliation; not for an object ("thanked Ann Lee
// from Acme": the thanks may come from Acme) or a plural name (a group).
func TestAffiliationOfSpeakerFromOrganisation(t *testing.T) {
	tests := []struct{ name, rows, want string }{
		{"subject", `
Ann PROPN 5 nsubj B-PERSON
Lee PROPN 1 flat I-PERSON
from ADP 4 case O
Acme PROPN 1 nmod B-ORGANIZATION
said VERB 0 root O`, "@Acme"},
		{"object", `
They PRON 2 nsubj O
thanked VERB 0 root O
Ann PROPN 2 obj B-PERSON
Lee PROPN 3 flat I-PERSON
from ADP 6 case O
Acme PROPN 3 nmod B-ORGANIZATION`, ""},
	}
	for _, tc := range tests {
		r := Resolve(document(t, tc.rows))
		got := strings.Join(titlesOf(r, find(r, "Ann Lee")), " ")
		if got != tc.want {
			t.Errorf("%s: titles %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestPluralNameTakesNoAffiliation: "the Sea Tigers of the LTTE rule":
// a plural proper noun names a group, not a person at the organisation.
func TestPluralNameTakesNoAffiliation(t *testing.T) {
	d := annotated(t, `
Sea PROPN NNP 2 compound B-PERSON
Tigers PROPN NNPS 5 nsubj I-PERSON
of ADP IN 4 case O
LTTE PROPN NNP 2 nmod B-ORGANIZATION
rule VERB VBP 0 root O`, func(f []string) (lemma, upos, xpos, head, deprel, ner string, ok bool) {
		if len(f) != 6 {
			return
		}
		return strings.ToLower(f[0]), f[1], f[2], f[3], f[4], f[5], true
	})
	r := Resolve(d)
	if got := titlesOf(r, find(r, "Sea Tigers")); len(got) > 0 {
		t.Errorf("titles of Sea Tigers: %q, want none", got)
	}
}

// TestPersonNounInAppositionIsARole: the head noun of an apposition to
// a person's name is the person's role when it names a person and is no
// title word: a noun GUM types as a person ("researcher") or an agent
// noun it does not know ("prosecutor"), with "the" or no determiner.
// An indefinite or possessed noun, a noun of kinship or company
// ("friend", "guy"), and a title word in its other sense ("art major")
// are not; lowercase adjectives of description ("proud") are no part of
// the role.
func TestPersonNounInAppositionIsARole(t *testing.T) {
	name := func(rel string) string {
		return `Ann PROPN NNP ` + rel + ` B-PERSON
Lee PROPN NNP NAME flat I-PERSON`
	}
	tests := []struct{ name, rows, want string }{
		{"noun before the name", `
Senior ADJ JJ 2 amod O
researcher NOUN NN 5 nsubj O
` + name("2 appos") + `
said VERB VBD 0 root O`, "Senior researcher@"},
		{"the noun, name", `
the DET DT 2 det O
researcher NOUN NN 6 nsubj O
, PUNCT , 4 punct O
` + name("2 appos") + `
said VERB VBD 0 root O`, "researcher@"},
		{"name, the noun", `
` + name("7 nsubj") + `
, PUNCT , 5 punct O
the DET DT 5 det O
researcher NOUN NN 1 appos O
, PUNCT , 1 punct O
said VERB VBD 0 root O`, "researcher@"},
		{"description dropped", `
the DET DT 3 det O
proud ADJ JJ 3 amod O
researcher NOUN NN 7 nsubj O
, PUNCT , 5 punct O
` + name("3 appos") + `
said VERB VBD 0 root O`, "researcher@"},
		{"unknown agent noun, siblings of one head", `
the DET DT 2 det O
words NOUN NNS 10 nsubj O
of ADP IN 6 case O
the DET DT 6 det O
chief ADJ JJ 6 amod O
prosecutor NOUN NN 2 nmod O
, PUNCT , 8 punct O
` + name("2 nmod") + `
, PUNCT , 8 punct O
came VERB VBD 0 root O`, "Chief Prosecutor@"},
		{"possessed", `
his PRON PRP$ 2 nmod:poss O
friend NOUN NN 6 nsubj O
, PUNCT , 4 punct O
` + name("2 appos") + `
said VERB VBD 0 root O`, ""},
		{"indefinite", `
a DET DT 2 det O
researcher NOUN NN 6 nsubj O
, PUNCT , 4 punct O
` + name("2 appos") + `
said VERB VBD 0 root O`, ""},
		{"kinship or company", `
the DET DT 2 det O
guy NOUN NN 6 nsubj O
, PUNCT , 4 punct O
` + name("2 appos") + `
said VERB VBD 0 root O`, ""},
		{"a title word in another sense", `
` + name("8 nsubj") + `
, PUNCT , 6 punct O
the DET DT 6 det O
art NOUN NN 6 compound O
major NOUN NN 1 appos O
, PUNCT , 1 punct O
said VERB VBD 0 root O`, ""},
		{"the title word in its own sense", `
` + name("8 nsubj") + `
, PUNCT , 6 punct O
the DET DT 6 det O
army NOUN NN 6 compound O
general NOUN NN 1 appos O
, PUNCT , 1 punct O
said VERB VBD 0 root O`, "army general@"},
	}
	for _, tc := range tests {
		rows := tc.rows
		// The surname's head is the first name's row.
		lines := strings.Split(strings.TrimSpace(rows), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "Lee ") {
				lines[i] = strings.Replace(l, "NAME", itoa(i), 1)
			}
		}
		r := Resolve(tagged(t, strings.Join(lines, "\n")))
		got := strings.Join(titlesOf(r, find(r, "Ann Lee")), " ")
		if got != tc.want {
			t.Errorf("%s: titles %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestNameAfterPersonNounTheRecogniserMissed: "Senior researcher Wen
// Bo": an untagged run of proper nouns after a person noun the tree
// joins it to is a person's name, as after a title.
func TestNameAfterPersonNounTheRecogniserMissed(t *testing.T) {
	d := tagged(t, `
Senior ADJ JJ 2 amod O
researcher NOUN NN 5 nsubj O
Wen PROPN NNP 2 appos O
Bo PROPN NNP 3 flat O
said VERB VBD 0 root O`)
	for i := range d.Sentences[0].Tokens {
		tk := &d.Sentences[0].Tokens[i]
		tk.Lemma = tk.Text
	}
	r := Resolve(d)
	if got := strings.Join(titlesOf(r, find(r, "Wen Bo")), " "); got != "Senior researcher@" {
		t.Errorf("Wen Bo: titles %q, want Senior researcher (entities %v)", got, r.Entities)
	}
}

// TestTitleWithinAnotherTitleIsDropped: two rules that read one phrase
// give a person a title and a part of it ("Vice" and "Vice President"
// from "Acme Vice President Ann Lee", whose name the parser hung on
// "Vice"); the part goes, the affiliation stays.
func TestTitleWithinAnotherTitleIsDropped(t *testing.T) {
	d := tagged(t, `
written VERB VBN 0 root O
by ADP IN 4 case O
Acme PROPN NNP 4 compound B-ORGANIZATION
Vice NOUN NN 1 obl O
President PROPN NNP 6 nmod:desc O
Ann PROPN NNP 4 appos B-PERSON
Lee PROPN NNP 6 flat I-PERSON`)
	r := Resolve(d)
	if got := strings.Join(titlesOf(r, find(r, "Ann Lee")), " "); got != "Vice President@Acme" {
		t.Errorf("titles %q, want Vice President@Acme", got)
	}
}

// TestAffiliationSharedByCoordinatedNames: "Ann Lee and Bob Smith of
// Acme": a prepositional phrase after the last of coordinated person
// names is the affiliation of them all, whether the recogniser ran the
// last name on into it or the tree hangs it on the name; not when an
// earlier name has a phrase of its own.
func TestAffiliationSharedByCoordinatedNames(t *testing.T) {
	tests := []struct{ name, rows, want string }{
		{"run on into the name", `
They PRON PRP 2 nsubj O
met VERB VBD 0 root O
Ann PROPN NNP 2 obj B-PERSON
Lee PROPN NNP 3 flat I-PERSON
and CCONJ CC 6 cc O
Bob PROPN NNP 3 conj B-PERSON
Smith PROPN NNP 6 flat I-PERSON
of ADP IN 9 case I-PERSON
Acme PROPN NNP 6 nmod I-PERSON`, "@Acme"},
		{"subjects, from", `
Ann PROPN NNP 8 nsubj B-PERSON
Lee PROPN NNP 1 flat I-PERSON
and CCONJ CC 4 cc O
Bob PROPN NNP 1 conj B-PERSON
Smith PROPN NNP 4 flat I-PERSON
from ADP IN 7 case O
Acme PROPN NNP 4 nmod B-ORGANIZATION
said VERB VBD 0 root O`, "@Acme"},
		{"a phrase of its own", `
Ann PROPN NNP 11 nsubj B-PERSON
Lee PROPN NNP 1 flat I-PERSON
of ADP IN 4 case O
Initech PROPN NNP 1 nmod B-ORGANIZATION
and CCONJ CC 6 cc O
Bob PROPN NNP 1 conj B-PERSON
Smith PROPN NNP 6 flat I-PERSON
from ADP IN 9 case O
Acme PROPN NNP 6 nmod B-ORGANIZATION
loudly ADV RB 11 advmod O
said VERB VBD 0 root O`, "@Initech"},
	}
	for _, tc := range tests {
		r := Resolve(tagged(t, tc.rows))
		if got := strings.Join(titlesOf(r, find(r, "Bob Smith")), " "); got != "@Acme" {
			t.Errorf("%s: Bob Smith's titles %q, want @Acme", tc.name, got)
		}
		if got := strings.Join(titlesOf(r, find(r, "Ann Lee")), " "); got != tc.want {
			t.Errorf("%s: Ann Lee's titles %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestGreetingIsNoPartOfATitle: a sentence adverb, an interjection, the
// sentence's root or a letter's "Dear" before a title is no part of it
// ("However General Barno", "Hi Mr. Katsof", "Dear Judge Lee").
func TestGreetingIsNoPartOfATitle(t *testing.T) {
	tests := []struct{ name, rows, want string }{
		{"adverb", `
However ADV RB 4 advmod O
General PROPN NNP 3 nmod:desc O
Barno PROPN NNP 4 nsubj B-PERSON
insists VERB VBZ 0 root O`, "General@"},
		{"root", `
Greetings NOUN NNS 0 root O
General PROPN NNP 3 nmod:desc O
Barno PROPN NNP 1 nmod B-PERSON`, "General@"},
		{"dear", `
Dear ADJ JJ 3 amod O
General PROPN NNP 3 nmod:desc O
Barno PROPN NNP 5 vocative B-PERSON
, PUNCT , 3 punct O
thanks NOUN NNS 0 root O`, "General@"},
	}
	for _, tc := range tests {
		r := Resolve(tagged(t, tc.rows))
		if got := strings.Join(titlesOf(r, find(r, "Barno")), " "); got != tc.want {
			t.Errorf("%s: titles %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestTitleWordInsideAName: a title word inside a recognised span is no
// title when a first name comes before it ("Jimmy Dean Watkins": a
// middle name), or when the span is not a person's and a common noun
// GUM knows follows it ("Major League Baseball": a thing's name).
func TestTitleWordInsideAName(t *testing.T) {
	checkTitles(t, []titleCase{
		{"middle name", `
Jimmy PROPN NNP 4 nsubj B-PERSON
Dean PROPN NNP 1 flat I-PERSON
Watkins PROPN NNP 1 flat I-PERSON
won VERB VBD 0 root O`, "Jimmy Dean Watkins", ""},
		{"a thing's name", `
He PRON PRP 2 nsubj O
joined VERB VBD 0 root O
Major PROPN NNP 4 compound B-ORGANIZATION
League PROPN NNP 2 obj I-ORGANIZATION`, "Major League", ""},
		{"a title all the same", `
US PROPN NNP 2 compound B-PERSON
President PROPN NNP 3 nmod:desc I-PERSON
Barack PROPN NNP 5 nsubj I-PERSON
Obama PROPN NNP 3 flat I-PERSON
spoke VERB VBD 0 root O`, "Barack Obama", "President@United States"},
	})
}

// TestOrganisationOnAPersonNounInApposition: "Ann Lee, a second year
// Acme art major": no role, but a named organisation compounded onto a
// person noun in apposition is the person's affiliation; onto a noun
// that names no person ("an Acme product") it is not.
func TestOrganisationOnAPersonNounInApposition(t *testing.T) {
	rows := func(noun string) string {
		return `
Ann PROPN NNP 8 nsubj B-PERSON
Lee PROPN NNP 1 flat I-PERSON
, PUNCT , 6 punct O
a DET DT 6 det O
Acme PROPN NNP 6 compound B-ORGANIZATION
` + noun + ` NOUN NN 1 appos O
, PUNCT , 1 punct O
spoke VERB VBD 0 root O`
	}
	for _, tc := range []struct{ noun, want string }{
		{"student", "@Acme"},
		{"product", ""},
	} {
		r := Resolve(tagged(t, rows(tc.noun)))
		if got := strings.Join(titlesOf(r, find(r, "Ann Lee")), " "); got != tc.want {
			t.Errorf("a Acme %s: titles %q, want %q", tc.noun, got, tc.want)
		}
	}
}

// TestFirstNameBeforeTitleWords: capitalised words before a name that
// hold a title word but start with a first name are another part of
// the name ("Mark Dean Laurent", the recogniser taking only
// "Laurent"), not a title; a first name right before the name is the
// name's own ("Orleans mayor Ray Nagin").
func TestFirstNameBeforeTitleWords(t *testing.T) {
	d := tagged(t, `
Mark PROPN NNP 3 compound O
Dean PROPN NNP 3 compound O
Laurent PROPN NNP 4 nsubj B-PERSON
left VERB VBD 0 root O`)
	r := Resolve(d)
	if got := titlesOf(r, find(r, "Laurent")); len(got) > 0 {
		t.Errorf("Laurent: titles %q, want none", got)
	}
}

// TestPluralTitleNounIsSingular: "the doctors Ann Lee and ...": a plural
// title noun a name is in apposition to gives each person the singular.
func TestPluralTitleNounIsSingular(t *testing.T) {
	d := annotated(t, `
the DET DT 2 det O the
doctors NOUN NNS 5 nsubj O doctor
Ann PROPN NNP 2 appos B-PERSON Ann
Lee PROPN NNP 3 flat I-PERSON Lee
left VERB VBD 0 root O leave`, func(f []string) (lemma, upos, xpos, head, deprel, ner string, ok bool) {
		if len(f) != 7 {
			return
		}
		return f[6], f[1], f[2], f[3], f[4], f[5], true
	})
	r := Resolve(d)
	if got := strings.Join(titlesOf(r, find(r, "Ann Lee")), " "); got != "doctor@" {
		t.Errorf("titles %q, want doctor@", got)
	}
}

// TestPluralTitleNounForCoordinatedNames: "the doctors Ann Lee and Bob
// Cruz": a plural title noun that coordinated names are in apposition
// to is each one's; a singular one is not shared (the parser took a
// list for an apposition).
func TestPluralTitleNounForCoordinatedNames(t *testing.T) {
	rows := func(noun, xpos string) string {
		return `
the DET DT 2 det O the
` + noun + ` NOUN ` + xpos + ` 8 nsubj O doctor
Ann PROPN NNP 2 appos B-PERSON Ann
Lee PROPN NNP 3 flat I-PERSON Lee
and CCONJ CC 6 cc O and
Bob PROPN NNP 3 conj B-PERSON Bob
Cruz PROPN NNP 6 flat I-PERSON Cruz
left VERB VBD 0 root O leave`
	}
	row := func(f []string) (lemma, upos, xpos, head, deprel, ner string, ok bool) {
		if len(f) != 7 {
			return
		}
		return f[6], f[1], f[2], f[3], f[4], f[5], true
	}
	for _, tc := range []struct{ noun, xpos, want string }{
		{"doctors", "NNS", "doctor@"},
		{"doctor", "NN", ""},
	} {
		r := Resolve(annotated(t, rows(tc.noun, tc.xpos), row))
		if got := strings.Join(titlesOf(r, find(r, "Bob Cruz")), " "); got != tc.want {
			t.Errorf("the %s Ann Lee and Bob Cruz: Bob's titles %q, want %q", tc.noun, got, tc.want)
		}
	}
}

// TestTitleBesideNoPersonName: a title word splits off a name only when
// what follows can be a person's name: not a place ("Captain America")
// nor a pronoun ("Doctor Who"), nor the "St." ending a street's name
// ("Main St." before a name the sentence split missed); and a title
// with one word before "of" ("Earl of Clare") is a name whole, with no
// person "Earl" affiliated with Clare.
func TestTitleBesideNoPersonName(t *testing.T) {
	tests := []struct{ name, rows, entity, noEntity string }{
		{"place", `
Fans NOUN NNS 2 nsubj O
met VERB VBD 0 root O
Captain PROPN NNP 4 compound B-PERSON
America PROPN NNP 2 obj I-PERSON`, "Captain America", "America"},
		{"pronoun", `
Fans NOUN NNS 2 nsubj O
met VERB VBD 0 root O
Doctor PROPN NNP 4 nmod:desc O
Who PROPN NNP 2 obj B-PERSON`, "", "Who"},
		{"street", `
The DET DT 2 det O
shop NOUN NN 5 nsubj O
is AUX VBZ 5 cop O
on ADP IN 5 case O
Main ADJ JJ 7 amod B-LOCATION
St. PROPN NNP 7 nmod:desc I-LOCATION
Peter PROPN NNP 9 nsubj I-LOCATION
Brown PROPN NNP 7 flat I-LOCATION
works VERB VBZ 0 root O`, "", ""},
		{"one word and of", `
Jim PROPN NNP 9 nsubj B-PERSON
Smith PROPN NNP 1 flat I-PERSON
, PUNCT , 5 punct O
2nd ADJ JJ 5 amod O
Earl PROPN NNP 1 appos B-PERSON
of ADP IN 7 case I-PERSON
Clare PROPN NNP 5 nmod I-PERSON
, PUNCT , 1 punct O
met VERB VBD 0 root O`, "Earl of Clare", "Earl"},
	}
	for _, tc := range tests {
		r := Resolve(tagged(t, tc.rows))
		if tc.entity != "" && find(r, tc.entity) < 0 {
			t.Errorf("%s: no entity %q in %v", tc.name, tc.entity, r.Entities)
		}
		if tc.noEntity != "" && find(r, tc.noEntity) >= 0 {
			t.Errorf("%s: entity %q should not exist: %v", tc.name, tc.noEntity, r.Entities)
		}
		for _, ti := range r.Titles {
			aff := ""
			if ti.Affiliation >= 0 {
				aff = r.Entities[ti.Affiliation].Name
			}
			t.Errorf("%s: want no title, got %s=%s@%s", tc.name, r.Entities[ti.Entity].Name, ti.Title, aff)
		}
	}
}

// TestCutNameIsNoAffiliation: a name cut in two by the recogniser at
// "and" or "," is no affiliation, and what follows "and" is no part of
// a title ("Food and Drug Administration Commissioner Ann Lee"); after
// "of", a name the span ended inside is completed over "and" ("of The
// Globe and Mail"), or, when its phrase goes on past a comma, dropped.
func TestCutNameIsNoAffiliation(t *testing.T) {
	checkTitles(t, []titleCase{
		{"title after and", `
Food NOUN NN 8 nsubj O
and CCONJ CC 4 cc O
Drug PROPN NNP 4 compound O
Administration PROPN NNP 1 conj B-PERSON
Commissioner PROPN NNP 4 flat I-PERSON
Ann PROPN NNP 4 flat I-PERSON
Lee PROPN NNP 4 flat I-PERSON
said VERB VBD 0 root O`, "Ann Lee", "Commissioner@"},
		{"of a name with and", `
Bob PROPN NNP 7 nsubj B-PERSON
Cruz PROPN NNP 1 flat I-PERSON
of ADP IN 5 case I-PERSON
The DET DT 5 det I-PERSON
Globe PROPN NNP 1 nmod I-PERSON
and CCONJ CC 7 cc O
Mail PROPN NNP 5 conj O
wrote VERB VBD 0 root O`, "Bob Cruz", "@Globe and Mail"},
		{"of a name cut at a comma", `
Bob PROPN NNP 10 nsubj B-PERSON
Cruz PROPN NNP 1 flat I-PERSON
of ADP IN 6 case I-PERSON
the DET DT 6 det I-PERSON
Architectural ADJ JJ 6 amod I-PERSON
, PUNCT , 6 punct O
Surveying PROPN NNP 1 nmod O
and CCONJ CC 8 cc O
Planning PROPN NNP 6 conj O
won VERB VBD 0 root O`, "Bob Cruz", ""},
		{"form of address", `
Senator PROPN NNP 2 nmod:desc O
Hatfield PROPN NNP 0 root B-PERSON
, PUNCT , 5 punct O
Mr. PROPN NNP 5 nmod:desc O
President PROPN NNP 2 appos O
, PUNCT , 5 punct O`, "Hatfield", "Senator@"},
	})
}

// TestPronounAfterUnlinkedSubjectWithCoArgument: "He met Bob Lee. He
// wrote a letter.": the first "he" has no antecedent, and it is not Bob
// Lee, whom its own clause names as its object; so Bob Lee, the one
// person of the previous sentence, is no safe antecedent for the second
// "he", which more likely continues the first.
func TestPronounAfterUnlinkedSubjectWithCoArgument(t *testing.T) {
	d := tagged(t, `
He PRON PRP 2 nsubj O
met VERB VBD 0 root O
Bob PROPN NNP 2 obj B-PERSON
Lee PROPN NNP 3 flat I-PERSON
. PUNCT . 2 punct O

He PRON PRP 2 nsubj O
wrote VERB VBD 0 root O
a DET DT 4 det O
letter NOUN NN 2 obj O
. PUNCT . 2 punct O`)
	r := Resolve(d)
	if e := r.At(1, 0); e >= 0 {
		t.Errorf("the second He linked to %q, want no link", r.Entities[e].Name)
	}
	// The person alone, with no unlinked subject beside it, is taken.
	d = tagged(t, `
Rain NOUN NN 2 nsubj O
hit VERB VBD 0 root O
Bob PROPN NNP 2 obj B-PERSON
Lee PROPN NNP 3 flat I-PERSON
. PUNCT . 2 punct O

He PRON PRP 2 nsubj O
wrote VERB VBD 0 root O
a DET DT 4 det O
letter NOUN NN 2 obj O
. PUNCT . 2 punct O`)
	r = Resolve(d)
	if e := r.At(1, 0); e < 0 || r.Entities[e].Name != "Bob Lee" {
		t.Errorf("He linked to %d, want Bob Lee (%v)", e, r.Entities)
	}
}

// TestTitleWithPrepositionBeforeHonorific: "Minister for Education Mr.
// Lee": the title is the office, its preposition included, and ends
// before the honorific; words around a skipped preposition and an
// honorific are never run together ("Minister Education Mr.").
func TestTitleWithPrepositionBeforeHonorific(t *testing.T) {
	r := Resolve(tagged(t, `
Minister PROPN NNP 5 compound B-PERSON
for ADP IN 3 case I-PERSON
Education PROPN NNP 1 nmod I-PERSON
Mr. PROPN NNP 5 nmod:desc I-PERSON
Lee PROPN NNP 6 nsubj I-PERSON
said VERB VBD 0 root O`))
	wantTitles(t, r, "Lee", "Minister for Education@")
}

// TestAcronymIsNoPronoun: a name written in capitals that spells a
// pronoun ("US", "WHO") is an acronym, not the closed-class word.
func TestAcronymIsNoPronoun(t *testing.T) {
	r := Resolve(tagged(t, `
The DET DT 2 det O
US PROPN NNP 3 nsubj B-LOCATION
lost VERB VBD 0 root O
a DET DT 5 det O
helicopter NOUN NN 3 obj O`))
	if find(r, "US") < 0 && find(r, "United States") < 0 {
		t.Errorf("no entity for US: %v", r.Entities)
	}
}

// TestObjectPronounIsNotItsSubject: "Bob Lee lied to him": a plain
// pronoun object or oblique is never its own clause's subject, however
// salient.
func TestObjectPronounIsNotItsSubject(t *testing.T) {
	r := Resolve(tagged(t, `
Bob PROPN NNP 3 nsubj B-PERSON
Lee PROPN NNP 1 flat I-PERSON
lied VERB VBD 0 root O
to ADP IN 5 case O
him PRON PRP 3 obl O
. PUNCT . 3 punct O`))
	if e := r.At(0, 4); e >= 0 {
		t.Errorf("him linked to %q, its own clause's subject", r.Entities[e].Name)
	}
}

// TestHyphenatedTitle: "UN Secretary-General Kofi Annan": the tokenizer
// splits the hyphen, but the title is the hyphenated word whole, not
// its last half.
func TestHyphenatedTitle(t *testing.T) {
	d := tagged(t, `
UN PROPN NNP 8 nsubj B-ORGANIZATION
Secretary PROPN NNP 4 nmod:desc O
- PUNCT HYPH 2 punct O
General PROPN NNP 1 amod O
Kofi PROPN NNP 8 nsubj B-PERSON
Annan PROPN NNP 5 flat I-PERSON
has AUX VBZ 8 aux O
spoken VERB VBN 0 root O`)
	toks := d.Sentences[0].Tokens
	toks[1].SpaceAfter, toks[2].SpaceAfter = false, false // "Secretary-General"
	r := Resolve(d)
	wantTitles(t, r, "Kofi Annan", "Secretary-General@UN")
}

// TestNameRunsOnOverFlatTail: the recogniser ended a name early
// ("George W." of "George W. Bush"); a capitalised proper noun the tree
// joins to it as part of the name (flat) completes it.
func TestNameRunsOnOverFlatTail(t *testing.T) {
	r := Resolve(tagged(t, `
George PROPN NNP 4 nsubj B-PERSON
W. PROPN NNP 1 flat I-PERSON
Bush PROPN NNP 1 flat O
spoke VERB VBD 0 root O`))
	if find(r, "George W. Bush") < 0 {
		t.Errorf("no entity George W. Bush in %v", r.Entities)
	}
}

// TestCutOrganisationIsNoAffiliation: "director of the Council on
// Foreign Relations" with only "Council" recognised: the name goes on
// past the recognised part (also over "in": "Alice in Wonderland"), so
// no affiliation is given; a recognised
// name after "for" ("the Council for Europe") is another name, and
// leaves it.
func TestCutOrganisationIsNoAffiliation(t *testing.T) {
	rows := `
Ann PROPN NNP 0 root B-PERSON
Lee PROPN NNP 1 flat I-PERSON
, PUNCT , 4 punct O
director NOUN NN 1 appos O
of ADP IN 7 case O
the DET DT 7 det O
Council PROPN NNP 4 nmod B-ORGANIZATION
`
	for _, tc := range []struct{ rest, want string }{
		{"on ADP IN 10 case O\nForeign ADJ JJ 10 amod O\nRelations PROPN NNP 7 nmod O", "director@"},
		{"for ADP IN 9 case O\nEurope PROPN NNP 7 nmod B-LOCATION", "director@Council"},
		{"in ADP IN 9 case O\nWonderland PROPN NNP 7 nmod O", "director@"},
	} {
		r := Resolve(tagged(t, rows+tc.rest))
		e := find(r, "Ann Lee")
		if e < 0 {
			t.Fatalf("no entity Ann Lee in %v", r.Entities)
		}
		if got := strings.Join(titlesOf(r, e), " "); got != tc.want {
			t.Errorf("%q: titles of Ann Lee %q, want %q", tc.rest, got, tc.want)
		}
	}
}

// TestExpletiveItIsNoThing: "Acme said that it is time to go" and "it
// looks like Acme will win": "it" stands for no thing.
func TestExpletiveItIsNoThing(t *testing.T) {
	for _, rows := range []string{`
Acme PROPN 2 nsubj B-ORGANIZATION Acme
said VERB 0 root O say
that SCONJ 6 mark O
it PRON 6 nsubj O
is AUX 6 cop O be
time NOUN 2 ccomp O
to PART 8 mark O
go VERB 6 acl O`, `
Acme PROPN 2 nsubj B-ORGANIZATION Acme
won VERB 0 root O win
. PUNCT 2 punct O

it PRON 2 nsubj O
looks VERB 0 root O look
like SCONJ 6 mark O
Acme PROPN 6 nsubj B-ORGANIZATION Acme
will AUX 6 aux O
win VERB 2 advcl O`} {
		d := document(t, rows)
		r := Resolve(d)
		last := len(d.Sentences) - 1
		for k, tok := range d.Sentences[last].Tokens {
			if tok.Text == "it" {
				if e := r.At(last, k); e >= 0 {
					t.Errorf("expletive it linked to %q", r.Entities[e].Name)
				}
			}
		}
	}
}

// TestEraIsNoEntity: "594 BC", "the 7th century BC": the era marker
// after a year or a century is part of a date, not an organisation
// ("they" once found it as its antecedent).
func TestEraIsNoEntity(t *testing.T) {
	r := Resolve(document(t, `
In ADP 2 case O
594 NUM 6 obl O
BC PROPN 2 nmod:unmarked B-ORGANIZATION BC
, PUNCT 2 punct O
they PRON 6 nsubj O
appointed VERB 0 root O appoint
Solon PROPN 6 obj B-PERSON Solon

By ADP 4 case O
the DET 4 det O
7th ADJ 4 amod O
century NOUN 6 obl O
BC PROPN 4 flat B-ORGANIZATION BC
ended VERB 0 root O end`))
	if e := find(r, "BC"); e >= 0 {
		t.Errorf("era marker became an entity: %+v", r.Entities[e])
	}
}

// TestPronounAfterSubjectWithNamedApposition: "His father Bob Lee said
// he was leaving": the subject noun is named in apposition, and "he"
// takes that person rather than one of an earlier sentence.
func TestPronounAfterSubjectWithNamedApposition(t *testing.T) {
	r := Resolve(tagged(t, `
Tom PROPN NNP 2 nsubj B-PERSON
won VERB VBD 0 root O
. PUNCT . 2 punct O

His PRON PRP$ 2 nmod:poss O
father NOUN NN 5 nsubj O
Bob PROPN NNP 2 appos B-PERSON
Lee PROPN NNP 3 flat I-PERSON
said VERB VBD 0 root O
he PRON PRP 8 nsubj O
was AUX VBD 8 aux O
leaving VERB VBG 5 ccomp O`))
	if e := r.At(1, 5); e < 0 || r.Entities[e].Name != "Bob Lee" {
		t.Errorf("he linked to %d, want Bob Lee (%v)", e, r.Entities)
	}
}

// TestNamesJoinedByHyphen: "Hwang Hee-Chan's header": the tokenizer
// splits the hyphen and the recogniser, before the possessive, tagged
// "Hwang Hee" and "Chan" as two names; joined without spaces, they are
// one.
func TestNamesJoinedByHyphen(t *testing.T) {
	d := tagged(t, `
Hwang PROPN NNP 6 nsubj B-PERSON
Hee PROPN NNP 1 flat I-PERSON
- PUNCT HYPH 4 punct O
Chan PROPN NNP 6 nmod:poss B-PERSON
's PART POS 4 case O
header NOUN NN 7 nsubj O
went VERB VBD 0 root O`)
	toks := d.Sentences[0].Tokens
	toks[1].SpaceAfter, toks[2].SpaceAfter = false, false
	r := Resolve(d)
	// (The hand-made text has spaces around the hyphen; a real one reads
	// "Hwang Hee-Chan".)
	if e := r.At(0, 0); e < 0 || r.At(0, 3) != e || find(r, "Chan") >= 0 {
		t.Errorf("want one entity over Hwang Hee - Chan: %v", r.Entities)
	}
}

// TestNameEndsBeforeVerb: the recogniser ran a name on into the verb
// after it ("The Association of Scholars forbade …"); a name does not end
// in a lower-case verb.
func TestNameEndsBeforeVerb(t *testing.T) {
	r := Resolve(tagged(t, `
The DET DT 2 det O
Association PROPN NNP 5 nsubj B-ORGANIZATION
of ADP IN 4 case I-ORGANIZATION
Scholars PROPN NNP 2 nmod I-ORGANIZATION
forbade VERB VBD 0 root I-ORGANIZATION
it PRON PRP 5 obj O`))
	if find(r, "Association of Scholars") < 0 {
		t.Errorf("want Association of Scholars in %v", r.Entities)
	}
}

// TestUnknownNameBeforeTitleWords: "Zorbat Sheikh Khalil": an unknown
// proper noun leads the title words, so that what is title and what is
// name cannot be told; no title is given. A known modifier ("Emeritus
// Professor") leads a title all the same.
func TestUnknownNameBeforeTitleWords(t *testing.T) {
	for _, tc := range []struct{ lead, want string }{{"Zorbat", ""}, {"Emeritus", "Emeritus Professor@"}} {
		title := "Sheikh"
		if tc.lead == "Emeritus" {
			title = "Professor"
		}
		r := Resolve(tagged(t, `
`+tc.lead+` PROPN NNP 3 compound B-PERSON
`+title+` PROPN NNP 3 compound I-PERSON
Khalil PROPN NNP 4 nsubj I-PERSON
spoke VERB VBD 0 root O`))
		e := find(r, "Khalil")
		if e < 0 {
			t.Fatalf("no entity Khalil in %v", r.Entities)
		}
		if got := strings.Join(titlesOf(r, e), " "); got != tc.want {
			t.Errorf("%s: titles of Khalil %q, want %q", tc.lead, got, tc.want)
		}
	}
}

// TestReflexiveIsItsClauseSubject: "Bob Cruz said Ann Lee walked in and
// turned herself in": a reflexive means the subject of its own clause
// (shared by conjoined verbs), not the first person of the sentence.
func TestReflexiveIsItsClauseSubject(t *testing.T) {
	r := Resolve(tagged(t, `
Bob PROPN NNP 3 nsubj B-PERSON
Cruz PROPN NNP 1 flat I-PERSON
said VERB VBD 0 root O
Ann PROPN NNP 6 nsubj B-PERSON
Lee PROPN NNP 4 flat I-PERSON
walked VERB VBD 3 ccomp O
in ADV RB 6 advmod O
and CCONJ CC 9 cc O
turned VERB VBD 6 conj O
herself PRON PRP 9 obj O
in ADP RP 9 compound:prt O`))
	if e := r.At(0, 9); e < 0 || r.Entities[e].Name != "Ann Lee" {
		t.Errorf("herself linked to %d, want Ann Lee (%v)", e, r.Entities)
	}
}

// TestRelativeClauseSubjectIsNoAntecedentOfIt: "a piece that Acme quoted,
// but it is about war": "it" is the subject of its own clause, and the
// subject of a relative clause before it is no antecedent (here the
// parser joined the second clause to the relative one).
func TestRelativeClauseSubjectIsNoAntecedentOfIt(t *testing.T) {
	r := Resolve(tagged(t, `
This PRON DT 4 nsubj O
was AUX VBD 4 cop O
a DET DT 4 det O
piece NOUN NN 0 root O
that PRON WDT 7 obj O
Acme PROPN NNP 7 nsubj B-ORGANIZATION
quoted VERB VBD 4 acl:relcl O
, PUNCT , 13 punct O
but CCONJ CC 13 cc O
it PRON PRP 13 nsubj O
is AUX VBZ 13 cop O
about ADP IN 13 case O
war NOUN NN 7 conj O`))
	if e := r.At(0, 9); e >= 0 {
		t.Errorf("it linked to %q", r.Entities[e].Name)
	}
}

// TestNameInsideArgumentBlocksEarlierAntecedent: "Ann Lee spoke. What
// made Bob Cruz famous was luck, but he …": a person named earlier in
// the sentence inside an argument is no safe antecedent, and another
// person of an earlier sentence is no safer; the same person is.
func TestNameInsideArgumentBlocksEarlierAntecedent(t *testing.T) {
	rows := `
Ann PROPN NNP 3 nsubj B-PERSON
Lee PROPN NNP 1 flat I-PERSON
spoke VERB VBD 0 root O

What PRON WP 2 nsubj O
made VERB VBD 5 csubj O
%s PROPN NNP 2 obj B-PERSON
luck NOUN NN 5 nsubj O
was AUX VBD 0 root O
he PRON PRP 7 nsubj O
left VERB VBD 5 parataxis O`
	for _, tc := range []struct{ name, want string }{{"Cruz", ""}, {"Lee", "Ann Lee"}} {
		r := Resolve(tagged(t, strings.Replace(rows, "%s", tc.name, 1)))
		got := ""
		if e := r.At(1, 5); e >= 0 {
			got = r.Entities[e].Name
		}
		if got != tc.want {
			t.Errorf("%s named in the sentence: he linked to %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestTitleNounIsNotWhoeverWasNamedLast: "Ann Lee spoke. The mayor
// thanked them.": a title noun means the holder of the title, and Ann
// Lee is not known to hold it.
func TestTitleNounIsNotWhoeverWasNamedLast(t *testing.T) {
	r := Resolve(document(t, `
Ann PROPN 3 nsubj B-PERSON Ann
Lee PROPN 1 flat I-PERSON Lee
spoke VERB 0 root O speak

The DET 2 det O
mayor NOUN 3 nsubj O mayor
thanked VERB 0 root O thank
them PRON 3 obj O`))
	if e := r.At(1, 1); e >= 0 {
		t.Errorf("the mayor linked to %q, who holds no such title", r.Entities[e].Name)
	}
}
