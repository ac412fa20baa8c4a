package carb

import (
	"math"
	"strings"
	"testing"
)

func TestOpenIE5Fixture(t *testing.T) {
	g, err := LoadGold("carb/gold-dev.tsv")
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSystem("carb/openie5-dev.tsv")
	if err != nil {
		t.Fatal(err)
	}
	res := Score(g, s)
	t.Logf("%s gold=%d system=%d points=%d", res, res.Gold, res.System, len(res.Curve))
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"P", res.Precision, 0.5257},
		{"R", res.Recall, 0.4059},
		{"F1", res.F1, 0.4581},
		{"AUC", res.AUC, 0.240},
	} {
		if math.Abs(c.got-c.want) > 0.002 {
			t.Errorf("%s = %.4f, want %.4f ± 0.002", c.name, c.got, c.want)
		}
	}
}

func BenchmarkScoreOpenIE5(b *testing.B) {
	g, err := LoadGold("carb/gold-dev.tsv")
	if err != nil {
		b.Fatal(err)
	}
	s, err := LoadSystem("carb/openie5-dev.tsv")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Score(g, s)
	}
}

func BenchmarkLoadAndScoreOpenIE5(b *testing.B) {
	for b.Loop() {
		g, err := LoadGold("carb/gold-dev.tsv")
		if err != nil {
			b.Fatal(err)
		}
		s, err := LoadSystem("carb/openie5-dev.tsv")
		if err != nil {
			b.Fatal(err)
		}
		Score(g, s)
	}
}

// FuzzScore checks that no input makes reading or scoring panic and that
// the measures stay within [0, 1].
func FuzzScore(f *testing.F) {
	f.Add("Ann met Bob .\tmet\tAnn\tBob\n", "Ann met Bob .\t0.5\tmet\tAnn\tBob\n")
	f.Add("s\tbe\t\t\n", "s\t-1\tbe\t\t\t\ts\t2\tsaid\nx\t0\t\n")
	f.Add("-LRB- -RRB-\tsaid\ta\tb\tc\n", "()\t1e300\tsays\tc\tb\ta\n")
	f.Fuzz(func(t *testing.T, gold, system string) {
		g, err := ReadGold(strings.NewReader(gold))
		if err != nil {
			return
		}
		s, err := ReadSystem(strings.NewReader(system))
		if err != nil {
			return
		}
		res := Score(g, s)
		for _, v := range []float64{res.Precision, res.Recall, res.F1, res.AUC} {
			if v < 0 || v > 1+1e-9 || math.IsNaN(v) {
				t.Fatalf("measure out of range: %+v", res)
			}
		}
	})
}
