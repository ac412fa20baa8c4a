package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	evalner "github.com/kg-project/kg/eval/ner"
)

// TestEvalNERDocument checks that kg eval ner tags a document at once (unless
// --doc=false), as kg's pipeline does: every
// mention of a name in it gets one type, whatever the sentence-by-sentence
// types were, and the output says which mode was used.
func TestEvalNERDocument(t *testing.T) {
	sents := []string{
		"Tolvana has grown fast .",
		"We flew to Tolvana in May .",
		"The people of Tolvana are friendly .",
		"Tolvana said nothing .",
	}
	var b strings.Builder
	for k, s := range sents {
		fmt.Fprintf(&b, "# sent_id = doc1-%d\n# text = %s\n", k+1, s)
		for i, w := range strings.Fields(s) {
			tag := "O"
			if w == "Tolvana" {
				tag = "B-LOC"
			}
			fmt.Fprintf(&b, "%d\t%s\t%s\n", i+1, w, tag)
		}
		b.WriteString("\n")
	}
	gold := filepath.Join(t.TempDir(), "doc.iob2")
	if err := os.WriteFile(gold, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"sentence", "document"} {
		args := []string{"eval", "ner", "--gold", gold} // by document unless told
		if mode == "sentence" {
			args = append(args, "--doc=false")
		}
		out, errOut, err := run(t, args...)
		if err != nil {
			t.Fatalf("%s: %v\n%s", mode, err, errOut)
		}
		if first, _, _ := strings.Cut(out, "\n"); first != "# by "+mode {
			t.Errorf("%s: first line %q, want %q", mode, first, "# by "+mode)
		}
		out, errOut, err = run(t, append(args, "--json")...)
		if err != nil {
			t.Fatalf("%s --json: %v\n%s", mode, err, errOut)
		}
		var sc evalner.Scores
		if err := json.Unmarshal([]byte(out), &sc); err != nil {
			t.Fatalf("%s --json: %v\n%s", mode, err, out)
		}
		if sc.Mode != mode || sc.Sentences != len(sents) {
			t.Errorf("--json: mode %q, %d sentences; want %q, %d", sc.Mode, sc.Sentences, mode, len(sents))
		}
		spread := map[string]int{}
		for typ, c := range sc.ByType {
			if c.Predicted > 0 {
				spread[typ] = c.Predicted
			}
		}
		t.Logf("%s: predicted types %v", mode, spread)
		if mode == "document" && len(spread) > 1 {
			t.Errorf("by document, the name has several types: %v", spread)
		}
	}
}
