package ner

import (
	"testing"

	"github.com/kg-project/kg/extract/perceptron"
)

// TestHashIncremental checks that the gazetteer's incremental hashing
// agrees with perceptron.Hash, which built the gazetteer keys.
func TestHashIncremental(t *testing.T) {
	tests := [][]string{{}, {"a"}, {"new", "york"}, {"", "x", "ünï", "tel aviv"}}
	for _, parts := range tests {
		h := hashStart(gazSeed)
		for _, p := range parts {
			h = hashPart(h, p)
		}
		if want := perceptron.Hash(gazSeed, parts...); h != want {
			t.Errorf("%q: incremental %x, want %x", parts, h, want)
		}
	}
}
