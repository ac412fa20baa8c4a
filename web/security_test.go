package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
)

// send makes one request with optional headers; a nil-length body (when
// chunked is set) makes the client send it chunked, with no length.
func send(t testing.TB, method, u, ctype, body string, chunked bool, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader = strings.NewReader(body)
	if chunked {
		rd = io.MultiReader(rd) // hides the length
	}
	if body == "" {
		rd = nil
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
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

// writeRoute is a request that changes the store (when it succeeds).
type writeRoute struct {
	name, method, path, ctype, body string
	ok                              int // status of a successful write
}

// writeRoutes are all the requests that change the store; docID must be
// stored already for the DELETE to succeed.
func writeRoutes(docID string) []writeRoute {
	return []writeRoute{
		{"cayley write", "POST", "/api/v2/write", "application/n-quads", "<zed> <follows> <alice> .\n", 200},
		{"cayley write text/plain", "POST", "/api/v2/write", "text/plain", "<zed> <follows> <bob> .\n", 200},
		{"cayley delete", "POST", "/api/v2/delete", "application/n-quads", "<erin> <follows> <alice> .\n", 200},
		{"cayley node delete", "POST", "/api/v2/node/delete", "application/n-quads", "<erin>", 200},
		{"document post", "POST", DocumentsPath + "?id=tok", "text/plain", "Merkel met Macron in Berlin.", 201},
		{"document post json", "POST", DocumentsPath, "application/json", `{"id":"tokjson","text":"Macron thanked Merkel."}`, 201},
		{"document delete", "DELETE", DocumentsPath + "/" + docID, "", "", 200},
		{"document put", "PUT", DocumentsPath + "/" + docID, "text/plain", "x", 405},
		{"odd path", "POST", "/api/v2/./write", "application/n-quads", "<zed> <follows> <fred> .\n", 200},
	}
}

func TestReadOnlyRefusesEveryWrite(t *testing.T) {
	srv, st := newDocServer(t, Config{ReadOnly: true})
	if _, err := st.QuadStore.Stats(t.Context(), true); err != nil {
		t.Fatal(err)
	}
	// Put a document and some quads in directly, so that deletes have
	// something to delete.
	if err := st.AddQuadSet(testQuads); err != nil {
		t.Fatal(err)
	}
	before := storeQuads(t, st)
	for _, wr := range writeRoutes("anything") {
		t.Run(wr.name, func(t *testing.T) {
			resp, b := send(t, wr.method, srv.URL+wr.path, wr.ctype, wr.body, false, nil)
			if resp.StatusCode == wr.ok || resp.StatusCode/100 == 2 {
				t.Fatalf("%s %s on a read-only server: %s %s", wr.method, wr.path, resp.Status, b)
			}
			if resp.StatusCode != http.StatusForbidden && !(resp.StatusCode == http.StatusTemporaryRedirect || resp.StatusCode == http.StatusPermanentRedirect) {
				t.Errorf("%s %s: %s %s, want 403", wr.method, wr.path, resp.Status, b)
			}
		})
	}
	if after := storeQuads(t, st); !equalStrings(before, after) {
		t.Errorf("a read-only server changed the store: %d quads before, %d after", len(before), len(after))
	}
	// Reads and dry runs stay open.
	for _, p := range []string{"/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(`g.V("<alice>").out().all()`), "/api/v2/read?format=nquads", StatusPath} {
		if resp, b := get(t, srv.URL+p); resp.StatusCode != 200 {
			t.Errorf("GET %s on a read-only server: %s %s", p, resp.Status, b)
		}
	}
	if resp, b := post(t, srv.URL+DocumentsPath+"?dry_run=1", "text/plain", "Merkel met Macron."); resp.StatusCode != 200 {
		t.Errorf("dry run on a read-only server: %s %s", resp.Status, b)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTokenGuardsWrites(t *testing.T) {
	const token = "s3cret-token"
	for _, wr := range writeRoutes("tokdoc") {
		t.Run(wr.name, func(t *testing.T) {
			srv, st := newDocServer(t, Config{Token: token})
			erin := []quad.Quad{quad.MakeIRI("erin", "follows", "alice", ""), quad.MakeIRI("erin", "follows", "bob", "")}
			if err := st.AddQuadSet(append(erin, testQuads...)); err != nil {
				t.Fatal(err)
			}
			if resp, b := send(t, "POST", srv.URL+DocumentsPath+"?id=tokdoc", "text/plain", "Merkel met Macron in Berlin.", false, map[string]string{"Authorization": "Bearer " + token}); resp.StatusCode != 201 {
				t.Fatalf("storing the document with the token: %s %s", resp.Status, b)
			}
			before := storeQuads(t, st)
			for _, auth := range []string{"", "Bearer", "Bearer wrong", "Bearer " + token + "x", "Bearer " + token[:len(token)-1], "Basic " + token, token} {
				hdr := map[string]string{}
				if auth != "" {
					hdr["Authorization"] = auth
				}
				resp, b := send(t, wr.method, srv.URL+wr.path, wr.ctype, wr.body, false, hdr)
				if resp.StatusCode != http.StatusUnauthorized {
					t.Errorf("Authorization %q: %s %s, want 401", auth, resp.Status, b)
				}
				if resp.StatusCode == http.StatusUnauthorized && resp.Header.Get("WWW-Authenticate") == "" {
					t.Errorf("401 without WWW-Authenticate")
				}
			}
			if after := storeQuads(t, st); !equalStrings(before, after) {
				t.Fatalf("refused writes changed the store: %d quads before, %d after", len(before), len(after))
			}
			resp, b := send(t, wr.method, srv.URL+wr.path, wr.ctype, wr.body, false, map[string]string{"Authorization": "Bearer " + token})
			if resp.StatusCode != wr.ok {
				t.Errorf("with the right token: %s %s, want %d", resp.Status, b, wr.ok)
			}
			if wr.ok/100 == 2 && equalStrings(before, storeQuads(t, st)) {
				t.Errorf("the authorized write did not change the store")
			}
			// Reads need no token.
			for _, p := range []string{"/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(`g.V().limit(1).all()`), "/api/v2/read?format=nquads", DocumentsPath + "/tokdoc", "/"} {
				if resp, b := get(t, srv.URL+p); resp.StatusCode != 200 && !(p == DocumentsPath+"/tokdoc" && wr.method == "DELETE") {
					t.Errorf("GET %s without a token: %s %.200s", p, resp.Status, b)
				}
			}
		})
	}
}

// TestNoTokenWritesAllowed: on loopback without a token (kg serve's
// default), writes need no Authorization.
func TestNoTokenWritesAllowed(t *testing.T) {
	srv, st := newDocServer(t, Config{})
	if err := st.AddQuadSet([]quad.Quad{quad.MakeIRI("erin", "follows", "alice", ""), quad.MakeIRI("erin", "follows", "bob", "")}); err != nil {
		t.Fatal(err)
	}
	if resp, b := send(t, "POST", srv.URL+DocumentsPath+"?id=tokdoc", "text/plain", "Merkel met Macron in Berlin.", false, nil); resp.StatusCode != 201 {
		t.Fatalf("storing the document: %s %s", resp.Status, b)
	}
	for _, wr := range writeRoutes("tokdoc") {
		resp, b := send(t, wr.method, srv.URL+wr.path, wr.ctype, wr.body, false, nil)
		if resp.StatusCode != wr.ok {
			t.Errorf("%s: %s %s, want %d", wr.name, resp.Status, b, wr.ok)
		}
	}
}

func gzipped(s string) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.String()
}

func TestBodyLimits(t *testing.T) {
	const maxWrite, maxArticle = 4096, 2048
	srv, st := newDocServer(t, Config{MaxWriteBody: maxWrite, MaxBody: maxArticle})
	bigNQ := strings.Repeat("<a> <b> <c> .\n", maxWrite/14+10)
	bigQuery := `g.V("` + strings.Repeat("x", MaxQueryBody) + `").all()`
	for _, tc := range []struct {
		name, method, path, ctype, body string
		hdr                             map[string]string
		want                            int
	}{
		{"write", "POST", "/api/v2/write", "application/n-quads", bigNQ, nil, 413},
		{"write gzip bomb", "POST", "/api/v2/write", "application/n-quads", gzipped(strings.Repeat("<a> <b> <c> .\n", 100000)), map[string]string{"Content-Encoding": "gzip"}, 413},
		{"write gzip small", "POST", "/api/v2/write", "application/n-quads", gzipped("<z> <b> <c> .\n"), map[string]string{"Content-Encoding": "gzip"}, 200},
		{"write bad gzip", "POST", "/api/v2/write", "application/n-quads", "not gzip", map[string]string{"Content-Encoding": "gzip"}, 400},
		{"delete", "POST", "/api/v2/delete", "application/n-quads", bigNQ, nil, 413},
		{"node delete", "POST", "/api/v2/node/delete", "application/n-quads", "<" + strings.Repeat("n", MaxQueryBody) + ">", nil, 413},
		{"query", "POST", "/api/v2/query?lang=gizmo", "text/plain", bigQuery, nil, 413},
		{"query graphql", "POST", "/api/v2/query?lang=graphql", "text/plain", "{" + strings.Repeat(" ", MaxQueryBody) + "}", nil, 413},
		{"query under limit", "POST", "/api/v2/query?lang=gizmo", "text/plain", `g.V("<alice>").all()`, nil, 200},
		{"read", "POST", "/api/v2/read", "application/x-www-form-urlencoded", "sub=" + strings.Repeat("x", MaxQueryBody), nil, 413},
		{"shape", "POST", "/api/v1/shape/gizmo", "text/plain", bigQuery, nil, 413},
		{"document", "POST", DocumentsPath + "?id=big", "text/plain", strings.Repeat("Merkel met Macron. ", maxArticle/19+10), nil, 413},
		{"extract", "POST", ExtractPath, "text/plain", strings.Repeat("Merkel met Macron. ", maxArticle/19+10), nil, 413},
		{"unknown api route", "POST", "/api/v2/nothing", "text/plain", bigQuery, nil, 413},
	} {
		for _, chunked := range []bool{false, true} {
			name := tc.name
			if chunked {
				name += " chunked"
			}
			t.Run(name, func(t *testing.T) {
				before := len(storeQuads(t, st))
				resp, b := send(t, tc.method, srv.URL+tc.path, tc.ctype, tc.body, chunked, tc.hdr)
				if resp.StatusCode != tc.want {
					t.Errorf("%s %s (%d bytes): %s %.300s, want %d", tc.method, tc.path, len(tc.body), resp.Status, b, tc.want)
				}
				if tc.want == 413 {
					if after := len(storeQuads(t, st)); after != before {
						t.Errorf("a refused body changed the store: %d quads, then %d", before, after)
					}
					var e map[string]string
					if json.Unmarshal(b, &e) != nil || e["error"] == "" {
						t.Errorf("413 without a JSON error: %.300s", b)
					}
				}
			})
		}
	}
}

// TestGizmoSandbox tries to reach files, sockets and processes from a
// Gizmo query: each must fail or return nothing, and nothing may connect
// out or show a file's content.
func TestGizmoSandbox(t *testing.T) {
	secret := t.TempDir() + "/secret.txt"
	const content = "TOP-SECRET-CONTENT-4711"
	if err := os.WriteFile(secret, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var dialed atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			dialed.Add(1)
			c.Close()
		}
	}()
	target := "http://" + ln.Addr().String() + "/"
	srv, _ := newServer(t, Config{QueryTimeout: 5 * time.Second})
	js := func(s string) string { return strings.NewReplacer("FILE", secret, "URL", target).Replace(s) }
	queries := []string{
		`require("fs").readFileSync("FILE", "utf8")`,
		`g.emit(require("child_process").execSync("cat FILE").toString())`,
		`g.emit(process.env)`,
		`g.emit(process.mainModule.require("fs").readFileSync("FILE","utf8"))`,
		`g.emit(os.readFile("FILE"))`,
		`g.emit(fetch("URL"))`,
		`var x = new XMLHttpRequest(); x.open("GET", "URL", false); x.send(); g.emit(x.responseText)`,
		`import("fs").then(function(fs){ g.emit(fs.readFileSync("FILE")) })`,
		`load("FILE")`,
		`g.emit(readFile("FILE"))`,
		`g.emit(open("FILE").read())`,
		`g.emit(Deno.readTextFileSync("FILE"))`,
		`g.emit(Bun.file("FILE"))`,
		`g.emit(java.io.File("FILE"))`,
		`g.emit(this.constructor.constructor("return process")().env)`,
		`g.emit(Function("return this")().require("fs"))`,
		`g.emit(new WebSocket("URL"))`,
		`g.emit(console.log("x"))`,
		`g.emit(g.s)`,
		`g.emit(Object.getOwnPropertyNames(Object.getPrototypeOf(g)))`,
		`g.V("FILE").all()`,
		`g.emit(g.loadNamespaces())`,
		`g.addNamespace("f", "file://FILE"); g.V(g.IRI("f:")).all()`,
	}
	for _, q := range queries {
		q := js(q)
		t.Run(q, func(t *testing.T) {
			resp, b := post(t, srv.URL+"/api/v2/query?lang=gizmo", "text/plain", q)
			if bytes.Contains(b, []byte(content)) {
				t.Fatalf("the query read the file: %s", b)
			}
			if resp.StatusCode/100 == 5 {
				t.Errorf("%s %s", resp.Status, b)
			}
			var res struct {
				Result []any  `json:"result"`
				Error  string `json:"error"`
			}
			if err := json.Unmarshal(b, &res); err != nil {
				t.Fatalf("answer %s: %v", b, err)
			}
			if res.Error == "" {
				// Allowed only when it returns nothing of the outside.
				for _, r := range res.Result {
					s, _ := json.Marshal(r)
					if bytes.Contains(s, []byte("root:")) || bytes.Contains(s, []byte("PATH")) {
						t.Errorf("result %s", s)
					}
				}
			}
			t.Logf("%s → %s %.160s", q, resp.Status, b)
		})
	}
	// The global object has nothing but ECMAScript's and Gizmo's names.
	resp, b := post(t, srv.URL+"/api/v2/query?lang=gizmo", "text/plain", `g.emit(Object.getOwnPropertyNames(this).sort())`)
	var res struct {
		Result [][]string `json:"result"`
	}
	if err := json.Unmarshal(b, &res); err != nil || len(res.Result) != 1 {
		t.Fatalf("globals: %s %s (%v)", resp.Status, b, err)
	}
	allowed := map[string]bool{}
	for _, n := range strings.Fields(ecmaGlobals + " GoError graph g iri bnode raw str lang typed lt lte gt gte regex like") {
		allowed[n] = true
	}
	for _, n := range res.Result[0] {
		if !allowed[n] {
			t.Errorf("global %q is neither ECMAScript's nor Gizmo's", n)
		}
	}
	time.Sleep(50 * time.Millisecond)
	if n := dialed.Load(); n != 0 {
		t.Errorf("queries opened %d connections", n)
	}
}

// ecmaGlobals are the global names of ECMAScript (2022) itself.
const ecmaGlobals = `globalThis Infinity NaN undefined eval isFinite isNaN parseFloat parseInt
decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape
Object Function Array String Boolean Number BigInt Symbol Date Promise RegExp Map Set WeakMap WeakSet WeakRef FinalizationRegistry
Proxy Reflect JSON Math Error EvalError RangeError ReferenceError SyntaxError TypeError URIError AggregateError
ArrayBuffer SharedArrayBuffer DataView Atomics Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array
Float32Array Float64Array BigInt64Array BigUint64Array`
