package queries_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/graph/query"
	"github.com/kg-project/kg/graph/store"
	"github.com/kg-project/kg/queries"
)

var (
	once   sync.Once
	sample *store.Store
	err    error
)

// sampleGraph builds the sample article into an in-memory store once.
func sampleGraph(t testing.TB) *store.Store {
	t.Helper()
	once.Do(func() {
		var data []byte
		data, err = os.ReadFile("../testdata/000_3ec027d384569d0a.txt")
		if err != nil {
			return
		}
		var a *article.Article
		a, err = article.Parse("testdata/000_3ec027d384569d0a.txt", "", data)
		if err != nil {
			return
		}
		sample, err = store.Open(store.Options{Backend: "memstore"})
		if err != nil {
			return
		}
		_, err = sample.WriteDocument(context.Background(), extract.Extract(a, extract.Options{}))
	})
	if err != nil {
		t.Fatal(err)
	}
	return sample
}

func runSaved(t *testing.T, name string, params map[string]string) []map[string]string {
	t.Helper()
	q, ok := queries.Get(name)
	if !ok {
		t.Fatalf("no saved query %s", name)
	}
	src, err := q.Source(params)
	if err != nil {
		t.Fatal(err)
	}
	res, err := query.Run(context.Background(), sampleGraph(t), src, query.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []map[string]string
	for _, r := range res {
		m, ok := r.(map[string]interface{})
		if !ok {
			t.Fatalf("%s: result %v is not tagged", name, r)
		}
		row := map[string]string{}
		for k, v := range m {
			row[k] = query.Short(v)
		}
		out = append(out, row)
	}
	return out
}

// has reports whether some row matches every key=value of want.
func has(rows []map[string]string, want map[string]string) bool {
	for _, r := range rows {
		ok := true
		for k, v := range want {
			if r[k] != v {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestEverySavedQueryIsDescribed(t *testing.T) {
	if len(queries.All()) < 6 {
		t.Errorf("only %d saved queries", len(queries.All()))
	}
	for _, q := range queries.All() {
		if q.Description == "" {
			t.Errorf("%s has no description", q.Name)
		}
		if _, err := q.Source(nil); err != nil {
			t.Errorf("%s: %v", q.Name, err)
		}
	}
	q, _ := queries.Get("entity")
	if _, err := q.Source(map[string]string{"nosuch": "x"}); err == nil {
		t.Error("unknown parameter accepted")
	}
	src, _ := q.Source(map[string]string{"name": `"); g.V().all(); ("`})
	if !strings.Contains(src, `\"); g.V().all(); (\"`) {
		t.Errorf("parameter not JSON-escaped:\n%s", src)
	}
}

func TestSpokeTo(t *testing.T) {
	rows := runSaved(t, "spoke-to", nil)
	want := map[string]string{"subject": "ent:Joe_Biden", "predicate": "rel:spoke-to", "object": "ent:Benjamin_Netanyahu"}
	if !has(rows, want) {
		t.Errorf("no %v in %v", want, rows)
	}
	for _, r := range rows {
		if r["evidence"] == "" {
			t.Errorf("fact without evidence sentence: %v", r)
		}
	}
}

func TestEntity(t *testing.T) {
	rows := runSaved(t, "entity", map[string]string{"name": "Biden"})
	if !has(rows, map[string]string{"subject": "ent:Joe_Biden", "predicate": "rel:spoke-to", "object": "ent:Benjamin_Netanyahu"}) {
		t.Errorf("entity Biden (an alias) lacks the spoke-to fact: %v", rows)
	}
	rows = runSaved(t, "entity", map[string]string{"name": "Benjamin Netanyahu"})
	if !has(rows, map[string]string{"object": "ent:Benjamin_Netanyahu", "predicate": "rel:spoke-to"}) {
		t.Errorf("entity Netanyahu lacks facts where he is the object: %v", rows)
	}
}

func TestTitles(t *testing.T) {
	rows := runSaved(t, "titles", nil)
	for _, w := range []map[string]string{
		{"person": "ent:Joe_Biden", "title": "President"},
		{"person": "ent:Joe_Biden", "affiliation": "ent:United_States"},
		{"person": "ent:Benjamin_Netanyahu", "title": "Prime Minister"},
		{"person": "ent:Benjamin_Netanyahu", "affiliation": "ent:Israel"},
	} {
		if !has(rows, w) {
			t.Errorf("titles lack %v: %v", w, rows)
		}
	}
}

func TestTypes(t *testing.T) {
	rows := runSaved(t, "types", map[string]string{"type": "Person"})
	for _, n := range []string{"Joe Biden", "Benjamin Netanyahu"} {
		if !has(rows, map[string]string{"name": n}) {
			t.Errorf("persons lack %s: %v", n, rows)
		}
	}
	rows = runSaved(t, "types", map[string]string{"type": "Place"})
	if !has(rows, map[string]string{"name": "Israel"}) {
		t.Errorf("places lack Israel: %v", rows)
	}
}

func TestAliases(t *testing.T) {
	rows := runSaved(t, "aliases", nil)
	if !has(rows, map[string]string{"entity": "ent:Joe_Biden", "alias": "Biden"}) {
		t.Errorf("aliases lack Biden for Joe Biden: %v", rows)
	}
	for _, r := range rows {
		if r["alias"] == "He" || r["alias"] == "he" {
			t.Errorf("a pronoun became an alias: %v", r)
		}
	}
}

func TestDocumentAndSources(t *testing.T) {
	rows := runSaved(t, "document", map[string]string{"id": "000_3ec027d384569d0a"})
	if !has(rows, map[string]string{"subject": "ent:Joe_Biden", "predicate": "rel:spoke-to", "n": "1"}) {
		t.Errorf("document facts lack sentence 1's spoke-to: %v", rows)
	}
	src := runSaved(t, "sources", nil)
	if !has(src, map[string]string{"document": "doc:000_3ec027d384569d0a", "date": "2021-05-13"}) {
		t.Errorf("sources: %v", src)
	}
}

func TestVerbFindsAllForms(t *testing.T) {
	rows := runSaved(t, "verb", map[string]string{"lemma": "speak"})
	if !has(rows, map[string]string{"predicate": "rel:spoke-to"}) {
		t.Errorf("lemma speak does not find spoke-to: %v", rows)
	}
	for _, r := range rows {
		if !strings.HasPrefix(r["predicate"], "rel:") {
			t.Errorf("odd predicate %v", r)
		}
	}
}

func TestPeopleGraphForVisualize(t *testing.T) {
	rows := runSaved(t, "people-graph", nil)
	if !has(rows, map[string]string{"source": "ent:Joe_Biden", "target": "ent:Benjamin_Netanyahu"}) {
		t.Errorf("people graph lacks Biden → Netanyahu: %v", rows)
	}
	for _, r := range rows {
		if r["source"] == "" || r["target"] == "" {
			t.Errorf("row without source/target: %v", r)
		}
	}
}

func ExampleQuery_Source() {
	q, _ := queries.Get("entity")
	src, _ := q.Source(map[string]string{"name": "Hamas"})
	fmt.Println(strings.SplitN(src, "\n", 2)[0])
	// Output: var params = {"name":"Hamas"};
}
