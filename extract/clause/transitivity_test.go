package clause

import "testing"

func TestIntransitive(t *testing.T) {
	tests := []struct {
		lemma string
		want  bool
	}{
		{"appear", true},
		{"happen", true},
		{"exist", true},
		{"take", false},
		{"sell", false},
		{"say", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := Intransitive(tc.lemma); got != tc.want {
			t.Errorf("Intransitive(%q) = %v, want %v", tc.lemma, got, tc.want)
		}
	}
}

func TestArgumentPrep(t *testing.T) {
	tests := []struct {
		lemma, prep string
		want        bool
	}{
		{"lead", "to", true},
		{"suffer", "from", true},
		{"live", "in", true},
		{"speak", "on", false},
		{"live", "near", false},
		{"lead", "near", false},
		{"", "", false},
	}
	for _, tc := range tests {
		if got := ArgumentPrep(tc.lemma, tc.prep); got != tc.want {
			t.Errorf("ArgumentPrep(%q, %q) = %v, want %v", tc.lemma, tc.prep, got, tc.want)
		}
	}
}

func TestRareArgumentPrep(t *testing.T) {
	tests := []struct {
		lemma, prep string
		want        bool
	}{
		{"go", "with", true},    // seen often, seldom with "with"
		{"speak", "on", true},   // seen often, seldom with "on"
		{"speak", "to", false},  // an argument preposition
		{"zzzz", "with", false}, // a verb the treebanks do not know
		{"", "", false},
	}
	for _, tc := range tests {
		if got := RareArgumentPrep(tc.lemma, tc.prep); got != tc.want {
			t.Errorf("RareArgumentPrep(%q, %q) = %v, want %v", tc.lemma, tc.prep, got, tc.want)
		}
	}
}

func TestPurposeAfterArgument(t *testing.T) {
	for _, tc := range []struct {
		lemma string
		want  bool
	}{
		{"turn", true},  // "turned to Whitman to find comfort"
		{"use", true},   // "used the money to buy a house"
		{"go", true},    // "went to the store to buy milk"
		{"ask", false},  // "asked him to leave"
		{"want", false}, // "wanted them to win"
		{"tell", false}, // "told her to wait"
	} {
		if got := PurposeAfterArgument(tc.lemma); got != tc.want {
			t.Errorf("PurposeAfterArgument(%q) = %v, want %v", tc.lemma, got, tc.want)
		}
	}
}
