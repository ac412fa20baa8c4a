package graph

import (
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/kg-project/kg/extract/fact"
)

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Joe Biden":          "Joe_Biden",
		"  Tel   Aviv ":      "Tel_Aviv",
		"AT&T":               "AT&T",
		"a/b#c?d%e":          "a%2Fb%23c%3Fd%25e",
		"<script>\"x\"":      "%3Cscript%3E%22x%22",
		"São Paulo":          "São_Paulo",
		"":                   "_",
		"tab\there\x00":      "tab_here",
		"{weird} | ^ `name`": "%7Bweird%7D_%7C_%5E_%60name%60",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocumentOf(t *testing.T) {
	for label, want := range map[quad.Value]string{
		Document("000_abc"):       "000_abc",
		SentenceIRI("000_abc", 4): "000_abc",
		SentenceIRI("a/s1", 0):    "a%2Fs1",
		Document("x/s"):           "x%2Fs",
	} {
		if got, ok := DocumentOf(label); !ok || got != want {
			t.Errorf("DocumentOf(%v) = %q, %v; want %q", label, got, ok, want)
		}
	}
	for _, label := range []quad.Value{nil, quad.String("doc"), quad.IRI("http://example.org/doc/x"), Rel("x")} {
		if _, ok := DocumentOf(label); ok {
			t.Errorf("DocumentOf(%v) claims a document", label)
		}
	}
}

func TestPredicateNameKeepsNegationAndModality(t *testing.T) {
	for _, c := range []struct {
		f    fact.Fact
		want string
	}{
		{fact.Fact{Predicate: "fired"}, "fired"},
		{fact.Fact{Predicate: "fired", Negated: true}, "not-fired"},
		{fact.Fact{Predicate: "come", Modality: "will"}, "will-come"},
		{fact.Fact{Predicate: "come", Modality: "will", Negated: true}, "not-will-come"},
	} {
		if got := PredicateName(&c.f); got != c.want {
			t.Errorf("%+v: %q, want %q", c.f, got, c.want)
		}
	}
}

func TestEntityIRIs(t *testing.T) {
	person := Entity(&fact.Entity{Name: "Joe Biden", Type: fact.Person})
	org := Entity(&fact.Entity{Name: "Joe Biden", Type: fact.Organization})
	concept := Entity(&fact.Entity{Name: "Rocket Attacks", Type: fact.Concept})
	if person != org {
		t.Errorf("same name, different type: %v vs %v (one node per canonical name)", person, org)
	}
	if !strings.HasSuffix(string(concept), "concept/rocket_attacks") || concept == Entity(&fact.Entity{Name: "Rocket Attacks", Type: fact.Event}) {
		t.Errorf("concept IRI %v", concept)
	}
	for _, iri := range []quad.IRI{person, concept, SentenceIRI("d", 0), FactIRI("d", 0, 0)} {
		if !strings.HasPrefix(string(iri), "https://") {
			t.Errorf("IRI %v is not absolute", iri)
		}
	}
}

func TestShortAndExpandIRI(t *testing.T) {
	for _, c := range []struct{ full, short string }{
		{Base + "entity/Angela_Merkel", "ent:Angela_Merkel"},
		{"http://schema.org/Person", "schema:Person"},
	} {
		if got := ShortIRI(c.full); got != c.short {
			t.Errorf("ShortIRI(%q) = %q, want %q", c.full, got, c.short)
		}
		if got, ok := ExpandIRI(c.short); !ok || string(got) != c.full {
			t.Errorf("ExpandIRI(%q) = %q, %v, want %q", c.short, got, ok, c.full)
		}
	}
	if got := ShortIRI("http://example.org/x"); got != "http://example.org/x" {
		t.Errorf("ShortIRI of a foreign IRI = %q", got)
	}
	for _, name := range []string{"Angela Merkel", "ent:", "ent:Two words", "unknown:x"} {
		if iri, ok := ExpandIRI(name); ok {
			t.Errorf("ExpandIRI(%q) = %q, want no IRI", name, iri)
		}
	}
}
