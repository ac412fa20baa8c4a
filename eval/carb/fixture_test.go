package carb

import (
	"math"
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
