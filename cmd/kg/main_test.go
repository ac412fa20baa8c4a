package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/kg-project/kg/graph/store"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const sample = "../../testdata/000_3ec027d384569d0a.txt"

// run executes kg with args in-process and returns stdout, stderr and
// the error.
func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	root := newRoot()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.Execute()
	return out.String(), errOut.String(), err
}

var storeCount = regexp.MustCompile(`store: (\d+)\)`)

func count(t *testing.T, summary string) int {
	t.Helper()
	m := storeCount.FindStringSubmatch(summary)
	if m == nil {
		t.Fatalf("no store count in summary %q", summary)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestBuildTwiceKeepsQuadCount(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	_, e1, err := run(t, "build", "--db", db, sample)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, e1)
	}
	_, e2, err := run(t, "build", "--db", db, sample)
	if err != nil {
		t.Fatalf("second build: %v\n%s", err, e2)
	}
	if a, b := count(t, e1), count(t, e2); a != b {
		t.Errorf("quads %d after the first build, %d after the second", a, b)
	}
	if !strings.Contains(e2, "1 skipped as unchanged") {
		t.Errorf("second build should skip the unchanged document: %s", e2)
	}
	// --force extracts it again and finds nothing to write.
	_, e3, err := run(t, "build", "--force", "--db", db, sample)
	if err != nil {
		t.Fatalf("forced build: %v\n%s", err, e3)
	}
	if !strings.Contains(e3, "0 skipped as unchanged, 1 unchanged after extraction") || count(t, e3) != count(t, e1) {
		t.Errorf("forced build should extract the document and change nothing: %s", e3)
	}
	// Another extractor (here: other options) extracts it again.
	_, e4, err := run(t, "build", "--min-confidence", "0.5", "--db", db, sample)
	if err != nil {
		t.Fatalf("build with --min-confidence: %v\n%s", err, e4)
	}
	if !strings.Contains(e4, "0 skipped as unchanged") {
		t.Errorf("a build with other options should extract the document again: %s", e4)
	}
}

func TestQuerySavedSpokeTo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	if _, e, err := run(t, "build", "--db", db, sample); err != nil {
		t.Fatalf("build: %v\n%s", err, e)
	}
	out, e, err := run(t, "query", "--db", db, "--format", "json", "--saved", "spoke-to")
	if err != nil {
		t.Fatalf("query: %v\n%s", err, e)
	}
	var res []map[string]interface{}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("bad JSON %q: %v", out, err)
	}
	found := false
	for _, r := range res {
		if strings.Contains(r["subject"].(string), "entity/Joe_Biden") && strings.Contains(r["predicate"].(string), "rel/spoke-to") && strings.Contains(r["object"].(string), "entity/Benjamin_Netanyahu") {
			found = true
		}
	}
	if !found {
		t.Errorf("spoke-to has no Joe Biden spoke-to Benjamin Netanyahu: %s", out)
	}
}

func TestQueryErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg.db")
	if _, e, err := run(t, "build", "--db", db, sample); err != nil {
		t.Fatalf("build: %v\n%s", err, e)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"query", "--db", db, "g.V(.all()"}, "gizmo"},
		{[]string{"query", "--db", db, "--lang", "sparql", "x"}, "unknown query language"},
		{[]string{"query", "--db", db, "--saved", "nosuch"}, "no saved query"},
		{[]string{"query", "--db", filepath.Join(t.TempDir(), "none"), "g.V().all()"}, "no store"},
		{[]string{"query", "--db", db, "throw new Error('boom')"}, "boom"},
	}
	for _, c := range cases {
		_, _, err := run(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("kg %s: err = %v, want it to mention %q", strings.Join(c.args, " "), err, c.want)
		}
	}
}

func TestSavedListAndExport(t *testing.T) {
	out, _, err := run(t, "query", "--saved")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"spoke-to", "entity", "document", "titles", "types", "aliases"} {
		if !strings.Contains(out, name) {
			t.Errorf("saved query list lacks %s:\n%s", name, out)
		}
	}
	db := filepath.Join(t.TempDir(), "kg.db")
	if _, e, err := run(t, "build", "--db", db, sample); err != nil {
		t.Fatalf("build: %v\n%s", err, e)
	}
	nq := filepath.Join(t.TempDir(), "g.nq")
	if _, e, err := run(t, "export", "--db", db, "-o", nq); err != nil {
		t.Fatalf("export: %v\n%s", err, e)
	}
	b, err := os.ReadFile(nq)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("<https://kg.invalid/rel/spoke-to>")) {
		t.Error("export lacks the spoke-to predicate")
	}
}

func TestBuildBadInputs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kg.db")
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Hamas fired rockets at Israel on Monday.\n"), 0o644)
	bad := map[string][]byte{
		"empty.txt":  {},
		"blank.txt":  []byte(" \n\t\n"),
		"image.txt":  []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"latin1.txt": []byte("Caf\xe9 au lait in M\xfcnchen.\n"),
	}
	var args []string
	for name, data := range bad {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		args = append(args, p)
	}
	_, stderr, err := run(t, append([]string{"build", "--db", db, good}, args...)...)
	if err == nil {
		t.Fatal("build with bad inputs succeeded")
	}
	for name := range bad {
		if !strings.Contains(stderr, name) {
			t.Errorf("no error names %s:\n%s", name, stderr)
		}
	}
	if !strings.Contains(stderr, "1 documents") {
		t.Errorf("the good document was not stored:\n%s", stderr)
	}
}

// TestQueryTimeoutOnBolt runs, in a kg process, a query that keeps reading
// the store until its time limit stops it: the process must report the
// time-out and exit 1, not crash. kg query used to close the store while
// cayley's query goroutine was still unwinding, which crashed on bolt's
// unmapped memory ("fatal error: fault") in 3 of 3 runs of a counting
// query on a 5M-quad store; this small store does not reproduce that
// crash reliably, so the test guards the time-out path as a whole.
func TestQueryTimeoutOnBolt(t *testing.T) {
	bin := kgBinary(t)
	db := filepath.Join(t.TempDir(), "kg.db")
	// A store large enough that one count outlasts the time limit.
	st, err := store.Open(store.Options{Backend: "bolt", Path: db})
	if err != nil {
		t.Fatal(err)
	}
	tx := cgraph.NewTransaction()
	for i := 0; i < 20000; i++ {
		tx.AddQuad(quad.Make(quad.IRI(fmt.Sprintf("n%d", i)), quad.IRI("p"), quad.IRI(fmt.Sprintf("n%d", i+1)), nil))
	}
	if err := st.ApplyTransaction(tx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for i := 0; i < 3; i++ {
		cmd := exec.Command(bin, "query", "--db", db, "--timeout", "100ms",
			`for (var i = 0; i < 1e9; i++) { g.V().has("<p>").out("<p>").count(); }`)
		out, err := cmd.CombinedOutput()
		if strings.Contains(string(out), "fatal error") || strings.Contains(string(out), "panic") {
			t.Fatalf("kg crashed after the time-out:\n%s", out)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 || !strings.Contains(string(out), "timed out") {
			t.Fatalf("query past its time limit: %v\n%s", err, out)
		}
	}
}

// A document id given again with new text replaces the earlier version,
// whether both fall in one write batch or in batches prepared while the
// other is being written, and leaves a store whose every quad is whole
// (cayley's key-value stores used to store a replaced version's quads
// without some of their nodes: export failed with "invalid N-Quad").
func TestBuildSameIDAgain(t *testing.T) {
	dir := t.TempDir()
	rec := func(id, text string) string {
		b, _ := json.Marshal(map[string]string{"id": id, "text": text})
		return string(b) + "\n"
	}
	v := []string{
		"Angela Merkel met Emmanuel Macron in Berlin on Monday.",
		"Greenpeace criticised the new coal plant in Poland.",
		"Angela Merkel spoke to Joe Biden by telephone.",
		"The European Commission fined Google in Brussels.",
		"Angela Merkel visited Paris and praised the French president.",
	}
	all := rec("a", v[0]) + rec("b", v[1]) + rec("a", v[2]) + rec("c", v[3]) + rec("a", v[4])
	last := rec("b", v[1]) + rec("c", v[3]) + rec("a", v[4])
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	allFile, lastFile := write("all.jsonl", all), write("last.jsonl", last)
	export := func(db string) []string {
		nq := db + ".nq"
		if _, e, err := run(t, "export", "--db", db, "-o", nq); err != nil {
			t.Fatalf("export %s: %v\n%s", db, err, e)
		}
		out, err := os.ReadFile(nq)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if !strings.Contains(l, "/schema/source>") { // names the input file and line
				lines = append(lines, l)
			}
		}
		sort.Strings(lines)
		return lines
	}
	wantDB := filepath.Join(dir, "want.db")
	if _, e, err := run(t, "build", "--workers", "1", "--db", wantDB, lastFile); err != nil {
		t.Fatalf("build: %v\n%s", err, e)
	}
	want := export(wantDB)
	for _, batch := range []string{"1", "2", "10"} {
		db := filepath.Join(dir, "b"+batch+".db")
		if _, e, err := run(t, "build", "--workers", "1", "--batch", batch, "--db", db, allFile); err != nil {
			t.Fatalf("build --batch %s: %v\n%s", batch, err, e)
		}
		got := export(db)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("--batch %s: %d quads, want the %d of the last versions alone", batch, len(got), len(want))
		}
	}
}
