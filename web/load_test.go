package web

import (
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/graph/store"
	"github.com/kg-project/kg/queries"
)

// The load test runs KG_LOAD_CLIENTS (default 32) clients against a
// server on loopback for KG_LOAD_SECONDS (default 8; 2 under -short),
// each mixing saved queries, ad-hoc Gizmo, document reads, article posts
// and deletes, the posts and deletes on document ids of their own. It
// then checks that no request failed and that the store holds exactly
// the quads that writing the surviving documents one after another into
// an empty store gives.
//
//	KG_LOAD_SECONDS=60 go test ./web -run TestLoad -v
//	go test ./web -run '^$' -bench BenchmarkLoad -benchtime 1x

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// loadTexts returns short articles: the first paragraphs of the
// repository's sample articles.
func loadTexts(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob("../testdata/goldfacts/*.txt")
	more, _ := filepath.Glob("../testdata/*.txt")
	files = append(files, more...)
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if len(s) > 1200 {
			if i := strings.LastIndex(s[:1200], ". "); i > 200 {
				s = s[:i+1]
			} else {
				s = s[:1200]
			}
		}
		texts = append(texts, s)
	}
	texts = append(texts, testArticle)
	return texts
}

// adhocGizmo are ad-hoc queries of the kinds people type in the UI.
var adhocGizmo = []string{
	`g.V().has("<rdf:type>").limit(20).all()`,
	`g.V().in("<kg:inDocument>").limit(10).all()`,
	`g.V().out("<kg:subject>").tag("s").back("s").limit(20).all()`,
	`g.emit(g.V().count())`,
	`g.V().hasR("<kg:mentionedIn>").limit(5).out().all()`,
}

type loadKind string

const (
	kSaved  loadKind = "saved query"
	kGizmo  loadKind = "ad-hoc gizmo"
	kGet    loadKind = "get document"
	kPost   loadKind = "post article"
	kDelete loadKind = "delete document"
)

var loadKinds = []loadKind{kSaved, kGizmo, kGet, kPost, kDelete}

// loadResult gathers what the clients saw.
type loadResult struct {
	mu      sync.Mutex
	lat     map[loadKind][]time.Duration
	codes   map[loadKind]map[int]int
	bad     []string // unexpected answers, first few
	nbad    int
	live    map[string]string // document id → text, as the clients left them
	elapsed time.Duration
}

func (r *loadResult) record(k loadKind, code int, d time.Duration, ok bool, what string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lat[k] = append(r.lat[k], d)
	if r.codes[k] == nil {
		r.codes[k] = map[int]int{}
	}
	r.codes[k][code]++
	if !ok {
		r.nbad++
		if len(r.bad) < 10 {
			r.bad = append(r.bad, what)
		}
	}
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := int(p*float64(len(ds)-1) + 0.5)
	return ds[i]
}

// report is the table of figures.
func (r *loadResult) report(clients int) string {
	var b strings.Builder
	total := 0
	fmt.Fprintf(&b, "%d clients, %.1f s\n%-16s %7s %8s %8s %8s %8s  %s\n", clients, r.elapsed.Seconds(), "kind", "count", "p50", "p95", "p99", "max", "status codes")
	for _, k := range loadKinds {
		ds := r.lat[k]
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		total += len(ds)
		var codes []string
		for c, n := range r.codes[k] {
			codes = append(codes, fmt.Sprintf("%d×%d", c, n))
		}
		sort.Strings(codes)
		ms := func(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
		fmt.Fprintf(&b, "%-16s %7d %8s %8s %8s %8s  %s\n", k, len(ds), ms(pct(ds, .5)), ms(pct(ds, .95)), ms(pct(ds, .99)), ms(pct(ds, 1)), strings.Join(codes, " "))
	}
	fmt.Fprintf(&b, "total %d requests, %.0f requests/s, %d unexpected answers", total, float64(total)/r.elapsed.Seconds(), r.nbad)
	return b.String()
}

// runLoad runs the clients against base until dur has passed.
func runLoad(t testing.TB, base string, clients int, dur time.Duration, texts []string) *loadResult {
	t.Helper()
	var saved []string
	for _, q := range queries.All() {
		src, err := q.Source(nil)
		if err != nil {
			t.Fatal(err)
		}
		saved = append(saved, src)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	res := &loadResult{lat: map[loadKind][]time.Duration{}, codes: map[loadKind]map[int]int{}, live: map[string]string{}}
	do := func(method, u, ctype, body string) (int, string, time.Duration, error) {
		req, err := http.NewRequest(method, u, strings.NewReader(body))
		if err != nil {
			return 0, "", 0, err
		}
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, "", time.Since(start), err
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(b), time.Since(start), err
	}
	start := time.Now()
	deadline := start.Add(dur)
	var wg sync.WaitGroup
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(w)))
			live := map[string]string{}
			var ids []string
			n := 0
			for time.Now().Before(deadline) {
				var (
					k      loadKind
					code   int
					body   string
					d      time.Duration
					err    error
					wantOK = func(c int) bool { return c == 200 }
				)
				switch x := rng.Intn(100); {
				case x < 35:
					k = kSaved
					code, body, d, err = do("POST", base+"/api/v2/query?lang=gizmo", "text/plain", saved[rng.Intn(len(saved))])
				case x < 70:
					k = kGizmo
					code, body, d, err = do("POST", base+"/api/v2/query?lang=gizmo", "text/plain", adhocGizmo[rng.Intn(len(adhocGizmo))])
				case x < 80 || len(ids) == 0:
					k = kPost
					id := fmt.Sprintf("load-w%d-%d", w, n)
					n++
					text := texts[rng.Intn(len(texts))]
					code, body, d, err = do("POST", base+DocumentsPath+"?id="+id, "text/plain", text)
					wantOK = func(c int) bool { return c == 201 }
					if err == nil && code == 201 {
						live[id] = text
						ids = append(ids, id)
					}
				case x < 90:
					k = kGet
					code, body, d, err = do("GET", base+DocumentsPath+"/"+ids[rng.Intn(len(ids))], "", "")
				default:
					k = kDelete
					i := rng.Intn(len(ids))
					id := ids[i]
					code, body, d, err = do("DELETE", base+DocumentsPath+"/"+id, "", "")
					if err == nil && code == 200 {
						delete(live, id)
						ids = append(ids[:i], ids[i+1:]...)
					}
				}
				ok := err == nil && wantOK(code)
				what := fmt.Sprintf("%s: %d %v %.200s", k, code, err, body)
				res.record(k, code, d, ok, what)
			}
			res.mu.Lock()
			for id, text := range live {
				res.live[id] = text
			}
			res.mu.Unlock()
		}(w)
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// expectedStore writes the documents one after another into an empty
// store, as POST /api/kg/v1/documents does (text/plain, ?id=).
func expectedStore(t testing.TB, docs map[string]string) *store.Store {
	t.Helper()
	st, err := store.Open(store.Options{Backend: "memstore"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		a, err := article.Parse("-", id, []byte(docs[id]))
		if err != nil {
			t.Fatalf("document %s: %v", id, err)
		}
		a.Source = "" // readArticle takes it from ?url=
		fd := extract.Extract(a, extract.Options{})
		fd.Extractor = extract.Fingerprint(extract.Options{})
		if _, err := st.WriteDocument(t.Context(), fd); err != nil {
			t.Fatalf("document %s: %v", id, err)
		}
	}
	return st
}

// loadServer serves a store of backend KG_LOAD_BACKEND (memstore by
// default; bolt and leveldb in a temporary directory).
func loadServer(t testing.TB) (*httptest.Server, *store.Store) {
	t.Helper()
	backend := os.Getenv("KG_LOAD_BACKEND")
	if backend == "" || backend == "memstore" {
		return newDocServer(t, Config{})
	}
	st, err := store.Open(store.Options{Backend: backend, Path: filepath.Join(t.TempDir(), "kg."+backend)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h, err := New(st.Handle, Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, st
}

func TestLoad(t *testing.T) {
	secs := envInt("KG_LOAD_SECONDS", 8)
	if testing.Short() && os.Getenv("KG_LOAD_SECONDS") == "" {
		secs = 2
	}
	clients := envInt("KG_LOAD_CLIENTS", 32)
	if err := extract.Ready(); err != nil {
		t.Fatal(err)
	}
	texts := loadTexts(t)
	srv, st := loadServer(t)
	// Seed documents, so that the queries have something to find.
	seed := map[string]string{}
	for i, text := range texts {
		id := fmt.Sprintf("seed-%d", i)
		if resp, b := post(t, srv.URL+DocumentsPath+"?id="+id, "text/plain", text); resp.StatusCode != 201 {
			t.Fatalf("seeding %s: %s %s", id, resp.Status, b)
		}
		seed[id] = text
	}
	res := runLoad(t, srv.URL, clients, time.Duration(secs)*time.Second, texts)
	t.Logf("load:\n%s", res.report(clients))
	for _, b := range res.bad {
		t.Errorf("unexpected answer: %s", b)
	}
	for k, codes := range res.codes {
		for c, n := range codes {
			if c >= 500 {
				t.Errorf("%s: %d answers %d", k, n, c)
			}
		}
	}
	if len(res.lat[kPost]) == 0 || len(res.lat[kDelete]) == 0 || len(res.lat[kSaved]) == 0 {
		t.Errorf("the mix did not run every kind of request: %v", res.codes)
	}
	// No lost or duplicated facts: the store equals the sequential one.
	for id, text := range seed {
		res.live[id] = text
	}
	got := storeQuads(t, st)
	want := storeQuads(t, expectedStore(t, res.live))
	if !equalStrings(got, want) {
		gs, ws := map[string]bool{}, map[string]bool{}
		for _, q := range got {
			gs[q] = true
		}
		for _, q := range want {
			ws[q] = true
		}
		var extra, missing []string
		for _, q := range got {
			if !ws[q] {
				extra = append(extra, q)
			}
		}
		for _, q := range want {
			if !gs[q] {
				missing = append(missing, q)
			}
		}
		t.Errorf("the store after the load has %d quads, writing the %d surviving documents one after another gives %d: %d extra (e.g. %q), %d missing (e.g. %q)",
			len(got), len(res.live), len(want), len(extra), extra[:min(3, len(extra))], len(missing), missing[:min(3, len(missing))])
	} else {
		t.Logf("store: %d quads from %d documents, as written one after another", len(got), len(res.live))
	}
}

// BenchmarkLoad runs the load mix once per iteration and reports its
// throughput and latency.
func BenchmarkLoad(b *testing.B) {
	secs := envInt("KG_LOAD_SECONDS", 8)
	clients := envInt("KG_LOAD_CLIENTS", 32)
	if err := extract.Ready(); err != nil {
		b.Fatal(err)
	}
	texts := loadTexts(b)
	srv, _ := loadServer(b)
	for i, text := range texts {
		post(b, srv.URL+DocumentsPath+"?id="+fmt.Sprintf("seed-%d", i), "text/plain", text)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := runLoad(b, srv.URL, clients, time.Duration(secs)*time.Second, texts)
		b.Logf("load:\n%s", res.report(clients))
		total := 0
		for _, ds := range res.lat {
			total += len(ds)
		}
		b.ReportMetric(float64(total)/res.elapsed.Seconds(), "req/s")
		b.ReportMetric(float64(res.nbad), "errors")
		for _, k := range []loadKind{kSaved, kPost} {
			ds := res.lat[k]
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			b.ReportMetric(float64(pct(ds, .95).Microseconds())/1000, "p95-ms-"+strings.ReplaceAll(string(k), " ", "-"))
		}
	}
}
