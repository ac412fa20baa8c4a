package extract_test

import "testing"

// A bare number as a verb's object is a count of what the text leaves
// out: kept as the fact's value ("killed 12"), not dropped.
func TestNumberObjectIsAValue(t *testing.T) {
	d := hand(t, `
Gunmen gunman NOUN NNS 2 nsubj O
killed kill VERB VBD 0 root O
12 12 NUM CD 2 obj O
. . PUNCT . 2 punct O`)
	found := false
	for _, f := range d.Facts {
		if f.Predicate == "killed" && f.Object.Text == "12" {
			found = true
			if f.Object.Entity >= 0 {
				t.Errorf("the number became a node: %+v", f.Object)
			}
		}
	}
	if !found {
		t.Errorf("no 'killed 12' fact in %q", triples(d))
	}
}
