package carb

import (
	"bytes"
	"strings"
	"testing"
)

func sys(sent string, conf float64, rel string, args ...string) Extraction {
	return Extraction{Sentence: sent, Confidence: conf, Relation: rel, Args: args}
}

func TestScore(t *testing.T) {
	gold := Gold{Extractions: []Extraction{
		sys("Ann met Bob .", 1, "met", "Ann", "Bob"),
		sys("Ann met Bob .", 1, "is", "Bob", "a man"),
		sys("No output here .", 1, "is", "here", "nothing"),
	}}
	cases := []struct {
		name      string
		sys       []Extraction
		p, r, f1  float64
		threshold float64
		auc       float64
		curve     []Point
	}{
		{
			name: "perfect high, wrong low",
			sys: []Extraction{
				sys("Ann met Bob .", 0.9, "met", "Ann", "Bob"),
				sys("Ann met Bob .", 0.5, "saw", "Ann", "Bob"),
			},
			// at 0.9: P 1/1, R 1/3; at 0.5: P (1+0)/2, R 1/3.
			p: 1, r: 1.0 / 3, f1: 0.5, threshold: 0.9,
			curve: []Point{{0.5, 0.5, 1.0 / 3}, {0.9, 1, 1.0 / 3}},
			auc:   (1.0 / 3) * (1 + 1) / 2,
		},
		{
			name: "sentence key normalised, lower threshold wins",
			sys: []Extraction{
				sys("Ann met Bob.", 0.9, "met", "Ann", "Bob"),
				sys("Ann met Bob.", 0.5, "be", "Bob", "a man"),
			},
			// at 0.5 both match exactly: P 1, R 2/3.
			p: 1, r: 2.0 / 3, f1: 0.8, threshold: 0.5,
			curve: []Point{{0.5, 1, 2.0 / 3}, {0.9, 1, 1.0 / 3}},
			auc:   (2.0/3-1.0/3)*1 + (1.0/3)*1,
		},
		{
			// as in the original, the later of two sentences with the same
			// key replaces the earlier one, whose tuples (and confidences)
			// are dropped.
			name: "colliding sentence keys",
			sys: []Extraction{
				sys("Ann met Bob.", 0.9, "met", "Ann", "Bob"),
				sys("Ann  met Bob .", 0.5, "be", "Bob", "a man"),
			},
			p: 1, r: 1.0 / 3, f1: 0.5, threshold: 0.5,
			curve: []Point{{0.5, 1, 1.0 / 3}},
			auc:   1.0 / 3,
		},
		{
			name: "unknown sentence still sets a threshold",
			sys: []Extraction{
				sys("Ann met Bob .", 0.5, "met", "Ann", "Bob"),
				sys("Something else .", 0.8, "is", "x", "y"),
			},
			// at 0.8 no tuple of a gold sentence is left: P 1, R 0.
			p: 1, r: 1.0 / 3, f1: 0.5, threshold: 0.5,
			curve: []Point{{0.5, 1, 1.0 / 3}, {0.8, 1, 0}},
			auc:   (1.0 / 3) * 1,
		},
		{
			name: "recall is best match, precision one-to-one",
			sys: []Extraction{
				sys("Ann met Bob .", 0.7, "met", "Ann", "Bob"),
				sys("Ann met Bob .", 0.7, "met", "Ann", "Bob"),
			},
			// both copies match gold 1; only one counts for precision.
			p: 0.5, r: 1.0 / 3, f1: 0.4, threshold: 0.7,
			curve: []Point{{0.7, 0.5, 1.0 / 3}},
			auc:   (1.0 / 3) * (0.5 + 1) / 2,
		},
		{name: "no system output", sys: nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Score(gold, System{Extractions: c.sys})
			if !near(res.Precision, c.p) || !near(res.Recall, c.r) || !near(res.F1, c.f1) || !near(res.Threshold, c.threshold) {
				t.Errorf("P/R/F1/threshold = %.4f/%.4f/%.4f/%.2f, want %.4f/%.4f/%.4f/%.2f",
					res.Precision, res.Recall, res.F1, res.Threshold, c.p, c.r, c.f1, c.threshold)
			}
			if !near(res.AUC, c.auc) {
				t.Errorf("AUC = %.4f, want %.4f", res.AUC, c.auc)
			}
			if len(res.Curve) != len(c.curve) {
				t.Fatalf("curve = %v, want %v", res.Curve, c.curve)
			}
			for i := range c.curve {
				g, w := res.Curve[i], c.curve[i]
				if !near(g.Threshold, w.Threshold) || !near(g.Precision, w.Precision) || !near(g.Recall, w.Recall) {
					t.Errorf("curve[%d] = %+v, want %+v", i, g, w)
				}
			}
			if res.Gold != 3 {
				t.Errorf("Gold = %d, want 3", res.Gold)
			}
		})
	}
}

func TestScoreEmpty(t *testing.T) {
	res := Score(Gold{}, System{Extractions: []Extraction{sys("a", 0.5, "r", "x", "y")}})
	if res.Precision != 1 || res.Recall != 0 || res.F1 != 0 || res.AUC != 0 {
		t.Errorf("no gold: got %+v", res)
	}
	res = Score(Gold{}, System{})
	if res.F1 != 0 || len(res.Curve) != 0 {
		t.Errorf("nothing: got %+v", res)
	}
}

func TestLines(t *testing.T) {
	r := Result{Precision: 0.52571, Recall: 0.40589, F1: 0.45809, AUC: 0.24019, Threshold: 0.17612}
	got := r.Lines()
	want := []string{"P 0.5257", "R 0.4059", "F1 0.4581", "AUC 0.2402", "Threshold 0.1761"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Lines = %q, want %q", got, want)
	}
}

func TestReadGold(t *testing.T) {
	in := "  Ann met Bob .\tmet \t Ann\tBob\n\nAnn met Bob .\tis\tBob\ta man\tin town\t\n"
	g, err := ReadGold(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Extractions) != 2 {
		t.Fatalf("got %d tuples, want 2", len(g.Extractions))
	}
	e := g.Extractions[0]
	if e.Sentence != "Ann met Bob ." || e.Relation != "met" || strings.Join(e.Args, "|") != "Ann|Bob" || e.Line != 1 || e.Confidence != 1 {
		t.Errorf("first tuple = %+v", e)
	}
	e = g.Extractions[1]
	if strings.Join(e.Args, "|") != "Bob|a man|in town" || e.Line != 3 {
		t.Errorf("second tuple = %+v", e)
	}
}

func TestReadSystem(t *testing.T) {
	in := "Ann met Bob .\t0.75\tmet\t Ann\tBob\nAnn met Bob .\t1e-2\tis\n"
	s, err := ReadSystem(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Extractions) != 2 {
		t.Fatalf("got %d tuples, want 2", len(s.Extractions))
	}
	e := s.Extractions[0]
	if e.Confidence != 0.75 || e.Relation != "met" || strings.Join(e.Args, "|") != " Ann|Bob" {
		t.Errorf("first tuple = %+v (system fields are kept unstripped)", e)
	}
	if e := s.Extractions[1]; e.Confidence != 0.01 || len(e.Args) != 0 || e.Line != 2 {
		t.Errorf("second tuple = %+v", e)
	}
}

func TestReadErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
		gold           bool
	}{
		{"gold one field", "a\tb\tc\n\njust a sentence\n", "line 3", true},
		{"system two fields", "s\t0.5\tr\ts\t0.5\n", "line 2", false},
		{"system bad confidence", "s\t0.5\tr\ts\thigh\tr\n", "line 2", false},
		{"system NaN", "s\tNaN\tr\n", "line 1", false},
		{"system Inf", "s\t0.1\tr\n\n\ns\t+Inf\tr\n", "line 4", false},
		{"line too long", "s\t0.1\tr\t" + strings.Repeat("x", maxLine) + "\n", "line 1", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := strings.ReplaceAll(c.in, "s\t0.5\tr\ts", "s\t0.5\tr\ts\n")
			var err error
			if c.gold {
				_, err = ReadGold(strings.NewReader(in))
			} else {
				_, err = ReadSystem(strings.NewReader(in))
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error = %v, want one naming %q", err, c.want)
			}
		})
	}
}

func TestWriteSystemRoundTrip(t *testing.T) {
	s := System{Extractions: []Extraction{
		sys("Ann met Bob .", 0.123456789, "met", "Ann", "Bob"),
		sys("Tab\there .", 1, "is", "line\nbreak", "x", "y"),
		sys("No args .", 0, "rains"),
	}}
	var buf bytes.Buffer
	if err := WriteSystem(&buf, s); err != nil {
		t.Fatal(err)
	}
	back, err := ReadSystem(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Extractions) != len(s.Extractions) {
		t.Fatalf("read back %d tuples, want %d", len(back.Extractions), len(s.Extractions))
	}
	for i, e := range back.Extractions {
		w := s.Extractions[i]
		if e.Confidence != w.Confidence || len(e.Args) != len(w.Args) || e.Relation != w.Relation {
			t.Errorf("tuple %d = %+v, want %+v", i, e, w)
		}
	}
	if got := back.Extractions[1].Sentence; got != "Tab here ." {
		t.Errorf("tab in sentence written as %q", got)
	}
}

func TestMatches(t *testing.T) {
	gold := Gold{Extractions: []Extraction{
		sys("Ann met Bob .", 1, "met", "Ann", "Bob"),
		sys("Ann met Bob .", 1, "is", "Bob", "a man"),
		sys("No output here .", 1, "is", "here", "nothing"),
	}}
	system := System{Extractions: []Extraction{
		sys("Ann met Bob .", 0.4, "met", "Ann", "Bob"),
		sys("Ann met Bob .", 0.9, "met", "Ann", "Bob and Cy"),
		sys("Ann met Bob .", 0.9, "is", "Bob", "a man"),
		sys("No output here .", 0.9, "rains", "here", "nothing"),
	}}
	cases := []struct {
		threshold float64
		best      []float64 // confidence of the best tuple, -1 for none
		// (the third gold tuple's only system tuple shares no relation
		// word, so it has no best match)
		recall []float64
	}{
		{0, []float64{0.4, 0.9, -1}, []float64{1, 1, 0}},
		{0.5, []float64{0.9, 0.9, -1}, []float64{1, 1, 0}},
		{0.95, []float64{-1, -1, -1}, []float64{0, 0, 0}},
	}
	for _, c := range cases {
		ms := Matches(gold, system, c.threshold)
		if len(ms) != 3 {
			t.Fatalf("threshold %v: %d matches, want 3", c.threshold, len(ms))
		}
		for i, m := range ms {
			conf := -1.0
			if m.Best != nil {
				conf = m.Best.Confidence
			}
			if conf != c.best[i] || !near(m.Recall, c.recall[i]) {
				t.Errorf("threshold %v, gold %d: best conf %v recall %v, want %v %v", c.threshold, i, conf, m.Recall, c.best[i], c.recall[i])
			}
		}
	}
	// at 0.5 the first gold tuple is matched by the longer object:
	// p = 3/5 (rel 1, Ann 1, Bob of "Bob and Cy" 1), r = 3/3.
	if m := Matches(gold, system, 0.5)[0]; !near(m.Precision, 3.0/5) {
		t.Errorf("precision of best match = %v, want 0.6", m.Precision)
	}
}
