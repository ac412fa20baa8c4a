package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/ui"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
)

// testQuads is a small social graph: who follows whom, and a status.
var testQuads = []quad.Quad{
	quad.MakeIRI("alice", "follows", "bob", ""),
	quad.MakeIRI("bob", "follows", "fred", ""),
	quad.MakeIRI("charlie", "follows", "bob", ""),
	quad.MakeIRI("dani", "follows", "bob", ""),
	quad.MakeIRI("dani", "follows", "greg", ""),
	quad.MakeIRI("fred", "follows", "greg", ""),
	quad.Make(quad.IRI("greg"), quad.IRI("status"), quad.String("cool_person"), nil),
}

func newHandle(t testing.TB) *cgraph.Handle {
	t.Helper()
	qs := memstore.New(testQuads...)
	qw, err := writer.NewSingle(qs, cgraph.IgnoreOpts{IgnoreDup: true})
	if err != nil {
		t.Fatal(err)
	}
	return &cgraph.Handle{QuadStore: qs, QuadWriter: qw}
}

func newServer(t testing.TB, cfg Config) (*httptest.Server, *cgraph.Handle) {
	t.Helper()
	h := newHandle(t)
	hd, err := New(h, cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(hd)
	t.Cleanup(srv.Close)
	return srv, h
}

func get(t testing.TB, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func post(t testing.TB, url, ctype, body string) (*http.Response, []byte) {
	t.Helper()
	return send(t, http.MethodPost, url, ctype, body, false, nil)
}

// forbidden are the references to outside hosts the offline UI must not
// keep.
var forbidden = []string{"cdn.jsdelivr.net", "fonts.googleapis.com", "fonts.gstatic.com", "localhost:64210", "storage.googleapis.com"}

var (
	srcAttr    = regexp.MustCompile(`(?:src|href)="([^"]+)"`)
	monacoBase = regexp.MustCompile(`"(/vendor/monaco-editor@[^"/]+/min/vs)"`)
	cssURL     = regexp.MustCompile(`url\(["']?([^"')]+)["']?\)`)
)

// uiRefs returns the local URLs index.html refers to.
func uiRefs(t *testing.T, base string) []string {
	_, idx := get(t, base+"/")
	var refs []string
	for _, m := range srcAttr.FindAllStringSubmatch(string(idx), -1) {
		if strings.HasPrefix(m[1], "/") || !strings.Contains(m[1], ":") {
			refs = append(refs, "/"+strings.TrimPrefix(m[1], "/"))
		}
	}
	return refs
}

func TestUIOffline(t *testing.T) {
	srv, _ := newServer(t, Config{})
	refs := uiRefs(t, srv.URL)
	if len(refs) < 5 {
		t.Fatalf("index.html refers to %d local files, want at least 5: %v", len(refs), refs)
	}
	var scripts int
	pages := append([]string{"/", "/index.html", "/service-worker.js"}, refs...)
	for _, p := range pages {
		resp, b := get(t, srv.URL+p)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", p, resp.Status)
			continue
		}
		if strings.HasSuffix(p, ".js") {
			scripts++
		}
		for _, f := range forbidden {
			if bytes.Contains(b, []byte(f)) {
				t.Errorf("GET %s: still refers to %s", p, f)
			}
		}
	}
	if scripts < 3 {
		t.Errorf("index.html loads %d scripts, want the UI's 2 chunks and kg's script", scripts)
	}
	_, idx := get(t, srv.URL+"/")
	if !bytes.Contains(idx, []byte(kgScriptPath)) {
		t.Errorf("index.html does not load %s", kgScriptPath)
	}
	var css []byte
	for _, p := range refs {
		if strings.HasSuffix(p, ".css") {
			_, b := get(t, srv.URL+p)
			css = append(css, b...)
		}
	}
	if !bytes.Contains(css, []byte("@import url("+MaterialIconsCSS+")")) {
		t.Errorf("the UI's stylesheets do not import %s", MaterialIconsCSS)
	}
	// Every rewritten file, not only those index.html names.
	u, err := newUI()
	if err != nil {
		t.Fatal(err)
	}
	for p, b := range u.fixed {
		for _, f := range forbidden {
			if bytes.Contains(b, []byte(f)) {
				t.Errorf("%s: still refers to %s", p, f)
			}
		}
	}
}

func TestAssetsResolve(t *testing.T) {
	srv, _ := newServer(t, Config{})
	var js []byte
	for _, p := range uiRefs(t, srv.URL) {
		if strings.HasSuffix(p, ".js") {
			_, b := get(t, srv.URL+p)
			js = append(js, b...)
		}
	}
	bases := map[string]bool{}
	for _, m := range monacoBase.FindAllSubmatch(js, -1) {
		bases[string(m[1])] = true
	}
	if len(bases) != 1 || !bases[MonacoBase] {
		t.Fatalf("the UI's Monaco base is %v, want only %s", bases, MonacoBase)
	}
	// The AMD modules Monaco loads for the languages the UI uses
	// (javascript for Gizmo, graphql, json for results and MQL).
	modules := []string{
		"loader.js",
		"editor/editor.main.js", "editor/editor.main.css", "editor/editor.main.nls.js",
		"base/worker/workerMain.js",
		"basic-languages/javascript/javascript.js", "basic-languages/typescript/typescript.js",
		"basic-languages/graphql/graphql.js",
		"language/typescript/tsMode.js", "language/typescript/tsWorker.js",
		"language/json/jsonMode.js", "language/json/jsonWorker.js",
	}
	urls := []string{MaterialIconsCSS}
	for _, m := range modules {
		urls = append(urls, MonacoBase+"/"+m)
	}
	// Stylesheets' own references (fonts).
	for _, css := range []string{MaterialIconsCSS, MonacoBase + "/editor/editor.main.css"} {
		_, b := get(t, srv.URL+css)
		for _, m := range cssURL.FindAllStringSubmatch(string(b), -1) {
			if strings.HasPrefix(m[1], "data:") {
				continue
			}
			if strings.Contains(m[1], "://") {
				t.Errorf("%s refers to %s", css, m[1])
				continue
			}
			dir := css[:strings.LastIndex(css, "/")+1]
			urls = append(urls, dir+strings.TrimPrefix(m[1], "./"))
		}
	}
	if len(urls) < len(modules)+2 {
		t.Errorf("found no font in %s", MaterialIconsCSS)
	}
	for _, u := range urls {
		resp, b := get(t, srv.URL+u)
		if resp.StatusCode != http.StatusOK || len(b) == 0 {
			t.Errorf("GET %s: %s, %d bytes", u, resp.Status, len(b))
			continue
		}
		for _, f := range forbidden[:3] {
			if bytes.Contains(b, []byte(f)) {
				t.Errorf("GET %s: refers to %s", u, f)
			}
		}
	}
	for _, p := range []string{VendorPrefix + "nothing.js", VendorPrefix + "../web.go", "/static/js/main.84d3ab8c.chunk.js.map"} {
		if resp, _ := get(t, srv.URL+p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s, want 404", p, resp.Status)
		}
	}
}

func TestVendorEncoding(t *testing.T) {
	srv, _ := newServer(t, Config{})
	name := "monaco-editor@0.18.1/min/vs/loader.js"
	want, err := VendorFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(want, []byte("define")) {
		t.Fatalf("VendorFile(%s) does not look like the AMD loader", name)
	}
	tests := []struct {
		accept string
		gzip   bool
	}{
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8", true},
		{"gzip;q=0", false},
		{"identity", false},
		{"", false},
	}
	for _, tc := range tests {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+VendorPrefix+name, nil)
		req.Header.Set("Accept-Encoding", tc.accept)
		// A transport that leaves Content-Encoding to us.
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := resp.Header.Get("Content-Encoding") == "gzip"; got != tc.gzip {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", tc.accept, got, tc.gzip)
		}
		if tc.gzip {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(b, want) {
			t.Errorf("Accept-Encoding %q: body differs from the asset", tc.accept)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
			t.Errorf("Content-Type %q", ct)
		}
	}
}

func TestQuery(t *testing.T) {
	srv, _ := newServer(t, Config{})
	tests := []struct {
		lang, q string
		want    []string
		not     []string
	}{
		{"gizmo", `g.V("<alice>").out("<follows>").all()`, []string{"bob"}, []string{"fred", "error"}},
		{"gizmo", `g.V().has("<follows>", "<bob>").all()`, []string{"alice", "charlie", "dani"}, []string{"fred", "error"}},
		{"gizmo", `g.V().tag("source").out("<follows>").tag("target").all()`, []string{"source", "target", "greg"}, []string{"error"}},
		{"gizmo", `g.V(`, []string{"error"}, nil},
		{"graphql", `{ nodes(id: <bob>) { id follows: <follows> } }`, []string{"fred"}, []string{"error"}},
		{"mql", `[{"id": "<greg>", "<status>": null}]`, []string{"cool_person"}, []string{"error"}},
	}
	for _, tc := range tests {
		// The UI asks for JSON-LD in every language.
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v2/query?lang="+tc.lang, strings.NewReader(tc.q))
		req.Header.Set("Accept", "application/ld+json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, w := range tc.want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s %s: %s %s, want %q in it", tc.lang, tc.q, resp.Status, b, w)
			}
		}
		for _, w := range tc.not {
			if bytes.Contains(b, []byte(w)) {
				t.Errorf("%s %s: %s %s, do not want %q in it", tc.lang, tc.q, resp.Status, b, w)
			}
		}
	}
}

func TestSupportsJSONLD(t *testing.T) {
	tests := []struct {
		lang string
		want bool
	}{
		{"gizmo", true},
		{"graphql", true}, // its own HTTP handler
		{"mql", false},
		{"nonesuch", true},
	}
	for _, tc := range tests {
		if got := supportsJSONLD(tc.lang); got != tc.want {
			t.Errorf("supportsJSONLD(%q) = %v, want %v", tc.lang, got, tc.want)
		}
	}
}

func TestShape(t *testing.T) {
	srv, _ := newServer(t, Config{QueryTimeout: time.Second})
	tests := []struct {
		lang, q string
		code    int
		shapes  int
		want    []string
	}{
		{"gizmo", `g.V("<alice>").out("<follows>").all()`, 200, 1, []string{`"QuadsAction"`, `"<alice>"`, `"<follows>"`, `"object"`}},
		{"gizmo", `g.V("<alice>").out("<follows>").tag("x").all(); g.V().has("<status>").count()`, 200, 2, []string{`"Save"`, `"x"`, `"<status>"`}},
		{"gizmo", `var n = 0; g.V().forEach(function (d) { n++ }); g.emit(n)`, 200, 1, []string{`"AllNodes"`}},
		{"gizmo", `g.emit(1)`, 200, 0, nil},
		{"mql", `[{"id": "<greg>", "<status>": null}]`, 200, 1, []string{`"<status>"`, `"<greg>"`}},
		{"graphql", `{ nodes(id: <bob>) { id follows: <follows> } }`, 200, 1, []string{`"<bob>"`}},
		{"gizmo", `g.V(`, 400, 0, []string{`"error"`}},
		{"gizmo", `while (true) {}`, 400, 0, []string{`"error"`}},
		{"sparql", `SELECT ?x`, 400, 0, []string{`"error"`, "unsupported"}},
	}
	for _, tc := range tests {
		resp, b := post(t, srv.URL+"/api/v1/shape/"+tc.lang, "", tc.q)
		if resp.StatusCode != tc.code {
			t.Errorf("%s %s: %s %s, want %d", tc.lang, tc.q, resp.Status, b, tc.code)
			continue
		}
		for _, w := range tc.want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%s %s: %s, want %s in it", tc.lang, tc.q, b, w)
			}
		}
		if tc.code != 200 {
			continue
		}
		var out struct {
			Shapes []map[string]any `json:"shapes"`
		}
		if err := json.Unmarshal(b, &out); err != nil {
			t.Errorf("%s %s: %v in %s", tc.lang, tc.q, err, b)
			continue
		}
		if len(out.Shapes) != tc.shapes {
			t.Errorf("%s %s: %d shapes, want %d: %s", tc.lang, tc.q, len(out.Shapes), tc.shapes, b)
		}
		for _, s := range out.Shapes {
			if s["type"] == "" || s["type"] == nil {
				t.Errorf("%s %s: shape without type: %v", tc.lang, tc.q, s)
			}
		}
		if testing.Verbose() {
			t.Logf("%s %s:\n%s", tc.lang, tc.q, b)
		}
	}
}

func countQuads(t *testing.T, h *cgraph.Handle) int64 {
	t.Helper()
	st, err := h.QuadStore.Stats(t.Context(), true)
	if err != nil {
		t.Fatal(err)
	}
	return st.Quads.Value
}

func TestWriteReadOnly(t *testing.T) {
	const nq = "<erin> <follows> <alice> .\n"
	tests := []struct {
		readOnly bool
		code     int
		added    int64
	}{
		{false, http.StatusOK, 1},
		{true, http.StatusForbidden, 0},
	}
	for _, tc := range tests {
		srv, h := newServer(t, Config{ReadOnly: tc.readOnly})
		before := countQuads(t, h)
		// The UI posts the editor's text as text/plain.
		resp, b := post(t, srv.URL+"/api/v2/write", "text/plain;charset=UTF-8", nq)
		if resp.StatusCode != tc.code {
			t.Errorf("read-only %v: write: %s %s, want %d", tc.readOnly, resp.Status, b, tc.code)
		}
		if tc.readOnly && !bytes.Contains(b, []byte(`"error"`)) {
			t.Errorf("read-only write answered %s, want a JSON error", b)
		}
		if got := countQuads(t, h) - before; got != tc.added {
			t.Errorf("read-only %v: write added %d quads, want %d", tc.readOnly, got, tc.added)
		}
		resp, b = post(t, srv.URL+"/api/v2/delete", "", quad.MakeIRI("alice", "follows", "bob", "").NQuad()+"\n")
		if resp.StatusCode != tc.code {
			t.Errorf("read-only %v: delete: %s %s, want %d", tc.readOnly, resp.Status, b, tc.code)
		}
	}
}

func TestKGHook(t *testing.T) {
	hook := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "kg page "+r.URL.Path)
	})
	tests := []struct {
		hook http.Handler
		path string
		code int
		body string
	}{
		{hook, "/kg/", 200, "kg page /"},
		{hook, "/kg/entities/x", 200, "kg page /entities/x"},
		{nil, "/kg/", 404, ""},
		{nil, "/health", 200, `"ok"`},
	}
	for _, tc := range tests {
		srv, _ := newServer(t, Config{KG: tc.hook})
		resp, b := get(t, srv.URL+tc.path)
		if resp.StatusCode != tc.code || !strings.Contains(string(b), tc.body) {
			t.Errorf("hook %v GET %s: %s %q, want %d %q", tc.hook != nil, tc.path, resp.Status, b, tc.code, tc.body)
		}
	}
}

func TestUIPatches(t *testing.T) {
	u, err := newUI()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range uiPatches {
		orig, err := fs.ReadFile(ui.FS, "web/"+p.file)
		if err != nil {
			t.Errorf("patch for %q: %v", p.why, err)
			continue
		}
		if n := bytes.Count(orig, []byte(p.old)); n != 1 {
			t.Errorf("patch for %q: the code to replace occurs %d times in %s, want once", p.why, n, p.file)
		}
		got := u.fixed["/"+p.file]
		if !bytes.Contains(got, []byte(p.new)) || bytes.Count(got, []byte(p.old)) > bytes.Count([]byte(p.new), []byte(p.old)) {
			t.Errorf("patch for %q not applied to %s", p.why, p.file)
		}
	}
}
