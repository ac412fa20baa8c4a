package testenv

import (
	"strings"
	"testing"
)

func TestDiffLines(t *testing.T) {
	if d := DiffLines([]string{"a", "b"}, []string{"a", "b"}, "x", "y"); d != "" {
		t.Errorf("equal lists: %q, want empty", d)
	}
	d := DiffLines([]string{"a", "b"}, []string{"a", "c", "d"}, "got", "want")
	for _, s := range []string{"2 and 3 lines", "line 1:", "got  b", "want c", "line 2:"} {
		if !strings.Contains(d, s) {
			t.Errorf("DiffLines = %q, want %q in it", d, s)
		}
	}
}
