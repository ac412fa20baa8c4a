package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-project/kg/graph/describe"
)

func TestShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	if _, e, err := run(t, "build", "--db", db, sample); err != nil {
		t.Fatalf("build: %v\n%s", err, e)
	}
	// The canonical name, an alias, a lower-cased name and the IRI all
	// find the same entity.
	var first string
	for _, what := range []string{"Joe Biden", "President Biden", "joe biden", "ent:Joe_Biden"} {
		out, e, err := run(t, "show", "--db", db, what)
		if err != nil {
			t.Fatalf("show %q: %v\n%s", what, err, e)
		}
		if !strings.HasPrefix(out, `ent:Joe_Biden  "Joe Biden"  schema:Person`) {
			t.Errorf("show %q starts %q", what, strings.SplitN(out, "\n", 2)[0])
		}
		if first == "" {
			first = out
		} else if out != first {
			t.Errorf("show %q differs from show %q", what, "Joe Biden")
		}
	}
	for _, want := range []string{
		"also called: ", "Biden", // aliases
		"ent:Joe_Biden rel:spoke-to ent:Benjamin_Netanyahu",  // as subject
		"ent:Benjamin_Netanyahu rel:thanked ent:Joe_Biden",   // as object
		"s1: United States President Joe Biden on Wednesday", // the sentence
		"according to ent:White_House",                       // attribution
	} {
		if !strings.Contains(first, want) {
			t.Errorf("show Joe Biden lacks %q:\n%s", want, first)
		}
	}

	out, e, err := run(t, "show", "--db", db, "--format", "json", "Hamas")
	if err != nil {
		t.Fatalf("show --format json: %v\n%s", err, e)
	}
	var ents []describe.Entity
	if err := json.Unmarshal([]byte(out), &ents); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if len(ents) != 1 || ents[0].IRI != "ent:Hamas" {
		t.Fatalf("show Hamas found %+v", ents)
	}
	fired := false
	for _, f := range ents[0].Facts {
		if f.Role == "subject" && f.Predicate == "rel:fired" && f.Object == "concept:rockets" {
			fired = f.Index > 0 && strings.Contains(f.Text, "fired") && f.Document != "" && f.Confidence > 0
		}
	}
	if !fired {
		t.Errorf("show Hamas has no fired rockets fact with its sentence:\n%s", out)
	}

	if _, e, err := run(t, "show", "--db", db, "Nobody Atall"); err == nil || !strings.Contains(err.Error(), `no entity "Nobody Atall"`) {
		t.Errorf("show of an unknown name: err %v, stderr %q", err, e)
	}
}
