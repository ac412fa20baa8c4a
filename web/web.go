// Package web is kg's HTTP server: cayley's HTTP API v2 and its web query
// UI over a kg store, plus kg's own endpoints.
//
// It composes cayley's server/http and ui packages rather than
// reimplementing them. The UI is made to work offline: every asset it
// would fetch from a CDN (the Monaco editor, the Material Icons font) is
// embedded from assets/ (written by scripts/webassets.sh) and served under
// /vendor/, and the UI's files are rewritten at start-up so that they point
// there and send API calls to the origin that served them instead of a
// hard-coded http://localhost:64210. It also serves the query-shape
// endpoint the UI's Query Shape page calls (POST /api/v1/shape/{lang}),
// which cayley itself no longer serves.
//
// kg's own API (documents.go) takes articles over HTTP: POST
// /api/kg/v1/documents extracts facts from an article, as kg build does,
// and writes them into the store; DELETE /api/kg/v1/documents/{id} removes
// them; POST /api/kg/v1/extract extracts without storing. Its page
// (page/, served as Page under the /kg/ hook) posts articles there and
// shows the facts.
//
// It does not open stores itself; the caller passes an open handle (and,
// for the document endpoints, the kg store). It must not fetch anything
// from the network at run time.
package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
	chttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/cayley/ui"
	"github.com/julienschmidt/httprouter"

	"github.com/kg-project/kg/graph/store"

	// The query languages the UI offers.
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql"
	_ "github.com/cayleygraph/cayley/query/mql"
	// N-Quads, the format of the UI's Write page.
	_ "github.com/cayleygraph/quad/nquads"
)

// Config configures a Server.
type Config struct {
	ReadOnly     bool
	QueryTimeout time.Duration // per query; 0 means 30s
	QueryLimit   int           // maximum results per query; 0 means 10,000

	// KG, when set, is served under /kg/ (with that prefix stripped): the
	// hook for kg's own pages (Page is kg's article page). When nil, /kg/
	// answers 404; when set, the UI gets a link to /kg/.
	KG http.Handler

	// Store is the kg store the document endpoints write to (its Handle
	// is normally the handle passed to New). When nil they only extract
	// (POST /api/kg/v1/extract); writes answer 503.
	Store *store.Store
	// MaxBody is the largest article the document endpoints accept, in
	// bytes; 0 means DefaultMaxBody. It is capped at article.MaxSize.
	MaxBody int64
	// MinConfidence drops facts scored below it, as kg build's
	// --min-confidence does.
	MinConfidence float64

	// Token, when set, is required of every request that changes the
	// store (cayley's /api/v2/write, /api/v2/delete, /api/v2/node/delete;
	// POST and DELETE of /api/kg/v1/documents): "Authorization: Bearer
	// <Token>", or the answer is 401. Reads stay open.
	Token string
	// MaxWriteBody is the largest body of /api/v2/write and
	// /api/v2/delete, after gzip decompression; 0 means
	// DefaultMaxWriteBody. Other API bodies are limited to MaxQueryBody.
	MaxWriteBody int64
}

// VendorPrefix is the URL path under which the embedded third-party
// assets (assets/ in this package) are served.
const VendorPrefix = "/vendor/"

// MonacoBase is the local URL of Monaco's AMD module base ("vs").
const MonacoBase = VendorPrefix + "monaco-editor@0.18.1/min/vs"

// MaterialIconsCSS is the local URL of the Material Icons stylesheet.
const MaterialIconsCSS = VendorPrefix + "material-icons@1.13.14/material-icons.css"

// kgScriptPath is where kg.js, kg's small addition to the UI, is served.
const kgScriptPath = "/kg-ui.js"

// assets holds the third-party files the UI needs, gzipped; regenerate
// them with scripts/webassets.sh (or go generate).
//
//go:generate bash ../scripts/webassets.sh
//go:embed assets
var assets embed.FS

//go:embed kg.js
var kgScript []byte

// New returns the HTTP handler serving the API and the UI over h.
func New(h *cgraph.Handle, cfg Config) (http.Handler, error) {
	if cfg.QueryTimeout == 0 {
		cfg.QueryTimeout = 30 * time.Second
	}
	if cfg.QueryLimit == 0 {
		cfg.QueryLimit = 10000
	}
	r := httprouter.New()
	r.HandlerFunc(http.MethodGet, "/health", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
	})
	// Queries read through ctxStore, whose iterators stop at the query
	// timeout; writes go to h's writer as before.
	api := chttp.NewBoundAPIv2(&cgraph.Handle{QuadStore: ctxStore{h.QuadStore}, QuadWriter: h.QuadWriter}, r)
	api.SetReadOnly(cfg.ReadOnly)
	api.SetQueryTimeout(cfg.QueryTimeout)
	api.SetQueryLimit(cfg.QueryLimit)
	r.Handler(http.MethodPost, "/api/v1/shape/:lang", &shapeHandler{qs: h.QuadStore, timeout: cfg.QueryTimeout})
	writeMu := new(sync.RWMutex)
	docs := newDocAPI(cfg, writeMu)
	docs.register(r)

	r.Handler(http.MethodGet, VendorPrefix+"*file", http.HandlerFunc(serveVendor))
	r.Handler(http.MethodHead, VendorPrefix+"*file", http.HandlerFunc(serveVendor))
	kg := cfg.KG
	if kg == nil {
		kg = http.NotFoundHandler()
	}
	r.Handler(http.MethodGet, "/kg", http.RedirectHandler("/kg/", http.StatusMovedPermanently))
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete} {
		r.Handler(m, "/kg/*rest", http.StripPrefix("/kg", kg))
	}

	u, err := newUI()
	if err != nil {
		return nil, err
	}
	if cfg.KG != nil {
		u.linkKG()
	}
	r.NotFound = u
	maxWrite := cfg.MaxWriteBody
	if maxWrite <= 0 {
		maxWrite = DefaultMaxWriteBody
	}
	return &front{
		next: r, readOnly: cfg.ReadOnly, writeMu: writeMu, token: cfg.Token,
		maxWrite: maxWrite, maxArticle: docs.maxBody,
		lockReads: serializeReads(h.QuadStore),
	}, nil
}

// writePaths are cayley's API v2 endpoints that change the store.
var writePaths = map[string]bool{"/api/v2/write": true, "/api/v2/delete": true, "/api/v2/node/delete": true}

// front guards the store-changing endpoints: it refuses them when the
// server is read-only (cayley does too, but this does not depend on how
// cayley registers its routes) or when a token is set and the request
// does not carry it, and reads an untyped or text/plain body, which is
// what the UI's Write page posts, as N-Quads, the format the page edits.
// It also limits the size of every request body (guard.go).
type front struct {
	next     http.Handler
	readOnly bool
	writeMu  *sync.RWMutex // shared with the document endpoints: one writer at a time
	token    string        // required of writes when set
	// lockReads makes reads share writeMu: cayley's memstore has no
	// locking of its own, and a query reading its maps while a write
	// changes them crashes the process ("concurrent map read and map
	// write"). The other backends have transactions.
	lockReads bool

	maxWrite   int64 // body limit of cayley's write and delete
	maxArticle int64 // body limit of the document endpoints
}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if isWrite(r) {
		if f.readOnly {
			writeJSONError(w, http.StatusForbidden, "the store is served read-only: writes are refused")
			return
		}
		if f.token != "" && !authorized(r, f.token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kg"`)
			writeJSONError(w, http.StatusUnauthorized, "writes need the server's token: Authorization: Bearer <token>")
			return
		}
	}
	if !f.limitBody(w, r) {
		return
	}
	if f.lockReads && !isWrite(r) && readsStore(r) {
		f.writeMu.RLock()
		defer f.writeMu.RUnlock()
	}
	if r.URL.Path == "/api/v2/query" && strings.Contains(r.Header.Get("Accept"), "application/ld+json") {
		// The UI asks for JSON-LD in every language; MQL cannot answer
		// in it, so it gets plain JSON (the UI shows either).
		if lang := r.URL.Query().Get("lang"); !supportsJSONLD(lang) {
			r.Header.Set("Accept", "application/json")
		}
	}
	if writePaths[r.URL.Path] {
		if f.readOnly {
			writeJSONError(w, http.StatusForbidden, "the store is served read-only: writes are refused")
			return
		}
		ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
		switch strings.TrimSpace(strings.ToLower(ct)) {
		case "", "text/plain":
			r.Header.Set("Content-Type", "application/n-quads")
		}
		f.writeMu.Lock()
		defer f.writeMu.Unlock()
	}
	f.next.ServeHTTP(w, r)
}

func writeJSONError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// uiHandler serves cayley's UI files, rewritten for offline use.
type uiHandler struct {
	files http.Handler
	fixed map[string][]byte // rewritten files by URL path
}

var (
	cdnMonaco   = regexp.MustCompile(`https://cdn\.jsdelivr\.net/npm/(monaco-editor@[0-9][0-9A-Za-z.+-]*)/`)
	serverURL   = regexp.MustCompile(`"https?://localhost:64210"`)
	sourceMapJS = regexp.MustCompile(`(?m)^//# sourceMappingURL=\S+\s*$`)
	sourceMapCS = regexp.MustCompile(`/\*# sourceMappingURL=\S+ \*/`)
	googleIcons = regexp.MustCompile(`url\(["']?https://fonts\.googleapis\.com/icon\?family=Material\+Icons["']?\)`)
)

// serviceWorker replaces the UI's service worker, which loads Workbox from
// a CDN. The UI unregisters its worker anyway; this one only removes itself.
const serviceWorker = `// kg: no service worker; remove any registered one.
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function () { self.registration.unregister(); });
`

// uiPatch is a fix of a bug in cayley's compiled UI, applied to the
// minified code as an exact replacement.
type uiPatch struct {
	file     string // the UI file, e.g. "static/js/2.7d84b3fa.chunk.js"
	old, new string
	why      string
}

// uiPatches are checked by the tests: each must apply exactly once to the
// pinned cayley UI.
var uiPatches = []uiPatch{{
	file: "static/js/2.7d84b3fa.chunk.js",
	// @monaco-editor/react sets the editor's text to its value prop when the
	// language changes; the query editors have no value prop, so choosing
	// GraphQL or MQL called setValue(undefined), which throws in Monaco and
	// unmounts the whole UI. Keep the text instead.
	old: `O.current.setValue(t),w.current.editor.setModelLanguage(O.current.getModel(),n)`,
	new: `void 0!==t&&O.current.setValue(t),w.current.editor.setModelLanguage(O.current.getModel(),n)`,
	why: "switching the query language crashed the UI",
}}

// rewrite returns the offline version of the UI file at name.
func rewrite(name string, b []byte) []byte {
	for _, p := range uiPatches {
		if p.file == name {
			b = bytes.Replace(b, []byte(p.old), []byte(p.new), 1)
		}
	}
	switch {
	case name == "service-worker.js":
		return []byte(serviceWorker)
	case strings.HasSuffix(name, ".js"):
		b = cdnMonaco.ReplaceAll(b, []byte(VendorPrefix+"$1/"))
		// "" makes the UI's API calls relative to the page's origin.
		b = serverURL.ReplaceAll(b, []byte(`""`))
		b = sourceMapJS.ReplaceAll(b, nil)
	case strings.HasSuffix(name, ".css"):
		b = googleIcons.ReplaceAll(b, []byte("url("+MaterialIconsCSS+")"))
		b = sourceMapCS.ReplaceAll(b, nil)
	case name == "index.html":
		// kg.js goes first, so that it wraps fetch before the UI uses it.
		script := fmt.Sprintf(`<script src="%s"></script>`, kgScriptPath)
		b = bytes.Replace(b, []byte("<script>"), []byte(script+"<script>"), 1)
	}
	return b
}

func newUI() (*uiHandler, error) {
	sub, err := fs.Sub(ui.FS, "web")
	if err != nil {
		return nil, fmt.Errorf("web: cayley UI files: %w", err)
	}
	u := &uiHandler{files: http.FileServer(http.FS(sub)), fixed: map[string][]byte{}}
	err = fs.WalkDir(sub, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(name) {
		case ".html", ".js", ".css":
		default:
			return nil
		}
		b, err := fs.ReadFile(sub, name)
		if err != nil {
			return fmt.Errorf("web: cayley UI file %s: %w", name, err)
		}
		u.fixed["/"+name] = rewrite(name, b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	idx, ok := u.fixed["/index.html"]
	if !ok {
		return nil, fmt.Errorf("web: cayley UI has no index.html")
	}
	u.fixed["/"] = idx
	u.fixed[kgScriptPath] = kgScript
	return u, nil
}

// kgPageMeta tells kg.js that the server has kg's page, so that it links
// to it from the UI.
const kgPageMeta = `<meta name="kg-page" content="/kg/">`

// linkKG adds kgPageMeta to the UI's index page.
func (u *uiHandler) linkKG() {
	idx := bytes.Replace(u.fixed["/index.html"], []byte("<head>"), []byte("<head>"+kgPageMeta), 1)
	u.fixed["/index.html"] = idx
	u.fixed["/"] = idx
}

var start = time.Now()

func (u *uiHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeJSONError(w, http.StatusNotFound, fmt.Sprintf("no %s %s", r.Method, r.URL.Path))
		return
	}
	p := r.URL.Path
	if strings.HasSuffix(p, ".map") {
		// Source maps carry the unrewritten sources; nothing refers to them.
		http.NotFound(w, r)
		return
	}
	if b, ok := u.fixed[p]; ok {
		switch {
		case strings.HasPrefix(p, "/static/"):
			// Content-hashed names: the content never changes.
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		default:
			w.Header().Set("Cache-Control", "no-cache")
		}
		name := p
		if name == "/" {
			name = "/index.html"
		}
		http.ServeContent(w, r, name, start, bytes.NewReader(b))
		return
	}
	u.files.ServeHTTP(w, r)
}

var jsonLD sync.Map // language name → bool

// supportsJSONLD reports whether cayley's API can answer a query in lang
// as JSON-LD: whether the language has its own HTTP handler, or its
// sessions accept the JSON-LD collation (asked once, on an empty store).
func supportsJSONLD(lang string) bool {
	if v, ok := jsonLD.Load(lang); ok {
		return v.(bool)
	}
	l := query.GetLanguage(lang)
	if l == nil {
		return true // cayley reports the unknown language itself
	}
	ok := l.HTTPQuery != nil
	if !ok && l.Session != nil {
		func() {
			defer func() { recover() }()
			it, err := l.Session(memstore.New()).Execute(context.Background(), "", query.Options{Collation: query.JSONLD, Limit: 1})
			var unsupported *query.ErrUnsupportedCollation
			ok = !errors.As(err, &unsupported)
			if it != nil {
				it.Close()
			}
		}()
	}
	jsonLD.Store(lang, ok)
	return ok
}
