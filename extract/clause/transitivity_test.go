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
