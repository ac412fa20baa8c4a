// Package web is kg's HTTP server: cayley's HTTP API v2 and its web query
// UI over a kg store, plus kg's own endpoints.
//
// It composes cayley's server/http and ui packages rather than
// reimplementing them. It does not open stores or run extraction itself;
// the caller passes an open handle.
package web

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	chttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/cayley/ui"
	"github.com/julienschmidt/httprouter"
)

// Config configures a Server.
type Config struct {
	ReadOnly     bool
	QueryTimeout time.Duration // per query; 0 means 30s
	QueryLimit   int           // maximum results per query; 0 means 10,000
}

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
	api := chttp.NewBoundAPIv2(h, r)
	api.SetReadOnly(cfg.ReadOnly)
	api.SetQueryTimeout(cfg.QueryTimeout)
	api.SetQueryLimit(cfg.QueryLimit)

	sub, err := fs.Sub(ui.FS, "web")
	if err != nil {
		return nil, err
	}
	r.NotFound = http.FileServer(http.FS(sub))
	return r, nil
}
