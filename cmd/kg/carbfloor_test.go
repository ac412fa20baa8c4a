package main

import (
	"testing"

	"github.com/kg-project/kg/eval/carb"
	"github.com/kg-project/kg/extract"
)

// TestCaRBDevFloor runs kg's Open IE on the CaRB dev sentences as `kg
// eval carb` does and fails below the figures it reached (2026-11-27:
// F1 0.552, AUC 0.381 after the openie rendering rules of helper h33),
// less a margin.
func TestCaRBDevFloor(t *testing.T) {
	if err := extract.Ready(); err != nil {
		t.Skipf("models not available: %v", err)
	}
	g, err := carb.LoadGold("carb/gold-dev.tsv")
	if err != nil {
		t.Fatal(err)
	}
	sys, err := openIEOnGold(g)
	if err != nil {
		t.Fatal(err)
	}
	res := carb.Score(g, sys)
	if res.F1 < 0.54 || res.AUC < 0.37 {
		t.Errorf("CaRB dev F1 %.4f AUC %.4f; floors 0.54 and 0.37", res.F1, res.AUC)
	}
}
