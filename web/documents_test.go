package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"

	"github.com/kg-project/kg/graph/store"
)

// testArticle is a short news text; its names are non-ASCII in places so
// that code-point and byte offsets differ.
const testArticle = `Storm hits coast

Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday. Merkel said that the talks were “very productive”. Macron thanked José Martínez for his work.
The European Union will send aid to the region.`

func newDocServer(t testing.TB, cfg Config) (*httptest.Server, *store.Store) {
	t.Helper()
	st, err := store.Open(store.Options{Backend: "memstore"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if cfg.Store == nil {
		cfg.Store = st
	}
	h, err := New(st.Handle, cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, st
}

func do(t testing.TB, method, url, ctype, body string) (*http.Response, []byte) {
	t.Helper()
	if method == http.MethodPost {
		return post(t, url, ctype, body)
	}
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b []byte
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b = append(b, buf[:n]...)
		if err != nil {
			break
		}
	}
	return resp, b
}

// storeQuads returns every quad of the store as sorted N-Quads lines.
func storeQuads(t testing.TB, st *store.Store) []string {
	t.Helper()
	var out []string
	err := iterator.Iterate(t.Context(), st.QuadsAllIterator()).Each(func(r refs.Ref) error {
		q, err := st.Quad(r)
		if err != nil {
			return err
		}
		out = append(out, q.NQuad())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func decodeResult(t testing.TB, b []byte) *DocumentResult {
	t.Helper()
	var d DocumentResult
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("answer is not a DocumentResult: %v: %s", err, b)
	}
	return &d
}

// checkSpan checks that a span's code-point and byte offsets name the
// same text, and returns it.
func checkSpan(t testing.TB, text string, sp *Span, what string) string {
	t.Helper()
	if sp == nil {
		return ""
	}
	runes := []rune(text)
	if sp.Start < 0 || sp.End < sp.Start || sp.End > len(runes) || sp.ByteStart < 0 || sp.ByteEnd < sp.ByteStart || sp.ByteEnd > len(text) {
		t.Errorf("%s: span %+v out of the text (%d code points, %d bytes)", what, *sp, len(runes), len(text))
		return ""
	}
	byRune, byByte := string(runes[sp.Start:sp.End]), text[sp.ByteStart:sp.ByteEnd]
	if byRune != byByte {
		t.Errorf("%s: code points [%d,%d) give %q, bytes [%d,%d) give %q", what, sp.Start, sp.End, byRune, sp.ByteStart, sp.ByteEnd, byByte)
	}
	return byByte
}

func TestPostDocument(t *testing.T) {
	srv, st := newDocServer(t, Config{})
	before := storeQuads(t, st)
	resp, b := post(t, srv.URL+DocumentsPath+"?id=storm-1&date=2024-03-04", "text/plain; charset=utf-8", testArticle)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("first POST: %s %s", resp.Status, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	if loc := resp.Header.Get("Location"); loc != DocumentsPath+"/storm-1" {
		t.Errorf("Location %q", loc)
	}
	d := decodeResult(t, b)
	if d.ID != "storm-1" || d.IRI != "https://kg.invalid/doc/storm-1" || d.Date != "2024-03-04" || d.Title != "Storm hits coast" {
		t.Errorf("id %q iri %q date %q title %q", d.ID, d.IRI, d.Date, d.Title)
	}
	if !d.Stored || d.Unchanged || d.Added == 0 || d.Removed != 0 {
		t.Errorf("first write: stored %v unchanged %v added %d removed %d", d.Stored, d.Unchanged, d.Added, d.Removed)
	}
	if got := len(storeQuads(t, st)) - len(before); got != d.Added {
		t.Errorf("the store grew by %d quads, the answer says %d were added", got, d.Added)
	}
	if len(d.Sentences) < 4 || len(d.Facts) == 0 || len(d.Entities) == 0 {
		t.Fatalf("%d sentences, %d facts, %d entities", len(d.Sentences), len(d.Facts), len(d.Entities))
	}
	for _, s := range d.Sentences {
		if got := checkSpan(t, d.Text, &s.Span, fmt.Sprintf("sentence %d", s.Index)); got != s.Text {
			t.Errorf("sentence %d: span gives %q, text is %q", s.Index, got, s.Text)
		}
	}
	names := map[string]EntityResult{}
	for i, e := range d.Entities {
		names[e.Name] = e
		if e.Index != i || !strings.HasPrefix(e.IRI, "https://kg.invalid/") || e.Type == "" || len(e.Mentions) == 0 {
			t.Errorf("entity %d: %+v", i, e)
		}
		for _, m := range e.Mentions {
			if got := checkSpan(t, d.Text, m.Span, "mention of "+e.Name); m.Span != nil && got != m.Text {
				t.Errorf("mention of %s: span gives %q, text %q", e.Name, got, m.Text)
			}
		}
	}
	for _, want := range []string{"Merkel", "Macron", "Berlin"} {
		found := false
		for n, e := range names {
			found = found || strings.Contains(n, want) && e.Named
		}
		if !found {
			t.Errorf("no named entity %q among %v", want, d.Entities)
		}
	}
	var macronThanked bool
	for i, f := range d.Facts {
		what := fmt.Sprintf("fact %d (%s %s %s)", i, f.Subject.Name, f.Predicate.Name, f.Object.Name)
		if f.Sentence < 0 || f.Sentence >= len(d.Sentences) || f.SentenceText != d.Sentences[f.Sentence].Text {
			t.Errorf("%s: sentence %d %q", what, f.Sentence, f.SentenceText)
			continue
		}
		if f.Confidence <= 0 || f.Confidence > 1 || f.Predicate.IRI == "" || f.Predicate.Name == "" || f.Kind == "" {
			t.Errorf("%s: %+v", what, f)
		}
		sent := d.Sentences[f.Sentence].Span
		for _, a := range []struct {
			name string
			sp   *Span
			text string
		}{{"subject", f.Subject.Span, f.Subject.Text}, {"predicate", f.Predicate.Span, f.Predicate.Text}, {"object", f.Object.Span, f.Object.Text}} {
			got := checkSpan(t, d.Text, a.sp, what+" "+a.name)
			if a.sp == nil {
				continue
			}
			if got != a.text || a.sp.Start < sent.Start || a.sp.End > sent.End {
				t.Errorf("%s %s: span %+v gives %q (text %q), outside sentence %+v?", what, a.name, *a.sp, got, a.text, sent)
			}
		}
		if f.Subject.Entity >= 0 && (f.Subject.Entity >= len(d.Entities) || d.Entities[f.Subject.Entity].IRI != f.Subject.IRI || f.IRI == "") {
			t.Errorf("%s: subject entity %d IRI %q, fact IRI %q", what, f.Subject.Entity, f.Subject.IRI, f.IRI)
		}
		if strings.Contains(f.Subject.Name, "Macron") && f.Predicate.Label == "thanked" {
			macronThanked = true
			if f.Predicate.Span == nil || f.Predicate.Text != "thanked" || f.Object.Span == nil || !strings.Contains(f.Object.Text, "Martínez") {
				t.Errorf("%s: predicate %q %+v object %q %+v", what, f.Predicate.Text, f.Predicate.Span, f.Object.Text, f.Object.Span)
			}
		}
	}
	if !macronThanked {
		t.Errorf("no fact Emmanuel Macron thanked …: %s", b)
	}

	// The same article again: nothing changes.
	resp, b = post(t, srv.URL+DocumentsPath+"?id=storm-1&date=2024-03-04", "text/plain", testArticle)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("second POST: %s %s", resp.Status, b)
	}
	d2 := decodeResult(t, b)
	if !d2.Unchanged || d2.Added != 0 || d2.Removed != 0 || len(d2.Facts) != len(d.Facts) {
		t.Errorf("second POST: unchanged %v added %d removed %d, %d facts (first %d)", d2.Unchanged, d2.Added, d2.Removed, len(d2.Facts), len(d.Facts))
	}

	// A changed article replaces the old facts.
	changed := strings.Replace(testArticle, "The European Union will send aid to the region.", "", 1)
	resp, b = post(t, srv.URL+DocumentsPath+"?id=storm-1&date=2024-03-04", "text/plain", changed)
	d3 := decodeResult(t, b)
	if resp.StatusCode != http.StatusCreated || d3.Removed == 0 || d3.Unchanged {
		t.Errorf("changed article: %s, added %d removed %d unchanged %v", resp.Status, d3.Added, d3.Removed, d3.Unchanged)
	}

	// The stored document reads back with its facts.
	resp, b = get(t, srv.URL+DocumentsPath+"/storm-1")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET: %s %s", resp.Status, b)
	}
	var sd StoredDocument
	if err := json.Unmarshal(b, &sd); err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, f := range d3.Facts {
		if f.IRI != "" {
			stored++
		}
	}
	if sd.ID != "storm-1" || sd.Date != "2024-03-04" || sd.Hash != d3.Hash || len(sd.Facts) != stored || sd.Quads != len(storeQuads(t, st))-len(before) {
		t.Errorf("GET: id %q date %q hash %q, %d facts (want %d), %d quads", sd.ID, sd.Date, sd.Hash, len(sd.Facts), stored, sd.Quads)
	}
	for _, f := range sd.Facts {
		if f.Subject == "" || f.Predicate == "" || f.Object == "" || f.Sentence == "" || f.Kind == "" {
			t.Errorf("stored fact %+v", f)
		}
	}
	if resp, b := get(t, srv.URL+DocumentsPath+"/nope"); resp.StatusCode != http.StatusNotFound || !strings.Contains(string(b), `"error"`) {
		t.Errorf("GET unknown: %s %s", resp.Status, b)
	}
}

func TestPostDocumentRefusals(t *testing.T) {
	huge := strings.Repeat("Merkel met Macron in Berlin. ", 100)
	tests := []struct {
		name     string
		cfg      Config
		noStore  bool
		path     string
		ctype    string
		body     string
		code     int
		errorHas string
	}{
		{"empty", Config{}, false, DocumentsPath, "text/plain", "", 400, "empty"},
		{"blank", Config{}, false, DocumentsPath, "text/plain", " \n\t\n", 400, "empty"},
		{"binary", Config{}, false, DocumentsPath, "text/plain", "\x89PNG\r\n\x1a\n\x00\x00", 400, "binary"},
		{"NUL bytes", Config{}, false, DocumentsPath, "", "Merkel\x00met\x00Macron", 400, "binary"},
		{"latin-1", Config{}, false, DocumentsPath, "text/plain", "Merkel met Jos\xe9 in Berlin.", 400, "UTF-8"},
		{"invalid JSON", Config{}, false, DocumentsPath, "application/json", `{"text": "Merkel met`, 400, "JSON"},
		{"JSON array", Config{}, false, DocumentsPath, "application/json", `["Merkel met Macron."]`, 400, "JSON"},
		{"JSON without text", Config{}, false, DocumentsPath, "application/json", `{"id": "x", "title": "t"}`, 400, `no "text"`},
		{"JSON bad date", Config{}, false, DocumentsPath, "application/json", `{"text": "Merkel met Macron.", "date": "May 5"}`, 400, "date"},
		{"bad date", Config{}, false, DocumentsPath + "?date=2024-13-45", "text/plain", "Merkel met Macron.", 400, "date"},
		{"bad content type", Config{}, false, DocumentsPath, "image/png", "Merkel met Macron.", 415, "Content-Type"},
		{"too large", Config{MaxBody: 1000}, false, DocumentsPath, "text/plain", huge, 413, "limit"},
		{"too large to extract", Config{MaxBody: 1000}, false, ExtractPath, "text/plain", huge, 413, "limit"},
		{"read-only", Config{ReadOnly: true}, false, DocumentsPath, "text/plain", "Merkel met Macron.", 403, "read-only"},
		{"read-only delete", Config{ReadOnly: true}, false, DocumentsPath + "/x", "", "", 403, "read-only"},
		{"no store", Config{}, true, DocumentsPath, "text/plain", "Merkel met Macron.", 503, "no kg store"},
		{"delete unknown", Config{}, false, DocumentsPath + "/unknown", "", "", 404, "no document"},
		{"delete no id", Config{}, false, DocumentsPath + "/", "", "", 404, "no document id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var srv *httptest.Server
			var st *store.Store
			if tc.noStore {
				var h http.Handler
				h, err := New(newHandle(t), tc.cfg)
				if err != nil {
					t.Fatal(err)
				}
				srv = httptest.NewServer(h)
				t.Cleanup(srv.Close)
			} else {
				srv, st = newDocServer(t, tc.cfg)
			}
			var before []string
			if st != nil {
				before = storeQuads(t, st)
			}
			method := http.MethodPost
			if strings.Contains(tc.name, "delete") {
				method = http.MethodDelete
			}
			resp, b := do(t, method, srv.URL+tc.path, tc.ctype, tc.body)
			if resp.StatusCode != tc.code {
				t.Errorf("%s %s: %s %s, want %d", method, tc.path, resp.Status, b, tc.code)
			}
			var e struct{ Error string }
			if err := json.Unmarshal(b, &e); err != nil || !strings.Contains(e.Error, tc.errorHas) {
				t.Errorf("answer %s (%v), want a JSON error mentioning %q", b, err, tc.errorHas)
			}
			if st != nil {
				if after := storeQuads(t, st); len(after) != len(before) {
					t.Errorf("a refused request changed the store: %d → %d quads", len(before), len(after))
				}
			}
		})
	}
}

func TestExtractWithoutStoring(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		path string
	}{
		{"extract", Config{}, ExtractPath},
		{"dry run", Config{}, DocumentsPath + "?dry_run=1"},
		{"extract when read-only", Config{ReadOnly: true}, ExtractPath},
		{"dry run when read-only", Config{ReadOnly: true}, DocumentsPath + "?dry_run=true"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, st := newDocServer(t, tc.cfg)
			before := storeQuads(t, st)
			resp, b := post(t, srv.URL+tc.path, "application/json", `{"id": "j1", "title": "Talks in Berlin", "date": "2024-03-04", "url": "https://example.org/a", "text": "Chancellor Angela Merkel met French President Emmanuel Macron in Berlin."}`)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %s %s", tc.path, resp.Status, b)
			}
			d := decodeResult(t, b)
			if d.Stored || d.Added != 0 || d.ID != "j1" || d.Source != "https://example.org/a" || d.Title != "Talks in Berlin" || len(d.Facts) == 0 {
				t.Errorf("stored %v added %d id %q source %q title %q, %d facts", d.Stored, d.Added, d.ID, d.Source, d.Title, len(d.Facts))
			}
			if !strings.HasPrefix(d.Text, "Talks in Berlin\n\n") {
				t.Errorf("the title is not part of the text: %q", d.Text)
			}
			if after := storeQuads(t, st); len(after) != len(before) {
				t.Errorf("extracting without storing changed the store: %d → %d quads", len(before), len(after))
			}
		})
	}
}

func TestDeleteDocument(t *testing.T) {
	srv, st := newDocServer(t, Config{})
	before := storeQuads(t, st)
	for _, id := range []string{"a", "dir/b"} {
		if resp, b := post(t, srv.URL+DocumentsPath+"?id="+id, "text/plain", testArticle); resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %s %s", id, resp.Status, b)
		}
	}
	withA := storeQuads(t, st)
	resp, b := do(t, http.MethodDelete, srv.URL+DocumentsPath+"/dir/b", "", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("DELETE dir/b: %s %s", resp.Status, b)
	}
	var del struct {
		ID      string
		Removed int
	}
	json.Unmarshal(b, &del)
	// The entities' and predicates' own quads are per document too, so
	// deleting b gives back exactly the store with a only.
	srv2, st2 := newDocServer(t, Config{})
	post(t, srv2.URL+DocumentsPath+"?id=a", "text/plain", testArticle)
	if got, want := storeQuads(t, st), storeQuads(t, st2); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after deleting dir/b the store has %d quads, a store with a only has %d", len(got), len(want))
	}
	if del.ID != "dir/b" || del.Removed != len(withA)-len(storeQuads(t, st)) {
		t.Errorf("DELETE answered %s", b)
	}
	resp, b = do(t, http.MethodDelete, srv.URL+DocumentsPath+"/a", "", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("DELETE a: %s %s", resp.Status, b)
	}
	if got := storeQuads(t, st); strings.Join(got, "\n") != strings.Join(before, "\n") {
		t.Errorf("after deleting every document the store has %d quads, %d before", len(got), len(before))
	}
	if resp, b := do(t, http.MethodDelete, srv.URL+DocumentsPath+"/a", "", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("second DELETE: %s %s", resp.Status, b)
	}
}

// TestConcurrentPosts posts distinct documents at once and one after the
// other; both stores must end up the same.
func TestConcurrentPosts(t *testing.T) {
	var bodies []string
	for i, place := range []string{"Berlin", "Paris", "Madrid", "Rome", "Vienna", "Prague"} {
		bodies = append(bodies, fmt.Sprintf("Chancellor Angela Merkel met President Emmanuel Macron in %s on Monday. Merkel said that talk number %d was useful.", place, i))
	}
	seqSrv, seq := newDocServer(t, Config{})
	for i, b := range bodies {
		if resp, out := post(t, fmt.Sprintf("%s%s?id=d%d", seqSrv.URL, DocumentsPath, i), "text/plain", b); resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST d%d: %s %s", i, resp.Status, out)
		}
	}
	conSrv, con := newDocServer(t, Config{})
	var wg sync.WaitGroup
	codes := make([]int, len(bodies))
	for i, b := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s%s?id=d%d", conSrv.URL, DocumentsPath, i), strings.NewReader(b))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return
			}
			resp.Body.Close()
			codes[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusCreated {
			t.Errorf("concurrent POST d%d: %d", i, c)
		}
	}
	a, b := storeQuads(t, seq), storeQuads(t, con)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("sequential posts give %d quads, concurrent ones %d (or different ones)", len(a), len(b))
	}
}

func TestRuneIndex(t *testing.T) {
	long := strings.Repeat("é", 700) + strings.Repeat("a", 700) + "日本" + strings.Repeat("€", 500)
	tests := []string{"", "abc", "Jos\u00e9 Mart\u00ednez", long}
	for _, text := range tests {
		ri := newRuneIndex(text)
		for b := 0; b <= len(text); b++ {
			if b < len(text) && !utf8.RuneStart(text[b]) {
				continue
			}
			if got, want := ri.runes(b), utf8.RuneCountInString(text[:b]); got != want {
				t.Fatalf("text of %d bytes: byte %d is code point %d, want %d", len(text), b, got, want)
			}
		}
		if ri.span(-1, 2) != nil || ri.span(0, len(text)+1) != nil || ri.span(2, 1) != nil {
			t.Errorf("out-of-range spans not refused")
		}
	}
}

func TestPage(t *testing.T) {
	srv, _ := newServer(t, Config{KG: Page()})
	resp, b := get(t, srv.URL+"/kg/")
	if resp.StatusCode != 200 || !strings.Contains(string(b), `<script src="page.js">`) || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /kg/: %s %q", resp.Status, b)
	}
	for _, f := range []string{"page.js", "page.css"} {
		resp, b := get(t, srv.URL+"/kg/"+f)
		if resp.StatusCode != 200 || len(b) < 500 {
			t.Errorf("GET /kg/%s: %s, %d bytes", f, resp.Status, len(b))
		}
		for _, host := range forbidden {
			if strings.Contains(string(b), host) {
				t.Errorf("/kg/%s refers to %s", f, host)
			}
		}
	}
	// The UI links to the page when there is one.
	_, idx := get(t, srv.URL+"/")
	if !strings.Contains(string(idx), kgPageMeta) {
		t.Errorf("the UI's index.html has no %s", kgPageMeta)
	}
	plain, _ := newServer(t, Config{})
	if _, idx := get(t, plain.URL+"/"); strings.Contains(string(idx), kgPageMeta) {
		t.Errorf("the UI links to the kg page on a server without it")
	}
}

// BenchmarkExtractEndpoint measures POST /api/kg/v1/extract of the short
// test article (models loaded).
func BenchmarkExtractEndpoint(b *testing.B) {
	srv, _ := newDocServer(b, Config{})
	post(b, srv.URL+ExtractPath, "text/plain", testArticle) // load the models
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if resp, out := post(b, srv.URL+ExtractPath, "text/plain", testArticle); resp.StatusCode != http.StatusOK {
			b.Fatalf("%s %s", resp.Status, out)
		}
	}
}
