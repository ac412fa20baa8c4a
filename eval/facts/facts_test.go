package facts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/fact"
)

func TestParsePred(t *testing.T) {
	tests := []struct {
		in   string
		want Pred
	}{
		{"spoke-to", Pred{Verb: "spok", Prep: "to", Verbal: true}},
		{"fired", Pred{Verb: "fir", Verbal: true}},
		{"was-killed", Pred{Verb: "kill", Passive: true, Verbal: true}},
		{"not-showed", Pred{Verb: "show", Negated: true, Verbal: true}},
		{"will-come-to", Pred{Verb: "com", Prep: "to", Verbal: true}},
		{"has-pressed-ahead-with", Pred{Verb: "press", Prep: "with", Verbal: true}},
		{"had-conversation-with", Pred{Verb: "have", Prep: "with", Verbal: true}},
		{"is-wife-of", Pred{Verb: "be", Prep: "of", Verbal: true}},
		{"are-reacting-to", Pred{Verb: "react", Prep: "to", Verbal: true}},
		{"has-title", Pred{Verb: "has-title"}},
		{"affiliated-with", Pred{Verb: "affiliated-with"}},
	}
	for _, tt := range tests {
		if got := ParsePred(tt.in); got != tt.want {
			t.Errorf("ParsePred(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestPredMatch(t *testing.T) {
	tests := []struct {
		gold, sys, lemma string
		want             bool
	}{
		{"spoke-to", "spoke-to", "speak", true},
		{"spoke-to", "speaks-to", "speak", true}, // the lemma's past tense
		{"speaks-to", "spoke-to", "speak", true}, // the lemma
		{"spoke-to", "speaks-to", "", false},     // no lemma: surface stems differ
		{"spoke-to", "spoke-with", "speak", false},
		{"spoke", "spoke-with", "speak", true}, // no gold preposition: any
		{"fired", "fired-at", "fire", true},
		{"fired-at", "fired", "fire", false},
		{"was-killed", "killed", "kill", false}, // voice must agree
		{"killed", "killing", "kill", true},
		{"showed", "not-showed", "show", false}, // negation must agree
		{"showed|not-showed", "not-showed", "show", true},
		{"will-come-to", "come-to", "come", true}, // modality ignored
		{"has-title", "has-title", "", true},
		{"has-title", "affiliated-with", "", false},
		{"has", "has-title", "", false},
		{"housing", "housed", "house", true},
		{"has-gone-up-to", "gone-to", "go", true},
		{"hopes", "said", "say", false},
	}
	for _, tt := range tests {
		if got := PredMatch(tt.gold, tt.sys, tt.lemma); got != tt.want {
			t.Errorf("PredMatch(%q, %q, %q) = %v, want %v", tt.gold, tt.sys, tt.lemma, got, tt.want)
		}
	}
}

func TestArgMatch(t *testing.T) {
	tests := []struct {
		gold  string
		names []string
		want  bool
	}{
		{"Joe Biden", []string{"President Biden", "Joe Biden", "Biden"}, true},
		{"joe biden", []string{"Joe Biden"}, true},
		{"Biden", []string{"Joe Biden"}, true}, // same head word
		{"Joe Biden", []string{"Benjamin Netanyahu", "Netanyahu"}, false},
		{"rocket attacks", []string{"the rocket attacks"}, true},
		{"rockets", []string{"hundreds of rockets"}, false}, // head is "hundreds"
		{"form of alternative medicine", []string{"form"}, true},
		{"towers", []string{"high-rise towers"}, true},
		{"Hamas|Islamic militant group", []string{"islamic militant group"}, true},
		{"Hamas's", []string{"Hamas"}, true},
		{"press", []string{"Joe Biden"}, false},
		{"people", []string{"10,000 people"}, true}, // a number's comma ends nothing
		{"people", []string{"Gaza, people"}, false}, // a comma ends the head's part
		{"Gaza", []string{"Gaza, people"}, true},
		{"", []string{""}, false},
	}
	for _, tt := range tests {
		if got := ArgMatch(tt.gold, tt.names); got != tt.want {
			t.Errorf("ArgMatch(%q, %q) = %v, want %v", tt.gold, tt.names, got, tt.want)
		}
	}
}

func TestReadGold(t *testing.T) {
	good := "# source\n\nJoe Biden\tspoke-to\tBenjamin Netanyahu\ts1\nHamas\tfired\trockets\n"
	gs, err := ReadGold(strings.NewReader(good), "g.tsv")
	if err != nil || len(gs) != 2 || gs[0].Sent != 1 || gs[1].Sent != 0 || gs[1].Line != 4 {
		t.Fatalf("ReadGold = %+v, %v", gs, err)
	}
	for _, bad := range []string{"a\tb\n", "a\tb\tc\td\te\n", "a\t\tc\n", "a\tb\tc\tsX\n"} {
		if _, err := ReadGold(strings.NewReader(bad), "bad.tsv"); err == nil || !strings.Contains(err.Error(), "bad.tsv:1") {
			t.Errorf("ReadGold(%q) error = %v, want one naming bad.tsv:1", bad, err)
		}
	}
}

func TestScore(t *testing.T) {
	gold := []Gold{
		{Subject: "Joe Biden", Predicate: "spoke-to", Object: "Benjamin Netanyahu"},
		{Subject: "Hamas", Predicate: "fired", Object: "rockets"},
		{Subject: "Israel", Predicate: "toppled", Object: "towers"},
	}
	sys := []System{
		{SubjNames: []string{"Joe Biden", "Biden"}, Predicate: "spoke-to", Lemma: "speak", ObjNames: []string{"Netanyahu"}, Confidence: 0.9},
		{SubjNames: []string{"Hamas"}, Predicate: "fired", Lemma: "fire", ObjNames: []string{"rockets"}, Confidence: 0.5},
		{SubjNames: []string{"Hamas"}, Predicate: "erupted", Lemma: "erupt", ObjNames: []string{"attacks"}, Confidence: 0.7},
	}
	r := Score([]DocResult{ScoreDoc("d", gold, sys)})
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if r.Correct != 2 || r.Matched != 2 || !near(r.P, 2.0/3) || !near(r.R, 2.0/3) || !near(r.F1, 2.0/3) {
		t.Errorf("Score: %+v", r)
	}
	// Thresholds 0.9, 0.7, 0.5: P 1, 0.5, 2/3; R 1/3, 1/3, 2/3.
	if len(r.Curve) != 3 || !near(r.Curve[0].P, 1) || !near(r.Curve[1].P, 0.5) || !near(r.Curve[2].R, 2.0/3) {
		t.Errorf("Curve: %+v", r.Curve)
	}
	if !near(r.RAtP80, 1.0/3) || !near(r.BestF1, 2.0/3) || r.BestThreshold != 0.5 {
		t.Errorf("best F1 %v at %v, R@P0.8 %v", r.BestF1, r.BestThreshold, r.RAtP80)
	}
	// AP: 1/3 recall gained at P 1, none at 0.5, 1/3 at 2/3.
	if !near(r.AP, 1.0/3+1.0/3*2.0/3) {
		t.Errorf("AP %v, want 5/9", r.AP)
	}
	if empty := Score(nil); empty.P != 0 || empty.R != 0 || empty.F1 != 0 || empty.AP != 0 {
		t.Errorf("Score(nil) = %+v", empty)
	}
}

func TestFromDocumentDedupe(t *testing.T) {
	d := &fact.Document{
		Entities: []fact.Entity{{Name: "Cres Eastman", Type: fact.Person, Aliases: []string{"Eastman"}}},
		Facts: []fact.Fact{
			{Kind: fact.Title, Subject: fact.Arg{Entity: 0, Text: "Cres Eastman"}, Predicate: "has-title", Object: fact.Arg{Entity: -1, Text: "Professor"}, Confidence: 0.6},
			{Kind: fact.Title, Sent: 3, Subject: fact.Arg{Entity: 0, Text: "Eastman"}, Predicate: "has-title", Object: fact.Arg{Entity: -1, Text: "professor"}, Confidence: 0.85},
			{Kind: fact.Action, Subject: fact.Arg{Entity: 0, Text: "he"}, Predicate: "said", Lemma: "say", Negated: true, Modality: "will", Object: fact.Arg{Entity: -1, Text: "it"}, Confidence: 0.5},
		},
	}
	sys := FromDocument(d)
	if len(sys) != 2 || sys[0].Confidence != 0.85 || sys[1].Predicate != "not-will-said" || !contains(sys[1].SubjNames, "Eastman") {
		t.Errorf("FromDocument = %+v", sys)
	}
	if got := FromDocument(d, fact.Action); len(got) != 1 {
		t.Errorf("FromDocument(action) = %+v", got)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); err == nil {
		t.Error("Load of a directory without gold files: no error")
	}
	g := filepath.Join(dir, "x"+GoldExt)
	if err := os.WriteFile(g, []byte("a\tb\tc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(g); err == nil || !strings.Contains(err.Error(), "x.txt") {
		t.Errorf("Load without text: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "nope")); err == nil {
		t.Error("Load of a missing path: no error")
	}
}

// goldFloors are the figures the extractor reached on the gold sets
// (2026-11-27, h34 clause rules and h35 recall rules: dev P 0.643 R 0.760
// R@P0.8 0.740, merges 46 of 46; train P 0.823 R 0.929 R@P0.8 0.929),
// less a margin of about two facts: a change that loses more fails here.
var goldFloors = map[string]struct{ p, r, rAtP80, merge float64 }{
	"goldfacts":       {p: 0.61, r: 0.74, rAtP80: 0.72, merge: 0.97},
	"goldfacts/train": {p: 0.80, r: 0.90, rAtP80: 0.90, merge: 0.66},
}

// TestGoldSets runs the scorer with the current extractor on the dev and
// train gold sets: everything loads, runs and yields values in range, and
// no figure falls below its floor.
func TestGoldSets(t *testing.T) {
	if err := extract.Ready(); err != nil {
		t.Skipf("models not available: %v", err)
	}
	in := func(x float64) bool { return x >= 0 && x <= 1 }
	for set, f := range goldFloors {
		docs, err := Load(filepath.Join("..", "..", "testdata", filepath.FromSlash(set)))
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) < 3 {
			t.Fatalf("%s: %d gold documents", set, len(docs))
		}
		for _, d := range docs {
			if len(d.Facts) < 10 {
				t.Errorf("%s: only %d gold facts", d.Name, len(d.Facts))
			}
		}
		r, err := Run(docs, extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Gold == 0 || r.System == 0 || !in(r.P) || !in(r.R) || !in(r.F1) || !in(r.BestF1) || !in(r.RAtP80) || r.BestF1 < r.F1-1e-9 {
			t.Errorf("%s: result out of range: %+v", set, r)
		}
		for _, p := range r.Curve {
			if !in(p.P) || !in(p.R) || !in(p.F1) {
				t.Errorf("%s: curve point out of range: %+v", set, p)
			}
		}
		if r.P < f.p || r.R < f.r || r.RAtP80 < f.rAtP80 || r.Links > 0 && r.MergeAccuracy < f.merge {
			t.Errorf("%s: P %.3f R %.3f R@P0.8 %.3f merges %d of %d; floors P %.2f R %.2f R@P0.8 %.2f merge %.2f",
				set, r.P, r.R, r.RAtP80, r.LinksRight, r.Links, f.p, f.r, f.rAtP80, f.merge)
		}
		t.Logf("%s: P %.3f R %.3f F1 %.3f best-F1 %.3f", set, r.P, r.R, r.F1, r.BestF1)
	}
}

func TestVoiceMatch(t *testing.T) {
	active := System{SubjNames: []string{"strong winds"}, Predicate: "caused", Lemma: "cause", ObjNames: []string{"accident"}}
	passive := System{SubjNames: []string{"accident"}, Predicate: "was-caused-by", Lemma: "cause", ObjNames: []string{"winds"}}
	cases := []struct {
		g    Gold
		s    System
		want bool
	}{
		{Gold{Subject: "accident", Predicate: "was-caused-by", Object: "winds"}, active, true},
		{Gold{Subject: "winds", Predicate: "caused", Object: "accident"}, passive, true},
		// the same arguments in the same places are no other voice
		{Gold{Subject: "winds", Predicate: "was-caused-by", Object: "accident"}, active, false},
		// a passive without its agent, another verb, or negation differing
		{Gold{Subject: "accident", Predicate: "was-caused-in", Object: "winds"}, active, false},
		{Gold{Subject: "accident", Predicate: "was-followed-by", Object: "winds"}, active, false},
		{Gold{Subject: "accident", Predicate: "was-not-caused-by", Object: "winds"}, active, false},
	}
	for _, c := range cases {
		if got := Match(c.g, c.s); got != c.want {
			t.Errorf("Match(%v, %v %v %v) = %v, want %v", c.g, c.s.SubjNames, c.s.Predicate, c.s.ObjNames, got, c.want)
		}
	}
}

func TestMergeAccuracy(t *testing.T) {
	gold := []Gold{{Subject: "Thomas Sam|they", Predicate: "shunned", Object: "treatments", Sent: 4}}
	right := System{SubjNames: []string{"they", "Thomas Sam"}, SubjLink: []string{"Thomas Sam"}, Predicate: "shunned", Lemma: "shun", ObjNames: []string{"treatments"}, Sent: 4, Confidence: 0.5}
	wrong := right
	wrong.SubjNames, wrong.SubjLink = []string{"they", "Gloria"}, []string{"Gloria"}
	far := wrong
	far.Sent = 9 // another sentence's fact is not judged
	named := System{SubjNames: []string{"Thomas Sam"}, Predicate: "shunned", Lemma: "shun", ObjNames: []string{"treatments"}, Sent: 4, Confidence: 0.5}
	r := Score([]DocResult{ScoreDoc("d", gold, []System{right, wrong, far, named})})
	if r.Links != 2 || r.LinksRight != 1 || r.MergeAccuracy != 0.5 {
		t.Errorf("links judged %d, right %d, accuracy %v; want 2, 1, 0.5", r.Links, r.LinksRight, r.MergeAccuracy)
	}
	// "they" matches the gold by its own words, but the link is wrong:
	// the pronoun's words do not make a wrong entity right.
	if !Match(gold[0], wrong) {
		t.Errorf("the gold's 'they' alternative should match the fact")
	}
}
