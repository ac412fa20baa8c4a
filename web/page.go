package web

import (
	"embed"
	"io/fs"
	"net/http"
)

// pageFiles is kg's article page: plain HTML, CSS and JavaScript that
// use only the server they came from.
//
//go:embed page
var pageFiles embed.FS

// Page returns the handler of kg's article page, to be passed as
// Config.KG (it expects the /kg prefix stripped). The page posts an
// article to the document endpoints and shows the sentences with their
// facts highlighted, the facts and the entities, each entity linked to
// the UI's Query page with a query for its facts.
func Page() http.Handler {
	sub, err := fs.Sub(pageFiles, "page")
	if err != nil {
		// Cannot happen: page/ is embedded at build time.
		return http.NotFoundHandler()
	}
	files := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeJSONError(w, http.StatusMethodNotAllowed, "the kg page is read with GET")
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}
